"""Rules read from mail written by other hands (the thirty-first development set): a VAT number's
key ending a line, partners' names with their own punctuation, a gendarmerie's company, an
English office's e-mail about a tenant, an initial l read as a bracket."""

from __future__ import annotations

from config.registries import Registries
from extractors.email_address import EMAIL_RE, email_value
from extractors.fields import extract_fields
from extractors.vat_iban import find_vats
from tests.extractors.test_fields_third_party import tenant

NONE = Registries((), ())


def test_a_vat_numbers_key_ending_a_line_and_its_siren_starting_the_next():
    assert [v.value for v in find_vats("RCS TOULOUSE 819 902 735 - TVA INTRACOM FR65\n819902735\n")] == ["FR65819902735"]
    assert find_vats("TVA FR65\nDevis valable 3 mois\n") == []
    quote = ("LES JARDINS DE L'HERS - SCOP SARL\nCREATION ET ENTRETIEN D'ESPACES VERTS - ELAGAGE\n"
             "DEVIS N° : 21-0031 DATE : 15/02/2021 VALIDITE : 3 MOIS\nTOTAL HT 4 306,00\nTVA 20,00 % 861,20\n"
             "TOTAL TTC 5 167,20\nSCOP SARL A CAPITAL VARIABLE - RCS TOULOUSE 819 902 735 - TVA INTRACOM FR65\n819902735\n")
    assert extract_fields("supplier_quote", "supplier", quote, NONE).fields["supplier_vat"] == "FR65819902735"


def test_partners_named_with_their_own_punctuation_in_the_letterhead():
    invoice = ("SCP AMARA, ROUQUETTE & DELPECH-VIDAL\nHUISSIERS DE JUSTICE ASSOCIES\n"
               "12 BOULEVARD DE STRASBOURG - 31000 TOULOUSE\nFACTURE N° 2020-10-0958 DU 31/10/2020\n"
               "TOTAL HT 434,20 EUR\nTVA 20 % 86,84 EUR\nTOTAL TTC A REGLER 521,04 EUR\n"
               "SCP AMARA ROUQUETTE DELPECH-VIDAL - SIRET 42207713100023 - TVA INTRACOM. FR01422077131\n")
    assert extract_fields("supplier_invoice", "supplier", invoice, NONE).fields["supplier_name"] == \
        "Amara, Rouquette & Delpech-Vidal"


def test_a_gendarmerie_company_is_no_person():
    letter = ("GENDARMERIE NATIONALE\nGroupement de gendarmerie départementale de la Haute-Garonne\n"
              "Compagnie de Muret\nBrigade territoriale autonome de Cugnaux\nPATRIMOINE\n"
              "Direction de la Gestion Locative\nBP 41207\n31012 TOULOUSE CEDEX 6\nCugnaux, le 15 avril 2021\n"
              "OBJET : Troubles répétés de voisinage - résidence Le Clos Saint-Jean.\n"
              "Ces interventions concernent des différends opposant M. Dylan FRÉCHOU, occupant du\n"
              "logement n° 12, à plusieurs de ses voisins.\nLe capitaine Hervé Lapassade\n")
    assert tenant(letter, "neighbour_dispute")["tenant_name"] == "Dylan Fréchou"


def test_an_english_office_writing_by_e_mail_about_a_tenant():
    mail = ("From: Tenancy References Team <references@brightholm-relocation.co.uk>\n"
            "To: PATRIMOINE - Gestion locative <gestion.locative@patrimoine-bailleur.fr>\n"
            "Date: Wednesday 17 March 2021 09:32 GMT\n"
            "Subject: Landlord reference request - Ms Aoife BRENNAN - our ref. BRL/21/03841\n"
            "Dear Sir or Madam,\nWe act on behalf of Kestrel Avionics Ltd, which is relocating its employee.\n"
            "Tenant: Ms Aoife Brennan\nProperty: 6 rue Paul-Mesplé, Apt 31, 31100 Toulouse, France\n"
            "Tenant's e-mail: aoife.brennan.tlse@outlook.com\nKind regards,\nTomasz Wierzbicki\nReference Officer\n")
    f = extract_fields("certificate_or_receipt_request", "tenant", mail, NONE).fields
    assert f["tenant_name"] == "Aoife Brennan"
    assert f["email"] == "aoife.brennan.tlse@outlook.com"


def test_an_initial_l_read_as_a_bracket_before_the_dot():
    assert email_value(EMAIL_RE.search("Courriel : ].mercadier@outlook.fr")) == "l.mercadier@outlook.fr"
    assert email_value(EMAIL_RE.search("mail .dupont@gmail.com")) == "dupont@gmail.com"
