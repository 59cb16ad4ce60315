"""Configuration errors: exit status 2 and one French line naming file, key and problem."""

import subprocess
import sys


def aiguillage(*args, env=None):
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def base_env(home):
    import os
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env["AIGUILLAGE_HOME"] = str(home)
    return env


def test_missing_config_file(tmp_path):
    env = base_env(tmp_path) | {"AIGUILLAGE_CONFIG": str(tmp_path / "absent.yaml")}
    r = aiguillage("run", "--json", str(tmp_path), env=env)
    assert r.returncode == 2
    assert r.stdout == ""
    assert "absent.yaml" in r.stderr and "introuvable" in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_yaml(tmp_path):
    cfg = tmp_path / "aiguillage.yaml"
    cfg.write_text("ocr:\n  dpi: 300\n   languages: fra\n")
    r = aiguillage("run", str(tmp_path), env=base_env(tmp_path))
    assert r.returncode == 2
    assert str(cfg) in r.stderr and "YAML invalide" in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_queue_in_routing_rules(tmp_path):
    rules = tmp_path / "regles.yaml"
    rules.write_text("rules:\n  - name: fuites\n    when: {type: repair_request}\n    queue: plomberie\n")
    env = base_env(tmp_path) | {"AIGUILLAGE_ROUTING_RULES_FILE": str(rules)}
    r = aiguillage("run", str(tmp_path), env=env)
    assert r.returncode == 2
    assert str(rules) in r.stderr and "plomberie" in r.stderr and "rules[0] (fuites).queue" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_input_is_a_usage_error(tmp_path):
    r = aiguillage("run", str(tmp_path / "nulle-part.pdf"), env=base_env(tmp_path))
    assert r.returncode == 2
    assert "nulle-part.pdf" in r.stderr and "introuvable" in r.stderr
