"""The labels of suppliers' documents from German, Dutch, Spanish and Italian vendors: their
number, order reference, dates and totals, in the shapes of :mod:`extractors.invoice_labels`
and :mod:`extractors.fields_totals` (which add them to their French and English ones). Patterns
run on folded text (lower case, no accents: « März » is « marz », « Nº » is « no »)."""

from __future__ import annotations

# (« Nº » the OCR read « N2 » before a colon or a number: « Su pedido n2: BC-2021-00877 », « FACTURA N2 2021/0058 »; or « N£ »)
_NO = r"(?:n\.?\s?[°ºo*£]\s?\.?|n\.?2(?=\s*:|\s+\d)|nr\.?|nummer|num(?:ero)?\.?|n\.|#)"
# « Nummer: RK-2021-0117 » under the title, opening its line: the piece's own number
_BARE_NUMBER = r"(?m)^[ \t]*(?:nummer|belegnummer|nummero)\s*:"
# « GUTSCHRIFT            Nr. GS-2021-00412 »: the sign in a cell of its own, right of the title
_NR_ALONE = r"(?<=   )nr\.?\s*:?(?=[ \t]*[a-z]{0,5}[\-/]?[a-z0-9/\-]*\d)"

NUMBER_LABELS = {
    "supplier_invoice": [
        # and bilingual, the French after a slash: « Rechnungs-Nr. / N° : RE-2022-10457 »
        (0, r"\brechnungs?\s*-?\s*(?:nummer|nr\.?|no\.?)(?:\s*/\s*" + _NO + r")?\s*:?"),
        (0, r"\brechnung\s*" + _NO + r"\s*:?"),
        (0, r"\bfactuur\s*-?\s*(?:nummer|nr\.?|no\.?)\s*:?"),
        (0, r"\b(?:numero|no|n[°º29£])\s*(?:de\s+)?factura(?:\s+rectificativa)?\s*:?"),  # (« N2 Factura: », « N9 factura: », « N£ factura: » read for « Nº »)
        (0, r"\bfactura\s*" + _NO + r"\s*:?"),
        (0, r"\b(?:numero|no|n[°º]|n\.)\s*(?:della\s+)?fattura\s*:?"),
        (0, r"\bfattura\s*" + _NO + r"\s*:?"),
        (0, r"\bfatura\s*" + _NO + r"\s*:?"),  # Portuguese
        # a bilingual title and number sign: « RECHNUNG / INVOICE Nr./No. — 2021-10455 »
        (0, r"\b(?:rechnung|factuur|factura|fattura|fatura|invoice)\s*/\s*(?:invoice|facture|rechnung)\s*"
            r"(?:" + _NO + r"|no\.?)(?:\s*/\s*(?:" + _NO + r"|no\.?))?\s*[:\u2014\u2013-]?"),
        (2, r"(?m)^[ \t]*(?:rechnung|factuur|factura|fattura|fatura)(?:\s*/\s*(?:invoice|facture))?\s*:?"),
        (1, _BARE_NUMBER),
        (2, _NR_ALONE),
    ],
    "supplier_credit_note": [
        (0, r"\b(?:gutschrift|rechnungskorrektur|stornorechnung)s?\s*-?\s*(?:nummer|" + _NO + r")\s*:?"),
        (0, r"\b(?:credit\s?nota|creditfactuur)\s*-?\s*(?:nummer|" + _NO + r")\s*:?"),
        (0, r"\b(?:nota\s+de\s+credito|factura\s+rectificativa|nota\s+di\s+credito)\s*" + _NO + r"\s*:?"),
        (2, r"(?m)^[ \t]*(?:gutschrift|rechnungskorrektur|credit\s?nota|creditfactuur|nota\s+de\s+credito|"
            r"factura\s+rectificativa|nota\s+di\s+credito)\s*:?"),
        (1, _BARE_NUMBER),
        (2, _NR_ALONE),
    ],
    "supplier_quote": [
        (0, r"\b(?:angebots?|kostenvoranschlag)\s*-?\s*(?:nummer|" + _NO + r")\s*:?"),
        (0, r"\b(?:offerte|presupuesto|preventivo|offerta)\s*-?\s*(?:nummer|" + _NO + r")\s*:?"),
        # (not « offerte » or « offerta » alone: a French line may open on « Offerte … »)
        (2, r"(?m)^[ \t]*(?:angebot|kostenvoranschlag|presupuesto|preventivo)\s*:?"),
        (1, _BARE_NUMBER),
    ],
}
ORDER_LABELS = [
    (0, r"\bbestell\s*-?\s*(?:nummer|nr\.?)\s*:?"),
    (0, r"\b(?:ihre\s+)?bestellung\s*(?:" + _NO + r"\s*:?|:)"),
    (1, r"\bihre\s+bestellung\s+(?=[a-z]{0,4}[\-/]?\d)"),  # « Ihre Bestellung BC-2021-01122 vom 02.06.2021 »
    (0, r"\b(?:inkoop)?order\s*-?\s*(?:nummer|nr\.?)\s*:?"),
    (0, r"\b(?:uw\s+)?(?:bestelling|inkooporder)\s*(?:" + _NO + r"\s*:?|:)"),
    (0, r"\b(?:numero\s+de\s+)?pedido\s*(?:" + _NO + r"\s*:?|:)"),
    (0, r"\b(?:numero\s+)?ordine\s*(?:d'acquisto\s*)?(?:" + _NO + r"\s*:?|:)"),
]
DATE_LABELS = [
    ("invoice_date", 0, r"\b(?:rechnungs|factuur|gutschrifts|angebots)datum\s*:?"),
    ("invoice_date", 0, r"\bfecha\s*(?:de\s+(?:la\s+)?)?(?:factura|emision|expedicion)\s*:?"),
    ("invoice_date", 0, r"\bdata\s*(?:della\s+|di\s+)?(?:fattura|emissione)\s*:?"),
    ("invoice_date", 1, r"\b(?:datum|fecha|data)\s*:"),
    ("due_date", 0, r"\b(?:zahlbar|zu\s+zahlen)\s+(?:bis|spatestens)(?:\s+(?:zum|am))?\s*:?"),
    ("due_date", 0, r"\b(?:fallig(?:keit(?:sdatum)?)?|zahlungsziel)\s*(?:am|bis)?\s*:?"),
    ("due_date", 0, r"\bnetto\s+(?:kasse\s+)?(?:bis|zum)\b"),  # « 2 % Skonto bei Zahlung bis …, netto Kasse bis … »
    ("due_date", 1, r"\b(?:uberweisen|zahlen|begleichen)\s+sie\b[^\n]{0,50}?\bbis\b(?:\s+spatestens)?(?:\s+(?:zum|am))?"),
    ("due_date", 1, r"\bbis\s+spatestens(?:\s+(?:zum|am))?\b"),
    # « zahlbar innerhalb von 30 Tagen ohne Abzug bis 11.02.2021 »
    ("due_date", 1, r"\bzahlbar\b[^\n]{0,60}?\bbis\b(?:\s+(?:zum|am))?"),
    ("due_date", 0, r"\b(?:vervaldatum|vervaldag|uiterste\s+betaaldatum)\s*:?"),
    ("due_date", 0, r"\bte\s+betalen\s+(?:voor|uiterlijk(?:\s+op)?)\b\s*:?"),
    ("due_date", 0, r"\b(?:fecha\s+de\s+)?vencimiento\s*:?"),
    ("due_date", 0, r"\b(?:data\s+(?:di\s+)?)?scadenz[ae]\s*:?"),
    ("other_date", 0, r"\b(?:leistungs|liefer|lever|bestel)datum\b|\bleistungszeitraum\b|\bfecha\s+de\s+entrega\b|"
                      r"\bdata\s+(?:di\s+)?consegna\b|\bgultig\s+bis\b|\bgeldig\s+tot\b|"
                      r"\bihre?\s+(?:anfrage|schreiben|nachricht|bestellung|e-?mail)\s+vom\b"),  # « Ihre Anfrage vom 15.04.2021 »
    # the place and the date of the letter on a line of their own: « Freiburg, 23.04.2021 », « Wien, den 3.5.2021 »
    ("invoice_date", 3, r"(?m)^[ \t]*[a-z][a-z' \-]{2,30},[ \t]*(?:den[ \t]+)?(?=\d{1,2}\.[ ]?\d{1,2}\.[ ]?\d{2,4}[ \t]*$)"),
]
# HT / TVA / TTC, as fields_totals reads them
_TAX = r"(?:mwst|ust|umsatzsteuer|mehrwertsteuer|btw|iva)\.?"
_NOT_A_TAX_ID = r"(?![\s\-.]*(?:id|nr|nummer|no\b|identificatienummer))"
TOTAL_LABELS = [
    ("ht", 0, r"\b(?:netto\s*betrag|nettobetrag|nettosumme|summe\s+netto|gesamt\s+netto|zwischensumme|"
              r"netto\s*bedrag|totaal\s+excl\.?\s*btw|subtotaal|base\s+imponible|"
              r"(?:totale\s+)?imponibile)\b"),
    ("tva", 0, r"\b(?:summe|betrag|gesamt|totaal|total|totale|importe)\s*(?:der\s+|de\s+|dell'\s*)?" + _TAX + r"(?![a-z])"
               + _NOT_A_TAX_ID),
    ("tva", 0, r"\b" + _TAX + r"\s*-?\s*(?:betrag|bedrag)\b"),
    ("tvarate", 1, r"\b" + _TAX + r"(?:\s*(?:\(|@)?\s*\d{1,2}(?:[,.]\d{1,2})?\s*%\s*\)?)?(?![a-z])" + _NOT_A_TAX_ID),
    ("ttc", 0, r"\b(?:gesamtbetrag|rechnungsbetrag|gesamtsumme|bruttobetrag|endbetrag|zahlbetrag|summe\s+brutto|"
               r"gesamt\s+brutto|totaal\s*bedrag|totaal\s+incl\.?\s*btw|te\s+betalen\s+bedrag|importe\s+total|"
               r"total\s+(?:factura|a\s+pagar)|totale\s+(?:fattura|documento|da\s+pagare))\b"),
    ("ttc", 1, r"\btotaal\b(?!\s*(?:excl|btw))|\bte\s+betalen\b(?!\s+(?:binnen|voor|uiterlijk))|\bgesamt\b(?!\s*netto)"),
]
# a vendor abroad who bills without tax: the buyer self-assesses it (reverse charge)
REVERSE_CHARGE = (r"reverse\s+charge|autoliquidation|steuerschuldnerschaft|btw\s+verlegd|verlegging\s+van\s+btw|"
                  r"inversion\s+del\s+sujeto\s+pasivo|inversione\s+contabile")
MONTHS = {
    # German
    "januar": 1, "jan": 1, "februar": 2, "marz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8, "mrt": 3,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
}
