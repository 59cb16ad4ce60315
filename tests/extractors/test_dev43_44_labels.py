"""Labels of offices' forms read again after the forty-sixth set (dev43's CAF form, dev44's tax office)."""

from __future__ import annotations

from tests.extractors.test_fields_third_party import tenant


def test_a_name_closed_by_the_next_label_written_n_dot():
    caf = ("CAF DE LA HAUTE-GARONNE\nAIDES AU LOGEMENT - TSA 40127 - 31046 TOULOUSE CEDEX 9\nPATRIMOINE SA\n"
           "DEMANDE DE RENSEIGNEMENTS AU BAILLEUR\nN. BAILLEUR : 310004517B\n"
           "ALLOCATAIRE : MUNTEANU DORIN N. ALLOCATAIRE : 3107725 K\n"
           "LOGEMENT : 45 AV DE LARDENNE BAT C APPT 112\n31300 TOULOUSE\n")
    assert tenant(caf)["tenant_name"].split() == ["Munteanu", "Dorin"]


def test_the_known_occupant_a_tax_office_names():
    tax = ("DIRECTION GENERALE DES FINANCES PUBLIQUES\nSERVICE DES IMPOTS DES PARTICULIERS DE TOULOUSE NORD\n"
           "Affaire suivie par : M. BOUSQUET-ARIAS\nPATRIMOINE\nBP 41208\n31012 TOULOUSE CEDEX 6\n"
           "OBJET : DEMANDE DE RENSEIGNEMENTS\nMadame, Monsieur,\n"
           "Adresse du local : 5 RUE DES FAUVETTES BAT 2 APPT 118\n31150 FENOUILLET\n"
           "Occupant connu : M VERGNES NICOLAS (jusqu'en 2019)\n")
    f = tenant(tax, "other")
    assert f["tenant_name"] == "Nicolas Vergnes" and f["postal_code"] == "31150"
