"""deploy/ describes the system as a landlord runs it: every piece the issue names is there,
every command it runs is one aiguillage or Prefect accepts, every variable is documented.
(No container engine runs here: the Compose file is checked, not started; `make smoke` starts
the same topology from Debian's packages.)"""

from __future__ import annotations

import configparser
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_compose_has_every_piece_of_the_topology():
    services = compose()["services"]
    assert {"minio", "postgres", "prefect-server", "serve", "worker", "web", "proxy"} <= set(services)
    prefect = services["prefect-server"]
    assert "postgresql+asyncpg://" in prefect["environment"]["PREFECT_API_DATABASE_CONNECTION_URL"]
    assert services["serve"]["command"][:2] == ["aiguillage", "serve"]
    assert services["worker"]["command"][:3] == ["prefect", "worker", "start"]
    assert "AIGUILLAGE_WEB_TRUSTED_PROXIES" in services["web"]["environment"]
    for name in ("serve", "web"):  # the orchestrator asks readiness
        assert "/readyz" in " ".join(services[name]["healthcheck"]["test"])
    assert "/readyz" in (DEPLOY / "caddy" / "Caddyfile").read_text()


def test_every_compose_variable_is_documented():
    text = (DEPLOY / "compose.yaml").read_text()
    used = set(re.findall(r"\$\{(\w+)\}", text))
    documented = set(re.findall(r"^(\w+)=", (DEPLOY / "compose.env.example").read_text(), re.M))
    assert used and used <= documented, used - documented


def units() -> dict[str, configparser.ConfigParser]:
    out = {}
    for path in sorted((DEPLOY / "systemd").glob("*.service")):
        cp = configparser.ConfigParser(strict=False, interpolation=None)
        cp.optionxform = str
        cp.read(path)
        out[path.name] = cp
    return out


def test_units_run_commands_that_exist_and_are_hardened():
    found = units()
    assert set(found) == {"prefect-server.service", "aiguillage-serve.service", "aiguillage-worker@.service",
                          "aiguillage-web.service"}
    for name, unit in found.items():
        service = unit["Service"]
        assert service["User"] == "aiguillage" and service["Restart"] == "on-failure", name
        assert service["ProtectSystem"] == "strict" and service["NoNewPrivileges"] == "true", name
        args = shlex.split(service["ExecStart"].replace("%H-%i", "host-1"))
        program = Path(args[0]).name
        # the same command line, asked for its help, is accepted by the installed program
        check = subprocess.run([str(BIN / program), *[a for a in args[1:] if not a.startswith("%")], "--help"],
                               capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, (name, check.stderr[-500:])


def test_the_environment_file_names_only_real_settings():
    from config.settings import BY_KEY, ENV_PREFIX

    known = {s.env for s in BY_KEY.values()} | {"AIGUILLAGE_HOME", "AIGUILLAGE_CONFIG"}
    names = re.findall(r"^(\w+)=", (DEPLOY / "aiguillage.env.example").read_text(), re.M)
    ours = [n for n in names if n.startswith(ENV_PREFIX)]
    assert ours and set(ours) <= known, set(ours) - known
    for unit in units().values():
        env_file = unit["Service"].get("EnvironmentFile", "")
        assert env_file.startswith("/etc/aiguillage/"), env_file


def nginx_site() -> str:
    return (DEPLOY / "nginx" / "aiguillage.conf").read_text()


def test_the_nginx_proxy_forwards_to_the_web_unit_with_the_apps_body_limit():
    from config.settings import BY_KEY

    site = nginx_site()
    web = shlex.split(units()["aiguillage-web.service"]["Service"]["ExecStart"])
    host, port = web[web.index("--host") + 1], web[web.index("--port") + 1]
    assert f"server {host}:{port};" in site and "proxy_pass http://aiguillage_web;" in site
    assert f"client_max_body_size {BY_KEY['web.max_body_kb'].default}k;" in site
    # the client's address, overwritten (a client's own X-Forwarded-For never reaches the app)
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    assert "proxy_set_header X-Forwarded-Proto https;" in site
    trusted = re.search(r"^AIGUILLAGE_WEB_TRUSTED_PROXIES=(.+)$", (DEPLOY / "aiguillage.env.example").read_text(), re.M)
    assert trusted and trusted.group(1) == host  # the proxy on the web host is the one trusted proxy


def test_nginx_accepts_the_site(tmp_path):
    import shutil

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx absent (apt-get install nginx-light; make smoke installs it)")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                    "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
                   check=True, capture_output=True)
    (tmp_path / "site.conf").write_text(nginx_site().replace("/etc/ssl/aiguillage", str(tmp_path)))
    (tmp_path / "nginx.conf").write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
                                         f"http {{ access_log off; include {tmp_path}/site.conf; }}\n")
    check = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
