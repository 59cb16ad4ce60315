"""Rules read from mail written by other hands (the forty-fourth development set)."""

from __future__ import annotations

from tests.extractors.test_dev38_rules import supplier
from tests.extractors.test_fields_third_party import tenant

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


def test_a_number_after_dot_leaders_and_a_rank_before_its_reference():
    heating = ("CALORIE SERVICES GARONNE\nExploitation de chauffage\nFacture\nNuméro ............. CSG/21/000784\n"
               "Date ............... 05/01/2021\nEchéance ........... 28/02/2021\n")
    assert supplier("supplier_invoice", heating)["invoice_number"] == "CSG/21/000784"
    progress = ("BÂTI-RÉNOV OCCITANIE\nFACTURE DE SITUATION N° 3 — Réf. SIT-2021-0031\n"
                "Date : 29/01/2021 Échéance : 15/03/2021 (45 jours)\n")
    assert supplier("supplier_invoice", progress)["invoice_number"] == "SIT-2021-0031"
    # a number of two digits alone stays
    assert supplier("supplier_invoice", progress.replace(" — Réf. SIT-2021-0031", ""))["invoice_number"] == "3"


def test_a_letterheads_name_beside_its_address_or_its_branch():
    german = ("SCANTECH Dokumentensysteme GmbH : ProvinostraBe €? . 86153 Augsburg\nPATRIMOINE SA d'HLM\n"
              "Rechnungsnummer: RE-2021-10477\nRECHNUNG\nNettobetrag 3.512,00 €\n")
    assert supplier("supplier_invoice", german)["supplier_name"].casefold() == "scantech dokumentensysteme"
    lifts = ("ELEVA SUD ASCENSEURS Agence Toulouse Métropole\nSAS au capital de 2 400 000 EUR 21 chemin de la Loge\n"
             "PATRIMOINE SA D'HLM\nFACTURE N° FA-21-0457\n")
    assert supplier("supplier_invoice", lifts)["supplier_name"] == "Eleva Sud Ascenseurs"


def test_a_spanish_corrective_invoices_number():
    text = ("MAMPARAS LEVANTE PROTECCION, S.L.\nFACTURA RECTIFICATIVA (ABONO)\nN2 factura rectificativa: R-2020/0058\n"
            "Fecha de emisién: 29/06/2020\nFactura rectificada: 2020/0412 de fecha 18/05/2020\n"
            "Base imponible -1.110,00 €\nIVA 0 % 0,00 €\nTOTAL ABONO -1.110,00 €\n")
    assert supplier("supplier_credit_note", text)["invoice_number"] == "R-2020/0058"


def test_a_maiden_name_and_a_title_read_as_a_dash_are_no_part_of_the_name():
    debtor = ("BANQUE DE FRANCE\nSECRETARIAT DE LA COMMISSION DE SURENDETTEMENT\nDossier n° : 031 21 003 871\n"
              "Débiteur(s) : Madame SABATIE née BOURREL Ghislaine\nAdresse : RESIDENCE LES SAULES APPT 7\n"
              "12 RUE DES PRES\n31600 MURET\nNOTIFICATION DE LA DECISION DE RECEVABILITE AUX CREANCIERS\n")
    assert tenant(debtor, "legal_notice")["tenant_name"] == "Ghislaine Sabatie"
    caf = ("CAF DE LA HAUTE-GARONNE\nSignalement d'impayé de loyer\nAllocataire : M-QUERE GWENDAL\n"
           "N° allocataire : 4471902\n12 rue des Lilas\n31770 COLOMIERS\n")
    assert tenant(caf, "housing_benefit")["tenant_name"] == "Gwendal Quere"
