"""Find the supplier or tenant a document speaks of in the registries.

Suppliers are matched by SIRET, then SIREN, then VAT number, then IBAN, then by a fuzzy
comparison of their name with the lines of the document (rapidfuzz). Tenants are matched by
their contract reference; their registry name is kept when it resembles the written one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from config.registries import Registries, Supplier, Tenant
from extractors.fields_supplier_name import strip_legal_form
from extractors.parsing import fold

_LEGAL_FORMS = r"\b(?:sarl|sas|sasu|sa|eurl|sci|scic|scop|snc|selarl|ets|etablissements|societe|ste)\b"
NAME_THRESHOLD = 88.0


@dataclass(frozen=True)
class SupplierMatch:
    supplier: Supplier
    method: str  # "siret", "siren", "vat", "iban" or "name"
    score: float = 100.0


def simplify_name(name: str) -> str:
    """Fold case/accents, drop legal forms and punctuation: ``"Elec'Toulouse SARL"`` -> ``"elec toulouse"``,
    ``"S.A.R.L. Peintures Martin"`` -> ``"peintures martin"``."""
    s = fold(strip_legal_form(name)).replace("ß", "ss")  # « Schließsysteme » printed « SCHLIESSSYSTEME » in capitals
    s = re.sub(r"\b([a-z0-9])\.(?=[a-z0-9]\b)", r"\1", s)  # an acronym with its dots: « S.E.M.T. » is « SEMT »
    s = re.sub(r"[^a-z0-9&]+", " ", s)
    s = re.sub(_LEGAL_FORMS, " ", s)
    return re.sub(r"\s+", " ", s).strip()


def name_score(a: str, b: str) -> float:
    sa, sb = simplify_name(a), simplify_name(b)
    if not sa or not sb:
        return 0.0
    return float(fuzz.token_sort_ratio(sa, sb))


def match_supplier_by_ids(registries: Registries, siret: str | None = None, siren: str | None = None,
                          vat: str | None = None, iban: str | None = None) -> SupplierMatch | None:
    if siret:
        s = registries.supplier_by("siret", siret)
        if s:
            return SupplierMatch(s, "siret")
    siren = siren or (siret[:9] if siret else None)
    if siren:
        hits = [s for s in registries.suppliers if s.siren == siren]
        if len(hits) == 1:
            return SupplierMatch(hits[0], "siren")
    if vat:
        s = registries.supplier_by("vat", vat)
        if s:
            return SupplierMatch(s, "vat")
    if iban:
        s = registries.supplier_by("iban", iban)
        if s:
            return SupplierMatch(s, "iban")
    return None


def match_supplier_by_name(registries: Registries, text: str, max_lines: int = 60) -> SupplierMatch | None:
    """Best registry supplier whose name appears (fuzzily) on one of the document's lines."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:max_lines]
    simple_lines = [simplify_name(ln) for ln in lines]
    best: SupplierMatch | None = None
    for sup in registries.suppliers:
        target = simplify_name(sup.name)
        if len(target) < 4:
            continue
        for i, sl in enumerate(simple_lines):
            if not sl:
                continue
            if len(sl) <= len(target) * 1.6:
                score = float(fuzz.ratio(target, sl))
            else:  # the name inside a longer line: "Plomberie Garonne - 12 rue ...", in whole words
                score = float(fuzz.partial_ratio(target, sl)) - 2.0  # quick: an upper bound, near enough
                if score >= NAME_THRESHOLD - 3:
                    score = _words_ratio(target, sl) - 2.0
            score -= min(i, 30) * 0.1  # names near the top (letterhead) are preferred
            if score >= NAME_THRESHOLD and (best is None or score > best.score):
                best = SupplierMatch(sup, "name", score)
    return best


def _words_ratio(target: str, line: str) -> float:
    """How well ``target`` matches a run of whole words of ``line`` (« elec toulouse » is not in
    « ville toulouse », which a character-level partial match would take it for)."""
    words, n = line.split(), len(target.split())
    best = 0.0
    for size in {max(1, n - 1), n, n + 1}:
        for k in range(max(1, len(words) - size + 1)):
            best = max(best, float(fuzz.ratio(target, " ".join(words[k:k + size]))))
    return best


def match_tenant(registries: Registries, reference: str | None) -> Tenant | None:
    return registries.tenant_by_reference(reference) if reference else None


def tenant_name_matches(written: str, registered: str, threshold: float = 80.0) -> bool:
    """Does the written name designate the registry's tenant (order, case, accents aside)?"""
    a, b = simplify_person(written), simplify_person(registered)
    if not a or not b:
        return False
    if fuzz.token_sort_ratio(a, b) >= threshold:
        return True
    # "M. et Mme Dupont" or just the surname: all written words found in the registry name
    return fuzz.token_set_ratio(a, b) >= 95 and len(a) >= 4


_BY_NAME: dict[int, tuple[tuple, dict[str, list[Tenant]]]] = {}


def tenant_by_name(registries: Registries, name: str) -> Tenant | None:
    """The one registry tenant whose name is ``name`` (case, accents, word order aside), or None
    (none, or several namesakes: a name alone does not tell them apart)."""
    key = id(registries.tenants)
    hit = _BY_NAME.get(key)
    if hit is None or hit[0] is not registries.tenants:
        index: dict[str, list[Tenant]] = {}
        for t in registries.tenants:
            index.setdefault(" ".join(sorted(simplify_person(t.tenant_name).split())), []).append(t)
        hit = (registries.tenants, index)
        if len(_BY_NAME) >= 8:  # registries merged anew with learned tenants: forget the old ones
            _BY_NAME.clear()
        _BY_NAME[key] = hit
    found = hit[1].get(" ".join(sorted(simplify_person(name).split())), [])
    return found[0] if len(found) == 1 else None


def simplify_person(name: str) -> str:
    s = fold(name)
    s = re.sub(r"\b(?:monsieur|madame|mademoiselle|mme|mlle|mr|m|et)\b\.?", " ", s)
    s = re.sub(r"[^a-z]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def find_name_in_text(name: str, text: str, threshold: float = 90.0) -> bool:
    target = simplify_person(name)
    if not target:
        return False
    for ln in text.splitlines():
        sl = simplify_person(ln)
        if sl and fuzz.partial_token_sort_ratio(target, sl) >= threshold and len(sl) >= len(target) * 0.6:
            return True
    return False
