"""Rules read from mail written by other hands (the thirty-third development set): a Gmail
print-out after an e-mail that announced its attachment, a trade named in a letter's sentence."""

from __future__ import annotations

from config.registries import Registries
from extractors.boundaries import document_starts
from extractors.fields import extract_fields


def test_a_gmail_print_out_after_an_e_mail_with_its_attachment_starts_a_document():
    adviser = ("Messagerie PATRIMOINE 19/01/2021 11:03\n"
               "Objet : Demande d'attestation de loyer et quittances - M. MEKKI-BOULANGER Ilyès\n"
               "De: Justine CARRERE <justine.carrere@ml-garonne-exemple.fr>\nA: contact.locataires@patrimoine-exemple.fr\n"
               "Date: mar. 19/01/2021 10:42\nPJ: autorisation Mekki-Boulanger.pdf (86 Ko)\nBonjour,\n"
               "M. Mekki-Boulanger m'autorise à faire cette demande en son nom (autorisation signée en pièce\n"
               "jointe).\nMerci beaucoup et bonne journée,\nJustine Carrère\nConseillère en insertion professionnelle\n"
               "Mission Locale Garonne - antenne Centre\nTél. : 05 61 14 38 52\n")
    gmail = ("Gmail Léna Bourrel <lena.bourrel31@gmail.com>\nDemande de quittances\n1 message\n"
             "Léna Bourrel <lena.bourrel31@gmail.com> 8 avril 2021 à 11:02\nÀ : contact@patrimoine-locataires.fr\n"
             "Bonjour,\nEst-ce que ce serait possible de recevoir mes quittances de loyer de janvier ?\n")
    assert document_starts([adviser, gmail]) == [0, 1]


def test_a_trade_in_the_writers_sentence_is_no_name():
    mail = ("De : Kévin Esteban-Puig <k.estebanpuig@outlook.fr>\nEnvoyé : jeudi 19 novembre 2020 18:05\n"
            "À : Patrimoine - Relation locataires <contact@patrimoine-locataires.fr>\n"
            "Objet : Préavis de départ - logement 3 impasse des Micocouliers Aucamville\nBonjour Madame, Monsieur,\n"
            "Je vous informe par ce mail de mon départ du logement (contrat n° 339104).\n"
            "Suite à une mutation professionnelle (je suis agent SNCF, muté à Lyon au 1er janvier), je\n"
            "bénéficie d'un préavis d'un mois.\nCordialement,\nKévin Esteban-Puig\n06 12 58 73 04\n")
    f = extract_fields("lease_termination", "tenant", mail, Registries((), ())).fields
    assert f["tenant_name"] == "Kévin Esteban-Puig"
