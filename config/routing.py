"""Routing rules as data: which queue, priority, deadline and copies for a document.

``RoutingRules.decide`` is a pure function of the document's facts, so it can explain itself
(``aiguillage routes explain``) and be tested without any storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from config.errors import ConfigError
from config.taxonomy import Taxonomy, embedded_path
from config.yamlfile import read_yaml, require_mapping

_WHEN_KEYS = {"type", "urgent", "min_confidence", "max_confidence", "field"}
_FIELD_TESTS = {"equals", "in", "min", "max", "present"}


@dataclass(frozen=True)
class Rule:
    name: str
    when: Mapping[str, Any]
    queue: str
    priority: int
    deadline_hours: float
    copies: tuple[str, ...] = ()

    def matches(self, facts: "Facts") -> bool:
        w = self.when
        if "type" in w and facts.type not in w["type"]:
            return False
        if "urgent" in w and bool(w["urgent"]) != facts.urgent:
            return False
        if "min_confidence" in w and facts.confidence < w["min_confidence"]:
            return False
        if "max_confidence" in w and facts.confidence > w["max_confidence"]:
            return False
        for name, test in w.get("field", {}).items():
            if not _field_matches(facts.fields.get(name), test):
                return False
        return True


@dataclass(frozen=True)
class Facts:
    type: str
    confidence: float
    urgent: bool = False
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    queue: str
    priority: int
    deadline_hours: float
    copies: tuple[str, ...]
    rule: str  # the rule's name, or "type:<code>" / "revue"
    why: str  # in French, for staff


@dataclass(frozen=True)
class RoutingRules:
    taxonomy: Taxonomy
    rules: tuple[Rule, ...]
    default_priority: int
    default_deadline_hours: float
    source: str

    def decide(self, facts: Facts, review: bool = False, review_reason: str = "") -> Decision:
        doc_type = self.taxonomy.type(facts.type)
        if review or facts.type == "other":
            why = review_reason or "type non reconnu : un opérateur doit décider"
            return Decision(self.taxonomy.review_queue, self.default_priority,
                            self.default_deadline_hours, (), "revue", why)
        for rule in self.rules:
            if rule.matches(facts):
                copies = _merge(doc_type.copies, rule.copies, exclude=rule.queue)
                return Decision(rule.queue, rule.priority, rule.deadline_hours, copies, rule.name,
                                f"règle « {rule.name} » ({_describe(rule.when)})")
        priority = 1 if facts.urgent else self.default_priority
        return Decision(doc_type.queue, priority, self.default_deadline_hours,
                        _merge(doc_type.copies, (), exclude=doc_type.queue), f"type:{facts.type}",
                        f"file par défaut du type « {doc_type.label} »")


def _merge(a: tuple[str, ...], b: tuple[str, ...], exclude: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q for q in a + b if q != exclude))


def _describe(when: Mapping[str, Any]) -> str:
    parts = []
    for k, v in when.items():
        if k == "type":
            parts.append("type " + " ou ".join(v))
        elif k == "field":
            parts.extend(f"champ {n} {t}" for n, t in v.items())
        else:
            parts.append(f"{k} {v}")
    return ", ".join(parts) or "toujours"


def _field_matches(value: Any, test: Any) -> bool:
    if not isinstance(test, dict):
        return value is not None and str(value) == str(test)
    if "present" in test and bool(value is not None) != bool(test["present"]):
        return False
    if value is None:
        return "present" in test and not test["present"]
    if "equals" in test and str(value) != str(test["equals"]):
        return False
    if "in" in test and str(value) not in [str(x) for x in test["in"]]:
        return False
    try:
        if "min" in test and float(value) < float(test["min"]):
            return False
        if "max" in test and float(value) > float(test["max"]):
            return False
    except (TypeError, ValueError):
        return False
    return True


def load_routing(taxonomy: Taxonomy, path: Path | None = None) -> RoutingRules:
    path = path or embedded_path("routing.yaml")
    source = str(path)
    data = require_mapping(read_yaml(path, "règles d'aiguillage"), source, None)
    unknown = set(data) - {"defaults", "rules"}
    if unknown:
        raise ConfigError(source, sorted(unknown)[0], "clé inconnue (attendu : defaults, rules)")
    defaults = require_mapping(data.get("defaults"), source, "defaults")
    d_priority = _int(defaults.get("priority", 3), source, "defaults.priority", 1, 9)
    d_deadline = _number(defaults.get("deadline_hours", 120), source, "defaults.deadline_hours")
    raw_rules = data.get("rules")
    raw_rules = [] if raw_rules is None else raw_rules
    if not isinstance(raw_rules, list):
        raise ConfigError(source, "rules", "une liste de règles est attendue")
    rules, names = [], set()
    for i, raw in enumerate(raw_rules):
        key = f"rules[{i}]"
        spec = require_mapping(raw, source, key)
        name = str(spec.get("name") or f"regle-{i + 1}")
        key = f"rules[{i}] ({name})"
        if name in names:
            raise ConfigError(source, f"{key}.name", "nom de règle en double")
        names.add(name)
        extra = set(spec) - {"name", "when", "queue", "priority", "deadline_hours", "copies"}
        if extra:
            raise ConfigError(source, f"{key}.{sorted(extra)[0]}", "clé inconnue")
        if "queue" not in spec:
            raise ConfigError(source, f"{key}.queue", "file de destination obligatoire")
        queue = taxonomy.check_queue(str(spec["queue"]), source, f"{key}.queue")
        copies = spec.get("copies") or []
        if not isinstance(copies, list):
            raise ConfigError(source, f"{key}.copies", "une liste de files est attendue")
        rules.append(Rule(
            name=name,
            when=_when(spec.get("when"), taxonomy, source, f"{key}.when"),
            queue=queue,
            priority=_int(spec.get("priority", d_priority), source, f"{key}.priority", 1, 9),
            deadline_hours=_number(spec.get("deadline_hours", d_deadline), source, f"{key}.deadline_hours"),
            copies=tuple(taxonomy.check_queue(str(c), source, f"{key}.copies") for c in copies),
        ))
    return RoutingRules(taxonomy, tuple(rules), d_priority, d_deadline, source)


def _when(raw: Any, taxonomy: Taxonomy, source: str, key: str) -> dict[str, Any]:
    when = dict(require_mapping(raw, source, key))
    extra = set(when) - _WHEN_KEYS
    if extra:
        raise ConfigError(source, f"{key}.{sorted(extra)[0]}",
                          f"condition inconnue (connues : {', '.join(sorted(_WHEN_KEYS))})")
    if "type" in when:
        types = when["type"] if isinstance(when["type"], list) else [when["type"]]
        for t in types:
            if t not in taxonomy.types:
                raise ConfigError(source, f"{key}.type", f"type « {t} » inconnu")
        when["type"] = tuple(types)
    for k in ("min_confidence", "max_confidence"):
        if k in when:
            when[k] = _number(when[k], source, f"{key}.{k}", 0.0, 1.0)
    if "field" in when:
        fields = require_mapping(when["field"], source, f"{key}.field")
        for name, test in fields.items():
            if isinstance(test, dict) and set(test) - _FIELD_TESTS:
                raise ConfigError(source, f"{key}.field.{name}",
                                  f"test inconnu (connus : {', '.join(sorted(_FIELD_TESTS))})")
        when["field"] = fields
    return when


def _number(raw: Any, source: str, key: str, lo: float = 0.0, hi: float | None = None) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise ConfigError(source, key, f"nombre attendu, pas « {raw} »")
    if raw < lo or (hi is not None and raw > hi):
        raise ConfigError(source, key, f"{raw} hors limites ({lo:g} à {hi if hi is not None else '∞'})")
    return float(raw)


def _int(raw: Any, source: str, key: str, lo: int, hi: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ConfigError(source, key, f"nombre entier attendu, pas « {raw} »")
    if not lo <= raw <= hi:
        raise ConfigError(source, key, f"{raw} hors limites ({lo} à {hi})")
    return raw
