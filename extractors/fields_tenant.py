"""Fields of tenants' letters: writer, contract reference, postal code, e-mail, phone, amount."""

from __future__ import annotations

import re

from config.registries import Registries
from extractors import validators
from extractors.fields_labels import Doc, labelled_digits
from extractors.matching import find_name_in_text, match_tenant, simplify_person, tenant_name_matches
from extractors.parsing import find_amounts, find_phones, fix_digits, fold
from extractors.types import Extraction

NO = r"(?:n\s?[°o*?]\s?\.?|no\.|num(?:ero)?\.?)"
_REF_LABELS = [
    r"\bref(?:erence)?s?\.?\s*(?:de\s+|du\s+)?(?:locataire|client|contrat|dossier|compte)?\s*(?:" + NO + r")?\s*:?",
    NO + r"\s*(?:de\s+|d'\s*)?(?:contrat|locataire|client|dossier|compte|bail|allocataire)\s*:?",
    r"\bnumero\s+(?:de\s+)?(?:contrat|locataire|client|dossier|compte)(?:\s+est)?(?:\s+le)?\s*:?",
    r"\b(?:contrat|bail|dossier|compte\s+locataire)\s*" + NO + r"\s*:?",
]
_CIVILITY = r"(?:monsieur|madame|mademoiselle|mme|mlle|mr|m\.|m|mmes|mm\.)"
_CLOSING = re.compile(r"cordialement|salutations|sentiments|respectueusement|mes respects|bien a vous|"
                      r"merci d'avance|merci par avance|remerciant|bonne (?:journee|reception)|a bientot|"
                      r"merci (?:de|pour) votre|dans l'attente|je vous prie|veuillez agreer")
_NOT_NAME = re.compile(r"\b(?:rue|avenue|allee|chemin|impasse|boulevard|place|route|bat|batiment|appt|"
                       r"appartement|residence|patrimoine|agence|objet|madame|monsieur|service|cedex|"
                       r"toulouse|tel|mail|courriel|contrat|reference|locataire|le|la|les|de|des|du|je|"
                       r"vous|mon|ma|mes|pour|et|en|a|au|dans|avec|office|logement|social|gestion)\b")
_DEBT_WORDS = re.compile(r"dette|doi[st]\b|impaye|arriere|retard|solde|debiteur|somme|reste|s'eleve|"
                         r"montant|rappel|regulariser|devons|redevable")


def _recipient_lines(doc: Doc) -> set[int]:
    """Line numbers of the landlord's address block (not the writer's)."""
    out: set[int] = set()
    n = len(doc.line_starts)
    for i in range(n):
        ln = doc.line_text(i, folded=True).strip()
        if ln.startswith("patrimoine") or ln.startswith("agence ") or "office du logement" in ln:
            for j in range(i, min(i + 5, n)):
                out.add(j)
                if re.search(r"\b\d{5}\b", doc.line_text(j)):
                    break
    return out


def read_reference(doc: Doc, ex: Extraction, registries: Registries) -> None:
    fixed = fix_digits(doc.text)
    labelled = [d for pattern in _REF_LABELS for d in labelled_digits(doc, pattern, 12, 8, window=40)]
    eight = [d for d in labelled if len(d) == 8]
    known = [d for d in eight if registries.tenant_by_reference(d)]
    if not known:  # unlabelled, but the registry knows it
        runs = [re.sub(r"\s", "", m.group(0)) for m in
                re.finditer(r"(?<![\d.,/])(?<!\d )\d{4} ?\d{4}(?![\d.,/]| \d)", fixed)]
        known = [d for d in runs if registries.tenant_by_reference(d)]
    if known:
        ex.fields["tenant_reference"] = known[0]
        ex.tenant_reference_known = True
    elif eight:
        ex.fields["tenant_reference"] = eight[0]
    elif labelled and any(len(d) >= 5 for d in labelled):
        bad = next(d for d in labelled if len(d) >= 5)
        ex.rejected["tenant_reference"] = f"référence « {bad} » : 8 chiffres attendus ({len(bad)} lus)"


def _clean_person(raw: str) -> str | None:
    s = re.sub(r"[\s,.;:]+$", "", raw.strip())
    s = re.sub(r"^(?:" + _CIVILITY + r"\s*(?:et\s+" + _CIVILITY + r")?\s+)", "", s, flags=re.I).strip()
    if not s or not re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ'’\- ]{3,50}", s):
        return None
    words = s.split()
    if not 2 <= len(words) <= 5 or _NOT_NAME.search(fold(s)):
        return None
    if not all(w[0].isupper() for w in words if w.lower() not in ("de", "da", "el", "van", "le")):
        return None
    if s.isupper():
        s = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)
    return s


def name_candidates(doc: Doc) -> list[str]:
    """Possible writer names, most reliable first: ``Je soussigné(e)``, signature, sender block."""
    out: list[str] = []
    for m in re.finditer(r"je\s+soussigne(?:\(e\)|e)?s?\s*,?\s*", doc.folded):
        tail = doc.text[m.end():m.end() + 80]
        raw = re.split(r",|\n|\bdemeurant|\blocataire|\bdomicili|\bhabitant|\bn[ée]e?\b|\bresidant", tail)[0]
        name = _clean_person(raw)
        if name:
            out.append(name)
    lines = [(i, doc.text[doc.line_span(i)[0]:doc.line_span(i)[1]].strip()) for i in range(len(doc.line_starts))]
    lines = [(i, ln) for i, ln in lines if ln]
    closing_at = None
    for k, (_, ln) in enumerate(lines):
        if _CLOSING.search(fold(ln)):
            closing_at = k
    tail_lines = lines[closing_at + 1:] if closing_at is not None else lines[-8:]
    for _, ln in tail_lines[:4]:
        name = _clean_person(ln)
        if name:
            out.append(name)
            break
    for _, ln in lines[:3]:
        name = _clean_person(ln)
        if name:
            out.append(name)
            break
    return out


def read_name(doc: Doc, ex: Extraction, registries: Registries) -> None:
    cands = name_candidates(doc)
    tenant = match_tenant(registries, ex.fields.get("tenant_reference"))
    if tenant and (any(tenant_name_matches(c, tenant.tenant_name) for c in cands)
                   or find_name_in_text(tenant.tenant_name, doc.text)):
        ex.fields["tenant_name"] = tenant.tenant_name
    elif cands:
        ex.fields["tenant_name"] = cands[0]


def read_contacts(doc: Doc, ex: Extraction, registries: Registries) -> None:
    skip = _recipient_lines(doc)
    tenant = match_tenant(registries, ex.fields.get("tenant_reference"))
    codes = []
    for m in re.finditer(r"(?<![\d.,])(\d{5})\s+([A-Za-zÀ-ÿ'][\w'’\- ]*)", fix_digits(doc.text)):
        if doc.line_of(m.start()) in skip or "cedex" in fold(m.group(2)):
            continue  # the landlord's or an organisation's address (CEDEX), not a home
        pc = validators.normalise_postal_code(m.group(1))
        if pc:
            codes.append(pc)
    if codes:
        ex.fields["postal_code"] = tenant.postal_code if tenant and tenant.postal_code in codes else codes[0]
    emails = [e for e in find_emails(doc.text) if "patrimoine" not in e]
    if emails:
        ex.fields["email"] = emails[0]
    phones = [p for p in find_phones(doc.text) if doc.line_of(p.start) not in skip]
    if phones:
        if tenant and tenant.phone in [p.value for p in phones]:
            ex.fields["phone"] = tenant.phone
        else:
            ex.fields["phone"] = phones[0].value


_EMAIL_RE = re.compile(r"[\w.+\-]+ ?@ ?[\w\-]+(?:(?: ?[.,] ?)[\w\-]+)*?(?: ?[.,] ?)"
                       r"(?:fr|com|net|org|eu|info|biz|io|be|ch|re)\b", re.IGNORECASE)


def find_emails(text: str) -> list[str]:
    """E-mail addresses, OCR-spaced ones too (``nom @orange. fr``, ``nom@wanadoo, fr``)."""
    return [re.sub(r"\s", "", m.group(0)).replace(",", ".").lower() for m in _EMAIL_RE.finditer(text)]


def read_amount(doc: Doc) -> str | None:
    """The sum at stake in a payment-difficulty letter (a debt rather than a monthly instalment)."""
    best: tuple[int, float, str] | None = None
    for a in find_amounts(doc.text, need_currency=False):
        value = a.value.lstrip("-")
        after = doc.folded[a.end:a.end + 20]
        if re.match(r"\s*(?:par\s+mois|/\s*mois|mensuel|chaque\s+mois|de\s+plus\s+par)", after):
            continue
        before = doc.folded[max(0, a.start - 70):a.start]
        before = re.split(r"[.!?]\s", before)[-1]
        prio = 0 if _DEBT_WORDS.search(before) else 1
        if prio == 1 and not re.search(r"€|eur", doc.folded[a.start:a.end + 3]):
            continue
        key = (prio, -float(value), value)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def extract_tenant_fields(doc_type: str, text: str, registries: Registries) -> Extraction:
    ex = Extraction()
    doc = Doc(text)
    read_reference(doc, ex, registries)
    read_name(doc, ex, registries)
    read_contacts(doc, ex, registries)
    if doc_type == "payment_difficulty":
        amount = read_amount(doc)
        if amount:
            ex.fields["amount"] = amount
    if "tenant_name" in ex.fields and not simplify_person(ex.fields["tenant_name"]):
        del ex.fields["tenant_name"]
    return ex
