"""Hand-written bank of French mail text, for training the type classifier on more than our own templates.

The passages live in ``corpus/data/varied/<type>.txt`` (one file per SPEC.md type code, passages
separated by a line holding only ``---``), next to shared banks of openings, closings, headers
(a person's, an organisation's, a supplier's) and neutral filler sentences. Each passage was
written by hand, in the many registers real mail comes in (formal, informal, SMS-like, ALL CAPS,
misspelt, administrative, legal, English), by tenants and by third parties.

``varied_examples(count, seed)`` assembles them into ``(text, type)`` pairs: a header, an
opening, one to three passages of one type, sometimes a neutral filler sentence, a closing,
with every ``{placeholder}`` filled from the small lists below. One main type per text; the
openings, closings, headers and fillers carry no type of their own.
"""

from __future__ import annotations

import random
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from corpus.fmt import fmt_phone
from corpus.texts import type_sequence

DATA_DIR = Path(__file__).resolve().parent / "data" / "varied"

SUPPLIER_TYPES = ("supplier_invoice", "supplier_credit_note", "supplier_quote")
TENANT_TYPES = ("payment_difficulty", "repair_request", "neighbour_dispute", "lease_termination",
                "certificate_or_receipt_request", "social_distress")
THIRD_PARTY_TYPES = ("insurance_certificate", "housing_benefit", "legal_notice")
TYPES = SUPPLIER_TYPES + TENANT_TYPES[:5] + ("insurance_certificate", "housing_benefit", "social_distress",
                                             "legal_notice", "other")
SHARED_BANKS = ("openings", "closings", "headers", "org_headers", "supplier_headers", "fillers")

MIN_PASSAGES = {t: (30 if t in SUPPLIER_TYPES else 60) for t in TYPES}

PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")

# --- small lists the placeholders are filled from -------------------------------------------

FEMALE_NAMES = (
    "Marie", "Fatima", "Aurélie", "Ioana", "Yasmina", "Aïcha", "Chantal", "Thi Lan", "Nadia", "Manon", "Khadija",
    "Ana", "Hélène", "Leïla", "Svetlana", "Gisèle", "Fatoumata", "Nathalie", "Sandrine", "Josiane", "Mélissa",
    "Halima", "Sylvie", "Océane", "Françoise", "Amandine", "Kenza", "Mireille", "Olga", "Awa",
)
MALE_NAMES = (
    "Karim", "Mamadou", "Kevin", "Jean-Pierre", "Sébastien", "Rachid", "Esteban", "Dylan", "Samir", "Pedro",
    "Moussa", "Tiago", "Bernard", "Mohamed", "Christophe", "Youssef", "Ibrahim", "Rémi", "Vasile", "Jordan",
    "Abdelkader", "Emre", "Bilal", "José", "Patrice",
)
LAST_NAMES = (
    "Martin", "Garcia", "Benali", "Nguyen", "Da Silva", "Diallo", "Lopez", "Fernandez", "Rouquette", "Castan",
    "Bouzid", "Petit", "Popescu", "Traoré", "Sanchez", "Lacombe", "Mercier", "Haddad", "Kowalski", "Dupuy",
    "Ferrand", "Cazeneuve", "Sarr", "Belkacem", "Moreau", "Pereira", "Yilmaz", "Roux", "Barthe", "Tran",
    "Ait Ouarab", "Soulié", "Mendy", "Gonzalez", "Escande", "Amrani", "Ivanova", "Fabre", "Cissé", "Lafforgue",
    "Oliveira", "Chérif", "Bousquet", "Rakotomalala", "Delmas", "Kaya", "Marty", "Ndiaye", "Gimenez", "Azzouz",
)
STREET_NAMES = (
    "rue des Lilas", "avenue de Muret", "impasse des Tournesols", "chemin de Ramelet-Moundi", "allée de Bellefontaine",
    "route de Seysses", "place de la Reynerie", "rue du Général-Compans", "boulevard de Larrieu", "rue Henri-Desbals",
    "avenue de Grande-Bretagne", "rue de l'Ukraine", "chemin du Raisin", "avenue Jean-Chaubet", "rue d'Aragon",
    "allée des Causses", "rue Louis-Plana", "avenue de Fronton", "rue des Fontaines", "chemin de la Salade-Ponsan",
    "rue de Bordeaux", "avenue des Pyrénées", "rue Paul-Langevin", "allée du Bois-Vert", "rue Pierre-Cartelet",
    "place du Vieux-Moulin", "avenue Jean-Jaurès", "rue de la Gare", "chemin de Tucaut", "rue des Écoles",
)
RESIDENCES = ("Résidence Les Pins", "Résidence Le Parc", "Cité Bellevue", "Résidence Les Acacias",
              "Résidence Les Tilleuls", "Résidence du Lac", "Les Jardins d'Occitanie", "Résidence Les Cèdres")
CITIES = (
    ("31000", "Toulouse"), ("31100", "Toulouse"), ("31200", "Toulouse"), ("31300", "Toulouse"), ("31400", "Toulouse"),
    ("31500", "Toulouse"), ("31770", "Colomiers"), ("31700", "Blagnac"), ("31170", "Tournefeuille"),
    ("31600", "Muret"), ("31130", "Balma"), ("31240", "L'Union"), ("31270", "Cugnaux"),
    ("31520", "Ramonville-Saint-Agne"), ("31120", "Portet-sur-Garonne"), ("31650", "Saint-Orens-de-Gameville"),
    ("31320", "Castanet-Tolosan"), ("31270", "Villeneuve-Tolosane"), ("31830", "Plaisance-du-Touch"),
    ("31190", "Auterive"), ("31800", "Saint-Gaudens"), ("31150", "Fenouillet"), ("31140", "Aucamville"),
    ("31490", "Léguevin"), ("31330", "Grenade"), ("31620", "Fronton"), ("31250", "Revel"),
    ("31290", "Villefranche-de-Lauragais"), ("31120", "Roques"), ("31840", "Seilh"),
)
COMPANIES = (
    "Plomberie Garonne SARL", "Ascenseurs du Midi", "Toulouse Multiservices", "Électricité du Lauragais",
    "SAS Bâti-Sud Rénovation", "Espaces Verts du Touch", "Nuisibles Stop 31", "Menuiseries Occitanes",
    "Chauffage Services Toulousain", "Propreté Pyrénées", "Cabinet Diagnostic Immo 31", "Vitrerie Saint-Cyprien",
    "Peintures Ramonville", "ÉcoFluides SAS", "Atelier Serrurerie des Minimes", "Sud Étanchéité",
    "Garonne Bennes Environnement", "Thermi-Confort Occitanie", "Médiation Plus 31", "Bureau Fourniture Express",
)
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MAIL_DOMAINS = ("gmail.com", "orange.fr", "hotmail.fr", "laposte.net", "free.fr", "yahoo.fr", "sfr.fr", "outlook.fr")

# --- the banks ------------------------------------------------------------------------------


def _read_bank(path: Path) -> tuple[str, ...]:
    chunks, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "---":
            chunks.append("\n".join(current))
            current = []
        else:
            current.append(line.rstrip())
    chunks.append("\n".join(current))
    return tuple(c.strip("\n") for c in chunks if c.strip())


@lru_cache(maxsize=None)
def _bank(name: str) -> tuple[str, ...]:
    if name not in TYPES and name not in SHARED_BANKS:
        raise ValueError(f"banque de textes inconnue : {name}")
    return _read_bank(DATA_DIR / f"{name}.txt")


def passages(doc_type: str) -> list[str]:
    """The hand-written body passages of one type (placeholders not filled)."""
    if doc_type not in TYPES:
        raise ValueError(f"type inconnu : {doc_type}")
    return list(_bank(doc_type))


HELD_EVERY = 5  # every fifth passage of a type is kept out of training, for calibration


def _part_of(doc_type: str, part: str) -> tuple[str, ...]:
    """A type's passages for ``part``: "all", "train" (four in five) or "held" (the fifth)."""
    bank = _bank(doc_type)
    if part == "all":
        return bank
    held = tuple(p for i, p in enumerate(bank) if i % HELD_EVERY == HELD_EVERY - 1)
    return held if part == "held" else tuple(p for p in bank if p not in held)


def shared(name: str) -> list[str]:
    """One of the shared banks: openings, closings, headers, org_headers, supplier_headers, fillers."""
    if name not in SHARED_BANKS:
        raise ValueError(f"banque inconnue : {name}")
    return list(_bank(name))


# --- filling placeholders -------------------------------------------------------------------


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _siret(rng: random.Random) -> str:
    while True:
        s = "".join(rng.choice("0123456789") for _ in range(14))
        if s[0] != "0" and _luhn_ok(s):
            return s


def _date(rng: random.Random) -> str:
    year = rng.choice((2020, 2020, 2021))
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    style = rng.randrange(7)
    if style == 0:
        return f"{day:02d}/{month:02d}/{year}"
    if style == 1:
        return f"{day} {MONTHS[month - 1]} {year}"
    if style == 2:
        return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"
    if style == 3:
        return f"{day:02d}.{month:02d}.{year % 100:02d}"
    if style == 4:
        return f"{rng.choice(WEEKDAYS)} {day} {MONTHS[month - 1]} {year}"
    if style == 5:
        return f"{day}/{month}/{year}"
    return f"{day:02d}-{month:02d}-{year}"


def _amount(rng: random.Random, low: float, high: float) -> str:
    value = round(rng.uniform(low, high), 2)
    euros, cents = divmod(round(value * 100), 100)
    style = rng.randrange(5)
    if style == 0:
        return f"{euros:,}".replace(",", " ") + f",{cents:02d} €"
    if style == 1:
        return f"{euros} euros"
    if style == 2:
        return f"{euros:,}".replace(",", ".") + f",{cents:02d} EUR"
    if style == 3:
        return f"{euros}.{cents:02d} €"
    return f"{euros} €"


def _small_amount(rng: random.Random) -> str:
    value = rng.choice((30, 35, 40, 50, 60, 75, 80, 100, 120, 150))
    return rng.choice((f"{value} €", f"{value} euros", f"{value},00 €", f"{value}€"))


def _month(rng: random.Random) -> str:
    m = rng.choice(MONTHS)
    return rng.choice((m, m, f"{m} {rng.choice((2020, 2021))}"))


def _phone(rng: random.Random) -> str:
    return fmt_phone(rng, "0" + rng.choice("67") + "".join(rng.choice("0123456789") for _ in range(8)))


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _email(rng: random.Random, first: str, last: str) -> str:
    f = re.sub(r"[^a-z]", "", _plain(first).lower())
    l_ = re.sub(r"[^a-z]", "", _plain(last).lower())
    local = rng.choice((f"{f}.{l_}", f"{f[0]}.{l_}", f"{l_}.{f}", f"{f}{l_}{rng.randint(1, 99)}", f"{f}31"))
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def _tenant_ref(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(8))
    return rng.choice((digits, digits, f"{digits[:4]} {digits[4:]}", f"{digits[:2]} {digits[2:5]} {digits[5:]}"))


def _supplier_ref(rng: random.Random) -> str:
    n = rng.randint(1, 9999)
    year = rng.choice((2020, 2021))
    return rng.choice((f"F{year}-{n:04d}", f"{year}/{n:05d}", f"FA{n:06d}", f"{year % 100}-{n:04d}",
                       f"DV-{n}", f"{n:07d}"))


def _street(rng: random.Random) -> str:
    number = rng.randint(1, 140)
    bis = rng.choice(("", "", "", " bis", " ter"))
    comma = rng.choice(("", ","))
    street = f"{number}{bis}{comma} {rng.choice(STREET_NAMES)}"
    if rng.random() < 0.2:
        street = f"{rng.choice(RESIDENCES)}, bât. {rng.choice('ABCDEF')}, {street}"
    return street


def _person(rng: random.Random) -> tuple[str, str, str]:
    female = rng.random() < 0.6
    first, last = rng.choice(FEMALE_NAMES if female else MALE_NAMES), rng.choice(LAST_NAMES)
    style = rng.randrange(6)
    civ = rng.choice(("Mme", "Madame", "Mme")) if female else rng.choice(("M.", "Monsieur", "Mr"))
    if style == 0:
        name = f"{first} {last}"
    elif style == 1:
        name = f"{first} {last.upper()}"
    elif style == 2:
        name = f"{last.upper()} {first}"
    elif style == 3:
        name = f"{civ} {first} {last}"
    elif style == 4:
        name = f"{civ} {last}"
    else:
        name = f"{first[0]}. {last}"
    return name, first, last


class _Filler:
    """Values for one document: the same person, address and reference throughout it; dates, months
    and small sums drawn afresh at each occurrence."""

    def __init__(self, rng: random.Random, doc_type: str):
        self.rng = rng
        name, first, last = _person(rng)
        postcode, city = rng.choice(CITIES)
        supplier = doc_type in SUPPLIER_TYPES
        self.fixed = {
            "name": name, "first_name": first, "last_name": last,
            "street": _street(rng), "postcode": postcode, "city": city,
            "phone": _phone(rng), "email": _email(rng, first, last),
            "ref": _supplier_ref(rng) if supplier else _tenant_ref(rng),
            "amount": _amount(rng, 80, 9500) if supplier else _amount(rng, 180, 4800),
            "company": rng.choice(COMPANIES), "siret": _siret(rng),
        }
        self.fresh = {"date": _date, "month": _month, "small_amount": _small_amount}

    def value(self, key: str) -> str:
        if key.isupper():
            return self.value(key.lower()).upper()
        if key in self.fresh:
            return self.fresh[key](self.rng)
        if key in self.fixed:
            return self.fixed[key]
        raise KeyError(f"espace réservé inconnu : {{{key}}}")

    def fill(self, text: str) -> str:
        return PLACEHOLDER.sub(lambda m: self.value(m.group(1)), text)


def placeholders_used() -> set[str]:
    """Every placeholder name written anywhere in the banks (for tests)."""
    found: set[str] = set()
    for name in TYPES + SHARED_BANKS:
        for chunk in _bank(name):
            found.update(PLACEHOLDER.findall(chunk))
    return found


# --- assembling documents -------------------------------------------------------------------


def _body_count(rng: random.Random) -> int:
    r = rng.random()
    return 1 if r < 0.65 else 2 if r < 0.93 else 3


def _supplier_text(rng: random.Random, doc_type: str, part: str = "all") -> list[str]:
    parts = []
    if rng.random() < 0.9:
        parts.append(rng.choice(_bank("supplier_headers")))
    bank = _part_of(doc_type, part)
    parts += rng.sample(bank, min(len(bank), _body_count(rng)))
    if rng.random() < 0.15:
        parts.append(rng.choice(("Merci de votre confiance.", "Thank you for your business.",
                                 "Nous restons à votre disposition pour tout renseignement.")))
    return parts


def _letter_text(rng: random.Random, doc_type: str, part: str = "all") -> list[str]:
    parts = []
    r = rng.random()
    if doc_type in THIRD_PARTY_TYPES or doc_type == "other":
        if r < 0.5:
            parts.append(rng.choice(_bank("org_headers")))
        elif r < 0.85:
            parts.append(rng.choice(_bank("headers")))
    elif r < 0.8:
        parts.append(rng.choice(_bank("headers")))
    opening_p = 0.45 if doc_type in THIRD_PARTY_TYPES else 0.8
    if rng.random() < opening_p:
        parts.append(rng.choice(_bank("openings")))
    bank = _part_of(doc_type, part)
    body = list(rng.sample(bank, min(len(bank), _body_count(rng))))
    if doc_type in TENANT_TYPES + ("other",) and rng.random() < 0.3:
        body.insert(rng.randrange(len(body) + 1), rng.choice(_bank("fillers")))
    if rng.random() < 0.3:
        parts.append(" ".join(body))
    else:
        parts += body
    closing_p = 0.5 if doc_type in THIRD_PARTY_TYPES else 0.85
    if rng.random() < closing_p:
        parts.append(rng.choice(_bank("closings")))
    return parts


def _roughen(rng: random.Random, text: str) -> str:
    """Now and then, what a hurried hand or a poor OCR does to a letter: no accents, or all capitals."""
    r = rng.random()
    if r < 0.06:
        return _plain(text)
    if r < 0.08:
        return text.upper()
    return text


def make_example(rng: random.Random, doc_type: str, part: str = "all") -> str:
    if doc_type not in TYPES:
        raise ValueError(f"type inconnu : {doc_type}")
    parts = (_supplier_text(rng, doc_type, part) if doc_type in SUPPLIER_TYPES
             else _letter_text(rng, doc_type, part))
    filler = _Filler(rng, doc_type)
    text = "\n\n".join(filler.fill(p) for p in parts)
    return _roughen(rng, text)


def varied_examples(count: int, seed: int, part: str = "all") -> list[tuple[str, str]]:
    """``count`` (text, type) pairs, every type in turn (shuffled per round), deterministic for
    ``seed``. ``part``: "train" and "held" draw on disjoint passages (four in five, and the
    fifth), so a model calibrated on "held" is calibrated on text it never saw."""
    if part not in ("all", "train", "held"):
        raise ValueError(f"partie inconnue : {part}")
    rng = random.Random(seed)
    return [(make_example(rng, t, part), t) for t in type_sequence(rng, count, TYPES)]
