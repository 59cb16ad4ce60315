"""Storage failures, each with its exit status and a message that says what to do."""

from __future__ import annotations


class StorageError(Exception):
    exit_code = 3


class ObjectNotFound(StorageError):
    def __init__(self, key: str):
        self.key = key
        super().__init__(f"objet introuvable : {key}")


class StorageUnavailable(StorageError):
    """The server cannot be reached or keeps failing: the work waits and is retried."""

    exit_code = 4


class StorageAuthError(StorageError):
    """Credentials refused: retrying will not help."""

    exit_code = 5
