"""Where a supplier prints each field, learned from one validated document and read again on
the next one from the same supplier (issue 16, "supplier memory").

``learn(pages, fields)`` finds each validated value among the page's words, tolerant of how it
is printed ("1 234,50 €" is 1234.50, "15 janvier 2020" is 2020-01-15, "FR76 1780 …" an IBAN),
and records its anchor: the label words just left of it on its row ("Total TTC", "Facture N°",
"Échéance"), or, in a table, the header above it; and where both were on the page.

``apply(pages, layout)`` finds each anchor again (the same label words, nearest to where they
were), takes the value in the learned direction and checks it as its kind requires (a valid
SIRET, VAT number or IBAN, a real date, an amount). A field whose anchor or value is not found
is left to the generic extractors.

``merge(extraction, read, doc_type)`` puts what was read over the generic extraction once the
values hold together (HT + TVA = TTC, the due date not before the invoice date) and names the
fields so taken in ``extraction.fields_from_memory``.

Pure functions on words and boxes (extractors/page_words.py reads labels and values): no I/O
(the layouts are kept by storage/layouts.py).
"""

from __future__ import annotations

from typing import Any

from extractors import validators
from extractors.page_words import (KINDS, MAX_WORDS, Page, box, label_token, page_geometry, read_value, rel,
                                   same_token, same_value)
from extractors.types import Extraction, PageText, Word

VERSION = 1
INVOICE_ONLY = ("iban", "order_reference")
IDENTITY = ("supplier_siret", "supplier_vat", "iban")
TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax")
MAX_ANCHOR = 3  # label words kept left of a value
MAX_SKIP = 8  # figures, signs and unsure words between a label and its value ("TVA 20 %", leaders)
# Label words that say which field a value is, when the same value is printed twice.
HINTS = {
    "invoice_number": {"facture", "avoir", "devis", "invoice", "numero", "n", "no", "ref", "reference", "piece"},
    "order_reference": {"commande", "bc", "bon", "order", "po", "marche", "cde", "ordre"},
    "invoice_date": {"date", "facture", "le", "emission", "emise", "invoice", "avoir", "devis", "etablie"},
    "due_date": {"echeance", "payer", "regler", "avant", "due", "limite", "exigible", "paiement", "reglement"},
    "total_excl_tax": {"ht", "hors", "excl", "net"},
    "total_tax": {"tva", "taxe", "vat", "tax"},
    "total_incl_tax": {"ttc", "payer", "total", "net", "due", "incl", "regler"},
    "supplier_siret": {"siret"},
    "supplier_vat": {"tva", "intracommunautaire", "vat", "intracom"},
    "iban": {"iban"},
}
# ... and words that say it is another one ("Intervention du 09/01/2020" is not the invoice date).
OTHER = {"intervention", "livraison", "commande", "periode", "validite", "valable", "travaux", "naissance",
         "delivery", "order", "acompte", "deja", "regle", "reste"}


# -- learning -------------------------------------------------------------------------------

def _left_anchor(row: list[Word], start: int) -> tuple[list[int], int] | None:
    """The label words left of ``row[start]`` (their indexes) and how many figures or signs lie
    between them and the value ("TVA 10 % 29,04": "TVA", two words skipped)."""
    found: list[int] = []
    skipped = 0
    j = start - 1
    while j >= 0 and len(found) < MAX_ANCHOR:
        w = row[j]
        if label_token(w) is None:
            if found or skipped >= MAX_SKIP:
                break
            skipped += 1
            j -= 1
            continue
        if found:  # a wide gap: another cell of the row
            nxt = row[found[0]]
            if nxt.left - (w.left + w.width) > 2.5 * max(w.height, nxt.height):
                break
        found.insert(0, j)
        j -= 1
    return (found, skipped) if found else None


def _above_anchor(rows: list[list[Word]], r: int, value: list[Word]) -> tuple[int, list[int]] | None:
    """A table's header over the value: label words of the rows just above overlapping it."""
    x0, y0, x1, _ = box(value)
    h = max(w.height for w in value)
    for up in (1, 2):
        if r - up < 0:
            return None
        row = rows[r - up]
        if y0 - max(w.top + w.height for w in row) > 3 * h:
            return None
        over = [i for i, w in enumerate(row) if w.left < x1 + h and w.left + w.width > x0 - h]
        labels = [i for i in over if label_token(row[i]) is not None]
        if labels and len(labels) == len(over):
            return r - up, labels[:MAX_ANCHOR + 1]
    return None


def _candidates(page: Page, kind: str, truth: str) -> list[dict]:
    out = []
    for r, row in enumerate(page.rows):
        i = 0
        while i < len(row):
            best = None
            if not any(c.isalnum() for c in row[i].text):  # a value starts with a letter or figure
                i += 1
                continue
            for n in range(1, MAX_WORDS[kind] + 1):
                if i + n > len(row):
                    break
                printed = read_value(kind, row[i:i + n])
                if printed is None:
                    continue
                same, negate = same_value(kind, printed, truth)
                if same:
                    best = (n, negate)
            if best is None:
                i += 1
                continue
            n, negate = best
            value = row[i:i + n]
            spec: dict[str, Any] = {"kind": kind, "page": page.number, "words": n, "value_box": rel(box(value), page)}
            if negate:
                spec["negate"] = True
            left = _left_anchor(row, i)
            above = None if left else _above_anchor(page.rows, r, value)
            if left:
                idx, skipped = left
                spec.update(direction="right", skip=skipped, anchor=[label_token(row[k]) for k in idx],
                            anchor_box=rel(box([row[k] for k in idx]), page))
            elif above:
                ar, idx = above
                anchor_words = [page.rows[ar][k] for k in idx]
                spec.update(direction="below", rows_below=r - ar, anchor=[label_token(w) for w in anchor_words],
                            anchor_box=rel(box(anchor_words), page))
            if "anchor" in spec:
                spec["_order"] = (page.number, r, i)
                out.append(spec)
            i += n
    return out


def _preference(name: str, spec: dict) -> tuple:
    tokens = set(spec["anchor"])
    hinted = bool(tokens & HINTS.get(name, set()))
    other = bool(tokens & OTHER) and not (name == "order_reference" and "commande" in tokens)
    return (-int(hinted) + int(other), spec["direction"] != "right", spec["_order"])


def learn(pages: list[PageText], fields: dict[str, Any]) -> dict[str, dict]:
    """For each field of ``fields`` this module reads (``KINDS``), where it was printed: ``{name:
    spec}``, fields not found on the page left out. ``fields`` are validated, canonical values."""
    geo = page_geometry(pages)
    out = {}
    for name, kind in KINDS.items():
        truth = str(fields.get(name) or "").strip()
        if not truth:
            continue
        found = [c for page in geo for c in _candidates(page, kind, truth)]
        if not found:
            continue
        best = min(found, key=lambda c: _preference(name, c))
        best.pop("_order")
        out[name] = best
    return out


# -- reading again ------------------------------------------------------------------------

def _anchor_hits(row: list[Word], anchor: list[str], any_title: bool = False) -> list[tuple[int, int, int]]:
    """(first, last) word indexes of ``row`` where the anchor's label words are printed, and
    how many of them are missing: one-letter words ("N" of "N°") may be missing or extra, and
    of three words or more, one may be missing (OCR's misreadings, a dotted leader read as a
    word) or the row may hold one more between two."""
    sig = [t for t in anchor if len(t) > 1] or anchor
    need = len(sig) if len(sig) < 3 else len(sig) - 1
    labels = [(i, t) for i, w in enumerate(row) if (t := label_token(w)) is not None]
    hits = []
    for k, (i, t) in enumerate(labels):
        for first in range(min(len(sig) - need + 1, len(sig))):
            if not same_token(t, sig[first], any_title):
                continue
            pos, last, matched = k, i, 1
            for want in sig[first + 1:]:
                for step in (1, 2, 3):
                    nxt = pos + step
                    if nxt >= len(labels) or labels[nxt][0] - last > 3:
                        break
                    extra = [x for _, x in labels[pos + 1:nxt] if len(x) > 1]
                    if same_token(labels[nxt][1], want, any_title) and len(extra) <= 1:
                        pos, last, matched = nxt, labels[nxt][0], matched + 1
                        break
            if matched < need:
                continue
            tail = len(anchor) - 1 - max(j for j, x in enumerate(anchor) if x == sig[-1] or len(x) > 1)
            while tail > 0 and last + 1 < len(row) and len(label_token(row[last + 1]) or "xx") == 1:
                last += 1
                tail -= 1
            hits.append((i, last, len(sig) - matched))
            break
    return hits


def _spans(row: list[Word], first: int, kind: str, words: int) -> list[tuple[int, list[Word], str]]:
    """Values of ``kind`` starting at each word from ``first`` on: (start, words, value), the
    longest reading at each start (a reference: as many words as learned)."""
    out = []
    for i in range(first, min(len(row), first + MAX_SKIP + 2)):
        if not any(c.isalnum() for c in row[i].text):
            continue
        sizes = [words] if kind == "reference" else range(MAX_WORDS[kind], 0, -1)
        for n in sizes:
            if i + n > len(row):
                continue
            value = read_value(kind, row[i:i + n])
            if value is not None:
                out.append((i, row[i:i + n], value))
                break
    # "448,50" is no reading of its own where "2 448,50" is one
    ends = {}
    for i, words, value in out:
        ends.setdefault(i + len(words), (i, words, value))
    return list(ends.values())


def _read_field(geo: list[Page], spec: dict) -> str | None:
    kind, anchor = spec["kind"], spec["anchor"]
    a0, v0 = spec["anchor_box"], spec["value_box"]
    best: tuple[float, str] | None = None
    for page in geo:
        for r, row in enumerate(page.rows):
            for first, last, missing in _anchor_hits(row, anchor, bool(spec.get("borrowed"))):
                a = rel(box(row[first:last + 1]), page)
                if abs(a[0] - a0[0]) > 0.3:
                    continue  # another column: another label
                score = (abs(a[0] - a0[0]) + 0.3 * abs(a[1] - a0[1]) + (0.2 if page.number != spec["page"] else 0)
                         + 0.1 * missing)
                if spec["direction"] == "right":
                    places = [(0.0, s) for s in _spans(row, last + 1, kind, spec["words"])]
                    places = [(0.05 * abs(s[0] - (last + 1) - spec.get("skip", 0)), s) for _, s in places]
                else:
                    places = []
                    for down in range(1, 4):
                        if r + down >= len(page.rows):
                            break
                        below = page.rows[r + down]
                        lo = a[0] * page.width - (a0[0] - v0[0]) * page.width
                        starts = [i for i, w in enumerate(below) if w.left + w.width >= lo - 0.05 * page.width]
                        if starts:
                            places += [(0.05 * abs(down - spec.get("rows_below", 1)), s)
                                       for s in _spans(below, starts[0], kind, spec["words"])]
                for extra, (_, words, value) in places:
                    v = rel(box(words), page)
                    dx = min(abs(v[0] - v0[0]), abs(v[2] - v0[2]))
                    if dx > 0.3:
                        continue
                    total = score + extra + dx
                    if best is None or total < best[0]:
                        best = (total, value)
    if best is None:
        return None
    value = best[1]
    if spec.get("negate") and not value.startswith("-") and float(value):
        value = "-" + value
    return value


def places_for(by_type: dict[str, dict[str, dict]], doc_type: str) -> dict[str, dict]:
    """The places to read a document of ``doc_type`` at: those learned on that type (a credit
    note is not laid out as an invoice, and often prints the invoice's number); the supplier's
    identifiers wherever they were learned (its footer is the same); and, marked ``borrowed``
    (they only fill what the generic reading missed, a title word standing for another), the
    other types' places of fields other than amounts ("Devis N°" where "Facture N°" was)."""
    own = dict(by_type.get(doc_type) or {})
    others = [places for t, places in sorted(by_type.items(), key=lambda kv: kv[0] != "supplier_invoice")
              if t != doc_type]
    for places in others:
        for name, spec in places.items():
            if name in own:
                continue
            if name in IDENTITY:
                own[name] = spec
            elif name not in TOTALS:
                own[name] = dict(spec, borrowed=True)
    return own


def apply(pages: list[PageText], layout: dict[str, dict]) -> dict[str, str]:
    """The fields read at their learned places on ``pages``, each checked for its kind."""
    geo = page_geometry(pages)
    out = {}
    for name, spec in layout.items():
        if KINDS.get(name) != spec.get("kind") or not spec.get("anchor"):
            continue  # a layout of another version, or hand-edited: ignored
        value = _read_field(geo, spec)
        if value is not None:
            out[name] = value
    return out


def merge(ex: Extraction, read: dict[str, str], doc_type: str, fill_only: set[str] | frozenset = frozenset()
          ) -> list[str]:
    """Put the fields ``apply`` read over ``ex`` when they hold together (those of ``fill_only``
    only where ``ex`` has none); returns their names (also set as ``ex.fields_from_memory``)."""
    read = {k: v for k, v in read.items() if k in KINDS and (doc_type == "supplier_invoice" or k not in INVOICE_ONLY)
            and not (k in fill_only and ex.fields.get(k))}
    mine = {k: read[k] for k in TOTALS if k in read}
    if mine:
        totals = {k: mine.get(k) or ex.fields.get(k) for k in TOTALS}
        if all(totals.values()) and not validators.amounts_add_up(*(totals[k] for k in TOTALS)):
            for k in mine:  # checked together: the generic reading's stay
                read.pop(k)
    invoice = read.get("invoice_date") or ex.fields.get("invoice_date")
    due = read.get("due_date") or ex.fields.get("due_date")
    if invoice and due and due < invoice:
        read.pop("due_date", None)
        due = ex.fields.get("due_date")
        if due and due < (read.get("invoice_date") or invoice):
            read.pop("invoice_date", None)
    for k, v in read.items():
        ex.fields[k] = v
        ex.rejected.pop(k, None)
    if any(k in read for k in TOTALS) and all(ex.fields.get(k) for k in TOTALS):
        for k in TOTALS:
            ex.rejected.pop(k, None)
    if "supplier_siret" in read:
        ex.fields.pop("supplier_siren", None)
        ex.rejected.pop("supplier_siren", None)
    ex.fields_from_memory = sorted(read)
    return ex.fields_from_memory
