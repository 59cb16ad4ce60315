"""The writer of a tenant's letter (or the tenant a third party writes about), as
"Firstname Lastname".

Where a name is printed, most reliable first: ``Je soussigné(e) X``; a webmail header
(``De : X <x@y.fr>``); the signature (the first name-like line after the last closing formula,
``Cordialement``, ``Salutations``, ``Bien à vous``...); the sender block at the top left (a
name line over an address); in third parties' letters, the person concerned (``Allocataire :
X``, ``atteste que X est``, ``au nom de X``, ``PATRIMOINE c/ X``). spaCy's French NER (PER) only
helps: it may confirm a name at one of those places that the rules could not read.
``DUPONT Jean`` and ``JEAN DUPONT`` become ``Jean Dupont``; ``Jean DUPONT`` stays as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields_labels import Doc
from extractors.parsing import fold

CIVILITY = r"(?:monsieur|madame|mademoiselle|mme|mlle|mr|m\.|m|mmes|mm\.|mrs|ms|miss|dr|docteur|me|ma[iî]tre)"
CLOSING = re.compile(r"cordialement|salutations|sentiments|respectueusement|mes respects|bien a vous|"
                     r"merci d'avance|merci par avance|remerciant|bonne (?:journee|reception|soiree)|a bientot|"
                     r"merci (?:de|pour) votre|dans l'attente|je vous prie|veuillez agreer|bien cordialement|"
                     r"sincerely|best regards|kind regards|regards")
_NOT_NAME = re.compile(r"\b(?:rue|avenue|allee|chemin|impasse|boulevard|place|route|bat|batiment|appt|"
                       r"appartement|residence|patrimoine|agence|objet|madame|monsieur|service|cedex|"
                       r"toulouse|tel|mail|courriel|contrat|reference|locataire|les|des|je|"
                       r"vous|mon|ma|mes|pour|et|en|a|au|dans|avec|office|logement|social|gestion|signature|"
                       r"cordialement|salutations|merci|bonjour|lettre|recommandee|copie|direction|directeur|"
                       r"commissaire|justice|tribunal|greffe|greffier|avocat|huissier|caisse|allocations|"
                       r"assurance|assurances|mutuelle|attestation|habitation|etude|cabinet|societe|the|dear|"
                       r"sir|from|to|date|subject|re|cc|pj|p\.j|courrier|arrivee|recu|assur|direct|services?|groupe|sas|sarl|"
                       r"urgent|urgente|urgence|important|rappel|relance|tres|attention|demande|reclamation|"
                       r"proprietaire|voisin|voisins|immeuble|appartement|syndic|gardien|"
                       # institutions and their places: a letterhead is no person
                       r"msa|caf|cpam|ccas|mairie|ville|commune|republique|francaise|prefecture|pole|proximite|"
                       r"numero|telephone|portable|conseil|departement|departemental|departementale|region|"
                       r"metropole|midi|pyrenees|occitanie|sud|nord|hopital|chu|clinique|banque|association|"
                       r"federation|union|centre|maison|solidarite|fonds|secours|sante|securite|sociale|"
                       r"hlm|sci|agricole|familiales|prestations|juge|juridiction|cour|ministere|avis|situation|"
                       r"bp|cs|tsa)\b")
_PARTICLES = ("de", "da", "del", "della", "di", "du", "des", "el", "van", "von", "le", "la", "ben", "bin", "dos", "y")
_ADDRESS = re.compile(r"\b\d{1,4}\s*(?:bis|ter|[a-d])?\s*,?\s*(?:rue|av(?:enue)?|all[ée]e|chemin|impasse|bd|boulevard|place|"
                      r"route|quai|cours|square|r[ée]sidence|lotissement|cit[ée]|hameau|passage|esplanade|promenade)\b|"
                      r"\b(?:b[âa]t(?:iment)?|appt|appartement|r[ée]sidence|escalier|porte)\b|\b\d{5}\s+[A-Za-zÀ-ÿ]", re.I)
_WEBMAIL = re.compile(r"(?m)^[ \t>]*(?:de|from|expediteur|envoye par)\s*:\s*(?P<name>[^<\n\[(@]{3,60}?)\s*(?:<|\[|\(|$)")
_SOUSSIGNE = re.compile(r"je\s+soussigne(?:\(e\)|e)?s?\s*,?\s*")
_N = r"(?P<name>[a-z'\- .]{3,60}?)"  # on folded text: letters only, so a match never spans a sentence
_CONCERNED = [re.compile(rx) for rx in (
    r"(?m)\b(?:allocataire|locataire|assure\(?e?\)?|souscripteur|beneficiaire|nom\s+du\s+locataire|nom\s+et\s+prenom|"
    r"nom\s+prenom|nom|tenant|name)\s*:\s*" + _N + r"\s*(?:[\n,;(]|$)",
    r"\battest(?:e|ent|ons)\s+que\s+" + _N + r"\s*,?\s+(?:est|a\s+souscrit|demeurant|domicilie|nee?\b|titulaire)",
    r"\b(?:de|a|pour|concernant)\s+(?:monsieur|madame|mademoiselle|m\.|mme|mlle)\s+" + _N
    + r"\s*,?\s+(?:demeurant|domicilie|locataire|nee?\b|residant|habitant)",
    r"\bau\s+nom\s+(?:de\s+|du\s+)?" + _N + r"\s*(?:,|\blocataire\b|\bdemeurant\b|$)",
    r"\bc/\s*" + _N + r"\s*(?:[.,;(\n]|\s-\s|$)",
    r"\bpatrimoine\s*/\s*" + _N + r"\s*(?:[.,;\n]|\s-\s|$)",
    r"\ba\s+" + _N + r"\s*,\s*(?:demeurant|domicilie|locataire)",
)]
_THIRD_PARTY_TYPES = ("insurance_certificate", "housing_benefit", "legal_notice")


@dataclass(frozen=True)
class PersonCandidate:
    name: str
    line: int  # where it was printed (for the writer's address and phone)
    source: str  # "soussigne", "webmail", "signature", "sender", "concerned", "ner"


def _title(word: str) -> str:
    return "-".join("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'")) for part in word.split("-"))


def _is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def normalise_person(words: list[str]) -> str:
    """``DUPONT Jean`` -> ``Jean Dupont``; ``JEAN DUPONT`` -> ``Jean Dupont``; ``Jean DUPONT`` and
    ``Jean Dupont`` as written."""
    upper = [_is_upper(w) for w in words]
    if all(upper):
        return " ".join(_title(w) for w in words)
    if upper[0]:
        k = upper.index(False)
        if not any(upper[k:]):  # surname first, then the first names
            return " ".join(words[k:] + [_title(w) for w in words[:k]])
    return " ".join(words)


def clean_person(raw: str, strict: bool = True) -> str | None:
    """A person's name from a line or a phrase, or None when it does not look like one."""
    s = re.sub(r"[\s,.;:]+$", "", raw.strip().strip("\"'«»").lstrip(" ,.;:-"))
    s = re.sub(r"^(?:" + CIVILITY + r"\s*(?:et\s+" + CIVILITY + r")?\.?\s+)", "", s, flags=re.I).strip()
    s = re.sub(r"\s+(?:née?|épouse|ep\.)\s+.*$", "", s, flags=re.I)
    if not s or " - " in s or not re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ'’\- ]{3,50}", s):
        return None  # " - " joins a name to what follows it on a letterhead
    words = s.replace("’", "'").split()
    if not 2 <= len(words) <= 5 or _NOT_NAME.search(fold(s)):
        return None
    particles = [w.lower() in _PARTICLES for w in words]
    if particles[0] or particles[-1] or sum(particles) > 2:
        return None
    if strict and not all(w[0].isupper() for w in words if w.lower() not in _PARTICLES):
        return None
    if not strict:
        words = [w if w[0].isupper() or w.lower() in _PARTICLES else _title(w) for w in words]
    return normalise_person(words)


def _lines(doc: Doc) -> list[tuple[int, str]]:
    out = []
    for i in range(len(doc.line_starts)):
        s, e = doc.line_span(i)
        ln = doc.text[s:e].strip()
        if ln:
            out.append((i, ln))
    return out


def _cells(line: str) -> list[str]:
    return [c for c in re.split(r"\s{3,}|\t", line) if c.strip()]


def name_candidates(doc: Doc, doc_type: str = "") -> list[PersonCandidate]:
    """Possible names, most reliable first."""
    out: list[PersonCandidate] = []
    lines = _lines(doc)
    concerned = []
    for rx in _CONCERNED:
        for m in rx.finditer(doc.folded):
            name = clean_person(doc.text[m.start("name"):m.end("name")])
            if name:
                concerned.append((m.start(), PersonCandidate(name, doc.line_of(m.start("name")), "concerned")))
    concerned = [c for _, c in sorted(concerned, key=lambda x: x[0])]
    if doc_type in _THIRD_PARTY_TYPES:
        out += concerned
    for m in _SOUSSIGNE.finditer(doc.folded):
        tail = doc.text[m.end():m.end() + 80]
        raw = re.split(r",|\n|\(|\bdemeurant|\blocataire|\bdomicili|\bhabitant|\bn[ée]e?\b|\bresidant|\br[ée]sidant", tail)[0]
        name = clean_person(raw)
        if name:
            out.append(PersonCandidate(name, doc.line_of(m.end()), "soussigne"))
    for m in _WEBMAIL.finditer(doc.folded[:3000]):
        if "patrimoine" in doc.line_text(doc.line_of(m.start("name")), folded=True):
            continue  # a message from the landlord's staff quoted in the reply
        name = clean_person(doc.text[m.start("name"):m.end("name")], strict=False)
        if name:
            out.append(PersonCandidate(name, doc.line_of(m.start("name")), "webmail"))
    closing_at = None
    for k, (_, ln) in enumerate(lines):
        if CLOSING.search(fold(ln)):
            closing_at = k
    if closing_at is not None:
        i, ln = lines[closing_at]
        after = re.split(r"(?i)cordialement|salutations(?: distinguées| respectueuses)?|bien à vous|regards", ln)[-1]
        tail = [(i, after)] + lines[closing_at + 1:closing_at + 6]
    else:
        tail = lines[-8:]
    for k, (i, ln) in enumerate(tail):
        name = next((n for n in map(clean_person, _cells(ln) or [ln]) if n), None)
        if not name and k + 1 < len(tail) and _ADDRESS.search(tail[k + 1][1]) and len(ln.split()) <= 4:
            name = clean_person(ln, strict=False)  # "jean-marc petit" written over the address
        if name:
            out.append(PersonCandidate(name, i, "signature"))
            break
    sender = _sender_name(lines)
    if sender:
        out.append(sender)
    if doc_type not in _THIRD_PARTY_TYPES:
        out += concerned
    if not out:
        out += _ner_names(lines, tail)
    return out


def _sender_name(lines: list[tuple[int, str]]) -> PersonCandidate | None:
    """The name line of the sender block (top left): one over an address, else the first."""
    top = lines[:8]
    first = None
    for k, (i, ln) in enumerate(top):
        cell = _cells(ln)[0] if _cells(ln) else ln
        if re.match(r"(?i)\s*(?:exp[ée]diteur|de)\s*:\s*", cell):
            cell = re.sub(r"(?i)^\s*(?:exp[ée]diteur|de)\s*:\s*", "", cell)
        name = clean_person(cell)
        if not name:
            continue
        below = " ".join((_cells(x)[0] if _cells(x) else x) for _, x in top[k + 1:k + 4])
        if _ADDRESS.search(below):
            return PersonCandidate(name, i, "sender")
        if first is None and k < 3:
            first = PersonCandidate(name, i, "sender")
    return first


def _ner_names(lines: list[tuple[int, str]], tail: list[tuple[int, str]]) -> list[PersonCandidate]:
    """spaCy PER entities, only at the sender block or the signature, only when the rules found none."""
    nlp = _nlp()
    if nlp is None:
        return []
    picked = [(i, ln) for i, ln in lines[:6] + tail[:4]
              if len(ln) <= 80 and re.search(r"[A-Za-zÀ-ÿ]{2,}\s+[A-Za-zÀ-ÿ]{2,}", ln)]
    if not picked:
        return []
    text, starts = "", []
    for i, ln in picked:
        starts.append((len(text), i))
        text += ln + "\n"
    for ent in nlp(text).ents:
        if ent.label_ == "PER":
            name = clean_person(ent.text, strict=False)
            if name:
                line = [i for s, i in starts if s <= ent.start_char][-1]
                return [PersonCandidate(name, line, "ner")]
    return []


_NLP: list = []


def _nlp():
    if not _NLP:
        try:
            import spacy

            _NLP.append(spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer",
                                                                "attribute_ruler", "tagger", "senter"]))
        except (ImportError, OSError):
            _NLP.append(None)
    return _NLP[0]
