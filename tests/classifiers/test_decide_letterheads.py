"""Classification decisions a letterhead or a subject line settles: a court's, a bailiff's or a
lawyer's letterhead, a subject naming another matter, the over-indebtedness commission, the
CAF or the MSA, a supplier's statement of account or reminder."""

from __future__ import annotations

import pytest

from classifiers.decide import Hints, classify, legal_header
from tests.classifiers.test_decide import _Model


def test_legal_header_rule(rt):
    text = ("SCP Delpech - Rouquette, Commissaires de Justice\n8 allées Jean Jaurès - Toulouse\n"
            "PATRIMOINE\nObjet : votre dossier\nMadame, nous vous prions de bien vouloir nous contacter.")
    assert legal_header(text)
    c = classify(text, rt.model, always_urgent=frozenset({"legal_notice"}))
    assert (c.type, c.method) == ("legal_notice", "rules+textcat") and c.urgent
    # the same words deep in a tenant's letter are no letterhead
    assert not legal_header("Madame,\n" + "Je vous écris encore une fois. " * 20 + "Un commissaire de justice")
    # a bailiff's bill whose totals add up is not forced to a legal notice by its letterhead
    billed = classify(text, rt.model, Hints(priced=True), always_urgent=frozenset({"legal_notice"}))
    assert billed.method == "textcat"


def test_a_court_named_in_the_letters_body_is_no_legal_letterhead():
    """A daughter, her mother's guardian, names the court that appointed her in her first
    sentence: the letterhead is hers, not a court's."""
    letter = ("À l'attention de PATRIMOINE\nGestion locative\nObjet : congé - logement de Mme Maria ROSSI\n"
              "Madame, Monsieur,\nJe soussignée Giulia Rossi, agissant en qualité de tutrice de ma mère (jugement "
              "du juge des contentieux de la protection du tribunal judiciaire de Toulouse), vous donne congé.\n")
    assert not legal_header(letter)
    assert legal_header("TRIBUNAL JUDICIAIRE DE TOULOUSE\nGreffe\nMadame, Monsieur,\nVous êtes convoqué.\n")


def test_a_legal_notice_whose_subject_names_another_matter_goes_to_a_person():
    """A guardian's letter giving notice (« Objet : Congé du logement ») cites the judgment that
    appointed her: the model, reading « jugement » and « tribunal », says legal notice; the
    subject says congé, no letterhead says court or bailiff: a person decides."""
    legalish = _Model({"legal_notice": 0.92, "lease_termination": 0.07, "other": 0.01})
    text = ("ATOG - Association Tutélaire Occitanie Garonne\nObjet : Congé du logement - M. Antoine CASTERAN - "
            "mesure de tutelle\nMadame, Monsieur,\nDésignée tuteur par jugement du tribunal judiciaire…\n")
    c = classify(text, legalish)
    assert c.type == "legal_notice" and c.confidence <= 0.5 and c.method == "conflict"
    # the subject naming the act, or none at all: the model's word stands
    assert classify(text.replace("Congé du logement", "signification d'un jugement"), legalish).confidence > 0.9
    assert classify(text.replace("Objet : ", ""), legalish).confidence > 0.9


def test_a_lawyers_letter_whose_subject_names_a_tenants_request_goes_to_a_person():
    """A family lawyer asks, for his client, for a certificate of who holds the lease: his
    letterhead says lawyer, his subject a certificate request; a person decides, that type first."""
    text = ("SELARL BRUNET - ALIBERT\nAvocats au Barreau de Toulouse\nDroit de la famille\n"
            "Objet : Mme Sophie GAILLARD - 4 allée des Sureaux\nDemande d'attestation et de quittances\n"
            "Madame, Monsieur,\nJ'assiste Mme GAILLARD dans la procédure de divorce qui l'oppose à son époux.\n")
    model = _Model({"legal_notice": 0.6, "certificate_or_receipt_request": 0.38, "other": 0.02})
    c = classify(text, model)
    assert (c.type, c.method) == ("certificate_or_receipt_request", "conflict") and c.confidence <= 0.5
    # the subject naming the act, or none: the letterhead decides
    assert classify(text.replace("Demande d'attestation et de quittances", "Assignation en divorce"),
                    model).type == "legal_notice"
    assert classify(text.replace("Demande d'attestation et de quittances", "Votre locataire"),
                    model).confidence > 0.9


@pytest.mark.parametrize("guess", ["legal_notice", "payment_difficulty"])
def test_the_over_indebtedness_commissions_notice_goes_to_a_person(guess):
    """The Banque de France's commission writes like a court about a payment plan: writers file
    its notices under either type, so neither is routed on the model's word alone."""
    text = ("BANQUE DE FRANCE - EUROSYSTEME\nSecrétariat de la commission de surendettement\n"
            "Objet : notification de la décision de recevabilité\nLa commission a déclaré RECEVABLE la demande.")
    c = classify(text, _Model({guess: 0.99, "other": 0.01}))
    assert (c.type, c.method) == (guess, "conflict") and c.confidence <= 0.5 and "surendettement" in c.reason
    # a tenant telling of the file she lodged is a payment difficulty, as the model says
    tenant = "Madame,\nJ'ai déposé un dossier à la commission de surendettement. Je ne peux pas payer le loyer."
    assert classify(tenant, _Model({"payment_difficulty": 0.99})).confidence == 0.99


def test_a_caf_letterhead_makes_a_housing_benefit_letter_when_the_model_hesitates():
    """A CAF form in capitals, a table of payments the model reads as a credit note (unsure): its
    letterhead decides. A tenant's « N° allocataire CAF » under their name is no letterhead, and a
    model sure of another type is not overridden."""
    form = ("CAF DE LA HAUTE-GARONNE AVIS DE PAIEMENT — TIERS PAYANT\n24 RUE RIQUET 31046 TOULOUSE CEDEX 9\n"
            "N.ALLOC NOM PRENOM REF.BAILLEUR PRES MOIS MONTANT\n3018855 P NAKACHE SAMUEL 031-276-341 APL 09/21 -48,00\n")
    c = classify(form, _Model({"supplier_credit_note": 0.5, "housing_benefit": 0.04}))
    assert (c.type, c.method) == ("housing_benefit", "rules+textcat") and c.confidence >= 0.98
    tenant = "Moussa KEITA\n4 rue des Mûriers\nN° allocataire CAF : 9876543\nObjet : demande de mutation\n"
    assert classify(tenant, _Model({"other": 0.5, "housing_benefit": 0.04})).type == "other"
    assert classify(form, _Model({"social_distress": 0.97})).type == "social_distress"


STATEMENT = ("Serrurerie Métallerie Ferrandiz\n14 rue Bayard - 31000 Toulouse\nPATRIMOINE\nComptabilité Fournisseurs\n"
             "Toulouse, le 6 décembre 2021\nRELEVÉ DE COMPTE - 2e RAPPEL\nVotre compte client n° 0412\n"
             "Madame, Monsieur,\nSauf erreur de notre part, les factures ci-dessous restent impayées :\n"
             "Facture       Date        Échéance    Montant TTC\nF-2021-0611   14/09/2021  14/10/2021  1 486,20\n"
             "F-2021-0674   05/10/2021  04/11/2021    642,00\nSolde dû 2 128,20 €\n"
             "SARL Serrurerie Métallerie Ferrandiz - SIRET 54497239100111\n")


@pytest.mark.parametrize("title", ["RELEVÉ DE COMPTE - 2e RAPPEL", "2ème relance", "Statement of account",
                                   "PAYMENT REMINDER", "Zahlungserinnerung"])
def test_a_suppliers_statement_or_reminder_is_no_invoice_to_pay(title):
    from classifiers.decide import UNSURE

    model = _Model({"supplier_invoice": 0.99, "supplier_quote": 0.01})
    c = classify(STATEMENT.replace("RELEVÉ DE COMPTE - 2e RAPPEL", title), model, Hints(supplier_identified=True))
    assert c.type == "supplier_invoice" and c.confidence <= UNSURE and c.method == "conflict"
    assert "relance" in c.reason


def test_an_invoice_reminding_its_terms_is_still_an_invoice():
    model = _Model({"supplier_invoice": 0.99, "supplier_quote": 0.01})
    text = STATEMENT.replace("RELEVÉ DE COMPTE - 2e RAPPEL", "FACTURE N° F-2021-0700\nRappel : pénalités de retard")
    assert classify(text, model).confidence > 0.9


def test_a_guardians_office_citing_the_judgment_goes_to_a_person():
    """A UDAF's notice of a protective measure cites the judgment and the court that appointed
    it: the model reads a legal notice; a guardian's office is no bailiff nor court."""
    model = _Model({"legal_notice": 0.99, "other": 0.01})
    text = ("UDAF 31\nUnion Départementale des Associations Familiales\nService Mandataires Judiciaires à la "
            "Protection des Majeurs\n6 rue de Lisieux - 31051 TOULOUSE\nObjet : M. CASTEX Raymond\n"
            "Madame, Monsieur,\nPar jugement du 18 décembre 2020, le juge des contentieux de la protection a "
            "placé M. CASTEX sous curatelle renforcée.\n")
    c = classify(text, model)
    assert (c.type, c.method) == ("legal_notice", "conflict") and c.confidence <= 0.5 and "protection" in c.reason
    # a bailiff's letter stays a legal notice
    bailiff = "SCP GARRIGUES - SARRADET\nHuissiers de Justice associés\nObjet : commandement de payer\n"
    assert classify(bailiff, model).confidence > 0.9


def test_a_suppliers_letter_without_title_or_sum_is_no_piece_to_file():
    """A heating contractor reports a gas danger and says a quote will follow: the model reads a
    quote; no title names one and no sum is printed (its legal footer's capital is no price)."""
    from classifiers.decide import UNSURE

    model = _Model({"supplier_quote": 0.99, "repair_request": 0.01})
    letter = ("TST - THERMIQUE SERVICES TOULOUSAINS\n140 route d'Espagne - 31100 TOULOUSE\n"
              "Objet : SIGNALEMENT D'UNE ANOMALIE DE TYPE DANGER GRAVE ET IMMÉDIAT\nMadame,\nL'appareil a été "
              "mis à l'arrêt. Nous vous adressons sous 48 heures un devis.\n"
              "SARL TST au capital de 80 000 € - SIRET 372 607 986 00018\n")
    c = classify(letter, model)
    assert c.type == "supplier_quote" and c.confidence <= UNSURE and c.method == "conflict"
    # a quote whose sum is printed, or titled so, stays the model's
    assert classify(letter + "Montant : 1 250,00 € HT\n", model).confidence > 0.9
    assert classify("DEVIS N° D-21-0118\n" + letter, model).confidence > 0.9


def test_a_prefects_designation_of_a_priority_household_is_no_legal_notice():
    """The prefect designates a household the DALO mediation commission found a priority: the
    model reads « décision », « commission », « article L. 441-2-3 »; no court, no bailiff."""
    model = _Model({"legal_notice": 0.99, "other": 0.01})
    dalo = ("PRÉFET DE LA HAUTE-GARONNE\nPôle Logement — Service du droit au logement\nObjet : désignation d'un ménage "
            "reconnu prioritaire au titre du droit au logement opposable\nMonsieur le Directeur général,\nPar décision "
            "du 16 septembre 2021, la commission de médiation a reconnu prioritaire le ménage de M. LI Wei.\n")
    c = classify(dalo, model)
    assert (c.type, c.method) == ("legal_notice", "conflict") and c.confidence <= 0.5 and "opposable" in c.reason
    # the prefect granting the police's help for an eviction is a legal notice
    eviction = dalo.replace("désignation d'un ménage reconnu prioritaire au titre du droit au logement opposable",
                            "concours de la force publique pour l'expulsion de M. LI Wei")
    assert classify(eviction, model).confidence > 0.9


def test_a_reminder_said_in_the_letters_subject_is_no_invoice_to_pay():
    """« Objet : 2e RAPPEL - facture impayée »: the invoice it lists was received already; paid
    again from the reminder, it would be paid twice."""
    from classifiers.decide import UNSURE

    model = _Model({"supplier_invoice": 0.99, "supplier_quote": 0.01})
    reminder = ("BUREAU D'ÉTUDES AMIANTE SUD\n61 allées Charles-de-Fitte - 31300 Toulouse\nPATRIMOINE\n"
                "Toulouse, le 4 octobre 2021\nObjet : 2e RAPPEL - facture impayée\nMadame,\nSauf erreur de notre part, "
                "la facture ci-dessous reste impayée :\nFacture n° F21-0912 du 15/07/2021 - 1 250,00 € TTC\n")
    c = classify(reminder, model)
    assert c.type == "supplier_invoice" and c.confidence <= UNSURE and c.method == "conflict"
    # an invoice whose subject names the work is an invoice
    assert classify(reminder.replace("2e RAPPEL - facture impayée", "diagnostics amiante, Résidence Les Izards"),
                    model).confidence > 0.9


def test_a_last_reminder_before_cutting_the_supply_is_no_invoice():
    reminder = ("ALTIGRID ÉNERGIE\nService Recouvrement Professionnels\nPATRIMOINE S.A. D'HLM\nToulouse, le 11 janvier 2021\n"
                "N° client : 3 004 711 862\nObjet : DERNIÈRE RELANCE AVANT SUSPENSION DE FOURNITURE\nMadame, Monsieur,\n"
                "Facture n° Date Échéance Montant TTC Reste dû\n10047712093 05/11/2020 22/11/2020 612,48€ 612,48€\n")
    from classifiers.decide import supplier_statement

    assert supplier_statement(reminder)
    assert supplier_statement(reminder.replace("DERNIÈRE RELANCE", "Première relance"))
    assert not supplier_statement(reminder.replace("DERNIÈRE RELANCE AVANT SUSPENSION DE FOURNITURE", "Votre facture"))
