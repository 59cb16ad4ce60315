"""French VAT numbers and IBANs out of (possibly noisy) OCR text, as printed and as the OCR
misreads them (letters for digits, a zero read twice, a country code read with a digit).

Like :mod:`extractors.parsing`: ``parse_*`` takes one raw value and returns it without spaces, or
None; ``find_*`` scans a whole text and returns ``Match`` objects with their offsets. Neither
checks the number's key: ``extractors.validators`` does.
"""

from __future__ import annotations

import re

from extractors import validators
from extractors.parsing import Match, clean

_VAT_START_RE = re.compile(r"(?<![A-Z0-9])FR(?=[ .\-]?[0-9A-Z])")
_VAT_OCR = str.maketrans({"O": "0", "Q": "0", "D": "0", "B": "8", "G": "6", "S": "5", "I": "1", "L": "1",
                          "Z": "2", "|": "1"})


def _one_zero_read_twice(chars: str) -> str:
    """A zero the OCR read as « 0O » (« FR0O5411885601 »): the twelve characters as eleven, when
    the number's key then checks; else as they were."""
    for pair in ("0O", "O0"):
        k = chars.find(pair)
        if k >= 0:
            once = chars[:k] + "0" + chars[k + 2:]
            if validators.is_valid_vat("FR" + once.translate(_VAT_OCR)):
                return once
    return chars


def parse_vat(raw: str) -> str | None:
    """``FR 44 732829320`` -> ``FR44732829320`` (format only; see validators.is_valid_vat)."""
    found = find_vats(raw or "")
    return found[0].value if found else None


def find_vats(text: str) -> list[Match]:
    """French VAT numbers ``FR`` + 11 digits, spaces anywhere, OCR letters for digits undone."""
    up = clean(text).upper()
    out = []
    for m in _VAT_START_RE.finditer(up):
        chars, i = "", m.end()
        while i < len(up) and len(chars) < 11:
            c = up[i]
            if c.isalnum() or c == "|":
                chars += c
            elif c == "\n" and len(chars) == 2 and re.match(r"[ \t]*\d{3} ?\d{3} ?\d{3}(?!\d)", up[i + 1:]):
                i += 1  # the key ending a line, the SIREN starting the next (« TVA INTRACOM FR65 » / « 819902735 »)
                while up[i] in " \t":
                    i += 1
                continue
            elif not (c in " .-" and i + 1 < len(up) and up[i + 1].isalnum() and up[i - 1] != " "):
                break
            i += 1
        if len(chars) == 11 and i < len(up) and up[i].isalnum() and (i + 1 >= len(up) or not up[i + 1].isalnum()):
            once = _one_zero_read_twice(chars + up[i])  # a twelfth character: a zero read twice?
            if len(once) == 11:
                chars, i = once, i + 1
        if len(chars) != 11 or (i < len(up) and up[i].isalnum()):
            continue
        digits = chars.translate(_VAT_OCR)
        if not digits.isdigit() or sum(c.isdigit() for c in chars) < 8:
            continue
        out.append(Match("FR" + digits, m.start(), i, text[m.start():i]))
    return out


_IBAN_START_RE = re.compile(r"(?<![A-Z0-9])([A-Z]{2})[ ]?(\d{2})")

# a country code after « IBAN » with a letter read as a digit (« IBAN 1E74 BOFI … » is Ireland's)
_IBAN_COUNTRY_MISREAD = re.compile(r"(?<=IBAN)([ :]{0,3})([A-Z0-9]{2})(?=[ ]?\d{2})")
_DIGIT_AS_LETTER = str.maketrans({"1": "I", "0": "O", "5": "S", "8": "B", "2": "Z", "6": "G"})


def _country_letters(m: re.Match) -> str:
    code = m.group(2)
    if code.isalpha() or validators.iban_length(code.translate(_DIGIT_AS_LETTER)) is None:
        return m.group(0)
    return m.group(1) + code.translate(_DIGIT_AS_LETTER)  # same length: the positions still hold


# its check digits with a digit read as a letter (« IBAN DES5 7205 0000 … » is DE55)
_IBAN_CHECK_MISREAD = re.compile(r"(?<=IBAN)([ :]{0,3}[A-Z]{2})([0-9SOIBZGL]{2})(?=[ ]?[A-Z0-9]{4})")
_LETTER_AS_DIGIT = str.maketrans({"I": "1", "L": "1", "O": "0", "S": "5", "B": "8", "Z": "2", "G": "6"})


def _check_digits(m: re.Match) -> str:
    if m.group(2).isdigit() or validators.iban_length(m.group(1).strip(" :")) is None:
        return m.group(0)
    return m.group(1) + m.group(2).translate(_LETTER_AS_DIGIT)  # same length: the positions still hold


def parse_iban(raw: str) -> str | None:
    """``FR76 3000 6000 0112 3456 7890 189`` -> ``FR7630006000011234567890189`` (format only)."""
    found = find_ibans(raw or "")
    return found[0].value if found else None


def find_ibans(text: str) -> list[Match]:
    """IBAN-shaped strings, cut to their country's length; the check digits are NOT verified.

    The IBAN is read either as one block or as space-separated groups; a following word
    without digits (``BIC``, ``SIRET``) ends it.
    """
    up = _IBAN_CHECK_MISREAD.sub(_check_digits, _IBAN_COUNTRY_MISREAD.sub(_country_letters, clean(text).upper()))
    out = []
    for m in _IBAN_START_RE.finditer(up):
        country = m.group(1)
        want = validators.iban_length(country)
        chars = country + m.group(2)
        pos = m.end()
        grouped = True
        rest = up[pos:]
        # (groups set apart by spaces, dashes or dots, or wrapped to the next line)
        for tok in re.finditer(r"(?:[ \-.]{0,3}|[ \t]*\n[ \t]*)([A-Z0-9]+)", rest):
            if tok.start() != pos - m.end():
                break
            t = tok.group(1)
            if not (any(c.isdigit() for c in t) or (len(t) <= 4 and grouped)):
                break
            grouped = grouped and len(t) == 4
            if want is not None and len(chars) + len(t) > want:
                break
            chars += t
            pos = m.end() + tok.end()
            if want is not None and len(chars) == want:
                break
        if (want is not None and len(chars) != want) or not 15 <= len(chars) <= 34:
            continue
        bban = chars[4:]
        if country == "FR":  # bank and branch codes and the RIB key are digits
            bban = bban[:10].replace("O", "0") + bban[10:21] + bban[21:].replace("O", "0")
            chars = chars[:4] + bban
        if sum(c.isdigit() for c in bban) < len(bban) // 2:
            continue
        out.append(Match(chars, m.start(), pos, text[m.start():pos]))
    return out


def is_iban_candidate(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", value))
