"""What phones and the projector poll: snapshots per round version, ETags and 304s, the lean JSON path.

A vote or an edit shows at the next poll; a round's closing is never hidden behind a kept snapshot.
"""
from __future__ import annotations

from app.extensions import db
from app.workshops import services, snapshots
from app.workshops.models import VotingRound


def _join(client, workshop):
    response = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={})
    assert response.status_code == 201
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def _poll(client, url, etag=None, **headers):
    if etag:
        headers["If-None-Match"] = etag
    return client.get(url, headers=headers)


def test_open_rounds_carry_an_etag_and_answer_304_until_something_changes(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    url = f"/api/v1/workshops/{workshop.join_code}/rounds"
    first = _poll(client, url)
    assert first.status_code == 200 and first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert "Set-Cookie" not in first.headers and "Cookie" not in first.headers.get("Vary", "")
    again = _poll(client, url, first.headers["ETag"])
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    other = _poll(client, url, first.headers["ETag"], **{"Accept-Language": "uk"})
    assert other.status_code == 200 and other.headers["ETag"] != first.headers["ETag"]
    second = make_round(workshop)
    listed = _poll(client, url, first.headers["ETag"])
    assert listed.status_code == 200
    assert [r["id"] for r in listed.get_json()["rounds"]] == [voting_round.id, second.id]


def test_an_edited_item_shows_at_the_next_poll(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    url = f"/api/v1/workshops/{workshop.join_code}/rounds"
    etag = _poll(client, url).headers["ETag"]
    item = voting_round.items[0]
    services.update_item(item, kind=item.kind, title="Neu formuliertes Ziel", field_of_action_id=None,
                         description="", parent=None)
    changed = _poll(client, url, etag)
    assert changed.status_code == 200
    assert "Neu formuliertes Ziel" in [i["title"] for i in changed.get_json()["rounds"][0]["items"]]
    # A field of action renamed on the project tab, and a translation: the next poll shows them too.
    field = workshop.project.fields_of_action[1]
    field.name = "Umbenanntes Handlungsfeld"
    db.session.commit()
    renamed = _poll(client, url, changed.headers["ETag"])
    assert renamed.status_code == 200
    assert "Umbenanntes Handlungsfeld" in [i["field_of_action"] for i in renamed.get_json()["rounds"][0]["items"]]
    voting_round = db.session.get(VotingRound, voting_round.id)
    voting_round.translations = {"en": {"title": "Priorities"}}
    db.session.commit()
    english = _poll(client, url + "?lang=en", renamed.headers["ETag"])
    assert english.status_code == 200 and english.get_json()["rounds"][0]["title"] == "Priorities"


class _Clock:
    """Wall-clock seconds that a test moves on by hand."""

    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def test_a_vote_shows_in_the_results_within_one_refresh(client, make_workshop, make_round, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(snapshots, "clock", clock)
    workshop = make_workshop()
    voting_round = make_round(workshop)
    voter, watcher = _join(client, workshop), _join(client, workshop)
    url = f"/api/v1/rounds/{voting_round.id}/results"
    before = _poll(client, url, **watcher)
    assert before.status_code == 200 and before.get_json()["participants"] == 0
    assert _poll(client, url, before.headers["ETag"], **watcher).status_code == 304
    item_id = voting_round.items[0].id
    assert client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=voter,
                      json={"dots": {str(item_id): 2}}).status_code == 200
    clock.now += snapshots.RESULTS_MAX_AGE_SECONDS
    after = _poll(client, url, before.headers["ETag"], **watcher)
    assert after.status_code == 200
    body = after.get_json()
    assert body["participants"] == 1
    assert {row["id"]: row["total"] for row in body["items"]}[item_id] == 2
    # Replacing the ballot moves the results on as well.
    assert client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=voter,
                      json={"dots": {str(item_id): 1}}).status_code == 200
    clock.now += snapshots.RESULTS_MAX_AGE_SECONDS
    replaced = _poll(client, url, after.headers["ETag"], **watcher).get_json()
    assert {row["id"]: row["total"] for row in replaced["items"]}[item_id] == 1
    # Nothing changed since: the rebuilt body is the same, and so is its ETag (a 304, not a new download).
    clock.now += snapshots.RESULTS_MAX_AGE_SECONDS
    same = _poll(client, url, **watcher)
    clock.now += snapshots.RESULTS_MAX_AGE_SECONDS
    assert _poll(client, url, same.headers["ETag"], **watcher).status_code == 304


def test_no_kept_snapshot_is_served_after_a_round_closes(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    voter = _join(client, workshop)
    rounds_url = f"/api/v1/workshops/{workshop.join_code}/rounds"
    results_url = f"/api/v1/rounds/{voting_round.id}/results"
    item_id = voting_round.items[0].id
    assert client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=voter,
                      json={"dots": {str(item_id): 1}}).status_code == 200
    open_list = _poll(client, rounds_url)
    open_results = _poll(client, results_url, **voter)
    assert open_results.get_json()["status"] == "open"
    services.close_round(db.session.get(VotingRound, voting_round.id))
    # With the old ETag and without: the closed round is gone from the list, its results say closed.
    for etag in (open_list.headers["ETag"], None):
        listed = _poll(client, rounds_url, etag)
        assert listed.status_code == 200 and listed.get_json()["rounds"] == []
    for etag in (open_results.headers["ETag"], None):
        closed = _poll(client, results_url, etag, **voter)
        assert closed.status_code == 200
        assert closed.get_json()["status"] == "closed" and closed.get_json()["participants"] == 1
    late = client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=voter, json={"dots": {str(item_id): 2}})
    assert late.status_code == 409
    assert _poll(client, results_url, **voter).get_json()["items"][0]["total"] == 1


def test_hidden_results_show_once_the_facilitator_reveals_them(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop, hide_results_while_open=True)
    voter = _join(client, workshop)
    url = f"/api/v1/rounds/{voting_round.id}/results"
    hidden = _poll(client, url, **voter)
    assert hidden.get_json()["is_hidden"] is True and hidden.get_json()["items"] == []
    services.set_results_hidden(db.session.get(VotingRound, voting_round.id), False)
    shown = _poll(client, url, hidden.headers["ETag"], **voter)
    assert shown.status_code == 200 and shown.get_json()["is_hidden"] is False and shown.get_json()["items"]


def test_versions_live_in_the_database_so_a_second_instance_agrees(app, client, make_workshop, make_round):
    from app import create_app
    from tests.conftest import IsolatedClient, _test_config

    workshop = make_workshop()
    make_round(workshop)
    url = f"/api/v1/workshops/{workshop.join_code}/rounds"
    etag = _poll(client, url).headers["ETag"]
    other = create_app(_test_config(app.config["SQLALCHEMY_DATABASE_URI"]))
    other.test_client_class = IsolatedClient
    try:
        assert _poll(other.test_client(), url, etag).status_code == 304
        services.close_round(workshop.rounds[0])
        assert _poll(other.test_client(), url, etag).get_json()["rounds"] == []
    finally:
        with other.app_context():
            db.engine.dispose()


def test_participant_json_sets_no_cookie_and_answers_in_the_participants_language(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    response = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={}, headers={"Accept-Language": "uk"})
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    for answer in (client.get(f"/api/v1/rounds/{voting_round.id}/results", headers=headers),
                   client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=headers,
                              json={"dots": {str(voting_round.items[0].id): 1}})):
        assert answer.status_code == 200
        assert "Set-Cookie" not in answer.headers
    refused = client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=headers, json={"dots": {"999999": 1}})
    assert refused.status_code == 409
    assert refused.get_json()["error"] not in ("", "Dieser Eintrag steht in dieser Runde nicht zur Wahl.")


def test_the_lean_path_still_runs_the_access_check_and_the_rate_limits(app):
    from app.auth.access import enforce_access

    assert enforce_access in app.lean_before_request_funcs
    lean = {rule.endpoint for rule in app.url_map.iter_rules()
            if getattr(app.view_functions[rule.endpoint], "lean_json_when", None)}
    assert lean == {"api.workshops_api.list_open_rounds", "api.workshops_api.get_results",
                    "api.workshops_api.put_ballot", "api.workshops_api.get_ballot"}
    from app.languages.selection import choose_participant_language
    from app.web import add_security_headers, protect_forms

    assert add_security_headers in app.lean_after_request_funcs
    skipped = {choose_participant_language, protect_forms}
    assert not skipped & set(app.lean_before_request_funcs)
    assert not [f for f in app.lean_before_request_funcs if "Principal" in repr(f) or "csrf" in repr(f)]
    if app.config["RATELIMIT_ENABLED"]:
        assert any("Limiter" in repr(f) for f in app.lean_before_request_funcs)
        assert any("inject_headers" in repr(f) for f in app.lean_after_request_funcs)
