"""The sum at stake in a payment-difficulty letter, read in its sentence."""

from __future__ import annotations

from extractors.fields_amount import read_amount
from extractors.fields_labels import Doc


def test_a_debt_whose_label_wraps_after_a_full_stop_outweighs_an_aid_applied_for():
    """« … celui de mai. Le montant restant à » over « sa charge est de 412,36 € par mois, soit
    824,72 € » : the line is long, what is left of it after the full stop is not; the sentence
    still names the debt, and the larger aid applied for elsewhere is not the sum at stake."""
    letter = ("Il a déposé une demande au fonds de solidarité de l'État (1 500 €) mais n'a encore rien perçu.\n"
              "Il n'a pas pu payer le loyer d'avril et ne pourra pas payer celui de mai. Le montant restant à\n"
              "sa charge est de 412,36 € par mois, soit 824,72 € pour les deux mois.\n")
    assert read_amount(Doc(letter)) == "824.72"
    # a short line before the amount is a table's heading, not the start of its sentence
    table = "Situation\nMontant\nAide demandée 1 500 €\n"
    assert read_amount(Doc(table)) == "1500.00"


def test_the_total_still_owed_in_a_table_over_a_monthly_share():
    """« Total restant dû au 31 juillet 2020 1 317,60 € » under a table of months: the sum at
    stake, not the month's « reste à charge (366,90 €) » named later."""
    letter = ("Mois Loyer APL Reste à charge Versé Reste dû\nAvril 2020 462,30€ 118,60€ 366,90€ 0,00€ 366,90 €\n"
              "Juillet 2020 462,30 € 118,60€ 366,90€ 50,00€ 316,90 €\nTotal restant dû au 31 juillet 2020 1 317,60 €\n"
              "Je reprends dès ce mois d'août le paiement intégral de mon reste à charge (366,90 €).\n")
    assert read_amount(Doc(letter)) == "1317.60"


def test_the_rent_the_writer_cannot_pay_over_an_aid_they_wait_for():
    """An informal e-mail names the aid applied for (larger) before the month's rent it cannot pay."""
    mail = ("je suis chauffeur vtc et je n ai plus de courses depuis le confinement.\n"
            "j ai fait la demande pour le fonds de solidarité de etat 1500 euros mais j ai\n"
            "toujours rien recu. je ne peux pas payer le loyer d'avril de 620 euros maintenant.\n")
    assert read_amount(Doc(mail)) == "620.00"
