"""Deterministic registries of the fictitious landlord PATRIMOINE (suppliers and tenants).

``python -m corpus.registries`` rewrites config/data/suppliers.csv and tenants.csv from the
default seed; the committed CSVs are exactly that output.
"""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

from config.registries import SUPPLIER_COLUMNS, TENANT_COLUMNS
from corpus import data
from corpus.fmt import strip_accents
from extractors.validators import iban_from_bban, luhn_complete, vat_from_siren

DEFAULT_SEED = 31000
TENANT_COUNT = 500
DATA_DIR = Path(__file__).resolve().parent.parent / "config" / "data"
# Maintenance and works contractors: their invoices must name a purchase order (README, "Bons de commande").
ORDER_TRADES = ("chauffage", "ascenseurs", "couverture", "maçonnerie", "sécurité incendie")


def rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


def _street(rng: random.Random) -> str:
    return f"{rng.randint(1, 140)} {rng.choice(data.STREET_KINDS)} {rng.choice(data.STREET_NAMES)}"


def _siret(rng: random.Random, used: set[str]) -> str:
    while True:
        siren = luhn_complete(str(rng.randint(30_000_000, 99_999_999)))
        siret = luhn_complete(siren + f"{rng.choice((10, 11, 12, 13, 14, 15, 20, 21, 23, 28, 35)):04d}")
        if siren not in used:
            used.add(siren)
            return siret


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")


def generate_suppliers(rng: random.Random) -> list[dict[str, str]]:
    rows, used = [], set()
    banks = sorted(data.BANKS)
    for i, (trade, name, form) in enumerate(data.SUPPLIER_SPECS):
        siret = _siret(rng, used)
        bank = rng.choice(banks)
        branch, account = f"{rng.randint(100, 99999):05d}", f"{rng.randint(10**9, 10**11 - 1):011d}"
        bban = bank + branch + account + rib_key(bank, branch, account)
        town, postal, _agency = rng.choice(data.TOWNS)
        if town == "Toulouse" or rng.random() < 0.3:
            town, postal = "Toulouse", rng.choice(("31100", "31200", "31300", "31400", "31500"))
        rows.append({
            "supplier_id": f"F{i + 1:04d}",
            "name": f"{name} {form}" if rng.random() < 0.5 else name,
            "siret": siret,
            "vat": vat_from_siren(siret[:9]),
            "iban": iban_from_bban("FR", bban),
            "bic": data.BANKS[bank][1],
            "trade": trade,
            "address": _street(rng) if rng.random() < 0.7 else
            f"ZA {rng.choice(('de Montaudran', 'du Chapitre', 'Thibaud', 'de Perget', 'des Pradettes'))}, {_street(rng)}",
            "postal_code": postal,
            "city": town,
            "email": f"{rng.choice(('contact', 'facturation', 'compta', 'accueil'))}@{_slug(name)}.fr",
            "phone": "05" + rng.choice(("61", "62", "34", "67")) + f"{rng.randint(0, 999999):06d}",
            "requires_order": "yes" if trade in ORDER_TRADES else "no",
        })
    return rows


def _residences(rng: random.Random) -> list[dict[str, str]]:
    out = []
    for name in data.RESIDENCE_NAMES:
        town, postal, agency = rng.choice(data.TOWNS)
        out.append({"residence": f"Résidence {name}", "street": _street(rng), "postal_code": postal,
                    "city": town, "agency": agency})
    return out


def _tenant_phone(rng: random.Random) -> str:
    prefix = rng.choices(("06", "07", "05"), weights=(6, 3, 2))[0]
    if prefix == "05":
        return "05" + rng.choice(("61", "62", "34", "67")) + f"{rng.randint(0, 999_999):06d}"
    return prefix + f"{rng.randint(0, 99_999_999):08d}"


def generate_tenants(rng: random.Random, count: int = TENANT_COUNT) -> list[dict[str, str]]:
    residences = _residences(rng)
    rows, refs = [], set()
    while len(rows) < count:
        ref = f"{rng.randint(10_000_000, 99_999_999)}"
        if ref in refs:
            continue
        refs.add(ref)
        res = rng.choice(residences)
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        civ_name = f"{first} {last.upper()}" if rng.random() < 0.5 else f"{first} {last}"
        flat = f"Bât. {rng.choice('ABCDEF')} Appt {rng.randint(1, 68)}" if rng.random() < 0.7 \
            else f"Appt {rng.randint(1, 120)}"
        email = ""
        if rng.random() < 0.75:
            local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{last}{first[0]}",
                                f"{first}{last}{rng.randint(1, 99)}", f"{first}.{last}{rng.randint(60, 99)}"))
            email = f"{_slug(local).replace('-', rng.choice(('', '.', '_')))}@{rng.choice(data.EMAIL_DOMAINS)}"
        rows.append({
            "tenant_reference": ref,
            "tenant_name": civ_name,
            "residence": res["residence"],
            "address": f"{flat}, {res['street']}",
            "postal_code": res["postal_code"],
            "city": res["city"],
            "agency": res["agency"],
            "email": email,
            "phone": _tenant_phone(rng) if rng.random() < 0.9 else "",
        })
    return rows


def to_csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_registries(out_dir: Path = DATA_DIR, seed: int = DEFAULT_SEED) -> tuple[Path, Path]:
    rng = random.Random(seed)
    suppliers = generate_suppliers(rng)
    tenants = generate_tenants(rng)
    s_path, t_path = out_dir / "suppliers.csv", out_dir / "tenants.csv"
    s_path.write_text(to_csv(suppliers, SUPPLIER_COLUMNS), encoding="utf-8")
    t_path.write_text(to_csv(tenants, TENANT_COLUMNS), encoding="utf-8")
    return s_path, t_path


if __name__ == "__main__":
    for p in write_registries():
        print(p)
