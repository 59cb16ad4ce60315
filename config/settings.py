"""Settings: embedded defaults, then an optional YAML file, then ``AIGUILLAGE_*`` variables.

Every setting is declared once in ``SCHEMA`` with its type and limits, and checked on load:
a bad value raises ConfigError naming the file (or variable), the key and the problem.
Credentials are read from the environment or a secrets file only, and never printed.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from config.errors import ConfigError
from config.yamlfile import read_yaml, require_mapping

ENV_PREFIX = "AIGUILLAGE_"


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any = None
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    secret: bool = False
    help: str = ""

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.key.replace(".", "_").upper()


SCHEMA: tuple[Setting, ...] = (
    Setting("storage.backend", str, "local", choices=("local", "s3"),
            help="local: a folder under AIGUILLAGE_HOME; s3: any S3 server (MinIO, Ceph RGW, AWS)"),
    Setting("storage.s3.endpoint", str, None, help="host:port of the S3 server"),
    Setting("storage.s3.secure", bool, True, help="use TLS"),
    Setting("storage.s3.region", str, None),
    Setting("storage.s3.bucket", str, "aiguillage", help="bucket name (prefix for the audit bucket)"),
    Setting("storage.s3.access_key", str, None, secret=True),
    Setting("storage.s3.secret_key", str, None, secret=True),
    Setting("storage.s3.secrets_file", Path, None,
            help="YAML file holding access_key and secret_key"),
    Setting("ocr.languages", str, "fra+eng"),
    Setting("ocr.dpi", int, 300, minimum=72, maximum=600),
    Setting("ocr.page_timeout_seconds", float, 120.0, minimum=1, maximum=3600),
    Setting("ocr.stamps", str, "read", choices=("read", "remove", "keep"),
            help="coloured REÇU LE stamps: taken off the page before OCR and read on their own "
                 "(read), taken off only (remove), or left on the page (keep)"),
    Setting("ocr.engine", str, "library", choices=("library", "command"),
            help="Tesseract's library with its models loaded once per worker (library), or one "
                 "tesseract command per page through pytesseract (command); same text and PDF"),
    Setting("ocr.workers", int, 0, minimum=0, maximum=256, help="0: one per core"),
    Setting("ocr.task_runner", str, "threads", choices=("threads", "processes", "dask"),
            help="how pages fan out: threads (each page's Tesseract is its own process), worker "
                 "processes, or a Dask cluster (needs prefect-dask)"),
    Setting("ocr.dask_address", str, None, help="scheduler of an existing Dask cluster (tcp://host:8786); "
                                                 "none: a local cluster"),
    Setting("ocr.max_page_pixels", int, 150_000_000, minimum=1_000_000,
            help="larger pages are refused as possible pixel bombs"),
    Setting("ocr.max_pages", int, 500, minimum=1, help="pages per input file"),
    Setting("ocr.max_page_content_mb", int, 128, minimum=1, maximum=4096,
            help="what one PDF page's drawing instructions may inflate to; more is refused as a "
                 "decompression bomb"),
    Setting("ocr.inspect_timeout_seconds", float, 30.0, minimum=1, maximum=3600,
            help="time the check of one input file may take before it is refused"),
    Setting("classification.review_threshold", float, 0.80, minimum=0.0, maximum=1.0,
            help="below this confidence a document goes to videocodage"),
    Setting("classification.min_ocr_confidence", float, 75.0, minimum=0.0, maximum=100.0,
            help="a scan read with a lower mean word confidence (handwriting, poor copy) goes to "
                 "videocodage"),
    Setting("routing.rules_file", Path, None, help="YAML routing rules replacing the embedded ones"),
    Setting("registries.suppliers_file", Path, None),
    Setting("registries.tenants_file", Path, None),
    Setting("registries.purchase_orders_file", Path, None,
            help="purchase-order registry (CSV) replacing the embedded one; an ERP extract imported with "
                 "« aiguillage commandes import » goes over it"),
    Setting("payables.order_tolerance_percent", float, 2.0, minimum=0.0, maximum=100.0,
            help="an invoice may differ from its purchase order by this share of the order's amount..."),
    Setting("payables.order_tolerance_amount", float, 50.0, minimum=0.0,
            help="...and by at most this many euros (both limits apply: the stricter wins)"),
    Setting("payables.payment_lead_days", int, 5, minimum=0, maximum=60,
            help="an invoice is to be paid this many working days before its due date"),
    Setting("export.csv_columns", str, "document_id,type,supplier_name,supplier_siret,supplier_vat,invoice_number,"
            "invoice_date,due_date,total_excl_tax,total_tax,total_incl_tax,iban,order_reference,building,cost_centre",
            help="columns of the accounting CSV, in order (see README, « Export comptable »)"),
    Setting("export.csv_separator", str, ";", choices=(";", ",", "tab")),
    Setting("export.buyer_name", str, "Bailleur social", help="the buyer named in exported CII invoices"),
    Setting("export.lock_minutes", float, 30.0, minimum=1.0, maximum=1440.0,
            help="an export lock older than this is taken over (its holder died)"),
    Setting("intake.hot_folder", Path, None),
    Setting("intake.settle_seconds", float, 2.0, minimum=0.0, maximum=600),
    Setting("retention.periods", dict, None,
            help="retention per type over the taxonomy's (README, « Conservation et purge »): "
                 "{supplier_quote: 6 ans, quarantine: 60 jours, other: jamais}"),
    Setting("serve.retrain_hours", float, 168.0, minimum=0.0, help="retrain every N hours when corrections came (0: never)"),
    Setting("serve.retrain_at", str, None, help="HH:MM, Paris time: retrain every day at that time when corrections "
                                                "came (instead of serve.retrain_hours)"),
    Setting("learning.tenant_days", int, 730, minimum=0, maximum=36500,
            help="a tenant reference and name learned from a correction is forgotten this many days after it "
                 "was last taught (RGPD: kept no longer than useful; 0: until erased by hand)"),
    Setting("serve.retention_hours", float, 24.0, minimum=0.0, help="run the retention flow every N hours (0: never)"),
    Setting("serve.batch_files", int, 4, minimum=1, maximum=1000, help="files per flow run dispatched to workers"),
    Setting("serve.metrics_port", int, 0, minimum=0, maximum=65535,
            help="port of serve's /metrics, /healthz and /readyz (0: none)"),
    Setting("serve.metrics_host", str, "127.0.0.1", help="address serve's metrics server listens on"),
    Setting("notify.teams", dict, None, help="per team: email: [addresses], webhooks: [apprise URLs] (config/notify.py)"),
    Setting("notify.smtp_host", str, None, help="SMTP server of the e-mail notifications"),
    Setting("notify.smtp_port", int, 25, minimum=1, maximum=65535),
    Setting("notify.smtp_starttls", bool, False, help="STARTTLS before signing in"),
    Setting("notify.smtp_user", str, None),
    Setting("notify.smtp_password", str, None, secret=True),
    Setting("notify.smtp_timeout", float, 10.0, minimum=1.0, maximum=120.0),
    Setting("notify.sender", str, "aiguillage@localhost.localdomain", help="From: of the e-mails"),
    Setting("notify.digest_at", str, "07:30", help="HH:MM, Paris time: the morning digest of overdue items"),
    Setting("notify.web_url", str, None, help="the web inbox's address, for links in notifications"),
    Setting("status.daybook_days", int, 90, minimum=1, maximum=36500,
            help="days of the day book (one line per document, no personal data) kept for the status and metrics"),
    Setting("model.refresh_seconds", float, 30.0, minimum=0.0, maximum=3600.0,
            help="a newly promoted model reaches every process within this time"),
    Setting("model.tolerance_points", float, 0.5, minimum=0.0, maximum=100.0,
            help="a candidate model this many points below the model in service is still promoted"),
    Setting("model.evaluation_dir", Path, None,
            help="labelled documents (JSON: pages, label.type) scoring each candidate model; default: the "
                 "foreign set bench/foreign beside the source, when present"),
    Setting("audit.index_url", str, None, help="SQLAlchemy URL of the audit index (default: SQLite under AIGUILLAGE_HOME)"),
    Setting("web.trusted_proxies", tuple, (),
            help="addresses (or networks, 10.0.0.0/24) of the reverse proxies whose X-Forwarded-For and "
                 "X-Forwarded-Proto the web app believes; none by default: the connecting address counts"),
    Setting("web.max_body_kb", int, 256, minimum=16, maximum=102_400,
            help="largest request body the web app reads, in KiB; larger is refused (413) unread"),
    Setting("web.session_idle_minutes", int, 30, minimum=1, maximum=24 * 60,
            help="a web session unused this many minutes ends (sign in again); sessions live in the store, "
                 "shared by every web process, and end after 12 hours whatever happens"),
    Setting("web.closed_visible_hours", float, 72.0, minimum=0.0, maximum=24 * 366,
            help="a team still opens an item it handled, rerouted or sent back for this many hours after "
                 "it closed (0: not at all once closed); then, like any other team's document, not found"),
)
BY_KEY = {s.key: s for s in SCHEMA}


@dataclass(frozen=True)
class Settings:
    home: Path
    source: str  # where the YAML came from, or "défauts intégrés"
    values: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        if key not in BY_KEY:
            raise KeyError(key)
        return self.values.get(key, BY_KEY[key].default)

    def describe(self) -> dict[str, Any]:
        """Every setting with its value, secrets masked: safe to print or log."""
        out: dict[str, Any] = {"home": str(self.home), "source": self.source}
        for s in SCHEMA:
            value = self[s.key]
            out[s.key] = "***" if (s.secret and value) else (str(value) if isinstance(value, Path) else value)
        return out


def default_home() -> Path:
    return Path(os.path.expanduser("~")) / ".aiguillage"


def load_settings(env: Mapping[str, str] | None = None, config_file: Path | None = None) -> Settings:
    """Load and validate every setting; raise ConfigError on the first bad one."""
    env = os.environ if env is None else env
    home = Path(env.get("AIGUILLAGE_HOME") or default_home()).expanduser()
    values: dict[str, Any] = {}

    explicit = config_file or (Path(env["AIGUILLAGE_CONFIG"]) if env.get("AIGUILLAGE_CONFIG") else None)
    path = explicit or home / "aiguillage.yaml"
    source = "défauts intégrés"
    if explicit is not None or path.exists():
        source = str(path)
        data = require_mapping(read_yaml(path, "fichier de configuration"), source, None)
        for key, raw in _flatten(data, source):
            setting = _known(key, source)
            if setting.secret:
                raise ConfigError(source, key, "les identifiants ne vont pas dans ce fichier : "
                                  f"utilisez la variable {setting.env} ou storage.s3.secrets_file")
            values[key] = _coerce(setting, raw, source, base=path.parent)

    for setting in SCHEMA:
        if setting.env in env and env[setting.env] != "":
            values[setting.key] = _coerce(setting, env[setting.env], f"variable {setting.env}",
                                          base=Path.cwd(), from_env=True)
    for name in env:
        retired = [k for k in RETIRED if ENV_PREFIX + k.replace(".", "_").upper() == name]
        if retired:
            raise ConfigError(f"variable {name}", retired[0], RETIRED[retired[0]])
        if name.startswith(ENV_PREFIX) and name not in _KNOWN_ENV:
            raise ConfigError(f"variable {name}", None,
                              "variable inconnue (voir README, section Configuration)")

    if "storage.s3.secrets_file" in values:
        _read_secrets(values)
    settings = Settings(home=home, source=source, values=values)
    _check_consistency(settings)
    return settings


# Variables read elsewhere (paths, test hooks) are known too, so a typo is still caught.
_KNOWN_ENV = {s.env for s in SCHEMA} | {
    "AIGUILLAGE_HOME", "AIGUILLAGE_CONFIG", "AIGUILLAGE_TEST_S3_ENDPOINT",
    "AIGUILLAGE_TEST_S3_ACCESS_KEY", "AIGUILLAGE_TEST_S3_SECRET_KEY", "AIGUILLAGE_TEST_S3_SECURE",
    "AIGUILLAGE_LOG_LEVEL",
}


def _flatten(data: dict, source: str, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and key not in BY_KEY:
            if not any(s.startswith(key + ".") for s in BY_KEY):
                _known(key, source)
            out.extend(_flatten(v, source, key + "."))
        else:
            out.append((key, v))
    return out


# Settings that no longer exist, and what replaced them.
RETIRED = {"retention.days": "remplacée par des durées par type : supprimez retention.days et, pour changer une "
                             "durée, utilisez retention.periods (README, « Conservation et purge »)"}


def _known(key: str, source: str) -> Setting:
    if key in BY_KEY:
        return BY_KEY[key]
    if key in RETIRED:
        raise ConfigError(source, key, RETIRED[key])
    close = [k for k in BY_KEY if k.split(".")[-1] == key.split(".")[-1] or k.startswith(key)]
    hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
    raise ConfigError(source, key, f"clé inconnue{hint}")


_TRUE = {"1", "true", "yes", "oui", "on"}
_FALSE = {"0", "false", "no", "non", "off"}


def _coerce(s: Setting, raw: Any, source: str, base: Path, from_env: bool = False) -> Any:
    if raw is None:
        return None
    try:
        value = _CONVERT[s.kind](raw, base)
    except (TypeError, ValueError):
        raise ConfigError(source, s.key, f"valeur « {raw} » invalide : {_KIND_FR[s.kind]} attendu") from None
    if s.choices and value not in s.choices:
        raise ConfigError(source, s.key, f"valeur « {raw} » invalide : choisir parmi {', '.join(s.choices)}")
    if s.minimum is not None and value < s.minimum:
        raise ConfigError(source, s.key, f"valeur {raw} trop petite (minimum {s.minimum:g})")
    if s.maximum is not None and value > s.maximum:
        raise ConfigError(source, s.key, f"valeur {raw} trop grande (maximum {s.maximum:g})")
    return value


def _to_bool(raw: Any, _base: Path) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(raw)


def _to_int(raw: Any, _base: Path) -> int:
    if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
        raise ValueError(raw)
    return int(str(raw).replace("_", "").strip())


def _to_float(raw: Any, _base: Path) -> float:
    if isinstance(raw, bool):
        raise ValueError(raw)
    return float(str(raw).strip())


def _to_str(raw: Any, _base: Path) -> str:
    if isinstance(raw, (dict, list)):
        raise TypeError(raw)
    text = str(raw).strip()
    if not text:
        raise ValueError(raw)
    return text


def _to_list(raw: Any, _base: Path) -> tuple[str, ...]:
    """A YAML list, or one text with commas (a variable): its non-empty items."""
    if isinstance(raw, (list, tuple)):
        items = [_to_str(x, _base) for x in raw]
    elif isinstance(raw, str):
        items = [x.strip() for x in raw.split(",")]
    else:
        raise TypeError(raw)
    return tuple(x for x in items if x)


def _to_dict(raw: Any, _base: Path) -> dict[str, Any]:
    """A YAML mapping, or one text ``key=value,key=value`` (a variable)."""
    if isinstance(raw, dict):
        return {str(k): v for k, v in raw.items()}
    if isinstance(raw, str):
        pairs = [x.partition("=") for x in raw.split(",") if x.strip()]
        if any(not sep or not k.strip() for k, sep, _ in pairs):
            raise ValueError(raw)
        return {k.strip(): v.strip() for k, _, v in pairs}
    raise TypeError(raw)


def _to_path(raw: Any, base: Path) -> Path:
    p = Path(_to_str(raw, base)).expanduser()
    return p if p.is_absolute() else (base / p)


_CONVERT: dict[type, Callable[[Any, Path], Any]] = {
    bool: _to_bool, int: _to_int, float: _to_float, str: _to_str, Path: _to_path, tuple: _to_list,
    dict: _to_dict,
}
_KIND_FR = {bool: "un booléen (true/false)", int: "un nombre entier", float: "un nombre",
            str: "un texte", Path: "un chemin de fichier",
            tuple: "un ou plusieurs textes (liste YAML, ou séparés par des virgules)",
            dict: "une table type: durée (YAML, ou type=durée séparés par des virgules)"}


def _read_secrets(values: dict[str, Any]) -> None:
    path: Path = values["storage.s3.secrets_file"]
    data = require_mapping(read_yaml(path, "fichier de secrets"), str(path), None)
    for name in ("access_key", "secret_key"):
        key = f"storage.s3.{name}"
        if name in data and key not in values:
            values[key] = _coerce(BY_KEY[key], data[name], str(path), base=path.parent)
    unknown = set(data) - {"access_key", "secret_key"}
    if unknown:
        raise ConfigError(str(path), sorted(unknown)[0], "clé inconnue (attendu : access_key, secret_key)")


def _check_consistency(settings: Settings) -> None:
    at = settings["serve.retrain_at"]
    if at is not None and not _is_hh_mm(at):
        raise ConfigError(settings.source, "serve.retrain_at", f"valeur « {at} » invalide : une heure HH:MM attendue, "
                                                                     "entre guillemets dans le YAML (ex. \"02:30\")")
    if settings["notify.teams"] or settings["notify.smtp_host"]:
        from config.notify import load_notify
        from config.taxonomy import load_taxonomy

        load_notify(settings, load_taxonomy().queues)  # every notification key checked at start
    if settings["retention.periods"]:
        from config.retention import check_overrides
        from config.taxonomy import load_taxonomy

        check_overrides(settings["retention.periods"], set(load_taxonomy().types), settings.source)
    for proxy in settings["web.trusted_proxies"]:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ConfigError(settings.source, "web.trusted_proxies",
                              f"« {proxy} » n'est pas une adresse IP ni un réseau (ex. 10.0.0.5 ou 10.0.0.0/24) : "
                              "nommez les mandataires de confiance par leur adresse") from None
    if settings["storage.backend"] == "s3":
        for key in ("storage.s3.endpoint", "storage.s3.access_key", "storage.s3.secret_key"):
            if not settings[key]:
                raise ConfigError(settings.source, key,
                                  f"obligatoire avec storage.backend: s3 (variable {BY_KEY[key].env})")


def _is_hh_mm(text: str) -> bool:
    hours, sep, minutes = text.partition(":")
    return (sep == ":" and len(minutes) == 2 and hours.isdigit() and minutes.isdigit()
            and 0 <= int(hours) < 24 and 0 <= int(minutes) < 60)
