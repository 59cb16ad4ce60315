"""Team queue throughput against a real S3 server: enqueue, list, claim, complete.

    .venv/bin/python bench/queues.py [--items 10000] [--claims 1000] [--workers 8]

Uses the server named by AIGUILLAGE_TEST_S3_ENDPOINT (with _ACCESS_KEY, _SECRET_KEY,
_SECURE), or starts a one-node Ceph RADOS Gateway with scripts/s3-test-server.sh and stops it
at the end. Every figure goes through the product's own code (storage/queues.py,
storage/workitems.py, the audit trail included) in a fresh bucket, removed afterwards.

Targets (issue 5): claim+complete >= 100 per second, listing a 10,000-item queue < 1 s.
Prints a readable report, then one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storage import queues, workitems  # noqa: E402
from storage.queues import WorkItem  # noqa: E402

QUEUE = "comptabilite-fournisseurs"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=10_000, help="items enqueued in one queue")
    ap.add_argument("--claims", type=int, default=1_000, help="items claimed then completed")
    ap.add_argument("--workers", type=int, default=8, help="people working at once (threads)")
    ap.add_argument("--list-runs", type=int, default=5)
    args = ap.parse_args()

    from storage.testserver import (
        remove_bucket,
        server_from_env,
        start_server,
        stop_server,
        unique_bucket,
    )

    server, scratch = server_from_env(), None
    if server is None:
        scratch = Path(tempfile.mkdtemp(prefix="aig-bench-"))
        t = time.perf_counter()
        server = start_server(scratch)
        print(f"passerelle Ceph RGW démarrée en {time.perf_counter() - t:.1f} s sur {server.endpoint}")
    else:
        print(f"serveur S3 : {server.endpoint}")
    bucket = unique_bucket("aig-bench")
    try:
        figures = run(server.store(bucket), args)
    finally:
        remove_bucket(server, bucket)
        if scratch is not None:
            stop_server(scratch)
            shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(figures))
    return 0


def make_item(n: int) -> WorkItem:
    base = datetime(2030, 1, 1, tzinfo=timezone.utc)
    return WorkItem(
        document_id=f"{n:024x}", queue=QUEUE, status="routed", type="supplier_invoice", confidence=0.95,
        reason=None, priority=1 + n % 5, deadline=(base + timedelta(hours=24 + n % 97)).isoformat(),
        urgent=n % 5 == 0, restricted=False, sha256=f"{n:064x}", source=f"lot-{n // 100}.pdf",
        source_pages=[1 + n % 4], fields={"invoice_number": f"F-{n}", "total_incl_tax": f"{n % 9000}.50"},
        created_at=(base + timedelta(seconds=n)).isoformat(timespec="milliseconds"),
        history=[{"actor": "pipeline", "action": "routed", "queue": QUEUE, "note": "bench"}])


def run(store, args) -> dict:
    workers = args.workers
    with ThreadPoolExecutor(16) as pool:
        t = time.perf_counter()
        created = sum(pool.map(lambda n: queues.enqueue(store, make_item(n)), range(args.items)))
        enqueue_s = time.perf_counter() - t
    assert created == args.items
    again = sum(queues.enqueue(store, make_item(n)) for n in range(20))
    print(f"enqueue  : {args.items} éléments en {enqueue_s:.1f} s, 16 fils "
          f"= {args.items / enqueue_s:.0f}/s (second passage : {again} créé sur 20)")

    member = workitems.Member(QUEUE, "bench")
    times, count = [], 0
    for _ in range(args.list_runs):
        t = time.perf_counter()
        count = len(workitems.list_queue(store, member))
        times.append(time.perf_counter() - t)
    assert count == args.items
    print(f"liste    : {count} éléments, médiane {statistics.median(times):.3f} s, "
          f"max {max(times):.3f} s sur {len(times)} passages")

    ids = [line.entry.document_id for line in workitems.list_queue(store, member)]
    n = min(args.claims, len(ids) // 2)
    from storage.audit import _make_writer
    from storage.audit.chain import writer_for

    writer = writer_for(store, _make_writer)
    objects_before = writer.objects_written
    claim_s, complete_s = claim_complete(store, ids[:n], workers)
    per_object = 2 * n / max(1, writer.objects_written - objects_before)
    print(f"claim    : {n} en {claim_s:.2f} s, {workers} personnes = {n / claim_s:.0f}/s")
    print(f"complete : {n} en {complete_s:.2f} s = {n / complete_s:.0f}/s (bail gardé depuis claim)")
    cc = n / (claim_s + complete_s)
    # The same without writing audit events: how much of the time the audit trail takes.
    real_record, workitems.record = workitems.record, lambda _store, _event: None
    try:
        bare_claim_s, bare_complete_s = claim_complete(store, ids[n:2 * n], workers)
    finally:
        workitems.record = real_record
    bare = n / (bare_claim_s + bare_complete_s)
    left = len(workitems.list_queue(store, member))
    assert left == args.items - 2 * n, left
    print(f"journal d'audit : {per_object:.1f} événements par objet écrit (écritures groupées)")
    print(f"claim+complete : {cc:.0f}/s avec journal d'audit (cible >= 100/s), {bare:.0f}/s sans ; "
          f"liste de {count} : {statistics.median(times):.3f} s (cible < 1 s)")
    return {
        "items": args.items, "workers": workers,
        "enqueue_per_second": round(args.items / enqueue_s, 1),
        f"list_{args.items}_seconds": round(statistics.median(times), 3),
        "list_max_seconds": round(max(times), 3),
        "claim_per_second": round(n / claim_s, 1),
        "complete_per_second": round(n / complete_s, 1),
        "claim_complete_per_second": round(cc, 1),
        "claim_complete_without_audit_per_second": round(bare, 1),
        "audit_events_per_object": round(per_object, 2),
        "loadavg_1min": round(os.getloadavg()[0], 2),
    }


def claim_complete(store, ids: list[str], workers: int) -> tuple[float, float]:
    """Seconds to claim every id, then to complete them, ``workers`` people at once."""
    people = [workitems.Member(QUEUE, f"agent{i}") for i in range(workers)]
    held: dict[int, list] = {i: [] for i in range(workers)}

    def claim_all(i):
        for d in ids[i::workers]:
            held[i].append(workitems.claim(store, people[i], d))

    def complete_all(i):
        for it, lease in held[i]:
            workitems.complete(store, people[i], it.document_id, lease=lease, item=it)

    with ThreadPoolExecutor(workers) as pool:
        t = time.perf_counter()
        list(pool.map(claim_all, range(workers)))
        claim_s = time.perf_counter() - t
        t = time.perf_counter()
        list(pool.map(complete_all, range(workers)))
        return claim_s, time.perf_counter() - t


if __name__ == "__main__":
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    sys.exit(main())
