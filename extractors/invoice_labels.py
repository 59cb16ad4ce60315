"""The labels of suppliers' documents: their number (per type), their order reference, their
dates; and which short line is one of them alone (a header table's key, see
:mod:`extractors.stacked_cells`). Patterns run on folded text (lower case, no accents)."""

from __future__ import annotations

import re

from extractors import invoice_labels_eu as eu
from extractors.parsing import fold

# (« N. » too, before a token holding a digit: « FACTURE N. HSO-7715 », « ETAT DE FRAIS N. EF21-04512 », « AVOIR N. AV 000218 »)
NO = r"(?:n\.?\s?[°*?]\s?\.?|n\s?o(?![a-z])\s?\.?|num(?:ero)?(?![a-z])\.?|n\.(?=[ \t]*(?::[ \t]*)?(?:[a-z]{1,4}[ \t])?[a-z0-9\-/]*\d)|#)"
_EN_NO = r"(?:number|nr\.?|ref(?:erence)?\.?|id(?![a-z])|" + NO + r")"
# "N" whose degree sign OCR lost, before a token holding a digit ("AVOIR N A-007")
# (« FACTURE N : 2021-017 »; « DEVIS N2 P-21/0347 »: the small raised o of « Nº » read as a 2)
_NO_OCR = r"(?:" + NO + r"|n2?(?=\s(?::[ \t]?)?[a-z0-9\-/.]*\d))"
# a « N° » standing alone, for every type: on a line of its own (« ÉTAT DE FRAIS - FACTURE » then
# « N° 2021-03318 »), or in a cell of its own after the title (« ESTIMATION DE TRAVAUX   n° EST 21/087 »)
_NO_ALONE = [
    (2, r"(?m)^[ \t]*" + NO + r"\s*:?(?=[ \t]*[A-Za-z0-9/-]*\d)"),
    (2, r"(?<=   )" + NO + r"\s*:?(?=[ \t]*[A-Za-z]{0,5}[ \t]?[A-Za-z0-9/-]*\d)"),
]
NUMBER_LABELS = {
    "supplier_invoice": [
        (0, r"\bfacture\s*" + _NO_OCR + r"\s*:?"),
        (1, r"(?m)^[ \t]*acture\s+(?=[a-z]{0,4}[\-/]?\d)"),  # the title's F lost at the scan's edge (« ACTURE F20-03-2241 »)
        (0, r"\bf a c t u r e\s*" + _NO_OCR + r"\s*:?"),  # a title spaced out (« F A C T U R E  N° … »)
        # "Facture d'honoraires n°", "Facture de travaux n°", "Facture du 14 janvier 2021 n°"
        (0, r"\bfacture(?:[ \t]+(?:d'|de[ \t]+|du[ \t]+)?(?!situation\b)[a-z0-9']+){1,4}?[ \t]*" + NO + r"\s*:?"),  # on one line
        # « FACTURE DE SITUATION DE TRAVAUX N° 4 »: the progress statement's rank, after a « N° de facture »
        (1, r"\bfacture(?:[ \t]+(?:d'|de[ \t]+|du[ \t]+)?[a-z0-9']+){1,4}?[ \t]*" + NO + r"\s*:?"),
        (0, r"\b(?:note\s+d'honoraires(?:\s+et\s+(?:de\s+)?(?:frais|debours))?|(?:etat|memoire|note|releve)\s+de\s+frais|"
            r"decompte(?:\s+general)?)\s*"
            + NO + r"\s*:?"),
        (0, NO + r"\s*(?:de\s+|d'\s*)?(?:la\s+)?facture\s*:?"),
        (0, r"\bn\.\s*(?:de\s+(?:la\s+)?)?facture\s*:?"),  # « N. facture ........ : 2100457 »
        (0, r"\bnumero\s+de\s+(?:la\s+)?facture\s*:?"),
        (0, r"\b(?:tax\s+|vat\s+)?invoice\s*" + _EN_NO + r"\s*:?"),
        (1, r"\bnumero\s*(?:de\s+(?:la\s+)?facture\s*)?(?::|[ \t]*\.{3,}[ \t]*:?)"),  # (« Numéro ........ CSG/21/000784 »)
        (1, r"\bref(?:erence)?\.?\s*(?:de\s+(?:la\s+)?)?facture\s*:?"),
        (1, r"\binvoice\s*:"),
        (1, r"\binv\.?\s*" + _EN_NO + r"\s*:?"),
        (1, r"\b(?:piece|document|doc\.?|bordereau)\s*" + NO + r"\s*:?"),
        # « Référence pièce ........ FC220318 », « FACTURE Référence TEG21-T1-0077 »
        (1, r"\bref(?:erence)?\.?\s*(?:de\s+(?:la\s+)?)?(?:piece|document)\b\s*:?"),
        (1, r"\bfacture\s+ref(?:erence)?\.?\s*:?"),
        # « N° d'ordre : 2021-457 », « Numéro de document : », « No de pièce : »
        (1, r"(?:" + NO + r"|\bnumero)\s*(?:de\s+|d'\s?)?(?:ordre(?!\s+de\s+service)|document|piece)\b\s*:?"),
        (0, r"\bfacture\s+du\s+\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\s*[-–,]?\s*" + NO + r"\s*:?"),  # « FACTURE DU 12/03/2021 - N° 0457 »
        (2, r"(?m)^[ \t]*(?:facture|invoice)\s*:?"),
        # the title and its number ending the letterhead's line (« DiagnOc Expertises   FACTURE DX-21-02291 »)
        (2, r"(?m)(?<=\S)(?<!votre)(?<!notre)(?<!\bla)(?<!\bde)(?<!\bune)(?<!cette)(?<!\byour)(?<!\bthe)[ \t]+(?:facture|invoice)[ \t]+(?=[a-z]{0,4}[\-/]?\d[a-z0-9\-/]*[ \t]*$)"),
        (2, r"(?m)^[ \t]*ref(?:erence)?\.?\s*(?:" + NO + r")?\s*:"),  # « Référence : FA-2021-0457 » under the title
    ] + _NO_ALONE,
    "supplier_credit_note": [
        (0, r"\b(?:facture\s+d'avoir|avoir|note\s+de\s+credit)\s*" + _NO_OCR + r"\s*:?"),
        (0, NO + r"\s*(?:d'\s*|de\s+l'\s*)?(?:avoir|note de credit)\s*:?"),
        (0, r"\bn\.\s*(?:d'\s*|de\s+l'\s*)?avoir\s*:"),  # « N. AVOIR : VE20-0615-AV-004471 »
        (0, r"\ba v o i r\s*" + _NO_OCR + r"\s*:?"),  # a title spaced out (« A V O I R N° AV-2020-0031 »)
        # a credit note named for what it corrects: « AVOIR DE RÉGULARISATION N° 5003321876 » (not « avoir
        # de la facture n° … », the invoice it credits)
        (0, r"\b(?:avoir|note\s+de\s+credit)\s+(?:de|d'|pour)\s*(?!(?:la\s+)?facture)[a-z]{4,}(?:\s+[a-z]{2,}){0,2}?\s*"
            + _NO_OCR + r"\s*:?"),
        # a corrective invoice crediting the customer: « N° de facture rectificative : RECT-2203-118340 »
        (0, r"\bfacture\s+rectificative\s*" + NO + r"\s*:?"),
        (0, NO + r"\s*(?:de\s+(?:la\s+)?)?facture\s+rectificative\s*:?"),
        (0, r"\bcredit\s+(?:note|memo)\s*" + _EN_NO + r"\s*:?"),
        (1, r"\bnumero\s*(?:d'avoir\s*)?:"),
        (1, r"\bref(?:erence)?\.?\s*(?:de\s+l'|d')?avoir\s*:?"),
        (1, r"\bcredit\s+(?:note|memo)\s*:"),
        (2, r"(?m)^[ \t]*(?:facture\s+d'avoir|avoir|note\s+de\s+credit|credit\s+(?:note|memo))\s*:?"),
    ] + _NO_ALONE,
    "supplier_quote": [
        (0, r"\b(?:devis|proposition(?:\s+commerciale|\s+de\s+prix|\s+tarifaire|\s+financiere)?|offre(?:\s+de\s+prix|\s+commerciale)?|estimation|chiffrage)"
            r"(?:\s+(?:estimatif|descriptif|quantitatif|detaille|des?\s+travaux|d'\s?intervention))?\s*" + _NO_OCR + r"\s*:?"),
        (0, NO + r"\s*(?:de\s+|du\s+)?devis\s*:?"),
        (0, r"\b(?:quot(?:e|ation)|estimate|proposal)\s*" + _EN_NO + r"\s*:?"),
        (1, r"\bnumero\s*(?:de\s+devis\s*)?:"),
        (1, r"\bref(?:erence)?\.?\s*(?:du\s+|de\s+)?devis\s*:?"),
        # the title, then its reference: « PROPOSITION TARIFAIRE Réf. PT-2021-0907 »
        (1, r"\b(?:devis|proposition(?:\s+[a-z]+)?|offre\s+de\s+prix|estimation)\s+ref(?:erence)?\.?\s*:?"),
        (1, r"\b(?:quot(?:e|ation)|estimate)\s*:"),
        (2, r"(?m)^[ \t]*(?:proposition commerciale\s*/\s*)?(?:devis|quot(?:e|ation)|estimate)\s*:?"),
        (2, r"\b(?:notre\s+)?ref(?:erence)?\.?\s*:"),  # a proposal's « Référence : PC-2021-017 »
    ] + _NO_ALONE,
}
ORDER_LABELS = [
    (0, r"\bbon\s+de\s+(?:commande|cde)\s*(?:" + NO + r"|numero)?\s*:?"),  # « BON DE CDE : 4500011544 »
    # the public buyer's commitment (« N° d'engagement client : EJ-2020-00288 »)
    (1, r"(?:" + NO + r"|numero)\s*(?:d'\s?)?engagement(?:\s+(?:juridique|client))?\s*:?"),
    # « Bon de commande (prestations hors forfait) : BC2020-06314 »: what it orders in brackets
    (0, r"\bbon\s+de\s+commande\s*\([^)\n]{2,40}\)\s*:"),
    (0, r"\bbon\s+de\s+commande\s+(?:annuel|cadre|client|ouvert|interne)\s*(?:" + NO + r")?\s*:?"),
    (1, r"\bb\.?c\.?\s+(?:annuel|cadre|ouvert)\s*(?:" + NO + r")?\s*:?"),  # « BC ANNUEL BCA-2022-0042 »
    # « bon de travaux n° BT 2021-0156 », « Bon d'intervention PATRIMOINE n° 2020-RDZ-118 »
    (1, r"\b(?:bon|ordre)\s+(?:de\s+travaux|d'\s?intervention)(?:\s+patrimoine)?\s*(?:" + NO + r")?\s*:?"),
    (0, r"\bbon\s+de\s+commande\s+patrimoine\s*(?:" + NO + r")?\s*:?"),  # « Bon de commande PATRIMOINE : BC21-07745 »
    (1, r"\bbon\s+" + NO + r"\s*:?"),  # the order voucher, short: « (bon n° BC-21-00388) », « BON N° BC-20-11894 »
    # « Votre commande du 12/05/2020, réf. BC-20-02394 »: the order, dated, then its reference
    (1, r"\bcommande\s+du\s+\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\s*[,;\-]?\s*(?:ref(?:erence)?\.?|" + NO + r")\s*:?"),
    (1, r"\bcommande\s+(?=(?:bc|bdc|cde|cmd|po)[\s\-]?\d)"),  # « / commande BC21-002204 »
    (1, r"\byour\s+ref(?:erence)?\.?\s*:?\s*p\.?o\.?\s*(?=[a-z]{0,4}-?\d)"),  # « YOUR REF. PO BC20-003455 »
    # the same in a table's cell, or opening its line: « PO BC20-003455 », « PO DSI-2021-033 »
    (1, r"\bp\.?o\.?\s+(?=[a-z]{1,4}\d{2}[-/]\d|[a-z]{1,4}-\d{2,4}[-/]\d)"),
    # « N° bon de commande (BI) : BI-21-3307 »: the order's short name in brackets
    # (not « Votre commande n° BC 2021-04417 », where BC begins the number)
    # (nor « bon n° BC-21-00388 », its BC glued to the number)
    (0, r"(?<!commande )(?:" + NO + r"|numero)\s*(?:de\s+|du\s+)?(?:bc(?![\-/]\d)|commande|bon de commande)\b(?:\s+client)?(?:\s*\([a-z]{1,5}\))?\s*:?"),
    (0, r"\b(?:cde|commande\s+patrimoine)\s*" + NO + r"\s*:?"),
    # a public buyer's commitment (« N° de commande / engagement : EJ2020-… », « N° d'engagement (bon de commande) : »)
    (0, NO + r"\s*(?:de\s+|d'\s?)?(?:commande\s*/\s*)?engagement(?:\s+juridique)?(?:\s*\([^)\n]{2,30}\))?\s*:"),  # « Cde n° 2021-0042 », « Commande PATRIMOINE n° 21/0042 »
    (1, r"\b(?:vo(?:tre|s)\s+|v/\s*)ref(?:erence)?s?\.?\s*:\s*commande\s+(?=[a-z]{0,4}[\-/]?\d)"),  # « Vos réf. : commande 4500123456 »
    # « N. de commande PATRIMOINE : 4500123987 », « N. COMMANDE CLIENT BC20-00655 »: the
    # abbreviation, the customer named
    (0, r"\bn\.\s*(?:de\s+|du\s+)?(?:bc|commande|bon de commande)\b(?:\s+(?:client|patrimoine))?\s*:?"),
    (0, r"(?:" + NO + r"|numero)\s*(?:de\s+|du\s+)?(?:bc|commande|bon de commande)\s+patrimoine\s*:?"),
    (0, r"\bb\.?c\.?\s*" + NO + r"?\s*:"),
    (1, r"\bb\.?c\.?\s*" + NO),  # « BC n° 21-TEC-00342 du 11/01/2021 »
    (0, r"\bcommande\s*(?:" + NO + r"|numero)\s*:?"),
    # a public contract the works are ordered under (« Réf. marché : MAR-2019-ASC-07/L2 »)
    (1, r"\b(?:ref(?:erence)?\.?|" + NO + r"|numero)\s*(?:du\s+|de\s+)?marche(?:\s+public)?\s*:?"),
    # « Réf. commande PATRIMOINE : CMD21/00871 » (the customer named), wins over a « Marché n° »
    (0, r"\bref(?:erence)?\.?\s*(?:de\s+(?:la\s+)?)?commande(?:\s+(?:client|patrimoine))?\s*:?"),
    (0, r"\b(?:purchase\s+order|p\.?o\.?)\s*" + _EN_NO + r"?\s*:"),
    (0, r"\b(?:purchase\s+order|p\.?o\.?)\s*" + _EN_NO),
    # a bilingual label, the number right after it: « Bon de commande / Purchase order 4500012873 »
    (0, r"\bpurchase\s+order(?=\s+[a-z]{0,4}[\-/]?\d)"),
    (1, r"\b(?:your\s+)?order\s*" + _EN_NO + r"\s*:?"),
    (1, r"\bvotre\s+(?:commande|cde)\s*(?:" + NO + r")?\s*:?"),
    (1, r"\bv/\s*(?:ref(?:erence)?\.?\s+)?(?:commande|cde)\s*:?"),  # « V/REF CDE : 4500014021 »
    (0, r"(?m)^[ \t]*commande\s*:"),  # a header's field of its own (« COMMANDE : 4500017790 » under « MARCHE : … »)
    (1, r"\bcommande\s*:"),
    (2, r"(?m)^[ \t]*commande[ \t]+(?=[a-z]{0,4}[\-/]?\d[\w\-/]{3,}[ \t]*$)"),  # a header's « Commande   4500219410 »
    (0, r"\b(?:commande|cde)\s+client\s*(?:" + NO + r")?\s*:"),  # « Commande client : 4500187322 », « CDE CLIENT : BC20-01562 »
    # public works: the contract ("marché n°") and the work order ("ordre de service n°")
    (1, r"\bmarche\s*(?:public\s*|subsequent\s*)?(?:" + NO + r"\s*:?|:)"),
    # the customer's reference, when it reads as a purchase order (« Votre référence : BC-2021-00219 »)
    (2, r"\bvo(?:tre|s)\s+ref(?:erence)?s?\.?\s*:\s*p\.?o\.?\s*(?=\d)"),  # « Vos réf. : PO 4500021958 »
    (2, r"\b(?:vo(?:tre|s)\s+|v/\s*)ref(?:erence)?s?\.?\s*:(?=\s*(?:bc|bdc|cmd|cde|po)\b)"),
    (1, r"\b(?:votre\s+)?ordre\s+(?:de\s+)?service(?:\s+patrimoine)?\s*(?:" + NO + r")?\s*:?"),
    (1, r"\bordre\s+de\s+mission\s*(?:" + NO + r")?\s*:"),  # a diagnostician's « Ordre de mission : OM-21-0412 »
    (1, r"\byour\s+(?:p\.?o\.?|order)\b\s*:?"),
]
# "Date" alone, unless another date's label ("Delivery date", "Due date")
_NOT_INVOICE_DATE = "".join(f"(?<!{w} date)" for w in ("delivery", "order", "due", "shipping", "service", "start", "end",
                                                       "expiry", "payment", "value", "issue", "invoice", "tax point"))
DATE_LABELS = [
    ("invoice_date", 0, r"\bdate\s*(?:de\s+(?:la\s+)?|du\s+|d'\s*|de\s+l'\s*)?(?:facture|facturation|avoir|devis|emission|"
                        r"edition|etablissement)\s*:?"),
    ("invoice_date", 0, r"\b(?:invoice|billing|issue|credit\s+note|quot(?:e|ation)|estimate|tax\s+point)\s+date\s*:?"),
    ("invoice_date", 0, r"\bdate\s+(?:of\s+(?:the\s+)?(?:invoice|issue)|issued)\s*:?"),
    ("invoice_date", 0, r"\b(?:emise?s?|etablie?s?|facturee?s?)\s+le\b"),
    ("invoice_date", 1, r"\b(?:faite?\s+le|issued\s+on|dated)\b"),
    # a telecom's header: « Votre facture du 03/11/2020   N° de facture : … » (not a table's « Date » column)
    ("invoice_date", 1, r"\bvotre\s+facture\s+du\b(?=[ \t]*\d)"),
    # the place and date on the title's line (« FACTURE N° SMD-20-1187   Toulouse, le 16/11/2020 »)
    ("invoice_date", 1, r"(?m)^[ \t]*(?:facture|avoir|devis|note\s+d'honoraires)\b[^\n]{0,60},\s*le\b"),
    ("invoice_date", 1, r"\bdate" + _NOT_INVOICE_DATE + r"\s*:"),
    ("invoice_date", 2, r"\bdate\b" + _NOT_INVOICE_DATE
     + r"(?!\s*(?:d'|de\s|du\s|d\s|limite|d'echeance|due|of\s+(?:delivery|order)))"),
    ("invoice_date", 3, r"\b(?:facture|avoir|devis|invoice|credit\s+note|quot(?:e|ation)|note\s+de\s+credit|"
                        r"note\s+d'honoraires)\b(?!\s+(?:concernee|d'origine|initiale|rectifiee|de\s+reference))"
                        r"[^\n]{0,40}?\b(?:du|dated)\b"),
    ("invoice_date", 3, r"(?m)^[ \t]*du\b(?=[^\n]*\d{4})(?![^\n]*\bau\b)"),  # « AVOIR n° AV2021-014 » over « du 3 sept. 2021 »
    # a cell of its own right of the number: « AVOIR n° 2009120577          du 14/09/2020 »
    ("invoice_date", 3, r"(?<=   )du\b(?=[ \t]*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})(?![^\n]*\bau\b)"),
    ("invoice_date", 3, r",\s*le\b"),
    ("invoice_date", 3, r"(?m)^[ \t]*[a-z][a-z\-' ]{2,30}\.\s*le\s+(?=\d)"),  # « Toulouse. le 14 … »: the comma read as a dot
    ("invoice_date", 3, r"(?m)^[ \t]*le\b"),
    # a works' progress statement dated by the day it stops at: « SITUATION DE TRAVAUX N° 3 … arrêtée au 30 juin 2020 »
    ("invoice_date", 3, r"\barretee?s?\s+(?:au|a\s+la\s+date\s+du)\b"),
    ("due_date", 0, r"\b(?:date\s*(?:d'\s*|de\s+l'\s*|d\s)?)?echeance\s*(?:le\s*)?:?"),
    ("due_date", 0, r"\ba\s+(?:payer|regler)\s+(?:avant|au\s+plus\s+tard|jusqu'au|le|pour)\s*(?:le\b)?"),
    ("due_date", 1, r"\ba?(?:payer|regler)\s+(?:avant|au\s+plus\s+tard|jusqu'au)\s*(?:le\b)?"),  # its « à » misread or glued
    ("due_date", 1, r"\bmontant\s+(?:du|a\s+payer|a\s+regler)\b[^\n]{0,30}?\bavant\s+le\b"),  # « Montant dû : 1017,46€ avant le … »
    # a line of its own under the sum: « Montant à régler : 2 761,82 € TTC » over « avant le 04/02/2021 »
    ("due_date", 1, r"(?m)^[ \t]*(?:a\s+(?:payer|regler)\s+)?(?:avant\s*|au\s+plus\s+tard\s+)le\b"),  # (« avantle »: glued)
    ("due_date", 1, r"(?<=   )avant\s+le\b"),  # a cell of its own: « MONTANT A PAYER : 6 621,77 EUR   AVANT LE 12/02/2021 »
    # the date before the words: « Paiement à 30 jours, le 30/06/2020 au plus tard »
    ("due_date", 1, r"(?:,\s*)?\ble\b(?=\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s+au\s+plus\s+tard\b)"),
    ("due_date", 0, r"\bpayable\s+(?:avant\s+|au\s+plus\s+tard\s+|jusqu'au\s+|by\s+|before\s+|on\s+)?(?:le\b)?"),
    ("due_date", 0, r"\bdate\s+limite\s+(?:de\s+(?:paiement|reglement)|d'exigibilite)\s*:?"),
    ("due_date", 0, r"\b(?:paiement|reglement)\s+(?:avant|au\s+plus\s+tard)\s+le\b"),
    ("due_date", 0, r"\b(?:payment\s+)?due\s+(?:date|by|on|before)\b\s*:?"),
    ("due_date", 1, r"\bdue\s+(?=\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[a-z]+\s+\d{1,2},?\s+\d{4})"),
    ("due_date", 0, r"\b(?:date\s+due|payment\s+due|pay\s+(?:by|before))\b\s*:?"),
    ("due_date", 1, r"\b(?:exigible\s+le|date\s+d'exigibilite)\b\s*:?"),
    # "Paiement à 30 jours, soit le 21/11/2020", "... au plus tard le 30/07/2021"
    ("due_date", 1, r"\b(?:paiement|reglement|payable|payer|regler|jours)\b[^\n]{0,70}?\b(?:soit\s+(?:au\s+plus\s+tard\s+|avant\s+)?le|"
                    r"au\s+plus\s+tard\s+le)\b"),
    ("due_date", 1, r"\bdate\s+de\s+(?:paiement|reglement|prelevement)\s*:?"),
    ("due_date", 1, r"\b(?:paiement|reglement)\s+par\s+(?:virement|prelevement|cheque)\s+avant\s+le\b"),  # « REGLEMENT PAR VIREMENT AVANT LE »
    # the same sentence wrapped before its end: « … à compter de la réception par le maître / d'oeuvre, soit au plus tard le … »
    ("due_date", 2, r"\bsoit\s+au\s+plus\s+tard\s+le\b"),
    ("due_date", 1, r"\bpreleve(?:e|ment)?s?\s+(?:(?:sur\s+votre\s+compte|automatique(?:ment)?)\s+)?"
                    r"(?:a\s+partir\s+du|le|au\s+plus\s+tot\s+le|vers\s+le|des\s+le|du)\b"),
    ("other_date", 0, r"\b(?:livraison|intervention|periode|validite|valable|commande|naissance|travaux|delivery|"
                      r"period|valid|order\s+date|shipped|service\s+date|consommations?\s+du)\b"),
]


for _kind, _specs in eu.NUMBER_LABELS.items():  # German, Dutch, Spanish and Italian vendors
    NUMBER_LABELS[_kind] = NUMBER_LABELS[_kind] + _specs
ORDER_LABELS += eu.ORDER_LABELS
DATE_LABELS += eu.DATE_LABELS

KEY_LABELS = [re.compile(rx) for _, rx in NUMBER_LABELS["supplier_invoice"][:6] + ORDER_LABELS[:5]] + [
    re.compile(rx) for name, p, rx in DATE_LABELS if p == 0]


def known_label(line: str) -> bool:
    """A line that is one of the header's labels (a number's, a date's, an order's), nothing else."""
    f = fold(line).strip()
    return any((m := rx.match(f)) is not None and len(f) - m.end() <= 3 for rx in KEY_LABELS)
