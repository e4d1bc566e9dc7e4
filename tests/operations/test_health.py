"""/healthz and /readyz: JSON for load balancers, no secrets, 503 naming what is not ready."""
from __future__ import annotations

import os

import pytest

from tests.conftest import IN_CI

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def test_healthz_answers_without_a_session_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_readyz_is_ok_on_a_migrated_database(migrated_app):
    from app.operations.readiness import migration_heads

    response = migrated_app.test_client().get("/readyz")
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok", "backend": migrated_app.config["DB_BACKEND"]}
    assert body["checks"]["migrations"]["revision"] == list(migration_heads())
    assert body["checks"]["jobs"]["status"] == "ok"
    assert "Set-Cookie" not in response.headers


def test_readyz_fails_while_migrations_are_missing(app, client):
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["status"] == "failing"
    assert body["checks"]["migrations"]["status"] == "failing"
    assert "flask db upgrade" in body["checks"]["migrations"]["message"]


def test_readyz_names_an_unreachable_redis_without_its_address(migrated_app):
    migrated_app.config.update(REDIS_URL="redis://:s3cret-pass@127.0.0.1:1/0", JOBS_BACKEND="rq")
    response = migrated_app.test_client().get("/readyz")
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    body = response.get_json()
    assert body["checks"]["redis"]["status"] == "failing" and body["checks"]["jobs"]["status"] == "failing"
    assert "s3cret" not in text and "127.0.0.1" not in text and ":1/" not in text
    assert migrated_app.config["SQLALCHEMY_DATABASE_URI"].split("/")[-1] not in text
    assert migrated_app.config["SECRET_KEY"] not in text


def test_readyz_warns_when_no_worker_listens_to_the_job_queue(migrated_app):
    if not TEST_REDIS_URL:
        if IN_CI:
            pytest.fail("CI requires TEST_REDIS_URL.")
        pytest.skip("TEST_REDIS_URL is not set")
    migrated_app.config.update(REDIS_URL=TEST_REDIS_URL, JOBS_BACKEND="rq", JOBS_QUEUE=f"kw-readyz-{os.getpid()}")
    body = migrated_app.test_client().get("/readyz").get_json()
    assert body["status"] == "ok"
    assert body["checks"]["redis"]["status"] == "ok"
    assert body["checks"]["jobs"] == {"status": "warning", "backend": "rq", "queue": f"kw-readyz-{os.getpid()}",
                                      "queued": 0, "workers": 0,
                                      "message": "no `flask jobs worker` listens: background jobs wait"}
