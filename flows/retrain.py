"""The type model's life: a candidate is trained, scored, stored with its scores, and promoted
only if it is not worse than the model in service; a person may promote any version or roll
back. The store holds every version and the promotion chain (storage/models.py); every process
picks the model in service up from there (``Runtime.model``).

Scores: the share of right types on the foreign evaluation set's text (``model.evaluation_dir``,
by default ``bench/foreign`` beside the source) and on the operators' corrections held back from
training (one in five, storage/corrections.py). Both models are scored on the same texts at the
time of the decision, so a comparison never mixes two evaluation sets.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from classifiers.model import load_model
from classifiers.scoring import Verdict, compare, read_labelled_set, score
from storage import models
from storage.audit import AuditEvent, record
from storage.corrections import split_examples

log = logging.getLogger("aiguillage.retrain")
SOURCE_FOREIGN_SET = Path(__file__).resolve().parents[1] / "bench" / "foreign"
EMBEDDED_NAME = "le modèle intégré"


class PromotionRefused(models.ModelVersionError):
    """The candidate is worse than the model in service (exit 1); the message says by how much."""

    def __init__(self, version: str, decided: dict):
        super().__init__(decided["report"], fix=f"« aiguillage model promote {version} --force » la met en service "
                                                 "malgré tout")
        self.decided = decided  # report, compared_with


def version_name(version: str | None) -> str:
    return version or EMBEDDED_NAME


def evaluation_dir(settings) -> Path | None:
    """The labelled documents that score candidates: the setting, else the source tree's foreign set."""
    configured = settings["model.evaluation_dir"]
    if configured is not None:
        return Path(configured)
    return SOURCE_FOREIGN_SET if SOURCE_FOREIGN_SET.is_dir() else None


@dataclass
class Scorer:
    """Scores models on today's evaluation texts, each model once."""

    rt: object  # wiring.runtime.Runtime
    foreign: list[tuple[str, str]]
    held: list[tuple[str, str]]
    foreign_dir: Path | None = None
    _done: dict = field(default_factory=dict)

    @classmethod
    def for_runtime(cls, rt, held: list[tuple[str, str]] | None = None) -> "Scorer":
        folder = evaluation_dir(rt.settings)
        foreign = read_labelled_set(folder) if folder is not None else []
        if held is None:
            held = split_examples(rt.store, set(rt.taxonomy.types)).held
        return cls(rt, foreign, held, folder)

    def scores(self, model) -> dict:
        return {"foreign": score(model, self.foreign), "corrections": score(model, self.held)}

    def remember(self, version: str, scores: dict) -> None:
        """``scores`` are those of ``version`` (just computed: not loaded and scored again)."""
        self._done[version] = scores

    def scores_of(self, version: str | None) -> dict:
        """Scores of a stored version (None: the embedded model)."""
        if version not in self._done:
            if version is None:
                model = load_model()
            else:
                model = load_model(models.fetch(self.rt.store, version, self.rt.settings.home / "cache" / "models"))
            self._done[version] = self.scores(model)
        return self._done[version]

    def verdict(self, candidate: str, current: str | None) -> Verdict:
        name = "le modèle intégré en service" if current is None else "le modèle en service"
        return compare(self.scores_of(candidate), self.scores_of(current), self.rt.settings["model.tolerance_points"],
                       name)


def train_candidate(rt, actor: str = "pipeline", *, count: int = 6000, seed: int = 2020, epochs: int = 6,
                    calibration_count: int = 1300, varied_count: int | None = None, use_corrections: bool = True,
                    use_vectors: bool = True, promote: bool = True, when_new_corrections: bool = False,
                    use_written: bool = True) -> dict:
    """Train a candidate on generated text and the corrections not held back, store it with
    its scores, and promote it if it is not worse than the model in service. Returns what
    happened: ``version``, ``promoted``, ``report`` (French), ``scores``, ``compared_with``;
    ``{"skipped": …}`` when ``when_new_corrections`` and no correction came since the last candidate."""
    from flows.maintenance import build_model

    split = split_examples(rt.store, set(rt.taxonomy.types))
    if when_new_corrections:
        if not split.train and not split.held:
            return {"skipped": "aucune correction des opérateurs : rien de nouveau à apprendre"}
        latest = models.list_versions(rt.store)[-1:]
        if latest and latest[0].get("trained", {}).get("corrections_fingerprint") == split.fingerprint:
            return {"skipped": "aucune correction nouvelle depuis le dernier candidat", "version": latest[0]["version"]}
    scorer = Scorer.for_runtime(rt, split.held)
    with tempfile.TemporaryDirectory(prefix="aiguillage-candidate-") as tmp:
        meta = build_model(rt.store, Path(tmp), count, seed, epochs, calibration_count, use_corrections=use_corrections,
                           varied_count=varied_count, use_vectors=use_vectors, use_written=use_written,
                           corrections=split.train if use_corrections else [])
        candidate_scores = scorer.scores(load_model(Path(tmp)))
        trained = {k: meta.get(k) for k in ("generated", "corrections", "written", "epochs", "seed", "held_out_accuracy",
                                           "temperature", "vectors")}
        trained |= {"corrections_fingerprint": split.fingerprint if use_corrections else None,
                    "held_back_corrections": len(split.held)}
        entry = {"created_by": actor, "trained": trained, "scores": candidate_scores,
                 "evaluation": {"foreign_dir": str(scorer.foreign_dir) if scorer.foreign_dir else None,
                                "foreign_documents": len(scorer.foreign), "held_back_corrections": len(split.held)}}
        version = models.save_version(rt.store, Path(tmp), entry)
    scorer.remember(version, candidate_scores)
    record(rt.store, AuditEvent("model_trained", None, actor=actor, details={
        "version": version, "corrections": meta.get("corrections"),
        "foreign_accuracy": candidate_scores["foreign"]["accuracy"],
        "corrections_accuracy": candidate_scores["corrections"]["accuracy"]}))
    outcome = {"version": version, "scores": candidate_scores, "promoted": False, "trained": trained}
    if not promote:
        outcome["report"] = "candidat enregistré, non promu (--no-promote)"
    else:
        try:
            decided = _promote_checked(rt, scorer, version, actor)
        except PromotionRefused as exc:
            decided = exc.decided
            outcome["report"] = decided["report"]
        else:
            outcome |= {"promoted": True, "report": decided["report"]}
        outcome["compared_with"] = decided["compared_with"]
        models.write_record(rt.store, version, dict(entry, created_at=models.read_record(rt.store, version)["created_at"],
                                                    decision={"promoted": outcome["promoted"],
                                                              "report": outcome["report"],
                                                              "compared_with": decided["compared_with"]}))
    log.info("modèle candidat %s : %s", version, outcome["report"])
    return outcome


def _promote_checked(rt, scorer: Scorer, version: str, actor: str) -> dict:
    """Promote ``version`` if the rule allows it against whatever is in service when the link is
    written (asked again if another promotion came first). Returns ``report`` and
    ``compared_with``; PromotionRefused (carrying the same) when refused."""
    decided: dict = {}

    def check(current: models.Pointer | None) -> None:
        current_version = current.version if current else None
        verdict = scorer.verdict(version, current_version)
        decided.update(report=verdict.report, compared_with={"version": current_version,
                                                             "scores": scorer.scores_of(current_version),
                                                             "deltas": verdict.deltas})
        if not verdict.promote:
            record(rt.store, AuditEvent("model_refused", None, actor=actor, details={
                "version": version, "in_service": current_version or "embedded", "deltas": verdict.deltas}))
            raise PromotionRefused(version, dict(decided))

    link = models.promote(rt.store, version, actor, check=check)
    if link is not None:
        _promoted(rt, link, actor, {"report": decided.get("report"), "forced": False})
    return decided | {"link": link}


def _promoted(rt, link: models.Pointer, actor: str, details: dict) -> None:
    kind = "model_rolled_back" if link.kind == models.ROLLED_BACK else "model_promoted"
    record(rt.store, AuditEvent(kind, None, actor=actor, details={
        "version": link.version or "embedded", "replaced": link.replaced or "embedded",
        "generation": link.generation, **details}))
    rt.refresh_model()


def promote_version(rt, version: str, actor: str, force: bool = False) -> dict:
    """A person puts ``version`` in service: refused when it scores worse than the model in
    service on today's evaluation texts, unless ``force``. Returns ``link`` (None when it
    already was in service) and ``report``."""
    models.read_record(rt.store, version)  # an unknown version, said before any scoring
    if force:
        link = models.promote(rt.store, version, actor)
        if link is not None:
            _promoted(rt, link, actor, {"forced": True})
        return {"link": link, "report": "promu sans comparaison (--force)"}
    return _promote_checked(rt, Scorer.for_runtime(rt), version, actor)


def rollback_model(rt, actor: str) -> models.Pointer:
    """Put back the model in service before the current one, on every process sharing the store."""
    link = models.rollback(rt.store, actor)
    _promoted(rt, link, actor, {})
    return link
