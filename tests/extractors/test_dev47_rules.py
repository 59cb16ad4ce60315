"""Rules read from mail written by other hands (the forty-seventh development set)."""

from __future__ import annotations

import pytest

from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant

FOOTER = "\nTOTAL HT 3.856,60\nTVA 20,00% 771,32\nTOTAL TTC EUR 4.627,92\n"


@pytest.mark.parametrize("head, footer, name", [
    # the name, then a dash and its dotted initials; the footer's legal name is the initials
    ("ÉTANCHÉITÉ TOITURES GARONNE - E.T.G.\nÉtanchéité - Couverture - Bardage\n",
     "ETG - SARL au capital de 40 000 € - SIRET 81274406800022\nRCS Toulouse - TVA intracommunautaire FR58812744068\n",
     "Étanchéité Toitures Garonne"),
    # dotted initials first, one of their letters from inside a word (« ANTI-PARASITES »)
    ("A.P.S.O. - ANTIPARASITES DU SUD-OUEST\n12 RUE DE L'INDUSTRIE - 31650 SAINT-ORENS-DE-GAMEVILLE\n",
     "SARL APSO CAPITAL 15.000 EUR SIRET 42861507400047 APE 8129A TVA FR42428615074\n",
     "Antiparasites du Sud-Ouest"),
])
def test_a_letterhead_prints_the_name_its_legal_footers_initials_stand_for(head, footer, name):
    text = head + "LES TOITS D'AUTAN\nFACTURE N. 20-06-00412 DU 30/06/2020\n" + FOOTER + footer
    assert supplier("supplier_invoice", text)["supplier_name"] == name


def test_initials_that_do_not_stand_for_the_name_beside_them_stay_the_name():
    # « APSO » could not be « BUREAU CONSEIL » (no initial of its)
    text = ("BUREAU CONSEIL - A.P.S.O.\n12 rue de l'Industrie 31650 Saint-Orens\nFACTURE N. 20-06-00412 DU 30/06/2020\n"
            + FOOTER + "SARL APSO CAPITAL 15.000 EUR SIRET 42861507400047 APE 8129A TVA FR42428615074\n")
    assert supplier("supplier_invoice", text)["supplier_name"] == "APSO"


def test_an_order_number_abbreviated_n_dot_without_de():
    text = ("A.P.S.O. - ANTIPARASITES DU SUD-OUEST\nFACTURE N. 20-06-00412 DU 30/06/2020 PAGE 1/1\n"
            "CODE CLIENT TOITSA01 ECHEANCE 31/07/2020\nN. COMMANDE CLIENT BC20-00655 MARCHE 2019-MT-014 LOT 2\n" + FOOTER)
    assert supplier("supplier_invoice", text)["order_reference"] == "BC20-00655"


def test_a_bank_account_number_beside_its_bank_codes_is_no_tenant_reference():
    letter = ("Madame Ilona Kertész\n3 rue des Lilas 31000 Toulouse\nObjet : changement de RIB pour le prélèvement\n"
              "Voici mes nouvelles coordonnées : Code banque : 30002 Code guichet : 01234 N° de compte : 08024718263\n"
              "Mon contrat de location : 1000-0316\nCordialement,\nIlona Kertész\n")
    assert tenant(letter, "other")["tenant_reference"] == "1000-0316"
    assert "tenant_reference" not in tenant(letter.replace("Mon contrat de location : 1000-0316\n", ""), "other")


WEBMAIL = ("05/10/2020 10:42 Messagerie PATRIMOINE - Attestation MRH M. N'GUESSAN-BROU\n"
           "De : Agence Pyrène Assurances <contact@pyrene-assurances-balma.fr>\nÀ: assurances.locataires@patrimoine-hlm31.fr\n"
           "Objet : Attestation MRH M. N'GUESSAN-BROU Séraphin - contrat 40098271 - réf. loc. 2019-118406\n"
           "PJ : attestation_40098271.pdf (84 Ko)\nBonjour,\nvous trouverez ci-dessous et en pièce jointe l'attestation "
           "d'assurance habitation de M. Séraphin N'GUESSAN-BROU.\nCordialement,\nSandrine Labatut\n"
           "ATTESTATION D'ASSURANCE HABITATION - LOCATAIRE\nAssuré : M. N'GUESSAN-BROU Séraphin\n"
           "Adresse du risque : Résidence Les Acacias, bât. 4, appt 42\n18 rue Paul Valéry, 31200 TOULOUSE\n"
           "Qualité : locataire\nContrat n° : 40098271 - Multirisque Habitation « Essentielle »\n"
           "Période : du 15/09/2020 au 14/09/2021\nFait à Balma, le 05/10/2020\n")
GUARDIAN = ("AMPT 31\nAssociation Mandataire Protection & Tutelle de la Haute-Garonne\n"
            "Service mandataire judiciaire à la protection des majeurs\n"
            "BP 52034 — 31018 Toulouse Cedex 2 — Tél. 05 62 47 19 60\nPATRIMOINE\nGestion locative — Agence Sud-Est\n"
            "CS 70321\n31053 Toulouse Cedex 1\nToulouse, lé 3 mars 2021\nLettre recommandée avec accusé de réception\n"
            "Dossier suivi par : Julien Tisseyre, mandataire judiciaire\nRéf. : MJ/HAD-2017-0441\n"
            "Objet : M. Abdelkader HADDOUCHE — congé du logement\nMadame, Monsieur,\n"
            "nous vous donnons congé du logement, avec un préavis d'un mois.\n")


def test_a_browser_footers_one_of_one_ends_the_printed_mail():
    from extractors.boundaries import document_starts

    printed = WEBMAIL + "https://webmail.patrimoine-hlm31.fr/owa/#path=/mail/inbox 1/1\n"
    assert document_starts([printed, GUARDIAN]) == [0, 1]
    # the same mail without its browser's footer: the letter still encloses a certificate, which
    # holds the next page back
    assert document_starts([WEBMAIL, GUARDIAN]) == [0]


def test_the_file_an_email_attached_printed_after_it_goes_with_it():
    from extractors.boundaries import document_starts

    mail = ("Outlook Web App 23/02/2021 16:20\nDe : Camille Rességuier <location@saint-michel-immobilier31.fr>\n"
            "À : Gestion locative PATRIMOINE <gestion.locative@patrimoine-hlm31.fr>\n"
            "Pièces jointes : autorisation Tixier signee.pdf (212 Ko)\nMadame, Monsieur,\n"
            "pourriez-vous nous adresser une attestation de bon paiement des loyers de Mme TIXIER ?\n"
            "Bien cordialement,\nCamille Rességuier\n")
    attached = ("autorisation Tixier signee.pdf 1/1\nAUTORISATION\nJe soussignée Anaïs TIXIER,\n"
                "locataire de PATRIMOINE SA d'HLM au 2 rue Bernard Mulé, appt 23, 31500 Toulouse\n"
                "autorise PATRIMOINE SA d'HLM à communiquer une attestation.\nFait à Toulouse, le 22/02/2021\n")
    assert document_starts([mail, attached]) == [0]
    assert document_starts([mail.replace("autorisation Tixier signee.pdf", "photo.jpg"), attached]) == [0, 1]


def test_an_insurers_contract_named_with_its_product_is_no_tenant_reference():
    assert tenant(WEBMAIL, "insurance_certificate")["tenant_reference"] == "2019-118406"


def test_the_fixed_line_a_social_service_gives_for_the_person_it_writes_about():
    letter = ("VILLE DE TOURNEFEUILLE\nCentre Communal d'Action Sociale\nPlace de la Mairie - BP 80104 - 31170 Tournefeuille\n"
              "PATRIMOINE\nCS 70321\n31053 Toulouse Cedex 1\nTournefeuille, le 6 novembre 2020\n"
              "Affaire suivie par : Mathilde Garrigou, conseillère sociale - 05 62 13 21 47\n"
              "Objet : situation préoccupante - M. Raymond CAZENEUVE\nMonsieur,\n"
              "M. Raymond Cazeneuve, 87 ans, veuf, vivant seul dans votre résidence, ne répondait plus à nos appels.\n"
              "M. Cazeneuve ne dispose que d'une ligne fixe : 05 61 86 42 71.\n"
              "Je vous prie d'agréer, Monsieur, l'expression de mes salutations distinguées.\nLa Directrice du CCAS\n")
    assert tenant(letter, "social_distress")["phone"] == "0561864271"
    # the service's own line, given the same way, stays theirs
    ours = letter.replace("M. Cazeneuve ne dispose que d'une ligne fixe : 05 61 86 42 71.",
                          "Notre cellule dispose d'une ligne fixe : 05 61 86 42 71.")
    assert "phone" not in tenant(ours, "social_distress")
