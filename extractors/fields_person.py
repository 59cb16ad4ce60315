"""The writer of a tenant's letter (or the tenant a third party writes about), as
"Firstname Lastname".

Where a name is printed, most reliable first: ``Je soussigné(e) X``; a webmail header
(``De : X <x@y.fr>``); the signature (the first name-like line after the last closing formula,
``Cordialement``, ``Salutations``, ``Bien à vous``...); the sender block at the top left (a
name line over an address); in third parties' letters, the person concerned (``Allocataire :
X``, ``atteste que X est``, ``au nom de X``, ``PATRIMOINE c/ X``). spaCy's French NER (PER) only
helps: it may confirm a name at one of those places that the rules could not read.
Names are made "Firstname Lastname" by :mod:`extractors.person_names` (a name the tenant
registry knows is then given in the registry's spelling, by fields_tenant).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields_labels import Doc
from extractors.parsing import fold
from extractors.person_names import clean_person, is_upper, title_word

CLOSING = re.compile(r"cordialement|salutations|sentiments|respectueusement|mes respects|bien a vous|"
                     r"merci d'avance|merci par avance|remerciant|bonne (?:journee|reception|soiree)|a bientot|"
                     r"merci (?:de|pour) votre|dans l'attente|je vous prie|veuillez agreer|bien cordialement|"
                     r"sincerely|best regards|kind regards|regards")
_ADDRESS = re.compile(r"\b\d{1,4}\s*(?:bis|ter|[a-d])?\s*,?\s*(?:rue|av(?:enue)?|all[ée]e|chemin|impasse|bd|boulevard|place|"
                      r"route|quai|cours|square|r[ée]sidence|lotissement|cit[ée]|hameau|passage|esplanade|promenade)\b|"
                      r"\b(?:b[âa]t(?:iment)?|appt|appartement|r[ée]sidence|escalier|porte)\b|\b\d{5}\s+[A-Za-zÀ-ÿ]", re.I)
_WEBMAIL = re.compile(r"(?m)^[ \t>]*(?:de|from|expediteur|envoye par)\s*:\s*(?P<name>[^<\n\[(@]{3,60}?)\s*(?:<|\[|\(|$)")
# the writer introducing themselves: « je m'appelle Samira HADDOU », « c'est madame X du 12 rue… »,
# « je suis Jessica PEREZ appartement 12 » (without a civility, only with the surname in capitals)
_INTRODUCTION = re.compile(r"\b(?:(?P<call>je\s+m'?\s?appelle|je\s+me\s+nomme|mon\s+nom\s+est)|je\s+suis|c'?\s?est)\s+"
                           r"(?P<civ>(?:monsieur|madame|mademoiselle|mme|mlle|m\.)\s+)?(?P<name>[a-z'\-]{2,25}(?: [a-z'\-]{2,25}){1,2}?)"
                           r"(?=\s*(?:[\n,;.]|$|\s(?:du|de|au|a|appartement|appt|locataire|et|j'|je|dans|domicilie|demeurant|"
                           r"habitant)\b))")
_SOUSSIGNE = re.compile(r"je\s+soussigne(?:\(e\)|e)?s?\s*,?\s*")
_N = r"(?P<name>[a-z'\- .]{3,60}?)"  # on folded text: letters only, so a match never spans a sentence
_CIV = r"(?:monsieur|madame|mademoiselle|mme|mlle|m\.|mr\.?)(?:\s+et\s+(?:madame|mme))?\s+"
_END = r"\s*(?:[\n,;(]|-\s|$)"
_CIV_BARE = r"(?:monsieur|madame|mademoiselle|mme|mlle|m\.?|mr\.?)(?:\s+et\s+(?:madame|mme))?\s+"  # "M DIALLO" on a form
# a form's label, then a colon or dot leaders ("Nom, prénom .......: X", "Sociétaire ...... X")
_LABEL_SEP = r"(?:[ \t]*[.…_]*[ \t]*:|[ \t]*[.…_]{3,}[^\n:]{0,4}:|[^\n:.]{0,6}[.…]{3,})\s*"
_CONCERNED = [re.compile(rx) for rx in (
    r"(?m)\b(?:allocataire|locataire|assure\(?e?\)?|souscripteur|beneficiaire|societaire|adherent|occupante?|"
    r"defendeur|defenderesse|debit(?:eur|rice)(?:\(s\)|s)?|preneur|nom\s+du\s+locataire|nom\s*,?\s*(?:et\s+)?prenoms?|"
    r"menage|foyer|personne\s+protegee|majeur\s+protege|titulaire(?:\s+du\s+contrat)?|"
    r"nom|tenant|name)(?:\s+(?:concernee?|titulaire(?:\s+du\s+bail)?|principale?|en\s+titre))?"
    r"(?:\s+(?:de\s+l'\s?|du\s+|de\s+la\s+)(?:assuree?|assure\(e\)|souscript(?:eur|rice)|locataire|allocataire|"
    r"beneficiaire|adherente?|societaire))?" + _LABEL_SEP + _N
    + _END,
    r"(?m)^[ \t]*(?:assure\(e\)|assuree?|souscript(?:eur|rice)|adherente?|allocataire|beneficiaire|societaire)[ \t]+"
    r"(?P<name>[a-z'\-]{2,25}(?: [a-z'\-]{2,25}){1,3})[ \t]*$",
    # a court's heading on its own line, the party under it: « DEMANDEUR / Madame X »
    r"(?m)^[ \t]*(?:demandeur|demanderesse|defendeur|defenderesse|requerante?|debit(?:eur|rice))s?[ \t]*:?[ \t]*\n[ \t]*"
    + _CIV_BARE + _N + r"[ \t]*(?:\n|,|$)",
    # a label then the civility, no colon: "allocataire Monsieur X.", "Souscripteur M. KONATE Ibrahim"
    r"\b(?:allocataire|locataire|souscripteur|assure\(?e?\)?|beneficiaire|societaire|adherent|demandeur|demanderesse|"
    r"debit(?:eur|rice))\s*:?\s+" + _CIV_BARE + _N + r"\s*(?:[\n,;(.]|-\s|$)",
    r"\b(?:attest|certifi)(?:e|ent|ons)\s+que\s*:?\s*" + _N + r"\s*,?\s+(?:est|sont|a\s+souscrit|demeurant|domicilie|"
    r"nee?\b|titulaire)",
    r"\b(?:attest|certifi)(?:e|ent|ons)\s+que\s*:?\s*" + _CIV + _N + _END,
    r"\b(?:de|a|pour|concernant)\s+(?:monsieur|madame|mademoiselle|m\.|mme|mlle)\s+" + _N
    + r"\s*,?\s+(?:demeurant|domicilie|locataire|nee?\b|residant|habitant)",
    # the person a third party writes about: "au sujet de M. X", "pour le compte de : Mme X",
    # "logement occupé par M. X", "donné à bail à Mme X", "conseil de Mme X", "Objet : M. X - ..."
    r"\b(?:au\s+sujet\s+de|concernant|pour\s+le\s+compte\s+de|en\s+faveur\s+de|au\s+profit\s+de|occupe\s+par|"
    r"a\s+bail\s+a|conseil\s+de|(?:curat|tut)(?:eur|rice)\s+de|on\s+behalf\s+of)\s*:?\s*" + _CIV + _N
    + r"\s*(?:[\n,;(.:]|-\s|$|(?=\s(?:est|sont|a|ont|qui|depuis|demeurant|domicilie|locataire|nee?)\b))",
    r"(?m)^[ \t]*(?:objet|concerne|re|subject)\s*:[^\n]{0,60}?\b" + _CIV + _N + r"\s*(?:[\n,;(.]|-\s|$)",
    r"\b(?:logement|appartement|domicile)\s+de\s+" + _CIV + _N + r"\s*(?:[\n,;(.—–]|-\s|$)",
    r"\bau\s+nom\s+(?:de\s+|du\s+)?" + _N + r"\s*(?:,|\blocataire\b|\bdemeurant\b|$)",
    r"\bc/\s*" + _N + r"\s*(?:[.,;(\n]|\s-\s|$)",
    r"\bpatrimoine\s*/\s*" + _N + r"\s*(?:[.,;\n]|\s-\s|$)",
    r"\ba\s+" + _N + r"\s*,\s*(?:demeurant|domicilie|locataire)",
    # a third party's letter about a person: "Madame Germaine LACAZE, 87 ans, locataire de…",
    # "Monsieur Rachid HAMMOUDI, né le…", "Monsieur Olivier ROUCH (allocataire n°…)"
    r"(?:^|[-:—]\s)(?P<name>[a-z'\-]{2,25}(?: [a-z'\-]{2,25}){1,2})\s*\(\s*allocataire",  # « Joaquim PEREIRA (allocataire) »
    r"\b" + _CIV + _N + r"\s*(?:,\s*(?:\d{1,3}\s+ans\s*,\s*)?|\(\s*)(?:demeurant|domicilie|locataire|nee?\s+le\b|"
    r"allocataire|residant|habitant|occupante?)",
)]
_ABOUT_END = r"\s*(?:[\n,;(.]|-\s|$|(?=\s(?:qui|est|depuis|dont|agee?)\b))"
# the person a neighbour, a home help or an association writes about, said to be the landlord's
# tenant or the object of the writer's worry: in such a letter, the tenant (not the signer)
_ABOUT = [re.compile(rx) for rx in (
    r"\b" + _CIV + _N + r"\s*,\s*(?:(?:agee?\s+de\s+)?\d{1,3}\s+ans\s*,\s*)?(?:(?:qui\s+)?est\s+)?(?:votre\s+)?"
    r"(?:co-?)?(?:locataire|titulaire)\b",
    r"\b(?:situation|sujet|cas|dossier)\s+de\s+" + _CIV + _N + _ABOUT_END,
    r"\bvotre\s+locataire\s*,?\s*" + _CIV + _N + _ABOUT_END,
    r"\b(?:inquiet(?:e|s|es)?|inquietude|preoccupee?s?)\s+(?:pour|au\s+sujet\s+de|concernant|quant\s+a)\s+"
    r"(?:(?:mon|ma|notre)\s+(?:voisine?|locataire|adherente?|beneficiaire|residente?)(?:\s+(?:de\s+palier|du\s+dessus|"
    r"du\s+dessous|d'en\s+face))?\s*,?\s*)?" + _CIV + _N + _ABOUT_END,
    r"\b(?:accompagn(?:ons|e)|suivons|aidons|intervien[st]\s+(?:[a-z' ]{3,40}\s+)?chez)\s+"
    r"(?:depuis\s+[a-z0-9' ]{3,30}\s+)?" + _CIV + _N + _ABOUT_END,
)]
# the writer's relative: « au nom de ma mère, Mme X » (the writer stays the writer: SPEC)
_FAMILY = re.compile(r"\b(?:ma\s+(?:mere|maman|fille|soeur|femme|epouse|tante|compagne|conjointe|grand-mere|belle-mere|"
                     r"niece|cousine)|mon\s+(?:pere|papa|fils|frere|mari|epoux|oncle|compagnon|conjoint|grand-pere|"
                     r"beau-pere|neveu|cousin)|(?:mes|nos)\s+parents|(?:le|la)\s+(?:fils|fille|petite?-(?:fils|fille)|"
                     r"frere|soeur|neveu|niece|mari|epouse|femme|conjointe?|compagne|compagnon)\s+de)\b")
# the writer writes at the tenant's request, in their name: the writer stays the writer (SPEC),
# like a relative (a neighbour who reports a worry is not writing for the tenant)
_ON_BEHALF = re.compile(r"\b(?:m'a|nous\s+a)\s+demande\s+d(?:e\s+|')\s?(?:rediger|ecrire|vous\s+ecrire)|"
                        r"\ben\s+(?:son|leur)\s+nom\b|\ba\s+sa\s+demande\b|\bde\s+sa\s+part\b|"
                        r"\ben\s+tant\s+qu'amie?\b")
# types where a non-relative third party writes about a tenant (not about a neighbour or a leak)
_ABOUT_TYPES = ("social_distress", "payment_difficulty", "lease_termination", "certificate_or_receipt_request", "other")
ORGANISATION = re.compile(r"\b(?:mairie|ville\s+de|caf|caisse|tribunal|cabinet|syndic|gestion|assurances?|mutuelle|"
                          r"association|ccas|banque|etude|scp|selarl|sas|sarl|s\.a\.|office|centre|hopital|chu|service|"
                          r"maitre|avocats?|huissier|commissaire|msa|prefecture|conseil|departement|agence|groupe|"
                          r"administrateur|notaire|curatelle|tutelle|udaf|admr|police|gendarmerie|commissariat)\b")
# a form's two boxes: "Nom : DUPONT   Prénom : Jean" (or first name first)
_FORM_NAME = re.compile(r"\bnom\s*(?:de\s+famille)?\s*:\s*(?P<last>[a-z'\- ]{2,40}?)\s+prenom(?:s|\(s\))?\s*:\s*"
                        r"(?P<first>[a-z'\-]{2,30}(?: [a-z'\-]{2,30})?)[ \t]*(?:\n|$|\s{2,}|[,;])")
_FORM_NAME_REV = re.compile(r"\bprenom(?:s|\(s\))?\s*:\s*(?P<first>[a-z'\- ]{2,40}?)\s+nom\s*(?:de\s+famille)?\s*:\s*"
                            r"(?P<last>[a-z'\-]{2,30}(?: [a-z'\-]{2,30})?)[ \t]*(?:\n|$|\s{2,}|[,;])")
# who handles the file at an organisation: never the tenant
_STAFF_LINE = re.compile(r"(?:suivie?\s+par|interlocut(?:eur|rice)|mandataire\s*:|gestionnaire\s*:|contact\s*:|"
                         r"represente(?:e)?\s+par|president(?:e)?\s*:|greffi(?:er|ere)\s*:|juge\s*:|"
                         r"signataire|conseill(?:er|ere)\s*:|case\s+officer|handled\s+by)")
# a name followed by its job or its organisation: a professional signing, not the tenant
_ROLE = re.compile(r"^\W*(?:l'|le\s+|la\s+)?(?:assistante?s?|conseill(?:er|ere)|gestionnaire|directeur|directrice|"
                   r"responsable|charge(?:e)?\s+d|travailleu(?:r|se)|educat(?:eur|rice)|avocate?|huissier|commissaire|"
                   r"juge|greffi(?:er|ere)|mandataire|curat(?:eur|rice)|tut(?:eur|rice)|maire|adjointe?|delegue(?:e)?|"
                   r"president(?:e)?|secretaire|agent|inspect(?:eur|rice)|medecin|docteur|infirmi(?:er|ere)|"
                   r"referente?|coordinat(?:eur|rice)|chef\s+de|notaire|manager|officer|advis[oe]r|conciliat|expert|"
                   r"syndic|administrat(?:eur|rice)|technicien(?:ne)?|association|cabinet|etude|scp|selarl|ccas|"
                   r"mairie|service\s|pole\s|intervenante?s?\b|aide\s+a\s+domicile|auxiliaire|benevole|animat(?:eur|rice)|"
                   r"mediat(?:eur|rice)|chef\s+du\s+service|hygieniste)")
_THIRD_PARTY_TYPES = ("insurance_certificate", "housing_benefit", "legal_notice")
# said right after the name: an owner or a neighbour (a lawyer's client complaining about the tenant)
_NOT_A_TENANT = re.compile(r"\s*[,(]\s*(?:(?:co-?)?proprietaire|(?:sa|la|leur)\s+voisine?)\b")


@dataclass(frozen=True)
class PersonCandidate:
    name: str
    line: int  # where it was printed (for the writer's address and phone)
    source: str  # "soussigne", "webmail", "signature", "sender", "concerned", "ner"


def _lines(doc: Doc) -> list[tuple[int, str]]:
    out = []
    for i in range(len(doc.line_starts)):
        s, e = doc.line_span(i)
        ln = doc.text[s:e].strip()
        if ln:
            out.append((i, ln))
    return out


def _cells(line: str) -> list[str]:
    return [c for c in re.split(r"\s{3,}|\t", line) if c.strip()]


def name_candidates(doc: Doc, doc_type: str = "") -> list[PersonCandidate]:
    """Possible names, most reliable first."""
    out: list[PersonCandidate] = []
    lines = _lines(doc)
    concerned = []
    for rx in _CONCERNED:
        for m in rx.finditer(doc.folded):
            name = clean_person(doc.text[m.start("name"):m.end("name")])
            if name and not _NOT_A_TENANT.match(doc.folded[m.end("name"):m.end("name") + 30]):
                concerned.append((m.start(), PersonCandidate(name, doc.line_of(m.start("name")), "concerned")))
    forms = [c for _, c in _form_names(doc)]  # « Nom : X  Prénom : Y »: who fills the form in
    concerned = [c for _, c in sorted(concerned, key=lambda x: x[0])]
    concerned_first = doc_type in _THIRD_PARTY_TYPES or _organisation_head(lines)
    about = (_about_names(doc) if (doc_type in _ABOUT_TYPES or concerned_first) and not _ON_BEHALF.search(doc.folded)
             else [])
    out += forms + about + concerned if concerned_first else forms + about  # an organisation's signer is not the tenant
    for m in _SOUSSIGNE.finditer(doc.folded):
        tail = doc.text[m.end():m.end() + 80]
        raw = re.split(r",|\n|\(|\bdemeurant|\blocataire|\bdomicili|\bhabitant|\bn[ée]e?\b|\bresidant|\br[ée]sidant", tail)[0]
        name = clean_person(raw)
        if name:
            out.append(PersonCandidate(name, doc.line_of(m.end()), "soussigne"))
    for m in re.finditer(r"\bredigee?\s+par\s*:?\s*" + _N + r"\s*(?:[\n,;(]|$)", doc.folded):
        name = clean_person(doc.text[m.start("name"):m.end("name")])
        if name:
            out.append(PersonCandidate(name, doc.line_of(m.start("name")), "soussigne"))
    for m in _INTRODUCTION.finditer(doc.folded):
        raw = doc.text[m.start("name"):m.end("name")]
        name = clean_person(raw, strict=False)
        if name and (m.group("civ") or m.group("call") or is_upper(raw.split()[-1])):
            out.append(PersonCandidate(name, doc.line_of(m.start("name")), "soussigne"))
    for m in _WEBMAIL.finditer(doc.folded[:3000]):
        if "patrimoine" in doc.line_text(doc.line_of(m.start("name")), folded=True):
            continue  # a message from the landlord's staff quoted in the reply
        name = clean_person(doc.text[m.start("name"):m.end("name")], strict=False)
        if name:
            out.append(PersonCandidate(name, doc.line_of(m.start("name")), "webmail"))
    closing_at = None
    for k, (_, ln) in enumerate(lines):
        if CLOSING.search(fold(ln)):
            closing_at = k
    if closing_at is not None:
        i, ln = lines[closing_at]
        after = re.split(r"(?i)cordialement|salutations(?: distinguées| respectueuses)?|bien à vous|regards", ln)[-1]
        tail = [(i, after)] + lines[closing_at + 1:closing_at + 6]
    else:
        tail = lines[-8:]
    for k, (i, ln) in enumerate(tail):
        name = next((n for n in map(clean_person, _cells(ln) or [ln]) if n), None)
        if not name and k + 1 < len(tail) and _ADDRESS.search(tail[k + 1][1]) and len(ln.split()) <= 4:
            name = clean_person(ln, strict=False)  # "jean-marc petit" written over the address
        if name:
            out.append(PersonCandidate(name, i, "signature"))
            break
    sender = _sender_name(lines)
    if sender:
        out.append(sender)
    if not any(c.source in ("signature", "sender") for c in out):
        out += _bottom_block(lines)
    if not concerned_first:
        out += concerned
    staff = _staff_names(doc, out)
    out = [c for c in out if not _among(c.name, staff) and not _company(doc, c.name)]
    if not out:
        out += [c for c in _ner_names(lines, tail) if not _among(c.name, staff)]
    return out


def _about_names(doc: Doc) -> list[PersonCandidate]:
    """The person a non-relative third party writes about ("inquiète pour ma voisine, Mme X",
    "Nous accompagnons Mme X, co-titulaire du bail"); never the writer's mother or husband."""
    family = [doc.folded[m.end():m.end() + 40] for m in _FAMILY.finditer(doc.folded)]
    out = []
    for rx in _ABOUT:
        for m in rx.finditer(doc.folded):
            name = clean_person(doc.text[m.start("name"):m.end("name")])
            if name and not any(fold(name.split()[-1]) in f for f in family):
                out.append((m.start(), PersonCandidate(name, doc.line_of(m.start("name")), "concerned")))
    return [c for _, c in sorted(out, key=lambda x: x[0])]


def _organisation_head(lines: list[tuple[int, str]]) -> bool:
    """Does the letter start with an organisation's letterhead (a town hall, an association, a
    home-help service) rather than a person's sender block or the landlord's address?"""
    head = [ln for _, ln in lines[:3]]
    if not head or any(clean_person(c) for ln in head for c in (_cells(ln) or [ln])):
        return False
    text = fold(" ".join(head))
    return bool(ORGANISATION.search(text)) and "patrimoine" not in text


def _form_names(doc: Doc) -> list[tuple[int, PersonCandidate]]:
    """A form's "Nom : DUPONT  Prénom : Jean" boxes, as (position, "Jean Dupont")."""
    out = []
    for rx in (_FORM_NAME, _FORM_NAME_REV):
        for m in rx.finditer(doc.folded):
            first = doc.text[m.start("first"):m.end("first")].strip()
            last = doc.text[m.start("last"):m.end("last")].strip()
            name = clean_person(f"{first} {last}", strict=False)
            if name:
                parts = name.split()
                name = " ".join(title_word(w) if is_upper(w) else w for w in parts)
                out.append((m.start(), PersonCandidate(name, doc.line_of(m.start()), "concerned")))
    return out


def _staff_names(doc: Doc, cands: list[PersonCandidate]) -> list[set[str]]:
    """Names of the people handling the file at an organisation ("Affaire suivie par : Mme X",
    "Mandataire : M. Y") and of signers or senders printed over their job ("Justine Roux /
    Assistante de service social", "Maître Z / Huissier de justice"): never the tenant."""
    out = []
    for m in _STAFF_LINE.finditer(doc.folded):
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
        if any(_ROLE.search(a) and not _kin(c.name, a) for a in after if a):
            out.append(_tokens(c.name))
    return out


# right before or after a name: a company's word or legal form, not a person's
_COMPANY_BEFORE = re.compile(r"\b(?:societe|entreprise|ets|etablissements|groupe)\s+$")
_COMPANY_AFTER = re.compile(r"^\s*[-,–—]?\s*(?:sas|sasu|sarl|eurl|sa|sci|snc|scop|au\s+capital)\b")


def _company(doc: Doc, name: str) -> bool:
    """« AEROCOMP GARONNE » over an address looks like a sender's name; « la société AEROCOMP
    GARONNE » or « AEROCOMP GARONNE - SAS au capital de… » elsewhere says it is a company."""
    key = fold(name)
    for m in re.finditer(re.escape(key), doc.folded):
        if (_COMPANY_BEFORE.search(doc.folded[max(0, m.start() - 20):m.start()])
                or _COMPANY_AFTER.match(doc.folded[m.end():m.end() + 20])):
            return True
    return False


def _kin(name: str, role: str) -> bool:
    """« Curatrice de M. Pierre ROUZAUD » under « Nathalie ROUZAUD », « sa fille et curatrice »: a
    relative who holds the measure, the writer (SPEC), not a professional."""
    return fold(name.split()[-1]) in role or bool(_FAMILY.search(role)) or bool(
        re.search(r"\b(?:sa|son)\s+(?:fille|fils|soeur|frere|niece|neveu|epouse|mari)\b", role))


def _tokens(name: str) -> set[str]:
    return set(re.sub(r"[^a-z]+", " ", fold(name)).split())


def _among(name: str, staff: list[set[str]]) -> bool:
    t = _tokens(name)
    return any(t == s or (len(t & s) >= 2) for s in staff)


_PLACE_AND_DATE = re.compile(r"\s+[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:[ \-](?:[a-zà-ÿ'\-]+|[A-ZÀ-Ý][a-zà-ÿ'\-]+)){0,3},?\s+le\s+\d.*$")


def _bottom_block(lines: list[tuple[int, str]]) -> list[PersonCandidate]:
    """A sender block written under the letter (« M. ESCUDIE Bernard » over « Résidence …, 31500
    Toulouse »), when neither the top nor the signature names the writer (« B. Escudié »)."""
    tail = lines[-12:]
    for k, (i, ln) in enumerate(tail[:-1]):
        name = clean_person(_cells(ln)[0] if _cells(ln) else ln)
        if name and _ADDRESS.search(" ".join(x for _, x in tail[k + 1:k + 3])):
            return [PersonCandidate(name, i, "sender")]
    return []


def _sender_name(lines: list[tuple[int, str]]) -> PersonCandidate | None:
    """The name line of the sender block (top left): one over an address, else the first."""
    top = lines[:8]
    first = None
    for k, (i, ln) in enumerate(top):
        cell = _cells(ln)[0] if _cells(ln) else ln
        cell = _PLACE_AND_DATE.sub("", cell)  # « … LE GOFF Saint-Orens, le 12/09/2022 » (columns the OCR joined)
        if re.match(r"(?i)\s*(?:exp[ée]diteur|de)\s*:\s*", cell):
            cell = re.sub(r"(?i)^\s*(?:exp[ée]diteur|de)\s*:\s*", "", cell)
        head, dash, rest = cell.partition(" - ")
        if dash and _ADDRESS.search(rest):
            cell = head  # « Agnieszka KOWALSKA - Résidence Les Cèdres, Bât. B - 5 rue Saint-Jean - 31130 Balma »
        name = clean_person(cell)
        if not name:
            continue
        below = " ".join((_cells(x)[0] if _cells(x) else x) for _, x in top[k + 1:k + 4])
        if _ADDRESS.search(below):
            return PersonCandidate(name, i, "sender")
        if first is None and k < 3:
            first = PersonCandidate(name, i, "sender")
    return first


def _ner_names(lines: list[tuple[int, str]], tail: list[tuple[int, str]]) -> list[PersonCandidate]:
    """spaCy PER entities, only at the sender block or the signature, only when the rules found none."""
    nlp = _nlp()
    if nlp is None:
        return []
    picked = [(i, ln) for i, ln in lines[:6] + tail[:4]
              if len(ln) <= 80 and not _ADDRESS.search(ln) and not _STAFF_LINE.search(fold(ln)) and re.search(r"[A-Za-zÀ-ÿ]{2,}\s+[A-Za-zÀ-ÿ]{2,}", ln)]
    if not picked:
        return []
    text, starts = "", []
    for i, ln in picked:
        starts.append((len(text), i))
        text += ln + "\n"
    for ent in nlp(text).ents:
        if ent.label_ == "PER":
            name = clean_person(ent.text, strict=False)
            if name:
                line = [i for s, i in starts if s <= ent.start_char][-1]
                return [PersonCandidate(name, line, "ner")]
    return []


_NLP: list = []


def _nlp():
    if not _NLP:
        try:
            import spacy

            _NLP.append(spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer",
                                                                "attribute_ruler", "tagger", "senter"]))
        except (ImportError, OSError):
            _NLP.append(None)
    return _NLP[0]
