"""The one exception type for bad configuration (exit status 2)."""

from __future__ import annotations


class ConfigError(Exception):
    """A setting, taxonomy, routing rule or registry that cannot be used.

    The message names the file, the key and what is wrong, in French, because staff read it.
    """

    exit_code = 2

    def __init__(self, source: str, key: str | None, problem: str):
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source} : clé « {key} »" if key else source
        super().__init__(f"Configuration invalide : {where} : {problem}")
