"""The screenshots of docs/ from a real run: the Grafana dashboard's panels drawn from real
metrics, the web inbox's « État du courrier » page and `aiguillage status` in a terminal.

    make docs-screenshots      (or .venv/bin/python scripts/render_dashboard.py)

`aiguillage serve --metrics-port` routes samples/ dropped in its hot folder in waves (and an
empty file, for the quarantine), Debian's Prometheus scrapes it every 2 s, then every panel of
docs/grafana/aiguillage.json is queried with its own expressions through Prometheus' HTTP API
and drawn (SVG) as the dashboard lays it out; Chromium takes the pictures. Everything runs on
loopback in a temporary folder and is stopped at the end. Last line: one JSON object.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOCS = ROOT / "docs"
DASHBOARD = DOCS / "grafana" / "aiguillage.json"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PASSWORD = "capture-ecran-2026"
COLOURS = ["#1565c0", "#2e7d32", "#c62828", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 180) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} ne répond pas")


def query(prom: str, expr: str, start: float, end: float, step: float) -> list[dict]:
    import httpx

    expr = expr.replace("$__rate_interval", "1m")
    r = httpx.get(f"{prom}/api/v1/query_range", params={"query": expr, "start": start, "end": end, "step": step},
                  timeout=20)
    r.raise_for_status()
    return r.json()["data"]["result"]


def legend(fmt: str, labels: dict) -> str:
    out = fmt or ""
    for k, v in labels.items():
        out = out.replace("{{" + k + "}}", v)
    return out or ", ".join(f"{k}={v}" for k, v in labels.items()) or "valeur"


def shown_value(v: float, unit: str) -> str:
    if unit == "percentunit":
        return f"{v * 100:.1f} %".replace(".", ",")
    if unit in ("h", "s"):
        return f"{v:.2f} {unit}".replace(".", ",")
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.2f}".replace(".", ",")


def chart(series: list[tuple[str, list[tuple[float, float]]]], width: int, height: int, unit: str, t0: float,
          t1: float) -> str:
    left, right, top, bottom = 48, 8, 8, 22
    w, h = width - left - right, height - top - bottom
    values = [v for _, pts in series for _, v in pts] or [0.0]
    vmax = max(values) * 1.1 or 1.0
    vmin = min(0.0, min(values))

    def x(t):
        return left + (t - t0) / max(t1 - t0, 1) * w

    def y(v):
        return top + h - (v - vmin) / (vmax - vmin) * h

    parts = [f'<svg width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" font-size="10">']
    for k in range(5):
        v = vmin + (vmax - vmin) * k / 4
        parts.append(f'<line x1="{left}" x2="{left + w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y(v) + 3:.1f}" text-anchor="end" fill="#555">'
                     f'{html.escape(shown_value(v, unit))}</text>')
    for k in range(5):
        t = t0 + (t1 - t0) * k / 4
        label = time.strftime("%H:%M", time.localtime(t))
        parts.append(f'<text x="{x(t):.1f}" y="{height - 6}" text-anchor="middle" fill="#555">{label}</text>')
    for n, (_, pts) in enumerate(series):
        if pts:
            path = " ".join(f"{'M' if i == 0 else 'L'}{x(t):.1f},{y(v):.1f}" for i, (t, v) in enumerate(pts))
            parts.append(f'<path d="{path}" fill="none" stroke="{COLOURS[n % len(COLOURS)]}" stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def render_dashboard(prom: str, t0: float, t1: float) -> tuple[str, dict]:
    dash = json.loads(DASHBOARD.read_text())
    unit_px, row_px, figures = 1280 / 24, 34, {}
    cells = []
    for p in dash["panels"]:
        g = p["gridPos"]
        wpx, hpx = int(g["w"] * unit_px) - 8, int(g["h"] * row_px) - 8
        unit = p["fieldConfig"]["defaults"].get("unit", "short")
        series = []
        for t in p["targets"]:
            for r in query(prom, t["expr"], t0, t1, 5):
                pts = [(float(ts), float(v)) for ts, v in r["values"] if v not in ("NaN", "+Inf", "-Inf")]
                series.append((legend(t.get("legendFormat", ""), r["metric"]), pts))
        figures[p["title"]] = len(series)
        if p["type"] == "stat":
            last = [pts[-1][1] for _, pts in series if pts]
            if p.get("options", {}).get("textMode") == "name":
                body = f'<div class="big small">{html.escape(", ".join(n for n, _ in series) or "-")}</div>'
            else:
                body = f'<div class="big">{html.escape(shown_value(last[0], unit)) if last else "-"}</div>'
        elif not series:
            body = '<div class="big small">aucune donnée sur la période</div>'
        else:
            body = chart(series, wpx - 16, hpx - 62, unit, t0, t1) + '<div class="legend">' + "".join(
                f'<span><i style="background:{COLOURS[n % len(COLOURS)]}"></i>{html.escape(name)}</span>'
                for n, (name, _) in enumerate(series)) + "</div>"
        cells.append(f'<section style="left:{int(g["x"] * unit_px) + 4}px;top:{g["y"] * row_px + 56}px;'
                     f'width:{wpx}px;height:{hpx}px"><h2>{html.escape(p["title"])}</h2>{body}</section>')
    height = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in dash["panels"]) * row_px + 64
    page = f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
body {{ margin:0; background:#f4f5f7; font-family:"DejaVu Sans",sans-serif; width:1280px; height:{height}px; position:relative; }}
header {{ height:48px; line-height:48px; padding-left:12px; background:#1f2733; color:#fff; font-size:18px; }}
section {{ position:absolute; background:#fff; border:1px solid #d8dde3; border-radius:4px; padding:6px 8px; box-sizing:border-box; overflow:hidden; }}
h2 {{ font-size:13px; margin:0 0 4px; color:#222; font-weight:600; }}
.big {{ font-size:34px; color:#1565c0; text-align:center; margin-top:14px; }} .big.small {{ font-size:14px; }}
.legend {{ font-size:11px; color:#333; }} .legend span {{ margin-right:10px; white-space:nowrap; }}
.legend i {{ display:inline-block; width:10px; height:3px; margin-right:4px; vertical-align:middle; }}
</style></head><body><header>{html.escape(dash["title"])} — Prometheus, {time.strftime("%d/%m/%Y %H:%M", time.localtime(t0))}
– {time.strftime("%H:%M", time.localtime(t1))} (rendu de docs/grafana/aiguillage.json)</header>{"".join(cells)}</body></html>"""
    return page, figures


def screenshot(pages: list[tuple[str, Path, int, int]], web: tuple[str, str] | None = None) -> None:
    """(html or URL, output, width, height) each; ``web``: (base URL, login) to sign in first."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        web_page = None
        for source, out, width, height in pages:
            if source.startswith("http"):  # the web app's own page, signed in
                if web_page is None:
                    web_page = browser.new_page(viewport={"width": width, "height": height})
                    base, login = web
                    web_page.goto(f"{base}/connexion")
                    web_page.fill("input[name=identifiant]", login)
                    web_page.fill("input[name=mot_de_passe]", PASSWORD)
                    web_page.click("button[type=submit]")
                    web_page.wait_for_load_state()
                web_page.goto(source)
                web_page.screenshot(path=str(out), full_page=True)
            else:  # a page of our own, in a page of its own (the web app's CSP would forbid its style)
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_content(source)
                page.screenshot(path=str(out), full_page=True)
                page.close()
        browser.close()


def drop(files: list[Path], hot: Path) -> None:
    for f in files:
        tmp = hot / f".{f.name}.part"
        shutil.copy(f, tmp)
        tmp.rename(hot / f.name)


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="aig-shots-"))
    procs: list[subprocess.Popen] = []
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "AIGUILLAGE_"))}
    home, hot = scratch / "home", scratch / "depot"
    hot.mkdir(parents=True)
    env = clean | {"AIGUILLAGE_HOME": str(home), "AIGUILLAGE_INTAKE_HOT_FOLDER": str(hot),
                   "AIGUILLAGE_INTAKE_SETTLE_SECONDS": "0.5", "OMP_THREAD_LIMIT": "1",
                   "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}

    def spawn(name, args, e):
        p = subprocess.Popen(args, env=e, cwd=ROOT, stdout=(scratch / f"{name}.log").open("w"),
                             stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(p)
        return p

    try:
        mport, pport, wport = free_port(), free_port(), free_port()
        spawn("serve", [str(BIN / "aiguillage"), "serve", "--interval", "1", "--metrics-port", str(mport)], env)
        (scratch / "prometheus.yml").write_text(
            f"global:\n  scrape_interval: 2s\nscrape_configs:\n  - job_name: aiguillage-serve\n"
            f"    static_configs:\n      - targets: ['127.0.0.1:{mport}']\n")
        spawn("prometheus", ["prometheus", f"--config.file={scratch / 'prometheus.yml'}",
                             f"--storage.tsdb.path={scratch / 'tsdb'}", f"--web.listen-address=127.0.0.1:{pport}"], clean)
        wait_http(f"http://127.0.0.1:{mport}/readyz")
        wait_http(f"http://127.0.0.1:{pport}/-/ready")
        t0 = time.time()
        samples = sorted(p for p in (ROOT / "samples").iterdir() if not p.name.endswith(".truth.json"))
        empty = scratch / "vide.pdf"
        empty.write_bytes(b"")
        waves = [samples[:6], samples[6:12] + [empty], samples[12:]]
        for wave in waves:
            drop(wave, hot)
            time.sleep(40)
        time.sleep(20)
        t1 = time.time()
        prom = f"http://127.0.0.1:{pport}"
        page, figures = render_dashboard(prom, t0, t1)
        # the web app on the same data folder, one account for every queue
        from config import load_taxonomy

        web_env = env | {"PREFECT_HOME": str(scratch / "web-prefect")}
        subprocess.run([str(BIN / "aiguillage"), "web", "add-user", "capture", "--name", "Claire Martin", "--user",
                        "capture", "--password-stdin", *[a for q in load_taxonomy().queues for a in ("--team", q)]],
                       env=web_env, cwd=ROOT, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
        spawn("web", [str(BIN / "aiguillage"), "web", "--port", str(wport)], web_env)
        wait_http(f"http://127.0.0.1:{wport}/readyz")
        status = subprocess.run([str(BIN / "aiguillage"), "status"], env=env, cwd=ROOT, capture_output=True,
                                text=True, timeout=120).stdout
        terminal = ('<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#1e1e1e;}'
                    'pre{margin:0;padding:16px;color:#e0e0e0;font:14px "DejaVu Sans Mono",monospace;}</style></head>'
                    f'<body><pre>$ aiguillage status\n{html.escape(status)}</pre></body></html>')
        base = f"http://127.0.0.1:{wport}"
        screenshot([(page, DOCS / "dashboard.png", 1280, 800), (terminal, DOCS / "status-cli.png", 900, 400),
                    (f"{base}/etat", DOCS / "status.png", 1280, 700)], web=(base, "capture"))
        out = {"panels": len(figures), "series_per_panel": figures, "documents": status.count("\n"),
               "seconds": round(t1 - t0, 1)}
        print(status)
        print(json.dumps(out, ensure_ascii=False))
        return 0
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
