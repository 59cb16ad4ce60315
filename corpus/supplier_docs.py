"""Suppliers' invoices, credit notes and quotes: line items whose HT + TVA = TTC to the cent."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from config.registries import Supplier
from corpus import data
from corpus.fmt import fmt_amount, fmt_date, fmt_phone, money
from corpus.model import Block, DocContent, Letterhead, line, para, row, rule, space

CLIENT = ("PATRIMOINE", "Service comptabilité fournisseurs", "2 rue du Languedoc", "31000 Toulouse")
COLORS = ((0.1, 0.3, 0.6), (0.7, 0.1, 0.1), (0.1, 0.5, 0.3), (0.9, 0.5, 0.1), (0.3, 0.3, 0.3), (0.4, 0.1, 0.5))
TITLES = {"supplier_invoice": ("FACTURE", "Facture", "FACTURE N°"),
          "supplier_credit_note": ("AVOIR", "Avoir", "FACTURE D'AVOIR", "NOTE DE CRÉDIT"),
          "supplier_quote": ("DEVIS", "Devis", "PROPOSITION COMMERCIALE / DEVIS")}


def _number(rng: random.Random, doc_type: str, d: date) -> str:
    n = rng.randint(1, 9999)
    prefix = {"supplier_invoice": rng.choice(("F", "FA", "FAC", "")),
              "supplier_credit_note": rng.choice(("AV", "A", "AVO")),
              "supplier_quote": rng.choice(("D", "DEV", "DE"))}[doc_type]
    return rng.choice((f"{prefix}{d.year}-{n:04d}", f"{prefix}-{d.year % 100:02d}-{n:05d}",
                       f"{d.year}/{d.month:02d}/{n:03d}", f"{prefix or 'FC'}{n + 100000:06d}",
                       f"{prefix}{d.year}{d.month:02d}{n:04d}"))


def _spaced(ident: str, groups: tuple[int, ...]) -> str:
    out, i = [], 0
    for g in groups:
        out.append(ident[i:i + g])
        i += g
    if i < len(ident):
        out.append(ident[i:])
    return " ".join(x for x in out if x)


def fmt_siret(rng: random.Random, siret: str) -> str:
    return rng.choice((siret, _spaced(siret, (3, 3, 3, 5)), _spaced(siret, (9, 5))))


def fmt_iban(rng: random.Random, iban: str) -> str:
    return rng.choice((iban, " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))))


def make_items(rng: random.Random, trade: str, many: bool = False) -> list[dict]:
    catalogue = data.CATALOGUE.get(trade, data.CATALOGUE["fournitures"])
    n = rng.randint(14, 26) if many else rng.choice((1, 1, 2, 2, 3, 4, 5, 7))
    items = []
    picks = rng.sample(catalogue, min(n, len(catalogue))) + [rng.choice(catalogue) for _ in range(n - len(catalogue))]
    for label, lo, hi, rate in picks:
        unit = money(rng.uniform(lo, hi))
        qty = Decimal(rng.choice((1, 1, 1, 2, 3, 4, 6, 10, 12)) if hi > 5 else rng.choice((250, 500, 1000, 2500)))
        items.append({"label": label, "qty": qty, "unit": unit, "rate": Decimal(str(rate)),
                      "total": money(qty * unit)})
    return items


def totals(items: list[dict]) -> dict:
    bases: dict[Decimal, Decimal] = {}
    for it in items:
        bases[it["rate"]] = bases.get(it["rate"], Decimal(0)) + it["total"]
    taxes = {r: money(b * r / 100) for r, b in bases.items()}
    ht = sum(bases.values(), Decimal(0))
    tva = sum(taxes.values(), Decimal(0))
    return {"bases": bases, "taxes": taxes, "ht": ht, "tva": tva, "ttc": ht + tva}


def _rate(r: Decimal) -> str:
    return f"{r:.1f}".replace(".", ",").replace(",0", "") + " %"


def supplier_document(rng: random.Random, doc_type: str, s: Supplier) -> DocContent:
    issued = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    number = _number(rng, doc_type, issued)
    items = make_items(rng, s.trade, many=rng.random() < 0.08)
    tot = totals(items)
    credit = doc_type == "supplier_credit_note"
    sign = Decimal(-1) if credit else Decimal(1)
    neg_print = credit and rng.random() < 0.6
    fields = {"supplier_name": s.name, "invoice_number": number, "invoice_date": issued.isoformat(),
              "total_excl_tax": f"{sign * tot['ht']:.2f}", "total_tax": f"{sign * tot['tva']:.2f}",
              "total_incl_tax": f"{sign * tot['ttc']:.2f}"}
    amt_style = rng.randrange(6)
    date_style = rng.choice((0, 0, 1, 1, 3, 4, 5))

    def amt(v: Decimal) -> str:
        return fmt_amount(rng, -v if neg_print else v, style=amt_style)

    due = None
    if doc_type == "supplier_invoice" and rng.random() < 0.9:
        due = issued + timedelta(days=rng.choice((15, 30, 30, 45, 60)))
        fields["due_date"] = due.isoformat()
    order = None
    if doc_type == "supplier_invoice" and rng.random() < 0.45:
        order = rng.choice((f"BC-{issued.year}-{rng.randint(1, 9999):04d}", f"CDE{rng.randint(10000, 99999)}",
                            f"PAT{issued.year % 100:02d}{rng.randint(1000, 9999)}"))
        fields["order_reference"] = order
    siren_only = rng.random() < 0.1
    if siren_only:
        fields["supplier_siren"] = s.siren
    else:
        fields["supplier_siret"] = s.siret
    show_vat = rng.random() < 0.9
    if show_vat:
        fields["supplier_vat"] = s.vat
    show_iban = doc_type == "supplier_invoice" and rng.random() < 0.85
    if show_iban:
        fields["iban"] = s.iban

    blocks: list[Block] = []
    title = rng.choice(TITLES[doc_type])
    layout = rng.randrange(3)
    header = [line(s.name, size=14 if layout != 2 else 12, bold=True), line(s.address),
              line(f"{s.postal_code} {s.city}"),
              line(rng.choice(("Tél. ", "Tel : ", "T. ")) + fmt_phone(rng, s.phone)
                   + (f" - {s.email}" if rng.random() < 0.6 else ""))]
    client_lines = list(CLIENT)
    if doc_type == "supplier_quote":
        client_lines[1] = rng.choice(("Service technique", "Direction du patrimoine", "À l'attention du service technique"))
    client = [line(x, indent=0.55, bold=(i == 0)) for i, x in enumerate(client_lines)]
    num_label = {"supplier_invoice": rng.choice(("Facture n° ", "N° de facture : ", "Numéro : ", "FACTURE N° ")),
                 "supplier_credit_note": rng.choice(("Avoir n° ", "N° d'avoir : ", "Numéro : ")),
                 "supplier_quote": rng.choice(("Devis n° ", "N° de devis : ", "Référence devis : "))}[doc_type]
    meta_lines = [f"{num_label}{number}",
                  f"{rng.choice(('Date : ', 'Date de facture : ', 'Émis le ', 'Date d’émission : '))}"
                  f"{fmt_date(rng, issued, style=date_style)}"]
    if due:
        meta_lines.append(rng.choice(("Échéance : ", "Date d'échéance : ", "À régler avant le ", "Payable le "))
                          + fmt_date(rng, due, style=date_style))
    elif doc_type == "supplier_invoice":
        meta_lines.append("Paiement à réception de facture")
    if order:
        meta_lines.append(rng.choice(("Bon de commande n° ", "Votre commande : ", "Réf. commande : ",
                                      "N° BC : ")) + order)
    if credit:
        ref_inv = _number(rng, "supplier_invoice", issued - timedelta(days=rng.randint(10, 90)))
        meta_lines.append(rng.choice(("Avoir sur facture n° ", "Annule et remplace la facture ",
                                      "Référence facture d'origine : ")) + ref_inv)
    if doc_type == "supplier_quote":
        meta_lines.append(rng.choice(("Validité : 3 mois", "Devis valable 30 jours", "Offre valable 60 jours")))

    if layout == 0:
        blocks += header + [space()] + client + [space(), line(title, size=16, bold=True, align="center"), space()]
        blocks += [line(x) for x in meta_lines]
    elif layout == 1:
        blocks += [line(title + ("" if title.endswith("°") else "") , size=18, bold=True, align="right")]
        blocks += header + [space()] + [line(x, indent=0.55) for x in meta_lines] + [space()] + client
    else:
        blocks += header + [space(), line(f"{title} {number}" if not title.endswith("°") else f"{title} {number}",
                                          bold=True, size=13)]
        blocks += [line(x) for x in meta_lines[1:]] + [space()] + client
    blocks += [space(), rule()]
    blocks.append(row((0, "Désignation", "left"), (0.62, "Qté", "right"), (0.78, "PU HT", "right"),
                      (0.86, "TVA", "right"), (1.0, "Montant HT", "right"), bold=True))
    blocks.append(rule())
    for it in items:
        qty = f"{it['qty']}"
        blocks.append(row((0, it["label"], "left"), (0.62, qty, "right"),
                          (0.78, fmt_amount(rng, it["unit"], style=amt_style, currency=False), "right"),
                          (0.86, _rate(it["rate"]), "right"),
                          (1.0, fmt_amount(rng, -it["total"] if neg_print else it["total"], style=amt_style,
                                           currency=False), "right")))
    blocks += [rule(), space()]
    blocks.append(row((0.7, "Total HT", "left"), (1.0, amt(tot["ht"]), "right")))
    for r in sorted(tot["taxes"]):
        label = f"TVA {_rate(r)}" if len(tot["taxes"]) > 1 or rng.random() < 0.7 else "TVA"
        blocks.append(row((0.7, label, "left"), (1.0, amt(tot["taxes"][r]), "right")))
    if len(tot["taxes"]) > 1:
        blocks.append(row((0.7, "Total TVA", "left"), (1.0, amt(tot["tva"]), "right")))
    ttc_label = ("Montant de l'avoir TTC" if credit else
                 rng.choice(("Total TTC", "Net à payer TTC", "TOTAL TTC", "Montant TTC")))
    blocks.append(row((0.6, ttc_label, "left"), (1.0, amt(tot["ttc"]), "right"), bold=True, box=True))
    if credit and not neg_print:
        blocks.append(line("Montant à déduire de votre prochain règlement (avoir en votre faveur).", size=9))
    blocks.append(space())
    if show_iban:
        blocks.append(line(f"{rng.choice(('Règlement par virement', 'Coordonnées bancaires', 'RIB'))} : "
                           f"IBAN {fmt_iban(rng, s.iban)} - BIC {s.bic}", size=9))
    if doc_type == "supplier_invoice":
        blocks.append(para("En cas de retard de paiement, pénalités au taux légal en vigueur et indemnité "
                           "forfaitaire pour frais de recouvrement de 40 €. Pas d'escompte pour paiement anticipé.",
                           size=7.5))
    if doc_type == "supplier_quote":
        blocks += [space(), line("Bon pour accord, date et signature :", indent=0.5)]
    blocks.append(space())
    legal = []
    form = next((f for f in ("SARL", "SAS", "EURL", "SA") if s.name.endswith(f)), rng.choice(("SARL", "SAS")))
    legal.append(f"{form} au capital de {rng.choice(('7 500', '10 000', '37 000', '150 000'))} €")
    legal.append(f"SIREN {s.siren}" if siren_only else f"SIRET {fmt_siret(rng, s.siret)}")
    if show_vat:
        legal.append(f"{rng.choice(('TVA intracom.', 'N° TVA', 'TVA intracommunautaire :'))} {s.vat}")
    blocks.append(line(" - ".join(legal), size=7.5, align="center"))
    blocks.append(line(f"{s.name} - {s.address} - {s.postal_code} {s.city}", size=7.5, align="center"))
    letterhead = Letterhead(s.name, rng.choice(COLORS), rng.choice(("circle", "square", "triangle", "bars", "none")),
                            s.trade.capitalize())
    meta = {"supplier": s, "number": number, "issued": issued, "due": due, "order": order, "totals": tot,
            "credit": credit, "items": items, "layout": layout}
    return DocContent(doc_type, False, fields, blocks, letterhead=letterhead, family="supplier", meta=meta)
