"""Names that are not the tenant's: the people handling a file at an organisation, professionals
signing over their job, companies printed like a person's name. Used by
:mod:`extractors.fields_person` on its candidates (anything with ``name``, ``line`` and
``source``)."""

from __future__ import annotations

import re

from extractors.fields_labels import Doc
from extractors.parsing import fold
from extractors.person_labels import COMPANY_AFTER, COMPANY_BEFORE, FAMILY, ROLE, STAFF_LINE
from extractors.person_names import clean_person


def staff_names(doc: Doc, cands: list) -> list[set[str]]:
    """Names of the people handling the file at an organisation ("Affaire suivie par : Mme X",
    "Mandataire : M. Y") and of signers or senders printed over their job ("Justine Roux /
    Assistante de service social", "Maître Z / Huissier de justice"): never the tenant."""
    out = []
    for m in STAFF_LINE.finditer(doc.folded):
        tail = doc.text[m.end():doc.line_span(doc.line_of(m.start()))[1]]
        name = clean_person(re.split(r",|\(|\s-\s|\s{3,}", tail.lstrip(" :"))[0])
        if name:
            out.append(_tokens(name))
    for c in cands:
        if c.source not in ("signature", "sender"):
            continue
        s, e = doc.line_span(c.line)
        here = doc.folded[s:e]
        k = here.find(fold(c.name.split()[-1]))
        after = [here[k + len(c.name.split()[-1]):].lstrip(" ,-")] if k >= 0 else []
        nxt = c.line
        for _ in range(2):
            nxt = doc.next_nonempty_line(nxt, max_skip=0)
            if nxt is None:
                break
            after.append(doc.line_text(nxt, folded=True).strip())
        if c.source == "signature" and (above := doc.prev_nonempty_line(c.line, max_skip=0)) is not None:
            after.append(doc.line_text(above, folded=True).strip())  # « La cheffe du pôle Logement / Sandrine X »
        if any(ROLE.search(a) and not _kin(c.name, a) for a in after if a):
            out.append(_tokens(c.name))
    return out


def is_company(doc: Doc, name: str) -> bool:
    """« AEROCOMP GARONNE » over an address looks like a sender's name; « la société AEROCOMP
    GARONNE » or « AEROCOMP GARONNE - SAS au capital de… » elsewhere says it is a company."""
    key = fold(name)
    for m in re.finditer(re.escape(key), doc.folded):
        if (COMPANY_BEFORE.search(doc.folded[max(0, m.start() - 20):m.start()])
                or COMPANY_AFTER.match(doc.folded[m.end():m.end() + 20])):
            return True
    return False


def _kin(name: str, role: str) -> bool:
    """« Curatrice de M. Pierre ROUZAUD » under « Nathalie ROUZAUD », « sa fille et curatrice »: a
    relative who holds the measure, the writer (SPEC), not a professional."""
    return fold(name.split()[-1]) in role or bool(FAMILY.search(role)) or bool(
        re.search(r"\b(?:sa|son)\s+(?:fille|fils|soeur|frere|niece|neveu|epouse|mari)\b", role))


def _tokens(name: str) -> set[str]:
    return set(re.sub(r"[^a-z]+", " ", fold(name)).split())


def among(name: str, staff: list[set[str]]) -> bool:
    t = _tokens(name)
    return any(t == s or (len(t & s) >= 2) for s in staff)
