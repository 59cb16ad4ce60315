"""Suppliers' documents under other titles and layouts: fee notes, work orders, a credit note read
as an invoice, the "N°" printed apart from its title, dates of other documents, totals whose
figures OCR damaged, names printed in capitals."""

from __future__ import annotations

import pytest

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.fields_supplier_name import natural_case, strip_legal_form

NONE = Registries((), ())
TOTALS = "Total HT 100,00 €\nTVA 20 % 20,00 €\nTotal TTC 120,00 €\n"


def fields(text: str, doc_type: str = "supplier_invoice") -> dict:
    return extract_fields(doc_type, "supplier", text, NONE).fields


@pytest.mark.parametrize("doc_type, line, number", [
    ("supplier_invoice", "FACTURE D'HONORAIRES n° HB/2021/014", "HB/2021/014"),
    ("supplier_invoice", "Facture du 14 janvier 2021 n° 77001234", "77001234"),
    ("supplier_invoice", "NOTE D'HONORAIRES N° 2021-03-044", "2021-03-044"),
    ("supplier_invoice", "État de frais n° EF-889", "EF-889"),
    ("supplier_invoice", "FACTURE                 N° : 21-0311", "21-0311"),
    ("supplier_credit_note", "AVOIR N A-012", "A-012"),
    # a credit note named for what it corrects; not the invoice it credits
    ("supplier_credit_note", "AVOIR DE RÉGULARISATION N° 5003321876     Date d'émission : 18/06/2020\n"
     "Compte client : GS-0020417", "5003321876"),
    ("supplier_credit_note", "Objet : avoir de la facture n° F-2020-114\nAVOIR n° AV-77", "AV-77"),
    # a credit note the classifier took for an invoice: its own title still gives the number
    ("supplier_invoice", "AVOIR n° AV/2020/0031\nAvoir sur facture n° F/2020/0977 du 01.07.2020", "AV/2020/0031"),
    # the number under its title, on a line of its own; one printed in spaced groups
    ("supplier_invoice", "ÉTAT DE FRAIS - FACTURE\nN° 2021-03318\nN° TVA intracommunautaire FR15407862788",
     "2021-03318"),
    ("supplier_invoice", "FACTURE N° ESS 21 04 0097", "ESS21040097"),  # SPEC: identifiers without spaces
    ("supplier_invoice", "FACTURE N. HSO-7715", "HSO-7715"), ("supplier_invoice", "ETAT DE FRAIS N. EF21-04512", "EF21-04512"),
    # an aligned form's label, its colon set apart; a title above it is not a label running on
    ("supplier_invoice", "FACTURE D'EAU ET D'ASSAINISSEMENT\n\nN° de facture      : 21-RE-0045781          "
                         "Date de facture : 10 juin 2021", "21-RE-0045781"),
    ("supplier_invoice", "FACTURE N° CL 2021-058 Villefranche, le 22 avril 2021", "CL2021-058"),
    # quotes under their other names
    ("supplier_quote", "DEVIS ESTIMATIF N°: NS-DV-21-0096 Date: 3 août 2021", "NS-DV-21-0096"),
    ("supplier_quote", "ESTIMATION N° CZO-E-21-0023 Date : 2021-05-27", "CZO-E-21-0023"),
    ("supplier_quote", "PROPOSITION DE PRIX n° PP-2020-031", "PP-2020-031"),
    ("supplier_quote", "OFFRE DE PRIX n° OP-2020-0388 Aucamville, le 12.10.2020", "OP-2020-0388"),
    ("supplier_quote", "Proposition commerciale\nRéférence : PC-2021-017 Labège, le 19 avril 2021", "PC-2021-017"),
    ("supplier_quote", "        ESTIMATION DE TRAVAUX   n° EST 21/087\n        le 02/03/2021", "EST21/087"),
    ("supplier_credit_note", "AVOIR   N° NC-2021-00317", "NC-2021-00317"),
    ("supplier_invoice", "NOTE D'HONORAIRES ET DE FRAIS N° H22-1187", "H22-1187"),  # a commissaire de justice's
    ("supplier_quote", "PROPOSITION TARIFAIRE Réf. PT-2021-0907 - établie le 9 sept. 2021", "PT-2021-0907"),
    ("supplier_invoice", "Numéro de facture : 0291 4477 2031", "029144772031"),  # a utility's, in groups
    ("supplier_quote", "CHIFFRAGE N° CH-2022-018", "CH-2022-018"),
    ("supplier_quote", "ESTIMATION DES TRAVAUX N° EST-2022-118", "EST-2022-118"),
    ("supplier_quote", "OFFRE COMMERCIALE N° OC-22-0156 Montpellier, le 19/09/2022", "OC-22-0156"),
    # an invoice's number under the other names it goes by
    ("supplier_invoice", "FACTURE\nRéférence : FA-2021-0457\nDate : 12/03/2021", "FA-2021-0457"),
    ("supplier_invoice", "FACTURE\nDoc. n° 21-00457 du 12/03/2021", "21-00457"),
    ("supplier_invoice", "FACTURE N° d'ordre : 2021-457\nDate : 12/03/2021", "2021-457"),
    ("supplier_invoice", "FACTURE\nNuméro de document : 210457", "210457"),
    ("supplier_invoice", "FACTURE\nNo de pièce : 457/21", "457/21"),
    ("supplier_invoice", "FACTURE DU 12/03/2021 - N° 0457", "0457"),
    ("supplier_invoice", "FACTURE\nRéférence client : C-0042\nN° 2021-0457", "2021-0457"),  # the customer's is not it
    ("supplier_quote", "PROPOSITION D'INTERVENTION N° PI-2021-044", "PI-2021-044"),
    # a letter prefix before digits that read as a date (21-12-03): a number, not a date
    ("supplier_quote", "PROPOSITION D'INTERVENTION\nRéférence : PI 21-12-03\nSite : Résidence Les Allées", "PI21-12-03"),
    # the title and its number ending the letterhead's line
    ("supplier_invoice", "DiagnOc Expertises     FACTURE DX-21-02291\nDiagnostics immobiliers", "DX-21-02291"),
    # and in German, bilingual
    ("supplier_invoice", "z. Hd. Frau Oyelaran      Rechnungs-Nr. /N°: RE-2022-10457", "RE-2022-10457"),
    # a piece's reference with dot leaders; the title then « Référence »
    ("supplier_invoice", "FACTURE\nRéférence piece ........ FC220318\nDate pièce ........ 31/03/2022", "FC220318"),
    ("supplier_invoice", "FACTURE Référence TEG21-T1-0077\nDate 06/04/2021", "TEG21-T1-0077"),
    # a corrective invoice in the customer's favour, naming the invoice it corrects
    ("supplier_credit_note", "FACTURE RECTIFICATIVE\nN° de facture rectificative : RECT-2203-118340\n"
                             "Rectifie la facture : 2201-0084471 du 18/01/2022", "RECT-2203-118340"),
    # a works' progress bill: its rank, then its number
    ("supplier_invoice", "FACTURE DE SITUATION N° 6 - FS21-0047 Blagnac, le 28/02/2021", "FS21-0047"),
    ("supplier_invoice", "FACTURE N° 12 - Janvier 2021", "12"),  # a month after the dash is no number
])
def test_numbers_under_other_titles(doc_type, line, number):
    assert fields(f"Menuiserie Dupuis\n{line}\n{TOTALS}", doc_type)["invoice_number"] == number


@pytest.mark.parametrize("line, order", [
    ("Votre commande : marché n° 2019-MT-022", "2019-MT-022"),
    ("Marché n° 2020-REHA-11 lot 02 - Ordre de service n° 4", "2020-REHA-11"),
    ("Votre ordre de service : OS-21-0101", "OS-21-0101"),
    ("ORDRE SERVICE   : OS-2020-3318", "OS-2020-3318"),  # « DE » lost by the OCR
    ("N° d'engagement client : EJ-2020-00288", "EJ-2020-00288"),  # the public buyer's commitment
    ("Commande : BC-2020-00917 du 14/09/2020", "BC-2020-00917"),
    ("Your PO BC-2020-00412", "BC-2020-00412"),
    ("N° commande client : CMD-DSI-2021-007 Contrat : NX-2019-0311", "CMD-DSI-2021-007"),
    ("Marché : 2019-PROP-02 - lot 1 Toulouse Ouest", "2019-PROP-02"),
    ("Votre référence : BC-2021-00219 - Rés. Jardins d'Ancely", "BC-2021-00219"),
    ("Bon de commande annuel : BC21-000042", "BC21-000042"),
    ("Date de facture : 14-04-2021 Commande client : 4500187322 du 02-03-2021", "4500187322"),
    ("Votre réf. : bon de travaux n° BT 2021-0156 (M. Ferrand, chargé de secteur)", "BT2021-0156"),
    ("Vos références : contrat d'entretien n° 2018-CH-04 / commande BC21-002204", "BC21-002204"),
    ("YOUR REF.       PO BC20-003455", "BC20-003455"),  # a table's two cells
    ("BC n° 21-TEC-00342 du 11/01/2021 Votre interlocuteur : M. Thierry Lacombe", "21-TEC-00342"),
    ("Ordre de service : OS n° 2021-TX-0917 du 28/06/2021 - travaux du 05/07 au 30/07/2021", "2021-TX-0917"),
    ("Votre commande n° BC 2021-04417 du 03/03/2021", "BC2021-04417"),  # BC begins the number there
    ("V/Réf. : BC 2021-04417", "BC2021-04417"), ("Vos réf. : commande 4500123456", "4500123456"),
    ("Cde n° 2021-0042", "2021-0042"), ("Commande PATRIMOINE n° 21/0042", "21/0042"),
    ("CLIENT : PATR01                   BON DE CDE : 4500011544", "4500011544"), ("V/REF CDE : 4500014021", "4500014021"),
    ("Votre commande : bon n° 21-BC-0271 du 1er mars 2021", "21-BC-0271"), ("Votre cde : RG-APPRO-2109-12 du 01/09/2021", "RG-APPRO-2109-12"),
    ("REF. COMMANDE CLIENT : MARCHE-2019-017-LOT3", "MARCHE-2019-017-LOT3"),
    ("Vos réf. : PO 4500021958", "4500021958"),
    ("Date d'échéance    2 novembre 2022\nCommande           4500219410", "4500219410"),  # a header's keys and values
    ("Ordre de service PATRIMOINE : OS-2021-00741", "OS-2021-00741"),
    ("CLIENT 00317\nBC ANNUEL BCA-2022-0042", "BCA-2022-0042"),
])
def test_order_references_of_public_works_and_short_labels(line, order):
    assert fields(f"Menuiserie Dupuis\nFacture n° F-100\n{line}\n{TOTALS}")["order_reference"] == order


def test_an_invoice_the_letter_names_is_not_its_own_number():
    assert "invoice_number" not in fields(f"Menuiserie Dupuis\nObjet : votre facture 2021-0042\n{TOTALS}")


def test_a_customer_reference_that_is_no_purchase_order_is_not_one():
    """A lawyer's « Votre référence : CTX-2020-0211 » is the landlord's case file: an order read
    there would raise a false « order unknown » alert."""
    assert "order_reference" not in fields(f"Dubosc Avocats\nFacture n° F-100\nVotre référence : CTX-2020-0211\n{TOTALS}")


def test_dates_of_other_documents_are_not_the_documents_date():
    credit = ("ELEC DUPUIS\nAVOIR N° A-007\nLE 16 MARS 2020\nSUR MA FACTURE N° 412 DU 3 MARS 2020\n" + TOTALS)
    assert fields(credit, "supplier_credit_note")["invoice_date"] == "2020-03-16"
    note = ("OCCI TEL\nNOTE DE CRÉDIT n°CR-88 du 20 Avril 2020\nFacture concernée : n°4582 du 12 Mars 2020\n" + TOTALS)
    assert fields(note, "supplier_credit_note")["invoice_date"] == "2020-04-20"


def test_a_credit_notes_date_on_the_line_under_its_number():
    credit = ("Les Jardins de l'Hers\n          AVOIR n° AV2021-014\n          du 3 sept. 2021\n\n"
              "Sur facture n° F2021-0803 du 31/08/2021\nTontes facturées du 1er juin au 31 août 2021.\n"
              "Tarif révisé depuis\nle 1er mai 2021 : régularisation.\n" + TOTALS)
    assert fields(credit, "supplier_credit_note")["invoice_date"] == "2021-09-03"
    # a period « du … au … » is no date of issue
    period = "Menuiserie Dupuis\nFacture n° F-100\ndu 1er juin 2021 au 30 juin 2021\nle 2 juillet 2021\n" + TOTALS
    assert fields(period)["invoice_date"] == "2021-07-02"
    # the date in a cell of its own right of the number, a wide gap between (a text layer's layout)
    aligned = ("Aquasud\nAVOIR n° 2009120577                                      du 14/09/2020\n"
               "Régularisation de la facture n° 2007883419 du 20/07/2020 : erreur de relevé\n" + TOTALS)
    got = fields(aligned, "supplier_credit_note")
    assert (got["invoice_date"], got["invoice_number"]) == ("2020-09-14", "2009120577")
    # a « N° » heading a right-hand cell after any gap
    assert fields("AXIAL INTERIM                     FACTURE\nAgence Compans              No 0012458/21\n"
                  + TOTALS)["invoice_number"] == "0012458/21"


def test_due_date_told_as_a_payment_term():
    text = ("Menuiserie Dupuis\nFacture n° F-100\nDate : 30/06/2021\n" + TOTALS
            + "Délai de paiement : 30 jours à compter de la réception, soit au plus tard le 30/07/2021.\n")
    assert fields(text)["due_date"] == "2021-07-30"
    # its « à » read as a 4 by the OCR
    text = "Menuiserie Dupuis\nFacture n° F-100\nDate : 02/02/2021\n" + TOTALS + "Conditions : 4 régler avant le 4 mars 2021.\n"
    assert fields(text)["due_date"] == "2021-03-04"
    # the term's sentence wrapped before its date
    text = ("Menuiserie Dupuis\nFacture n° F-100\nDate : 01/09/2021\n" + TOTALS
            + "Échéance : paiement sous 30 jours à compter de la réception de la situation par le maître\n"
            "d'oeuvre, soit au plus tard le 30/09/2021.\n")
    assert fields(text)["due_date"] == "2021-09-30"
    # « à régler » glued by the OCR, and the sum due before a date
    for line in ("arégler avant le 22/01/2021", "Montant dû : 1017,46€ avant le 22/01/2021"):
        text = "Menuiserie Dupuis\nFacture n° F-100\nDate : 07/01/2021\n" + TOTALS + line + "\n"
        assert fields(text)["due_date"] == "2021-01-22"
    text = ("Karim BENALI\nFacture n° 2020-031\nDate : 08/09/2020\n" + TOTALS
            + "Paiement par virement sous 30 jours, soit avant le 08/10/2020.\n")
    assert fields(text)["due_date"] == "2020-10-08"


def test_the_invoice_a_credit_note_refers_to_is_not_its_date():
    text = ("CAZALIS PAPETERIE\nFACTURE NÉGATIVE N° FN-2020-0031\n"
            "se rapporte à notre facture F-20-11872 du 24/11/2020 - bon de retour RM-0457\n"
            "Albi, le 8 décembre 2020\nTotal HT -100,00 €\nTVA 20 % -20,00 €\nTotal TTC -120,00 €\n")
    assert fields(text, "supplier_credit_note")["invoice_date"] == "2020-12-08"


def test_negative_totals_make_a_credit_whatever_the_title():
    text = "Elec Dupuis\nAvoir n° 12\nTotal HT -612,00\nTVA 10 % -61,20\nTotal TTC -673,20\n"
    f = fields(text, "supplier_invoice")
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("-612.00", "-61.20", "-673.20")


def test_total_with_a_space_after_its_decimal_comma_at_the_end_of_a_line():
    f = fields("Arbo Dupuis\nFacture n° 7\nTOTAL HT 5 000,00\nTVA 20 % 1 000,00\nTOTAL TTC 6 000, 00\n")
    assert f["total_incl_tax"] == "6000.00"


def test_missing_total_worked_out_when_its_line_prints_those_digits():
    f = fields("Elec Dupuis\nAvoir n° 7\nTOTAL HT A REMBOURSER … 87:50 €\nTVA 20 % 17,50 €\nTOTAL TTC 105,00 €\n",
               "supplier_credit_note")
    assert f["total_excl_tax"] == "-87.50"
    f = fields("Elec Dupuis\nFacture n° 7\nTOTAL HT 12 ab\nTVA 20 % 17,50 €\nTOTAL TTC 105,00 €\n")
    assert "total_excl_tax" not in f  # nothing on its line says 87.50


@pytest.mark.parametrize("printed, name", [
    ("OCCITEL PRO", "Occitel Pro"), ("LES JARDINS DE L'HERS", "Les Jardins de l'Hers"),
    ("SUD-OUEST HYGIENE 3D", "Sud-Ouest Hygiene 3D"), ("EDF", "EDF"), ("Plomberie Garonne", "Plomberie Garonne"),
])
def test_supplier_names_printed_in_capitals_come_out_as_spelled(printed, name):
    assert natural_case(printed) == name


def test_the_documents_own_small_letters_spelling_wins_and_nv_is_a_legal_form():
    assert natural_case("MENUISERIES ALU GARONNE", "x\nMenuiseries Alu Garonne SAS - capital") == "Menuiseries Alu Garonne"
    assert natural_case("OCCITEL PRO", "occitel PRO\nOCCITEL PRO SAS") == "Occitel Pro"  # a logo is no spelling
    assert strip_legal_form("CLEANWISE EUROPE NV") == "CLEANWISE EUROPE"
    text = "ACME NETTOYAGE\n5 rue X\nFacture n° 9\n" + TOTALS + "ACME NETTOYAGE SAS au capital de 10 000 €\n"
    assert fields(text)["supplier_name"] == "Acme Nettoyage"


def test_a_supplier_name_takes_its_accents_and_sheds_scp():
    """« ÉLÉVATION SUD SERVICES » in the letterhead, « Elévation Sud Services SAS » in the footer
    where OCR lost the capital's accent; a bailiffs' « SCP » is a legal form like SARL."""
    text = ("ÉLÉVATION SUD SERVICES\nFacture n° F-100\n" + TOTALS
            + "Elévation Sud Services SAS - capital 500.000 € - RCS Toulouse 718 633 639\n")
    assert fields(text)["supplier_name"] == "Élévation Sud Services"
    assert strip_legal_form("SCP Rieu & Vidal") == "Rieu & Vidal"


def test_the_customers_french_vat_number_is_not_the_suppliers():
    """A foreign supplier's invoice prints the landlord's VAT number as the customer's; one
    registered for VAT in France says so, and that number is the supplier's."""
    dutch = ("Van der Berg Lift Components B.V.\nINVOICE No. 2020-30415\nBill to: PATRIMOINE\nVAT: FR90708172291\n"
             + TOTALS + "Van der Berg Lift Components B.V. - KvK 24317702 - VAT NL727439261B01\n")
    assert "supplier_vat" not in fields(dutch)
    customer = "Menuiserie Dupuis\nFacture n° F-100\nN° TVA client : FR90708172291\n" + TOTALS
    assert "supplier_vat" not in fields(customer)
    kunde = "Scanwerk GmbH\nRechnungsnummer: 2021-100482\nUSt-IdNr. Kunde: FR90708172291\n" + TOTALS
    assert "supplier_vat" not in fields(kunde)  # a German invoice's label for its customer's
    registered = ("Brightwave Cloud Ltd\nINVOICE No. BW-1001\n" + TOTALS
                  + "Irish VAT IE1843219Q - French VAT FR58451922595\n")
    assert fields(registered)["supplier_vat"] == "FR58451922595"
    # « TVA à 5,5 % … : attestation » holds no Austrian number (« at » + « testation »)
    french = ("Isolation Comminges\nFacture n° ICE-2021-0219\n" + TOTALS
              + "TVA à 5,5 % et 10 % : attestation simplifiée fournie par le client\n"
              + "SIRET 830 115 481 00012 - TVA intracom. FR 77 830 115 481 - APE 4329A\n")
    assert fields(french)["supplier_vat"] == "FR77830115481"


def test_an_english_due_date_after_its_terms():
    text = ("KESTREL ACCESS SYSTEMS\nINVOICE         KAS-2020-0912\nDATE            12 October 2020\n"
            "TERMS           Net 30 days - due 11 November 2020\n" + TOTALS)
    assert fields(text)["due_date"] == "2020-11-11"


def test_an_order_number_with_the_customer_named_in_its_label():
    text = "FACTURE N. HSO-7715\nN. de commande PATRIMOINE : 4500123987\n" + TOTALS
    assert fields(text)["order_reference"] == "4500123987"
    assert fields("FACTURE N° 77\nN° de commande PATRIMOINE : BC21-0044\n" + TOTALS)["order_reference"] == "BC21-0044"


def test_a_credit_note_naming_the_invoice_it_settles_has_no_number_from_it():
    """« … sera déduit du règlement de la facture N° 0021-004417 »: another document's number."""
    text = ("Occitanie Collecte\nFACTURE RECTIFICATIVE\nMotif : correction de quantités\n"
            "Montant à déduire lors du règlement de la facture N° 0021-004417.\n" + TOTALS)
    assert "invoice_number" not in fields(text, "supplier_credit_note")


def test_a_logos_initials_over_the_name_they_stand_for():
    text = ("SOIS\nSud-Ouest Informatique Services\nIntégrateur - Infogérance - Cybersécurité\n\n"
            "PROPOSITION COMMERCIALE\nRéférence :  PC-2023-0142\nDate      :  07/02/2023\n"
            "Votre interlocutrice :\nInès Ouédraogo, ingénieure commerciale\ninouedraogo@sois.fr - 07 81 44 30 96\n" + TOTALS +
            "SOIS - Sud-Ouest Informatique Services - 2 rue de l'Innovation - 31670 Labège\n"
            "SAS au capital de 100 000 € - SIRET 59583553900049 - TVA FR38595835539\n")
    assert fields(text, "supplier_quote")["supplier_name"] == "Sud-Ouest Informatique Services"


@pytest.mark.parametrize("head, footer, name", [
    # the dash between the initials and the name lost in the scan
    ("AOM ASCENSEURS OCCITANS MAINTENANCE", "AOM SAS au capital de 100 000 €", "Ascenseurs Occitans Maintenance"),
    # the legal form before the initials
    ("SARL APG - ATELIER PEINTURE GARONNE", "SARL au capital de 20 000 € - RCS Toulouse", "Atelier Peinture Garonne"),
    # a footer opening on its legal form and capital, the name only in the letterhead
    ("HYGIENE 3D OCCITANIE                                        FACTURE",
     "SAS AU CAPITAL DE 10 000 EUR - SIRET 50420937000015", "Hygiene 3D Occitanie"),
])
def test_a_name_after_its_initials_or_its_legal_form(head, footer, name):
    text = f"{head}\n8 rue Paul Mesplé - 31100 Toulouse\nFACTURE N° 7100284519\n{TOTALS}{footer}\n"
    assert fields(text, "supplier_invoice")["supplier_name"] == name


def test_a_sole_traders_trade_name_beside_their_own_in_the_legal_mention():
    text = ("ELAGARIEGE\nElagage - abattage - soins aux arbres\nGilles Rouzaud, arboriste grimpeur\n"
            "Chemin de la Cavalerie, 09100 PAMIERS\nCHIFFRAGE n° 2020-57\n" + TOTALS +
            "EI Gilles Rouzaud - ElagAriege - SIRET 798 301 651 00112\n")
    assert fields(text, "supplier_quote")["supplier_name"] == "ElagAriege"
    # their own name alone in the mention: theirs
    alone = text.replace(" - ElagAriege", "")
    assert fields(alone, "supplier_quote")["supplier_name"] == "Gilles Rouzaud"


def test_the_number_ending_the_line_under_the_title():
    """A letterhead's cells read as one line each: the title ends one, « N° » and the number end
    the next; another « n° » further down (the customer's account) is not the invoice's."""
    text = ("Oc'Énergie Pro FACTURE D'ÉLECTRICITÉ\n"
            "Fournisseur d'énergie des professionnels et collectivités N° 30021487562\n"
            "Titulaire du contrat Adresse de facturation\nCompte client n° 4 015 227 861\n" + TOTALS)
    assert fields(text)["invoice_number"] == "30021487562"
    assert "invoice_number" not in fields(text.replace(" N° 30021487562", ""))


def test_a_progress_statements_rank_is_not_the_invoice_number():
    """« FACTURE DE SITUATION DE TRAVAUX N° 4 » ranks the statement; « N° de facture » under it
    is the invoice's number. Alone, the title's number is still read."""
    head = "BOR - BÂTISSEURS OCCITANS RÉNOVATION\nFACTURE DE SITUATION DE TRAVAUX N° 4\n"
    assert fields(head + "N° de facture : 2020-0914 Date : 07/09/2020\n" + TOTALS)["invoice_number"] == "2020-0914"
    assert fields(head + "Date : 07/09/2020\n" + TOTALS)["invoice_number"] == "4"


def test_an_invoice_n_whose_degree_sign_the_ocr_lost_before_a_colon():
    text = "EURL COURANTS MBAYE ELECTRICITE\nFACTURE N : 2021-017\nDATE : 12/03/2021\n" + TOTALS
    assert fields(text)["invoice_number"] == "2021-017"


def test_a_name_whose_elided_word_reads_like_a_phone_label():
    """« Occi'Tel Pro SA au capital de … » in the footer: « Tel » after an apostrophe is part of
    the name, not a phone's label."""
    text = ("Occi' Tel Pro\nOpérateur télécom des entreprises et collectivités d'Occitanie\n"
            "Facture n° 0021-774-3391-2021-03\nDate de facture : 05/03/2021\n" + TOTALS +
            "Occi'Tel Pro SA au capital de 2 400 000 € - 5 esplanade Compans-Caffarelli, 31000 Toulouse\n"
            "RCS Toulouse 418 913 604 - N° TVA intracommunautaire FR9441 8913604\n")
    assert fields(text)["supplier_name"] == "Occi'Tel Pro"


def test_a_logos_initials_under_the_name_they_stand_for():
    """« ASCENSEURS GARONNE MAINTENANCE » over « AGM - Installation + Modernisation … »: the
    initials' line is the trade, the name is the line above."""
    text = ("ASCENSEURS GARONNE MAINTENANCE\nAGM - Installation + Modernisation + Maintenance d'ascenseurs\n"
            "ZA des Pradettes - 14 rue Marcelle-Henry - 31700 Beauzelle\n"
            "Tél. 05 61 71 38 20 - Dépannage 7j/7 : 05 61 71 38 29 - contact@agm-ascenseurs.fr\n"
            "PATRIMOINE SA d'HLM\nComptabilité Fournisseurs\nCS 90514\n31005 TOULOUSE CEDEX 6\nFACTURE N° FA-2004-11287\n"
            "Date de facture : 01/04/2020\n" + TOTALS + "SAS au capital de 250 000 € - RCS Toulouse 761 385 350\n")
    assert fields(text)["supplier_name"] == "Ascenseurs Garonne Maintenance"


def test_a_credit_notes_letter_prefix_apart_from_its_digits_and_initials_after_the_name():
    """« NO AVOIR : À 0047719 » (an A the OCR accented, a space before the digits), under
    « COMPTOIR TOULOUSAIN DU SANITAIRE - CTS »: the number keeps its prefix, the name drops the
    initials it is printed with."""
    text = ("COMPTOIR TOULOUSAIN DU SANITAIRE - CTS\nNEGOCE CHAUFFAGE SANITAIRE PLOMBERIE\n"
            "45 ROUTE D'ALBI - 31200 TOULOUSE\nNO AVOIR : À 0047719 DATE : 09/03/2021\n"
            "TOTAL HT AVOIR 539,64\nTOTAL TVA 107,93\nTOTAL TTC AVOIR 647,57\n")
    f = fields(text, "supplier_credit_note")
    assert (f["invoice_number"], f["supplier_name"]) == ("A0047719", "Comptoir Toulousain du Sanitaire")


def test_a_number_printed_in_groups_before_its_date():
    """« Facture n° 10 0472 8815 12 du 14/05/2020 »: an energy supplier's number in groups of
    digits, then the invoice's date; not its first group alone."""
    text = ("volterra\nÉNERGIE Facture d'électricité - Offre Pro Stabilis\n"
            "Facture n° 10 0472 8815 12 du 14/05/2020\n" + TOTALS)
    f = fields(text)
    assert (f["invoice_number"], f["invoice_date"]) == ("100472881512", "2020-05-14")


def test_the_place_and_date_on_the_titles_line_before_an_enclosed_work_orders_date():
    """« FACTURE N° SMD-20-1187   Toulouse, le 16/11/2020 », then the work order stapled to it
    (« Date : 12/11/2020 »): the invoice is dated on its title's line."""
    text = ("SERRURERIE MINIMES DÉPANNAGE\nFACTURE N° SMD-20-1187 Toulouse, le 16/11/2020\n"
            "Intervention du 12/11/2020 — bon d'intervention n°4471 ci-joint\n" + TOTALS +
            "BON D'INTERVENTION N° 4471\nDate : 12/11/2020 Arrivée : 9h40 Départ : 11h25\n")
    assert fields(text)["invoice_date"] == "2020-11-16"


def test_a_lawyers_fee_note_with_disbursements_outside_the_tax_dated_at_its_foot():
    """« Débours non soumis à TVA 13,00 € » is no tax line: the total excl. tax holds the fees and
    the disbursements (its label garbled by the OCR), the tax is the fees'. The note is dated at
    its foot, « Toulouse. le 14 septembre 2020 » (the comma read as a dot), after the judgment's
    date in its heading."""
    text = ("SELARL TROUVÉ-NGASSA AVOCATS\nNOTE D'HONORAIRES N° 2020/148\n"
            "Affaire : résiliation du bail — jugement du 3 septembre 2020\n"
            "Honoraires forfaitaires procédure ........ 750,00 €\nAudience supplémentaire ........ 120,00 €\n"
            "Total honoraires HT: an tee 870,00 €\nDébours non soumis à TVA (droit de plaidoirie) ............ ese 13,00 €\n"
            "TOTAL PID nent tonsnrani idees 883,00 €\nTVA:20::surhonordites 5. en ne 174,00 €\n"
            "TOTAL TTC. nn lnsdeiteehsis nr tiriees 1 057,00 €\nProvision reçue le 12 février 2020... -400,00 €\n"
            "SOLDE RESTANT Da nage 657,00 €\nFlorence Trouvé-Ngassa\nToulouse. le 14 septembre 2020\n")
    f = fields(text)
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("883.00", "174.00", "1057.00")
    assert f["invoice_date"] == "2020-09-14"


def test_a_bailiffs_practice_over_its_trade_whose_mailbox_names_the_trade():
    """« SCP DELMAS-KOWALCZYK & AUBRIOT » over « Huissiers de Justice associés », writing from
    « etude@huissiers-dka31.fr »: the mailbox's first word is the trade, not the name."""
    text = ("SCP DELMAS-KOWALCZYK & AUBRIOT\nHuissiers de Justice associés\n12 avenue Jacques Douzans — 31600 MURET\n"
            "etude@huissiers-dka31.fr\nFACTURE N° 20-08831 Muret, le 18/11/2020\n" + TOTALS +
            "SCP titulaire d'un office d'huissier de justice — SIRET 73525718000035\n")
    assert fields(text)["supplier_name"] == "Delmas-Kowalczyk & Aubriot"


def test_initials_over_a_long_public_bodys_name_and_a_numero_sign_read_as_a_pound():
    text = ("SIEVH\nSYNDICAT INTERCOMMUNAL DES EAUX DE LA VALLEE DE L'HERS\nSERVICE ABONNES - 2 CHEMIN DU MOULIN - 31130 QUINT\n"
            "FACTURE N° 2021-0412\n" + TOTALS)
    assert fields(text)["supplier_name"] == "Syndicat Intercommunal des Eaux de la Vallee de l'Hers"
    quote = "CERÁMICAS VALLS I MORAGUES, S.L.\nPRESUPUESTO N£ P-21/0264\nFecha: 14/04/2021\n" + TOTALS
    assert fields(quote, "supplier_quote")["invoice_number"] == "P-21/0264"


def test_a_cooperatives_variable_capital_and_an_order_with_what_it_orders_in_brackets():
    """« SCOP SARL à capital variable » names no firm (its « à » is no name), the letterhead does;
    « Bon de commande (prestations hors forfait) : BC2020-06314 » is the order."""
    text = ("LES JARDINS DE BELLEGARDE\nSociété coopérative et participative – Paysagistes\n"
            "FACTURE N° JB-2020-0388\nDate : 31/10/2020\nBon de commande (prestations hors forfait) : BC2020-06314\n"
            + TOTALS + "SCOP SARL à capital variable – RCS Toulouse 819 445 727 – SIRET 819 445 727 00145\n")
    f = fields(text)
    assert (f["supplier_name"], f["order_reference"]) == ("Les Jardins de Bellegarde", "BC2020-06314")


def test_initials_then_the_name_they_stand_for_and_no_table_heading_for_a_name():
    """« NOS – NETTOYAGE OCCITAN SERVICES »: « NOS » is the initials, not a tagline's « nos »;
    a table's heading (« Désignation ») is never the name."""
    text = ("NOS – NETTOYAGE OCCITAN SERVICES\nPropreté • Hygiène • Multiservices\n"
            "47 avenue des États-Unis – 31200 TOULOUSE\nFACTURE N° 2020-05-0194   Toulouse, le 31 mai 2020\n\n"
            "Désignation                                                    Montant HT\n" + TOTALS +
            "SAS NOS au capital de 20 000 € – SIRET : 84420917100017\n")
    assert fields(text)["supplier_name"] == "Nettoyage Occitan Services"


def test_dotted_initials_their_words_then_the_trades_on_one_line():
    """A monospaced letterhead prints « A.N.L. ANTI-NUISIBLES DU LAURAGAIS DERATISATION
    DESINSECTISATION DESINFECTION » on one line: the name is what the initials stand for."""
    text = ("A.N.L. ANTI-NUISIBLES DU LAURAGAIS DERATISATION DESINSECTISATION DESINFECTION\n"
            "ZA DE LA BALADE - 4 RUE DES ARTISANS\n31290 VILLEFRANCHE-DE-LAURAGAIS TEL 05.61.81.30.62\n"
            "FACTURE N. 2021-118\n" + TOTALS + "SIRET 39471255800029\n")
    assert fields(text)["supplier_name"] == "Anti-Nuisibles du Lauragais"
