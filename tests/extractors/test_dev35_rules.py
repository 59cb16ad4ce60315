"""Rules read from mail written by other hands (the thirty-fifth development set): a number label
« N. » set far from its colon, a title's F lost at the scan's edge, a due date in a cell of its
own, a table's « Date » heading over its own column, a local part's first word apart, the tenant's
address copied to a broker's e-mail, an office's file then the person."""

from __future__ import annotations

from config.registries import Registries
from extractors.email_address import EMAIL_RE, email_value
from extractors.fields import extract_fields
from tests.extractors.test_fields_third_party import tenant

NONE = Registries((), ())


def supplier(doc_type, text):
    return extract_fields(doc_type, "supplier", text, NONE).fields


def test_an_aligned_number_label_and_a_due_date_in_a_cell_of_its_own():
    water = ("REGIE INTERCOMMUNALE DES EAUX DU GIROU ET DE L'HERS\nFACTURE D'EAU ET D'ASSAINISSEMENT\n\n"
             "FACTURE N.       : 2021-E-000318\nDATE             : 12/01/2021\nTOTAL TTC          6 621,77\n\n"
             "***   MONTANT A PAYER : 6 621,77 EUR   AVANT LE 12/02/2021   ***\n")
    f = supplier("supplier_invoice", water)
    assert (f["invoice_number"], f["invoice_date"], f["due_date"]) == ("2021-E-000318", "2021-01-12", "2021-02-12")


def test_a_titles_f_lost_at_the_scans_edge():
    laptops = ("NEXALIS INFORMATIQUE\nFacturé à :\nPATRIMOINE\nACTURE F20-03-2241 Date : 26/03/2020\n"
               "NET À PAYER (EUR) 10 109,86\n")
    assert supplier("supplier_invoice", laptops)["invoice_number"] == "F20-03-2241"


def test_a_tables_date_heading_over_its_own_column_not_the_corrected_invoices_date():
    credit = ("AVOIR\nN° avoir Date Client Sur facture Retour\n"
              "AV200117 27/05/2020 411PAT FC200884 du 07/05/2020 RMA-0526\nTOTAL TTC -120,00\n")
    assert supplier("supplier_credit_note", credit)["invoice_date"] == "2020-05-27"


def test_an_e_mails_first_word_apart_after_its_dot():
    assert email_value(EMAIL_RE.search("stephane. lagarrigue@sfr.fr")) == "stephane.lagarrigue@sfr.fr"
    assert email_value(EMAIL_RE.search("Courriel : jb. mbuyikalala@gmail.com")) == "jb.mbuyikalala@gmail.com"
    assert email_value(EMAIL_RE.search("Merci beaucoup. jean@free.fr")) == "jean@free.fr"


def test_the_tenants_address_copied_to_a_brokers_e_mail():
    mail = ("De: Sandrine Vialatte <s.vialatte@vialatte-courtage.fr>\nA: attestations.assurance@patrimoine-hlm.fr\n"
            "Cc: lou.marchetti.31@laposte.net\nDate: mar. 1 sept. 2020 a 09:17\n"
            "Objet: Attestation assurance habitation - Mme MARCHETTI Lou - Réf. locataire 0107-66420\n"
            "Madame, Monsieur,\nVous trouverez ci-dessous l'attestation de votre locataire, Mme Lou MARCHETTI.\n"
            "Cordialement,\nSandrine Vialatte\nCabinet Vialatte Courtage\n")
    f = tenant(mail, "insurance_certificate")
    assert f["tenant_name"] == "Lou Marchetti" and f["email"] == "lou.marchetti.31@laposte.net"


def test_an_offices_file_number_then_the_person():
    caf = ("Caf de la Haute-Garonne\nService Prévention des impayés de loyer\nTSA 70031 - 31061 Toulouse Cedex 9\n"
           "PATRIMOINE\nService Recouvrement\nLe 7 octobre 2020\nDossier n° 0583162 R - Monsieur HADDOU Yacine\n"
           "Adresse du logement : 41 chemin des Tourterelles, appt 3, 31400 TOULOUSE\n"
           "Objet : accusé de réception de votre signalement d'impayé - maintien de l'aide\nMadame, Monsieur,\n"
           "Nous accusons réception de votre signalement d'impayé de loyer.\n")
    assert tenant(caf, "housing_benefit")["tenant_name"] == "Yacine Haddou"
