"""Reading a YAML file into plain data, with errors that name the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from config.errors import ConfigError


def read_yaml(path: Path, what: str = "fichier") -> Any:
    """Return the parsed content of ``path``; a missing or malformed file is a ConfigError."""
    if not path.exists():
        raise ConfigError(str(path), None, f"{what} introuvable")
    if not path.is_file():
        raise ConfigError(str(path), None, f"{what} attendu, mais c'est un dossier")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, f"lecture impossible ({exc})") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(str(path), None, f"YAML invalide{where} : {problem}") from exc


def require_mapping(data: Any, source: str, key: str | None) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(source, key, f"une table (clé: valeur) est attendue, pas {type(data).__name__}")
    return data
