"""Totals of suppliers' documents: HT, TVA and TTC candidates, and the triple that adds up.

Labelled values come first; when OCR garbled one label or one figure, the missing or wrong one
may be taken from the other amounts printed (a line total, an unlabelled total), but only when
HT + TVA = TTC then holds to the cent. What cannot be checked is returned sparingly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from extractors import validators
from extractors.fields_labels import Doc, LabelHit, values_for
from extractors.invoice_labels_eu import REVERSE_CHARGE
from extractors.invoice_labels_eu import TOTAL_LABELS as EU_TOTAL_LABELS
from extractors.parsing import find_amounts, fix_digits
from extractors.totals_repair import FRENCH_RATES, lost_leading_digits, one_digit_misread, repair_ttc
from extractors.totals_repair import cents as _cents
from extractors.totals_repair import plausible as _plausible

_HT = r"(?:h\.?\s?[tf]\.?(?:v\.?a\.?)?|hors\s+tax\w*|hors\s+tva)(?![a-z])"
_EXCL = r"\(?\s*(?:excl\.?|excluding|exclusive\s+of|before|net\s+of|ex\.?|w/o|without|pre-?)\s*(?:vat|tax(?:es)?|t\.?v\.?a\.?)\s*\)?"
_INCL = r"\(?\s*(?:incl\.?|including|inclusive\s+of|inc\.?|with|plus)\s*(?:vat|tax(?:es)?|t\.?v\.?a\.?)\s*\)?"
_RATE = r"(?:\s*(?:a|@|at|\()?\s*\d{1,2}(?:[,.]\d{1,2})?\s*%\s*\)?)"
_NOT_TAX_WORD = r"(?!\s*(?:id\b|number|no\b|n°|reg|registration|exempt|code|invoice|point|identification|intra))"
TOTAL_LABELS = [
    ("ht", 0, r"\b(?:total|montant|sous-total|sous\s+total)\s*(?:net\s*)?" + _HT),
    ("ht", 0, r"\b(?:total|amount|montant|sub-?\s?total)\s*" + _EXCL),
    ("ht", 1, r"\b(?:base|net)\s*h\.?\s?t\.?(?![a-z])"),
    # what is billed, named: « Honoraires HT », « Total honoraires HT », « Total travaux HT »
    ("ht", 1, r"\b(?:total\s+)?(?:des\s+)?(?:honoraires|travaux|prestations|fournitures)\s*" + _HT),
    # a works' progress statement: « MONTANT DE LA SITUATION N° 4 HT », « Montant de la facture HT »
    ("ht", 1, r"\bmontant\s+de\s+(?:la\s+|l'\s?)?(?:situation|facture|periode|acompte)(?:\s+n[°o]\s*\d{1,3})?\s*" + _HT),
    ("ht", 1, r"\bnet\s+(?:amount|total|value)\b(?!\s+(?:due|payable|to\s+pay))"),
    ("ht", 1, r"\b(?:sub-?\s?total|sous-?\s?total)\b(?!\s*(?:t\.?t\.?c|t\.?v\.?a|incl|vat|tax))"),
    ("tva", 0, r"\b(?:total|montant)\s*(?:de\s+(?:la\s+)?)?t\.?v\.?a\.?(?![a-z])"),
    ("tva", 0, r"\b(?:total|montant)\s+(?:of\s+)?(?:vat|tax(?:es)?)\b(?!\s*(?:incl|excl))" + _NOT_TAX_WORD),
    ("tva", 0, r"\b(?:vat|tax)\s+(?:amount|total)\b"),
    ("tvarate", 1, r"\bt\.?v\.?a\.?" + _RATE + r"?(?![a-z])"),
    ("tvarate", 1, r"\b(?:vat|sales\s+tax|tax)" + _RATE + r"?(?![a-z])" + _NOT_TAX_WORD),
    ("ttc", 0, r"\b(?:total|montant)\s*(?:net\s*)?(?:de\s+l'avoir\s*)?t\.?[tf]\.?[cq]\.?(?![a-z])"),
    ("ttc", 0, r"\bnet\s*a\s*payer(?:\s*t\.?t\.?c\.?)?"),  # « Netapayer »: a boxed cell's spaces lost
    ("ttc", 0, r"\b(?:total|amount|montant)\s*" + _INCL),
    ("ttc", 0, r"\b(?:total|amount|balance)\s+(?:due|payable|to\s+pay)\b"),
    ("ttc", 0, r"\bgrand\s+total\b|\btotal\s+general\b|\bmontant\s+total\s+(?:a\s+payer|du|ttc)\b"),
    ("ttc", 1, r"\b(?:total|montant)\s+(?:a\s+payer|du)\b"),
    ("ttc", 1, r"\bmontant\s+(?:total\s+)?de\s+l'avoir(?:\s*t\.?t\.?c\.?)?"),
    ("ttc", 1, r"\btotal\s+(?:de\s+l')?avoir\b|\btotal\s+(?:credit|amount|facture|de\s+la\s+facture)\b"),
    ("ttc", 1, r"\bmontant\s+total\b(?!\s*(?:h\.?t|hors|t\.?v\.?a|excl|de\s+la\s+tva))"),
    ("ttc", 2, r"\b(?:reste|solde)\s+(?:a\s+payer|du|a\s+regler)\b|\bbalance\b(?!\s+(?:brought|forward|b/f))"
               r"|\bsolde\b(?!\s+(?:anterieur|precedent))"),
    ("ttc", 3, r"(?m)^[^\w\n]{0,3}total\b(?!\s*(?:h\.?t|hors|t\.?v\.?a|excl|vat|tax))"),
] + EU_TOTAL_LABELS
_TABLE_HEADER = re.compile(r"designation|\bqte\b|quantite|prix\s+unit|\bp\.?\s?u\.?\b|libelle|description|\bqty\b|quantity|"
                           r"unit\s+price|\bitem\b|\bmenge\b|einzelpreis|bezeichnung|\baantal\b|omschrijving|"
                           r"\bcantidad\b|descripcion|precio\s+unit|quantita|descrizione|prezzo\s+unit")
# (« Débours non soumis à TVA 13,00 », « exonérés de TVA »: an amount outside the tax, no tax)
_NOT_TAX_AMOUNT = re.compile(r"(?:n\s?[°o*]|numero|num\.?|\bid\.?|identifiant|taux|code|no\.?|number|reg\.?|"
                             r"(?:non\s+)?soumise?s?\s+a(?:\s+la)?|exoneres?\s+de(?:\s+la)?|hors)\s*(?:de\s+)?$")
_NOT_TAX_AFTER = re.compile(r"^\s*(?:intra|non\s+applicable|:?\s*fr\s?\d|n°|due|acquittee|sur\s+les\s+debits|reg|number|"
                            r"id\b|no\b|exempt|identification|:?\s*[a-z]{2}\s?\d{8})")
_OPTION = re.compile(r"\boptions?\b|\bvariantes?\b")
_TOTAL_ROW = re.compile(r"^[^\w\n]{0,3}(?:sous-?\s?)?(?:total|totaux|montant\s+total|sub-?\s?total)\b")


def _tax_label_ok(doc: Doc, h: LabelHit) -> bool:
    before = doc.folded[max(0, h.start - 16):h.start]
    after = doc.folded[h.end:h.end + 20]
    return not (_NOT_TAX_AMOUNT.search(before) or _NOT_TAX_AFTER.search(after))


def _rate_of_a_base(labels: list[LabelHit], doc: Doc, h: LabelHit, amounts: list) -> bool:
    """« Sous-total assainissement (TVA 10 %) 2 278,54 » : the rate a base is taxed at, inside
    the label of a total excl. tax (no amount between them, one after); not the tax itself."""
    s, e = doc.line_span(doc.line_of(h.start))
    after = any(h.end <= a.start < e for a in amounts)
    return after and any(o.name == "ht" and s <= o.start < h.start
                         and not any(o.end <= a.start < h.start for a in amounts) for o in labels)


def read_totals(doc: Doc, with_stops: Callable[[Doc, list[LabelHit]], list[LabelHit]]) -> dict[str, list[str]]:
    """Candidate values for "ht", "tva", "ttc", best first (and "tvarate" lines)."""
    labels = [h for h in doc.find_labels(TOTAL_LABELS)
              if not _TABLE_HEADER.search(doc.line_text(doc.line_of(h.start), folded=True))]
    labels = [h for h in labels if h.name not in ("tva", "tvarate") or _tax_label_ok(doc, h)]
    # a quote's options (« Total HT option 14 400,00 € »): the base offer's totals are the quote's
    based = [h for h in labels if not _OPTION.search(doc.line_text(doc.line_of(h.start), folded=True))]
    labels = based if any(h.name == "ttc" for h in based) else labels
    amounts = find_amounts(doc.text)
    labels = [h for h in labels if h.name != "tvarate" or not _rate_of_a_base(labels, doc, h, amounts)]
    scored: dict[str, list[tuple[tuple, str]]] = {"ht": [], "tva": [], "ttc": [], "tvarate": []}
    # (a date's label is no stop for an amount: « MONTANT TTC A PAYER AVANT LE 21/05/2021   2 364,40 EUR »)
    stops = [h for h in with_stops(doc, labels) if h in labels or h.name not in ("invoice_date", "due_date", "other_date")]
    for h in labels:
        vals, same = values_for(doc, h, stops, amounts)
        if vals:
            v = vals[-1] if same else vals[0]
            scored[h.name].append(((h.priority, 0 if same else 1, -h.start), v.value))
    for name, value, start in column_totals(doc, labels, amounts):
        scored[name].append(((-1, 0, -start), value))
    out: dict[str, list[str]] = {}
    for name, items in scored.items():
        seen: list[str] = []
        for _, v in sorted(items):
            if v not in seen:
                seen.append(v)
        out[name] = seen
    rate_values = [v for _, v in sorted(scored["tvarate"], key=lambda x: -x[0][2])]
    tva = out["tva"] + [v for v in out["tvarate"] if v not in out["tva"]]
    if len(rate_values) > 1:
        total = f"{sum(Decimal(v) for v in rate_values):.2f}"
        if total not in tva:
            tva.append(total)
    if re.search(r"tva\s+non\s+applicable|293\s*b|" + REVERSE_CHARGE, doc.folded) and "0.00" not in tva:
        tva.append("0.00")
    out["tva"] = tva
    rates = {r.replace(",", ".").rstrip("0").rstrip(".") for r in
             re.findall(r"(?<![\d,.])(\d{1,2}(?:[,.]\d{1,2})?)\s?%", fix_digits(doc.text))}
    # a TVA that cannot be checked is kept only when it is surely the whole tax
    out["tva_sure"] = out["tva"][:1] if (scored["tva"] or len(rates) <= 1) else []
    return out


def confirm_by_digits(doc: Doc, name: str, value: str) -> bool:
    """Is ``value`` (a total worked out from the two others) what the line of one of its labels
    prints, read digit by digit? OCR often breaks a figure's separators (``87:50``, ``1 2O4.5O``)."""
    want = value.lstrip("-").replace(".", "")
    for h in doc.find_labels(TOTAL_LABELS):
        if h.name != name and not (name == "tva" and h.name == "tvarate"):  # « TVA 10 % € 3510 »
            continue
        _, end = doc.line_span(doc.line_of(h.start))
        # digits as OCR may have garbled them (« 1 2O4.5O »), or as printed: a letter before the
        # figure is no digit (« TVA 20 % sur I 864,96 », the emoluments of part I)
        for tail in (fix_digits(doc.text[h.end:end]), doc.text[h.end:end]):
            tail = re.sub(r"\d{1,2}(?:[,.]\d{1,2})?\s?%", " ", tail)  # a rate is no part of the figure
            if re.sub(r"\D", "", tail) == want:
                return True
    return False


def column_totals(doc: Doc, labels: list[LabelHit], amounts: list) -> list[tuple[str, str, int]]:
    """A table whose header names the columns (``Montant HT   TVA   Montant TTC``) and whose
    ``Total`` row, a few lines below, gives the totals: (name, value, header position) each."""
    by_line: dict[int, list[LabelHit]] = {}
    for h in labels:
        by_line.setdefault(doc.line_of(h.start), []).append(h)
    out: list[tuple[str, str, int]] = []
    for li, hs in by_line.items():
        hs = sorted(hs, key=lambda h: h.start)
        names = [{"tvarate": "tva"}.get(h.name, h.name) for h in hs]
        if len(set(names)) < 2 or any(a.start < h.end for a in amounts for h in hs
                                      if doc.line_of(a.start) == li):
            continue
        for j in _rows_below(doc, li, amounts):
            s, e = doc.line_span(j)
            row = [a for a in amounts if s <= a.start and a.end <= e]
            if len(row) < 2:
                continue
            hstart = doc.line_span(li)[0]
            picked: list = []
            if len(row) == len(hs) - 1 and names[0] == "tva" and names.count("tva") == 2:
                # « TVA   Base HT   Montant TVA » over « Total 786,78 147,46 »: the first column
                # holds the rates, not an amount
                hs, names = hs[1:], names[1:]
            if len(row) == len(hs):
                picked = row
            elif "   " in doc.text[s:e]:  # a layout-preserving text: columns line up
                for h in hs:
                    mid = (h.start + h.end) / 2 - hstart
                    picked.append(min(row, key=lambda a: abs((a.start + a.end) / 2 - s - mid)))
            elif len(row) > len(hs) and not doc.text[hs[-1].end:doc.line_span(li)[1]].strip():
                picked = row[-len(hs):]
            if len(picked) == len(hs) and len({id(a) for a in picked}) == len(hs):
                out += [(n, a.value, h.start) for n, a, h in zip(names, picked, hs)]
            break
    return out


def _rows_below(doc: Doc, li: int, amounts: list) -> list[int]:
    """The lines under a header row that may hold its totals: its « Total » rows (15 lines at
    most), then, right under the header (noise between), a row of amounts alone (a boxed table
    of totals: ``Montant HT  TVA 10 %  Net à payer`` over ``9 208,40 €  920,84 €  10 129,24 €``)."""
    last = min(li + 16, len(doc.line_starts))
    rows = [j for j in range(li + 1, last) if _TOTAL_ROW.match(doc.line_text(j, folded=True))]
    for j in range(li + 1, min(li + 5, last)):
        s, e = doc.line_span(j)
        inside = [a for a in amounts if s <= a.start and a.end <= e]
        if len(inside) >= 2:
            rest = "".join(ch for k, ch in enumerate(doc.text[s:e], s)
                           if not any(a.start <= k < a.end for a in inside))
            if not re.search(r"[^\W\d_]{3,}", rest):
                rows.append(j)
            break
    return rows


def choose_totals(cands: dict[str, list[str]], credit: bool,
                  others: list[str] | None = None) -> tuple[dict[str, str], str | None]:
    """(fields, reason if rejected): the best HT/TVA/TTC triple that adds up.

    ``cands`` holds the labelled candidates ("ht", "tva", "ttc"), best first. When no labelled
    triple adds up, one of the three may be taken from ``others`` (every amount printed in the
    document: a line total, or a total whose label OCR garbled) if the two others are labelled.
    """
    def norm(v: str) -> str:
        return v.lstrip("-") if credit else v

    ht = [norm(v) for v in cands.get("ht", [])]
    tva = [norm(v) for v in cands.get("tva", [])]
    ttc = [norm(v) for v in cands.get("ttc", [])]
    pool = {_cents(norm(v)): norm(v) for v in (others or [])}

    def signed(v: str) -> str:
        return "-" + v if credit and float(v) != 0 and not v.startswith("-") else v

    def result(a: str, b: str, c: str) -> tuple[dict[str, str], None]:
        return {"total_excl_tax": signed(a), "total_tax": signed(b), "total_incl_tax": signed(c)}, None

    if ht and tva and ttc:
        xs, ys, zs = (_with_lost_separator(vals) for vals in (ht, tva, ttc))
        triples = sorted((i + j + k, i, j, k) for i in range(len(xs)) for j in range(len(ys))
                         for k in range(len(zs)))
        for _, i, j, k in triples:
            if validators.amounts_add_up(xs[i], ys[j], zs[k], tolerance=0.015) and _plausible(xs[i], ys[j]):
                return result(xs[i], ys[j], zs[k])
    repaired = repair_ttc(ht, tva, ttc) or one_digit_misread(ht, tva, ttc) or lost_leading_digits(ht, tva, ttc, pool)
    if repaired:
        return result(*repaired)
    # one of the three from the other amounts printed
    pairs = []
    for j, b in enumerate(tva):
        for k, c in enumerate(ttc):
            pairs.append((j + k, "ht", _cents(c) - _cents(b), b, c))
    for i, a in enumerate(ht):
        for k, c in enumerate(ttc):
            pairs.append((i + k + 0.5, "tva", _cents(c) - _cents(a), a, c))
        for j, b in enumerate(tva):
            pairs.append((i + j + 0.7, "ttc", _cents(a) + _cents(b), a, b))
    for _, missing, cents, x, y in sorted(pairs, key=lambda p: p[0]):
        if cents < 0 or cents not in pool or (missing == "tva" and cents == 0 and ht and ttc and tva):
            continue
        v = pool[cents]
        a, b = {"ht": (v, x), "tva": (x, v), "ttc": (x, y)}[missing]
        if not _plausible(a, b):  # HT and TVA swapped, or a line amount taken for the tax
            continue
        if missing == "ht":
            return result(v, x, y)
        if missing == "tva":
            return result(x, v, y)
        return result(x, y, v)
    split = _tax_of_two_rates(tva, pool)
    if split:
        return result(*split)
    triple = _unlabelled_triple([norm(v) for v in (others or [])])
    if triple and (not (ht or tva or ttc) or _agrees(triple, ht, tva, ttc)
                   or (not (ht and tva and ttc) and set(triple) & set(ht + tva + ttc))
                   or (not ttc and (_sum_of_two(triple[0], ht) or _sum_of_two(triple[1], tva)))):
        return result(*triple)
    derived = _tax_at_a_rate(ht, ttc) or _tax_of_two_lines(ht, tva, ttc)
    if derived:
        return result(*derived)
    if ht and tva and ttc:
        return {}, f"totaux incohérents : HT {ht[0]} + TVA {tva[0]} ≠ TTC {ttc[0]}"
    if ht and ttc and abs(float(ht[0])) > abs(float(ttc[0])) + 0.01:
        return {}, f"totaux incohérents : HT {ht[0]} supérieur au TTC {ttc[0]}"
    out = {}
    tva_printed = [norm(v) for v in cands.get("tva_sure", tva) if v != "0.00"]
    for key, vals in (("total_excl_tax", ht), ("total_tax", tva_printed), ("total_incl_tax", ttc)):
        if vals:
            out[key] = signed(vals[0])
    return out, None


# VAT rates: France's (20, 10, 8.5 overseas, 5.5, 2.1 %) and the neighbours' vendors print
_RATES = (0.20, 0.10, 0.085, 0.055, 0.021, 0.19, 0.21, 0.22, 0.23, 0.07, 0.06)


def _tax_at_a_rate(ht: list[str], ttc: list[str]) -> tuple[str, str, str] | None:
    """The tax line lost or garbled by the OCR (« TVA 10 % 241.539 »), the totals read: HT and TTC
    whose difference is HT at a VAT rate to the cent give the tax. A coincidence would need two
    misread totals to fall on a rate exactly."""
    if not (ht and ttc):
        return None
    a, c = _cents(ht[0]), _cents(ttc[0])
    if a <= 0 or c <= a:
        return None
    if any(abs(round(a * r) - (c - a)) <= 1 for r in _RATES):
        return ht[0], f"{(c - a) / 100:.2f}", ttc[0]
    return None


def _tax_of_two_lines(ht: list[str], tva: list[str], ttc: list[str]) -> tuple[str, str, str] | None:
    """Two rates' tax lines (« TVA 5,5 % sur lot 1 3 079,45 », « TVA 10 % sur lot 2 961,00 ») and
    no line for their sum: TTC − HT is the tax when it is two of the tax lines added up."""
    if not (ht and ttc and tva):
        return None
    tax = f"{(_cents(ttc[0]) - _cents(ht[0])) / 100:.2f}"
    return (ht[0], tax, ttc[0]) if float(tax) > 0 and _plausible(ht[0], tax) and _sum_of_two(tax, tva) else None


def _with_lost_separator(values: list[str]) -> list[str]:
    """The values, then each round one of four digits or more read as if OCR had lost its
    decimal comma (« 9208,40 € » read « 920840€ »), last: only a triple that adds up to the
    cent takes one."""
    extra = [f"{_cents(v) / 10000:.2f}" for v in values if v.endswith(".00") and _cents(v) >= 100000]
    return values + [v for v in extra if v not in values]


def _unlabelled_triple(amounts: list[str]) -> tuple[str, str, str] | None:
    """The last three amounts printed close together with HT + TVA = TTC at a French VAT rate."""
    cents = [_cents(v) for v in amounts]
    for k in range(len(cents) - 1, 1, -1):
        for j in range(k - 1, max(k - 4, 0), -1):
            for i in range(j - 1, max(j - 4, -1), -1):
                a, b, c = cents[i], cents[j], cents[k]
                if a > 0 and b > 0 and a + b == c and 0.02 <= b / a <= 0.2005:
                    return amounts[i], amounts[j], amounts[k]
    return None


def _tax_of_two_rates(tva: list[str], pool: dict[int, str]) -> tuple[str, str, str] | None:
    """Two VAT rates' lines (« TVA 10 % 133,65 », « TVA 20 % 412,00 ») whose sum is printed, and
    a base and a total printed with base + that sum = total: the totals, their labels garbled
    (« TOTALE esssvst 3 396,50 », « TOTAL EVA 545,65 », « Total LLC 3 942,15 »)."""
    cents = [_cents(v) for v in tva[:5]]
    best = None
    for i, a in enumerate(cents):
        for b in cents[i + 1:]:
            tax = a + b
            if tax <= 0 or tax not in pool:
                continue
            for base in pool:
                if base > 0 and base + tax in pool and _plausible(pool[base], pool[tax]):
                    if best is None or base + tax > best[2]:
                        best = (base, tax, base + tax)
    return tuple(pool[c] for c in best) if best else None


def _sum_of_two(total: str, parts: list[str]) -> bool:
    """``total`` is two of the labelled ``parts`` added up: sub-totals A and B under a total whose
    label OCR garbled, the tax of two VAT rates (« TVA 5,5 % … 2 383,70 », « TVA 10 % … 363,10 »)."""
    cents = [_cents(v) for v in parts[:5]]
    return any(a + b == _cents(total) for i, a in enumerate(cents) for b in cents[i + 1:])


def _agrees(triple: tuple[str, str, str], ht: list[str], tva: list[str], ttc: list[str]) -> bool:
    """At least two of the labelled values are in the triple (the third label was misread)."""
    hits = sum(bool(vals) and triple[n] == vals[0] for n, vals in enumerate((ht, tva, ttc)))
    return hits >= 2 or (hits == 1 and sum(bool(v) for v in (ht, tva, ttc)) == 1)
