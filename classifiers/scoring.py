"""How good a type model is, and whether a candidate may replace the model in service.

A model is scored on texts it was never trained on: the foreign evaluation set (mail written
by other hands, ``bench/foreign/``: each JSON file holds its pages' text and its label) and the
operators' corrections held back from training (storage/corrections.py). The score is the
share of documents whose best guess is the right type, overall and per type.

The promotion rule: a candidate replaces the model in service only if it is not worse on any
set both were scored on, by more than a tolerance (in points); the report says by how much,
in French, for the person who reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from config.errors import AiguillageError, ExitCode

SETS = {"foreign": "sur le jeu étranger", "corrections": "sur les corrections réservées"}


class EvaluationSetError(AiguillageError):
    """The evaluation set cannot be read (exit 2: a setting or a file to fix)."""

    exit_code = ExitCode.USAGE


def read_labelled_set(folder: Path) -> list[tuple[str, str]]:
    """(text, type) of every ``*.json`` document under ``folder`` (one level of sub-folders):
    ``{"pages": ["…", …], "label": {"type": "…"}}``, the foreign set's format."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvaluationSetError(f"jeu d'évaluation introuvable : {folder}",
                                 fix="corrigez le réglage model.evaluation_dir")
    out = []
    for f in sorted([*folder.glob("*.json"), *folder.glob("*/*.json")]):
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
            text, label = "\n\n".join(doc["pages"]), doc["label"]["type"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EvaluationSetError(f"document d'évaluation illisible : {f} ({type(exc).__name__})",
                                     fix="chaque fichier tient « pages » (textes) et « label » : {« type »}") from None
        if isinstance(text, str) and text.strip() and isinstance(label, str):
            out.append((text, label))
    return out


def score(model, examples: Sequence[tuple[str, str]]) -> dict:
    """``{"accuracy", "documents", "per_type": {type: {"accuracy", "documents"}}}``: the share
    of ``examples`` whose most likely type (before any cap on the confidence) is the label."""
    if not examples:
        return {"accuracy": None, "documents": 0, "per_type": {}}
    guesses = [max(p, key=p.get) for p in model.raw_many([t for t, _ in examples])]
    per_type: dict[str, list[int]] = {}
    for guess, (_, truth) in zip(guesses, examples):
        right, seen = per_type.setdefault(truth, [0, 0])
        per_type[truth] = [right + (guess == truth), seen + 1]
    right = sum(r for r, _ in per_type.values())
    return {"accuracy": round(right / len(examples), 4), "documents": len(examples),
            "per_type": {t: {"accuracy": round(r / n, 4), "documents": n} for t, (r, n) in sorted(per_type.items())}}


def percent(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def points(delta: float) -> str:
    """Signed points in French: ``+1,7 point``, ``−2,2 points``."""
    p = round(delta * 100, 1)
    sign = "+" if p > 0 else ("−" if p < 0 else "±")
    return f"{sign}{abs(p):.1f}".replace(".", ",") + (" point" if abs(p) < 2 else " points")


@dataclass(frozen=True)
class Verdict:
    promote: bool
    report: str  # one French sentence: refused or promoted, and by how much
    deltas: dict  # set -> candidate minus model in service (a share, not points)


def compare(candidate: dict, current: dict, tolerance_points: float, current_name: str = "le modèle en service") -> Verdict:
    """The promotion rule: ``candidate`` and ``current`` are ``{set: score(...)}`` on the same
    texts. Not worse than ``current`` by more than ``tolerance_points`` on every set scored for
    both; with no such set, refused (nothing says it is not worse)."""
    parts, worse, deltas = [], [], {}
    for name, words in SETS.items():
        c, s = candidate.get(name) or {}, current.get(name) or {}
        if not c.get("documents") or c.get("accuracy") is None or s.get("accuracy") is None:
            continue
        delta = c["accuracy"] - s["accuracy"]
        deltas[name] = round(delta, 4)
        sentence = f"{percent(c['accuracy'])} {words} contre {percent(s['accuracy'])} pour {current_name} ({points(delta)})"
        parts.append(sentence)
        if delta * 100 < -tolerance_points:
            worse.append(sentence)
    if not parts:
        return Verdict(False, "refusé : aucun jeu d'évaluation commun pour le comparer au modèle en service "
                              "(réglage model.evaluation_dir, ou corrections réservées)", deltas)
    if worse:
        return Verdict(False, "refusé : " + " ; ".join(worse), deltas)
    return Verdict(True, "promu : " + " ; ".join(parts), deltas)
