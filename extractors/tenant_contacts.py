"""The tenant's postal code, e-mail and phone in a letter: those printed near the tenant's name
(sender block, signature, « M. X, demeurant … ») or under their labels; never the landlord's
(PATRIMOINE's address block, an agency's, a CEDEX address), an organisation's letterhead or
customer-service line, nor the numbers of whoever writes about the tenant (a caseworker, a
relative, a neighbour)."""

from __future__ import annotations

import re

from config.registries import Registries
from extractors import validators
from extractors.email_address import CONSUMER_MAIL, EMAIL_RE, ORG_MAILBOX, email_value, names_in_address
from extractors.fields_labels import Doc
from extractors.fields_person import PersonCandidate
from extractors.landlord_block import in_spans, landlord_spans
from extractors.matching import match_tenant, tenant_name_matches
from extractors.number_words import find_phones_in_words
from extractors.parsing import HAND_DIGITS, find_phones, fix_digits, fold
from extractors.person_labels import ORGANISATION
from extractors.person_names import clean_person
from extractors.phone_variants import find_phones_grouped, find_phones_misread
from extractors.types import Extraction

_NOT_HOME_PHONE = re.compile(r"service\s+client|standard|accueil|\bfax\b|telecopie|\bcaf\b|allocations|assur(?!ee?\b)|mutuelle|"
                             r"agence|patrimoine|bailleur|gardien|urgence|astreinte|commissaire|tribunal|greffe|avocat")
_PHONE_LABEL = re.compile(r"(?:\btel\b|tel\.|telephone|portable|\bport\.|mobile|\bmob\.?|\bgsm\b|joignable|joindre|"
                          r"appeler|contacter|numero)[^\n\d]{0,45}$")
# « Coordonnées de notre assurée : 06 … »; on the line above the number, « Coordonnées de notre
# sociétaire pour convenir d'un rendez-vous : »
_THEIR_CONTACTS_RX = (r"coordonnees\s+(?:de\s+(?:l'\s?|la\s+|notre\s+|votre\s+)|du\s+)(?:assuree?|locataire|allocataire|"
                      r"beneficiaire|interessee?|occupante?|societaire|adherente?)")
_THEIR_CONTACTS = re.compile(_THEIR_CONTACTS_RX + r"\b")
_PERSONAL_PHONE = re.compile(r"(?:joignable|joindre|portable|mobile|sa\s+(?:nouvelle\s+)?ligne|"
                             r"son\s+(?:nouveau\s+)?(?:poste\s+)?(?:numero|telephone|portable|fixe)|"
                             r"repond(?:\s+(?:pas|plus))?\s+au(?:\s+telephone)?|ses\s+coordonnees|contact\s+sur\s+place|"
                             + _THEIR_CONTACTS_RX + r"|etre\s+(?:jointe?|contactee?|appelee?)"
                             r"(?:\s+par\s+(?:mon|notre|son)\s+intermediaire\s+ou)?(?:\s+directement)?|"
                             r"numero\s+qu'(?:il|elle)|(?:telephone|tel\.?|portable)\s+(?:communique\s+)?(?:de\s+l'\s?|du\s+|de\s+la\s+|par\s+l'\s?|par\s+(?:le|la)\s+)?"
                             r"(?:assuree?|locataire|allocataire|souscript\w+|beneficiaire|interessee?|occupante?))(?:[^\n\d]{0,30}\n)?[^\n\d]{0,30}$")
# the writer giving their own number: « vous pouvez me joindre au », « mon portable : »
_FIRST_PERSON_PHONE = re.compile(r"(?:\bme\s+(?:joindre|contacter|telephoner|rappeler|appeler)|\bm'(?:appeler|appelant|"
                                 r"joindre)|\bmon\s+(?:numero|portable|telephone|tel|mobile|fixe)\b|"
                                 r"\bje\s+suis\s+joignable|\bje\s+(?:souhaite|prefere|peux|veux|demande\s+a)\s+etre\s+"
                                 r"(?:jointe?|contactee?|appelee?))(?:[^\n\d]{0,30}\n)?[^\n\d]{0,30}$")
# the number that follows is a relative's or a neighbour's: « sa fille, Madame X, est joignable au »
_RELATIVES_LINE = re.compile(r"\b(?:sa|son|ses)\s+(?:fille|fils|soeur|frere|mere|pere|enfants?|proches?|voisine?|niece|"
                             r"neveu|tut(?:eur|rice)|curat(?:eur|rice))\b")
# the writer's friend or neighbour named just before the number (« mon amie Julie au »; « men », a
# handwritten « mon » misread); not a relative, whom the writer may write for (« joindre mon frère au »)
_MY_FRIENDS_PHONE = re.compile(r"\b(?:mon|ma|men)\s+(?:amie?|copine?|copain|voisine?|collegue)\b(?:\s+[a-z\-]{2,20})?\s*"
                               r"(?:au|:|\(|tel\.?\s*:?)\s*$")
# a business address: an activity zone, a company's legal form
_WORKPLACE = re.compile(r"\bz\.?\s?[ai]?\.?\s+(?:de|du|des)\b|\bzone\s+(?:d'activites?|industrielle|artisanale|commerciale)|"
                        r"\bparc\s+d'activites?\b|\b(?:sas|sarl|sasu|eurl|s\.a\.s\.?|s\.a\.r\.l\.?)\b")
_FORWARDING = re.compile(r"\b(?:nouvelle|future|prochaine)\s+adresse\b[^.\n]{0,40}(?:\n[^.\n]{0,60})?$|"
                         r"\badresse\s+de\s+reexpedition\b[^.\n]{0,40}$")
_HOME_LABEL = re.compile(r"(?:demeurant|domicilie|logement|adresse|habitant|residant|situe|locataire\s+au)[^\n]{0,80}$")
_UNANSWERED = re.compile(r"\s*\)?\s*\(?\s*(?:ne\s+(?:repond|decroche)|n'est\s+pas\s+joignable|sonne\s+dans\s+le\s+vide)")
_SERVICE_LINE = re.compile(r"\s*\(?\s*(?:du\s+lundi|lundi\s+au|7\s*j\s*/\s*7|24\s*h\s*/\s*24|appel\s+(?:local|gratuit|"
                           r"non\s+surtaxe)|prix\s+d'un\s+appel|service\s+(?:et\s+appel\s+)?gratuit|numero\s+vert|"
                           r"\d{1,2}\s*h\s*(?:\d{2})?\s*(?:a|-)\s*\d{1,2}\s*h)")
# « 31200 Toulouse », « 31 200 TOULOUSE », « 31200 “Toulouse » (OCR), « à Montréjeau (31210) »
_POSTAL_TOWN = re.compile(r"(?<![\d.,/])(?<!\d-)(?<![\dA-Za-z]{2}-)(?<![\d\-][A-Za-z]-)(\d{2} ?\d{3})\s*[,\-–]?\s+[“\"«‘']?([A-Za-zÀ-ÿ'][\w'’\- ]*)|"
                          # « Toulouse (31000) », « (…, appt 7, 31770) », « à Blagnac » ending a line over « (31700), dont … »
                          r"(?:(?<=[A-Za-zÀ-ÿ][ \n]\()|(?<=\d, ))(\d{5})\)|"
                          # the code after the town or the street, ending the line (« Fenouillet 31150. »)
                          r"(?<=[A-Za-zÀ-ÿ][ \t])(?<![Bb][Pp][ \t])(?<![Cc][Ss][ \t])(?<![Tt][Ss][Aa][ \t])(\d{5})[ \t]*[.,;]?[ \t]*$|"
                          # a handwritten line « 731400 Teleuse »: a stroke before the code read as a 7 or a 1
                          r"^[ \t]*[17](\d{5})(?=[ \t]+[A-Z][a-zà-ÿ\-]{3,}[ \t]*$)", re.M)
_ELEVEN_AS_N = re.compile(r"(?m)^[ \t]*(\d)N([0-9OoUuIl]{2})[ \t]+[A-Z][A-Za-zÀ-ÿ'\- ]{2,30}$")
_LANDLORDS_FORM = re.compile(r"\bpatrimoine\b.{0,20}\b(?:formulaire|demande|bulletin|coupon|fiche|imprime|document)")
_TO_LANDLORD = re.compile(r"patrimoine|\ba\s+l'\s?attention\b|\battn\b")


def _near(line: int, anchors: list[PersonCandidate], after: int = 6, concerned: int = 4) -> bool:
    """Is ``line`` just under the writer's name (where it is printed: sender block, signature...)?"""
    for a in anchors:
        reach = concerned if a.source == "concerned" else after  # "M. X, demeurant ..." in a third party's letter
        if a.source == "webmail":
            reach = 1  # a mail's « De : » line: the lines under it are the header's and the body's, no address of theirs
        if 0 <= line - a.line <= reach:
            return True
    return False


def _organisation_top(doc: Doc, anchors: list[PersonCandidate]) -> int:
    """Lines of the letterhead when an organisation or a professional wrote (a third party's
    letter): its address is not the tenant's. 0 when the letter starts with the writer's block."""
    lines = [i for i in range(min(len(doc.line_starts), 12)) if doc.line_text(i).strip()][:5]
    if not lines or any(a.line <= lines[-1] and a.source != "concerned" for a in anchors):
        return 0
    # the landlord as addressee (« A l'attention du service des quittances / PATRIMOINE ») is no letterhead
    head = " ".join(t for t in (doc.line_text(i, folded=True) for i in lines[:3]) if not _TO_LANDLORD.search(t))
    if not ORGANISATION.search(head) or "patrimoine" in doc.line_text(lines[0], folded=True) or (
            len(lines) > 1 and _LANDLORDS_FORM.search(doc.line_text(lines[1], folded=True))):
        return 0  # no letterhead, or the landlord's own form the tenant filled in (under a border the OCR read as specks)
    end = lines[0]
    for i in lines:
        if i > end + 1:  # a blank line closes the letterhead
            break
        end = i
    return end + 1


def read_contacts(doc: Doc, ex: Extraction, registries: Registries, anchors: list[PersonCandidate],
                  writers: list[PersonCandidate] = ()) -> None:
    """The tenant's postal code, e-mail and phone. ``writers``: where someone else than the tenant
    named signs or introduces themselves (a neighbour writing about the tenant): their own
    numbers are not the tenant's."""
    skip = landlord_spans(doc)
    letterhead = _organisation_top(doc, anchors)
    tenant = match_tenant(registries, ex.fields.get("tenant_reference"))
    codes = _postal_codes(doc, anchors, skip, letterhead)
    if codes:
        ex.fields["postal_code"] = tenant.postal_code if tenant and tenant.postal_code in codes else codes[0]
    email, email_line = _email_of(doc, anchors, writers, letterhead)
    if email:
        ex.fields["email"] = email
    # the line that gives the tenant's e-mail gives their phone too (« Maëlys : maelys.r@gmail.com — 07 68 … »)
    phones = _phones(doc, anchors, writers, skip, letterhead, email_line)
    if phones:
        ex.fields["phone"] = tenant.phone if tenant and tenant.phone in phones else phones[0]


_TOULOUSE_CODES = frozenset({"31000", "31100", "31200", "31300", "31400", "31500"})


def _postal_codes(doc: Doc, anchors: list[PersonCandidate], skip: list[tuple[int, int]], letterhead: int) -> list[str]:
    """Postal codes printed as an address's, the likeliest the tenant's first."""
    codes: list[tuple[int, int, str]] = []
    for m in _POSTAL_TOWN.finditer(fix_digits(doc.text)):
        li = doc.line_of(m.start())
        code = m.group(1) or m.group(3) or m.group(4) or m.group(5)
        town = fold(m.group(2) or "")
        if in_spans(m.start(), skip) or "cedex" in town or re.match(r"(?:euros?|eur|habitants|logements|ans)\b", town):
            continue  # the landlord's or an organisation's address (CEDEX), not a home
        if re.search(r"\b(?:matricule|n°|numero)\s*:?\s*$", doc.folded[max(0, m.start() - 15):m.start()]):
            continue  # « Mme RAMALINGAM Shanthi - matricule 40872 »: a number, not a code
        if " " in code and (not re.search(r"\d{2} \d{3}\s+[A-Z]", m.group(0))
                            or re.search(r"\d[ \t]$", doc.text[max(0, m.start() - 2):m.start()])):
            continue  # (« Locataire n° 4012 66 318 »: the end of a number in groups)
        pc = validators.normalise_postal_code(code.replace(" ", ""))
        if not pc:
            continue
        if town.startswith("toulouse") and "31" + pc[2:] in _TOULOUSE_CODES:
            pc = "31" + pc[2:]  # « 21400 Toulouse »: Toulouse's own code, its 3 misread
        before = doc.folded[max(0, m.start() - 120):m.start()]
        rank = 0 if _near(li, anchors) else 1 if _HOME_LABEL.search(before) else 3 if li < letterhead else 2
        if _WORKPLACE.search(doc.line_text(li, folded=True)):
            rank = 4  # an employer's address under the signature (« SUD METAL COMPOSITES — Z.A. de Garossos — 31700 »)
        if _FORWARDING.search(before):
            rank = 5  # where a leaving tenant will live (« ma nouvelle adresse sera : 7 rue …, 35000 Rennes »)
        codes.append((rank, m.start(), pc))
    # handwriting's « 11 » read as one « N » (« 3N00 TOULOUSE » for 31100, « 3NUO AUCAMVILLE » for 31140)
    for m in _ELEVEN_AS_N.finditer(doc.text):
        pc = validators.normalise_postal_code(m.group(1) + "11" + m.group(2).translate(HAND_DIGITS))
        if pc and not in_spans(m.start(), skip):
            codes.append((0 if _near(doc.line_of(m.start()), anchors) else 2, m.start(), pc))
    # a form's « Code postal : ..31200.. », or its code before the town's box, its label misread (« CR 31200. Ville: »)
    for m in re.finditer(r"\bcode\s+postal\s*[:.…_\s]*(\d{2}\s?\d{3})(?!\d)|(?<!\d)(?<!\d )(\d{5})[.…_\s]*(?:ville|commune)\s*:",
                         doc.folded):
        pc = validators.normalise_postal_code((m.group(1) or m.group(2)).replace(" ", ""))
        if pc and not in_spans(m.start(), skip):
            codes.append((0 if _near(doc.line_of(m.start()), anchors) else 1, m.start(), pc))
    return [c for _, _, c in sorted(codes)]


def _email_of(doc: Doc, anchors: list[PersonCandidate], writers: list[PersonCandidate],
              letterhead: int) -> tuple[str | None, int | None]:
    """The tenant's e-mail address and the line it is on: never the landlord's, an office's, nor
    the writer's when someone else writes about the tenant."""
    emails = []
    for m in EMAIL_RE.finditer(doc.text):
        value, li = email_value(m), doc.line_of(m.start())
        inside = re.search(r"<([\w.+\- ]{1,30})$", doc.text[max(0, m.start() - 31):m.start()])
        if inside and re.fullmatch(r"[\w.+\-]+", re.sub(r"\s", "", inside.group(1))):
            value = re.sub(r"\s", "", inside.group(1)).lower() + value  # « <m. yilmaz82@hotmail. fr> »
        if "patrimoine" in value or ORG_MAILBOX.search(value):
            continue  # the landlord's, or an office's mailbox (contact@, accueil@, an avocat's)
        local = value.split("@")[0]
        # their surname, or their given name in an address that is not the writer's (« ilyes.mkb31@ »)
        theirs = any(w in local for w in _surnames(anchors)) or (
            any(w in local for w in _given_names(anchors)) and not any(w in local for w in _surnames(writers)))
        in_letterhead = li < letterhead and not _near(li, anchors, 8)
        if not theirs and ((writers and _near(li, writers, 8)) or (
                letterhead and (not CONSUMER_MAIL.search(value) or in_letterhead))):
            continue  # the writer's own address, or an organisation's (its domain, its letterhead), unless the tenant's name
        # the address spelled with the person's surname first (« anthony.fabre31@ » over their caseworker's)
        emails.append((-1 if theirs else 0 if _near(li, anchors, 8) else 1, m.start(), value, li))
    if not emails:
        return None, None
    _, _, value, li = min(emails)
    return names_in_address(value, anchors), li


def _phones(doc: Doc, anchors: list[PersonCandidate], writers: list[PersonCandidate],
            skip: list[tuple[int, int]], letterhead: int, email_line: int | None = None) -> list[str]:
    """Phone numbers that may be the tenant's, the likeliest first."""
    phones = []
    found = find_phones(doc.text)
    misread = [p for p in find_phones_misread(doc.text) + find_phones_grouped(doc.text)
               if not any(f.start < p.end and p.start < f.end for f in found)]
    for p in found + find_phones_in_words(doc.text) + misread:  # « zéro six quarante-deux … », « 07 US 60 33 18 »
        li = doc.line_of(p.start)
        line = doc.line_text(li, folded=True)
        if in_spans(p.start, skip) or _NOT_HOME_PHONE.search(line[:max(0, p.start - doc.line_span(li)[0])] or line):
            continue
        if _HELPERS_LINE.search(line):
            continue  # « Lettre rédigée par Amina Saïd, interprète, tél. … »: who helped write it
        before = doc.folded[max(0, p.start - 40):p.start]
        first_person = _FIRST_PERSON_PHONE.search(before)
        if letterhead and first_person:
            continue  # an organisation's writer giving their own line
        if _SERVICE_LINE.match(doc.folded[p.end:p.end + 60]):
            continue  # a customer-service line: « 02 35 03 68 68 (du lundi au vendredi de 8 h à 20 h) »
        # said to be the person's: « joignable au », « son portable », « (05.34.51.22.80) ne répond pas »
        named = _named_just_before(doc.folded[max(0, p.start - 100):p.start], anchors)
        above = doc.line_text(li - 1, folded=True).rstrip() if li else ""  # « Coordonnées de notre sociétaire pour … : »
        # (« elle peut être contactée par mon intermédiaire ou directement au » reaches further back than ``before``)
        theirs = (_PERSONAL_PHONE.search(doc.folded[max(0, p.start - 90):p.start]) or named
                  or _UNANSWERED.match(doc.folded[p.end:p.end + 30])
                  or (above.endswith(":") and _THEIR_CONTACTS.search(above)) or li == email_line)
        if writers and (first_person or (_near(li, writers, 8) and not theirs)):
            continue  # the writer's own number, not the tenant's they write about
        signed = _under_name(doc, li, anchors)  # « Rachida Haddad » over « 06.24.71.90.35 »: their signature
        # a form's « Téléphone ....... » opening its line in the person's block, under their name
        in_form = bool(_FORM_PHONE.match(doc.folded[doc.line_span(li)[0]:p.start])) and _near(li, anchors, 8, 8)
        rank = (-1 if first_person or signed else 0 if named or in_form or _near(li, anchors, 8)
                else 1 if _PHONE_LABEL.search(before) else 3 if li < letterhead else 2)
        own = [a for a in anchors if a.source != "concerned"]  # the writer's own block, not a mention
        labelled_by_them = (rank == 0 and _PHONE_LABEL.search(before)) or in_form  # « Téléphone : » by the person
        if letterhead and not _near(li, own, 8) and not labelled_by_them and not theirs and not signed:
            continue  # an organisation's letter: its own numbers, unless one is said to be the person's
        sentence = re.split(r"[.!?]\s", doc.folded[max(0, p.start - 90):p.start])[-1]
        if _RELATIVES_LINE.search(sentence):
            continue  # « Sa fille, Madame X, est joignable au … »: a relative's number, not the tenant's
        if _MY_FRIENDS_PHONE.search(before):
            continue  # « laisser un message à mon amie Julie au … »: the writer's friend's number
        # « Tél : +33 5 61 93 00 00 | Mobile : 06 45 12 89 77 » under a signature: the person's own line
        mobile = bool(_MOBILE_LABEL.search(doc.folded[max(0, p.start - 12):p.start]))
        phones.append((rank, not mobile, p.start, p.value))
    return [v for *_, v in sorted(phones)]


# a form's phone field, its label opening the line (« Téléphone : +33 6 48 21 90 57 », « Téléphone ...... 07 … »)
_FORM_PHONE = re.compile(r"^\s*(?:tel\.?|telephone|portable|mobile|gsm)(?:\s+(?:portable|mobile|fixe|domicile))?[\s.:…]*$")


def _named_just_before(before: str, anchors: list[PersonCandidate]) -> bool:
    """« prendre contact avec M. BOUKHARI (tél. 06 52 19 83 07) », « Monsieur SOW est joignable au »:
    the person's name, then their number."""
    near = before[-40:]
    # (« Nous avons tenté de joindre M. DA SILVA au numéro figurant dans nos fichiers (06-71-… »)
    sentence = re.split(r"(?<!\bm)(?<!\bmme)[.!?]\s", before[-100:])[-1]  # (« M. » ends no sentence)
    return any(re.search(r"\b" + re.escape(w) + r"\b(?:\W{0,3}(?:\(\s*)?(?:tel\.?|telephone|portable|au)?|\s+(?:est\s+)?"
                         r"(?:joignable|a\s+joindre)(?:\s+sur\s+son\s+(?:portable|telephone|mobile))?(?:\s+au)?)\s*:?\s*$", near)
               or re.search(r"\b(?:joindre|contacter|appeler|joint)\s+(?:m\.|mme|monsieur|madame)?\s*(?:[a-z'\-]+\s+){0,2}?" + re.escape(w)
                            + r"\b(?:\s+au\s+numero\b[^\n()]{0,40}?)?\s*(?:\(|:|au\b)?\s*$", sentence)
               # (« M. Cazeneuve ne dispose que d'une ligne fixe : 05 … »: the person the sentence is about)
               or (re.search(r"\b" + re.escape(w) + r"\b", sentence) and _THEIR_LINE.search(sentence)
                   and not re.search(r"\b(?:notre|nos|nous|mon|ma|mes|je)\b", sentence))
               for w in _surnames(anchors))


_THEIR_LINE = re.compile(r"\b(?:ligne|numero|telephone|portable|mobile)(?:\s+(?:fixe|portable|mobile|personnel))?\s*:\s*$")


def _surnames(anchors: list[PersonCandidate]) -> set[str]:
    """The people's surnames (their names' last words, folded), long enough to tell apart."""
    return {w for a in anchors for w in fold(a.name).split()[-1:] if len(w) > 2}


_MOBILE_LABEL = re.compile(r"\b(?:(?:portable|mobile|gsm|cell)\b|mob\.)\s*:?\s*$")  # (« Mob. : »)
_HELPERS_LINE = re.compile(r"\b(?:redigee?|ecrite?)\s+par\b|\bavec\s+l'aide\s+de\b|\binterprete\b|\btraduct(?:eur|rice)\b|"
                           r"\becrivain\s+public\b")


def _given_names(anchors: list[PersonCandidate]) -> set[str]:
    """The people's given names (their names' first words, folded, without accents), long enough to tell apart."""
    return {w for a in anchors for w in fold(a.name).split()[:1] if len(w) > 3 and len(a.name.split()) > 1}


def _under_name(doc: Doc, li: int, anchors: list[PersonCandidate]) -> bool:
    """The phone is alone on the line under the person's own name (a signature in a message an
    office forwards)."""
    above = doc.prev_nonempty_line(li) if anchors else None
    if above is None or re.sub(r"[\d\s.+()\-]", "", doc.line_text(li)):
        return False
    name = clean_person(doc.line_text(above), strict=False)
    return name is not None and any(tenant_name_matches(name, a.name) for a in anchors)
