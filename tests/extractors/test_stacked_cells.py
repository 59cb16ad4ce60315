"""A header table the OCR read column by column: its keys, then its values."""

from __future__ import annotations

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.invoice_labels import known_label as _known_label
from extractors.stacked_cells import unstack

HEAD = ("PLOMBERIE GARONNE SERVICES\n14 chemin de la Flambère\n31300 TOULOUSE\n"
        "FACTURE N°\nDate de facture\nDate d'échéance\nCode client\nBon de commande\n"
        "Lieu d'intervention 31100 Toulouse\nfuite sur colonne EF en gaine palière\nforf.\n"
        "PGS-2021-0387\n18/03/2021\n17/04/2021\nPATRIO1\nBC21-004512 du 08/03/2021\nRésidence Les Tilleuls,\n"
        "Total HT 586,25\n")


def test_keys_read_apart_from_their_values_are_paired_in_order():
    f = extract_fields("supplier_invoice", "supplier", HEAD, Registries((), ())).fields
    assert (f["invoice_number"], f["invoice_date"], f["due_date"], f["order_reference"]) == \
        ("PGS-2021-0387", "2021-03-18", "2021-04-17", "BC21-004512")


def test_short_lines_that_are_not_a_headers_keys_are_left_alone():
    address = "PATRIMOINE\nService Comptabilité\nFournisseurs\n34 rue de Cugnaux\n31023 TOULOUSE\n12 allée des Pins\n"
    assert unstack(address, _known_label) == address
    # as many values as keys, or nothing: a short run is not paired
    short = "FACTURE N°\nDate de facture\nDate d'échéance\nMerci\n2021-0387\n18/03/2021\nRIB joint\n"
    assert unstack(short, _known_label) == short


def test_a_header_table_drawn_with_bars():
    text = ("PYRENEES TELECOM PRO\n+--------------------------+------------------+--------------------+\n"
            "| FACTURE                  | DATE             | COMPTE CLIENT      |\n"
            "| PTP/2020/118742          | 30.06.2020       | 7700-04412         |\n"
            "+--------------------------+------------------+--------------------+\n"
            "Montant H.T. 627,88\nTVA 20,00% 125,58\nMontant T.T.C. 753,46\n")
    f = extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields
    assert (f["invoice_number"], f["invoice_date"]) == ("PTP/2020/118742", "2020-06-30")
