"""Ids beyond what the database holds answer "not found" (or a form message), never a server error."""
from __future__ import annotations

from flask import url_for
from werkzeug.routing.converters import NumberConverter

from app.database_ids import MAX_DATABASE_ID, as_database_id
from tests.workshops.conftest import make_items, make_round, make_workshop  # noqa: F401 - fixtures used below

TOO_LARGE = (MAX_DATABASE_ID + 1, 10**30)


def _url_with(app, rule, number: int) -> str:
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, NumberConverter):
            values[name] = 1
        elif type(converter).__name__ == "AnyConverter":
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "csv" if name == "fmt" else "x"
    with app.test_request_context():
        url = url_for(rule.endpoint, **values)
    # Put the huge number where the first integer goes (url_for itself refuses to build it).
    first = next(name for name, c in rule._converters.items() if isinstance(c, NumberConverter))
    return url.replace(f"/{values[first]}", f"/{number}", 1) if first else url


def test_every_route_answers_404_for_an_id_too_large_for_the_database(app, client, make_user, login):
    login(make_user(roles=("admin",)))
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods
             and any(isinstance(c, NumberConverter) for c in r._converters.values())]
    assert len(rules) > 20
    wrong = []
    for rule in rules:
        for number in TOO_LARGE:
            url = _url_with(app, rule, number)
            assert str(number) in url, url
            status = client.get(url).status_code
            if status != 404:
                wrong.append(f"{url} ({rule.endpoint}) -> {status}")
    assert not wrong, "\n".join(wrong)


def test_a_posted_round_id_too_large_is_not_found(client, make_workshop):
    from app.workshops import participation

    _participant, token = participation.join_workshop(make_workshop())
    response = client.put(f"/api/v1/rounds/{10**20}/ballot", headers={"Authorization": f"Bearer {token}"},
                          json={"dots": {}})
    assert response.status_code == 404


def test_ids_in_json_bodies_beyond_the_database_are_refused_with_a_message(client, make_workshop, make_round):
    workshop = make_workshop()
    for group in (10**20, MAX_DATABASE_ID + 1, -1):
        joined = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={"group": group})
        assert joined.status_code == 422 and joined.get_json()["fields"]["group"], group
    token = client.post(f"/api/v1/workshops/{workshop.join_code}/join", json={}).get_json()["token"]
    proposals = make_round(workshop, method="proposals")
    for field in (10**20, "abc", MAX_DATABASE_ID + 1):
        response = client.post(f"/api/v1/rounds/{proposals.id}/proposals", headers={"Authorization": f"Bearer {token}"},
                               json={"kind": "measure", "title": "Sprachcafé", "field_of_action_id": field})
        assert response.status_code == 422, (field, response.get_json())
        assert response.get_json()["fields"]["field_of_action_id"]


def test_a_posted_group_too_large_on_the_join_page_gets_a_message(client, make_workshop):
    workshop = make_workshop()
    response = client.post(f"/w/{workshop.join_code}", data={"name": "Kai", "group": str(10**20)})
    assert response.status_code == 422


def test_as_database_id_accepts_only_possible_row_ids():
    assert [as_database_id(v) for v in (1, "42", " 7 ", MAX_DATABASE_ID)] == [1, 42, 7, MAX_DATABASE_ID]
    assert [as_database_id(v) for v in (0, -3, True, "1e3", "٣", "abc", None, 2.0, MAX_DATABASE_ID + 1,
                                        "9" * 30)] == [None] * 10
