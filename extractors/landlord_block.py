"""The landlord's own address block in a letter (« PATRIMOINE / Service … / BP … / 31035 TOULOUSE
CEDEX »), with the switchboard and mailbox printed under it on its own forms: nothing there is
the tenant's postal code or phone."""

from __future__ import annotations

import re

from extractors.fields_labels import Doc
from extractors.parsing import RECEIVED_STAMP

_LANDLORD = re.compile(r"^(?:patrimoine|agence\s(?!\s*:)|service\s+(?:gestion|recouvrement|contentieux|clientele|technique|"
                       r"comptabilite)|a\s+l'attention|direction\s+(?:de|du|des)\s)|office\s+(?:public\s+)?(?:de\s+l'|du\s+)"
                       r"(?:habitat|logement)|\bpatrimoine\b(?:\s+-|\s*$)|^bailleur\b")
# a received stamp's date on its own line (« PATRIMOINE / 11 OCT. 2021 »): no address follows in that block
_STAMP_DATE = re.compile(r"(?:le\s+)?\d{1,2}[\s./-]+(?:[a-z]{3,9}\.?|\d{1,2})[\s./-]+\d{2,4}")
# (or a court's caption going on to the other party, « SA D'HLM PATRIMOINE / C/ / M. X »)
_LETTER_STARTS = re.compile(r"\s*(?:objet|obj\.|madame|monsieur|mesdames|messieurs|bonjour|c/)(?:\b|(?<=/))")
# « Référence bailleur : PATRIMOINE — 31-BAIL-0042 »: a reference's line naming the landlord, no address block
_REFERENCE_LINE = re.compile(r"\s*(?:v(?:otre|/)\s*)?ref(?:erence)?s?\b[^:\n]{0,20}:|"
                             # a party named in a court's or a creditor's list (« Demandeur : SA D'HLM PATRIMOINE »
                             # over « Défendeur : M. X » and the defendant's address)
                             # (or a court's caption, « AFFAIRE : SA D'HLM PATRIMOINE / C/ / M. X »)
                             r"\s*(?:demande(?:u|resse)r?|defende(?:u|resse)r?|creancier|requerante?|partie|affaire)s?\b[^:\n]{0,20}:|"
                             # the person's tenancy, named on their line (« Locataire actuelle PATRIMOINE - n° de locataire … »)
                             r"\s*locataires?\b[^:\n]{0,20}\bpatrimoine\b|"
                             # a case's caption, the landlord against the tenant (« PATRIMOINE c/ M. Stéphane X »)
                             r"[^\n]{0,30}\bpatrimoine\s+(?:c/|contre\s)")
# the landlord's own form under its name: a section's heading or a box to fill in ends the block
# (« PATRIMOINE FICHE DE DEMANDE D'INTERVENTION / LOCATAIRE / Adresse : … / CP 31200 Ville : … »)
_FORM_FIELD = re.compile(r"\s*(?:locataire\s*$|vos\s+coordonnees|\d\.\s+[a-z]|(?:adresse|nom|prenom|code\s+postal|"
                         r"c\.?p\.?|ville|commune|batiment|bat\.?|etage|porte|logement)\s*:)")
_CONTACT_LINE = re.compile(r"\s*(?:tel\b|tel\.|telephone|standard|accueil|fax|courriel|e-?mail|www\.)")


def landlord_spans(doc: Doc) -> list[tuple[int, int]]:
    """Where the landlord's address block is printed (character ranges): the lines from a
    ``PATRIMOINE``/``Agence ...`` line down to its postal code; only the right-hand part of
    them when the block sits in a column (the writer's own block on the left)."""
    out: list[tuple[int, int]] = []
    n = len(doc.line_starts)
    for i in range(n):
        ln = doc.line_text(i, folded=True)
        col = None
        for c in re.finditer(r"[^\s](?:[^\t]*?)(?=\s{3,}|\t|$)", ln):
            if len(c.group(0)) <= 60 and _LANDLORD.search(c.group(0).strip()) and not _REFERENCE_LINE.match(c.group(0)):
                col = c.start()
                break
        if col is None or (i and RECEIVED_STAMP.match(doc.line_text(i - 1, folded=True))):
            continue  # (a received stamp's second line, « REÇU LE 14 JAN. 2021 / PATRIMOINE — Agence Ouest »)
        for j in range(i, min(i + 5, n)):
            s, e = doc.line_span(j)
            if j > i and (not doc.text[s:e].strip() or _LETTER_STARTS.match(doc.folded[s:e])
                          or _STAMP_DATE.fullmatch(doc.folded[s:e].strip(" >")) or _FORM_FIELD.match(doc.folded[s:e])):
                break  # a blank line, the letter itself (« Objet : », « Madame, »), a stamp's date or a form's box after the block
            out.append((s + max(0, col - 3) if col > 8 else s, e))
            if re.search(r"\b\d{5}\b", doc.text[s + (col - 3 if col > 8 else 0):e]):
                # the landlord's own switchboard and mailbox under its address (its form's letterhead)
                for k in range(j + 1, min(j + 3, n)):
                    ks, ke = doc.line_span(k)
                    if not _CONTACT_LINE.match(doc.folded[ks:ke]):
                        break
                    out.append((ks + max(0, col - 3) if col > 8 else ks, ke))
                break
    return out


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)
