"""Where a new document starts in a file scanned without separator sheets.

A station sometimes scans a pile of mail as one file. Each page after the first is scored
from what its own text and the previous page's text say:

- page numbering wins: "Page 1/2", "1/3" starts a document, "Page 2/3", "- 2 -" continues one,
  as does a page after one ending on ".../...";
- the head of a letter or an invoice on the page's top part: an "Objet :" line, a greeting
  ("Madame, Monsieur,"), a place-and-date line ("Toulouse, le 12 mars 2020"; heading the page, it
  counts double, the date read or not), a sender block
  with its postcode, the landlord as addressee, reference lines ("Nos réf.", "Affaire suivie
  par"), a document title ("FACTURE N°", "DEVIS", "AVOIR", "Invoice", "Attestation");
- the previous page's end: a closing formula or a signature, an invoice's totals, and its
  own numbering closing ("2/2": the document it belonged to is complete);
- the same invoice number as the previous page: its continuation;
- an e-mail's header printed by the webmail at the top (« De : … @ », « Envoyé : », « À : »; Gmail's
  logo over the account and « 1 message »);
- the landlord's own form heading the page (« PATRIMOINE » over a title in capitals, or its
  « Nom : … Prénom : » boxes filled in);
- a reception stamp dated otherwise than the previous page's: another piece of mail, which
  arrived another day (the mail room stamps each piece as it comes);
- one page in print, the next by hand (or the reverse), as the OCR's confidence tells;
- an institution's name in capitals heading the page (« CONSEIL DÉPARTEMENTAL … »), unlike the previous one;
- an enclosure the letter announces ("ci-joint", "PJ :", "je vous envoie la copie"): the
  page right after it is that enclosure (a certificate or a judgment sent with its cover
  letter is one piece of mail), unless its own numbering says otherwise.

The text is used (the OCR words are enough), so the rule works on scans and born-digital
files alike; a scan's reading confidence adds whether a page is print or handwriting. It is
deliberately cautious: a letter cut in two costs more than two letters left together (a person
sees the second one in vidéocodage).
"""

from __future__ import annotations

import re
import unicodedata

from extractors.email_address import PRINTED_SENDER
from extractors.parsing import RECEIVED_STAMP, find_dates
from extractors.person_labels import ORGANISATION

START_SCORE = 3  # the evidence a page needs to start a new document
SHORT_NOTE_LINES = 6  # a note this short, signed off, after a letter that closed: another writer's

_PAGE_OF = re.compile(r"(?:\bpage|\bp\.)\s*(\d{1,2})\s*(?:/|sur|of|de)\s*(\d{1,2})\b|^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$",
                      re.I | re.M)
_OBJECT = re.compile(r"^\s*(?:o[bp]jet|obj\.|re|subject|concerne)\s*[:;]", re.I | re.M)  # « OBJET ; » as OCR reads a colon
_RUNNING_NUMBER = re.compile(r"\S\s{1,}(\d)\s?/\s?(\d)\s*$")  # « … - 24/11/2022 2/2 » closing a header or a footer
# the page a continuation points to is not this page's (« Suite page 2/2 », « voir p. 2/3 », « continued on page 2 of 2 »)
_POINTS_ON = re.compile(r"\b(?:suite|voir|continued\s+on)\s+(?:en\s+)?(?:page|p\.)\s*\d{1,2}\s*(?:/|sur|of|de)\s*\d{1,2}\b", re.I)
# a running header or footer naming the page alone: « Madame X - N° locataire 2019-B-04471 page 2 »
_PAGE_ALONE = re.compile(r"(?:\bpage|\bp\.)\s*(\d{1,2})\s*$|^\s*[-–—]\s*(\d{1,2})\s*[-–—]\s*$", re.I)  # « - 2 - »
# a page ending on « .../... »: the letter goes on overleaf
_OVERLEAF = re.compile(r"(?:\.{3}|…)\s*/\s*(?:\.{3}|…)\s*$")
_ONE_OF_ONE = re.compile(r"(?:\bpage|\bp\.)\s*0?1\s*(?:/|sur|of|de)\s*0?1\b")  # a one-page document says so
_GREETING = re.compile(r"^\s*(?:madame|monsieur|mesdames|messieurs|cher|chere|bonjour|bonsoir|dear)\b", re.I | re.M)
# an e-mail's header printed by the webmail (« De : X <x@…> », then « Envoyé : » / « À : »): a message of its own
_MAIL_HEADER = re.compile(r"^\s*(?:de|from|expediteur)\s*:[^\n]*@[^\n]*\n(?:[^\n]*\n){0,2}?"
                          r"\s*(?:envoye|date|a|to|sent|objet|subject)\s*:", re.I | re.M)
# Gmail's print-out: its logo and the account over the subject and « 1 message »
_GMAIL_HEAD = re.compile(r"\A\s*gmail\b[^\n]*@|^\s*\d{1,2}\s+messages?\s*$", re.M)
_DATE_LINE = re.compile(r"^\s*le\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*$|(?:^|,\s*)\s*(?:le\s+)?\d{1,2}(?:er)?\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
                        r"septembre|octobre|novembre|decembre)\s+\d{4}\s*$|\b[a-z\-]+,?\s+le\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
                        # a place and a day, the year misread (« Blagnac, le 14 avril LOTO »)
                        r"^\s*[a-z][a-z\-' ]{2,30},\s*le\s+\d{1,2}(?:er)?\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|"
                        r"aout|septembre|octobre|novembre|decembre)\b",
                        re.I | re.M)
# the page's very first line a place and "le": a letter's opening, even where OCR garbled the date
_OPENING = re.compile(r"[a-z][a-z\-' ]{2,30},\s*le\s+\S")
_POSTCODE = re.compile(r"\b\d{5}\s+[‘'’]?[a-z][a-z\- ']+", re.I)  # (« 31100 ‘toulouse »: a speck before the town)
_TITLE = re.compile(r"^\s*(?:patrimoine(?:\s+sa)?(?:\s+[a-z]+)?\s+)?(?:formulaire\s+(?:de\s+)?|imprime\s+|demande\s+d.)?(?:facture|avoir|devis|note d.honoraires|proposition commerciale|invoice|credit note|"
                    r"rechnung|gutschrift|angebot|factuur|creditnota|factura|fattura|presupuesto|preventivo|"
                    r"quotation|attestation|commandement|signification|assignation|proces-verbal|notification|"
                    r"invitation|convocation|mise en demeure|avis d.echeance|releve de compte|bon de commande|"
                    r"certificat|quittance|jugement|ordonnance|fiche\s+de\s+(?:reclamation|demande|signalement|intervention))\b",
                    re.I | re.M)
_CLOSING = re.compile(r"(?:cordialement|salutations|veuillez agreer|recevez|bien a vous|sentiments|respectueusement|consideration|"
                      r"(?:nous|je)\s+vous\s+remerci\w*\s+(?:de|pour)\s+(?:l.attention|votre|la\s+diligence|l.interet|la\s+suite)|merci\s+d.avance|"
                      r"regards|sincerely|net a payer|total\s+t\.?\s?t\.?\s?c\b|montant du|total a payer|amount due|total due|"
                      r"^\s*(?:le|la)\s+(?:directeur|directrice|greffier|greffiere|gerant|gerante|president|"
                      r"responsable|conseiller|conseillere|chef)\b|^\s*pour l.assureur|^\s*signature)", re.I | re.M)
# the writer introducing themselves near the top (« Je suis Mme X du 3e étage »): a letter's opening
_INTRODUCTION = re.compile(r"(?:\bsuis|m.appelle|\bc.est)\s+(?:m\.|mme|madame|monsieur|mr|mlle)\s", re.I)
_INVOICE_NUMBER = re.compile(r"(?:facture|avoir|devis|invoice)\s*(?:n[°o.]*|no\.?|#)\s*:?\s*([a-z0-9][a-z0-9\-/]{2,})", re.I)
_ENCLOSURE = re.compile(r"(?:\bci-?\s?joint|\bpj\s*:|\bp\.\s?j\.|pieces? jointes?|en annexe|je (?:vous )?joins|"
                        r"vous (?:en )?(?:envoie|adresse|transmets) (?:la |une )?copie|enclosed|attached|"
                        # « je vous envoie mon attestation (voir page suivante) »
                        r"(?:voir|cf\.?) (?:la )?page suivante|je vous (?:envoie|adresse|transmets|fais parvenir) "
                        r"(?:mon|ma|mes|notre|nos)\b|"
                        # « l'attestation de loyer jointe (page 2) », « (voir page 2) »
                        r"\bjointe?s?\s*\(\s*(?:en\s+)?page\s*\d|\b(?:voir|cf\.?)\s+(?:en\s+)?page\s+\d\b|"
                        # « (voir fiche jointe) », « le rapport joint »
                        r"\b(?:fiche|rapport|compte[- ]rendu|releve|decompte|proces-verbal)s?\s+jointe?s?\b)", re.I)
# what a letter says it encloses, and the words that head that piece when it follows
_ENCLOSED = {"assignation": "assignation", "commandement": "commandement", "jugement": "jugement",
             "ordonnance": "ordonnance", "acte": "assignation|commandement|signification|proces-verbal|sommation",
             "attestation": "attestation", "decision": "decision",
             # (« P.J. : certificat médical ; formulaire de demande de mutation »)
             "certificat": "certificat", "formulaire": "formulaire|demande|cerfa",
             # (« la copie de la notification de la CAF », then the CAF's letter)
             "notification": "notification|caf|msa|allocations\\s+familiales",
             # a supplier's cover letter, then what it bills (« ci-joint ma note d'honoraires »)
             "note d.honoraires": "note d.honoraires", "facture": "facture|duplicata", "devis": "devis",
             # a change of bank details and its RIB (« PJ : RIB », then « RELEVÉ D'IDENTITÉ BANCAIRE »)
             "rib": "releve d.identite bancaire|rib|iban", "identite bancaire": "releve d.identite bancaire|rib|iban",
             # a technician's report (« voir fiche jointe », then « FICHE D'INTERVENTION »)
             "fiche": "fiche", "rapport": "rapport|compte[- ]rendu", "compte[- ]rendu": "rapport|compte[- ]rendu"}

# a letter that ends on its writer's contacts (a phone, an e-mail), no closing formula
_SIGNED_WITH_CONTACTS = re.compile(r"(?:^|\s)0[1-9](?:[ .]?\d{2}){4}\s*$|@[a-z0-9\-]+\.[a-z]{2,4}\s*$", re.M)
# a sender block heading the page: a name line, then an address line
# (four words: « Josiane NALET née ABADIE »)
_SENDER_TOP = re.compile(r"\s*[a-z][a-z'\-]+(?:\s+[a-z][a-z'\-]+){1,3}\s*\n(?:[^\n]*\n){0,2}?[^\n]*"
                         r"\b(?:rue|avenue|allee|chemin|impasse|boulevard|route|place|quai|cite|hameau|lotissement|"
                         r"bat|batiment|residence|res|appt|apt|appartement|escalier)\b")
# a line opening on a sign-off (« Merci, », « Merci — G. Moreau », « Cordialement »)
_SIGN_OFF = re.compile(r"^\s*(?:merci|cordialement|bien a vous|amities|salutations)\b", re.M)
_CONTINUED = re.compile(r"\b(?:suite|continued|report)\b", re.I)
# The landlord named as the recipient, with an address: the head of a letter or an invoice.
_TO_LANDLORD = re.compile(r"patrimoine\b.*(?:\n.*){0,4}?(?:\bbp\s*\d+|\b\d{5}\s+[a-z])", re.I)
_ADMIN_HEAD = re.compile(r"\b(?:nos?\s+ref|vos?\s+ref|v/ref|n/ref|affaire suivie par|dossier suivi par|"
                         r"lettre recommandee|recommande avec|ref\.?\s*(?:locataire|dossier|client)|reference\s*:|"
                         r"n[°o]\s*(?:de\s+)?(?:compte|contrat|dossier|allocataire|locataire)|contrat\s*n[°o]|"
                         r"^\s*(?:tel|telephone|portable|mobile)\b)", re.I | re.M)


PRINT_FROM = 85.0  # mean OCR word confidence of print (90-97 on nine pages in ten)…
HAND_BELOW = 70.0  # …and of handwriting (40-70); between the two, the page may be either


def script_of(mean_word_confidence: float | None) -> str | None:
    """« print », « hand », or None when the reading does not tell (a text layer, a mixed page)."""
    if mean_word_confidence is None:
        return None
    return "print" if mean_word_confidence >= PRINT_FROM else "hand" if mean_word_confidence < HAND_BELOW else None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _last_lines(folded: str, n: int = 3) -> str:
    return "\n".join([ln for ln in folded.split("\n") if ln.strip()][-n:])


def _enclosure(previous: str, top: str, form: bool = False) -> str | None:
    """What the page is to the enclosure the letter announces: « same », the piece it names heading
    the page (« la copie de l'assignation », then the act: not a new document); « other », a title
    of another kind than every piece it names (« ci-joint l'original de l'acte », then
    « ATTESTATION D'ASSURANCE »), the landlord's form (``form``) or a writer's name and address;
    None, nothing named."""
    head = re.sub(r"[ \t]+", " ", top)[:300]  # (a layout's columns printed apart by many spaces)
    named_any = False
    for m in _ENCLOSURE.finditer(previous):
        around = previous[max(0, m.start() - 60):m.end() + 60]
        named = [heads for noun, heads in _ENCLOSED.items() if re.search(r"\b" + noun + r"\b", around)]
        if any(re.search(r"\b(?:" + heads + r")\b", head) for heads in named) and not _other_attestation(
                previous[max(0, m.start() - 60):m.end() + 120], head):
            return "same"
        named_any = named_any or bool(named)
    # (a writer's name and address heading the page: a letter, not the copy of an act or an order)
    return "other" if named_any and (form or _TITLE.search(top) or _SENDER_TOP.match(top)) else None


# what a certificate attests (« attestation de loyer », « d'assurance », « d'admission en EHPAD »)
_CERTIFIES = re.compile(r"\battestations?\s+(?:de\s+la\s+|de\s+l'\s?|d'\s?|de\s+|du\s+|des\s+)?(?:[a-z]+\s+)?"
                        r"(loyer|assurance|admission|domicile|employeur|hebergement|paiement|droits?|travail|"
                        r"salaire|scolarite|ressources|entretien|ramonage|sinistre|residence|situation)")


def _other_attestation(around: str, head: str) -> bool:
    """The letter encloses one kind of certificate (« attestation d'admission en EHPAD »), the
    page heads with another (« ATTESTATION DE LOYER »): a document of its own."""
    named = {m.group(1)[:5] for m in _CERTIFIES.finditer(around)}
    titled = {m.group(1)[:5] for m in _CERTIFIES.finditer(head)}
    return bool(named and titled) and not named & titled


def _landlord_form(lines: list[str], top: str) -> bool:
    """The landlord's own form, which tenants fill in: its name heading the page, then a title in
    capitals (« PATRIMOINE » over « DEMANDE DE PLAN D'APUREMENT / D'ÉCHÉANCIER ») or the form's
    boxes filled in (« Nom : PAYET Prénom : Jean-Max »)."""
    if len(lines) < 2 or not re.match(r"\s*patrimoine\b", _fold(lines[0])):
        return False
    letters = [c for c in lines[1] if c.isalpha()]
    titled = len(letters) >= 10 and all(c.isupper() for c in letters)
    return titled or bool(re.search(r"^\s*nom\s*:[^\n]*\bpre\s?nom\s*:", top, re.M))


def _new_letterhead(previous: list[str], current: list[str]) -> bool:
    """The page heads with an institution's name in capitals (« CONSEIL DÉPARTEMENTAL DE LA
    HAUTE-GARONNE ») that the previous page did not head with: another sender's letter."""
    if not current:
        return False
    first = current[0].strip()
    letters = [c for c in first if c.isalpha()]
    if len(letters) < 6 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    same = previous and re.sub(r"[\d\W]+", "", _fold(previous[0])) == re.sub(r"[\d\W]+", "", _fold(first))
    return not same and bool(ORGANISATION.search(_fold(first)))


def _parts(text: str) -> tuple[str, str]:
    """The page's top (a third, at least 12 lines) and bottom (two fifths, at least 4), by non-empty lines."""
    lines = [ln for ln in _fold(text).split("\n") if ln.strip()]
    if not lines:
        return "", ""
    top = "\n".join(lines[: max(12, len(lines) // 3)])
    bottom = "\n".join(lines[-max(4, len(lines) * 2 // 5):])
    return top, bottom


def _printed_lines(text: str) -> list[str]:
    """The page's non-empty lines, the reception stamp's aside (its first and last are where a
    running header or footer prints the page's number)."""
    return [ln for ln in text.split("\n") if ln.strip() and not RECEIVED_STAMP.search(_fold(ln))]


def _stamp_dates(text: str) -> set[str]:
    """The dates of the page's reception stamps (« REÇU LE 26/04/2020 »)."""
    return {d.value for ln in text.split("\n") if RECEIVED_STAMP.search(_fold(ln)) for d in find_dates(ln)}


# an office's own file number (« Nos réf. : 20/04418 », « N/Réf. : CAB/CB/2021-027 »)
_OUR_REFERENCE = re.compile(r"(?:\bnos|\bn/|\bnotre)\s*ref(?:erences?|s)?\.?\s*:?\s*([a-z0-9][a-z0-9\-/.]*\d[a-z0-9\-/.]*)")
# a browser's footer on a printed web page: its address, then the page's number (« https://… 1/1 »)
_BROWSER_FOOTER = re.compile(r"(?:https?://|www\.)\S*\s+\d\s?/\s?\d\s*$")
# a file's name as an e-mail lists its attachments (« Pièces jointes : autorisation Tixier signee.pdf (212 Ko) »)
_FILE_NAME = re.compile(r"[\w\-' ]{4,60}\.(?:pdf|jpe?g|png|tiff?|docx?|odt)\b")


def _printed_attachment(previous: str, lines: list[str]) -> bool:
    """The page (its printed ``lines``) heads with the name of a file the previous page's e-mail
    attached, as a mail client prints an attachment (« autorisation Tixier signee.pdf 1/1 »)."""
    if not lines:
        return False
    first = _fold(lines[0])
    return any(len(name) >= 8 and first.lstrip().startswith(name)
               for name in (m.group(0).strip() for m in _FILE_NAME.finditer(_fold(previous))))


def page_number(text: str) -> tuple[int, int] | None:
    """(k, n) from "Page k/n" printed on the page, when it says so; or from « k/n » ending the
    page's first or last line (a running header: « Assignation en référé - X c/ Y - 24/11/2022 2/2 »)."""
    text = _POINTS_ON.sub("…", text)
    for m in _PAGE_OF.finditer(_fold(text)):
        k, n = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        k, n = int(k), int(n)
        if 1 <= k <= n <= 50:
            return k, n
    lines = _printed_lines(text)
    for ln in lines[:1] + lines[-1:]:
        m = _RUNNING_NUMBER.search(ln)
        if m and 1 <= int(m.group(1)) <= int(m.group(2)) <= 9:
            return int(m.group(1)), int(m.group(2))
    return None


def start_score(previous: str, current: str, script_change: bool = False) -> int:
    """Evidence that ``current`` starts a new document after ``previous`` (page texts);
    ``script_change``: one page is print, the other handwriting (a typed letter does not go on
    by hand, nor a handwritten one in print)."""
    numbering = page_number(current)
    top, _ = _parts(current)
    lines = _printed_lines(current)
    if _printed_attachment(previous, lines):
        return -10  # « autorisation Tixier signee.pdf 1/1 » heading the page: the file the e-mail attached
    if numbering:
        if numbering == (1, numbering[1]) and numbering[1] > 1 and _enclosure(_fold(previous), top) == "same":
            # « P.J. : copie de l'acte (2 pages) », then the act's page 1/2: what the letter encloses
            # (a piece of one page numbered « 1/1 » is a document of its own)
            return -10
        return 10 if numbering[0] == 1 else -10
    _, prev_bottom = _parts(previous)
    if not top:
        return -10  # nothing read: stays with what comes before
    prev_lines = _printed_lines(previous)
    if any((m := _PAGE_ALONE.search(ln)) and int(m.group(1) or m.group(2)) >= 2 for ln in lines[:1] + lines[-1:]):
        return -10  # « … page 2 », « -2- »: the same document goes on
    if _OVERLEAF.search("\n".join(prev_lines[-2:])):
        return -10  # « .../... » ending the previous page
    score = 0
    prev = _fold(previous)
    form = _landlord_form(lines, top)
    before_numbering = page_number(previous)
    if before_numbering and before_numbering[0] == before_numbering[1] and (
            before_numbering[1] > 1 or _ONE_OF_ONE.search(prev) or _BROWSER_FOOTER.search(_fold(prev_lines[-1]))):
        # the previous document's last page (« Page 2/2 »; « P. 01/01 » in a fax's footer; a
        # browser's footer, the page's address then « 1/1 »)
        score += 3
    elif _ENCLOSURE.search(prev):
        # what the letter says it encloses; a titled piece of another kind than the one it names is not it
        score -= {"same": 10, "other": 0}.get(_enclosure(prev, top, form), 3)
    score += 2 if _OBJECT.search(top) else 0
    score += 1 if _GREETING.search(top) else 0
    score += 1 if _INTRODUCTION.search("\n".join(top.split("\n")[:6])) else 0
    score += 1 if _DATE_LINE.search(top) else 0
    score += 2 if _OPENING.match(top.lstrip()) else 0  # "Cugnaux, le 12 décembre…" heads the page: a letter
    score += 1 if _POSTCODE.search(top) else 0
    score += 2 if _TITLE.search(top) or form else 0
    score += 2 if _TO_LANDLORD.search(top) else 0
    score += 1 if _ADMIN_HEAD.search(top) else 0
    head6 = "\n".join(top.split("\n")[:6])
    score += 4 if _MAIL_HEADER.search(head6) or _GMAIL_HEAD.search(head6) or PRINTED_SENDER.search(head6) else 0
    signed_off = _CLOSING.search(prev_bottom)
    closed = signed_off or _SIGNED_WITH_CONTACTS.search(_last_lines(prev))
    score += 1 if closed else 0
    if closed and lines and _GREETING.match(_fold(lines[0])):
        score += 1  # « Madame, Monsieur, » opening the page after a letter that closed: a letter of its own
    sender = bool(_SENDER_TOP.match(top))
    score += 1 if sender else 0
    if signed_off and sender:
        score += 1  # a writer's name and address heading the page after a letter signed off: another letter
    if (len(lines) <= SHORT_NOTE_LINES and (signed_off or _SIGN_OFF.search(_last_lines(prev, 4)))
            and _SIGN_OFF.search(_fold("\n".join(lines)))):
        score += 3  # a note of a few lines signed off on its own after a letter that closed: another writer's
    stamped_before, stamped_now = _stamp_dates(previous), _stamp_dates(current)
    if stamped_before and stamped_now and not stamped_before & stamped_now:
        score += 3  # each page stamped on arrival, on other days: two pieces of mail
    before, now = _INVOICE_NUMBER.search(prev), _INVOICE_NUMBER.search(top)
    if before and now and before.group(1) == now.group(1):
        score -= 5  # the same invoice goes on
    ours_before, ours_now = {m.group(1) for m in _OUR_REFERENCE.finditer(prev)}, _OUR_REFERENCE.search(top)
    if ours_now and ours_now.group(1) in ours_before:
        score -= 5  # the office's own file number again (« Nos réf. : 20/04418 » over its statement of costs)
    if script_change:
        score += 2
    if _new_letterhead(prev_lines, lines):
        score += 2
    if _CONTINUED.search(top[:80]):
        score -= 2
    first = current.lstrip()[:1]
    if first.isalpha() and first.islower():
        score -= 1  # a sentence carried over from the previous page
    return score


def document_starts(texts: list[str], scripts: list[str | None] | None = None) -> list[int]:
    """Indexes (0-based) of the pages that start a document; the first page always does.
    ``scripts``: each page's "print" or "hand" when the OCR could tell (see ``script_of``)."""
    if not texts:
        return []
    scripts = scripts or [None] * len(texts)
    starts = [0]
    for i in range(1, len(texts)):
        change = None not in (scripts[i - 1], scripts[i]) and scripts[i - 1] != scripts[i]
        if start_score(texts[i - 1], texts[i], change) >= START_SCORE:
            starts.append(i)
    return starts
