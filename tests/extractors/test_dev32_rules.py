"""Rules read from mail written by other hands (the thirty-second development set): a tenant's
letter after a social worker's that encloses an order, the landlord's own form after a letter,
a practitioner's name over their profession, a long public body's name, due dates written
« avantle » or before « au plus tard », a diagnostician's « ordre de mission », an occupant named
after dot leaders read as letters."""

from __future__ import annotations

from config.registries import Registries
from extractors.boundaries import document_starts
from extractors.fields import extract_fields
from tests.extractors.test_fields_third_party import tenant

NONE = Registries((), ())


def test_a_writers_name_and_address_heading_the_page_is_not_the_order_the_letter_encloses():
    social = ("RELAIS OLYMPE\nAccueil, écoute et hébergement des femmes victimes de violences\n"
              "Adresse postale : BP 20417 - 31004 TOULOUSE CEDEX 6\nObjet : Mme FOURCADE - relogement en urgence\n"
              "Madame, Monsieur,\nMme FOURCADE ne souhaite pas être contactée directement pour le moment. Merci de passer\n"
              "exclusivement par sa référente, Mme Justine LAFFORGUE, intervenante sociale.\n"
              "Nous vous remercions de la diligence que vous voudrez bien apporter a cette demande.\n"
              "Justine LAFFORGUE\nIntervenante sociale\nP.J. : copie de l'ordonnance de protection (extrait)\n")
    tenant_letter = ("Assia MERDE\n10 allée des Gyprés, appt 52\n31100 ‘toulouse\ny Locataire 10227015\n"
                     "f l'attention de La conseïllère sociale\nPATRIMOINE\nMadame,\n"
                     "J@ vous écris en cachette, je dépose cette\nlettre moi-même à L'accueil.\n")
    assert document_starts([social, tenant_letter]) == [0, 1]
    order = "ORDONNANCE DE PROTECTION\nTribunal judiciaire de Toulouse\nJuge aux affaires familiales\n"
    assert document_starts([social, order]) == [0]


def test_the_landlords_own_form_after_a_letter_starts_a_document():
    letter = ("Armelle LACOMBE\nRésidence Clos Montaudran — appartement 203\n41 rue des Jardiniers\n31400 Toulouse\n"
              "Objet : nuisances sonores — appartement 303\nMadame, Monsieur,\n"
              "Je vous demande de bien vouloir leur rappeler les règles du règlement intérieur sur le bruit.\n"
              "Je vous remercie de l'attention que vous porterez à ma demande et vous prie d'agréer,\n"
              "Madame, Monsieur, l'expression de mes salutations distinguées.\nArmelle Lacombe\n"
              "PATRIMOINE\nGestion locative\nBP 41207\n31012 Toulouse Cedex 6\nToulouse, le 22 avril 2020\n")
    form = ("PATRIMOINE\nDEMANDE DE PLAN D'APUREMENT / D'ÉCHÉANCIER\n"
            "Protocole d'accompagnement des locataires - crise COVID-19\n. VOTRE IDENTITÉ\n"
            "Nom : OUAZZANI Prénom : Rachida\nN° de locataire : 10428651\n")
    assert document_starts([letter, form]) == [0, 1]


def test_a_practitioners_name_over_their_profession_and_a_long_public_bodys_name():
    fees = ("                   SOLÈNE FERRAND-IDRISSI\n                       AVOCAT\n"
            "                 Barreau de Toulouse - Toque 412\n           6 rue des Arts - 31000 Toulouse\n"
            "NOTE D'HONORAIRES N° 2020-118\nTOTAL HORS TAXES 935,40 €\nTVA 20 % 184,48 €\nTOTAL TTC 1 119,88 €\n")
    assert extract_fields("supplier_invoice", "supplier", fees, NONE).fields["supplier_name"] == "Solène Ferrand-Idrissi"
    water = ("RÉGIE DES EAUX DU GIROU ET DE LA SAUNE\nService public de l'eau et de l'assainissement\n"
             "Hôtel de la Régie - 3 place de la Halle - 31380 Montastruc-la-Conseillère\n"
             "FACTURE D'EAU ET D'ASSAINISSEMENT\nN° de facture : 2020-R3-0045871 Date d'émission : 15/10/2020\n"
             "MONTANT TOTAL À PAYER : 6756,25€\navantle 14/11/2020\n")
    f = extract_fields("supplier_invoice", "supplier", water, NONE).fields
    assert f["supplier_name"] == "Régie des Eaux du Girou et de la Saune"
    assert f["due_date"] == "2020-11-14"


def test_a_due_date_before_au_plus_tard_and_a_mission_order():
    invoice = ("NET'GARONNE PROPRETÉ\nFACTURE N° F-2020-0518\nDate : 31/05/2020\nOrdre de mission : OM-21-0412\n"
               "TOTAL HT 1 000,00\nTVA 20 % 200,00\nTOTAL TTC 1 200,00\n"
               "Paiement a 30 jours, le 30/06/2020 au plus tard, par virement :\n")
    f = extract_fields("supplier_invoice", "supplier", invoice, NONE).fields
    assert (f["invoice_date"], f["due_date"]) == ("2020-05-31", "2020-06-30")
    assert f["order_reference"] == "OM-21-0412"


def test_an_occupant_named_after_dot_leaders_read_as_letters():
    notice = ("GAZ RÉSEAU GARONNE\nGestionnaire du réseau de distribution de gaz naturel\nPATRIMOINE\n"
              "Service Technique - Maintenance\n14 rue Caroline-Aigle - CS 60318\n31024 TOULOUSE CEDEX 3\n"
              "AVIS D'INTERRUPTION DE LIVRAISON POUR DANGER GRAVE ET IMMÉDIAT (DGI)\n"
              "N° d'intervention .... INT-2011-28-04412\n"
              "AGNCSSC® ices 6 hed caw acs 12 rue Saint-Exupéry, Résidence Les Saules, appt 7\n31240 L'UNION\n"
              "OCCUPANTS suisses Mme Rose-Marie LAGARDE\nMadame, Monsieur,\n"
              "Le 28 novembre 2020, nos techniciens sont intervenus pour une odeur de gaz.\n")
    assert tenant(notice, "repair_request")["tenant_name"] == "Rose-Marie Lagarde"
