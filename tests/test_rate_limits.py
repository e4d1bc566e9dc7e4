"""Rate limits count per browser session, and per address for clients that drop their cookies."""
from __future__ import annotations

from flask import Flask

from app.extensions import participant_or_address_key


def _key(app: Flask, **request_args) -> str:
    with app.test_request_context("/", **request_args):
        app.preprocess_request()
        return participant_or_address_key()


def test_cookieless_requests_share_the_address_key(app):
    first = _key(app, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    second = _key(app, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert first == second == "addr:10.1.2.3"


def test_bearer_tokens_get_their_own_key(app):
    key = _key(app, headers={"Authorization": "Bearer " + "t" * 32}, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert key.startswith("token:")


def test_a_returning_browser_is_counted_by_its_session(client):
    client.get("/login", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    with client.session_transaction() as session:
        rate_key = session["rate_key"]
    app = client.application
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "10.1.2.3"},
                                  headers={"Cookie": client.get_cookie("session").key + "="
                                           + client.get_cookie("session").value}):
        assert participant_or_address_key() == "session:" + rate_key


def test_a_script_dropping_cookies_is_stopped_at_the_workshop_join(client, app):
    statuses = []
    for attempt in range(40):
        fresh = app.test_client()
        statuses.append(fresh.post(f"/api/v1/workshops/ZZZ{attempt:03d}/join", json={}).status_code)
    assert 429 in statuses
