"""The container layout shipped in deploy/ is the one docs/operations.md describes and the
scale-out test runs (tests/live/test_scale_out.py): PostgreSQL, Redis, two app servers, one
worker and nginx with deploy/nginx/careermap.conf, every Careermap container on the same
settings. Docker is not needed to check it."""

import re

import yaml
from django.urls import reverse

from .operator import ROOT

DEPLOY = ROOT / "deploy"


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _careermap_services(services: dict) -> dict:
    return {name: s for name, s in services.items() if s.get("image") == "careermap:latest"}


def test_two_app_servers_one_worker_behind_nginx_on_shared_postgres_and_redis():
    services = _compose()["services"]
    ours = _careermap_services(services)
    commands = {name: s["command"][:2] for name, s in ours.items()}
    assert sorted(n for n, c in commands.items() if c == ["careermap", "serve"]) == ["app1", "app2"]
    assert [n for n, c in commands.items() if c == ["careermap", "worker"]] == ["worker"]
    assert commands["migrate"] == ["careermap", "migrate"]
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    # Every Careermap container: one image, one settings file, the same shared services.
    settings = [(s["build"], s["env_file"], s["environment"]) for s in ours.values()]
    assert all(each == settings[0] for each in settings)
    environment = settings[0][2]
    assert environment["DATABASE_URL"].split("@")[1] == "postgres:5432/careermap"
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["CAREERMAP_PRODUCTION"] == "true"


def test_nginx_in_compose_runs_the_shipped_config_against_the_app_servers():
    services = _compose()["services"]
    assert (
        "./nginx/careermap.conf:/etc/nginx/conf.d/default.conf:ro" in services["nginx"]["volumes"]
    )
    site = (DEPLOY / "nginx/careermap.conf").read_text()
    upstream = re.search(r"upstream careermap \{(.*?)\}", site, re.S).group(1)
    port = _careermap_services(services)["app1"]["environment"]["PORT"]
    assert re.findall(r"^\s*server (\S+);", upstream, re.M) == [f"app1:{port}", f"app2:{port}"]


def test_the_event_streams_pass_through_nginx_unbuffered_and_outlive_their_five_minutes():
    site = (DEPLOY / "nginx/careermap.conf").read_text()
    pattern, body = re.search(r"location ~ (\S+) \{(.*?)\}", site, re.S).groups()
    assert re.match(pattern, reverse("conversations:live", args=[12]))
    rules = dict(re.findall(r"^\s*(proxy_\w+) (.+);", body, re.M))
    assert rules["proxy_buffering"] == "off"
    assert int(rules["proxy_read_timeout"].rstrip("s")) > 5 * 60
