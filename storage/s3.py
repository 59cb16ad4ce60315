"""The S3 back end (MinIO, Ceph RADOS Gateway, AWS) over the minio SDK.

Same semantics as LocalStore. ``put_if_absent`` is one PUT with ``If-None-Match: *``: the
server creates the object or answers 412, atomically. Ceph RGW ignores that header in a
versioned bucket, so ``put_if_absent`` refuses to run on one.

Passing failures (server unreachable, 5xx, timeouts) are retried with exponential backoff,
then raised as StorageUnavailable; refused credentials raise StorageAuthError at once.
Credentials never appear in a log line or an exception message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import os
import re
import threading
from typing import Any, Callable, TypeVar

import certifi
import urllib3
from minio import Minio
from minio.error import InvalidResponseError, S3Error, ServerError
from minio.helpers import check_bucket_name

from storage.errors import (
    ObjectNotFound,
    StorageAuthError,
    StorageConfigError,
    StorageError,
    StorageUnavailable,
)
from storage.objectstore import ObjectInfo, ObjectStore, write_atomically
from storage.retry import RetriesExhausted, Retryable, RetryPolicy, call_with_retry

log = logging.getLogger("aiguillage.storage.s3")
T = TypeVar("T")

_AUTH_CODES = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken",
               "ExpiredToken", "InvalidSecurity", "AuthorizationHeaderMalformed"}
_RETRY_CODES = {"SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout",
                "ConditionalRequestConflict", "OperationAborted"}
_META_PREFIX = "x-amz-meta-"
_ENCODED = re.compile(r"^=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=$", re.IGNORECASE)


class S3Store(ObjectStore):
    name = "s3"
    part_size = 8 * 1024 * 1024  # put_file: multipart upload parts (S3's minimum is 5 MiB)
    parallel_uploads = 2  # put_file: parts sent at once

    def __init__(self, endpoint: str, access_key: str, secret_key: str, bucket: str,
                 secure: bool = True, region: str | None = None,
                 retry: RetryPolicy | None = None,
                 connect_timeout: float = 5.0, read_timeout: float = 60.0):
        self.endpoint = endpoint
        self.bucket = bucket
        self.retry = retry or RetryPolicy()
        self._where = f"{'https' if secure else 'http'}://{endpoint}"
        try:
            check_bucket_name(bucket, strict=True)
        except ValueError:
            raise StorageConfigError(f"nom de bucket S3 invalide : « {bucket} » (réglage storage.s3.bucket)") from None
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
            maxsize=16, retries=False, block=False,
            cert_reqs="CERT_REQUIRED" if secure else "CERT_NONE",
            ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
        )
        try:
            self._client = Minio(endpoint, access_key=access_key, secret_key=secret_key,
                                 secure=secure, region=region, http_client=http)
        except ValueError:
            raise StorageConfigError(f"adresse du serveur S3 invalide : « {endpoint} » (réglage storage.s3.endpoint, "
                               "attendu hôte:port sans http://)") from None
        self._lock = threading.Lock()
        self._bucket_ready = False
        self._versioned: bool | None = None

    def __repr__(self) -> str:  # never shows the credentials
        return f"S3Store({self._where}, bucket={self.bucket!r})"

    @property
    def client(self) -> Minio:
        """The minio client, for what the ObjectStore interface does not offer (the audit
        vault's Object Lock bucket, retention and versions)."""
        return self._client

    # -- the ObjectStore operations ---------------------------------------------------------

    def put(self, key, data, content_type="application/octet-stream", metadata=None):
        key = _check_key(key)
        headers = _headers(content_type, metadata)
        self._run(f"écriture de {key}", lambda _n: self._put(key, data, headers))

    def put_file(self, key, path, content_type="application/octet-stream", metadata=None):
        key = _check_key(key)
        headers = _headers(content_type, metadata)
        meta = {k: v for k, v in headers.items() if k != "Content-Type"}
        with open(path, "rb") as fh:  # opened here: a missing file is not a storage outage
            size = os.fstat(fh.fileno()).st_size

            def attempt(_n: int) -> None:
                self._ensure_bucket()
                fh.seek(0)
                # Parts of ``part_size`` read one after another: memory stays at a few parts
                # whatever the file's size; a file smaller than one part is one PUT.
                self._client.put_object(self.bucket, key, fh, size, content_type=headers["Content-Type"],
                                        metadata=meta, part_size=self.part_size,
                                        num_parallel_uploads=self.parallel_uploads)

            self._run(f"écriture de {key}", attempt)

    def put_if_absent(self, key, data, content_type="application/octet-stream", metadata=None):
        key = _check_key(key)
        self._run("ouverture du bucket", lambda _n: self._ensure_bucket())
        if self._is_versioned():
            raise StorageConfigError(f"le bucket {self.bucket} sur {self._where} a le versionnage activé : "
                               "les créations exclusives n'y sont pas fiables ; utilisez un bucket sans versionnage "
                               "(réglage storage.s3.bucket)")
        headers = _headers(content_type, metadata)
        headers["If-None-Match"] = "*"

        def attempt(n: int) -> bool:
            try:
                self._put(key, data, headers)
                return True
            except S3Error as exc:
                if exc.code != "PreconditionFailed" and (exc.response is None or exc.response.status != 412):
                    raise
            except InvalidResponseError as exc:  # a 412 without an XML body
                if getattr(exc, "_code", None) != 412:
                    raise
            # 412 after a retried attempt may be our own earlier write whose answer was lost.
            return n > 1 and self._same_content(key, data)

        return self._run(f"création de {key}", attempt)

    def get(self, key):
        key = _check_key(key)

        def attempt(_n: int) -> bytes:
            self._ensure_bucket()
            response = self._client.get_object(self.bucket, key)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

        return self._run(f"lecture de {key}", attempt, missing=key)

    def get_file(self, key, path):
        key = _check_key(key)

        def attempt(_n: int) -> None:
            self._ensure_bucket()
            response = self._client.get_object(self.bucket, key)
            try:
                write_atomically(path, response.stream(amt=1 << 20))
            finally:
                response.close()
                response.release_conn()

        self._run(f"lecture de {key}", attempt, missing=key)

    def stat(self, key):
        key = _check_key(key)

        def attempt(_n: int) -> ObjectInfo:
            self._ensure_bucket()
            obj = self._client.stat_object(self.bucket, key)
            meta = {name[len(_META_PREFIX):].lower(): _decode(value)
                    for name, value in (obj.metadata or {}).items()
                    if name.lower().startswith(_META_PREFIX)}
            modified = obj.last_modified.timestamp() if obj.last_modified else 0.0
            return ObjectInfo(key, int(obj.size or 0), obj.etag or "", modified, meta)

        return self._run(f"lecture de {key}", attempt, missing=key)

    def list(self, prefix=""):
        def attempt(_n: int) -> list[str]:
            self._ensure_bucket()
            return sorted(o.object_name for o in
                          self._client.list_objects(self.bucket, prefix=prefix or None, recursive=True)
                          if not o.is_dir)

        return iter(self._run(f"liste de {prefix or '/'}", attempt))

    def delete(self, key):
        key = _check_key(key)

        def attempt(_n: int) -> None:
            self._ensure_bucket()
            try:
                self._client.remove_object(self.bucket, key)
            except S3Error as exc:
                if exc.code not in ("NoSuchKey", "NoSuchBucket"):
                    raise

        self._run(f"suppression de {key}", attempt)

    # -- helpers --------------------------------------------------------------------------

    def _put(self, key: str, data: bytes, headers: dict[str, Any]) -> None:
        self._ensure_bucket()
        # One PUT request: the public put_object would turn If-None-Match into metadata.
        self._client._put_object(self.bucket, key, bytes(data), dict(headers))

    def _same_content(self, key: str, data: bytes) -> bool:
        try:
            etag = self._client.stat_object(self.bucket, key).etag
        except S3Error:
            return False
        return etag == hashlib.md5(data).hexdigest()

    def _ensure_bucket(self) -> None:
        if self._bucket_ready:
            return
        with self._lock:
            if self._bucket_ready:
                return
            if not self._client.bucket_exists(self.bucket):
                try:
                    self._client.make_bucket(self.bucket)
                    log.info("bucket %s créé sur %s", self.bucket, self._where)
                except S3Error as exc:
                    if exc.code == "BucketAlreadyExists":
                        raise StorageConfigError(f"le nom de bucket {self.bucket} est déjà pris sur {self._where} par un "
                                           "autre compte : choisissez-en un autre (réglage storage.s3.bucket)") from None
                    if exc.code != "BucketAlreadyOwnedByYou":
                        raise
            self._bucket_ready = True

    def _is_versioned(self) -> bool:
        if self._versioned is None:
            status = self._run("lecture du versionnage",
                               lambda _n: self._client.get_bucket_versioning(self.bucket).status)
            self._versioned = status in ("Enabled", "Suspended")
        return self._versioned

    def _run(self, what: str, fn: Callable[[int], T], missing: str | None = None) -> T:
        """Run ``fn`` with retries; turn every failure into one of the storage errors."""

        def attempt(n: int) -> T:
            try:
                return fn(n)
            except S3Error as exc:
                raise self._s3_error(exc, what, missing) from None
            except (ServerError, InvalidResponseError) as exc:
                status = getattr(exc, "_code", None) or getattr(exc, "status_code", 0) or 0
                if status >= 500 or status == 0:
                    raise Retryable(exc, f"réponse HTTP {status or 'illisible'}") from None
                if status in (401, 403):
                    raise StorageAuthError(self._auth_message(f"HTTP {status}")) from None
                raise StorageError(f"serveur S3 {self._where} : {what} refusée (HTTP {status})") from None
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise Retryable(exc, _reason(exc)) from None

        def logged(n: int) -> T:
            try:
                return attempt(n)
            except Retryable as exc:
                if n < self.retry.attempts:
                    log.warning("S3 %s : %s (%s), nouvelle tentative", self._where, what, exc.reason)
                raise

        try:
            return call_with_retry(logged, self.retry)
        except RetriesExhausted as exc:
            raise StorageUnavailable(
                f"serveur S3 {self._where} injoignable ou en erreur ({what}) après {exc.attempts} "
                f"tentative(s) : {exc.last.reason}. Vérifiez qu'il tourne et le réglage storage.s3.endpoint"
            ) from None

    def _s3_error(self, exc: S3Error, what: str, missing: str | None) -> Exception:
        code = exc.code or ""
        status = exc.response.status if exc.response is not None else 0
        if missing is not None and code in ("NoSuchKey", "NoSuchBucket", "NotFound"):
            return ObjectNotFound(missing)
        if code == "NoSuchBucket":
            self._bucket_ready = False  # removed behind our back: made again on the next try
            return Retryable(exc, f"bucket {self.bucket} absent")
        if code in _AUTH_CODES or status in (401, 403):
            return StorageAuthError(self._auth_message(code))
        if code == "RequestTimeTooSkewed":
            return StorageError(f"serveur S3 {self._where} : l'horloge de cette machine est trop décalée, "
                                "réglez-la (NTP) puis relancez")
        if code in _RETRY_CODES or status >= 500:
            return Retryable(exc, f"{code or 'erreur'} (HTTP {status})")
        return StorageError(f"serveur S3 {self._where} : {what} refusée ({code or status} : {exc.message})")

    def _auth_message(self, code: str) -> str:
        if code == "AccessDenied":
            return (f"accès refusé par le serveur S3 {self._where} au bucket {self.bucket} : vérifiez les droits "
                    "de la clé et les réglages storage.s3.access_key / storage.s3.secret_key "
                    "(variables AIGUILLAGE_STORAGE_S3_ACCESS_KEY, AIGUILLAGE_STORAGE_S3_SECRET_KEY)")
        if code == "AuthorizationHeaderMalformed":
            return (f"le serveur S3 {self._where} refuse la signature ({code}) : vérifiez le réglage "
                    "storage.s3.region")
        return (f"identifiants refusés par le serveur S3 {self._where} ({code or 'HTTP 403'}) : vérifiez les "
                "réglages storage.s3.access_key et storage.s3.secret_key (variables "
                "AIGUILLAGE_STORAGE_S3_ACCESS_KEY, AIGUILLAGE_STORAGE_S3_SECRET_KEY ou storage.s3.secrets_file)")


def _check_key(key: str) -> str:
    parts = [p for p in str(key).split("/") if p]
    if not parts or any(p in (".", "..") for p in parts):
        raise StorageError(f"clé d'objet invalide : {key!r}")
    return "/".join(parts)


def _headers(content_type: str, metadata: dict[str, str] | None) -> dict[str, Any]:
    headers: dict[str, Any] = {
        (k if k.lower().startswith(_META_PREFIX) else _META_PREFIX + k): _encode(str(v))
        for k, v in (metadata or {}).items()}
    headers["Content-Type"] = content_type or "application/octet-stream"
    return headers


def _encode(value: str) -> str:
    """HTTP headers carry ASCII only: other values go as RFC 2047 (what AWS SDKs do)."""
    if value.isascii() and value.isprintable() and value == value.strip():
        return value
    return "=?UTF-8?B?" + base64.b64encode(value.encode()).decode() + "?="


def _decode(value: str) -> str:
    match = _ENCODED.match(value)
    if not match:
        return value
    try:
        return base64.b64decode(match.group(1), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return value


def _reason(exc: BaseException) -> str:
    """A short, credential-free description of a network failure."""
    inner = getattr(exc, "reason", None) or exc
    if isinstance(inner, urllib3.exceptions.NameResolutionError):
        return "nom d'hôte inconnu"
    if isinstance(inner, ConnectionRefusedError) or "Connection refused" in str(inner):
        return "connexion refusée"
    if isinstance(inner, urllib3.exceptions.NewConnectionError):
        return "connexion impossible"
    if isinstance(inner, (urllib3.exceptions.ConnectTimeoutError, TimeoutError)):
        return "délai de connexion dépassé"
    if isinstance(inner, urllib3.exceptions.ReadTimeoutError):
        return "pas de réponse dans le délai"
    if isinstance(inner, urllib3.exceptions.ProtocolError):
        return "connexion coupée"
    if isinstance(inner, urllib3.exceptions.SSLError):
        return "échec TLS (vérifiez storage.s3.secure et le certificat)"
    return type(inner).__name__
