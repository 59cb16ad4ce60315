"""Storage failures, each with its exit status and a message that says what to do."""

from __future__ import annotations

from config.errors import AiguillageError, ExitCode


class StorageError(AiguillageError):
    """A storage failure that is neither an outage nor refused credentials (exit status 7)."""

    exit_code = ExitCode.STORAGE_ERROR


class StorageConfigError(StorageError):
    """A storage setting that cannot be used (missing endpoint, bad bucket name…): exit 2."""

    exit_code = ExitCode.USAGE


class ObjectNotFound(StorageError):
    def __init__(self, key: str):
        self.key = key
        super().__init__(f"objet introuvable : {key}")


class StorageUnavailable(StorageError):
    """The server cannot be reached or keeps failing: the work waits and is retried."""

    exit_code = ExitCode.STORAGE_UNAVAILABLE


class StorageAuthError(StorageError):
    """Credentials refused: retrying will not help."""

    exit_code = ExitCode.STORAGE_CREDENTIALS
