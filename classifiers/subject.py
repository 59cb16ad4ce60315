"""The type a letter's subject line (« Objet : … ») names in the landlord's words.

Used only to settle the two readers of the type when they disagree (``classifiers/model.py``):
a subject naming exactly one tenant-mail type, which one of the two readers chose, makes that
reader's the answer. Chosen on the development sets read so far (the foreign set's dev half,
dev5–dev9, dev11): of 105 disagreements, the subject settled 11, all rightly once suppliers'
pieces are left to their own rules (a subject naming a bailiff on an invoice is still an
invoice). Distress keeps its own confirmation rule (``classifiers/decide.py``).
"""

from __future__ import annotations

import re

from extractors.parsing import fold

_SUBJECT = re.compile(r"(?im)^[ \t]*(?:objet|obj\.|re|concerne|subject|sujet)[ \t]*[:;][ \t]*(.+)$")  # a webmail's « Subject: »
_NAMES = {
    "lease_termination": r"\bconge\b|preavis|resiliation du bail|depart du logement|fin de bail|etat des lieux de sortie",
    "repair_request": r"fuite|panne|chauffage|degat des eaux|infiltration|moisissure|humidite|nuisibles|cafards|blattes|"
                      r"\brats\b|desinsectisation|deratisation|"
                      r"punaises|ascenseur|volet|serrure|reparation|electri|interphone",
    "neighbour_dispute": r"nuisances?|bruit|tapage|trouble de voisinage|voisin|rassemblement|incivilit",
    "payment_difficulty": r"plan d.apurement|echeancier|difficultes? de paiement|retard de loyer|impaye|report de loyer|"
                          r"\bdette",
    "certificate_or_receipt_request": r"attestation de (?:loyer|domicile|bon paiement|paiement)|quittance",
    "insurance_certificate": r"attestation d.assurance|assurance habitation",
    "housing_benefit": r"\bapl\b|\bcaf\b|aide au logement|allocation (?:de )?logement|\bmsa\b|\bals\b|\balf\b",
    "legal_notice": r"mise en demeure|commandement|assignation|signification|jugement|audience|expulsion|saisie",
    "social_distress": r"violence|detresse|isolement|signalement",
}
_PATTERNS = {kind: re.compile(rx) for kind, rx in _NAMES.items()}


def subject_type(text: str) -> str | None:
    """The one tenant-mail type the first subject line names, None when it names none or several."""
    m = _SUBJECT.search(text)
    if not m:
        return None
    named = _named(fold(m.group(1)))
    if not named:  # a subject on two lines: « Objet : Mme X - 4 allée … » then « Demande d'attestation … »
        after = text[m.end():].lstrip("\r\n").split("\n", 1)[0]
        if after.strip() and not _NOT_SUBJECT.match(fold(after)):
            named = _named(fold(after))
    return named[0] if len(named) == 1 else None


# what follows a subject and is not its second line: the greeting, references, the mode of sending
_NOT_SUBJECT = re.compile(r"\s*(?:madame|monsieur|mesdames|messieurs|maitre|cher|chere|bonjour|dear|"
                          r"n/|v/|n°|nos?\s+ref|vos?\s+ref|ref\b|lettre|recommand|pj\b|p\.j|affaire|dossier)")


def _named(subject: str) -> list[str]:
    return [kind for kind, rx in _PATTERNS.items() if rx.search(subject)]
