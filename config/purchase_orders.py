"""Purchase orders (bons de commande) and the two-way match of an invoice against them.

The registry is a CSV file, one order a line (README, "Bons de commande"):

    order_reference,supplier_id,amount_excl_tax,amount_incl_tax,building,cost_centre,status
    BC-2024-0153,F0004,1250.00,1500.00,Résidence Les Tilleuls,CC-ENTR-CHAUF,open

``order_reference`` and ``supplier_id`` (the supplier registry's id) are required, and at
least one of the two amounts; ``building`` and ``cost_centre`` are carried to the invoice that
matches the order; ``status`` is ``open`` (default), ``closed`` or ``cancelled`` (French words
accepted: ouverte, soldée, annulée). Amounts are read with a dot or a French comma, spaces
allowed (``1 250,00``). The embedded file is ``config/data/purchase_orders.csv``
(``registries.purchase_orders_file`` replaces it); the ERP's extract, imported with
``aiguillage commandes import``, goes over it (storage/orders.py). A bad line is refused whole,
naming the file, the line and the column.

References are compared in a normalised form that forgives reading variants: case, spaces,
dashes and other separators, the letter O for a zero (and I for a one), and a missing ``BC``
or ``BDC`` prefix (``bc 2024 O153`` is ``BC-2024-0153``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from config.errors import AiguillageError, ExitCode
from config.taxonomy import embedded_path

ORDER_COLUMNS = ("order_reference", "supplier_id", "amount_excl_tax", "amount_incl_tax", "building",
                 "cost_centre", "status")
REQUIRED_COLUMNS = ("order_reference", "supplier_id")
AMOUNT_COLUMNS = ("amount_excl_tax", "amount_incl_tax")
OPEN, CLOSED, CANCELLED = "open", "closed", "cancelled"
STATUS_WORDS = {
    "": OPEN, "open": OPEN, "ouverte": OPEN, "ouvert": OPEN, "en cours": OPEN, "active": OPEN,
    "closed": CLOSED, "soldee": CLOSED, "solde": CLOSED, "cloturee": CLOSED, "close": CLOSED,
    "cancelled": CANCELLED, "canceled": CANCELLED, "annulee": CANCELLED, "annule": CANCELLED,
}
STATUS_FR = {OPEN: "ouvert", CLOSED: "soldé", CANCELLED: "annulé"}
MISSING, MISMATCH = "purchase_order_missing", "purchase_order_mismatch"
CENT = Decimal("0.01")


class PurchaseOrderFileError(AiguillageError):
    """A purchase-order file that cannot be used: the message names the file, line and column."""

    exit_code = ExitCode.USAGE

    def __init__(self, source: str, problem: str, line: int | None = None, column: str | None = None):
        where = source + (f", ligne {line}" if line else "") + (f", colonne « {column} »" if column else "")
        super().__init__(f"Bons de commande : {where} : {problem}")


@dataclass(frozen=True)
class PurchaseOrder:
    order_reference: str
    supplier_id: str
    amount_excl_tax: str | None  # "1250.00", or None when the file gives only the other amount
    amount_incl_tax: str | None
    building: str = ""
    cost_centre: str = ""
    status: str = OPEN
    source: str = "registry"  # or "import": from the ERP's extract in the object store

    @property
    def key(self) -> str:
        return normalise_reference(self.order_reference)

    def as_dict(self) -> dict:
        return asdict(self)


def normalise_reference(reference: str | None) -> str:
    """The form references are compared in: upper case, letters and digits only, O read as 0
    and I as 1, without a leading ``BC`` / ``BDC`` (bon de commande)."""
    text = re.sub(r"[^0-9A-Z]", "", (reference or "").upper()).replace("O", "0").replace("I", "1")
    for prefix in ("BDC", "BC"):
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):]
    return text


# -- reading a file ------------------------------------------------------------------------

def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text.strip().lower()) if not unicodedata.combining(c))


def _amount(raw: str) -> str | None:
    """``1 250,00`` / ``1250.5`` / ``1.250,00`` -> ``"1250.00"``; "" -> None; ValueError otherwise."""
    text = re.sub(r"[\s\u00a0\u202f€]|EUR", "", raw.strip(), flags=re.I)
    if not text:
        return None
    if "," in text and "." in text:  # the last one is the decimal mark
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite() or value < 0:
        raise ValueError(raw)
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def parse_orders(text: str, source: str, mapping: Mapping[str, str] | None = None,
                 origin: str = "registry") -> tuple[PurchaseOrder, ...]:
    """The orders of a CSV text (comma, semicolon or tab separated). ``mapping`` names, for
    any of our columns, the file's own header (an ERP extract's ``N° BC`` for
    ``order_reference``). Raises PurchaseOrderFileError naming the line and column."""
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(ORDER_COLUMNS))
    if unknown:
        raise PurchaseOrderFileError(source, f"colonne « {unknown[0]} » inconnue dans la correspondance "
                                             f"(colonnes : {', '.join(ORDER_COLUMNS)})")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise PurchaseOrderFileError(source, "fichier vide (attendu : une ligne d'en-tête puis une commande "
                                             "par ligne)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.splitlines()[0]))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise PurchaseOrderFileError(source, f"CSV illisible ({exc})", 1) from None
    where = {col: header.index(mapping.get(col, col)) for col in ORDER_COLUMNS if mapping.get(col, col) in header}
    for col in REQUIRED_COLUMNS:
        if col not in where:
            raise PurchaseOrderFileError(source, "colonne manquante dans l'en-tête (ou --colonne "
                                                 f"{col}=NOM pour nommer celle du fichier)", 1, mapping.get(col, col))
    if not any(col in where for col in AMOUNT_COLUMNS):
        raise PurchaseOrderFileError(source, "colonne manquante : amount_excl_tax ou amount_incl_tax", 1)
    orders: list[PurchaseOrder] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            order = _order(row, where, source, line, origin)
            if order.key in seen:
                raise PurchaseOrderFileError(source, f"bon de commande « {order.order_reference} » déjà donné "
                                                     f"ligne {seen[order.key]}", line, "order_reference")
            seen[order.key] = line
            orders.append(order)
    except csv.Error as exc:
        raise PurchaseOrderFileError(source, f"CSV illisible ({exc})", reader.line_num) from None
    return tuple(orders)


def _order(row: list[str], where: dict[str, int], source: str, line: int, origin: str) -> PurchaseOrder:
    def cell(col: str) -> str:
        i = where.get(col)
        return row[i].strip() if i is not None and i < len(row) else ""

    values: dict[str, str | None] = {}
    for col in REQUIRED_COLUMNS:
        if not cell(col):
            raise PurchaseOrderFileError(source, "valeur manquante", line, col)
        values[col] = cell(col)
    if not normalise_reference(values["order_reference"]):
        raise PurchaseOrderFileError(source, f"référence « {values['order_reference']} » sans lettre ni chiffre",
                                     line, "order_reference")
    for col in AMOUNT_COLUMNS:
        try:
            values[col] = _amount(cell(col))
        except ValueError:
            raise PurchaseOrderFileError(source, f"montant « {cell(col)} » illisible (attendu : 1250.00 ou "
                                                 "1 250,00, positif)", line, col) from None
    if values["amount_excl_tax"] is None and values["amount_incl_tax"] is None:
        raise PurchaseOrderFileError(source, "aucun montant (HT ou TTC) pour ce bon de commande", line,
                                     "amount_excl_tax")
    status = STATUS_WORDS.get(_fold(cell("status")))
    if status is None:
        raise PurchaseOrderFileError(source, f"statut « {cell('status')} » inconnu (attendu : open, closed, "
                                             "cancelled, ou ouverte, soldée, annulée)", line, "status")
    return PurchaseOrder(values["order_reference"], values["supplier_id"], values["amount_excl_tax"],
                         values["amount_incl_tax"], cell("building"), cell("cost_centre"), status, origin)


def read_orders_file(path: Path, mapping: Mapping[str, str] | None = None,
                     origin: str = "registry") -> tuple[PurchaseOrder, ...]:
    """A CSV file of orders, UTF-8 (with or without BOM), or Windows-1252 as spreadsheets save it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        from config.errors import system_reason

        raise PurchaseOrderFileError(str(path), f"lecture impossible : {system_reason(exc)}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_orders(text, str(path), mapping, origin)


def load_orders(path: Path | None = None) -> tuple[PurchaseOrder, ...]:
    """The configured registry (``registries.purchase_orders_file``), else the embedded one."""
    return read_orders_file(path or embedded_path("purchase_orders.csv"))


# -- the book of orders and the match -------------------------------------------------------

@dataclass(frozen=True)
class OrderBook:
    """Orders by normalised reference; an imported order replaces the registry's of the same reference."""

    by_key: Mapping[str, PurchaseOrder]

    @classmethod
    def of(cls, *layers: Iterable[PurchaseOrder]) -> "OrderBook":
        merged: dict[str, PurchaseOrder] = {}
        for layer in layers:
            merged.update((o.key, o) for o in layer)
        return cls(merged)

    def find(self, reference: str | None) -> PurchaseOrder | None:
        key = normalise_reference(reference)
        return self.by_key.get(key) if key else None

    def __len__(self) -> int:
        return len(self.by_key)


@dataclass(frozen=True)
class Tolerance:
    """How far an invoice's amount may be from its order's: both limits apply (the stricter wins)."""

    percent: Decimal = Decimal("2")
    amount: Decimal = Decimal("50")

    def limit(self, ordered: Decimal) -> Decimal:
        return min(abs(ordered) * self.percent / 100, self.amount).quantize(CENT, rounding=ROUND_HALF_UP)


class OrderMatch(NamedTuple):
    alert: str | None  # None, MISSING or MISMATCH
    order: PurchaseOrder | None  # the order the invoice names, when it is this supplier's
    why: str | None = None  # in French, for the person who clears the alert


def _fr(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",")


def match_order(reference: str | None, supplier_id: str | None, requires_order: bool,
                total_excl_tax: str | None, total_incl_tax: str | None, book: OrderBook,
                tolerance: Tolerance) -> OrderMatch:
    """Two-way match of an invoice with the order it names: same order (normalised reference),
    same supplier, an open order, the amount within ``tolerance`` (HT against HT when both are
    known, else TTC against TTC). Pure."""
    if not normalise_reference(reference):
        if requires_order:
            return OrderMatch(MISSING, None, "aucun bon de commande sur la facture ; ce fournisseur en exige un")
        return OrderMatch(None, None)
    order = book.find(reference)
    if order is None:
        return OrderMatch(MISMATCH, None, f"bon de commande « {reference} » inconnu")
    if supplier_id != order.supplier_id:
        whose = "fournisseur de la facture non reconnu" if supplier_id is None else \
            f"commande du fournisseur {order.supplier_id}, facture de {supplier_id}"
        return OrderMatch(MISMATCH, None, f"bon de commande {order.order_reference} : {whose}")
    if order.status != OPEN:
        return OrderMatch(MISMATCH, order, f"bon de commande {order.order_reference} {STATUS_FR[order.status]}")
    for invoiced, ordered, label in ((total_excl_tax, order.amount_excl_tax, "HT"),
                                     (total_incl_tax, order.amount_incl_tax, "TTC")):
        if invoiced and ordered:
            try:
                inv, ordd = Decimal(str(invoiced)), Decimal(ordered)
            except InvalidOperation:
                continue
            limit = tolerance.limit(ordd)
            if abs(inv - ordd) > limit:
                return OrderMatch(MISMATCH, order, f"montant {label} {_fr(inv)} € pour une commande de "
                                                   f"{_fr(ordd)} € (écart toléré {_fr(limit)} €)")
            break
    return OrderMatch(None, order)
