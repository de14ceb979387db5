"""Settings come from the environment; bad or missing values stop the start with a clear message."""

import os
import subprocess
import sys


def start(env: dict, tmp_path) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CAREERMAP_PRODUCTION"}
    }
    clean.update(
        {"CAREERMAP_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "careermap.settings"}
    )
    clean.update(env)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


def test_a_typo_in_a_boolean_stops_the_start(tmp_path):
    result = start({"DEBUG": "ture"}, tmp_path)
    assert result.returncode != 0 and "DEBUG='ture' is not a boolean" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = start(
        {"CAREERMAP_PRODUCTION": "true", "ALLOWED_HOSTS": "careers.example.com"}, tmp_path
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = start({"CAREERMAP_PRODUCTION": "true", "SECRET_KEY": "x" * 60}, tmp_path)
    assert result.returncode != 0 and "ALLOWED_HOSTS must list" in result.stderr


def test_local_install_generates_and_keeps_its_own_secret(tmp_path):
    assert start({}, tmp_path).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 50
    assert start({}, tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_a_bad_database_url_says_so(tmp_path):
    result = start({"DATABASE_URL": "mongodb://nowhere/x"}, tmp_path)
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr


def test_a_short_metrics_token_stops_the_start(tmp_path):
    result = start({"METRICS_TOKEN": "short"}, tmp_path)
    assert result.returncode != 0 and "METRICS_TOKEN must be at least 16" in result.stderr


def test_an_unknown_log_format_stops_the_start(tmp_path):
    result = start({"LOG_FORMAT": "xml"}, tmp_path)
    assert result.returncode != 0 and "LOG_FORMAT='xml' is not json or text" in result.stderr
