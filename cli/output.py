"""Readable tables for staff, in French."""

from __future__ import annotations

from collections import Counter

STATUS_FR = {"routed": "aiguillé", "review": "à vérifier", "quarantined": "quarantaine",
             "duplicate": "doublon"}


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)] if rows else [len(h) for h in headers]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*headers), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*[str(x) for x in r]) for r in rows]
    return "\n".join(lines)


def pages_label(pages: list[int]) -> str:
    if not pages:
        return "-"
    return str(pages[0]) if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"


def run_summary(lines: list[dict]) -> str:
    rows = []
    for r in lines:
        conf = f"{r['confidence']:.2f}" if r.get("confidence") is not None else "-"
        reason = r.get("reason") or ""
        rows.append([_short(r["source"], 40), pages_label(r["source_pages"]), r.get("type") or "-", conf,
                     r["queue"], STATUS_FR.get(r["status"], r["status"]), _short(reason, 60)])
    counts = Counter(r["status"] for r in lines)
    total = ", ".join(f"{n} {STATUS_FR[s]}" for s, n in counts.most_common())
    body = table(rows, ["Fichier", "Pages", "Type", "Confiance", "File", "Statut", "Motif"])
    return f"{body}\n\n{len(lines)} document(s) : {total or 'aucun'}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1):]
