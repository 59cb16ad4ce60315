"""E-mail addresses as mail prints them and the OCR reads them: spaced (« nom @orange. fr »), a
comma for a dot, a webmail's dot lost (« @yahoofr », « @free fr »); consumer webmails and offices' mailboxes;
the writer's surname put back in their address where the OCR confused a letter and a digit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors.parsing import fold

if TYPE_CHECKING:  # (fields_person reads an office's mailbox from here)
    from extractors.fields_person import PersonCandidate

# e-mail addresses, OCR-spaced ones too (« nom @orange. fr », « nom@wanadoo, fr », « haddad3 1 @gmail.com »)
EMAIL_RE = re.compile(r"[\w.+\-]+(?:(?<=\d) \d{1,3})* ?@ ?[\w\-]+(?:(?: ?[.,] ?)[\w\-]+)*?(?: ?[.,] ?)"
                      r"(?:fr|com|net|org|eu|info|biz|io|be|ch|re|me|uk|de|es|it|pt|nl|lu)\b"
                      # a webmail's domain whose dot the OCR lost: « oumar.sissoko88@yahoofr »
                      r"|[\w.+\-]+ ?@ ?(?:gmail|hotmail|yahoo|orange|free|sfr|wanadoo|outlook|laposte|live|icloud)"
                      r" ?(?:fr|com|net)\b", re.IGNORECASE)  # (« @free fr »: the dot read as a space)


CONSUMER_MAIL = re.compile(r"@(?:gmail|googlemail|hotmail|yahoo|orange|free|sfr|wanadoo|laposte|outlook|live|icloud|"
                           r"neuf|bbox|aol|msn|gmx|proton(?:mail)?|club-internet|numericable|aliceadsl|voila|ymail)\.")
# a webmail's print-out naming the sender without « De : » (Gmail: « Baptiste Larroque <b.larroque31@gmail.com> 3 février 2021 à 09:10 »)
PRINTED_SENDER = re.compile(r"(?m)^[ \t]*(?!(?:a|to|cc)\s*:)[^\n<>@:]{3,60}<[^>\s@]+@[^>\s]+>[ \t]+\d{1,2}(?:er)?[ \t]+[a-z]+\.?[ \t]+\d{4}")
ORG_MAILBOX = re.compile(r"^(?:contact|info|infos|accueil|secretariat|etude|courrier|services?|administration|"
                         r"no-?reply|support|direction|compta\w*|factur\w*|agence|mairie|cabinet|greffe)@|"
                         r"avocat|notaire|huissier|justice|greffe|"
                         r"@(?:[\w\-]+\.)*(?:caf\d*|cnafmail|msa\d*|[\w\-]*\.?gouv|mairie[\w\-]*|ville-[\w\-]+|ccas[\w\-]*)\.")


def email_value(m: re.Match) -> str:
    value = re.sub(r"\s", "", m.group(0)).replace(",", ".").lower()
    local, at, domain = value.partition("@")
    # a speck the OCR read as an accented letter in the domain (« a.zerrouki1971@îfree.fr »): mail
    # domains are written in plain letters
    value = local + at + re.sub(r"[^\x00-\x7f]", "", domain)
    before = m.string[m.start() - 1:m.start()] if m.start() else ""
    # an initial l read as a bracket or a bar (« ].mercadier@outlook.fr »): the l, not the bracket
    value = "l" + value if value.startswith(".") and before and before in "]|[!" else value.lstrip(".")
    # the local part's first word apart, after its dot (« stephane. lagarrigue@sfr.fr » heading its
    # line, after « Courriel : » or a form's dot leaders: « Courriel ....... laetitia. mndiaye@… »)
    head = re.search(r"(?:^|\n|:|[.…_]{2})[ \t]*([a-z0-9_\-]{1,30})\. $", m.string[max(0, m.start() - 40):m.start()], re.I)
    if head and "@" in value and not value.startswith("."):
        value = head.group(1).lower() + "." + value
    return re.sub(r"@(\w+?)(fr|com|net)$", r"@\1.\2", value) if "." not in value.partition("@")[2] else value


_OCR_TWINS = {"1": "li", "l": "1i", "i": "1l", "0": "o", "o": "0", "5": "s", "s": "5", "8": "b", "b": "8"}


def names_in_address(email: str, anchors: list[PersonCandidate]) -> str:
    """The writer's surname inside their address, as spelled in their name where the OCR
    confused a letter and a digit (« kevin.more181@ » for Kevin Morel: « kevin.morel81@ »)."""
    local, _, domain = email.partition("@")
    for a in anchors:  # « vidali2@ », « galyo9@ »: the digits after the surname, a 1 or a 0 read as a letter
        for word in fold(a.name).replace("-", " ").split():
            m = re.search(re.escape(word) + r"([oil]\d|\d[oil])$", local) if len(word) >= 3 else None
            if m:
                local = local[:m.start(1)] + m.group(1).translate(str.maketrans("oil", "011"))
    for a in anchors:
        for word in fold(a.name).replace("-", " ").split():
            if len(word) < 4 or word in local:
                continue
            for i in range(len(local) - len(word) + 1):
                piece = local[i:i + len(word)]
                if all(c == w or c in _OCR_TWINS.get(w, "") for c, w in zip(piece, word)):
                    return local[:i] + word + local[i + len(word):] + "@" + domain
    return local + "@" + domain
