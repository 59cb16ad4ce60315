"""The document types and queues of SPEC.md, loaded from data and checked on load."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from config.errors import ConfigError
from config.retention import parse_period
from config.yamlfile import read_yaml, require_mapping

FAMILIES = ("supplier", "tenant", "other")


@dataclass(frozen=True)
class DocType:
    code: str
    label: str
    queue: str
    family: str
    copies: tuple[str, ...] = ()
    restricted: bool = False
    always_urgent: bool = False
    required_fields: tuple[str, ...] = ()  # missing ones send the document to review
    retention_days: int | None = 365  # kept this long after the matter closed (None: never purged)


@dataclass(frozen=True)
class Taxonomy:
    types: dict[str, DocType]
    queues: dict[str, str]  # name -> French label
    review_queue: str
    quarantine_queue: str
    fields: dict[str, str] = field(default_factory=dict)  # SPEC.md field -> French name
    quarantine_retention_days: int | None = 30  # a quarantined file is kept this long

    def field_label(self, name: str) -> str:
        return self.fields.get(name, name)

    def type(self, code: str) -> DocType:
        return self.types[code]

    def check_queue(self, name: str, source: str, key: str) -> str:
        if name not in self.queues:
            raise ConfigError(source, key, f"file « {name} » inconnue (connues : {', '.join(self.queues)})")
        return name


def embedded_path(name: str) -> Path:
    return Path(str(resources.files("config") / "data" / name))


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    path = path or embedded_path("taxonomy.yaml")
    source = str(path)
    data = require_mapping(read_yaml(path, "taxonomie"), source, None)
    queues_raw = require_mapping(data.get("queues"), source, "queues")
    queues = {name: str(require_mapping(v, source, f"queues.{name}").get("label", name))
              for name, v in queues_raw.items()}
    if not queues:
        raise ConfigError(source, "queues", "aucune file définie")

    def queue(name: object, key: str) -> str:
        if not isinstance(name, str) or name not in queues:
            raise ConfigError(source, key, f"file « {name} » inconnue (connues : {', '.join(queues)})")
        return name

    fields = {str(k): str(v) for k, v in require_mapping(data.get("fields") or {}, source, "fields").items()}
    types: dict[str, DocType] = {}
    for code, raw in require_mapping(data.get("types"), source, "types").items():
        key = f"types.{code}"
        spec = require_mapping(raw, source, key)
        unknown = set(spec) - {"label", "queue", "family", "copies", "restricted", "always_urgent", "required_fields",
                                 "retention"}
        if unknown:
            raise ConfigError(source, f"{key}.{sorted(unknown)[0]}", "clé inconnue")
        family = spec.get("family", "other")
        if family not in FAMILIES:
            raise ConfigError(source, f"{key}.family", f"« {family} » inconnue ({', '.join(FAMILIES)})")
        copies = spec.get("copies") or []
        if not isinstance(copies, list):
            raise ConfigError(source, f"{key}.copies", "une liste de files est attendue")
        required = spec.get("required_fields") or []
        if not isinstance(required, list):
            raise ConfigError(source, f"{key}.required_fields", "une liste de champs est attendue")
        for name in required:
            if name not in fields:
                raise ConfigError(source, f"{key}.required_fields", f"champ « {name} » inconnu "
                                  f"(connus : {', '.join(fields)})")
        if "retention" not in spec:
            raise ConfigError(source, f"{key}.retention", "durée de conservation obligatoire (ex. 3 ans, jamais)")
        types[code] = DocType(
            code=code,
            label=str(spec.get("label", code)),
            queue=queue(spec.get("queue"), f"{key}.queue"),
            family=family,
            copies=tuple(queue(c, f"{key}.copies") for c in copies),
            restricted=bool(spec.get("restricted", False)),
            always_urgent=bool(spec.get("always_urgent", False)),
            required_fields=tuple(required),
            retention_days=parse_period(spec["retention"], source, f"{key}.retention"),
        )
    if "other" not in types:
        raise ConfigError(source, "types", "le type « other » est obligatoire")
    return Taxonomy(
        types=types,
        queues=queues,
        review_queue=queue(data.get("review_queue", "videocodage"), "review_queue"),
        quarantine_queue=queue(data.get("quarantine_queue", "quarantaine"), "quarantine_queue"),
        fields=fields,
        quarantine_retention_days=parse_period(data.get("quarantine_retention", "30 jours"), source,
                                               "quarantine_retention"),
    )
