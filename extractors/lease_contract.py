"""Whether a contract an office's letter names is the lease's (« en vertu d'un bail portant sur
l'appartement (contrat n° 2014-TN-03321) »), not an insurer's, the CAF's or a lender's."""

from __future__ import annotations

import re

from extractors.fields_labels import Doc

# (« le dépôt de garantie afférent au logement qu'elle a occupé (contrat n° 0288105) »)
_LEASE = re.compile(r"\b(?:bail|location|locataire|locative|logement|appartement|appt|loyers?|depot\s+de\s+garantie)\b")
_OTHER_CONTRACT = re.compile(r"assur|multirisque|\bmrh\b|sinistre|police|allocataire|\bcaf\b|mutuelle|pret|credit|energie|electricite|\bgaz\b")

# the dwelling's address after the contract's number, on its line (« Contrat : RIE-0017-02 — 4, place du Foirail, appt 2 »)
_DWELLING_AFTER = re.compile(r"^[^\n]{0,30}[—–\-,][^\n]*\b(?:appt|appartement|bat|batiment|residence|rue|avenue|place|allee|"
                             r"chemin|impasse|boulevard)\b")

# the dwelling's address on the line under the contract's number, ending that line
_DWELLING_NEXT = re.compile(r"[ \t]*:?[ \t]*[\w\-/]+[ \t]*\n[ \t]*\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|place|allee|chemin|"
                            r"impasse|boulevard|bd|route|cours|square|residence|cite)\b[^\n]*\b(?:appt|appartement|bat|"
                            r"batiment|etage|logement|\d{5})\b")


def of_the_lease(doc: Doc, start: int, label: str) -> bool:
    """« en vertu d'un bail portant sur l'appartement (contrat n° 2014-TN-03321) »: a court's or a
    lawyer's act naming the lease's contract, in the same sentence, with no other contract near."""
    if not label.startswith("contrat"):
        return False
    after = doc.folded[start + len(label):start + len(label) + 160]
    if _DWELLING_AFTER.match(after):
        return True
    # (« Objet : Mme Leïla X - contrat n° 0508874 » over « 4 rue Raymond Lizop, appartement 67, 31100 »)
    line = doc.line_text(doc.line_of(start), folded=True)
    if (_DWELLING_NEXT.match(after) and re.match(r"\s*(?:objet|concerne)\b", line)
            and re.search(r"\b(?:m|mme|mlle|monsieur|madame)\.?\s", line) and not _OTHER_CONTRACT.search(line)):
        return True
    sentence = re.split(r"[.!?]\s|\n\s*\n", doc.folded[max(0, start - 120):start])[-1]
    # (or the sentence goes on to the lease: « Suivant contrat … (contrat n° 31-0077215), la société
    # PATRIMOINE a donné à bail à Monsieur X »)
    sentence += re.split(r"[.!?]\s|\n\s*\n", doc.folded[start:start + 160])[0]
    return bool(_LEASE.search(sentence)) and not _OTHER_CONTRACT.search(sentence)
