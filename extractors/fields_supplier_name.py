"""The supplier's name when the registry does not know it, read from the document.

In order: the legal mention (``Télécom Sud SAS au capital de 1 000 000 € - RCS Paris ...``,
``ACME Software Ltd, registered in England, company no. ...``): the name printed before (or
after) the legal form; else the letterhead's first line that is a company name: never a
tagline (``Votre expert chauffage depuis 1985``), a trade list (``Plomberie - Chauffage -
Sanitaire``), an address, a document title, nor the customer (PATRIMOINE, the landlord, or the
lines under ``Client :``/``Bill to:``). A name matching the web site or e-mail domain is
preferred. The legal form is dropped (SPEC: the registry's name when matched, else the name),
and a name printed in capitals is given as spelled (:func:`natural_case`).
"""

from __future__ import annotations

import re

from extractors.fields_labels import Doc
from extractors.name_case import natural_case
from extractors.parsing import fold, restore_accents
from extractors.person_names import known_first
from extractors.supplier_initials import (abbreviates, contracts, dotted, initials_of, name_before_initials,
                                          name_beside_initials, spelt_out, words_of)
from extractors.supplier_name_forms import named_beside, punctuated, trade_name_of

LEGAL_FORMS = (r"GmbH\s*&\s*Co\.?\s*KG|KGaA|KG|e\.\s?K\.?|OHG|S\.r\.l\.?|S\.A\.U\.|A/S|ApS|Lda\.?|S\.?A\.?S\.?U?|S\.?A\.?R\.?L\.?U?|SàRL|E\.?U\.?R\.?L\.?|S\.?A\.?|S\.?C\.?O\.?P\.?|SNC|SCI|SCP|SCM|SELARL|"
               r"SELAS|SCIC|SCA|SCS|GIE|SEM|SPL|GmbH|Ltd\.?|Limited|LLC|LLP|Inc\.?|PLC|plc|B\.V\.?|BV|N\.V\.?|NV|S\.L\.?U?|SLU?|"
               r"S\.p\.A\.?|S\.P\.A\.?|SpA|AG|S\.R\.L\.?|Srl|Sp\. z o\.o\.|E\.I\.|EI|"
               # printed in capitals, and Belgian forms (« GRAPHIS SPRL », « BRIGHTGATE SOFTWARE LTD »)
               r"LTD\.?|GMBH|INC\.?|SRL|SPRL|Sprl|sprl|srl|scrl|S\.P\.R\.L\.?|SCRL|BVBA|SA/NV|NV/SA")
_FORM_RE = re.compile(r"(?<![\w.])(?:" + LEGAL_FORMS + r")(?![\w])")
_FORM_WORDS = re.compile(r"\b(?:soci[ée]t[ée] (?:publique locale|d'[ée]conomie mixte|civile(?: immobili[èe]re| professionnelle)?|"
                         r"par actions simplifi[ée]e(?: unipersonnelle)?|anonyme|à responsabilit[ée] "
                         r"limit[ée]e|coop[ée]rative[\w ]*?|en nom collectif)|entreprise unipersonnelle à responsabilit[ée] "
                         r"limit[ée]e)\b", re.I)
_LEGAL_CONTEXT = re.compile(r"capital|\brcs\b|r\.c\.s|siret|siren|\bape\b|\bnaf\b|\btva\b|\bvat\b|registered|company\s+(?:no|number|reg)|"
                            r"immatricul|si[eè]ge|\bkvk\b|\bcif\b|handelsregister|\bhr[ab]\b|\bnif\b|amtsgericht|"
                            r"registergericht|ust-?id|steuernummer|partita\s+iva|p\.\s?iva|codice\s+fiscale|\brea\b|"
                            r"registro\s+mercantil|btw-?(?:nummer|nr)", re.I)
_CUSTOMER = re.compile(r"patrimoine|office (?:public )?(?:de l'|du )?(?:habitat|logement)|bailleur|"
                       # the landlord's team an invoice is addressed to
                       r"comptabilite\s+(?:des\s+)?fournisseurs|service\s+(?:des\s+)?(?:comptabilite|achats)")
_CUSTOMER_HEADS = re.compile(r"^\s*(?:client|factur[ee]\s+a|adresse\s+de\s+facturation|destinataire|bill(?:ed)?\s+to|"
                             r"invoice\s+to|ship\s+to|sold\s+to|customer|livr[ee]\s+a|adresse\s+de\s+livraison|"
                             r"a\s+l'attention|attn)\b")
_TAGLINE = re.compile(r"^(?:votre|vos|notre|nos|your|our|we|since|depuis|pour|for|tout|toute|tous|all|n°\s*1)\b|"
                      r"\bdepuis\b|\bsince\b|specialiste|(?<!['’])\bexperts?\b|partenaire|\bpartners?\b|\bleader|\bau service\b|"
                      r"\bsolutions?\s+(?:pour|for)\b|\bqualite\b|\bsavoir-faire\b|\bconfiance\b|[!?.]$")
# "Le spécialiste de...", "La qualité...": an article then a lower-case word (not "La Poste")
_ARTICLE_PHRASE = re.compile(r"^(?:(?:Le|La|Les|Un|Une|Des|Du|Au|Aux|The|A|An)\s+|L')[a-zà-ÿ]")
# a copy's mark (« COPIE », « Copie client », « copie pour information »), not « COPIE SUD BUREAUTIQUE », a name
_COPY_MARK = (r"^copie\b(?:\s+(?:client|conforme|certifiee?|fournisseur|comptab\w*|archive|originale?|duplicata))?\s*$|"
              r"\bcopie\s+(?:de|du|des|pour|a|au|aux)\b|\bpour\s+copie\b|\bcopie\s*:|\(copie\)|\bcopie\b(?=.*\bne\s+pas\b)")
_NOT_NAME = re.compile(r"facture|invoice|\bavoir\b|credit\s+note|\bdevis\b|quot(?:e|ation)\b|estimate|proforma|\bdate\b|"
                       r"\bn°|\bno\.|(?<!['’])\btel\b|tel\.|telephone|\bphone\b|\bfax\b|\bmobile\b|portable|e-?mail|courriel|@|www|https?:|"
                       r"\.(?:fr|com|net|eu)\b|siret|siren|\brcs\b|\btva\b|\bvat\b|\biban\b|\bbic\b|\bpage\b|\bobjet\b|"
                       r"\bobject\b|\btotal\b|\bmontant\b|\bamount\b|\breference\b|\bref\b|adresse|address|\bbp\b|cedex|"
                       r"\bcs\s*\d|\brue\b|\bavenue\b|\bav\.|boulevard|\bbd\b|\bchemin\b|\ballee\b|\bimpasse\b|\bplace\b|"
                       r"\broute\b|\bquai\b|\bzone\b|\bza\b|\bzi\b|\bzac\b|lieu-dit|\bstreet\b|\broad\b|\blane\b|"
                       r"\bsuite\b|\bfloor\b|madame|monsieur|\bcapital\b|\boriginale?\b|duplicata|" + _COPY_MARK + r"|"
                       r"recapitulatif|\bdesignation\b|\blibelle\b|\bsummary\b|\bstatement\b|\breleve\b|\bclient\b|\bcustomer\b|\bavis\b|echeance|"
                       r"bordereau|acompte|situation\s+de\s+travaux|honoraires|\bcommande\b|livraison|attestation|"
                       # a sole trader's status, printed under the name: no name itself
                       r"entrepreneur\s+individuel|auto-?\s?entrepreneur|micro-?\s?entreprise|entreprise\s+individuelle|"
                       r"\bdetail\b|\bpayment\b|\breglement\b|\bpaiement\b|\bbill\b|\breceipt\b|\brecu\b|cordialement|"
                       r"salutations|bonjour|\bmerci\b|regards|sincerely|\bdear\b|\bobjet\b|\bsubject\b")
_DOMAIN_RE = re.compile(r"(?:www\.|@|https?://(?:www\.)?)([a-z0-9][a-z0-9\-]{1,40})\.[a-z]{2,4}\b", re.I)


def strip_legal_form(name: str) -> str:
    """``Menuiserie Dupuis SARL`` -> ``Menuiserie Dupuis``; ``SAS ACME`` -> ``ACME``."""
    s = name.strip(" ,;:-–.")
    for _ in range(2):
        s = re.sub(r"(?:[\s,]+|\s*-\s*)\(?(?:" + LEGAL_FORMS + r")\)?\s*$", "", s).strip(" ,;:-–")
        s = re.sub(r"^(?:" + LEGAL_FORMS + r")\s+(?=\w)", "", s).strip()
        s = re.sub(r"\s+LIMITED$", "", s)  # at the end only (« LIMITED EDITION PRINT » is a name)
    s = re.sub(r"^(?:soci[ée]t[ée]|sté|ste|ets\.?|établissements)\s+(?=\S+\s+\S)", "", s, flags=re.I)
    if re.fullmatch(r"(?:(?:" + LEGAL_FORMS + r")\s*)+", s.strip(" ,;:-–")):
        return ""  # « SCOP SARL »: forms only, no name
    return s.strip(" ,;:-–")


# the customer's country under its address, a vendor abroad writing to France
_COUNTRY = re.compile(r"(?:france|frankreich|frankrijk|francia|franca|frankrike|germany|deutschland|allemagne|italia|italie|"
                      r"italy|espana|espagne|spain|nederland|pays-bas|netherlands|belgique|belgie|belgium|united\s+kingdom|"
                      r"royaume-uni|ireland|irlande|suisse|schweiz|luxembourg|portugal)")
# an Italian or German salutation over the addressee (« Spett.le PATRIMOINE », « Messrs »)
_ADDRESSEE_WORD = re.compile(r"^(?:spett(?:\.le|abile)|egregi|gentile|messrs\.?|z\.?\s?h\.?(?:\s+v\.?)?|an\s+die|aan|a\s+l'attention)\b")


# a profession alone under a practitioner's name (« SOLÈNE FERRAND-IDRISSI » over « AVOCAT »): no name
_PROFESSION = re.compile(r"(?:avocate?s?|avocats?\s+associes|notaires?(?:\s+associes)?|huissiers?(?:\s+de\s+justice)?"
                         r"(?:\s+associes)?|commissaires?\s+de\s+justice(?:\s+associes)?|experts?-comptables?|"
                         r"architecte|geometre-expert|mandataire\s+judiciaire)")


_OWNER_AND_TRADE = re.compile(r"[^\W\d_][\w'\-]+\s+[^\W\d_][\w'\-]+\s+[-–]\s+\S")


def _name_like(s: str) -> bool:
    f = fold(s)
    words = s.split()
    # a long public body's name in capitals: « REGIE EAU & ASSAINISSEMENT DU PAYS TOLOSAN »
    longest = 10 if s.isupper() else 6  # (« RÉGIE DES EAUX DU GIROU ET DE LA SAUNE »)
    if not 1 <= len(words) <= longest or len(s) < 2 or len(s) > 60:
        return False
    if _COUNTRY.fullmatch(f.strip()) or _ADDRESSEE_WORD.match(f.strip()) or _PROFESSION.fullmatch(f.strip()):
        return False
    if re.match(r"[\w.'’\- ]{2,25}?\s?:\s", s):
        return False  # a label and its value (« Site : Res. les Terrasses d'Andromède »)
    if not re.search(r"[A-Za-zÀ-ÿ]{2}", s) or re.search(r"\d{3}", s) or _NOT_NAME.search(f):
        return False
    if _TAGLINE.search(f) or _ARTICLE_PHRASE.match(s) or _CUSTOMER.search(f):
        return False
    caps = [w for w in words if w[0].isupper() or w[0].isdigit() or w[0] in "&'(\"«"]
    return len(caps) >= max(1, len(words) - 2) and (words[0][0].isupper() or words[0][0] in "&'\"«"
                                                    or re.match(r"\d[A-Za-z]", words[0]) is not None)  # « 3D Occitanie »


def _trade_list(cell: str) -> bool:
    parts = [p for p in re.split(r"\s[-–/•·|,]\s|\s*[•·|/,]\s*", cell) if p.strip()]
    return len(parts) >= 3 or (len(parts) == 2 and all(len(p.split()) <= 2 for p in parts)
                                 and not any(p.strip()[:1].isupper() and p.strip().isupper() for p in parts[:1]))


def from_legal_mention(doc: Doc) -> str | None:
    """The name in the legal mention (last one in the document: usually the footer)."""
    lines = doc.text.splitlines()
    for ln in reversed(lines):
        if not _LEGAL_CONTEXT.search(ln):
            continue
        segs = [x.strip() for x in re.split(r"\s[-–|•·]\s|\s{3,}|;", ln)]
        for k, seg in enumerate(segs):
            name = _name_in_segment(seg, segs[k - 1] if k else "")
            if name:
                return name
    return None


# the supplier's bank, named beside its identifiers: « USt-IdNr. DE… - UniCredit Bank AG »
_BANK = re.compile(r"\b(?:bank|banque|sparkasse|volksbank|raiffeisen\w*|banca|banco|bancaire|rabobank|abn\s+amro|"
                   r"caisse\s+d.epargne|credit\s+(?:agricole|mutuel|lyonnais|cooperatif|du\s+nord)|bnp|hsbc|barclays|"
                   r"societe\s+generale|intesa|unicredit|santander|lloyds|natwest)\b", re.I)


def _name_in_segment(seg: str, previous: str = "") -> str | None:
    m = _FORM_RE.search(seg) or _FORM_WORDS.search(seg)
    if not m or _BANK.search(fold(seg)):
        return None
    before = seg[:m.start()].strip(" ,(")
    before = re.split(r"[.:;]\s|\s[-–]\s", before)[-1].strip()
    if before and not re.search(r"capital|\d{3}", before, re.I):
        cand = strip_legal_form(before)
        if cand and _name_like(cand):
            return cand
    if before:
        return None
    after = seg[m.end():].strip(" ,)")
    after = re.split(r",|(?:^|\s)(?:au capital|capital|rcs|siret|immatricul|registered|dont|with)\b", after,
                     flags=re.I)[0].strip()
    if after and _name_like(after) and _name_like(strip_legal_form(after) or "-"):
        return strip_legal_form(after)  # (not « à » of « SCOP SARL à capital variable »)
    if previous and _name_like(previous) and not _LEGAL_CONTEXT.search(previous):
        return strip_legal_form(previous)  # "TELECOM SUD - SAS au capital de ..."
    return None


def _cells(line: str) -> list[tuple[int, str]]:
    """(column, text) of the cells of a line (a layout-preserving text separates them by 3+ spaces)."""
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", line)]


def _customer_columns(lines: list[str]) -> dict[int, tuple[int, int]]:
    """Line -> (column where the customer's block starts on it, column where its first cell
    ends): from a ``PATRIMOINE`` or ``Client :`` cell down to a blank line or its postal code
    and the country under it (at most 7 lines)."""
    out: dict[int, tuple[int, int]] = {}
    for i, ln in enumerate(lines):
        head = next(((c, c + len(cell)) for c, cell in _cells(fold(ln))
                     if _CUSTOMER.search(cell) or _CUSTOMER_HEADS.search(cell)), None)
        if head is None:
            continue
        col = head[0]
        for j in range(i, min(i + 7, len(lines))):
            if j > i and not lines[j].strip():
                break
            out[j] = (min(out.get(j, head)[0], col), head[1])
            if re.search(r"\b\d{5}\b", lines[j][max(0, col - 3):]):
                if j + 1 < len(lines) and _COUNTRY.fullmatch(fold(lines[j + 1]).strip()):
                    out[j + 1] = (col, head[1])
                break
    return out


def _in_customer_block(block: tuple[int, int] | None, col: int, cell: str) -> bool:
    """A cell of the customer's block: aligned on its left edge, or on its right one (an
    address block pushed to the right margin)."""
    return block is not None and (abs(col - block[0]) <= 8 or abs(col + len(cell) - block[1]) <= 2)


# the piece's title at the end of the letterhead's line
_TITLE_TAIL = re.compile(r"(?<=\w)\s+(?:facture(?:\s+d'avoir|\s+rectificative)?|invoice|avoir|note\s+de\s+cr[ée]dit|"
                         r"credit\s+(?:note|memo)|devis|quot(?:e|ation)|estimate|rechnung|factuur|factura|fattura)"
                         # (« … FACTURE D'ELECTRICITE », « … AVOIR - FACTURE DE REGULARISATION »: its kind after it)
                         r"(?:(?:\s+-)?\s+(?:d['’]|de\s+|du\s+)?(?:facture\s+(?:d['’]|de\s+))?[a-zà-ÿ'’]{3,})?"
                         r"(?:\s+(?:n°|n\.|no\.?|nr\.?|#)\s*(?:[A-Za-z]{1,4}\s)?\S+)?\s*$", re.I)  # (« AVOIR N. AV 000218 »)


def from_letterhead(doc: Doc, max_lines: int = 12) -> str | None:
    raw = doc.text.splitlines()[:60]
    customer = _customer_columns(raw)
    lines = [(i, ln) for i, ln in enumerate(raw) if ln.strip()][:max_lines]
    domains = {re.sub(r"[^a-z0-9]", "", d.lower()) for d in _DOMAIN_RE.findall(doc.text[:6000])}
    domains -= {"gmail", "orange", "wanadoo", "free", "sfr", "laposte", "yahoo", "hotmail", "outlook",
                "notaires", "avocat", "avocats", "huissier-justice", "commissaire-justice", "experts-comptables"}
    # the name's first word in a domain of several (« kellerhoff-tk.de »: « Kellerhoff Türkommunikation »)
    # (a trade's word is no name: « huissiers-dka31.fr »)
    word_domains = {w for d in _DOMAIN_RE.findall(doc.text[:6000]) for w in d.lower().split("-")[:1] if "-" in d} - {
        "huissier", "huissiers", "commissaire", "commissaires", "experts", "avocat", "avocats", "notaire", "notaires",
        "cabinet", "etude"}
    best: tuple[float, str] | None = None
    scored: list[tuple[float, str]] = []
    for rank, (i, ln) in enumerate(lines):
        for k, (col, cell) in enumerate(_cells(ln)):
            if _in_customer_block(customer.get(i), col, cell) or cell.rstrip().endswith(":"):
                continue  # a cell of the customer's block (left- or right-hand column), a label (« De : »)
            cell = re.sub(r"\s*<[^>\n]*>", "", cell)  # a mail header's sender: « Toitures Oliveira <…@gmail.com> »
            cell = _TITLE_TAIL.sub("", cell)  # the title's column read into the name's line (« … - SCOP SA FACTURE N. FAC210512 »)
            with_form = bool(_FORM_RE.search(cell)) and not _LEGAL_CONTEXT.search(cell)
            if with_form:  # « Vox Citofoni S.r.l. - Sistemi citofonici »: the part that holds the form
                cell = _partners(cell) or _part_with_form(cell)
            cell = strip_legal_form(cell) if with_form else _before_description(cell.strip(" ,;:-–"))
            cell = name_beside_initials(cell)
            cell = _TITLE_TAIL.sub("", cell)  # « NORDLANE PRINT SERVICES   CREDIT MEMO » read as one line
            if not cell or not _name_like(cell) or (not with_form and _trade_list(cell)):
                continue
            score = -rank - 0.5 * k
            flat = re.sub(r"[^a-z0-9]", "", fold(cell))
            if flat and any(flat in d or d in flat or (len(d) >= 5 and flat.startswith(d))
                            for d in domains | word_domains if len(d) >= 3):
                score += 6
            if with_form:
                score += 4
            if len(cell.split()) == 1:  # a logo's word or initials: the full name is often just below
                score -= 2 if len(cell) <= 3 else 1.2
            elif _OWNER_AND_TRADE.match(cell) and known_first(cell.split()[0]):
                score -= 1  # the owner's name and trade under the firm's (« JORDI PUIGVERT - ELECTRICITE GENERALE »)
            scored.append((score, cell))
            if best is None or score > best[0]:
                best = (score, cell)
    return _trade_name_over_owner(best[1], scored) if best else _logo_in_small_letters(lines)


def _logo_in_small_letters(lines: list[tuple[int, str]]) -> str | None:
    """A name set in small letters as a logo heading the page (« énergies de l'Autan »), over
    its description, when no other line gave one: its words but the first are a name's."""
    if len(lines) < 2 or not re.fullmatch(r"[a-zà-ÿ]{5,}(?:[ \t][\w'’\-]+){1,4}", lines[0][1].strip()):
        return None
    cell = lines[0][1].strip()
    cell = cell[0].upper() + cell[1:]
    return cell if _name_like(cell) and re.search(r"\b(?:[a-z]')?[A-ZÀ-Þ]", cell[1:]) else None


def _part_with_form(cell: str) -> str:
    """The part of a letterhead's line that holds the legal form, with the name before it when
    the form stands alone (« LES JARDINS DE L'HERS - SCOP SARL »)."""
    parts = re.split(r"\s[-–|•·:]\s", cell)  # (« · » read « : »)
    k = next(k for k, part in enumerate(parts) if _FORM_RE.search(part))
    return parts[k - 1] + " " + parts[k] if k and not strip_legal_form(parts[k]) else parts[k]


# a practice of partners named for them: « SELARL CASTERAN - MOULIS » (lawyers, bailiffs, notaries)
# (with their given names: « SCP Jean-Marc LACOMBE - Sophie RICARD »)
_GIVEN = r"(?:[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?\s+)?"
_PARTNERS = re.compile(r"^(?P<form>SELARL|SCP|SELAS|SELAFA|SELCA|SCM|AARPI)\s+(?P<rest>.+)$")
_PARTNER = re.compile(r"(?P<given>" + _GIVEN + r")(?P<surname>[A-ZÀ-Þ][A-ZÀ-Þ'\-]{2,})")


def _partners(cell: str) -> str | None:
    """« SCP LARRIEU - MBARGA - TEISSEIRE »: two partners or more, up to what is not a partner's name."""
    m = _PARTNERS.match(cell.strip())
    if not m:
        return None
    names = []
    for part in re.split(r"\s[-–]\s", m["rest"]):
        p = _PARTNER.match(part := part.strip())
        if not p or (p.end() < len(part) and not part[p.end()].isspace()):
            break
        names.append(p)
        if p.end() < len(part):
            break  # « … - MOULIS Avocats associés »: the last partner, then the trade
    if len(names) < 2:
        return None
    if any(p["given"] for p in names):
        return f"{m['form']} " + " - ".join(p["given"] + p["surname"] for p in names)
    return f"{m['form']} " + "-".join(p["surname"] for p in names)


# a name, then what the firm does in lower case: « PYRÈNE GRIMPE - Élagage & abattage »
_DESCRIPTION = re.compile(r"^(?P<name>[^a-zà-ÿ]*[A-ZÀ-Þ][^a-zà-ÿ]*?)(?:\s+[-–]\s+(?=\S*[a-zà-ÿ])|"
                          r"\s+(?=(?:Agence|Succursale|Direction\s+r[ée]gionale)\s+[A-ZÀ-Þ]))")  # (a branch's column)


def _before_description(cell: str) -> str:
    m = _DESCRIPTION.match(cell)
    return m.group("name") if m and len(m.group("name").split()) <= 5 else cell


def _trade_name_over_owner(best: str, scored: list[tuple[float, str]]) -> str:
    """A sole trader's letterhead: their name (« Tomasz KOWALCZYK »), then the trade name that
    holds their surname (« VITRERIE KOWALCZYK »): the firm's name is the trade name."""
    words = best.split()
    if len(words) != 2 or not known_first(words[0]):
        return best
    surname = fold(words[1])
    named = [(sc, c) for sc, c in scored if c != best and surname in fold(c).split()]
    return max(named)[1] if named else best


def guess_supplier_name(doc: Doc) -> str | None:
    """The supplier's name as printed, without its legal form, or None: the legal mention's,
    unless the letterhead spells the same name out in full (« ETSO » for « ÉTANCHÉITÉ TOITURES
    SAINT-ORENS », « Marty & Fils » for « PLOMBERIE CHAUFFAGE MARTY & FILS »)."""
    legal, head = from_legal_mention(doc), from_letterhead(doc)
    name = head if legal and head and (spelt_out(legal, head, doc.text) or _subsidiary(legal, head)
                                       or trade_name_of(legal, head) or named_beside(legal, head, doc.text)
                                       or punctuated(legal, head)) \
        else legal or head
    words = name.split() if name else []
    if len(words) >= 3 and fold(words[0]) in {fold(w) for w in words[1:]}:
        name = " ".join(words[1:])  # a logo's word read again before the name (« MESSTECHNIK Brandstätter Messtechnik »)
    if name:
        first, _, rest = name.partition(" ")
        letters = "".join(words_of(first))
        if first.isupper() and len(letters) >= 2 and letters == initials_of(words_of(rest)):
            name = rest.strip(" -–:")  # « C.S.T. Chauffage Sanitaire Toulousain », « C.E.T. - CHAUFFAGE … »: the initials, then the name
    if name and re.fullmatch(r"[A-Z0-9&]{2,6}", name):
        name = _spelled_after(name, doc.text) or name
    # « Chaleur Pyrénées Maintenance (CPM) », « COMPTOIR TOULOUSAIN DU SANITAIRE - CTS »
    short = re.fullmatch(r"(?P<name>.+?)\s*(?:\((?P<short>[A-Z0-9&.]{2,10})\)|\s[-–]\s(?P<after>[A-Z0-9&.]{2,10}))", name or "")
    if short and short["after"]:
        short = short if abbreviates("".join(words_of(short["after"])), words_of(short["name"])) else None
    if short and (short["after"] or abbreviates("".join(words_of(short["short"])), words_of(short["name"]))
                  or fold(short["short"]) == fold(legal or "")):
        name = short["name"]  # « Chaleur Pyrénées Maintenance (CPM) »: the name, then its initials
    if name:  # a capital I read as l before a consonant no word begins with (« Lacombe-ldrissi »)
        name = re.sub(r"(?<![^\s\-'])l(?=[bcdfghjkmnpqrstvwxzBCDFGHJKMNPQRSTVWXZ])", "I", name)
    return restore_accents(natural_case(name, doc.text), doc.text) if name else None


def _spelled_after(short: str, text: str) -> str | None:
    """The name a logo's initials stand for, printed beside them: on the line above, its
    initials exactly (« ASCENSEURS GARONNE MAINTENANCE » over « AGM - … »); after them, on the next
    line (« SOIS » over « Sud-Ouest Informatique Services »), after a dash (« SOIS - Sud-Ouest … -
    2 rue … ») or after a space, when the dash was lost."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    spaced = dotted(short)
    for k, line in enumerate(lines):
        form = _FORM_RE.match(line)
        line = line[form.end():].strip() if form else line  # « SARL APG - ATELIER PEINTURE GARONNE »
        before = name_before_initials(line, short)
        if before:
            return before
        if line.startswith(spaced) and re.match(r"\s*[-–]\s", line[len(spaced):]):
            # « A.P.S.O. - ANTIPARASITES DU SUD-OUEST » on one line (« S.E.M.T. » alone over its
            # name is a logo, and the name)
            line = short + line[len(spaced):]
        if not re.match(re.escape(short) + r"\b", line):
            continue
        # « ASCENSEURS GARONNE MAINTENANCE » over « AGM - Installation … » (the title read into its line: « … FACTURE »)
        above = _TITLE_TAIL.sub("", lines[k - 1]) if k else ""
        if (2 <= len(words_of(above)) <= 6 and not re.search(r"\d", above)
                and initials_of(words_of(above)) == fold(short).lower()):
            return above
        rest = re.split(r"\s{3,}", line[len(short):].strip())[0]  # not the next column (« … PAGE 1/2 »)
        if not rest:
            after = lines[k + 1] if k + 1 < len(lines) else ""
        elif rest[0] in "-–":
            after = rest[1:].split(" - ")[0].strip()
        else:  # the dash lost (« AOM ASCENSEURS OCCITANS MAINTENANCE »): the words' initials exactly
            after = rest.split(" - ")[0].strip()
            if initials_of(words_of(after)) != fold(short).lower():
                continue
        words = words_of(after)
        # (« SIEVH » over « SYNDICAT INTERCOMMUNAL DES EAUX DE LA VALLEE DE L'HERS »: small words count too)
        if 2 <= len(words) <= 10 and not re.search(r"\d", after) and (
                abbreviates(fold(short), words) or rest[:1] in ("-", "–") and contracts(fold(short).lower(), words)):
            return after
    return None


def _subsidiary(legal: str, head: str) -> bool:
    """« Brightlane Cloud Services France »: a group's French company, the brand's name then its country."""
    a, b = fold(legal).strip(), fold(head).strip()
    return a.startswith(b + " ") and bool(_COUNTRY.fullmatch(a[len(b):].strip()))
