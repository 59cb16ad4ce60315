"""Fields of suppliers' invoices, credit notes and quotes, read from their text.

Each reader returns what it found; :func:`extract_supplier_fields` validates, matches the
supplier in the registry and fills an :class:`~extractors.types.Extraction`.
"""

from __future__ import annotations

import datetime as dt
import re

from config.registries import Registries
from extractors.fields_dates import make_date
from extractors.fields_labels import Doc, LabelHit, values_for
from extractors.fields_supplier_name import guess_supplier_name
from extractors.fields_totals import TOTAL_LABELS, choose_totals, confirm_by_digits, read_totals
from extractors.invoice_labels import DATE_LABELS, NUMBER_LABELS, ORDER_LABELS, known_label
from extractors.matching import match_supplier_by_ids, match_supplier_by_name
from extractors.parsing import Match, find_amounts, find_dates
from extractors.stacked_cells import CELL, unrow, unstack
from extractors.supplier_ids import read_supplier_ids
from extractors.totals_repair import cents, digits_near, tax_breakdown
from extractors.types import Extraction


def all_labels(doc: Doc) -> list[LabelHit]:
    """Every known label of the document (they end each other's value regions and make columns)."""
    cached = getattr(doc, "_all_labels", None)
    if cached is None:
        specs = [(f"n_{t}", p, rx) for t, lst in NUMBER_LABELS.items() for p, rx in lst]
        specs += [("order", p, rx) for p, rx in ORDER_LABELS] + DATE_LABELS + TOTAL_LABELS
        cached = doc.find_labels(specs)
        doc._all_labels = cached
    return cached


def _with_stops(doc: Doc, labels: list[LabelHit]) -> list[LabelHit]:
    """``labels`` and every other label, where a value's region ends; a word inside a remark in
    brackets (« TVA 5,5 % (travaux d'amélioration énergétique) 3 111,90 ») is no label."""
    spans = {(h.start, h.end) for h in labels}
    return labels + [h for h in all_labels(doc) if (h.start, h.end) not in spans
                     and not any(h.start < e and s < h.end for s, e in spans) and not _bracketed(doc, h)]


def _bracketed(doc: Doc, h: LabelHit) -> bool:
    before = doc.text[doc.line_span(doc.line_of(h.start))[0]:h.start]
    return before.rfind("(") > before.rfind(")")


def _first_token_after(doc: Doc, label: LabelHit, labels: list[LabelHit], reference_date) -> Match | None:
    li = doc.line_of(label.start)
    _, line_end = doc.line_span(li)
    stops = [h.start for h in labels if label.end <= h.start < line_end and h.start > label.start]
    region_end = min(stops) if stops else line_end
    candidates = [(label.end, region_end)]
    if not doc.text[label.end:region_end].strip(" \t:.#-"):
        nxt = doc.next_nonempty_line(li)
        for _ in range(2):  # a table's rules read as specks (« 4 », « + bo = ») between keys and values
            if nxt is None or len(re.findall(r"\w", doc.line_text(nxt))) >= 3:
                break
            nxt = doc.next_nonempty_line(nxt)
        if nxt is not None:
            s, e = doc.line_span(nxt)
            line_labels = sorted({h.start for h in labels if doc.line_of(h.start) == li})
            cells = [m for m in re.finditer(r"\S+", doc.text[s:e])]
            k = line_labels.index(label.start) if label.start in line_labels else -1
            under = _cell_under(doc, label, s, e)
            if len(line_labels) > 1 and len(cells) == len(line_labels) and k >= 0:
                candidates.append((s + cells[k].start(), s + cells[k].end()))
            elif under:
                candidates.append(under)
            elif k == 0 and not doc.text[doc.line_span(li)[0]:label.start].strip():
                candidates.append((s, e))
    for start, end in candidates:
        # "FACTURE        N° : 21-0207": the "N°" printed apart from its label is skipped
        m = re.match(r"[\s:.#\u2014\u2013]*(?:[Nn]\s?[°º*]\s?\.?\s*:?\s*|(?:No|NO|no)\.\s*:?\s*)?(?:-\s+)?"
                     r"(-?[A-Za-z0-9][A-Za-z0-9\-/_.]*[A-Za-z0-9]|\d|[A-ZÀ](?= \d))", doc.text[start:end])
        if not m:
            continue
        tok = m.group(1).replace("À", "A")  # « NO AVOIR : À 0047719 »: a letter prefix, its accent the OCR's
        # OCR sometimes cuts a number in two: "FC1 00203"; a utility prints it in groups: « 0291 4477
        # 2031 » (only when nothing follows)
        cont = re.match(r"((?: [0-9][0-9/\-.]*){1,3})\s*$", doc.text[start + m.end(1):end])
        # (or before its date: « Facture n° 10 0472 8815 12 du 14/05/2020 »)
        cont = cont or (re.match(r"((?: [0-9]{2,6}){1,4})(?=\s+(?:du|en\s+date\s+du)\s+\d)", doc.text[start + m.end(1):end])
                        if tok.isdigit() else None)
        if cont and not find_dates(tok + cont.group(1), reference_date):
            tok += cont.group(1).replace(" ", "")
        # "FACTURE N° ESS 21 04 0097": a letter prefix, then groups of digits to the end
        spaced = re.match(r"((?: [0-9]{2,6}){2,4})\s*$", doc.text[start + m.end(1):end])
        # « FACTURE N° CL 2021-058 Villefranche, le … »: a letter prefix, then one number, then other words
        spaced = spaced or re.match(r"( [0-9][0-9A-Z/\-.]*[0-9])(?=\s*$|\s{2,}|\s+[A-Za-zÀ-ÿ]{2}|\s+\()",
                                    doc.text[start + m.end(1):end])
        if not any(c.isdigit() for c in tok) and tok.isalpha() and tok.isupper() and len(tok) <= 5 and spaced:
            tok += spaced.group(1)
            cont = spaced
        # « Ordre de service : OS n° 2021-TX-0917 »: the piece's short name, then its number
        named = re.match(r"\s+[Nn]\s?[°º]\s?\.?\s*:?\s*([A-Za-z0-9][A-Za-z0-9\-/_.]*\d[A-Za-z0-9\-/_.]*[A-Za-z0-9])",
                         doc.text[start + m.end(1):end])
        if tok.isalpha() and len(tok) <= 4 and named:  # (« bon n° 21-BC-0271 »)
            at = start + m.end(1) + named.start(1)
            return Match(named.group(1), at, at + len(named.group(1)), named.group(1))
        # « FACTURE DE SITUATION N° 6 - FS21-0047 »: a works' progress bill, its rank, then its number
        ranked = re.match(r"\s+[-–]\s+([A-Za-z0-9][A-Za-z0-9\-/_.]{3,}[A-Za-z0-9])(?=\s|$)", doc.text[start + m.end(1):end])
        if (tok.isdigit() and len(tok) <= 2 and ranked and re.search(r"\d", ranked.group(1))
                and re.search(r"[A-Za-z\-/]", ranked.group(1)) and not find_dates(ranked.group(1), reference_date)):
            at = start + m.end(1) + ranked.start(1)
            return Match(ranked.group(1), at, at + len(ranked.group(1)), ranked.group(1))
        # (a date opening the token is no number; a letter prefix before one is: « PI 21-12-03 »)
        if not any(c.isdigit() for c in tok) or any(d.start == 0 for d in find_dates(tok, reference_date)):
            continue
        s = start + m.start(1)
        return Match(tok, s, s + len(tok), doc.text[s:start + m.end(1) + (cont.end(1) if cont else 0)])
    return None


def _cell_under(doc: Doc, label: LabelHit, s: int, e: int) -> tuple[int, int] | None:
    """The cell of the next line (cells apart by two spaces or more) printed under the label
    (« Référence client     N° de facture » over « PAT-0031-BL           BCV-21-001942 »)."""
    col = label.start - doc.line_span(doc.line_of(label.start))[0]
    width = label.end - label.start
    for m in CELL.finditer(doc.text[s:e]):
        if m.start() < col + width and m.end() > col:
            return s + m.start(), s + m.end()
    return None


def read_number(doc: Doc, specs: list[tuple[int, str]], reference_date) -> Match | None:
    labels = doc.find_labels([("n", p, rx) for p, rx in specs])
    # another document named in a sentence (« sur facture n° », « le règlement de la facture n° »)
    # (« Bezug: Rechnung Nr. », « Re: invoice no. »: the piece a credit note corrects)
    # (« Bezug: unsere Rechnung Nr. », « Re: our invoice no. »)
    labels = [h for h in labels if not re.search(r"(?:sur|remplace\s+la|origine|\bla|\bles|\bzur?|"
                                                 r"(?:\bbezug|\bre|\bbetreff)\s*:\s*(?:unserer?|our|ihrer?|your)?)\s*$",
                                                 doc.folded[max(0, h.start - 25):h.start])]
    stops = _with_stops(doc, labels)
    for label in sorted(labels, key=lambda h: (h.priority, h.start)):
        tok = _first_token_after(doc, label, stops, reference_date)
        if tok:
            return tok
    return None


# the letterhead's cells read as one line each: the title ending one line (« Oc'Énergie Pro
# FACTURE D'ÉLECTRICITÉ »), its « N° » and number ending the next (« … collectivités N° 30021487562 »)
# (a German credit note's « Rechnungskorrektur (Gutschrift) » over « Nr.: GS-20-00391 »)
_TITLE_ENDING = re.compile(r"(?m)\b(?:facture|avoir|gutschrift|rechnung)\b[^\n]{0,30}$")
_NUMBER_ENDING = re.compile(r"(?:^|[ \t])(?:n\s?[°º]|no\.|nr\.)[ \t]*:?[ \t]*([A-Za-z]{0,4}[\-/]?\d[\w/\-]{2,24})[ \t]*$", re.I)


_REF_AFTER = re.compile(r"[ \t]*[—–\-,;(]?[ \t]*(?:r[ée]f(?:[ée]rence)?\.?|n[°º])[ \t]*:?[ \t]*([A-Za-z]{0,6}[\-/]?\d[\w/\-]{3,24})", re.I)


def _number_under_title(doc: Doc) -> Match | None:
    """The number ending the line under the line the title ends, when no label gave one."""
    for m in _TITLE_ENDING.finditer(doc.folded[:2000]):
        nxt = doc.next_nonempty_line(doc.line_of(m.start()), max_skip=0)
        if nxt is None:
            continue
        s, e = doc.line_span(nxt)
        n = _NUMBER_ENDING.search(doc.text[s:e])
        if n:
            return Match(n.group(1), s + n.start(1), s + n.end(1), n.group(1))
    return None


_OTHER_DOCUMENT = re.compile(r"\b(?:sur|remplace|annule|origine|selon|voir|rapporte\s+a|se\s+refere\s+a|relative\s+a)\s*"
                             r"(?:la\s+|ma\s+|notre\s+|votre\s+|les\s+|nos\s+|"
                             r"vos\s+)?$")


# a date whose separators the scan lost, right after its label (« Échéance : 0912 2020 »)
_SEPARATORS_LOST = re.compile(r"[ \t:]{0,4}(\d{2})[ \t]?(\d{2})[ \t](20\d{2})(?![\d/.,-])")


def _dates_without_separators(doc: Doc, labels: list[LabelHit], dates: list[Match]) -> list[Match]:
    out = []
    for label in labels:
        m = _SEPARATORS_LOST.match(doc.text, label.end)
        if m and not any(d.start <= m.start(1) < d.end for d in dates):
            iso = make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if iso:
                out.append(Match(iso, m.start(1), m.end(), m.group(0).strip()))
    return out


def read_dates(doc: Doc, reference_date: dt.date | None) -> dict[str, str]:
    dates = find_dates(doc.text, reference_date)
    labels = doc.find_labels(DATE_LABELS)
    dates = sorted(dates + _dates_without_separators(doc, labels, dates), key=lambda d: d.start)
    stops = _with_stops(doc, labels)
    out: dict[str, str] = {}
    used: set[int] = set()
    later_dues: list[str] = []  # what the due date's other labels give
    for name in ("due_date", "invoice_date"):
        for label in sorted((h for h in labels if h.name == name), key=lambda h: (h.priority, h.start)):
            if (_OTHER_DOCUMENT.search(doc.folded[max(0, label.start - 20):label.start])
                    or re.search(r"\b(?:sur|remplace|annule)\s+(?:la\s+)?facture\b", doc.folded[label.start:label.end])):
                continue  # "avoir sur facture n° X du ...": the date of another document
            vals, _ = values_for(doc, label, stops, [d for d in dates if d.start not in used], max_gap=40)
            if vals and name in out:
                later_dues.append(vals[0].value)
            elif vals:
                out[name] = vals[0].value
                used.add(vals[0].start)
                if name == "invoice_date":
                    break
    if "due_date" in out and "invoice_date" in out and not _within_a_year(out["invoice_date"], out["due_date"]):
        # « ECHEANCE : 11/03/2024 » (a 1 read 4) under an invoice of 2021 that says « AVANT LE 11/03/2021 »
        out["due_date"] = next((d for d in later_dues if _within_a_year(out["invoice_date"], d)), out["due_date"])
    if "invoice_date" not in out:  # the first date not announced as something else
        for d in dates:
            if d.start in used:
                continue
            line = doc.line_text(doc.line_of(d.start), folded=True)
            if not any(h.name in ("due_date", "other_date") for h in labels
                       if doc.line_of(h.start) == doc.line_of(d.start)) and " au " not in line:
                out["invoice_date"] = d.value
                break
    return out


def _within_a_year(invoice: str, due: str) -> bool:
    return 0 <= (dt.date.fromisoformat(due) - dt.date.fromisoformat(invoice)).days <= 366


def _complete_totals(doc: Doc, totals: dict[str, str], credit: bool) -> None:
    """The one total missing, worked out from the two others, when its label's line prints those
    digits (a figure whose separators OCR garbled: ``Total HT 87:50``)."""
    keys = {"total_excl_tax": "ht", "total_tax": "tva", "total_incl_tax": "ttc"}
    missing = [k for k in keys if k not in totals]
    if len(missing) != 1:
        return
    cents = {k: round(abs(float(v)) * 100) for k, v in totals.items()}
    ht, tva, ttc = (cents.get(k) for k in keys)
    value = {"total_excl_tax": (ttc or 0) - (tva or 0), "total_tax": (ttc or 0) - (ht or 0),
             "total_incl_tax": (ht or 0) + (tva or 0)}[missing[0]]
    ht, tva = (value if ht is None else ht), (value if tva is None else tva)
    if value <= 0 or not 0 <= tva <= ht * 0.2005 + 1:
        return
    text = f"{value / 100:.2f}"
    if confirm_by_digits(doc, keys[missing[0]], text):
        totals[missing[0]] = ("-" + text) if credit else text


def _ttc_by_digits(doc: Doc, cands: dict[str, list[str]]) -> list[str]:
    """The total incl. tax whose figure the OCR garbled past reading (« TOTAL T.T.C. 651156<€ »):
    HT plus one of the taxes read (the sum of two rates' lines), when its label's line prints
    those digits."""
    a = round(abs(float(cands["ht"][0])) * 100)
    for b in (round(abs(float(v)) * 100) for v in cands["tva"][:4]):
        text = f"{(a + b) / 100:.2f}"
        if 0 < b <= a * 0.2705 + 1 and confirm_by_digits(doc, "ttc", text):
            return [("-" + text) if cands["ht"][0].startswith("-") else text]
    return []


def _totals_of_breakdown(doc: Doc, cands: dict[str, list[str]], credit: bool) -> dict[str, str]:
    """The totals a VAT breakdown adds up to (``tax_breakdown``) when the total lines themselves
    are garbled past reading (« TOTAL HT 2 317799 », « TOTAL TTC A PAYER EUR 2 15%;35 »): one of
    them must print the digits found, but for one digit (the HT) or two (the TTC)."""
    ht, tva = tax_breakdown(doc, [v.lstrip("-") for v in cands["tva"]])
    if not ht:
        return {}
    ttc = f"{(cents(ht) + cents(tva)) / 100:.2f}"
    for h in doc.find_labels(TOTAL_LABELS):
        if h.name in ("ht", "ttc"):
            tail = re.sub(r"\d{1,2}(?:[,.]\d{1,2})?\s?%", " ", doc.text[h.end:doc.line_span(doc.line_of(h.start))[1]])
            if digits_near(tail, ht if h.name == "ht" else ttc, 1 if h.name == "ht" else 2):
                sign = "-" if credit else ""
                return {"total_excl_tax": sign + ht, "total_tax": sign + tva, "total_incl_tax": sign + ttc}
    return {}


def _other_company(supplier, ids: dict) -> bool:
    """Does an identifier printed on the document (SIRET, SIREN, VAT) name another company than
    the registry supplier whose name it matched?"""
    def french_siren(vat: str | None) -> str:
        return vat[4:13] if vat and vat.startswith("FR") else ""

    printed = ((ids.get("supplier_siret") or "")[:9] or ids.get("supplier_siren") or ids.get("_siren")
               or french_siren(ids.get("supplier_vat")))
    known = (supplier.siret or "")[:9] or french_siren(supplier.vat)
    return bool(printed and known and printed != known)


def extract_supplier_fields(doc_type: str, text: str, registries: Registries,
                            reference_date: dt.date | None = None) -> Extraction:
    ex = Extraction()
    # a table drawn with « | » (a born-digital invoice's header boxes): its rules are not text
    doc = Doc(unstack(unrow(re.sub(r"[|¦©®\u2500-\u257f]", " ", text)), known_label))
    f = ex.fields
    ids = read_supplier_ids(doc, ex, registries)
    match = match_supplier_by_ids(registries, siret=ids.get("supplier_siret"),
                                  siren=ids.get("supplier_siren") or ids.get("_siren"),
                                  vat=ids.get("supplier_vat"), iban=ids.get("iban"))
    if match is None:
        match = match_supplier_by_name(registries, text)
        if match and _other_company(match.supplier, ids):
            match = None  # a namesake: the printed SIREN is not the registry's
    if match:
        ex.supplier_id = match.supplier.supplier_id
        ex.supplier_iban = match.supplier.iban or None
        f["supplier_name"] = match.supplier.name
    else:
        name = guess_supplier_name(doc)
        if name:
            f["supplier_name"] = name
    for key in ("supplier_siret", "supplier_siren", "supplier_vat"):
        if key in ids:
            f[key] = ids[key]

    own = NUMBER_LABELS.get(doc_type, NUMBER_LABELS["supplier_invoice"])
    number = read_number(doc, own, reference_date)
    if number is None:  # a credit note read as an invoice, an invoice as a quote: the other titles
        others = [spec for t, specs in NUMBER_LABELS.items() if specs is not own for spec in specs if spec[0] < 2]
        number = read_number(doc, others, reference_date)
    if number is None and doc_type in ("supplier_invoice", "supplier_credit_note"):
        number = _number_under_title(doc)
    if number and re.fullmatch(r"\d{1,2}", number.value):
        # « FACTURE DE SITUATION N° 3 — Réf. SIT-2021-0031 »: a rank; the reference on its line is the number
        ref = _REF_AFTER.match(doc.text, number.end, doc.line_span(doc.line_of(number.start))[1])
        number = Match(ref.group(1), ref.start(1), ref.end(1), ref.group(1)) if ref else number
    if number:
        f["invoice_number"] = re.sub(r"\s", "", number.value)  # SPEC: identifiers without spaces
    dates = read_dates(doc, reference_date)
    if "invoice_date" in dates:
        f["invoice_date"] = dates["invoice_date"]
    if "due_date" in dates:
        if "invoice_date" in f and dates["due_date"] < f["invoice_date"]:
            ex.rejected["due_date"] = (f"échéance {dates['due_date']} antérieure à la date de facture "
                                       f"{f['invoice_date']}")
        else:
            f["due_date"] = dates["due_date"]

    cands = read_totals(doc, _with_stops)
    # totals printed negative are a credit, whatever the title read ("Avoir" taken for an invoice)
    credit = doc_type == "supplier_credit_note" or (
        bool(cands["ht"] or cands["ttc"]) and all(v[0].startswith("-") for v in (cands["ht"], cands["ttc"]) if v))
    if not cands["ttc"] and cands["ht"]:
        cands["ttc"] = _ttc_by_digits(doc, cands)
    totals, reason = choose_totals(cands, credit=credit, others=[a.value for a in find_amounts(text)])
    _complete_totals(doc, totals, credit)
    if reason and all(cands[k] for k in ("ht", "tva", "ttc")):
        # three labelled totals that do not add up: one figure misread ("87:50 €" read "50 €"),
        # worked out from the two others when its line prints those digits
        first = {"total_excl_tax": cands["ht"][0], "total_tax": cands["tva"][0], "total_incl_tax": cands["ttc"][0]}
        for wrong in first:
            trial = {k: v.lstrip("-") for k, v in first.items() if k != wrong}
            _complete_totals(doc, trial, credit)
            if len(trial) == 3:
                totals, reason = {k: ("-" + v.lstrip("-")) if credit and float(v) else v for k, v in trial.items()}, None
                break
    if len(totals) < 3 and (by_breakdown := _totals_of_breakdown(doc, cands, credit)):
        totals, reason = by_breakdown, None
    f.update(totals)
    if reason:
        for key in ("total_excl_tax", "total_tax", "total_incl_tax"):
            ex.rejected[key] = reason

    if doc_type == "supplier_invoice":
        if "iban" in ids:
            f["iban"] = ids["iban"]
        order = read_number(doc, ORDER_LABELS, reference_date)
        if order and order.value != f.get("invoice_number"):
            f["order_reference"] = re.sub(r"\s", "", order.value)
    else:
        ex.rejected.pop("iban", None)
    return ex
