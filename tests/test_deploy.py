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
