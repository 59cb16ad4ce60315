"""Audit trail benchmark: 1,000,000 events, index build, query latency, verify throughput.

    .venv/bin/python bench/audit.py [--events 1000000] [--dir /tmp/audit-bench] [--keep]

What is measured, honestly:
- The events are *generated* straight into a local store's folder in the exact layout and
  bytes ``record()`` writes (canonical JSON, SHA-256 chain), without fsync or create-only
  links: writing a million events through ``record()`` would take hours on one disk (it
  fsyncs each write). ``record()`` itself is timed separately on 2,000 events, one thread,
  then 8 threads (events arriving during a write share the next object: group commit).
- Index build = ``AuditIndex.rebuild``: list and read every event object from the store,
  check every link, insert into SQLite, then create the secondary indexes.
- Query latency: ``storage.audit.query.query`` (SQLAlchemy, new connection from the pool
  each time) for 1,000 random documents' stories and 1,000 random tenants over one month.
- Verify = ``storage.audit.verify.verify`` over the whole store, with the index as a second
  witness (every hash compared), then without it.
- The generated store and the index live on /dev/shm (RAM) when it has room, so the figures
  measure the code (reading, hashing, SQL), not this machine's disk write-back; the report
  says where they were. ``record()`` is timed on the real disk.
The shape: 125,000 documents x 8 events (received, split, ocr, classified, extracted,
routed, claimed, completed) over one year, 20,000 tenants (70% of mail), 500 suppliers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage.audit import AuditEvent, record  # noqa: E402
from storage.audit.chain import BLOCK, GENESIS, chain_key, digest, encode  # noqa: E402
from storage.audit.index import AuditIndex  # noqa: E402
from storage.audit.query import Filters, query  # noqa: E402
from storage.audit.verify import verify  # noqa: E402
from storage.local import LocalStore  # noqa: E402

QUEUES = ["gestion-locative", "technique", "recouvrement", "contentieux", "accompagnement-social",
          "comptabilite-fournisseurs", "videocodage"]
PEOPLE = [f"agent{i:02d}" for i in range(40)]
START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def generate(root: Path, n_events: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Write n_events chained events as a LocalStore would hold them; returns doc ids, tenants."""
    rng = random.Random(seed)
    tenants = [f"{rng.randrange(10**7, 10**8)}" for _ in range(20_000)]
    suppliers = [(f"SUP-{i:04d}", f"{rng.randrange(10**13, 10**14)}") for i in range(500)]
    docs: list[str] = []
    prev, seq = GENESIS, 0
    made_dirs: set[int] = set()

    def put(event: dict) -> None:
        nonlocal prev, seq
        seq += 1
        body = encode(seq, prev, event)
        prev = digest(body)
        block = seq // BLOCK
        if block not in made_dirs:
            (root / "audit" / "chain" / f"{block:08d}").mkdir(parents=True, exist_ok=True)
            made_dirs.add(block)
        fd = os.open(root / chain_key(seq), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, body)
        os.close(fd)

    n_docs = n_events // 8
    for d in range(n_docs):
        t = START + timedelta(seconds=rng.randrange(365 * 86400))
        sha = f"{rng.getrandbits(256):064x}"
        doc = f"{rng.getrandbits(96):024x}"
        docs.append(doc)
        queue = rng.choice(QUEUES)
        ev = lambda kind, dt, doc_id=doc, actor="pipeline", q=None, **det: {  # noqa: E731
            "kind": kind, "document_id": doc_id, "actor": actor, "queue": q, "details": det,
            "at": iso(t + dt), "event_id": f"{rng.getrandbits(128):032x}"}
        put(ev("received", timedelta(0), doc_id=None, sha256=sha, filename=f"scan-{d}.pdf", size=48_213))
        put(ev("split", timedelta(seconds=2), doc_id=None, sha256=sha, documents=[[1]], dropped=[]))
        put(ev("ocr", timedelta(seconds=9), pages=[1], methods=["ocr"], mean_confidence=91.4))
        put(ev("classified", timedelta(seconds=10), sha256=sha, type="repair_request", confidence=0.93,
               method="model", urgent=False))
        if rng.random() < 0.7:
            extra = {"tenant_reference": rng.choice(tenants)}
        else:
            sid, siret = rng.choice(suppliers)
            extra = {"supplier_id": sid, "supplier_siret": siret}
        put(ev("extracted", timedelta(seconds=10), fields=["postal_code", "tenant_name"], rejected=[], **extra))
        put(ev("routed", timedelta(seconds=11), q=queue, rule="default", why="type", status="routed"))
        who = rng.choice(PEOPLE)
        put(ev("claimed", timedelta(hours=rng.randrange(1, 48)), actor=who, q=queue, gen=1))
        put(ev("completed", timedelta(hours=rng.randrange(48, 120)), actor=who, q=queue, gen=2, note=""))
    (root / "audit" / "head.json").write_text(json.dumps({"seq": seq}))
    return docs, tenants


def _ram_dir() -> str | None:
    """/dev/shm when it has room (a million small files take ~5 GB there): the figures then
    measure our code, not the disk's write-back (stated in the report)."""
    try:
        st = os.statvfs("/dev/shm")
        return "/dev/shm" if st.f_bavail * st.f_frsize > 8e9 else None
    except OSError:
        return None


def latency(fn, args: list) -> tuple[float, float, int]:
    times, hits = [], 0
    for a in args:
        t = time.perf_counter()
        hits += len(fn(a))
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], hits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="audit-bench-", dir=_ram_dir()))
    shutil.rmtree(work, ignore_errors=True)
    (work / "store").mkdir(parents=True)
    disk = Path(tempfile.mkdtemp(prefix="audit-bench-record-"))
    rng = random.Random(1)
    try:
        # record() through the real API, on disk, for the write cost (fsync + create-only link per event)
        sample = LocalStore(disk)
        t = time.perf_counter()
        for i in range(2000):
            record(sample, AuditEvent("viewed", f"{i:024x}", actor="agent01", queue="technique"))
        record_per_s = 2000 / (time.perf_counter() - t)
        # 8 threads at once: events that arrive while a write is in flight share the next object
        from concurrent.futures import ThreadPoolExecutor

        from storage.audit.chain import writer_for

        threaded = LocalStore(disk / "threads")
        t = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: record(threaded, AuditEvent("viewed", f"{i:024x}", actor="agent01")), range(2000)))
        record8_per_s = 2000 / (time.perf_counter() - t)
        objects8 = writer_for(threaded).objects_written

        t = time.perf_counter()
        docs, tenants = generate(work / "store", args.events)
        gen_s = time.perf_counter() - t
        store = LocalStore(work / "store")
        n = len(docs) * 8
        where = "mémoire (tmpfs)" if str(work).startswith("/dev/shm") else "disque"
        print(f"{n:,} événements générés en {gen_s:.1f} s ({len(docs):,} documents) dans {work} ({where})")

        index = AuditIndex(f"sqlite:///{work / 'index.sqlite'}")
        t = time.perf_counter()
        indexed = index.rebuild(store)
        build_s = time.perf_counter() - t
        assert indexed == n, (indexed, n)
        print(f"index construit : {indexed:,} événements en {build_s:.1f} s ({indexed / build_s:,.0f}/s)")

        doc_sample = rng.sample(docs, 1000)
        d_med, d_p95, d_hits = latency(lambda d: query(index, Filters(document=d)), doc_sample)
        assert d_hits == 8 * len(doc_sample), d_hits

        def month(tenant: str) -> list:
            m = rng.randrange(1, 13)
            end = f"2024-{m:02d}-28"
            return query(index, Filters(tenant=tenant, since=f"2024-{m:02d}-01", until=end))

        t_med, t_p95, t_hits = latency(month, rng.sample(tenants, 1000))
        print(f"histoire d'un document : médiane {d_med * 1000:.2f} ms, p95 {d_p95 * 1000:.2f} ms (8 événements)")
        print(f"locataire sur un mois : médiane {t_med * 1000:.2f} ms, p95 {t_p95 * 1000:.2f} ms "
              f"({t_hits / 1000:.1f} événements en moyenne)")

        t = time.perf_counter()
        report = verify(store, index)
        verify_s = time.perf_counter() - t
        assert report.ok and report.checked == n and report.index_checked == n, report
        t = time.perf_counter()
        bare = verify(store)
        bare_s = time.perf_counter() - t
        assert bare.ok
        print(f"vérification (chaîne + index) : {n:,} événements en {verify_s:.1f} s ({n / verify_s:,.0f}/s) ; "
              f"chaîne seule : {n / bare_s:,.0f}/s")
        print(f"record() sur disque local (fsync) : {record_per_s:,.0f} événements/s ; 8 fils : "
              f"{record8_per_s:,.0f}/s ({2000 / max(1, objects8):.1f} événements par objet)")
        figures = {
            "events": n, "store_on_tmpfs": str(work).startswith("/dev/shm"), "generate_seconds": round(gen_s, 1), "index_build_seconds": round(build_s, 1),
            "index_build_events_per_second": round(indexed / build_s),
            "document_story_median_ms": round(d_med * 1000, 3), "document_story_p95_ms": round(d_p95 * 1000, 3),
            "tenant_month_median_ms": round(t_med * 1000, 3), "tenant_month_p95_ms": round(t_p95 * 1000, 3),
            "verify_events_per_second": round(n / verify_s), "verify_chain_only_events_per_second": round(n / bare_s),
            "record_local_events_per_second": round(record_per_s),
            "record_local_8_threads_events_per_second": round(record8_per_s),
            "record_local_8_threads_events_per_object": round(2000 / max(1, objects8), 1),
            "index_size_mb": round((work / "index.sqlite").stat().st_size / 1e6, 1),
        }
        print(json.dumps(figures))
        index.close()
    finally:
        shutil.rmtree(disk, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
