"""A person's name as people print it, made "Firstname Lastname".

``DUPONT Jean``, ``JEAN DUPONT`` and ``Jean DUPONT`` all become ``Jean Dupont``; what is not a
name (a street, an institution, the words of a sentence OCR left in a name's place) is refused.
"""

from __future__ import annotations

import re

from spacy.lang.fr.stop_words import STOP_WORDS

from config.first_names import bare, first_names
from extractors.parsing import fold

CIVILITY = r"(?:monsieur|madame|mademoiselle|mme|mlle|mr|m\.|m|mmes|mm\.|mrs|ms|miss|dr|docteur|me|ma[iî]tre)"
# a civility as the OCR reads it written by hand (« Hime », « Mne » for Mme, « NonSieur », « Madarne »),
# before a first name and a surname
_HANDWRITTEN_CIVILITY = re.compile(r"^(?:[HNM]i?[mn]e|Rnme|[MN][o0][nm]?[sS][il]?[eé][uv][rc]|[MN]ada(?:m|rn|n)e)\.?\s+(?=\S+\s+\S)")
_NOT_NAME = re.compile(r"\b(?:rue|avenue|allee|chemin|impasse|boulevard|place|route|bat|batiment|appt|"
                       r"appartement|residence|patrimoine|agence|objet|local|locaux|concernee?|occupant|site|college|lycee|ecole|academie|universite|clinique|zero|trente|quarante|cinquante|soixante|madame|monsieur|service|cedex|"
                       r"toulouse|tel|mail|courriel|contrat|reference|locataire|les|des|je|famille|"
                       r"vous|mon|ma|mes|pour|et|en|a|au|dans|avec|office|logement|social|gestion|signature|"
                       r"cordialement|salutations|merci|bonjour|lettre|recommandee|copie|direction|directeur|"
                       r"commissaire|justice|tribunal|greffe|greffier|avocat|huissier|caisse|allocations|"
                       r"assurance|assurances|assuree?|souscripteur|souscriptrice|adherente?|allocataire|beneficiaire|mutuelle|attestation|habitation|etude|cabinet|societe|the|dear|"
                       r"sir|from|to|date|subject|re|cc|pj|p\.j|courrier|arrivee|recu|assur|direct|services?|groupe|sas|sarl|"
                       r"urgent|urgente|urgence|important|rappel|relance|tres|attention|demande|reclamation|svp|stp|vite|"
                       r"description|probleme|nature|localisation|cadre|reserve|adresse|installation|intervention|"
                       r"proprietaire|voisin|voisins|immeuble|appartement|syndic|gardien|"
                       # institutions and their places: a letterhead is no person
                       r"msa|caf|cpam|ccas|cse|comite|syndicat|mairie|ville|commune|republique|francaise|prefecture|pole|proximite|"
                       r"numero|telephone|portable|conseil|departement|departemental|departementale|region|"
                       r"metropole|midi|pyrenees|occitanie|sud|nord|hopital|chu|clinique|polyclinique|hospitalier|medical|medicale|banque|association|"
                       r"federation|union|centre|maison|solidarite|fonds|secours|sante|securite|sociale|antenne|"
                       r"hlm|sci|agricole|familiales|prestations|affilie|affiliee|clcv|cnl|afoc|indecosa|juge|juridiction|cour|ministere|avis|situation|"
                       r"bp|cs|tsa|za|zi|zac|zae|zone|parc|"
                       # a webmail's name over its print-out (« Gmail Garonne Assistance <coordination@…> »)
                       r"gmail|outlook|hotmail|yahoo|webmail|messagerie|thunderbird|assistance|aide|domicile|"
                       # an English office's name over its e-mail (« Tenancy References Team <references@…> »)
                       r"team|department|dept|support|customers?|references|relocation|lettings|"
                       # words of a letter's phrases, never of a name ("Sous toutes réserves", "Vos droits",
                       # "Bonne année à toute l'équipe", "Police municipale")
                       r"police|municipale?|gendarmerie|compagnie|brigade|groupement|escadron|nationale?|droits?|reserves?|sous|toutes?|tous|bonne|"
                       r"annee|equipe|voeux|vos|nos|votre|notre|leurs?|"
                       # words of a sentence that OCR of handwriting leaves in a name's place ("Mais Il Dit Qu'Il Faut")
                       r"ils?|elles?|nous|dit|faut|mais|qu|que|qui|quoi|est|sont|pas|ne|peut|suis|avons|avez|car|"
                       r"donc|comme|fait|chez|moi|toi|lui|depuis|aussi|encore|toujours|jamais|veuve?|veuf|"
                       # a job or a status under a signature, a form's field names
                       r"chauffeur|vtc|retraitee?|etudiante?|salariee?|auto-?entrepreneur|interimaire|mode|envoi|"
                       # « je suis agent SNCF », « aide-soignante »: a trade, not a name
                       r"agente?|infirmiere?|aide-soignante?|caissiere?|ouvriere?|technicienne?|serveuse|serveur|"
                       r"sncf|ratp|edf|engie)\b")
# the words of a sentence (« POUVAIT PASSER ME VOIR. »): spaCy's French stop words of four letters
# or more, less those that are also surnames
_SENTENCE_WORDS = frozenset(fold(w) for w in STOP_WORDS if len(w) >= 4) - {
    "durant", "premier", "juste", "nouveau", "debout", "proche", "mille", "certain", "tenant", "gens", "laisser",
    "leur", "lors", "quand", "seul", "sept", "huit", "neuf", "cent", "vingt", "douze", "seize", "outre", "maint"}
_CAPITAL_PARTICLES = ("el", "ben", "bin")
_PARTICLES = ("de", "da", "del", "della", "di", "du", "des", "el", "van", "von", "le", "la", "ben", "bin", "dos", "y")

def title_word(word: str) -> str:
    """« D'ALMEIDA » is « D'Almeida », « FLOC'H » is « Floc'h » (a Breton c'h, not a word of its own)."""
    return "-".join("'".join(p.lower() if k and len(p) == 1 else p[:1].upper() + p[1:].lower()
                             for k, p in enumerate(part.split("'"))) for part in word.split("-"))


def is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def normalise_person(words: list[str]) -> str:
    """``DUPONT Jean``, ``JEAN DUPONT``, ``Jean DUPONT`` -> ``Jean Dupont`` (surnames in capitals
    are a way of printing, not of spelling)."""
    upper = [is_upper(w) for w in words]
    if any(upper) and not all(upper) and not upper[0]:
        return " ".join(title_word(w) if u else w for w, u in zip(words, upper))
    if all(upper):
        if len(words) == 2 and not known_first(words[0]) and known_first(words[1]):
            words = words[::-1]  # « DIALLO MAMADOU »: the surname first, as on a form or an act
        return " ".join(title_word(w) for w in words)
    if upper[0]:
        k = upper.index(False)
        if not any(upper[k:]):  # surname first, then the first names
            return " ".join(words[k:] + [title_word(w) for w in words[:k]])
    return " ".join(words)


def clean_person(raw: str, strict: bool = True) -> str | None:
    """A person's name from a line or a phrase, or None when it does not look like one."""
    s = re.sub(r"[\s,.;:]+$", "", re.sub(r"[“”\"«»]", "", raw).strip().strip("'").lstrip(" ,.;:-"))
    # « Ana-Maria. POPESCU », « VERDIER. Dylan »: a speck the OCR read as a dot
    s = re.sub(r"(?<=[a-zà-ÿ])\.(?= [A-ZÀ-Ý])|(?<=[A-ZÀ-Ý]{3})\.(?= [A-ZÀ-Ý][a-zà-ÿ])", "", s)
    s = re.sub(r"^(M\.|Mme\.?|MME\.?)(?=[A-ZÀ-Ý]{2})", r"\1 ", s)  # « M.CAZENEUVE Bastien »: the space lost
    s = re.sub(r"\b(E)[iI](?= [A-ZÀ-Ý][a-zà-ÿA-ZÀ-Ý])", r"\1l", s)  # « Youssef EI Amrani »: the l of « El » read as i
    if len(s.split()) >= 3 and len(s.split()[-1]) == 1 and s.split()[-1].isupper():
        s = s.rsplit(" ", 1)[0]  # « KAYA Emre A »: a stray letter after a name, not an initial after a first name
    # « M. et Mme X », and a rent notice's « M. ou Mme X »
    s = re.sub(r"^(?:" + CIVILITY + r"\s*(?:(?:et|ou)\s+" + CIVILITY + r")?\.?\s+)", "", s, flags=re.IGNORECASE).strip()
    s = _HANDWRITTEN_CIVILITY.sub("", s)
    s = re.sub(r"^(?:veuve|vve)\.?\s+(?=\S+\s+\S)", "", s, flags=re.IGNORECASE)  # « Mme Veuve Odette CAZALS »
    s = _first_of_couple(s)
    s = re.sub(r"\s+(?:née?|épouse|ep\.)\s+.*$", "", s, flags=re.IGNORECASE)
    # Latin letters of every European language (« Grażyna », « Petrović », « Ionuț », « Şükrü »)
    if not s or " - " in s or not re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017f\u0218-\u021b'’\- ]{3,50}", s):
        return None  # " - " joins a name to what follows it on a letterhead
    # a capital I, which a sans-serif prints as an l, read as one (« lonela POPESCU », « Mme loana Popescu »)
    words = [re.sub(r"^l(?=[a-zà-ÿ]{2})", "I", w) if w.lower() not in _PARTICLES else w
             for w in s.replace("’", "'").split()]
    s = " ".join(words)
    if not 2 <= len(words) <= 5 or _NOT_NAME.search(fold(s)) or _SENTENCE_WORDS & set(fold(s).split()):
        return None
    if len(words[-1].strip("'-")) < 2:
        return None  # "M. Fernand R." : an initial is not a surname
    if (len(words) == 4 and known_first(words[0]) and known_first(words[2])
            and not known_first(words[1]) and not known_first(words[3])):
        words = words[:2]  # two signers side by side, read as one line: « Fatoumata Sissoko Hélène Rouquette »
    surname_first = words[0].isupper() and words[-1][1:].islower() and words[-1][0].isupper()  # « LE FLOC'H Gwladys »
    if words[0].lower() in _PARTICLES and (known_first(words[-1]) or surname_first):
        k = len(words) - 1  # « el amrani fatima », « EL IDRISSI Fatima Zahra »: the surname first, with its particle
        while k > 2 and known_first(words[k - 1]):
            k -= 1
        words = words[k:] + words[:k]
    particles = [w.lower() in _PARTICLES for w in words]
    if particles[0] or particles[-1] or sum(particles) > 2:
        return None
    if strict and not all(w[0].isupper() for w in words if w.lower() not in _PARTICLES):
        return None
    if not strict:  # « el amrani » : Arabic particles take a capital, French ones (« de ») do not
        words = [w if w[0].isupper() or (w.lower() in _PARTICLES and w.lower() not in _CAPITAL_PARTICLES)
                 else title_word(w) for w in words]
    return _inner_particles(with_first_name(normalise_person(words)), raw)


def _first_of_couple(s: str) -> str:
    """A couple named together, the first one kept: « HADDOU Samir et Naïma », « DA SILVA Ricardo
    et Maria » (the surname, then both first names), « Samir et Naïma HADDOU », « Ibrahima FALL et
    Mme Camille ESTRADE »."""
    # « Ibrahima FALL et Mme Camille ESTRADE »: each with their civility
    m = re.fullmatch(r"(?P<head>[^\W\d_][\w'\-]*(?: [^\W\d_][\w'\-]*){1,3}?) (?:et|&) " + CIVILITY
                     + r"\.?\s+[^\W\d_][\w'\-]*(?: [^\W\d_][\w'\-]*){1,3}", s, re.IGNORECASE)
    if m:
        return m["head"]
    m = re.fullmatch(r"(?P<head>\S+(?: \S+){1,3}) et (?P<other>\S+)", s)
    if m and known_first(m["other"]) and known_first(m["head"].split()[-1]):
        return m["head"]
    m = re.fullmatch(r"(?P<one>\S+) et (?P<other>\S+) (?P<surname>\S+(?: \S+){0,2})", s)
    if m and known_first(m["one"]) and known_first(m["other"]) and not known_first(m["surname"].split()[0]):
        return f"{m['one']} {m['surname']}"
    return s


def _inner_particles(name: str, raw: str) -> str:
    """A Portuguese particle inside a surname printed in capitals is written small (« PEREIRA DA
    SILVA Sergio » -> « Sergio Pereira da Silva »); one starting the surname keeps its capital
    (« Kevin Da Silva »), and one printed small or capitalised stays as printed."""
    words = name.split()
    for i in range(2, len(words)):
        if (words[i] in ("Da", "Dos", "Das", "Do") and words[i - 1].lower() not in _PARTICLES
                and re.search(r"\b" + words[i].upper() + r"\b", raw)):
            words[i] = words[i].lower()
    return " ".join(words)


def known_first(word: str) -> str | None:
    """The usual spelling of ``word`` when it is a given name."""
    known = first_names().get(bare(word))
    if known is None and "-" in word:
        parts = [first_names().get(bare(p)) for p in word.split("-")]
        known = "-".join(parts) if all(parts) else None
    return known


def register_accents(name: str) -> str:
    """The given names of ``name`` with the accents of their usual spelling (« Eloise » -> « Éloïse »,
    « Leila » -> « Leïla »). For handwriting, whose reading loses nearly every accent: of 30
    handwritten letters' given names the lexicon spells with an accent, the writers had put it in 29
    (the development sets read so far). Print keeps its accents, and a name printed without one
    is the person's own spelling: left as read there."""
    words = []
    for w in name.split():
        known = known_first(w)
        words.append(known if known and w.isascii() and not known.isascii() and w[:1].isupper() else w)
    return " ".join(words)


# Vietnamese middle names, which go with the given name (« Tran Van Minh » -> « Van Minh Tran »)
_MIDDLE_NAMES = ("van", "thi")


def with_first_name(name: str) -> str:
    """The first name first: « Diallo Moussa » (a form's NOM PRÉNOM in capitals) -> « Moussa
    Diallo ». Accents stay as printed (the labels of every evaluation set follow the print)."""
    words = name.split()
    if len(words) >= 2 and not known_first(words[0]) and known_first(words[-1]):
        k = len(words) - 1  # the given names at the end (« NGUYEN THI LAN »): all of them go first
        while k > 1 and (known_first(words[k - 1]) or bare(words[k - 1]) in _MIDDLE_NAMES):
            k -= 1
        words = words[k:] + words[:k]
    if len(words) >= 2 and not known_first(words[0]):
        near = _one_letter_off(words[0])
        if near:
            words[0] = near
    if (len(words) >= 2 and not words[0].isascii() and (known := known_first(words[0])) and known != words[0]
            and not known.isascii()):
        # an accent misread (« Marie-Thérése », « Inés »): the register's; an accent the register's
        # spelling lacks (« Kévin ») is the person's own
        words[0] = known
    return " ".join(words)


# Capitals OCR takes for one another in handwriting: the one read -> those it may have been
_MISREAD_CAPITALS = {"s": "j", "t": "j", "i": "jl", "l": "ji", "y": "jv", "c": "g", "g": "c", "q": "og", "d": "o",
                     "o": "dq", "e": "f", "f": "e", "b": "r", "r": "bk", "p": "rf", "n": "hm", "h": "nk",
                     "m": "n", "k": "rh", "u": "v", "v": "uw", "w": "v"}


def _one_letter_off(word: str) -> str | None:
    """The one given name ``word`` is a misread capital away from (« Seanne » -> « Jeanne », the
    OCR of a handwritten J), when there is exactly one (« Tosette » may be Josette or Rosette:
    left as read), the word is long enough and the two capitals are ones OCR confuses (a
    name the lexicon lacks, « Hanta », is not made « Fanta »)."""
    key = bare(word)
    if len(key) < 5 or not key.isalpha():
        return None
    found = {first_names().get(c + key[1:]) for c in _MISREAD_CAPITALS.get(key[0], "")} - {None}
    return found.pop() if len(found) == 1 else None
