"""Supplier and tenant registries (CSV), as the landlord's ERP would export them.

The embedded ones describe a fictitious landlord, PATRIMOINE; real ones are named in settings
(``registries.suppliers_file``, ``registries.tenants_file``) with the same columns.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from config.errors import ConfigError
from config.taxonomy import embedded_path

SUPPLIER_COLUMNS = ("supplier_id", "name", "siret", "vat", "iban", "bic", "trade",
                    "address", "postal_code", "city", "email", "phone", "requires_order")
# Columns a registry file may leave out, with the value they then take.
OPTIONAL_COLUMNS = {"requires_order": "no"}
YES, NO = ("yes", "oui", "o", "y", "1", "true", "vrai"), ("no", "non", "n", "0", "false", "faux", "")
TENANT_COLUMNS = ("tenant_reference", "tenant_name", "residence", "address", "postal_code",
                  "city", "agency", "email", "phone")


@dataclass(frozen=True)
class Supplier:
    supplier_id: str
    name: str
    siret: str
    vat: str
    iban: str
    bic: str
    trade: str
    address: str
    postal_code: str
    city: str
    email: str
    phone: str
    source: str = "registry"  # or "learned": taught by a validated correction (storage/learned.py)
    requires_order: bool = False  # its invoices must name a purchase order (config/purchase_orders.py)

    @property
    def siren(self) -> str:
        return self.siret[:9]


@dataclass(frozen=True)
class Tenant:
    tenant_reference: str
    tenant_name: str
    residence: str
    address: str
    postal_code: str
    city: str
    agency: str
    email: str
    phone: str
    source: str = "registry"  # or "learned": taught by a validated correction (storage/learned.py)


@dataclass(frozen=True)
class Registries:
    suppliers: tuple[Supplier, ...]
    tenants: tuple[Tenant, ...]

    def supplier_by(self, attr: str, value: str) -> Supplier | None:
        return next((s for s in self.suppliers if getattr(s, attr) == value), None)

    def tenant_by_reference(self, ref: str) -> Tenant | None:
        return next((t for t in self.tenants if t.tenant_reference == ref), None)

    def with_learned(self, suppliers: tuple[Supplier, ...] = (), tenants: tuple[Tenant, ...] = ()) -> "Registries":
        """These registries and entries learned from corrections, the registered ones first (a
        lookup finds the registry's entry, and its spelling, before a learned one)."""
        if not suppliers and not tenants:
            return self
        return Registries(self.suppliers + tuple(suppliers), self.tenants + tuple(tenants))


def _read_csv(path: Path, columns: tuple[str, ...], what: str) -> list[dict[str, str]]:
    if not path.is_file():
        raise ConfigError(str(path), None, f"registre des {what} introuvable")
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in columns if c not in (reader.fieldnames or []) and c not in OPTIONAL_COLUMNS]
            if missing:
                raise ConfigError(str(path), missing[0], f"colonne manquante dans le registre des {what}")
            rows = [{c: (row.get(c) or OPTIONAL_COLUMNS.get(c, "")).strip() for c in columns} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(str(path), None, f"lecture impossible ({exc})") from exc
    return rows


def load_registries(suppliers_file: Path | None = None, tenants_file: Path | None = None) -> Registries:
    s_path = suppliers_file or embedded_path("suppliers.csv")
    t_path = tenants_file or embedded_path("tenants.csv")
    suppliers = tuple(Supplier(**dict(r, requires_order=_yes_no(r["requires_order"], s_path, i + 2, "requires_order")))
                      for i, r in enumerate(_read_csv(s_path, SUPPLIER_COLUMNS, "fournisseurs")))
    tenants = tuple(Tenant(**r) for r in _read_csv(t_path, TENANT_COLUMNS, "locataires"))
    for i, s in enumerate(suppliers):
        if not (s.siret.isdigit() and len(s.siret) == 14):
            raise ConfigError(str(s_path), f"ligne {i + 2}.siret", f"SIRET « {s.siret} » : 14 chiffres attendus")
    return Registries(suppliers, tenants)


def _yes_no(value: str, path: Path, line: int, column: str) -> bool:
    text = value.strip().lower()
    if text in YES or text in NO:
        return text in YES
    raise ConfigError(str(path), f"ligne {line}.{column}", f"valeur « {value} » : yes ou no attendu")
