"""Urgency: water, gas, electricity, safety, violence and legal deadlines."""

from __future__ import annotations

import re

from classifiers.textnorm import normalise

# Patterns on normalised text (lower case, no accents, digits as 0).
_URGENT = {
    "eau": r"fuite d.?eau|degat(s)? des eaux|inond|l.?eau (coule|ruisselle|goutte|s.?infiltre)|"
           r"plafond (qui )?(s.?effondre|goutte|fuit)|fuite (importante|enorme|au plafond)|"
           r"coupure d.?eau|plus d.?eau",
    "gaz": r"gaz",
    "électricité": r"electri|court.?circuit|fils? (denude|a nu)|disjonct|etincelle|prise (qui )?(fume|brule)|"
                   r"plus de courant|panne de courant",
    "sécurité": r"incendie|feu |fumee|danger|effondr|bloque(e|s)? dans l.?ascenseur|"
                r"ascenseur (est |reste |qui est )?(bloque|coince)|"
                r"porte (d.entree|du hall|de l.immeuble)[^.]{0,40}ne (ferme|verrouille) plus|"
                r"(n.est|c.est|ne sont|ne suis) plus (en )?(sur|securite)|pas en securite|"
                r"personne(s)? (agee|handicapee)s? bloquee|porte d.?entree (cassee|fracturee)|"
                r"effraction|monoxyde|intoxication|risque de chute|chute (est )?possible|"
                r"(garde.?corps|rambarde|balustrade|balcon)[^.]{0,60}(descelle|bouge|branl|arrache|tombe|cede)|"
                r"(morceaux|blocs?|plaques?) de (beton|facade|pierre|crepi)[^.]{0,40}tomb",
    "violence": r"violence|frapp|menace(s)? de mort|agress|coups|battu|peur pour (ma|mes)",
    "délai légal": r"sous (huit|quinze|0) jours|dans un delai de|audience|assignation|"
                   r"commandement de payer|expulsion",
}
_COMPILED = {k: re.compile(v) for k, v in _URGENT.items()}


def urgency_reasons(text: str) -> list[str]:
    """The kinds of urgency found in the text, e.g. ["eau", "électricité"]."""
    norm = normalise(text)
    return [kind for kind, pattern in _COMPILED.items() if pattern.search(norm)]
