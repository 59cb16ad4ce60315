"""A header table the OCR read column by column: its keys, then its values."""

from __future__ import annotations

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.invoice_labels import known_label as _known_label
from extractors.stacked_cells import unstack, unstack_colons

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


HEADER_ROW = ("FACTURE\n\n"
              "N° facture        Date           N° client        Bon de commande      Échéance\n"
              "F21-00482         14/04/2021     C-0193           BC21-000318          14/05/2021\n\n"
              "Total HT 1 520,00\nTVA 20 % 304,00\nTotal TTC 1 824,00\n")


def test_a_header_row_over_its_row_of_values_is_read_cell_by_cell():
    from extractors.stacked_cells import unrow

    text = unrow(HEADER_ROW)
    assert "Bon de commande : BC21-000318" in text and "Échéance : 14/05/2021" in text
    got = extract_fields("supplier_invoice", "supplier", HEADER_ROW, Registries((), ())).fields
    assert (got["order_reference"], got["due_date"], got["invoice_number"]) == ("BC21-000318", "2021-05-14", "F21-00482")


def test_a_header_row_drawn_in_a_frame_its_rule_between_keys_and_values():
    """A born-digital invoice's header drawn with box characters: a rule between the keys and
    their values, and a bare « Numéro » heading the number."""
    text = ("JARDINS DE LA SAVE\nFacture\n┌────────────┬────────────────┬──────────────┬──────────────┐\n"
            "│ Date       │ Numéro         │ Code client  │ Échéance     │\n"
            "├────────────┼────────────────┼──────────────┼──────────────┤\n"
            "│ 29/10/2021 │ 2021-10-042    │ PATRI31      │ 28/11/2021   │\n"
            "└────────────┴────────────────┴──────────────┴──────────────┘\n"
            "Total HT 1 702,40\nTVA 20 % 340,48\nTotal TTC 2 042,88\n")
    got = extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields
    assert (got["invoice_number"], got["invoice_date"], got["due_date"]) == ("2021-10-042", "2021-10-29", "2021-11-28")


def test_an_organisations_header_row_gives_the_landlords_reference():
    letter = ("CAISSE D'ALLOCATIONS FAMILIALES DE LA HAUTE-GARONNE\n24 rue Riquet - 31046 Toulouse Cedex 9\n\n"
              "Vos références        Nos références          Date              Objet\n"
              "0418-326              ALL 4419382 F           12/03/2022        Maintien de l'aide\n\n"
              "Madame, Monsieur,\nL'aide au logement de Madame Sandrine LAFFONT est maintenue.\n")
    assert extract_fields("housing_benefit", "tenant", letter, Registries((), ())).fields["tenant_reference"] == "0418-326"


def test_rows_that_are_not_a_header_over_its_values_are_left_alone():
    from extractors.stacked_cells import unrow

    prose = "Désignation    Qté    PU HT\nPose de carrelage    12    45,00\n"  # a line item is no header's values
    table = "Désignation      Qté     Total HT\nRemplacement descente EP zinc     12     228,21\n"
    assert unrow(prose) == prose and unrow("Objet : fuite\nMadame, Monsieur,\n") == "Objet : fuite\nMadame, Monsieur,\n"
    assert unrow(table) == table  # a table of line items: « Total HT 228,21 » would be a false total


CERTIFICATE = """PYRENEES-GARONNE ASSURANCES Espace client - Impression
Filiale d'assurance de la Caisse Régionale Pyrénées-Garonne
ATTESTATION D'ASSURANCE MULTIRISQUE HABITATION
Assuré(e)
Adresse
N° de contrat
Formule
Qualité
Adresse du bien
Type
Garanties
Validité
: Madame PETIT Marina
: 4 allée des Sports, Résidence Le Canal, appt 2
31520 RAMONVILLE-SAINT -AGNE
: 0031-HAB-77410-2
: Habitation Essentielle
: Locataire
: identique à l'adresse de l'assuré(e)
: Appartement - 2 pièces - 46 m2
: Responsabilité civile - Risques locatifs - Incendie -
Dégâts des eaux - Catastrophes naturelles - Bris de glace
: du 01/09/2021 au 31/08/2022
Nous certifions que l'assuré(e) désigné(e) ci-dessus est titulaire du contrat
référencé, en cours de validité à la date de la présente attestation.
Document édité le 02/09/2021 - valable sous réserve du paiement des cotisations.
Pyrénées-Garonne Assurances - entreprise régie par le code des assurances"""


def test_a_column_of_labels_then_a_column_of_values_each_on_its_colon():
    added = unstack_colons(CERTIFICATE)[len(CERTIFICATE):].strip().split("\n")
    assert len(added) == 9 and added[:3] == [
        "Assuré(e) : Madame PETIT Marina",
        "Adresse : 4 allée des Sports, Résidence Le Canal, appt 2 31520 RAMONVILLE-SAINT -AGNE",
        "N° de contrat : 0031-HAB-77410-2"]
    assert added[-1] == "Validité : du 01/09/2021 au 31/08/2022"  # the sentence after it is no value's
    # as many values as labels, or nothing is paired
    fewer = CERTIFICATE.replace(": 0031-HAB-77410-2\n", "")
    assert unstack_colons(fewer) == fewer


def test_the_insured_tenants_name_from_a_certificate_read_column_by_column():
    fields = extract_fields("insurance_certificate", "tenant", CERTIFICATE, Registries((), ())).fields
    assert (fields["tenant_name"], fields["postal_code"]) == ("Marina Petit", "31520")
