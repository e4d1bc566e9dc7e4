"""Rate limits count per proven identity (staff login, participant token, personal link), otherwise per address.

A client cannot choose its own key: any Bearer value, unknown tokens and codes, and fresh sessions
all count against the address.
"""
from __future__ import annotations

import secrets

from flask import Flask

from app.extensions import participant_or_address_key
from tests.surveys.conftest import invite, make_survey  # noqa: F401 - fixtures used below
from tests.workshops.conftest import make_workshop  # noqa: F401 - fixture used below


def _key(app: Flask, path: str = "/", **request_args) -> str:
    with app.test_request_context(path, **request_args):
        app.preprocess_request()
        return participant_or_address_key()


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_cookieless_requests_share_the_address_key(app):
    first = _key(app, **_from("10.1.2.3"))
    second = _key(app, **_from("10.1.2.3"))
    assert first == second == "addr:10.1.2.3"


def test_any_bearer_value_counts_against_the_address(app):
    key = _key(app, "/api/v1/rounds/1/ballot", headers={"Authorization": "Bearer " + "t" * 32}, **_from("10.1.2.3"))
    assert key == "addr:10.1.2.3"


def test_a_checked_participant_token_gets_its_own_key(app, make_workshop):
    from app.workshops import participation

    participant, token = participation.join_workshop(make_workshop())
    key = _key(app, "/api/v1/rounds/1/ballot", headers={"Authorization": f"Bearer {token}"}, **_from("10.1.2.3"))
    assert key == f"participant:{participant.id}"


def test_a_fresh_browser_session_gets_no_key_of_its_own(client):
    client.get("/login", **_from("10.1.2.3"))
    cookie = client.get_cookie("session")
    headers = {"Cookie": f"session={cookie.value}"} if cookie else {}
    assert _key(client.application, headers=headers, **_from("10.1.2.3")) == "addr:10.1.2.3"


def test_a_logged_in_staff_member_is_counted_by_account(lead_client):
    with lead_client.application.test_request_context("/projects/", **_from("10.1.2.3")):
        from flask_login import login_user

        login_user(lead_client.user)
        assert participant_or_address_key() == f"user:{lead_client.user.id}"


def test_a_personal_link_is_counted_by_its_answer_sheet_once_checked(app, make_survey, invite):
    respondent, token = invite(make_survey())
    assert _key(app, f"/s/{token}", **_from("10.1.2.3")) == f"respondent:{respondent.id}"
    assert _key(app, f"/api/v1/survey/{token}", **_from("10.1.2.3")) == f"respondent:{respondent.id}"
    assert _key(app, f"/s/{secrets.token_urlsafe(24)}", **_from("10.1.2.3")) == "addr:10.1.2.3"


def test_unknown_survey_links_count_against_the_address(app):
    statuses = [app.test_client().get(f"/s/{secrets.token_urlsafe(24)}", **_from("10.9.9.9")).status_code
                for _attempt in range(32)]
    assert statuses[:30] == [404] * 30 and statuses[-1] == 429
    assert app.test_client().get(f"/s/{secrets.token_urlsafe(24)}", **_from("10.9.9.10")).status_code == 404


def test_one_visitor_cannot_block_a_public_link_and_the_link_caps_new_sheets(app, make_survey):
    from app.surveys.models import Respondent

    survey = make_survey(has_public_link=True)
    app.config.update(SURVEY_PUBLIC_START_LIMIT="2 per minute", SURVEY_PUBLIC_CODE_LIMIT="3 per minute")
    url = f"/s/p/{survey.public_code}"

    def start(address):
        return app.test_client().post(url, data={"consent": "yes"}, **_from(address)).status_code

    assert [start("10.0.0.1") for _n in range(3)] == [302, 302, 429]
    assert app.test_client().get(url, **_from("10.0.0.2")).status_code == 200
    for _n in range(40):
        app.test_client().post(url, data={}, **_from("10.0.0.1"))
    assert start("10.0.0.2") == 302
    assert start("10.0.0.3") == 429
    assert len(survey.respondents) == 3 and {r.channel for r in survey.respondents} == {"public"}
    assert app.test_client().get(url, **_from("10.0.0.3")).status_code == 200
    api = app.test_client().post(f"/api/v1/survey/public/{survey.public_code}", **_from("10.0.0.4"))
    assert api.status_code == 429
    assert Respondent.query.count() == 3


def test_the_survey_api_counts_each_answer_sheet_on_its_own(app, make_survey, invite):
    survey = make_survey()
    _first, busy = invite(survey)
    _second, calm = invite(survey)
    statuses = [app.test_client().get(f"/api/v1/survey/{busy}", **_from("10.2.2.2")).status_code
                for _n in range(121)]
    assert statuses[:120] == [200] * 120 and statuses[-1] == 429
    assert app.test_client().get(f"/api/v1/survey/{calm}", **_from("10.2.2.2")).status_code == 200


def test_listing_a_workshops_rounds_is_limited(app, make_workshop):
    from app.workshops import participation

    unknown = [app.test_client().get(f"/api/v1/workshops/ZZ{n:04d}/rounds", **_from("10.3.3.3")).status_code
               for n in range(31)]
    assert unknown[:30] == [404] * 30 and unknown[-1] == 429
    workshop = make_workshop()
    _participant, token = participation.join_workshop(workshop)
    url = f"/api/v1/workshops/{workshop.join_code}/rounds"
    polled = [app.test_client().get(url, headers={"Authorization": f"Bearer {token}"}, **_from("10.4.4.4"))
              .status_code for _n in range(121)]
    assert polled[:120] == [200] * 120 and polled[-1] == 429
    assert app.test_client().get(url, **_from("10.4.4.4")).status_code == 200


def test_a_script_dropping_cookies_is_stopped_at_the_workshop_join(client, app):
    statuses = []
    for attempt in range(40):
        fresh = app.test_client()
        statuses.append(fresh.post(f"/api/v1/workshops/ZZZ{attempt:03d}/join", json={}).status_code)
    assert 429 in statuses
