"""argparse's own words in French: usage lines, section titles and its error messages.

argparse looks its messages up through ``gettext`` at the moment it prints them (the module's
``_`` function); ``install()`` puts a French lookup in its place, so ``aiguillage --help`` and a
missing argument speak the same language as the rest of the command. Unknown messages pass
through unchanged.
"""

from __future__ import annotations

import argparse

FRENCH = {
    "usage: ": "usage : ",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (parmi %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s attendu) : %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
}


def french(message: str) -> str:
    return FRENCH.get(message, message)


def install() -> None:
    argparse._ = french  # type: ignore[attr-defined]
