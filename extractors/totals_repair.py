"""Totals the OCR garbled, mended only where arithmetic proves the mending: HT + TVA = TTC to
the cent, and the digits read agreeing with the digits rebuilt."""

from __future__ import annotations

import re

from extractors.fields_labels import Doc
from extractors.parsing import find_amounts

FRENCH_RATES = (0.20, 0.10, 0.055, 0.021, 0.085)


def cents(v: str) -> int:
    return int(round(float(v) * 100))


def plausible(ht: str, tva: str) -> bool:
    """TVA between 0 and 27 % of HT (the highest rate in Europe; 20 % in France, 21 % in the
    Netherlands and Spain, 22 % in Italy), as every real invoice has it."""
    a, b = cents(ht), cents(tva)
    return a > 0 and 0 <= b <= a * 0.2705 + 1


def repair_ttc(ht: list[str], tva: list[str], ttc: list[str]) -> tuple[str, str, str] | None:
    """HT + TVA when the TTC read is their sum with leading digits lost to OCR (a boxed total:
    ``8 358,86`` read ``358,86``): the cents and at least two more digits must agree."""
    if not (ht and tva and ttc):
        return None
    a, b = ht[0], tva[0]
    if not plausible(a, b) or b == "0.00":
        return None
    total = f"{(cents(a) + cents(b)) / 100:.2f}"
    for read in ttc[:2]:
        if len(read) >= 5 and len(read) < len(total) and total.endswith(read):
            return a, b, total
    return None


def one_digit_misread(ht: list[str], tva: list[str], ttc: list[str]) -> tuple[str, str, str] | None:
    """The three labelled, one of them a digit away from what the two others make it (« TVA 10 %
    747,13 € » between « Total HT 7 477,25 € » and « Total TTC 8 224,98 € »: 747,73 misread), or
    the same digits with its decimal comma lost (« TVA 20 % 184248€ » for 1 842,48)."""
    if not (ht and tva and ttc):
        return None
    a, b, c = cents(ht[0]), cents(tva[0]), cents(ttc[0])
    found = []
    for k, (read, want) in enumerate(((a, c - b), (b, c - a), (c, a + b))):
        x, y = str(read), str(want)
        if want > 0 and (read == want * 100 or len(x) == len(y) and sum(p != q for p, q in zip(x, y)) == 1):
            triple = [a, b, c]
            triple[k] = want
            # the tax must be the base at a French rate, to the cent: which of the three was misread
            if any(abs(triple[1] - triple[0] * r) <= 1 for r in FRENCH_RATES):
                found.append(tuple(f"{v / 100:.2f}" for v in triple))
    return found[0] if len(found) == 1 else None


def lost_leading_digits(ht: list[str], tva: list[str], ttc: list[str],
                        pool: dict[int, str]) -> tuple[str, str, str] | None:
    """HT and TTC printed in a box whose leading digits the OCR lost alike (« TOTAL HT 768,31 »,
    « NET A PAYER TTC 736,97 », for 5 768,31 and 6 736,97), the tax read whole: HT is an amount
    printed, or two added (the bases at each rate), that ends with the digits read, and HT + TVA
    ends with the TTC's digits read. Two checks on digits: a coincidence would need both."""
    if not (ht and tva and ttc) or len(ht[0]) < 5 or len(ttc[0]) < 5:
        return None
    a_read, b, c_read = ht[0], tva[0], ttc[0]
    values = sorted(set(pool.values()) - {a_read, b, c_read})  # (not the truncated totals themselves)
    found = {v for v in values if len(v) > len(a_read) and v.endswith(a_read)}
    found |= {s for i, x in enumerate(values) for y in values[i + 1:]
              if len(s := f"{(cents(x) + cents(y)) / 100:.2f}") > len(a_read) and s.endswith(a_read)}
    triples = []
    for a in sorted(found):
        total = f"{(cents(a) + cents(b)) / 100:.2f}"
        # (the tax at least the lowest French rate's share: « 300 000,00 » of a capital is no base)
        if plausible(a, b) and cents(b) >= cents(a) * 0.02 and len(total) > len(c_read) and total.endswith(c_read):
            triples.append((a, b, total))
    return triples[0] if len(triples) == 1 else None


_BREAKDOWN_LINE = re.compile(r"\b(?:base|tva|t\.v\.a|vat|taxe)\b")
_RATE = re.compile(r"(?<![\d,.])(\d{1,2}(?:[,.]\d{1,2})?)\s?%")


def tax_breakdown(doc: Doc, tva: list[str]) -> tuple[str, str]:
    """(HT, TVA) from a VAT breakdown (« BASE TVA 5,5 % 153,36 TVA 8,43 », « BASE TVA 20 % 2 164,63
    TVA 432,93 »): each line's base and its tax at the rate the line prints, to the cent, and their
    taxes adding up to the total tax labelled. ("", "") when there is no such breakdown."""
    bases, taxes = [], []
    for i in range(len(doc.line_starts)):
        folded = doc.line_text(i, folded=True)
        rate = _RATE.search(folded)
        if not rate or not _BREAKDOWN_LINE.search(folded):
            continue
        r = float(rate.group(1).replace(",", "."))
        amounts = [cents(a.value) for a in find_amounts(doc.line_text(i)) if not a.value.startswith("-")]
        pair = next(((a, b) for k, a in enumerate(amounts) for b in amounts[k + 1:]
                     if a > b > 0 and abs(round(a * r / 100) - b) <= 1), None)
        if pair:
            bases.append(pair[0])
            taxes.append(pair[1])
    if not bases or not any(cents(v) == sum(taxes) for v in tva):
        return "", ""
    return f"{sum(bases) / 100:.2f}", f"{sum(taxes) / 100:.2f}"


def digits_near(printed: str, value: str, most: int) -> bool:
    """The digits of a figure the OCR garbled (« 2 317799 » for 2 317,99) are ``value``'s but for
    ``most`` digits added, lost or misread, and its cents are the value's."""
    a, b = re.sub(r"\D", "", printed), value.replace(".", "").lstrip("-")
    if len(a) < 3 or a[-2:] != b[-2:]:
        return False
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1] <= most
