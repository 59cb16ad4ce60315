"""Rules read from mail written by other hands (the forty-fourth development set)."""

from __future__ import annotations

from tests.extractors.test_dev38_rules import supplier

ELECTRICITY = ("WATT&CO ENERGIES PRO\nFacture n° FE-20210215-0098431 du 15/02/2021\n"
               "MONTANT TOTAL A PAYER 934,24 EUR\navant le 08/03/2021\n"
               "Abonnement et contributions ...................,...,..... 68,29\n"
               "Consommation d'électricité ...............,........4.4.: 547,78\n"
               "Taxes et contributions (CSPE, TCFE) .................... 170,71\n"
               "Total-<hors: TWA: ail. LAS Lot sa WR aies alata te alt Yd wD ie Co be 786,78\n"
               "TEVA dl see 40e à à ne lente à à vk Bu ape we ok ai «CONE TOR Edo Dies 147,46\n"
               "WOT OS 51 OR BR a BEG a EE EE CE 934,24\n"
               "Rubrique Quantité Prix unit. Montant HT TVA\n"
               "Abonnement 36 kVA du 01/01 au 31/01/2021 1 mois 58,4200 58,42 5,5%\n"
               "Energie HP 3 412 kWh 0,1124 383,51 20%\n"
               "TVA Base HT Montant TVA\n555% 68,29 3,76\n20 % 718,49 143,70\nTotal 786,78 147,46\n"
               "TOTAL TTC A PAYER AVANT LE 08/03/2021 : 934,24 EUR\n"
               "WATT&CO ENERGIES PRO - SAS au capital de 1 200 000 EUR\nSIRET 392 855 904 00125\n")


def test_a_vat_tables_first_column_of_rates_is_no_amount():
    got = supplier("supplier_invoice", ELECTRICITY)
    assert (got["total_excl_tax"], got["total_tax"], got["total_incl_tax"]) == ("786.78", "147.46", "934.24")


BAILIFF = ("SCP LASSERRE-DUMONTET & BA\nHuissiers de justice associés\nFACTURE N° H2020-07-0562 Muret, le 15 juillet 2020\n"
           "Dossier Débiteur Acte Emol. HT Dépl.H\n"
           "20/1184 MARTINS Joao Commandement de payer 75,84 7,67 14,89\n"
           "Emoluments et frais de déplacement soumis à TVA ........scsssssessesesseseeseess 361,22\n"
           "Taxe forfaitaire (art. 302 bis Y du CGI), non soumise à TVA ..............:0605 44,67\n"
           "TOTAL ET srcriescrsersseovesesssenstegresss are arrvan eases 405,89\n"
           "T.V Az 20 %6:sur 361,22 ss. 72,24\n"
           "TOTAL TTC. ccoccyvosscecchsscasserseonsnisttivneascs cussevszcciaetoaneenanerss 478,13\n"
           "SIRET 521 545 160 00215\n")


def test_an_amount_subject_or_not_to_vat_is_no_tax():
    got = supplier("supplier_invoice", BAILIFF)
    assert (got["total_excl_tax"], got["total_tax"], got["total_incl_tax"]) == ("405.89", "72.24", "478.13")
