"""Fields of tenants' letters: writer, contract reference, postal code, e-mail, phone, amount.

The reference is read by :mod:`extractors.fields_tenant_ref`, the writer's name by
:mod:`extractors.fields_person`, their postal code, e-mail and phone by
:mod:`extractors.tenant_contacts` (those printed near the name, never the landlord's nor an
organisation's), the sum at stake by :mod:`extractors.fields_amount`.
"""

from __future__ import annotations

import re

from config.registries import Registries
from extractors.email_address import CONSUMER_MAIL, PRINTED_SENDER
from extractors.fields_amount import read_amount
from extractors.fields_labels import Doc
from extractors.fields_person import PersonCandidate, name_candidates
from extractors.fields_tenant_ref import read_reference
from extractors.matching import (
    find_name_in_text,
    match_tenant,
    simplify_person,
    tenant_by_name,
    tenant_name_matches,
)
from extractors.ocr_slips import mend_slips
from extractors.parsing import fold, restore_accents
from extractors.person_labels import ORGANISATION
from extractors.person_names import known_first, normalise_person
from extractors.stacked_cells import unrow, unstack_colons
from extractors.tenant_contacts import read_contacts
from extractors.types import Extraction



def read_name(doc: Doc, ex: Extraction, registries: Registries, cands: list[PersonCandidate]) -> PersonCandidate | None:
    names = [c.name for c in cands]
    tenant = match_tenant(registries, ex.fields.get("tenant_reference"))
    if tenant and (any(tenant_name_matches(c, tenant.tenant_name) for c in names)
                   or find_name_in_text(tenant.tenant_name, doc.text)):
        ex.fields["tenant_name"] = _as_printed_name(tenant.tenant_name)
        return next((c for c in cands if tenant_name_matches(c.name, tenant.tenant_name)), cands[0] if cands else None)
    if cands:
        known = tenant_by_name(registries, cands[0].name)  # the registry's spelling when it knows the name
        ex.fields["tenant_name"] = (_as_printed_name(known.tenant_name) if known
                                    else restore_accents(_fullest(cands[0].name, names), doc.text))
        if (known is not None and known.source == "learned" and "tenant_reference" not in ex.fields
                and "tenant_reference" not in ex.rejected):
            # a writer a validated correction taught: their reference, though this letter omits it
            ex.fields["tenant_reference"] = known.tenant_reference
            ex.tenant_reference_known = True
        return cands[0]
    return None


def _fullest(name: str, names: list[str]) -> str:
    """The same person's name where it is printed in full: a mail header's « fatou coulibaly »
    signed « Fatoumata Coulibaly »."""
    words = fold(name).split()
    first, rest = words[0], words[1:]
    for other in names:
        if "-" in other and fold(other).replace("-", " ").split() == words:
            return other  # « Carla Esteban-Ruiz » in her own block, « ESTEBAN RUIZ Carla » on the insurer's form
        o_first, *o_rest = fold(other).split()
        if o_rest == rest and rest and len(o_first) > len(first) >= 3 and o_first.startswith(first):
            return other
        if o_rest == words and known_first(o_first):
            return other  # « Affaire : PINTO FERNANDES c/ … » is « Mme Graziella PINTO FERNANDES »
        if len(words) >= 2 and fold(other).split()[:-1] == words[:-1] and fold(other).split()[-1].startswith(words[-1] + "-"):
            return other  # « De: Inès Bouhired » signed « Inès Bouhired-Lafforgue »: her full surname
    return name


def _as_printed_name(registry_name: str) -> str:
    """A registry's name in its spelling, but as a name is written (« Nadia HADDAD » -> « Nadia Haddad »)."""
    return normalise_person(registry_name.split()) if registry_name.strip() else registry_name


def extract_tenant_fields(doc_type: str, text: str, registries: Registries) -> Extraction:
    return _read_tenant_letter(doc_type, text, registries)[0]


# Where a person's own name is printed: their sender block, signature, « je soussigné », webmail header
PERSONAL_SOURCES = frozenset({"soussigne", "collective", "webmail", "signature", "sender"})


def extract_writer_fields(doc_type: str, text: str, registries: Registries) -> Extraction:
    """A document of no known type: the writer's name and contacts when a person wrote it (their
    name in a sender block, a signature, « je soussigné », or a tenant reference), or the person
    a third party writes about (« Madame X, 87 ans, locataire… »; an employer's letter in support
    of its employee's transfer too), else nothing (an organisation's circular or advert has no
    tenant to name)."""
    if _JOB_APPLICATION.search(fold(text)):
        return Extraction()  # a job seeker: no tenant wrote it
    ex, anchor = _read_tenant_letter(doc_type, text, registries)
    if _COMPANY_MENTIONS.search(fold(text)) and (anchor is None or anchor.source != "concerned"):
        return Extraction()  # a company's letterhead or legal mentions, about no one (an advert, a circular)
    personal = (anchor is not None and anchor.source in PERSONAL_SOURCES | {"concerned"}) or "tenant_reference" in ex.fields
    name = fold(ex.fields.get("tenant_name") or "")
    if not personal or (name and (ORGANISATION.search(name) or _NOT_A_PERSON.search(name))):
        return Extraction()
    if not name and "tenant_reference" not in ex.fields:
        return Extraction()
    return ex  # a person's letter: their name, or at least their reference (« contestation des charges »)


# words that make a signature an organisation's or an office's, not a person's
_NOT_A_PERSON = re.compile(r"\b(?:l'?equipe|equipe|prefet|prefecture|service|direction|confort|plus|societe|"
                           r"association|amicale|conseil|agence|entreprise|groupe|comite|bureau|president|circulaire|"
                           r"bailleurs?|aux|des|pour)\b")
# (« sa candidature pour un logement de type 3 » applies for a home, not a job; a mayor ready to
# « présenter sa candidature sur son contingent » puts a family forward for one: a job's names a post)
_JOB_APPLICATION = re.compile(r"\b(?:candidature\s+spontanee|candidature(?=[^.\n]{0,80}\b(?:poste|emploi|stage|alternance|cdi|cdd)\b)|"
                              r"curriculum\s+vitae|lettre\s+de\s+motivation|offre\s+d'emploi|"
                              r"recrutement|experience\s+professionnelle)\b")


def _tenant_heads(doc: Doc, cands: list[PersonCandidate]) -> bool:
    """The letter opens on its writer's own block (« Yasmina CHERIF / 10 rue … / Contrat n° … »):
    a person's, not an office's letterhead nor an e-mail's header under the printing account's name."""
    head = [doc.line_text(i, folded=True) for i in range(min(len(doc.line_starts), 6))]
    return (any(c.source in ("sender", "soussigne") and c.line <= 1 for c in cands)
            and not any(re.match(r"\s*(?:de|from|envoye|expediteur)\s*:", line) for line in head)
            and not ORGANISATION.search(" ".join(head[:3])))


def _mailed_by_a_person(doc: Doc, cands: list[PersonCandidate]) -> bool:
    """An e-mail printed out whose sender (« De : Benoit Carrère <benoit.carrere@sfr.fr> ») writes
    from a personal mailbox: the tenant, not an office."""
    for c in cands:
        if c.source == "webmail":
            line = doc.line_text(c.line, folded=True)
            return bool(CONSUMER_MAIL.search(line))
    sender = PRINTED_SENDER.search(doc.folded[:1500])  # Gmail's print-out, without « De : »
    return bool(sender and CONSUMER_MAIL.search(sender.group(0)))


_COMPANY_MENTIONS = re.compile(r"\b(?:siret|siren|rcs|sarl|sas|sasu|eurl|capital\s+(?:social\s+)?de|tva\s+intracom\w*|"
                           r"www\.|ape\s*:|naf\s*:)")


# a married woman's maiden name after her surname (« Madame SABATIE née BOURREL Ghislaine »): not hers in use
_MAIDEN_NAME = re.compile(r"\b([A-ZÀ-Þ][A-ZÀ-Þ'\-]{1,})[ \t]+n[ée]e[ \t]+[A-ZÀ-Þ][A-ZÀ-Þ'\-]{1,}\b(?![ \t]+[A-ZÀ-Þ][A-ZÀ-Þ'\-]{2,}\b)")


def _read_tenant_letter(doc_type: str, text: str, registries: Registries) -> tuple[Extraction, PersonCandidate | None]:
    ex = Extraction()
    doc = Doc(_MAIDEN_NAME.sub(r"\1", mend_slips(unrow(unstack_colons(text)))))
    staff: list[PersonCandidate] = []
    cands = name_candidates(doc, doc_type, staff)
    by_tenant = (doc_type in ("housing_benefit", "insurance_certificate")
                 and (_tenant_heads(doc, cands) or _mailed_by_a_person(doc, cands)))
    read_reference(doc, ex, registries, doc_type, by_tenant=by_tenant)
    anchor = read_name(doc, ex, registries, cands)
    # the writer's name wherever it is printed (sender block and signature): the address is by one of them
    anchors = [c for c in cands if anchor is not None and c.name == anchor.name]
    writers = [c for c in cands if anchor is not None and anchor.source == "concerned"
               and c.source in PERSONAL_SOURCES and not tenant_name_matches(c.name, anchor.name)]
    if anchor is not None and anchor.source == "concerned":  # a caseworker signing: their own contacts
        writers += [c for c in staff if not tenant_name_matches(c.name, anchor.name)]
    read_contacts(doc, ex, registries, anchors, writers)
    if doc_type == "payment_difficulty":
        amount = read_amount(doc)
        if amount:
            ex.fields["amount"] = amount
    if "tenant_name" in ex.fields and not simplify_person(ex.fields["tenant_name"]):
        del ex.fields["tenant_name"]
    return ex, anchor
