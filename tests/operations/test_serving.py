"""``make run`` serves with gunicorn: no development-server warning, /readyz ok, access log without tokens."""
from __future__ import annotations

import httpx

from tests.operations.servers import gunicorn, run_flask, server_environment

TOKEN = "LinkTokenThatMustNotBeLogged42"


def test_the_production_server_is_ready_and_logs_no_tokens(tmp_path):
    environment = server_environment(DATABASE_URL="sqlite:///" + str(tmp_path / "konzeptwerk.db"))
    migrated = run_flask(environment, "db", "upgrade")
    assert migrated.returncode == 0, migrated.stderr
    with gunicorn(environment) as server:
        ready = httpx.get(server.url + "/readyz", timeout=60)
        assert ready.status_code == 200 and ready.json()["status"] == "ok", ready.text
        assert httpx.get(f"{server.url}/s/{TOKEN}?lang=ar", timeout=60).status_code == 404
    output = server.output
    assert "development server" not in output.lower()
    assert "Using worker: gthread" in output
    assert "GET /readyz 200" in output and "GET /s/<token> 404" in output
    assert TOKEN not in output and "lang=ar" not in output
