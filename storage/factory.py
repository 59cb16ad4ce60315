"""Opens the object store the settings name: a local folder or an S3 bucket."""

from __future__ import annotations

from typing import Any, Mapping

from storage.errors import StorageConfigError
from storage.objectstore import ObjectStore


def open_store(settings: Any, bucket: str | None = None) -> ObjectStore:
    """The configured store; ``bucket`` overrides storage.s3.bucket (S3 only).

    ``settings`` is a config.settings.Settings (or anything with ``home`` and ``[key]``).
    """
    backend = settings["storage.backend"]
    if backend == "local":
        from storage.local import LocalStore

        return LocalStore(settings.home / "store")
    if backend == "s3":
        from storage.s3 import S3Store

        # endpoint and credentials: checked with the settings (config.settings), once
        return S3Store(
            endpoint=settings["storage.s3.endpoint"],
            access_key=settings["storage.s3.access_key"],
            secret_key=settings["storage.s3.secret_key"],
            bucket=bucket or settings["storage.s3.bucket"],
            secure=bool(settings["storage.s3.secure"]),
            region=settings["storage.s3.region"],
        )
    raise StorageConfigError(f"réglage storage.backend inconnu : « {backend} » (choisir local ou s3)")


def describe_store(store: ObjectStore) -> Mapping[str, str]:
    """Where the store lives, safe to print (no credentials)."""
    if store.name == "s3":
        return {"backend": "s3", "endpoint": getattr(store, "endpoint", ""), "bucket": getattr(store, "bucket", "")}
    return {"backend": store.name, "root": str(getattr(store, "root", ""))}


def probe_store(settings: Any, timeout: float = 3.0) -> None:
    """Raise StorageError unless the store answers a LIST now: one try, short timeouts (a
    readiness check must answer fast; the pipeline's own calls keep their patient retries)."""
    from storage.errors import StorageError

    if settings["storage.backend"] == "s3":
        from storage.retry import RetryPolicy
        from storage.s3 import S3Store

        store: ObjectStore = S3Store(
            endpoint=settings["storage.s3.endpoint"], access_key=settings["storage.s3.access_key"],
            secret_key=settings["storage.s3.secret_key"], bucket=settings["storage.s3.bucket"],
            secure=bool(settings["storage.s3.secure"]), region=settings["storage.s3.region"],
            retry=RetryPolicy(attempts=1), connect_timeout=timeout, read_timeout=timeout)
    else:
        store = open_store(settings)
        if not store.root.is_dir():  # type: ignore[attr-defined]
            raise StorageError(f"dossier de données {store.root} absent")  # type: ignore[attr-defined]
    from storage import layout

    next(iter(store.list(layout.MODELS)), None)
