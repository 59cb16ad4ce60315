"""The tenant's reference (contract, tenant account, file number) in a tenant's or a third
party's letter.

Read under the many labels people use (``N° de contrat``, ``Réf. locataire``, ``Contrat n°``,
``mon numéro de dossier est le``, ``Compte client``, ``Votre référence``, ``Réf :``...), written
with spaces, dashes, dots, slashes or a letter prefix: kept as printed without its spaces
(SPEC: identifiers without spaces). Never a CAF ``N° allocataire``, an insurer's contract or
policy number, a court docket (``RG n°``), an invoice number, a bank account or a SIRET. A
candidate the tenant registry knows (as printed, or without its separators and prefix) wins.
"""

from __future__ import annotations

import re

from config.registries import Registries
from extractors import validators
from extractors.fields_labels import Doc
from extractors.lease_contract import of_the_lease
from extractors.parsing import HAND_DIGITS, find_dates, fix_digits
from extractors.person_labels import ORGANISATION
from extractors.types import Extraction

# « N. 0044 1290 7 »; « Dossier n VL-2020-118 »: an « n » whose degree sign the OCR lost, before a number
# (« N. LOCATAIRE (COMMUNIQUÉ PAR VOS SOINS) : … »: an « N. » before what the number is)
NO = (r"(?:n\s?[°*?]\s?\.?|n\s?o(?![a-z])\s?\.?|num(?:ero)?(?![a-z])\.?|n\.(?=[ \t]?\d)|n(?=[ \t][a-z]{0,4}[\-/]?\d)|"
      r"n\.(?=[ \t]?(?:de\s+|du\s+)?(?:locataire|contrat|client|dossier|compte|bail)\b))")
_REF = r"ref(?:erence)?s?[.,]?"  # « Réf, Locataire »: the OCR's comma for a dot
# (« REF. BAILL.: 0527/88140 »: the landlord's reference abbreviated)
_WHAT = r"(?:locataire|bailleur|baill(?=\.)|client|contrat(?:\s+(?:de\s+)?location)?|dossier|(?:compte|cpte)(?:\s+(?:client|locataire))?|bail|logement)"
# after « N° »: « N° bailleur » is the landlord's number at the CAF, not a tenant's; « N°
# locataire PATRIMOINE : » names the landlord the number is at
_WHAT_NO = (r"(?:locataire|client|contrat(?:\s+(?:de\s+)?location)?|dossier|(?:compte|cpte)(?:\s+(?:client|locataire))?|bail)"
            r"(?:\s+(?:patrimoine|bailleur))?")  # « n° locataire bailleur 031-204-778 »: the number at the landlord
_HIS = r"(?:(?:mon|ma|son|sa|notre|leur)\s+)?"  # « réf. de son contrat »
_MINE = r"(?:(?:mon|ma|notre)\s+)?"
_LABELS = [
    (0, r"\b" + _REF + r"\s*(?:du\s+|de\s+|d'\s*)?" + _HIS + _WHAT + r"\b(?:\s+(?:patrimoine|bailleur))?\s*(?:" + NO + r")?\s*:?"),
    (0, NO + r"\s*(?:de\s+|d'\s*|du\s+)?" + _MINE + _WHAT_NO + r"\b(?:\s*/\s*" + _WHAT + r"\b)?\s*:?"),
    # (« Numéro de bailleur : 031 00 7744B » is the landlord's number at the CAF)
    # (« NOMRO »: a handwritten NUMÉRO whose É the OCR lost, the U read as O)
    (0, r"\bn[uo]me?ro\s+(?:de\s+|d'\s*)?" + _MINE + r"(?!bailleur)" + _WHAT + r"\b(?:\s+est)?(?:\s+le)?\s*:?"),
    (0, r"\blocataire\s+sous\s+(?:le\s+)?" + NO + r"\s*:?"),
    (0, r"\b(?:contrat(?:\s+de\s+location)?|bail|dossier|compte\s+(?:locataire|client)|client|locataire)\s*" + NO
     + r"\s*:?"),
    (0, r"\b(?:compte|code|identifiant|matricule|dossier|id\.?)\s+(?:client|locataire)\s*:?"),
    (0, r"\b(?:tenant|tenancy|customer|account|contract|client|lease)\s*(?:no\.?|number|nr\.?|ref(?:erence)?|id|#)"
        r"(?![a-z])\s*:?"),
    # (« VIRéf. » : the OCR's « V/Réf. » at a line's start)
    (1, r"(?:\b(?:votre|vos|v/|v\.)|(?<![^\n])[ \t]*vi(?=\s?ref))\s*" + _REF + r"(?:\s+(?:creancier|bailleur|requerant))?\s*(?:" + NO + r")?\s*:?"),
    (1, r"\bsous\s+la\s+reference\b\s*:?"),
    # the landlord's own file, in an office's letter to it (« Objet : … - V/dossier 65-0093-TBS »)
    (1, r"(?:\bvotre\s+|\bv/\s*)dossier\b\s*(?:" + NO + r")?\s*:?"),
    # a table of debts declared (the Banque de France's): « Dette locative   0311 5028   1 906,35 EUR »,
    # « PATRIMOINE   Arriérés de loyers   0425563   2 734,18 € », « Arriéré de loyers/charges 0031-62210 … »,
    # « PATRIMOINE SA LANGUEDOCIENNE   Arriérés de loyers et charges   0362291 »: the creditor's own reference for the
    # debt, before the office's « Dossier n° » (as « Référence créancier » below)
    (-1, r"(?m)^[ \t]*(?:patrimoine(?:\s+[a-z'.]{2,20}){0,3}\s+)?(?:dette\s+locative|arrieres?\s+de\s+loyers?(?:\s*(?:/|et)\s*charges)?)\s+(?=[a-z]{0,4}-?\d)"),
    # (« PATRIMOINE   Loyers et charges   5021436   2 231,90 € »: the creditor named, then the debt's nature)
    # (« Loyers et charges impayés   0570231   2 874,90 € » under « Nature de la créance   Référence créancier »)
    (-1, r"(?m)^[ \t]*(?:patrimoine(?:\s+[a-z'.]{2,20}){0,3}?\s+loyers?\s+(?:et|/)\s*charges|"
         r"loyers?\s+(?:et|/)\s*charges\s+impayes?)\s+(?=[a-z]{0,4}-?\d{4})"),
    # the creditor, its reference, then the debt's nature (« SA HLM PATRIMOINE   0664213   Arriérés de loyers   3 412,07 »
    # under « Créancier  Référence  Nature  Montant »)
    (-1, r"(?m)^[ \t]*(?:sa\s+(?:d'\s?)?hlm\s+)?patrimoine(?:\s+[a-z'.]{2,20}){0,3}?\s+"
         r"(?=[a-z]{0,4}-?\d[\d\-/]{4,}\s+(?:arrieres?|dettes?|loyers?|impayes?)\b)"),
    # the tenant's account, abbreviated beside the landlord's own file: « V/Réf. : CTX-2020-0387 - Cpte loc. 0098341 »
    (0, r"\b(?:compte|cpte)\.?\s+loc(?:at)?\.\s*:?\s*(?=[a-z]{0,4}-?\d)"),
    # (« Vos réf. : CTX-2019-0512 - compte 0660384 »: the account after the landlord's own file)
    # (« V/Réf. : CT-20-0873 - contrat 0387145 »)
    (0, r"(?m)^[ \t]*(?:vos|v/)\s*ref[^\n]{0,40}\s[\-\u2013\u2014,]\s(?:compte|cpte|contrat|bail)\.?\s*(?:n[°o]\s*)?:?\s*(?=[a-z]{0,4}-?\d)"),
    # the landlord as a court's claimant, a creditor (« Référence créancier » at the Banque de
    # France): the tenant's reference, before any other (the office's own « Dossier n° »)
    (-1, r"\b(?:votre\s+)?" + _REF + r"\s*(?:du\s+|de\s+(?:la\s+)?|chez\s+(?:le\s+|la\s+)?)?(?:creancier|requerant|creance)\b\s*:?"),
    (1, r"\b(?:contrat|compte|cpte|dossier)(?:\s+(?:locataire|client))?\.?\s+(?:qui\s+porte\s+le\s+" + NO + r"\s*|(?=[a-z]{0,4}-?\d))"),
    (1, r"(?m)^[ \t]*compte\s*:"),  # « Compte : 0331 - 2208 » under the writer's address
    # « Référence portée sur ses avis d'échéance : 1502-7736 »
    (1, r"\b" + _REF + r"(?=\s+(?:port[ée]e?|indiqu[ée]e?|figurant|inscrite?|mentionn[ée]e?)\s+(?:sur|dans|en)\b)"),
    (1, r"(?m)(?:^|—\s|\s-\s)[ \t]*locataire\s+(?=\d)"),  # « Locataire 0166-3902 » on its own line, in a footer
    # the same after a short word the OCR garbled (« REP Locataire 0207715 » for « Réf. »), or
    # abbreviated in a note (« loc. 2018-CUG-00912 »)
    (1, r"(?m)^[ \t]*(?!(?:mon|mes|ma|le|la|les|un|une|son|sa|ses|ce|cet|du|des|nos|vos|leur|notre|votre)\b)[a-z]{2,4}\.?"
        r"[ \t]+locataire\s+(?=\d[\d \-/]{4,})"),
    (1, r"\bloc\.\s*:?\s*(?=\d)"),  # « loc. 2018-CUG-00912 », « Réf. loc. : 290-00-3317 »
    # « Contrat de location indiqué par l'allocataire : 2018-0771 »
    (1, r"\bcontrat\s+de\s+location\s+(?=(?:indiqu|communiqu|declar|fourni|transmis)\w*\s+par\b|[a-z]{0,4}-?\d)"),
    (1, r"\b(?:mon|ma|notre)\s+(?:contrat(?:\s+de\s+location)?|dossier|compte(?:\s+(?:client|locataire))?|bail)\s*:"),
    # « Notre contrat c'est le n° 61 553 028. », « Mon contrat c'est le 31-0457219 »
    (1, r"\b(?:mon|ma|notre)\s+(?:contrat(?:\s+de\s+location)?|dossier|compte(?:\s+(?:client|locataire))?|bail)\s+"
        r"(?:c'\s?|c)?est\s+(?:le\s+)?(?:" + NO + r"\s*:?|(?=[a-z]{0,4}-?\d[\d\-/]{4,}))"),
    # « Objet : Montant APL - Contrat : 0098 5512 », « Contrat de location (selon requête) : … »
    (1, r"\bcontrat(?:\s+de\s+location)?\s*(?:\([^)\n]{0,30}\)\s*)?:"),
    # the dwelling's number: the tenant's only when no contract is named (« N° de logement : 0452-12
    # (contrat 0045-88123) »)
    (2, NO + r"\s*(?:de\s+|du\s+)?" + _MINE + r"logement\b(?:\s+patrimoine)?\s*:?"),
    # « compte n° 0045-66120 chez vous », « Référence de votre avis d'échéance : 0045-77821 »
    (1, r"\bcompte\s*" + NO + r"\s*:?"),
    (1, r"\b" + _REF + r"\s*(?:de\s+|du\s+)?(?:votre\s+|mon\s+|l')?avis\s+d'echeance\s*:?"),
    # the number the landlord knows the tenant by: « Réf. PATRIMOINE : 0512-077 »
    (1, r"(?<![\w/])" + _REF + r"\s*patrimoine\s*(?::|(?=[a-z]{0,4}[\-\s]?\d))"),  # « réf. PATRIMOINE 0101-7745 »
    (2, r"(?<![\w/])" + _REF + r"\s*(?:" + NO + r")?\s*:"),
    (2, r"(?<![\w/])" + _REF + r"\s+(?=[a-z]{0,4}[\-\s]?\d)"),
    (2, r"\bidentifiant\s*:"),
    # a bare « N° 2044 9163 » on its own line in the writer's block, under their address
    (2, r"(?m)^[ \t]*n\s?[°o]\.?[ \t]*:?[ \t]*(?=\d[\d \-/.]{4,}[ \t]*$)"),
]
_BARE = re.compile(r"(?:contrat|compte|cpte|dossier)(?:\s+(?:locataire|client|de\s+location))?\s+|(?:^|—\s|\s-\s)[ \t]*locataire\s+")  # the number follows the word itself
_LABEL_RES = [(p, re.compile(rx)) for p, rx in _LABELS]
# the number belongs to someone else: CAF, insurer, court, supplier, bank
_NOT_OURS_BEFORE = re.compile(r"(?:allocataire|\bcaf\b|assur|police|societaire|adherent|titulaire\s+du|souscrit|"
                              r"\bn/\s*|notre\s+|\bnos\s+|\brg\b|repertoire|\brole\b|facture|avis|commande|colis|suivi|sinistre|"
                              r"siret|siren|tva|iban|rib|bancaire|cheque|virement|securite\s+sociale|"
                              r"electricite|\bgaz\b|edf|engie|mutuelle|\bmsa\b|pole\s+emploi|france\s+travail|bank|sort\s+code|"
                              r"invoice|multirisque|"
                              r"policy)[^\n]{0,25}$")
_NOT_OURS_AFTER = re.compile(r"^\s*(?:d'abonnement|abonnement|d'assurance|assurance|habitation|multirisque|\bcaf\b|allocataire|d'electricite|de\s+gaz|"
                             r"d'energie|bancaire|de\s+pret|mutuelle|sinistre|edf|engie|orange|free|sfr)")
_VALUE_RE = re.compile(
    r"[\s:.#°\-]*(?:\([^)\n]{0,60}\)[\s:.…_]*)?(?i:(?:bail|contrat|dossier|locataire|client|c(?:om)?pte)(?:\s+(?:locataire|client))?(?:\s+patrimoine)?\s+(?=\d|n\s?°|no\.))?"
    # « de mon père : », « de ma sœur : », « déclarée . : »
    # (an aside before the colon: « Son numéro de locataire, si ça peut vous aider : 0063 5521 »)
    r"(?:(?:de\s+(?:(?:mon|ma|son|sa|notre)\s+[^\s:]{2,12}|maman|papa|mamie|papi|papy)|d[ée]clar[ée]e?s?|indiqu[ée]e?s?|"
    r"communiqu[ée]e?s?)[\s.]*:\s*|"  # (« numéro de locataire de maman : », « Référence locataire communiquée : »)
    r",\s*(?i:si|comme|pour|au\s+cas|en\s+cas)\b[^:\n\d]{0,30}:\s*|"
    r"(?i:communiqu|indiqu|d[ée]clar|fourni|transmis)\w*\s+(?i:par|lors\s+d[eu]s?)\s+[^\n:\d]{2,30}?\s*:\s*)?"
    # « chez vous : », « portée sur ses avis d'échéance : »
    r"(?:(?i:chez|aupr[èe]s\s+de)\s+(?i:vous|le\s+bailleur|patrimoine)\s*(?:\([^)\n]{0,30}\)\s*)?|(?:port[ée]e?s?|indiqu[ée]e?s?|figurant|inscrite?s?|mentionn[ée]e?s?)\s+"
    r"(?:sur|dans|en)\s+[^\n:\d]{2,40}?\s*(?=:)|(?:sur|dans)\s+(?:l'|le\s|la\s|les\s|son\s|ses\s|mon\s|mes\s)[^\n:\d]{2,40}?\s*(?=:))?"  # « Réf. bailleur (n. de bail) », « : bail 3015… »
    r"(?:(?:n\s?°|no\.|num\.?|numero|n\.(?=\s?\d))\s*:?\s*)?(?:(?:c'\s?|c)?est\s+(?:le\s+)?:?|[:;])?\s*"
    # (a letter set apart at the end of the line is the number's: « N° client : 45 78 963 B »; a
    # capital one before a bracket or a comma too: « (appt 27, locataire n° 0447 8812 Z) »)
    # (a short group of digits after a dash or a slash set apart ends the number: « 0418 - 326 »,
    # « 0255 871 / 03 »; not a postal code or a year: « 4521 - 31200 Toulouse »)
    # (an amount after the number ends it: « 0051-2298 2145,30€ » in a table of debts)
    r"(?P<tok>[A-Za-z0-9](?:[A-Za-z0-9/._\-]|[ ](?=[A-Za-z]{0,3}[0-9])(?!\d{1,3}(?:[ .]?\d{3})*,\d{2})|[ ](?=[A-Za-z][ \t]*(?:\n|$))|[ ](?=[A-Z][ \t]*[),;])|"
    # (and not a street number before its street: « Locataire n° 32 118 406 - 3 allée des Cèdres »)
    r"(?<=\d)[ ](?=[/\-][ ]?(?:\d{1,3}|(?!19|20)\d{4})(?![\w/.])(?!,?[ \t]+[A-Za-zÀ-ÿ]))|"
    r"(?<=\d[ ][/\-])[ ](?=(?:\d{1,3}|(?!19|20)\d{4})(?![\w/.])(?!,?[ \t]+[A-Za-zÀ-ÿ]))|"
    # an office's code in capitals between groups of digits: « 31 COL 11052 »
    r"[ ](?=(?!(?:DU|DE|LE|LA|AU|ET|EN|DES|LES|SUR|PAR|TEL|FAX|BP|CS|TSA|RUE|APT|BAT|NO|NR)\b)[A-Z]{2,3}[ ]\d)){0,30})")
# digits written one per box, the boxes' edges read as « | », « ] », « [ » or « / »
_COMB = re.compile(r"[\s:.]*(?i:(?:chez|aupr[eè]s\s+de)\s+(?:vous|le\s+bailleur|patrimoine)\s*)?"
                   r"(?:\([^)\n]{0,40}\)[\s:.]*)?((?:[|\[\]/]*\d){4,14}[|\[\]/]*)(?![\w])")
_THIRD_PARTY_TYPES = ("insurance_certificate", "housing_benefit", "legal_notice")
_shape_cache: dict[int, tuple[tuple, int | None]] = {}


def registry_digits_length(registries: Registries) -> int | None:
    """N when every registry reference is N digits (the landlord's own format), else None."""
    key = id(registries.tenants)
    hit = _shape_cache.get(key)
    if hit is not None and hit[0] is registries.tenants:
        return hit[1]
    lengths = {len(t.tenant_reference) if t.tenant_reference.isdigit() else -1 for t in registries.tenants
               if t.source == "registry"}  # the landlord's format: not what corrections taught
    n = lengths.pop() if len(lengths) == 1 and -1 not in lengths else None
    if len(_shape_cache) >= 8:  # registries merged anew with learned tenants: forget the old ones
        _shape_cache.clear()
    _shape_cache[key] = (registries.tenants, n)
    return n


def _clean_value(tok: str) -> str | None:
    tok = re.sub(r"^(?i:le|la)\s+(?=\d)", "", re.split(r"\s{2,}", tok)[0])  # « c'est\nle 31 0025 774 »
    head, *rest = re.split(r"\s[/\-]\s?(?=\d)", tok, maxsplit=1)
    if rest and find_dates(rest[0]):
        tok = head  # « Contrat n° 0418 - 12/03/2021 »: the date is not the number's
    value = re.sub(r"\s", "", tok).strip("./-_")
    value = re.sub(r"^1(?=[A-Z]{2,4}-\d)", "", value)  # a table's rule « | » read as 1 before it: « 1LOC-553217 »
    if not any(c.isdigit() for c in value) or len(re.sub(r"[^A-Za-z0-9]", "", value)) < 3 or len(value) > 24:
        return None
    if sum(c.isdigit() for c in value) < 3:
        return None  # a number has digits: « FAOTU 7 » is a handwritten number the OCR read as letters
    if re.match(r"(?i)rg\d|fr\d{2}|[a-z]{2}\d{2}\d{10,}|(?:bp|cs|tsa)\d+$", value):  # a docket, VAT, IBAN, post box
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) == 14 and digits == value and validators.is_valid_siret(digits):
        return None
    if re.fullmatch(r"0[1-9](?:[ .\-]\d{2}){4}", tok.strip()):
        return None  # a phone number, by pairs (« 0389 6610-01 » is not one)
    if any(not re.search(r"[/.\-]00\d\d$", d.raw) for d in find_dates(tok)):
        return None  # (« REF. BAILLEUR : 23-06-0019 »: a year written 0019 is a number's group, not a date's)
    return _digits_in_handwriting(value)


# a handwritten number's digits the OCR read as letters their strokes resemble, between digits
# (« 31OUS877 » for 31045877, « 0027uul0 » for 00274410)
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[OoUuSsIl]{1,3}(?=\d)")


def _digits_in_handwriting(value: str) -> str:
    fixed = _BETWEEN_DIGITS.sub(lambda m: m.group(0).translate(HAND_DIGITS), value)
    return fixed if fixed != value and fixed.isdigit() and len(fixed) >= 6 else value


def reference_candidates(doc: Doc, doc_type: str = "", by_tenant: bool = False) -> list[tuple[int, int, str]]:
    """(priority, position, value) for every labelled reference, best first. ``by_tenant``: the
    tenant wrote it (their own block heads the letter), though its type is mostly written by
    offices: its labels are theirs."""
    # the tenant's cover letter, then the insurer's certificate: its numbers are the insurer's
    enclosed = _ENCLOSED_CERTIFICATE.search(doc.folded) if by_tenant else None
    fixed = fix_digits(doc.text)
    head = [doc.line_text(i, folded=True) for i in range(min(len(doc.line_starts), 3))]
    # the CAF's, an insurer's letterhead or mailbox (« De: CAF de la Haute-Garonne <…> »)
    office_head = any(ORGANISATION.search(ln) and "patrimoine" not in ln for ln in head)
    out = []
    # « locataice »: a handwritten r the OCR read as c (the same length: positions stay the text's)
    folded = _LOCATAIRE_MISREAD.sub("locataire", doc.folded)
    folded = _CONTRAT_MISREAD.sub("contrat", folded)  # « N° de conirat » (the same length too)
    for prio, rx in _LABEL_RES:
        for m in rx.finditer(folded):
            third_party = doc_type in _THIRD_PARTY_TYPES and (not by_tenant or bool(enclosed and m.start() >= enclosed.start()))
            label = folded[m.start():m.end()]
            if "\n" in label.strip() and not _wrapped(doc, m.start(), label):
                continue
            # what precedes the label on its line, after a dash (« odeur de gaz — Réf. client »)
            # (or after a sentence's end: « … nos trois enfants. Notre contrat c'est le n° … »)
            before = re.split(r"\n|\s[\-\u2013\u2014]\s|[a-z]{4,}[.!?]\s", folded[max(0, m.start() - 40):m.start()])[-1]
            if _YOUR_REF.match(label):  # « N/Réf. : 21-0612 / RB V/Réf. : 7702-1458 »: the office's own, then ours
                before = re.split(r"\bn/\s*ref\w*\.?\s*:?\s*\S+(?:\s*/\s*[a-z]{1,4}\b)?", before)[-1]
            # « pour Patrimoine - réf … », « PATRIMOINE Arriérés de loyers contrat n° … »: the landlord's own
            landlords = re.search(r"patrimoine\b[^\n]{0,32}$", folded[max(0, m.start() - 45):m.start()])
            line_start = doc.line_span(doc.line_of(m.start()))[0]
            # (« contrat Multirisque Habitation Locataire n° HAB-… »: an insurer's product, not the tenant's number)
            named_tenant = re.search(r"\blocataire\b", label) and not re.search(r"(?:habitation|multirisque)\s+$", before)
            tenants = (named_tenant  # « locataire n° »: ours, whatever precedes it
                       or landlords
                       or re.match(r"(?:votre|v/)\s*dossier", label)  # the landlord's file
                       or re.match(r"\s*(?:vos|v/)\s*ref[^\n]*\s(?:contrat|bail)\b", label)  # the account after its file
                       # « Votre locataire : M. Joseph MBARGA — contrat n° … »: the tenant's, by its line
                       or re.search(r"\bvotre\s+locataire\b", folded[line_start:m.start()])
                       or (re.search(r"titulaire\s+du\s+$", before) and re.match(r"compte|bail|contrat\s+de\s+location", label)))
            # « N/Réf. : contrat CT-31320-00412 » in a tenant's own letter: the writer's contract
            writers = (not third_party and re.match(r"contrat|bail\b|locataire", label)
                       and re.search(r"(?:\bn/\s*|\bnotre\s+|\bnos\s+)ref\w*\.?\s*:?\s*$", before))
            tenants = tenants or writers
            if "compte" in label and not named_tenant and _BANK_DETAILS.search(
                    folded[line_start:doc.line_span(doc.line_of(m.start()))[1]]):
                continue  # « Code banque : 42559 Code guichet : 10000 N° de compte : 08024718263 »: a bank's account
            if prio == 2 and third_party and not tenants:
                continue  # a bare « Réf. » in an insurer's, a court's or the CAF's letter: theirs
            if (not tenants and _NOT_OURS_BEFORE.search(before)) or _NOT_OURS_AFTER.match(folded[m.end():m.end() + 20]):
                continue
            mine = re.search(r"\b(?:mon|ma|notre)\s+$", before)  # the writer's own « mon numéro de dossier »
            # (« Dossier locataire : » is the landlord's: ``tenants``)
            # (a tenant's letter or the landlord's form about their housing benefit: a contract is the lease's)
            others = (r"dossier|client" if doc_type == "housing_benefit" and not office_head
                      else r"contrat(?!\s+(?:de\s+)?location)|dossier|client")
            if (third_party and not mine and not tenants and not of_the_lease(doc, m.start(), label)
                    and re.search(others, label)):
                continue  # the insurer's contract, the court's or the CAF's file: not the landlord's
            if (office_head and not (mine or tenants) and re.match(r"dossier\b", label)
                    and not _YOUR_REF.search(folded[line_start:m.start()])):
                continue  # an office's « Dossier n° MV-20-117 » under its letterhead, whatever the type: its own file
                # (not the landlord's, quoted after « V/Réf. : saisine du 2 novembre - dossier 2604418 »)
            tail = fixed[m.end():m.end() + 100].split("\n")[0]
            if re.fullmatch(r"\s*\d{1,3}(?:[ .]\d{3})*,\d{2}\s*(?:€|eur)\s*", tail, re.I):
                # a table's amount beside the label, the reference wrapped under it (« compte locataire
                # 2 845,30 € » over « 0012 3987 »)
                tail = _line_after(fixed, m.end())
            elif not re.sub(r"^\s*(?:(?:c'\s?|c)?est(?:\s+le)?|:)?\s*", "", tail).strip():
                # the value under its label, or prose wrapped after it (« Notre référence locataire est / RAM/2019/0877. »)
                tail = _line_after(fixed, m.end()) if tail.strip() else \
                    fixed[m.end():m.end() + 80].lstrip(" \t:").lstrip("\n").split("\n")[0]
            elif not re.search(r"\d", tail) and not before.strip() and (cell := _FIRST_CELL.match(_line_after(fixed, m.end()))):
                tail = cell.group(1)  # a table's column heading (« Réf. créancier  Nature de la créance … »), its value under it
            elif not re.search(r"\d", tail) and _wrapped_prose(doc, m.start()):
                # « (n° locataire figurant sur son / avis d'échéance : 415-77820) »: the sentence goes on
                tail = tail + " " + _line_after(fixed, m.end(), 120)
            elif not re.search(r"[\d:]", tail) and (leader := _LEADER_VALUE.search(_line_after(fixed, m.end(), 160))):
                # a form's label on two lines, its value after the dot leaders ending the second
                # (« Référence bailleur indiquée / par l'assuré à la souscription ...... 0836-2014 »)
                tail = leader.group(1)
            comb = _COMB.match(tail)
            if comb and len(re.findall(r"[|\[\]/]", comb.group(1))) >= len(re.findall(r"\d", comb.group(1))) - 1:
                tail = re.sub(r"[^\d]", "", comb.group(1))  # a form's comb of boxes: « 0|0]4]7]1/]2|3]|6 »
            v = _VALUE_RE.match(tail)
            tok = v.group("tok") if v else ""
            if v and re.match(r",\d{2}\b", tail[v.end("tok"):]):  # « contrat n° 715523 2 915,40 € »: an amount follows
                tok = re.sub(r"(?:\s\d{1,3})+$", "", tok)
            value = _clean_value(tok) if tok else None
            # « N° de compte locataire chez vous » names the landlord's account; « Dossier n° » may be the writer's own
            rank = prio - 0.5 if (named_tenant and not mine) or writers else prio
            if value and _YOUR_REF.match(label) and re.match(r"[A-Za-z]{5}", value):
                continue  # « V/Réf : RELANCE 2 / 2021-03-118 »: the landlord's letter, not an account
            if office_head and prio == 1 and _YOUR_REF.match(label):
                rank = 0.5  # an office quoting the landlord's « V/Réf. »: the tenant's account, before its own file
            if not value and prio == 0:  # a form's dot leaders the OCR read as letters: the value ends the line
                last = tail.split()[-1] if tail.split() else ""
                if re.fullmatch(r"[A-Za-z]{0,4}[-/]?\d[\w/\-.]{3,20}", last) and sum(c.isdigit() for c in last) >= 4:
                    value, rank = _clean_value(last), 1  # less sure than a value right after its label
            if value and prio == 2 and value.count("/") >= 2 and re.match(r"[A-Za-z]", value):
                continue  # « Réf. : CCAS/SEN/2020-0412 »: an office's own file, by a bare « Réf. »
            if value and _BARE.fullmatch(label) and len(re.sub(r"\D", "", value)) < 5:
                continue  # « mon contrat 2019 » : a year, not a number
            if value:
                out.append((rank, m.start(), value))
    out.sort()
    seen, uniq = set(), []
    for c in out:
        if c[2] not in seen:
            seen.add(c[2])
            uniq.append(c)
    return uniq


_YOUR_REF = re.compile(r"\s*(?:votre|vos|v/|v\.|vi)\s*ref")
_BANK_DETAILS = re.compile(r"\bcode\s+banque\b|\bguichet\b|\bcle\s+rib\b|\biban\b|\bbic\b")  # a bank's details on the line
_CONTRAT_MISREAD = re.compile(r"\bcon[il1]rat\b")
_LOCATAIRE_MISREAD = re.compile(r"\blocata[ic]ce\b|\blocat[ao]ice\b")
# an insurer's certificate under a tenant's cover letter: its heading on a line of its own, or its formula
_ENCLOSED_CERTIFICATE = re.compile(r"(?m)^[ \t]*attestation\s+d'assurance(?:\s+habitation)?[ \t]*$|"
                                   r"\b(?:certifions|attestons|certifie|atteste)\s+que\b|\bnous\s+soussignes\b")


# a table's first cell under its heading: a reference, then the next cell (« 0977-4120  Loyers et charges … »),
# not a postal code and its town
_FIRST_CELL = re.compile(r"[ \t]*(?!\d{5}[ \t])([A-Za-z]{0,4}[-/]?\d[\w\-/.]{3,20})(?=[ \t]+[A-Za-zÀ-ÿ]{3})")
_LEADER_VALUE = re.compile(r"(?:\.{4,}|…{2,})[ \t]*([A-Za-z0-9][\w\-/ ]{3,24})[ \t]*$")
def _line_after(text: str, end: int, reach: int = 80) -> str:
    """The line after the one ``end`` is on (within ``reach`` characters), empty when none."""
    return (text[end:end + reach].split("\n") + [""])[1]


def _wrapped_prose(doc: Doc, start: int) -> bool:
    """The label sits in a line of prose that wraps on (a long line)."""
    return len(doc.line_text(doc.line_of(start)).strip()) >= 60


def _wrapped(doc: Doc, start: int, label: str) -> bool:
    """A label cut by the end of a line of prose (« Mon numéro de / dossier est le … »), not
    the cells of a form or a table stacked over each other."""
    return label.strip().count("\n") == 1 and len(doc.line_text(doc.line_of(start)).strip()) >= 50


def _known(registries: Registries, value: str) -> str | None:
    for variant in (value, re.sub(r"[\-./_]", "", value), re.sub(r"\D", "", value)):
        if variant and registries.tenant_by_reference(variant):
            return variant
    return None


def read_reference(doc: Doc, ex: Extraction, registries: Registries, doc_type: str = "", by_tenant: bool = False) -> None:
    cands = reference_candidates(doc, doc_type, by_tenant)
    for _, _, value in cands:
        known = _known(registries, value)
        if known:
            ex.fields["tenant_reference"] = known
            ex.tenant_reference_known = True
            return
    if doc_type not in _THIRD_PARTY_TYPES or by_tenant or not cands:  # unlabelled, but the registry knows it
        fixed = fix_digits(doc.text)
        for m in re.finditer(r"(?<![\d.,/])(?<!\d )\d{4} ?\d{4}(?![\d.,/]| \d)", fixed):
            d = re.sub(r"\s", "", m.group(0))
            if registries.tenant_by_reference(d):
                ex.fields["tenant_reference"] = d
                ex.tenant_reference_known = True
                return
    if not cands:
        return
    value = cands[0][2]
    n = registry_digits_length(registries)
    digits = re.sub(r"[.\s]", "", value)
    if n and digits.isdigit() and n - 2 <= len(digits) < n and _lost_digits_of_known(registries, digits):
        # a registry reference with a digit or two lost (OCR, a slip of the pen): not a guess
        ex.rejected["tenant_reference"] = f"référence « {value} » : {n} chiffres attendus ({len(digits)} lus)"
        return
    ex.fields["tenant_reference"] = value


def _lost_digits_of_known(registries: Registries, digits: str) -> bool:
    """Is ``digits`` a registry reference with some digits left out (in order)?"""
    for t in registries.tenants:
        ref = iter(t.tenant_reference)
        if all(c in ref for c in digits):
            return True
    return False
