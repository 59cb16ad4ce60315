"""Rules read from mail written by other hands (the forty-eighth development set)."""

from __future__ import annotations

from config.registries import Registries
from extractors.boundaries import document_starts
from extractors.fields import extract_fields
from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant


def test_my_contract_is_the_number_without_n_degree():
    mail = ("Nadia Benhaddou <nadia.benhaddou31@gmail.com>\nBonjour,\nIl y a des cafards dans ma cuisine.\n"
            "Mon contrat c'est le 31-0457219, appartement 6, 12 avenue Jean-Moulin, 31400 Toulouse.\n"
            "Merci d'avance\nNadia Benhaddou\n")
    assert tenant(mail, "repair_request")["tenant_reference"] == "31-0457219"
    # a year is still no contract
    assert "tenant_reference" not in tenant(mail.replace("c'est le 31-0457219", "c'est le 2019"), "repair_request")


MAYOR = ("MAIRIE D'AUCAMVILLE\nLe Maire\nPlace de la Mairie - 31140 AUCAMVILLE - Tél. 05 62 75 94 00\n"
         "Monsieur le Directeur général\nPATRIMOINE\nCS 40 123\n31035 TOULOUSE CEDEX 1\nAucamville, le 29 janvier 2021\n"
         "Objet : Demande de mutation de Mme Fatoumata SOUMARÉ\nMonsieur le Directeur général,\n"
         "Je me permets d'appeler votre attention sur la demande de mutation déposée par\n"
         "Mme Fatoumata SOUMARE, locataire de votre organisme depuis 2011 au 4 rue des Lavandes,\n"
         "31140 Aucamville (réf. locataire 41177305).\n"
         "La commune est prête à présenter sa candidature sur son contingent réservataire.\n"
         "Je vous prie d'agréer, Monsieur le Directeur général, l'expression de mes salutations distinguées.\n"
         "Christiane Barbazan\nMaire d'Aucamville\n")


def other(text: str) -> dict:
    return extract_fields("other", "other", text, Registries((), ())).fields


def test_a_mayor_putting_a_family_forward_for_a_home_is_no_job_application():
    assert other(MAYOR)["tenant_name"] == "Fatoumata Soumaré"
    # a job's application names a post
    job = MAYOR.replace("présenter sa candidature sur son contingent réservataire", "présenter sa candidature au poste de gardien")
    assert other(job) == {}


def test_the_offices_own_file_number_again_over_its_statement_of_costs():
    letter = ("SCP SABATHIER & ROQUES-DELPECH\nHuissiers de Justice Associés\n12 rue du Pont-Vieux — 31300 TOULOUSE\n"
              "PATRIMOINE\nService Contentieux\nCS 40 123\n31035 TOULOUSE CEDEX 1\nToulouse, le 28 janvier 2021\n"
              "Vos réf. : 40876312 / CT-2020-0961\nNos réf. : 20/04418 — IRD\nAffaire : PATRIMOINE c/ Mme DUMITRESCU Mirela\n"
              "Objet : Compte rendu de signification — commandement de payer\nMadame,\n"
              "Le commandement de payer a été signifié le 19 janvier 2021.\n"
              "Nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées.\n"
              "Pour la SCP, Inès Roques-Delpech\n")
    costs = ("ETAT DE FRAIS — Commandement de payer du 19/01/2021 Nos réf. : 20/04418\nPATRIMOINE c/ DUMITRESCU Mirela\n"
             "Emolument (art. R. 444-3 C. COM.) 42,94\nTVA 20 % 10,12\nTOTAL TTC 76,78 €\n")
    assert document_starts([letter, costs]) == [0]
    assert document_starts([letter, costs.replace("20/04418", "21/00102")]) == [0, 1]


def test_a_telecoms_your_invoice_of_before_a_tables_date_column():
    bill = ("TELVIA RÉSEAUX\nOpérateur télécom des entreprises\n"
            "Votre facture du 03/11/2020 N° de facture : 2011-TV-0088415\nTotal HT 1 131,26 €\nTVA 20 % 226,25 €\n"
            "Total TTC 1357,51€\n\fTELVIA RÉSEAUX - Facture 2011-TV-0088415 - page 2/2\n"
            "Ligne Date Heure Destination Durée Montant HT\n06/10/2020 10:14 Maroc mobile 00:08:12 4,92 €\n")
    assert supplier("supplier_invoice", bill)["invoice_date"] == "2020-11-03"


def test_the_raised_o_of_n_degree_read_as_a_two():
    quote = ("CERAMICAS BENLLOCH HERMANOS, S.L.\nPRESUPUESTO / DEVIS N2 P-21/0347\nFecha / Date : 15/03/2021\n"
             "Base imponible / Total HT 2.959,00 €\nIVA / TVA 0 % 0,00 €\nTOTAL / Total TTC 2.959,00 €\n")
    assert supplier("supplier_quote", quote)["invoice_number"] == "P-21/0347"


def test_a_care_services_patient_is_the_tenant():
    fax = ("SSIAD ENTRAIDE SUD-TOULOUSAIN\nService de soins infirmiers à domicile\n3 place de la Halle - 31470 SAINT-LYS\n"
           "Tél. 05 61 91 05 20\nDe : Kenza Bouaziz-Peyre, infirmière coordinatrice\nObjet : FUITE D'EAU IMPORTANTE\n"
           "Patiente : Mme ESCUDÉ Marie-Thérèse\nAdresse : 14 rue des Glycines, appt 6 - 31470 SAINT-LYS\n"
           "Tél. de Mme Escudé : 05 61 91 27 84\nMadame, Monsieur,\nde l'eau coule du plafond.\nKenza Bouaziz-Peyre\n")
    f = tenant(fax, "repair_request")
    assert (f["tenant_name"], f["phone"]) == ("Marie-Thérèse Escudé", "0561912784")


def test_the_sum_owed_in_all_over_a_down_payment_the_employer_made():
    letter = ("Au Fournil de Lardenne\nMadame, Monsieur,\nLe remboursement de l'État ayant pris du retard, je n'ai pu lui "
              "verser en avril qu'un acompte de 600 €, le solde devant suivre.\n"
              "M. ROUQUETTE m'a indiqué ne pas pouvoir régler ses loyers d'avril et de mai 2020, soit\n"
              "968,40 € au total. Je me permets d'appuyer sa demande de report.\n")
    assert tenant(letter, "payment_difficulty")["amount"] == "968.40"
