"""Rules read from mail written by other hands (the thirty-ninth development set, and misses left in
dev33 to dev38): a clinic's letterhead is no writer's name, « -ović » read « -ovié », a Spanish
« SL », the tenant's phone on their e-mail's line, a lease's contract after « loyers et charges »,
dot leaders before a debt, a caseworker's own contacts."""

from __future__ import annotations

from config.registries import Registries
from extractors.fields import extract_fields
from tests.extractors.test_fields_third_party import tenant


def test_a_polyclinics_letterhead_is_no_name_its_employee_is_the_tenant():
    letter = ("POLYCLINIQUE DU LAURAGAIS\nDirection des Ressources Humaines\n"
              "Route de Caraman - 31290 VILLEFRANCHE-DE-LAURAGAIS\nTél. 05 62 71 40 00\n"
              "PATRIMOINE SA Languedocienne d'HLM\nService Attributions et Mutations\n"
              "Villefranche-de-Lauragais, le 8 février 2021\n"
              "Objet : attestation employeur - demande de mutation de Mme Amina SAÏD MZE\nMadame, Monsieur,\n"
              "Je soussignée, Virginie CAPDEVIELLE, Directrice des Ressources Humaines de la Polyclinique\n"
              "du Lauragais, atteste que :\nMadame Amina SAÏD MZE\n"
              "demeurant 19 rue Jean-Rieux, appt 208 - 31400 TOULOUSE\n"
              "est employée dans notre établissement depuis le 3 avril 2017 en qualité d'aide-soignante.\n"
              "Virginie CAPDEVIELLE\nDirectrice des Ressources Humaines\n")
    fields = tenant(letter, "other")
    assert fields["tenant_name"] == "Amina Saïd Mze" and fields["postal_code"] == "31400"


def test_a_south_slavic_names_c_acute_read_as_e_acute_is_restored():
    letter = ("Dragan MILJKOVIC\n12 rue des Fontaines\n31200 Toulouse\nCourriel : dragan.miljkovic@sfr.fr\n"
              "Toulouse, le 3 mai 2021\nObjet : demande de plan d'apurement\nMadame, Monsieur,\n"
              "Je vous demande un échéancier pour ma dette de loyer.\nCordialement,\nDragan Miljkovié\n")
    assert tenant(letter, "payment_difficulty")["tenant_name"] == "Dragan Miljković"
    # an Occitan « Soulié » keeps its « é »
    assert tenant(letter.replace("MILJKOVIC", "SOULIE").replace("Miljkovié", "Soulié"),
                  "payment_difficulty")["tenant_name"] == "Dragan Soulié"


def test_a_spanish_companys_sl_is_its_legal_form_and_the_customers_department_no_name():
    invoice = ("INTERFONIA LLORENS SISTEMAS, SL.\nVideoporteros - Control de accesos - Sistemas de comunicación\n"
               "C/ de la Riera Pahissa, 38, nave 4 - 08940 Cornella de Llobregat (Barcelona) - España\n"
               "NIF: B65918427 - NIF-IVA: ESB65918427\nFACTURA N° factura: 2021/FV/000214\nFecha: 11/03/2021\n"
               "Cliente: Su pedido n°: BC21-001177\nPATRIMOINE Albaran n°: ALB-21-00388\nComptabilité Fournisseurs\n"
               "21 chemin de la Garenne, CS 40217\n31106 Toulouse Cedex 1 - FRANCIA\n"
               "Base imponible 10.149,20 €\nIVA0% 0,00 €\nTOTAL FACTURA 10.149,20 €\n")
    fields = extract_fields("supplier_invoice", "supplier", invoice, Registries((), ())).fields
    assert fields["supplier_name"] == "Interfonia Llorens Sistemas"


def test_the_phone_on_the_line_of_the_tenants_e_mail_is_theirs():
    letter = ("Mission Locale Toulouse Ouest\nAntenne de Tournefeuille\n4 impasse Max Baylac — 31170 Tournefeuille\n"
              "Tél. 05 61 06 27 30\nPATRIMOINE\nGestion locative\nTournefeuille, le 27 janvier 2021\n"
              "Objet : demande d'attestation de loyer\nMadame, Monsieur,\n"
              "J'accompagne Maëlys Randrianasolo, 20 ans, locataire de votre organisme depuis septembre 2019.\n"
              "Vous pouvez envoyer les documents directement à elle, de préférence par mail :\n"
              "Maëlys : maelys.randria@gmail.com — 07 68 12 44 39\n"
              "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.\nClaire Dupuy\nConseillère\n")
    fields = tenant(letter, "certificate_or_receipt_request")
    assert fields["email"] == "maelys.randria@gmail.com" and fields["phone"] == "0768124439"


def test_a_contract_named_after_rent_and_charges_is_the_leases_in_a_creditors_notice():
    notice = ("BANQUE DE FRANCE\nSecrétariat de la commission de surendettement des particuliers de la Haute-Garonne\n"
              "TSA 11219 - 31065 Toulouse Cedex 6\nSA D'HLM PATRIMOINE\nService Contentieux\nBP 10457\n"
              "31004 TOULOUSE CEDEX 6\nToulouse, le 24 novembre 2020\n"
              "NOTIFICATION AUX CREANCIERS - DECISION DE RECEVABILITE\nDossier n° : 031 20 11 487\n"
              "Débiteur : Madame WROBEL Zofia\n7 allée des Saules, appt 28, 31270 Cugnaux\n"
              "Créance déclarée par le débiteur : loyers et charges - contrat n° 2609-3315\n"
              "montant indiqué : 2 764,90 euros\nMadame, Monsieur,\n"
              "La commission a déclaré recevable le dossier de la personne désignée ci-dessus.\n")
    assert tenant(notice, "legal_notice")["tenant_reference"] == "2609-3315"


def test_a_forms_dot_leaders_end_no_sentence_before_the_debt():
    """« Dette locative déclarée ....... 1 152,35 EUR »: the debt is the sum at stake, not the
    rest the household keeps paying, though a sentence names that « reste »."""
    decision = ('DEPARTEMENT DU TARN\n'
                'Direction de la Solidarité - Fonds de Solidarité pour le Logement\n'
                'Hôtel du Département - 81013 ALBI CEDEX 9\n'
                'PATRIMOINE\n'
                'Albi, le 22/09/2020\n'
                'NOTIFICATION DE DECISION - AIDE AU MAINTIEN DANS LE LOGEMENT\n'
                'Dossier FSL n° : 81-M-2020-01733\n'
                'Demandeur : M. VIGUIER Jordan\n'
                'Séance de la commission du 17/09/2020 - Décision : ACCORD\n'
                'Dette locative déclarée au dépôt du dossier ............. 1 152,35 EUR\n'
                'Aide accordée sous forme de subvention ...........:...... 640,00 EUR\n'
                'Aide accordée sous forme de prêt sans intérêt ...:....... 300,00 EUR\n'
                '(remboursable par le ménage en 15 mensualités de 20,00 EUR)\n'
                'Reste à la charge du ménage ............................. 212,35 EUR\n'
                "— Un plan d'apurement du reste à charge (212,35 EUR) doit être conclu avec\n"
                'le locataire et transmis au secrétariat du FSL dans un délai de 2 mois.\n')
    assert tenant(decision, "payment_difficulty")["amount"] == "1152.35"


def test_a_caseworkers_webmail_gives_her_contacts_and_the_tenants_e_mail_in_copy():
    mail = ("Messagerie PATRIMOINE 19/01/2021 11:03\n"
            "Objet : Demande d'attestation de loyer et quittances - M. MEKKI-BOULANGER Ilyès\n"
            "De: Justine CARRERE <justine.carrere@ml-garonne-exemple.fr>\nA: contact.locataires@patrimoine-exemple.fr\n"
            "Cc: ilyes.mkb31@gmail.com\nDate: mar. 19/01/2021 10:42\nBonjour,\n"
            "Je suis conseillère à la Mission Locale Garonne, antenne Centre. J'accompagne\n"
            "M. Ilyès Mekki-Boulanger, 22 ans, locataire chez vous au 4 allée Frédéric-Mistral, appt 15,\n"
            "31000 Toulouse (n° de locataire indiqué sur son avis d'échéance : 02120975).\n"
            "Pour ce dossier, il nous faudrait une attestation de loyer.\n"
            "Vous pouvez envoyer les documents directement à lui, en copie de ce mail, ou à moi.\n"
            "Merci beaucoup et bonne journée,\nJustine Carrère\nConseillère en insertion professionnelle\n"
            "Mission Locale Garonne - antenne Centre\nTél. : 05 61 14 38 52\n")
    fields = tenant(mail, "certificate_or_receipt_request")
    assert fields["tenant_name"] == "Ilyès Mekki-Boulanger" and fields["email"] == "ilyes.mkb31@gmail.com"
    assert "phone" not in fields  # the caseworker's line, under her signature
