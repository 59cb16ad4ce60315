"""Small registries for the field-extraction tests (valid identifiers computed, not copied)."""

from __future__ import annotations

import pytest

from config.registries import Registries, Supplier, Tenant
from extractors.validators import iban_from_bban, luhn_complete, vat_from_siren


def make_supplier(sid: str, name: str, siren_prefix: str, bban: str, trade: str = "plomberie") -> Supplier:
    siren = luhn_complete(siren_prefix)
    siret = luhn_complete(siren + "0002")
    return Supplier(supplier_id=sid, name=name, siret=siret, vat=vat_from_siren(siren),
                    iban=iban_from_bban("FR", bban), bic="AGRIFRPP812", trade=trade, address="12 rue des Lilas",
                    postal_code="31300", city="Toulouse", email="contact@example.fr", phone="0561000000")


SUPPLIERS = (
    make_supplier("F0001", "Plomberie Garonne", "96888664", "20041790263762389803400"),
    make_supplier("F0002", "Ascenseurs Occitanie SAS", "41234567", "30004000031234567890100"),
    make_supplier("F0003", "Elec'Toulouse", "52345678", "10278022000123456789000"),
)
TENANTS = (
    Tenant("99982789", "José Dupont", "Résidence La Cépière", "Bât. A Appt 47, 93 rue Camille Pujol", "31300",
           "Toulouse", "Agence Toulouse Ouest", "josedupont89@outlook.fr", "0561239376"),
    Tenant("16099283", "Mamadou Sanchez", "Résidence Le Parc", "85 chemin Jean Jaurès", "31600", "Muret",
           "Agence Muret", "", "0743841872"),
    Tenant("52014477", "Françoise Lefèvre-Martin", "Les Tilleuls", "4 allée des Cèdres", "31770", "Colomiers",
           "Agence Colomiers", "", ""),
)


@pytest.fixture
def registries() -> Registries:
    return Registries(suppliers=SUPPLIERS, tenants=TENANTS)


@pytest.fixture
def garonne() -> Supplier:
    return SUPPLIERS[0]
