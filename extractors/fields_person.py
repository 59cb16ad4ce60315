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

from extractors.email_address import CONSUMER_MAIL
from extractors.fields_labels import Doc
from extractors.parsing import fold
from extractors.person_labels import (
    ABOUT,
    ABOUT_TYPES,
    ADDRESS,
    CHAT_LINE,
    CIV,
    CLOSING,
    COLLECTIVE_CONTACT,
    COLLECTIVE_OFFICER,
    CONCERNED,
    FAMILY,
    FORM_NAME,
    FORM_NAME_LINES,
    FORM_NAME_REV,
    FORM_SECTION_NAME,
    INTRODUCTION,
    LEGAL_HEAD,
    NAME,
    NOT_A_SPEAKER,
    NOT_A_TENANT,
    ON_BEHALF,
    ORGANISATION,
    PLACE_AND_DATE,
    ROLE,
    SOUSSIGNE,
    SIGNATURE_OPENER,
    STAFF_LINE,
    TENANTS_ASSOCIATION,
    THIRD_PARTY_TYPES,
    TRAILING_PHONE,
    WEBMAIL,
)
from extractors.person_names import clean_person, is_upper, known_first, title_word
from extractors.person_ner import ner_name
from extractors.person_staff import among, is_company, staff_names


@dataclass(frozen=True)
class PersonCandidate:
    name: str
    line: int  # where it was printed (for the writer's address and phone)
    source: str  # "soussigne", "collective", "webmail", "signature", "sender", "concerned", "ner"


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


# a form's label that names the surname first (« NOM — PRÉNOM : ALIEV RUSTAM »)
SURNAME_FIRST = re.compile(r"\bnom\s*[,/—–-]?\s*(?:et\s+)?prenom")


def _surname_first(name: str, raw: str) -> str:
    """Two names in a form's surname-first order, in the same case and neither a given name
    the register knows: the label says which is which (capitals or a known given name already
    decide, wherever they stand)."""
    words, printed = name.split(), raw.split()
    if (len(words) == 2 and len(printed) == 2 and is_upper(printed[0]) == is_upper(printed[1])
            and not known_first(words[0]) and not known_first(words[1])):
        return f"{words[1]} {words[0]}"
    return name


def name_candidates(doc: Doc, doc_type: str = "", staff_out: list[PersonCandidate] | None = None) -> list[PersonCandidate]:
    """Possible names, most reliable first; the professionals who sign or send it (a
    caseworker, a bailiff), never the tenant, added to ``staff_out`` when given."""
    out: list[PersonCandidate] = []
    lines = _lines(doc)
    concerned = []
    for rx in CONCERNED:
        for m in rx.finditer(doc.folded):
            name = clean_person(doc.text[m.start("name"):m.end("name")])
            if name and SURNAME_FIRST.search(doc.folded[m.start():m.start("name")]):
                name = _surname_first(name, doc.text[m.start("name"):m.end("name")])
            if name and not NOT_A_TENANT.match(doc.folded[m.end("name"):m.end("name") + 30]):
                concerned.append((m.start(), PersonCandidate(name, doc.line_of(m.start("name")), "concerned")))
    forms = [c for _, c in _form_names(doc)]  # « Nom : X  Prénom : Y »: who fills the form in
    concerned += _attested_below(doc)
    concerned = [c for _, c in sorted(concerned, key=lambda x: x[0])]
    concerned_first = doc_type in THIRD_PARTY_TYPES or _organisation_head(lines)
    about = (_about_names(doc) if (doc_type in ABOUT_TYPES or concerned_first) and not ON_BEHALF.search(doc.folded)
             else [])
    # an organisation's signer is not the tenant; the person it names on a line of their own is
    out += forms + about + concerned + _named_by_organisation(doc, lines) if concerned_first else forms + about
    for m in SOUSSIGNE.finditer(doc.folded):
        tail = doc.text[m.end():m.end() + 80]
        raw = re.split(r",|\n|\(|\bdemeurant|\blocataire|\bdomicili|\bhabitant|\bn[ée]e?\b|\bresidant|\br[ée]sidant", tail)[0]
        name = clean_person(raw)
        if name:
            out.append(PersonCandidate(name, doc.line_of(m.end()), "soussigne"))
    if _TENANTS_WRITE.search(doc.folded) or TENANTS_ASSOCIATION.search(doc.folded):
        for m in [*COLLECTIVE_CONTACT.finditer(doc.folded), *COLLECTIVE_OFFICER.finditer(doc.folded)]:
            name = clean_person(doc.text[m.start("name"):m.end("name")])
            if name:
                out.append(PersonCandidate(name, doc.line_of(m.start("name")), "collective"))
    for m in re.finditer(r"\bredigee?\s+par\s*:?\s*" + NAME + r"\s*(?:[\n,;(]|$)", doc.folded):
        if ROLE.match(doc.folded[m.end("name"):m.end("name") + 40].lstrip(" ,(")):
            continue  # « rédigée par Amina Saïd, interprète »: who helped, not who writes
        name = clean_person(doc.text[m.start("name"):m.end("name")])
        if name:
            out.append(PersonCandidate(name, doc.line_of(m.start("name")), "soussigne"))
    for m in INTRODUCTION.finditer(doc.folded):
        raw = doc.text[m.start("name"):m.end("name")]
        name = clean_person(raw, strict=False)
        if name and (m.group("civ") or m.group("call") or is_upper(raw.split()[-1])):
            out.append(PersonCandidate(name, doc.line_of(m.start("name")), "soussigne"))
    for m in WEBMAIL.finditer(doc.folded[:3000]):
        if "patrimoine" in doc.line_text(doc.line_of(m.start("name")), folded=True):
            continue  # a message from the landlord's staff quoted in the reply
        name = clean_person(doc.text[m.start("name"):m.end("name")], strict=False)
        if name and not ORGANISATION.search(fold(name)):  # (« De : Coordination Entraide Reynerie <…> »: a group's mailbox)
            out.append(PersonCandidate(name, doc.line_of(m.start("name")), "webmail"))
    out += _chat_speakers(doc)
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
        ln = TRAILING_PHONE.sub("", SIGNATURE_OPENER.sub("", ln))  # « Merci. Tran Van Minh », « TRINH Lan-Phuong 06 20 … »
        if _sentence_end(tail[k - 1][1] if k else None, ln):
            continue  # « … SINON JE » over « PORTE PLAINTE. »: a sentence wrapped, not a signature
        name = next((n for n in map(clean_person, map(_before_address, _cells(ln) or [ln])) if n), None)
        # (an address line, not a sentence naming « le bâtiment » under « plan de travail. »)
        if (not name and k + 1 < len(tail) and ADDRESS.search(tail[k + 1][1]) and len(tail[k + 1][1].split()) <= 9
                and len(ln.split()) <= 4):
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
    # a person whose own block heads the letter over their address writes from home: a job under
    # their signature (« Assistante de vie aux familles ») is their trade, not an office's role
    below = doc.next_nonempty_line(sender.line, max_skip=0) if sender and sender.line <= 2 else None
    home = ({sender.name} if below is not None and not concerned_first and ADDRESS.search(doc.line_text(below))
            and not ROLE.search(doc.line_text(below, folded=True)) else set())
    if not concerned_first and _TENANTS_WRITE.search(doc.folded):
        home |= {c.name for c in out if c.source in ("signature", "sender", "webmail")}  # « Infirmière libérale » signing
    home |= {c.name for c in out if c.source == "collective"}  # a tenants' association's « présidente »: a tenant
    staff = staff_names(doc, [c for c in out if c.name not in home])
    # (a tenants' collective's « Contact : M. Bernard SICRE » is its writer, not an office's staff)
    if staff_out is not None:
        staff_out += [c for c in out if c.name not in home and among(c.name, staff)]
    out = [c for c in out if (c.name in home or not among(c.name, staff)) and not is_company(doc, c.name)]
    if not out and staff and not concerned_first:
        # every signer is a professional (a home-help service's coordinator writing about « Mme Odette
        # SARRAIL (91 ans), votre locataire »): the person the letter names is the tenant
        out = [c for c in _named_by_organisation(doc, lines) if not among(c.name, staff)]
    if not out:
        found = ner_name(lines[:6] + tail[:4])
        out += [PersonCandidate(found[0], found[1], "ner")] if found and not among(found[0], staff) else []
    return out


_ATTESTS_THAT = re.compile(r"\b(?:attest|certifi)(?:e|ent|ons)\s+que\s*:?[ \t]*$", re.M)
_CIVILITY_TAIL = re.compile(r"\b(?:M\.|Mme|MME|Monsieur|Madame|MONSIEUR|MADAME)\s+(?P<name>[^\W\d_][\w'\- ]{2,50})$")


def _attested_below(doc: Doc) -> list[tuple[int, PersonCandidate]]:
    """An insurer's form: « certifions que » ends a line, the next is its « Assuré(e) ……… » label
    (dot leaders the OCR reads as letters) and the person at its end, « M. RODRIGUEZ MANUEL » or
    « HADDAD Yasmina »."""
    out = []
    for m in _ATTESTS_THAT.finditer(doc.folded):
        nxt = doc.next_nonempty_line(doc.line_of(m.start()), max_skip=0)
        if nxt is None:
            continue
        line = doc.line_text(nxt).rstrip()
        civ = _CIVILITY_TAIL.search(line)
        tails = [civ.group("name")] if civ else [" ".join(line.split()[-k:]) for k in (3, 2)]
        for raw in tails:
            name = clean_person(raw)
            if name and (civ or any(is_upper(w) and len(w) >= 3 for w in raw.split())):
                out.append((m.start(), PersonCandidate(name, nxt, "concerned")))
                break
    return out


# the writers say they are the tenants: a job under their signature is their trade
# (« Nous, locataires du bâtiment C soussignés », a collective's block « Les locataires du bâtiment C »)
_TENANTS_WRITE = re.compile(r"(?m)\b(?:je\s+suis|nous\s+sommes)\s+(?:\w+\s+)?locataires?\b|\bnous,?\s+(?:les\s+)?locataires\b|"
                            r"^[ \t]*les\s+locataires\s+(?:du|de\s+la|des)\b")
_NAMED_ALONE = re.compile(r"(?m)^[ \t]*" + CIV + NAME + r"[ \t]*(?:$|[ \t][-–][ \t]|,)")
# in a sentence, a given name then a surname in capitals, perhaps on the next line: « Monsieur
# Ahmed HADDAD est cuisinier », « occupé par Monsieur Yannick\nROUSSEL, votre locataire »
_NAMED_WITHIN = re.compile(r"\b" + CIV + r"(?P<name>[a-z'\-]{2,20}[ \n][a-z'\-]{3,25})(?= [a-z]| ?[,.(:])")


def _named_by_organisation(doc: Doc, lines: list[tuple[int, str]]) -> list[PersonCandidate]:
    """A person an organisation's letter names before its closing formula (its signer comes
    after): on a line of their own first (the beneficiary of a decision, « présentée au bénéfice
    de : / Monsieur Frédéric ROUGÉ »; the CAF's addressee, « Madame SAÏDI Malika »; « Mme Sofia
    MARQUES - Résidence Les Acacias »), then in a sentence, the surname in capitals."""
    closing = max((i for i, ln in lines if CLOSING.search(fold(ln))), default=None)
    alone, within = [], []
    for rx, found in ((_NAMED_ALONE, alone), (_NAMED_WITHIN, within)):
        for m in rx.finditer(doc.folded):
            line = doc.line_of(m.start("name"))
            if closing is not None and line >= closing or STAFF_LINE.search(doc.line_text(line, folded=True)) \
                    or NOT_A_TENANT.match(doc.folded[m.end("name"):m.end("name") + 30]):
                continue  # a signer, a staff member, or « Josiane VERDAGUER, propriétaires » next door
            raw = doc.text[m.start("name"):m.end("name")].replace("\n", " ")
            surname = raw.split()[-1]
            more = re.match(r" ([A-ZÀ-Ý][A-ZÀ-Ý'\-]{2,24})(?![\w\d])", doc.text[m.end("name"):m.end("name") + 30])
            if rx is _NAMED_WITHIN and more and is_upper(surname):
                raw += " " + more.group(1)  # a surname of two words in capitals (« Mme Sandrine LOPEZ FERRER »)
            name = clean_person(raw)
            if name and (rx is _NAMED_ALONE or (is_upper(surname) and len(surname) >= 3)):
                found.append(PersonCandidate(name, line, "concerned"))
    return alone + within


def _about_names(doc: Doc) -> list[PersonCandidate]:
    """The person a non-relative third party writes about ("inquiète pour ma voisine, Mme X",
    "Nous accompagnons Mme X, co-titulaire du bail"); never the writer's mother or husband."""
    family = [doc.folded[m.end():m.end() + 40] for m in FAMILY.finditer(doc.folded)]
    out = []
    for rx in ABOUT:
        for m in rx.finditer(doc.folded):
            name = clean_person(re.sub(r"\s*\n\s*", " ", doc.text[m.start("name"):m.end("name")]))
            partner = _PARTNER_BEFORE.search(doc.folded[max(0, m.start() - 30):m.start()])
            if name and not partner and not any(fold(name.split()[-1]) in f for f in family):
                out.append((m.start(), PersonCandidate(name, doc.line_of(m.start("name")), "concerned")))
    return [c for _, c in sorted(out, key=lambda x: x[0])]


# « violences commises par son conjoint, M. X, co-titulaire du bail »: the partner, not the person written about
_PARTNER_BEFORE = re.compile(r"\b(?:son|sa|leur)\s+(?:ex-?\s?)?(?:conjoint|mari|compagnon|concubin|epoux)\s*,?\s*$")


def _organisation_head(lines: list[tuple[int, str]]) -> bool:
    """Does the letter start with an organisation's letterhead (a town hall, an association, a
    home-help service) rather than a person's sender block or the landlord's address?"""
    head = [ln for _, ln in lines[:3]]
    sender = WEBMAIL.match(fold(head[0])) if head and "@" in head[0] else None
    if sender and not clean_person(head[0][sender.start("name"):sender.end("name")]) and not CONSUMER_MAIL.search(head[0]):
        return True  # an office's e-mail (« From: Tenancy References Team <references@brightholm-relocation.co.uk> »)
    text = fold(" ".join(ln for _, ln in lines[:5]))
    flat = re.sub(r"[^a-z]", "", fold(head[0])) if head else ""
    domains = {re.sub(r"[^a-z]", "", m.group(1)) for m in re.finditer(r"(?:@|www\.)([a-z0-9.\-]+)\.[a-z]{2,4}\b", text)}
    if len(flat) >= 6 and flat in domains and not CONSUMER_MAIL.search(text):
        return True  # « MÉDIANCE TOLOSANE » over « contact@mediance-tolosane.org »: its name is its domain
    if LEGAL_HEAD.search(text) and "patrimoine" not in text:
        return True  # « GARONNE RÉCEPTIONS / Traiteur / SARL au capital de 20 000 € »: a firm writes
    if not head or any(clean_person(c) for ln in head for c in (_cells(ln) or [ln])):
        return False
    text = fold(" ".join(head))
    return bool(ORGANISATION.search(text)) and "patrimoine" not in text


def _form_names(doc: Doc) -> list[tuple[int, PersonCandidate]]:
    """A form's "Nom : DUPONT  Prénom : Jean" boxes, as (position, "Jean Dupont")."""
    out = []
    for rx in (FORM_NAME, FORM_NAME_REV):
        for m in rx.finditer(doc.folded):
            first = doc.text[m.start("first"):m.end("first")].strip()
            last = doc.text[m.start("last"):m.end("last")].strip()
            name = clean_person(f"{first} {last}", strict=False)
            if name:
                parts = name.split()
                name = " ".join(title_word(w) if is_upper(w) else w for w in parts)
                out.append((m.start(), PersonCandidate(name, doc.line_of(m.start()), "concerned")))
    if not out:
        for m in (*FORM_NAME_LINES.finditer(doc.text), *FORM_SECTION_NAME.finditer(doc.text)):
            name = clean_person(f"{m['first']} {title_word(m['last'])}", strict=False)
            if name:
                out.append((m.start(), PersonCandidate(name, doc.line_of(m.start()), "concerned")))
    return out


def _chat_speakers(doc: Doc) -> list[PersonCandidate]:
    """Who speaks in a chat printed out, the most often first, the landlord's staff aside."""
    said: dict[str, list[int]] = {}
    for m in CHAT_LINE.finditer(doc.text):
        raw = m.group("name")
        if NOT_A_SPEAKER.search(fold(raw)):
            continue
        name = clean_person(raw, strict=False)
        if name:
            said.setdefault(name, []).append(doc.line_of(m.start("name")))
    return [PersonCandidate(name, at[0], "webmail") for name, at in sorted(said.items(), key=lambda kv: -len(kv[1]))]


def _before_address(cell: str) -> str:
    """The name a dash joins to its address (« Agnieszka KOWALSKA - Résidence Les Cèdres, Bât. B -
    5 rue Saint-Jean - 31130 Balma »), else the cell."""
    parts = re.split(r" [-–—] ", cell, maxsplit=1)  # a hyphen or a dash
    return parts[0] if len(parts) == 2 and ADDRESS.search(parts[1]) else cell


def _sentence_end(before: str | None, line: str) -> bool:
    """A line ending a sentence that the line before it began: that line runs on without a stop,
    and is no closing formula (« Cordialement » over « Jean Dupont. »)."""
    return (before is not None and re.search(r"[A-Za-zÀ-ÿ]{3}\.$", line.strip()) is not None
            and re.search(r"[A-Za-zÀ-ÿ]$", before.strip()) is not None and len(before.split()) >= 3
            and not CLOSING.search(fold(before)))


def _bottom_block(lines: list[tuple[int, str]]) -> list[PersonCandidate]:
    """A sender block written under the letter (« M. ESCUDIE Bernard » over « Résidence …, 31500
    Toulouse »), when neither the top nor the signature names the writer (« B. Escudié »)."""
    tail = lines[-12:]
    for k, (i, ln) in enumerate(tail[:-1]):
        name = clean_person(_cells(ln)[0] if _cells(ln) else ln)
        if name and ADDRESS.search(" ".join(x for _, x in tail[k + 1:k + 3])):
            return [PersonCandidate(name, i, "sender")]
    return []


def _without_place_and_date(cell: str) -> str:
    """The cell without the place and date the OCR joined to it, the place as short as leaves a
    name (« IONESCU Bogdan Castres, le 25 novembre 2021 »: Castres, not Bogdan Castres)."""
    starts = [m.start() for m in re.finditer(r"\s+(?=[A-ZÀ-Ý])", cell) if PLACE_AND_DATE.match(cell, m.start())]
    for start in reversed(starts):
        if clean_person(cell[:start]):
            return cell[:start]
    return PLACE_AND_DATE.sub("", cell)


def _sender_name(lines: list[tuple[int, str]]) -> PersonCandidate | None:
    """The name line of the sender block (top left): one over an address, else the first."""
    top = lines[:8]
    first = None
    for k, (i, ln) in enumerate(top):
        cell = _cells(ln)[0] if _cells(ln) else ln
        cell = _without_place_and_date(cell)  # « … LE GOFF Saint-Orens, le 12/09/2022 » (columns the OCR joined)
        if re.match(r"(?i)\s*(?:exp[ée]diteur|de)\s*:\s*", cell):
            cell = re.sub(r"(?i)^\s*(?:exp[ée]diteur|de)\s*:\s*", "", cell)
        name = clean_person(_before_address(cell))
        if not name:
            continue
        below = " ".join((_cells(x)[0] if _cells(x) else x) for _, x in top[k + 1:k + 4])
        if ADDRESS.search(below):
            return PersonCandidate(name, i, "sender")
        if first is None and k < 3:
            first = PersonCandidate(name, i, "sender")
    return first
