"""The classification decision: type, calibrated confidence, urgency, restriction, reason.

The spaCy model gives probabilities over types; rules that are more reliable than the model
override or narrow them: a Factur-X invoice is an invoice, and a document whose SIRET or VAT
number belongs to a registered supplier is a supplier document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from classifiers.model import DISAGREEMENT_CAP, TextModel
from classifiers.subject import subject_type
from classifiers.textnorm import normalise
from classifiers.urgency import urgency_reasons
from extractors.einvoice_xml import SYNTAX_LABELS, is_credit_code, is_known_code

SUPPLIER_TYPES = ("supplier_invoice", "supplier_credit_note", "supplier_quote")
DISTRESS_EXEMPT = ("social_distress", "other") + SUPPLIER_TYPES  # types the distress check leaves alone
# Types whose urgency depends on what the letter says (the others are never urgent
# unless the taxonomy says always).
URGENCY_BY_CONTENT = {
    "repair_request": ("eau", "gaz", "électricité", "sécurité"),
    "neighbour_dispute": ("violence", "sécurité"),
    "payment_difficulty": ("délai légal",),
}


# The letterhead of a bailiff, a court or a lawyer: a legal notice (on normalised text).
_LEGAL_HEADER = re.compile(r"commissaires? de justice|huissiers? de justice|tribunal (judiciaire|de proximite|"
                           r"d.instance|administratif)|avocats? au barreau|greffe du tribunal|cour d.appel")
# a lawyer's letterhead and no bailiff's nor court's; what makes a lawyer's letter an act
_LAWYER_ONLY = re.compile(r"^(?!.*(?:commissaires? de justice|huissiers? de justice|tribunal |greffe|cour d.appel)).*"
                          r"avocats? au barreau", re.S)
_LEGAL_ACT = re.compile(r"\b(?:mise en demeure|met(?:s|tons|tez|tent)? en demeure|sommation|sommons|assignation|assigner|"
                        r"commandement|signification|saisir (?:le|la) (?:juge|tribunal|commission)|refere|injonction|"
                        r"resiliation judiciaire|expulsion|procedure judiciaire|action en justice)\b")
# a company's letter to all its clients (on normalised text)
_CIRCULAR = re.compile(r"\b(?:a|de|pour) (?:l.ensemble de )?nos clients\b|\bchers clients\b|"
                       r"\bplan de continuite (?:d.activite|de service)\b")
# Violence in the home, squalor, a life in danger (on normalised text): a letter saying so is
# never routed to another team than social support on the model's word alone; a person decides.
_DISTRESS = re.compile(r"violences? (?:conjugales?|intra-?familiales?|familiales|au sein du couple)|"
                       r"ordonnance de protection|victimes? de violences|incurie|syndrome de diogene|"
                       r"tentative de suicide|idees (?:noires|suicidaires)|mettre fin a (?:ses|mes) jours|"
                       # a mind failing: a social worker's « état dépressif sévère », « elle n'y arrive plus »
                       r"\bdetresse\b(?! financiere)|n'y arriv\w* plus|medico-psychologique|psychiatri|"
                       r"(?:etat|syndrome) depressif|depression (?:severe|profonde)")
# a person living alone and failing (on normalised text): confirms distress both readers lean to,
# never overrides another type
_ISOLATION = re.compile(r"\bisolee?s?\b|\bisolement\b|vit seule?\b|ne (?:sort|mange|se leve) plus|"
                        r"plus personne|n'a (?:plus )?personne|personne agee|laisse(?:e)? a l'abandon|\ben danger\b")
# a supplier's advertising (on normalised text): an offer to all, not a piece to pay or to sign
_ADVERTISING = re.compile(r"offre (?:speciale|de lancement|exceptionnelle|promotionnelle)|"
                          r"-\s?0\s?% (?:sur|de remise)|devis gratuit|dans la limite des stocks|"
                          r"ne pas jeter sur la voie publique|catalogue|nous font confiance|profitez|"
                          r"n'hesitez pas a nous contacter|contactez-nous")
# the over-indebtedness commission's letterhead (on normalised text): its notices are a court's
# in form and a payment plan in substance; writers file them under either, so a person decides
_OVERINDEBTEDNESS = re.compile(r"commission de surendettement|banque de france")
OVERINDEBTEDNESS_TYPES = ("legal_notice", "payment_difficulty")
# the CAF's or the MSA's letterhead, in the first lines (on normalised text; not a tenant's
# « N° allocataire CAF » under their own name): a housing-benefit letter
_BENEFIT_OFFICE = re.compile(r"\bcaf\b|caisse d.allocations familiales|\bmsa\b|mutualite sociale agricole")
_NOT_LETTERHEAD = re.compile(r"allocataire|n°|\bno\b")
AD_CONFIDENCE = 0.9  # other by that rule: reviewed anyway, as every other
HEADER_CHARS = 400  # the first lines of the first page
# a sum of money: « 1 754,40 € », « 486,00 EUR », « EUR 120 », « £6,780.00 »
_MONEY = re.compile(r"\d[\d\s.,]*\s?(?:€|eur\b|euros?\b|chf\b|gbp\b|usd\b)|(?:€|£|\$|\beur\b)\s?\d", re.I)
_CAPITAL = re.compile(r"capital(?:\s+social)?(?:\s+de)?\s*:?\s*[\d\s.,]+\s?(?:€|eur\w*)", re.I)  # the legal footer's
RULE_CONFIDENCE = 0.98  # a rule's answer when the model does not contradict it
TITLE_BELOW = 0.8  # the model hesitating between supplier pieces (a vendor writing in Dutch): the title decides
TITLE_MASS = 0.9  # the readers disagree on which supplier piece it is, not that it is one: its title decides
SUPPLIER_MASS = 0.5  # a known supplier's document: the model must give its three types this much to choose alone
UNSURE = DISAGREEMENT_CAP  # the model's own cap when it is unsure (its readers disagree, two topics)


# the letter's body begins: what follows is no letterhead (« agissant en qualité de tutrice
# (jugement … du tribunal judiciaire …) » is a tenant's daughter writing)
_BODY_START = re.compile(r"(?m)^\s*(?:madame|monsieur|mesdames|messieurs|bonjour|cher|chere)\b|je soussigne")


def letterhead(text: str) -> str:
    """The first lines of the first page, normalised, up to where the letter's body begins."""
    head = normalise(text[:HEADER_CHARS * 2])[:HEADER_CHARS]
    body = _BODY_START.search(head)
    return head[:body.start()] if body else head


def _benefit_office(text: str) -> bool:
    lines = [normalise(ln) for ln in text[:HEADER_CHARS].splitlines() if ln.strip()][:3]
    return any(_BENEFIT_OFFICE.search(ln) and not _NOT_LETTERHEAD.search(ln) for ln in lines)


# an office that carries out protective measures for adults (curatelle, tutelle)
_PROTECTION_OFFICE = re.compile(r"\budaf\b|\batiac\b|\bmjpm\b|mandataires?\s+judiciaires?\s+(?:a|à)\s+la\s+protection|"
                                r"protection\s+(?:juridique\s+)?des\s+majeurs|\bservice\s+(?:des\s+)?tutelles?\b")


# a notice to leave says so: of 263 written by other hands, every one names the leaving (a congé, a
# notice period, keys, a move, a death…); a letter that only mentions the check-out inspection
# (« pour l'état des lieux quand nous partirons ») asks something else
_LEAVING = re.compile(r"conge|preavis|resili|quitt|depart|demenag|fin (?:du|de (?:mon|notre|son|leur|mes|ses) ?)?bail|\bcles\b|"
                      r"liberer|liberation|mettre fin|terme (?:du|au) bail|deces|decede|etat des lieux de sortie|"
                      r"\bje pars\b|\bnous partons (?:vivre|habiter|en|au|a|pour|chez|definitivement|le|fin)\b|"
                      r"rend(?:s|re|ons|rai|rons)? (?:le logement|l.appart|les cles)|logement sera rendu|\bmet(?:s|tons)? fin\b|"
                      r"fin (?:a|de) (?:la|ma|notre) location|depot de garantie|"
                      r"terminat|notice|vacat|move out|moving out|passed away|death|deceased")
_HOUSING_PRIORITY = re.compile(r"droit\s+au\s+logement\s+opposable|\bdalo\b|commission\s+de\s+mediation")
_EVICTION = re.compile(r"expulsion|force\s+publique|commandement|assignation|signification")


def _capped(probs: dict[str, float], cap: float = UNSURE) -> dict[str, float]:
    """Every type's score at most ``cap``: below the review threshold, a person decides."""
    return {t: min(p, cap) for t, p in probs.items()}


def legal_header(text: str) -> bool:
    return bool(_LEGAL_HEADER.search(letterhead(text)))


@dataclass(frozen=True)
class Hints:
    """Facts from extraction that the rules use."""

    facturx_type_code: str | None = None  # "380" invoice, "381" credit note
    supplier_identified: bool = False  # SIRET, VAT or IBAN of a registered supplier
    priced: bool = False  # totals that add up (HT + TVA = TTC): a bill, whoever sends it
    credited: bool = False  # those totals below zero: money owed back, whatever the title says


@dataclass
class Classification:
    type: str
    confidence: float
    urgent: bool = False
    urgency: list[str] = field(default_factory=list)
    method: str = "textcat"
    reason: str = ""
    scores: dict[str, float] = field(default_factory=dict)  # the three best types


_TITLE_START = r"^[\s:|=*\[\]\"©®]*(?:\d[\"'’][ \t]*)?"  # a framed title: OCR reads the box's edge as « : », « | » or « 3\" »
_TITLE_KINDS = (  # a supplier document's own title, first word(s) of one of its first lines
    ("supplier_credit_note", re.compile(_TITLE_START + r"(?:facture\s+d.avoir|avoir|note\s+de\s+cr[ée]dit|credit\s+(?:note|memo)|gutschrift|"
                                        r"rechnungskorrektur|credit\s?nota|creditfactuur|nota\s+de\s+cr[ée]dito|"
                                        r"factura\s+rectificativa|nota\s+di\s+credito)\b", re.I)),
    ("supplier_quote", re.compile(_TITLE_START + r"(?:devis|proposition\s+(?:commerciale|de\s+prix|tarifaire|financi[eè]re)|"
                                  r"offre\s+(?:de\s+prix|tarifaire)|quote|quotation|estimate|angebot|"
                                  r"kostenvoranschlag|presupuesto|preventivo|offerta)\b", re.I)),  # not « offerte »: French too
    ("supplier_invoice", re.compile(_TITLE_START + r"(?:facture|invoice|note\s+d.honoraires|rechnung|factuur|factura|fattura|fatura)\b"
                                    r"(?!\s*(?:d.origine|concern|initiale|de\s+r[ée]f[ée]rence|annul|pr[ée]c[ée]dente|"
                                    r"rectifi[ée]e|rectificada|rectificative|corrig[ée]e|d[ée]j[àa]))", re.I)),  # a credit note naming the invoice it corrects
)
# the title printed in capitals at the right of the letterhead's line, read as that line's end
# (« NORDLANE PRINT SERVICES   CREDIT MEMO »)
_TITLE_END = re.compile(r"\S\s+((?:FACTURE\s+D.AVOIR|AVOIR|NOTE\s+DE\s+CR[ÉE]DIT|CREDIT\s+(?:NOTE|MEMO)|DEVIS|QUOTATION|"
                        r"FACTURE|INVOICE)(?:\s+(?:N°|NO\.?|#)\s*\S+)?)\s*$")


# a title in French: any other the vendor's own language, where the model, which learned French
# mail, is no judge of which piece it is (« NOTA DI CREDITO » read as an invoice at 1.0)
_FRENCH_TITLE = re.compile(_TITLE_START + r"(?:facture|avoir|note\s+de\s+cr[ée]dit|devis|proposition|offre|"
                           r"note\s+d.honoraires)\b", re.I)


def supplier_title(text: str, lines: int = 15, foreign: bool = False) -> str | None:
    """The supplier type a document's title names (« FACTURE N° … », « AVOIR », « DEVIS »), from
    its first lines; None when none does, or two kinds do. ``foreign``: only a title in another
    language than French counts."""
    found = set()
    for k, line in enumerate([ln for ln in text.splitlines() if ln.strip()][:lines]):
        end = _TITLE_END.search(line) if k < 6 else None
        heads = [h for h in [line] + ([end.group(1)] if end else []) if not (foreign and _FRENCH_TITLE.match(h))]
        kind = next((kind for kind, pattern in _TITLE_KINDS if any(pattern.match(h) for h in heads)), None)
        if kind:
            found.add(kind)
    return found.pop() if len(found) == 1 else None


# a supplier's statement of account or reminder, titled so before any invoice title (its table of
# unpaid invoices heads a column « Facture »): the invoices it lists were received already; paid
# again from it, they would be paid twice
_STATEMENT = re.compile(_TITLE_START + r"(?:relev[ée]\s+(?:de\s+compte|de\s+factures|des\s+factures)|"
                        # (« Objet : DERNIÈRE RELANCE AVANT SUSPENSION DE FOURNITURE »)
                        r"(?:\d\s?(?:e|er|[èe]me|nd)\s+|premi(?:er|[èe]re)\s+|seconde?\s+|deuxi[èe]me\s+|"
                        r"derni(?:er|[èe]re)\s+|ultime\s+|nouvelle\s+)?(?:rappel|relance)|"
                        r"lettre\s+de\s+relance|statement(?:\s+of\s+account)?|(?:payment\s+)?reminder|"
                        r"mahnung|zahlungserinnerung)\b(?!\s*:)", re.I)


_SUBJECT = re.compile(r"^\s*(?:objet|subject|betreff)\s*:\s*", re.I)


def supplier_statement(text: str, lines: int = 15) -> bool:
    """A statement of account or a reminder: its title comes before any invoice's title."""
    for line in [ln for ln in text.splitlines() if ln.strip()][:lines]:
        if (_STATEMENT.match(line) and len(line.strip()) <= 60) or _STATEMENT.match(_SUBJECT.sub("", line)):
            return True  # (or the letter's subject: « Objet : 2e relance - factures échues non réglées »)
        if any(pattern.match(line) for _, pattern in _TITLE_KINDS):
            return False
    return False


# « FACTURE RECTIFICATIVE N° … annule et remplace la facture … »: a corrected invoice, billed again
_CORRECTED_INVOICE = re.compile(_TITLE_START + r"facture\s+(?:rectificative|corrig[ée]e)\b", re.I | re.M)


def _title(text: str, hints: Hints) -> str | None:
    title = supplier_title(text)
    if title is None and hints.priced and not hints.credited and any(
            _CORRECTED_INVOICE.match(ln) for ln in [ln for ln in text.splitlines() if ln.strip()][:15]):
        return "supplier_invoice"  # its totals are positive: what is owed, not money owed back
    return "supplier_credit_note" if title == "supplier_invoice" and hints.credited else title  # money owed back


def classify(text: str, model: TextModel, hints: Hints = Hints(),
             always_urgent: frozenset[str] = frozenset()) -> Classification:
    probs = model.probabilities(text) if text.strip() else {}
    method, reason = "textcat", "modèle de langue"
    if is_known_code(hints.facturx_type_code):
        doc_type = "supplier_credit_note" if is_credit_code(hints.facturx_type_code) else "supplier_invoice"
        probs = {doc_type: 0.995}
        method, reason = "facturx", "facture électronique Factur-X"
    elif hints.supplier_identified and probs:
        narrowed = {t: probs.get(t, 0.0) for t in SUPPLIER_TYPES}
        total = sum(narrowed.values())
        guess = max(narrowed, key=narrowed.get)
        if total >= SUPPLIER_MASS and (max(probs.values()) > UNSURE or _title(text, hints) == guess):
            probs = {t: p / total for t, p in narrowed.items()}
            method, reason = "rules+textcat", "fournisseur reconnu (SIRET, TVA ou IBAN)"
        elif total > 0.05:  # a supplier's document, but the model hardly saw one, or its readers
            # disagreed (capped at 0.5) and no title confirms its guess: which of the three is a
            # guess, not a certainty
            probs = {t: min(p / total, 0.5) for t, p in narrowed.items()}
            method, reason = "rules+textcat", "fournisseur reconnu, type de pièce incertain"
        else:
            probs = _capped(probs, 0.5)
            method, reason = "conflict", "fournisseur reconnu mais contenu d'un autre type"
    elif probs and legal_header(text) and not hints.priced:  # a lawyer's or a bailiff's bill is a bill
        top_type, named = max(probs, key=probs.get), subject_type(text)
        if named not in (None, "legal_notice") and named in probs:
            # a lawyer's letter whose subject names a tenant's matter (« Objet : … Demande
            # d'attestation et de quittances »): no act, a request made for a client; a person
            # decides, the subject's type first
            probs = {**_capped(probs, 0.45), named: 0.5}
            method, reason = "conflict", "en-tête juridique mais l'objet nomme un autre type"
        elif (top_type not in ("legal_notice", "other") and probs[top_type] >= 0.3 and _LAWYER_ONLY.search(letterhead(text))
              and not _LEGAL_ACT.search(normalise(text))):
            # a lawyer asking, for a client, what a tenant would ask (certificates and receipts for a
            # divorce) with no formal notice: the model's type first, a person decides
            probs = _capped(probs, 0.5)
            method, reason = "conflict", "courrier d'avocat sans mise en demeure ni acte : une personne décide"
        elif top_type == "legal_notice" or probs.get("legal_notice", 0.0) >= 0.02:
            probs = {**{t: p * (1 - RULE_CONFIDENCE) for t, p in probs.items()},
                     "legal_notice": max(probs.get("legal_notice", 0.0), RULE_CONFIDENCE)}
            method, reason = "rules+textcat", "en-tête d'un commissaire de justice, tribunal ou avocat"
        else:  # the letterhead says legal, the words say otherwise: a human decides
            probs = _capped(probs, 0.5)
            method, reason = "conflict", "en-tête juridique mais contenu d'un autre type"
    if method == "textcat" and probs and _benefit_office(text):
        top_type = max(probs, key=probs.get)
        if top_type == "housing_benefit" or probs[top_type] <= UNSURE:
            # (a CAF form in capitals the model hardly reads: « AVIS DE PAIEMENT — TIERS PAYANT »)
            probs = {**{t: p * (1 - RULE_CONFIDENCE) for t, p in probs.items()},
                     "housing_benefit": max(probs.get("housing_benefit", 0.0), RULE_CONFIDENCE)}
            method, reason = "rules+textcat", "en-tête de la CAF ou de la MSA"
    if (method == "textcat" and probs and max(probs, key=probs.get) in OVERINDEBTEDNESS_TYPES
            and _OVERINDEBTEDNESS.search(letterhead(text))):
        probs = _capped(probs)
        method, reason = "conflict", "commission de surendettement : contentieux ou recouvrement, une personne décide"
    folded = normalise(text)
    if (method != "facturx" and probs and max(probs, key=probs.get) in SUPPLIER_TYPES and not hints.priced
            and len({m.group(0)[:6] for m in _ADVERTISING.finditer(folded)}) >= 2):
        probs = {**{t: p * (1 - AD_CONFIDENCE) for t, p in probs.items()}, "other": AD_CONFIDENCE}
        method, reason = "rules+textcat", "publicité ou offre commerciale, sans montant facturé"
    top_type = max(probs, key=probs.get) if probs else None
    if top_type in SUPPLIER_TYPES and method != "facturx" and supplier_statement(text):
        probs = _capped(probs)
        method, reason = "conflict", "relevé de compte ou relance d'un fournisseur, pas une pièce à payer : une personne décide"
    elif (method == "textcat" and top_type in SUPPLIER_TYPES and not hints.priced and _title(text, hints) is None
          and not _MONEY.search(_CAPITAL.sub("", text))):
        probs = _capped(probs)
        method, reason = "conflict", "courrier d'un fournisseur sans titre ni montant : une personne décide"
    elif method == "textcat" and top_type in SUPPLIER_TYPES:
        title = _title(text, hints)
        mass = sum(probs.get(t, 0.0) for t in SUPPLIER_TYPES) / sum(probs.values())  # capped: not summing to 1
        # the readers disagree on which supplier piece it is (capped): the title decides; the model
        # leans, short of the threshold, to the kind the title names, and the piece is a supplier's
        # or is billed (its totals add up): the title confirms it. A title naming another kind
        # than the model's lean (« FACTURE » over refunds: a credit note) goes to a person.
        top = probs[top_type]
        if title and ((top <= UNSURE and mass >= TITLE_MASS)
                      or (top < TITLE_BELOW and title == top_type and (mass >= TITLE_MASS or hints.priced))):
            probs = {t: (RULE_CONFIDENCE if t == title else p * (1 - RULE_CONFIDENCE)) for t, p in probs.items()}
            method, reason = "rules+textcat", "pièce fournisseur dont le titre dit la nature"
        elif title and title != top_type and mass >= TITLE_MASS and supplier_title(text, foreign=True) == title:
            probs = {t: (RULE_CONFIDENCE if t == title else p * (1 - RULE_CONFIDENCE)) for t, p in probs.items()}
            method, reason = "rules+textcat", "pièce fournisseur dont le titre, dans sa langue, dit la nature"
        elif title and title != top_type:  # the model sure of one kind, the title says another
            probs = _capped(probs)
            method, reason = "conflict", "le titre de la pièce contredit le type reconnu"
    if not probs:
        return Classification("other", 0.0, method="none", reason="aucun texte lisible")
    best = max(probs, key=probs.get)
    named = subject_type(text) if best == "legal_notice" and method == "textcat" else None
    if named and named != best:
        # a legal notice comes from a bailiff, a court or a lawyer (their letterhead decides above),
        # or says so in its subject: a guardian's « Objet : Congé du logement » citing a judgment is a
        # congé; a person decides
        probs = _capped(probs)
        method, reason = "conflict", "l'objet du courrier nomme un autre type qu'un acte juridique"
    elif best not in SUPPLIER_TYPES + ("other",) and method == "textcat" and _CIRCULAR.search(folded):
        # a company writing to all its clients (a lift firm's plan for the lockdown): no tenant's
        # matter, whatever its words; a person decides
        probs = _capped(probs)
        method, reason = "conflict", "circulaire d'une entreprise à ses clients : une personne décide"
    elif best == "legal_notice" and method == "textcat" and _PROTECTION_OFFICE.search(letterhead(text)):
        # a guardian's office (UDAF, mandataire judiciaire) citing the judgment that appointed it:
        # the notice of a protective measure, or a tenant's affairs it manages; a person decides
        probs = _capped(probs)
        method, reason = "conflict", "courrier d'un mandataire à la protection des majeurs : une personne décide"
    elif best == "lease_termination" and method == "textcat" and not _LEAVING.search(folded):
        probs = _capped(probs)
        method, reason = "conflict", "congé sans départ annoncé (ni congé, ni préavis, ni date de départ) : une personne décide"
    elif (best == "legal_notice" and method == "textcat" and _HOUSING_PRIORITY.search(folded)
          and not _EVICTION.search(folded)):
        # the prefect designates a household the mediation commission found a priority (DALO):
        # an administrative decision to rehouse, no court's nor bailiff's act; a person decides
        probs = _capped(probs)
        method, reason = "conflict", "désignation au titre du droit au logement opposable : une personne décide"
    if best not in DISTRESS_EXEMPT and method != "facturx" and _DISTRESS.search(folded):
        # the person sees social support first; the model's type comes second
        probs = {**_capped(probs, UNSURE * 0.9), "social_distress": UNSURE}
        method, reason = "conflict", "violences ou détresse évoquées : une personne confirme le type (accompagnement social)"
        best = "social_distress"
    elif (best == "social_distress" and method == "textcat" and probs[best] <= UNSURE
          and (_DISTRESS.search(folded) or _ISOLATION.search(folded))):
        # the readers disagree, yet both lean to distress and the letter names violence or distress
        probs = {t: (RULE_CONFIDENCE if t == best else p * (1 - RULE_CONFIDENCE)) for t, p in probs.items()}
        method, reason = "rules+textcat", "violences ou détresse évoquées, type reconnu par le modèle"
    top = dict(sorted(probs.items(), key=lambda kv: -kv[1])[:3])
    found = urgency_reasons(text)
    relevant = [k for k in found if k in URGENCY_BY_CONTENT.get(best, ())]
    urgent = best in always_urgent or bool(relevant)
    return Classification(best, round(probs[best], 4), urgent, relevant, method, reason,
                          {k: round(v, 4) for k, v in top.items()})


UNKNOWN_CODE_CONFIDENCE = 0.5  # below any review threshold: a person says what the document is


def classify_einvoice(syntax: str, type_code: str | None) -> Classification:
    """An e-invoice received as XML (no text to weigh): its document type code says whether it is
    an invoice or a credit note, for sure (confidence 1.0); a code no list knows goes to a person."""
    doc_type = "supplier_credit_note" if is_credit_code(type_code) else "supplier_invoice"
    label = SYNTAX_LABELS.get(syntax, syntax)
    if is_known_code(type_code):
        confidence, reason = 1.0, f"facture électronique {label} (code de type {type_code})"
    else:
        confidence, reason = UNKNOWN_CODE_CONFIDENCE, f"facture électronique {label} de code de type inconnu " \
                                                      f"« {type_code or 'absent'} »"
    return Classification(doc_type, confidence, method="xml", reason=reason, scores={doc_type: confidence})
