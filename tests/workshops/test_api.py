"""The workshop JSON API: join, open rounds, ballots with their errors, results, OpenAPI paths."""
from __future__ import annotations

from app.extensions import db
from app.workshops import participation, services
from app.workshops.models import Ballot


def _join(client, workshop, **body):
    response = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_join_list_vote_and_read_results(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    group = workshop.project.stakeholder_groups[1]
    token = _join(client, workshop, name="Kai", group=group.name)
    assert len(token) >= 30
    rounds = client.get(f"/api/v1/workshops/{workshop.join_code}/rounds").get_json()["rounds"]
    assert [r["id"] for r in rounds] == [voting_round.id]
    assert rounds[0]["method"] == "dots" and rounds[0]["budget"] == 5 and rounds[0]["max_per_item"] == 2
    first, second = rounds[0]["items"][:2]
    assert {"id", "title", "field_of_action"} <= set(first)
    response = client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=_auth(token),
                          json={"dots": {str(first["id"]): 2, str(second["id"]): 1}})
    assert response.status_code == 200
    assert response.get_json()["dots"] == {str(first["id"]): 2, str(second["id"]): 1}
    assert response.get_json()["remaining"] == 2
    stored = client.get(f"/api/v1/rounds/{voting_round.id}/ballot", headers=_auth(token)).get_json()
    assert stored["dots"] == {str(first["id"]): 2, str(second["id"]): 1}
    results = client.get(f"/api/v1/rounds/{voting_round.id}/results", headers=_auth(token)).get_json()
    assert results["round_id"] == voting_round.id and results["participants"] == 1
    assert results["items"][0] == {**results["items"][0], "id": first["id"], "total": 2}


def test_ballot_errors_are_json_with_a_message(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    other_round = make_round(make_workshop(title="Anderer Workshop"))
    token = _join(client, workshop)
    item_id = str(voting_round.items[0].id)
    url = f"/api/v1/rounds/{voting_round.id}/ballot"
    over = client.put(url, headers=_auth(token), json={"dots": {str(i.id): 2 for i in voting_round.items}})
    assert over.status_code == 409 and "erlaubt sind höchstens 5" in over.get_json()["error"]
    per_item = client.put(url, headers=_auth(token), json={"dots": {item_id: 3}})
    assert per_item.status_code == 409 and "Höchstens 2" in per_item.get_json()["error"]
    unknown = client.put(url, headers=_auth(token), json={"dots": {"999999": 1}})
    assert unknown.status_code == 409 and "nicht zur Wahl" in unknown.get_json()["error"]
    bad_token = client.put(url, headers=_auth("nonsense-token-nonsense-token"), json={"dots": {item_id: 1}})
    assert bad_token.status_code == 401 and bad_token.get_json()["error"]
    assert client.put(url, json={"dots": {item_id: 1}}).status_code == 401
    not_json = client.put(url, headers=_auth(token), data="dots", content_type="text/plain")
    assert not_json.status_code == 400
    foreign = client.put(f"/api/v1/rounds/{other_round.id}/ballot", headers=_auth(token), json={"dots": {}})
    assert foreign.status_code == 403
    assert client.put("/api/v1/rounds/999999/ballot", headers=_auth(token), json={}).status_code == 404
    services.close_round(voting_round)
    closed = client.put(url, headers=_auth(token), json={"dots": {item_id: 1}})
    assert closed.status_code == 409 and "geschlossen" in closed.get_json()["error"]
    assert db.session.query(Ballot).count() == 0


def test_join_errors(client, make_workshop):
    workshop = make_workshop(requires_personal_code=True)
    unknown = client.post("/api/v1/workshops/NOPE99/join", json={})
    assert unknown.status_code == 404 and unknown.get_json()["error"]
    wrong = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={"code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 409 and "persönliche Code" in wrong.get_json()["error"]
    code, _label = participation.generate_personal_codes(workshop, 1)[0]
    assert client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={"code": code}).status_code == 201
    reused = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={"code": code})
    assert reused.status_code == 409 and "schon verwendet" in reused.get_json()["error"]
    bad_group = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={"group": "Marsianer"})
    assert bad_group.status_code == 409


def test_rating_ranking_and_proposals_through_the_api(client, make_workshop, make_round, make_items):
    workshop = make_workshop()
    items = make_items(workshop, 3)
    rating = make_round(workshop, method="rating", items=items, budget=None, max_per_item=None)
    ranking = make_round(workshop, method="ranking", items=items, budget=2, max_per_item=None)
    proposals = make_round(workshop, method="proposals")
    token = _join(client, workshop)
    response = client.put(f"/api/v1/rounds/{rating.id}/ballot", headers=_auth(token),
                          json={"ratings": {str(items[0].id): 4}})
    assert response.status_code == 200 and response.get_json()["ratings"] == {str(items[0].id): 4}
    response = client.put(f"/api/v1/rounds/{ranking.id}/ballot", headers=_auth(token),
                          json={"ranking": [items[2].id, items[0].id]})
    assert response.get_json()["ranking"] == [items[2].id, items[0].id]
    too_long = client.put(f"/api/v1/rounds/{ranking.id}/ballot", headers=_auth(token),
                          json={"ranking": [i.id for i in items]})
    assert too_long.status_code == 409 and "höchstens 2 Plätze" in too_long.get_json()["error"]
    not_a_ballot = client.put(f"/api/v1/rounds/{proposals.id}/ballot", headers=_auth(token), json={"dots": {}})
    assert not_a_ballot.status_code == 409
    proposal = client.post(f"/api/v1/rounds/{proposals.id}/proposals", headers=_auth(token),
                           json={"kind": "measure", "title": "Sprachcafé"})
    assert proposal.status_code == 201 and proposal.get_json()["status"] == "pending"


def test_results_hidden_while_open_except_for_staff(client, make_workshop, make_round, make_user, login):
    workshop = make_workshop()
    voting_round = make_round(workshop, hide_results_while_open=True)
    token = _join(client, workshop)
    client.put(f"/api/v1/rounds/{voting_round.id}/ballot", headers=_auth(token),
               json={"dots": {str(voting_round.items[0].id): 2}})
    hidden = client.get(f"/api/v1/rounds/{voting_round.id}/results", headers=_auth(token)).get_json()
    assert hidden["is_hidden"] is True and hidden["items"] == [] and hidden["participants"] == 1
    staff = client.application.test_client()
    from tests.conftest import TEST_PASSWORD

    user = make_user(roles=("facilitator",))
    staff.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    shown = staff.get(f"/api/v1/rounds/{voting_round.id}/results").get_json()
    assert shown["is_hidden"] is False and shown["items"][0]["total"] == 2
    services.close_round(voting_round)
    public = client.get(f"/api/v1/rounds/{voting_round.id}/results", headers=_auth(token)).get_json()
    assert public["is_hidden"] is False and public["items"][0]["total"] == 2


def test_results_answer_only_the_workshops_participants_and_staff(client, make_workshop, make_round, make_user,
                                                                  login):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    services.close_round(voting_round)
    url = f"/api/v1/rounds/{voting_round.id}/results"
    anonymous = client.get(url)
    assert anonymous.status_code == 401 and anonymous.get_json()["error"]
    assert client.get(url, headers=_auth("guessed-" + "x" * 30)).status_code == 401
    outsider = _join(client, make_workshop(title="Anderer Workshop"))
    assert client.get(url, headers=_auth(outsider)).status_code == 404
    assert client.get("/api/v1/rounds/999999/results", headers=_auth(outsider)).status_code == 404
    assert client.get(url, headers=_auth(_join(client, workshop))).status_code == 200
    author = client.application.test_client()
    from tests.conftest import TEST_PASSWORD

    author.post("/login", data={"email": make_user(roles=("author",)).email, "password": TEST_PASSWORD})
    assert author.get(url).status_code == 404
    facilitator = client.application.test_client()
    facilitator.post("/login", data={"email": make_user(roles=("facilitator",)).email, "password": TEST_PASSWORD})
    assert facilitator.get(url).status_code == 200


def test_openapi_documents_the_workshop_paths(client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    assert "post" in paths["/workshops/{code}/join"]
    assert "get" in paths["/workshops/{code}/rounds"]
    assert "put" in paths["/rounds/{round_id}/ballot"]
    assert "get" in paths["/rounds/{round_id}/results"]
    assert {"WorkshopBallot", "WorkshopJoin", "ProposalIn", "StoredBallot", "RoundResults", "OpenRounds"} <= set(
        document["components"]["schemas"])


def test_join_bodies_that_break_the_schema_are_refused_and_join_no_one(client, make_workshop):
    """Regression (Schemathesis): a join body violating the schema ({"name": {}}) was accepted."""
    from app.workshops.models import Participant

    workshop = make_workshop()
    url = f"/api/v1/workshops/{workshop.join_code}/join"
    for body, field in (({"name": {}}, "name"), ({"name": "x" * 101}, "name"), ({"group": True}, "group"),
                        ({"group": 2.5}, "group"), ({"code": ["A"]}, "code"), ({"colour": "blue"}, "colour")):
        response = client.post(url, json=body)
        assert response.status_code == 422, body
        assert field in response.get_json()["fields"], (body, response.get_json())
    assert client.post(url, json=[]).status_code == 400
    english = client.post(url + "?lang=en", json={"name": 5})
    assert english.get_json()["fields"] == {"name": "This entry is not in the expected format."}
    assert db.session.query(Participant).count() == 0


def test_schema_valid_ballots_the_round_refuses_get_409_and_whole_floats_count(client, make_workshop, make_round):
    """Regression (Schemathesis): schema-valid ballots were answered 422; JSON Schema's integer includes 2.0."""
    workshop = make_workshop()
    voting_round = make_round(workshop)
    token = _join(client, workshop)
    url = f"/api/v1/rounds/{voting_round.id}/ballot"
    item = str(voting_round.items[0].id)
    empty = client.put(url, headers=_auth(token), json={"dots": {}})
    assert empty.status_code == 409 and empty.get_json()["fields"]["dots"]
    assert client.put(url, headers=_auth(token), json={"dots": {item: -1}}).status_code == 422
    assert client.put(url, headers=_auth(token), json={"dots": {item: "1"}}).status_code == 422
    stored = client.put(url, headers=_auth(token), json={"dots": {item: 2.0}})
    assert stored.status_code == 200 and stored.get_json()["dots"] == {item: 2}


def test_proposals_check_their_body_against_the_schema(client, make_workshop, make_round):
    workshop = make_workshop()
    proposals = make_round(workshop, method="proposals")
    token = _join(client, workshop)
    url = f"/api/v1/rounds/{proposals.id}/proposals"
    missing = client.post(url, headers=_auth(token), json={"title": "Sprachcafé"})
    assert missing.status_code == 422 and missing.get_json()["fields"] == {"kind": "Diese Angabe fehlt."}
    blank = client.post(url, headers=_auth(token), json={"kind": "measure", "title": "   "})
    assert blank.status_code == 422 and "title" in blank.get_json()["fields"]
    foreign = make_round(make_workshop(title="Anderer Workshop"), method="proposals")
    other = client.post(f"/api/v1/rounds/{foreign.id}/proposals", headers=_auth(token),
                        json={"kind": "measure", "title": "Sprachcafé"})
    assert other.status_code == 403
