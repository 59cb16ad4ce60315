"""How the accuracy benchmark compares an extracted value with its label."""

from __future__ import annotations

import pytest

from bench.accuracy_report import same_value


@pytest.mark.parametrize("field, got, truth, same", [
    ("supplier_name", "Plomberie Garonne", "SARL PLOMBERIE GARONNE", True),
    ("supplier_name", "Plomberie Garonne", "Plomberie Toulousaine", False),
    ("supplier_name", None, "Plomberie Garonne", False),
    ("invoice_number", "F-2020-12", "F2020-12", False),  # identifiers stay exact
    ("invoice_number", "ESS21040097", "ESS 21 04 0097", True),  # but for the spaces SPEC removes
    ("tenant_reference", "00457789", "0045 7789", False),
    # a name whatever its case and order (writers keep a surname's capitals or not); its accents count
    ("tenant_name", "Raymond Castex", "Raymond CASTEX", True),
    ("tenant_name", "Valérie Bernard", "BERNARD Valérie", True),
    ("tenant_name", "Sandrine Viguie", "Sandrine Viguié", False),
    ("tenant_name", "Sandrine Viguier", "Sandrine Viguié", False),
    # the initials a name is printed after are the same company; the initials alone are not
    ("supplier_name", "Informatique Midi-Pyrénées Services", "IMPS - INFORMATIQUE MIDI-PYRÉNÉES SERVICES", True),
    ("supplier_name", "AOM", "AOM - ASCENSEURS OCCITANS MAINTENANCE", False),
    ("supplier_name", "Ascenseurs du Lauragais", "ASCENSEURS DU LAURAGAIS - ADL", True),
    ("supplier_name", "ADL", "ASCENSEURS DU LAURAGAIS - ADL", False),
    ("total_incl_tax", "12.00", "12.00", True),
])
def test_values_are_compared_as_spec_normalises_them(field, got, truth, same):
    assert same_value(field, got, truth) is same
