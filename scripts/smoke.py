"""``make smoke``: the production topology of deploy/ started on this one machine, a batch
pushed through the station, every document checked in its queue once and in the web inbox.

    S3 server      a one-node Ceph RADOS Gateway (Debian's packages, scripts/s3-test-server.sh)
    PostgreSQL     a throwaway cluster (Debian's postgresql), the Prefect server's database
    Prefect        `prefect server start` on that database
    station        `aiguillage serve --pool smoke --metrics-port …` (deploys, dispatches pushed files)
    2 workers      `prefect worker start --pool smoke --limit 1`, each with its own AIGUILLAGE_HOME
    web            `aiguillage web --secure-cookies` with one account for every queue
    TLS proxy      nginx (Debian's nginx-light) with deploy/nginx/aiguillage.conf, a throwaway
                   certificate; the inbox is read through it, over HTTPS

Everything on loopback in a temporary folder, stopped and removed at the end whatever happens.
Prints a report, then one JSON object on its last line; exit status 1 when a check fails.

    .venv/bin/python scripts/smoke.py [--keep]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
SAMPLES = ROOT / "samples"
PASSWORD = "fumee-de-papier-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, check, timeout: float, procs=()) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        for p, log in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{what} : un processus s'est arrêté ({log}) :\n{Path(log).read_text()[-2000:]}")
        try:
            if check():
                return time.monotonic() - start
        except Exception:  # noqa: BLE001 - not yet
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} : pas prêt après {timeout:.0f} s")


def http_ok(url: str) -> bool:
    import httpx

    return httpx.get(url, timeout=2, verify=False).status_code == 200


class Topology:
    def __init__(self, scratch: Path):
        self.scratch, self.procs, self.pg = scratch, [], None
        self.s3 = None

    def spawn(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = self.scratch / f"{name}.log"
        p = subprocess.Popen(args, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.procs.append((p, str(log)))
        return p

    def start_s3(self):
        from storage.testserver import start_server

        self.s3 = start_server(self.scratch / "ceph")
        return self.s3

    def start_postgres(self) -> str:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins:
            raise RuntimeError("PostgreSQL absent : make smoke l'installe (paquet Debian postgresql)")
        pg_bin, data, port = Path(bins[-1]), self.scratch / "pg", free_port()
        data.mkdir()
        shutil.chown(data, "postgres", "postgres")
        os.chmod(self.scratch, 0o755)
        as_pg = ["runuser", "-u", "postgres", "--"]
        subprocess.run(as_pg + [str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                                "-E", "UTF8"], check=True, capture_output=True, text=True)
        subprocess.run(as_pg + [str(pg_bin / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "server.log"), "-o",
                                f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start"],
                       check=True, capture_output=True, text=True)
        self.pg = (pg_bin, data)
        subprocess.run([str(pg_bin / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c",
                        "CREATE DATABASE prefect"], check=True, capture_output=True, text=True)
        self.pg_port = port
        return f"postgresql+asyncpg://postgres@127.0.0.1:{port}/prefect"

    def pg_query(self, sql: str) -> str:
        pg_bin, _ = self.pg
        return subprocess.run([str(pg_bin / "psql"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
                               "-d", "prefect", "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()

    def start_nginx(self, web_port: int) -> int:
        """deploy/nginx/aiguillage.conf in front of the web app, on loopback: its ports, paths and
        a self-signed certificate swapped in, nothing else changed. Returns the HTTPS port."""
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RuntimeError("nginx absent : make smoke l'installe (paquet Debian nginx-light)")
        d, https_port, http_port = self.scratch / "nginx", free_port(), free_port()
        d.mkdir()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-keyout", str(d / "privkey.pem"), "-out", str(d / "fullchain.pem")],
                       check=True, capture_output=True)
        site = (ROOT / "deploy" / "nginx" / "aiguillage.conf").read_text()
        site = "\n".join(line for line in site.splitlines() if "[::]" not in line)
        for old, new in (("127.0.0.1:8750", f"127.0.0.1:{web_port}"), ("listen 443 ", f"listen 127.0.0.1:{https_port} "),
                         ("listen 80;", f"listen 127.0.0.1:{http_port};"), ("/etc/ssl/aiguillage", str(d))):
            if old not in site:
                raise RuntimeError(f"deploy/nginx/aiguillage.conf : « {old} » introuvable")
            site = site.replace(old, new)
        (d / "site.conf").write_text(site)
        temp = "\n".join(f"{k}_temp_path {d}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (d / "nginx.conf").write_text(f"pid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\n"
                                      f"http {{\naccess_log {d}/access.log;\n{temp}\ninclude {d}/site.conf;\n}}\n")
        self.spawn("nginx", [nginx, "-c", str(d / "nginx.conf"), "-p", str(d), "-g", "daemon off;"], os.environ.copy())
        return https_port

    def stop(self):
        for p, _ in reversed(self.procs):
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p, _ in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        if self.pg:
            pg_bin, data = self.pg
            subprocess.run(["runuser", "-u", "postgres", "--", str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast",
                            "stop"], capture_output=True)
        if self.s3:
            from storage.testserver import stop_server

            stop_server(self.scratch / "ceph")


def sign_in(base: str, login: str):
    import httpx

    client = httpx.Client(base_url=base, follow_redirects=False, timeout=10, verify=False)
    page = client.get("/connexion")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = client.post("/connexion", data={"identifiant": login, "mot_de_passe": PASSWORD, "csrf": csrf, "suite": "/"})
    if r.status_code != 303:
        raise RuntimeError(f"connexion refusée ({r.status_code})")
    return client


def run(keep: bool) -> int:
    from storage.testserver import unique_bucket
    from tests.spec import main_queue_items

    scratch = Path(tempfile.mkdtemp(prefix="aig-smoke-"))
    topo = Topology(scratch)
    checks: dict[str, bool] = {}
    figures: dict = {}
    t0 = time.monotonic()
    try:
        s3 = topo.start_s3()
        bucket = unique_bucket("aig-smoke")
        print(f"passerelle S3 (Ceph RGW) : {s3.endpoint}, bucket {bucket}", flush=True)
        db_url = topo.start_postgres()
        print(f"PostgreSQL : port {topo.pg_port}", flush=True)
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "AIGUILLAGE_"))}
        api_port = free_port()
        server_env = clean | {"PREFECT_HOME": str(scratch / "prefect-server"), "PREFECT_UI_ENABLED": "false",
                              "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                              "PREFECT_API_DATABASE_CONNECTION_URL": db_url}
        server = topo.spawn("prefect-server", [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                                               "--port", str(api_port)], server_env)
        api = f"http://127.0.0.1:{api_port}/api"
        wait_for("serveur Prefect", lambda: http_ok(f"{api}/health"), 180, [(server, str(scratch / "prefect-server.log"))])
        print(f"serveur Prefect sur PostgreSQL : {api}", flush=True)

        base = clean | s3.env() | {"AIGUILLAGE_STORAGE_S3_BUCKET": bucket, "PREFECT_API_URL": api,
                                   "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_WORKER_QUERY_SECONDS": "1",
                                   "OMP_THREAD_LIMIT": "1", "AIGUILLAGE_SERVE_BATCH_FILES": "2"}
        station = base | {"AIGUILLAGE_HOME": str(scratch / "station"), "PREFECT_HOME": str(scratch / "station-prefect")}
        metrics_port, web_port = free_port(), free_port()
        serve = topo.spawn("serve", [str(BIN / "aiguillage"), "serve", "--pool", "smoke", "--metrics-port",
                                     str(metrics_port)], station)
        wait_for("aiguillage serve (/readyz)", lambda: http_ok(f"http://127.0.0.1:{metrics_port}/readyz"), 180,
                 [(serve, str(scratch / "serve.log"))])
        for name in ("worker-a", "worker-b"):
            topo.spawn(name, [str(BIN / "prefect"), "worker", "start", "--pool", "smoke", "--name", name,
                                     "--limit", "1"],
                       base | {"AIGUILLAGE_HOME": str(scratch / name), "PREFECT_HOME": str(scratch / f"{name}-prefect")})
        web_env = base | {"AIGUILLAGE_HOME": str(scratch / "web"), "PREFECT_HOME": str(scratch / "web-prefect"),
                          "AIGUILLAGE_WEB_TRUSTED_PROXIES": "127.0.0.1"}
        from config import load_taxonomy

        queues = list(load_taxonomy().queues)
        subprocess.run([str(BIN / "aiguillage"), "web", "add-user", "smoke", "--name", "Essai fumée", "--user", "smoke",
                        "--password-stdin", *[a for q in queues for a in ("--team", q)]], env=web_env, cwd=ROOT,
                       input=PASSWORD + "\n", text=True, check=True, capture_output=True)
        web = topo.spawn("web", [str(BIN / "aiguillage"), "web", "--host", "127.0.0.1", "--port", str(web_port),
                                 "--secure-cookies"], web_env)
        wait_for("aiguillage web (/readyz)", lambda: http_ok(f"http://127.0.0.1:{web_port}/readyz"), 180,
                 [(web, str(scratch / "web.log"))])
        https_port = topo.start_nginx(web_port)
        proxy = f"https://127.0.0.1:{https_port}"
        wait_for("proxy TLS nginx (/readyz)", lambda: http_ok(f"{proxy}/readyz"), 60, topo.procs[-1:])
        print(f"station, 2 workers et guichet web derrière nginx ({proxy}) démarrés", flush=True)

        files = sorted(str(p) for p in SAMPLES.iterdir() if not p.name.endswith(".truth.json"))
        pushed_at = time.monotonic()
        push = subprocess.run([str(BIN / "aiguillage"), "push", *files], env=station, cwd=ROOT, capture_output=True,
                              text=True, timeout=300)
        checks["push"] = push.returncode == 0
        print(f"{len(files)} fichier(s) déposé(s) par la station (aiguillage push)", flush=True)

        store = s3.store(bucket)
        expected = sum(len(json.loads((SAMPLES / f"{Path(f).name}.truth.json").read_text()).get("documents") or [None])
                       for f in files if (SAMPLES / f"{Path(f).name}.truth.json").is_file())
        procs = [(p, log) for p, log in topo.procs]

        def all_routed() -> bool:
            routed = [k for k in store.list("documents/") if k.endswith("/routed.json")]
            return len(routed) >= expected and not list(store.list("intake/"))

        wait_for("tous les documents aiguillés", all_routed, 900, procs)
        figures["seconds_push_to_routed"] = round(time.monotonic() - pushed_at, 1)
        lines = [json.loads(store.get(k)) for k in store.list("documents/") if k.endswith("/routed.json")]
        items = main_queue_items(store)
        once = Counter(i["document_id"] for i in items)
        checks["every document in its queue once"] = (sorted(once.values()) == [1] * len(lines)
                                                      and set(once) == {x["document_id"] for x in lines})
        records = [json.loads(store.get(k)) for k in store.list("documents/") if k.endswith("/record.json")]
        homes = Counter(Path(r["processed_by"]["home"]).name for r in records)
        checks["both workers took part"] = set(homes) == {"worker-a", "worker-b"}
        flow_runs = int(topo.pg_query("SELECT count(*) FROM flow_run") or 0)
        checks["Prefect's runs are in PostgreSQL"] = flow_runs > 0

        client = sign_in(proxy, "smoke")  # through the TLS proxy: secure cookies, forwarded headers
        too_big = client.post("/connexion", content=b"x" * (300 * 1024))  # nginx's refusal, not the app's
        checks["the proxy refuses a body over web.max_body_kb"] = too_big.status_code == 413 and "nginx" in too_big.text
        checks["the proxy hides /metrics"] = client.get("/metrics").status_code == 404
        by_queue: dict[str, list[str]] = {}
        for i in items:
            by_queue.setdefault(i["queue"], []).append(i["document_id"])
        missing = []
        for queue, ids in sorted(by_queue.items()):
            page = client.get(f"/equipes/{queue}").text
            missing += [f"{queue}/{d}" for d in ids if d not in page]
        checks["every document visible in the web inbox"] = not missing
        status = subprocess.run([str(BIN / "aiguillage"), "status", "--json"], env=station, cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        today = json.loads(status.stdout)["today"] if status.returncode == 0 else {}
        checks["aiguillage status counts them"] = today.get("documents") == len(lines)
        figures.update(documents=len(lines), files=len(files), queues=len(by_queue), workers_used=len(homes),
                       documents_per_worker=dict(homes), prefect_flow_runs=flow_runs,
                       statuses=dict(Counter(x["status"] for x in lines)), missing_in_web=missing[:5])
    except Exception as exc:  # noqa: BLE001 - the report says what failed
        checks["topology"] = False
        print(f"ÉCHEC : {exc}", file=sys.stderr)
        for _, log in topo.procs:
            print(f"--- {log}\n{Path(log).read_text(errors='replace')[-1500:]}", file=sys.stderr)
    finally:
        topo.stop()
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    figures["wall_seconds"] = round(time.monotonic() - t0, 1)
    print("\n== Essai de fumée : topologie de production sur une machine ==")
    for name, ok in checks.items():
        print(f"  {'OK ' if ok else 'NON'} {name}")
    for k, v in figures.items():
        print(f"  {k} : {v}")
    ok = bool(checks) and all(checks.values())
    print(json.dumps({"ok": ok, "checks": checks, **figures}, ensure_ascii=False))
    return 0 if ok else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--keep", action="store_true", help="garder le dossier temporaire (journaux) à la fin")
    return run(p.parse_args().keep)


if __name__ == "__main__":
    sys.exit(main())
