"""The access log names route patterns, never tokens, query strings or addresses."""
from __future__ import annotations

import logging

import pytest

TOKEN = "Tk9vSecretLinkToken1234567890"


@pytest.fixture
def access_lines(caplog):
    """Return a function giving the access log lines written so far."""
    caplog.set_level(logging.INFO, logger="konzeptwerk.access")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "konzeptwerk.access"]


def test_participant_links_are_logged_by_pattern(client, access_lines):
    # A server closes every response (WSGI); the line is written then, after the body went out.
    client.get(f"/s/{TOKEN}?lang=ar&q=Ay%C5%9Fe", environ_base={"REMOTE_ADDR": "203.0.113.7"}).close()
    client.get(f"/s/{TOKEN}/page/2").close()
    client.get(f"/api/v1/survey/{TOKEN}", headers={"Authorization": f"Bearer {TOKEN}"}).close()
    client.get(f"/w/{TOKEN[:6]}/vote").close()
    client.get(f"/no/such/{TOKEN}").close()
    lines = access_lines()
    assert len(lines) == 5, lines
    assert lines[0].startswith("GET /s/<token> 404 ")
    assert lines[1].startswith("GET /s/<token>/page/<int:number> ")
    assert lines[2].startswith("GET /api/v1/survey/<token> 404 ")
    assert lines[3].startswith("GET /w/<code>/vote ")
    assert lines[4].startswith("GET <unmatched> 404 ")
    joined = "\n".join(lines)
    assert TOKEN not in joined and TOKEN[:6] not in joined
    assert "lang" not in joined and "Ay" not in joined and "203.0.113.7" not in joined


def test_an_exception_is_logged_with_the_pattern_not_the_token(app, client, caplog):
    def fail(token):
        raise RuntimeError("kaputt")

    from app.auth.access import public

    app.add_url_rule("/s/<token>/fail", "fail_for_test", public(fail))
    app.config["PROPAGATE_EXCEPTIONS"] = False
    caplog.set_level(logging.ERROR)
    response = client.get(f"/s/{TOKEN}/fail")
    assert response.status_code == 500
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("/s/<token>/fail" in m for m in messages), messages
    assert not any(TOKEN in m for m in messages)


def test_a_rate_limit_breach_is_logged_without_the_key(app, caplog):
    caplog.set_level(logging.INFO, logger="flask-limiter")
    statuses = []
    for attempt in range(35):
        response = app.test_client().post(f"/api/v1/workshops/ZZZ{attempt:03d}/join", json={},
                                          environ_base={"REMOTE_ADDR": "203.0.113.9"})
        statuses.append(response.status_code)
    assert 429 in statuses
    breaches = [r.getMessage() for r in caplog.records if r.name == "flask-limiter" and "exceeded" in r.getMessage()]
    assert breaches and all("203.0.113.9" not in line and "addr:…" in line for line in breaches)
