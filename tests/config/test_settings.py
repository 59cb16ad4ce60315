from pathlib import Path

import pytest

from config import ConfigError, load_settings


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "aiguillage.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_embedded_defaults_need_no_file(tmp_path):
    s = load_settings(env={"AIGUILLAGE_HOME": str(tmp_path)})
    assert s.home == tmp_path
    assert s["storage.backend"] == "local"
    assert s["ocr.dpi"] == 300
    assert s.source == "défauts intégrés"


def test_yaml_then_environment_override(tmp_path):
    cfg = write(tmp_path, "ocr:\n  dpi: 200\n  languages: fra\nclassification:\n  review_threshold: 0.7\n")
    s = load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_OCR_DPI": "250"})
    assert s.source == str(cfg)
    assert s["ocr.dpi"] == 250  # environment wins
    assert s["ocr.languages"] == "fra"
    assert s["classification.review_threshold"] == 0.7


def test_missing_config_file_is_named(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ConfigError) as err:
        load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_CONFIG": str(missing)})
    assert str(missing) in str(err.value)
    assert "introuvable" in str(err.value)
    assert err.value.exit_code == 2


def test_bad_yaml_names_file_and_line(tmp_path):
    cfg = write(tmp_path, "ocr:\n  dpi: [300\n")
    with pytest.raises(ConfigError) as err:
        load_settings(env={"AIGUILLAGE_HOME": str(tmp_path)})
    assert str(cfg) in str(err.value)
    assert "YAML invalide" in str(err.value) and "ligne" in str(err.value)


@pytest.mark.parametrize("text, key, words", [
    ("ocr:\n  dpi: beaucoup\n", "ocr.dpi", "nombre entier"),
    ("ocr:\n  dpi: 10\n", "ocr.dpi", "trop petite"),
    ("storage:\n  backend: ftp\n", "storage.backend", "local, s3"),
    ("ocr:\n  engine: tesserocr\n", "ocr.engine", "library, command"),
    ("ocr:\n  dpii: 300\n", "ocr.dpii", "clé inconnue"),
    ("classification:\n  review_threshold: 2\n", "classification.review_threshold", "trop grande"),
    ("storage:\n  s3:\n    secret_key: abc\n", "storage.s3.secret_key", "identifiants"),
])
def test_bad_values_name_the_key(tmp_path, text, key, words):
    write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_settings(env={"AIGUILLAGE_HOME": str(tmp_path)})
    assert err.value.key == key
    assert words in str(err.value)


def test_bad_environment_variable_is_named(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_OCR_WORKERS": "-3"})
    assert "AIGUILLAGE_OCR_WORKERS" in str(err.value)


def test_unknown_environment_variable_is_refused(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_OCR_DPII": "300"})
    assert "AIGUILLAGE_OCR_DPII" in str(err.value)


def test_s3_backend_requires_endpoint_and_credentials(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_STORAGE_BACKEND": "s3"})
    assert err.value.key == "storage.s3.endpoint"


def test_secrets_file_and_masking(tmp_path):
    secrets = tmp_path / "secrets.yaml"
    secrets.write_text("access_key: AK\nsecret_key: tres-secret\n")
    write(tmp_path, f"storage:\n  backend: s3\n  s3:\n    endpoint: 127.0.0.1:9000\n    secrets_file: {secrets}\n")
    s = load_settings(env={"AIGUILLAGE_HOME": str(tmp_path)})
    assert s["storage.s3.secret_key"] == "tres-secret"
    assert "tres-secret" not in repr(s.describe())


def test_trusted_proxies_none_by_default_a_list_or_commas_and_checked(tmp_path):
    assert load_settings(env={"AIGUILLAGE_HOME": str(tmp_path)})["web.trusted_proxies"] == ()
    write(tmp_path, "web:\n  trusted_proxies: [10.0.0.5, 192.168.1.0/24]\n  max_body_kb: 64\n")
    s = load_settings(env={"AIGUILLAGE_HOME": str(tmp_path)})
    assert s["web.trusted_proxies"] == ("10.0.0.5", "192.168.1.0/24") and s["web.max_body_kb"] == 64
    s = load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_WEB_TRUSTED_PROXIES": "127.0.0.1, ::1"})
    assert s["web.trusted_proxies"] == ("127.0.0.1", "::1")
    for bad in ("*", "proxy.example.org", "10.0.0.300"):
        with pytest.raises(ConfigError) as err:
            load_settings(env={"AIGUILLAGE_HOME": str(tmp_path), "AIGUILLAGE_WEB_TRUSTED_PROXIES": bad})
        assert err.value.key == "web.trusted_proxies" and f"« {bad} »" in str(err.value)
