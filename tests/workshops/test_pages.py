"""Facilitator pages, participant pages, presenter view, moderation, personal codes and exports."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.workshops import participation, queries, services
from app.workshops.models import Ballot, Participant, PersonalCode, Proposal, Workshop
from app.workshops.voting import cast_ballot


@pytest.fixture
def facilitator_client(client, make_user, login):
    """A client logged in as a facilitator."""
    login(make_user(roles=("facilitator",)))
    return client


def _base(workshop):
    return f"/workshops/projects/{workshop.project_id}/{workshop.id}"


def test_facilitator_creates_workshop_items_and_round(facilitator_client, make_project):
    project = make_project()
    field = project.fields_of_action[0]
    response = facilitator_client.post(f"/workshops/projects/{project.id}/new", data={
        "title": "Entscheider-Workshop", "kind": "decision_maker", "date": "2026-10-25", "place": "Rathaus",
        "agenda": "Ziele priorisieren"})
    assert response.status_code == 302
    workshop = db.session.query(Workshop).one()
    assert re.fullmatch(r"[A-Z2-9]{6}", workshop.join_code)
    base = _base(workshop)
    assert facilitator_client.post(base + "/items/new", data={
        "kind": "guiding_goal", "title": "Sprache fördern", "field_of_action_id": field.id,
        "parent_id": 0}).status_code == 302
    goal = workshop.items[0]
    assert facilitator_client.post(base + "/items/new", data={
        "kind": "action_goal", "title": "Kurse ausbauen", "field_of_action_id": 0, "parent_id": goal.id}).status_code == 302
    response = facilitator_client.post(base + "/rounds/new", data={
        "title": "Punkte", "method": "dots", "budget": 5, "max_per_item": 2,
        "item_ids": [i.id for i in workshop.items]})
    assert response.status_code == 302
    voting_round = workshop.rounds[0]
    assert voting_round.status == "draft" and len(voting_round.items) == 2
    assert facilitator_client.post(f"{base}/rounds/{voting_round.id}/open").status_code == 302
    assert voting_round.status == "open"
    page = facilitator_client.get(base).get_data(as_text=True)
    assert workshop.join_code in page and "<svg" in page and "Kurse ausbauen" in page
    assert facilitator_client.get(f"/workshops/projects/{project.id}/").status_code == 200
    assert facilitator_client.get(base + "/present").status_code == 200


def test_bad_round_input_is_refused_with_a_message(facilitator_client, make_workshop, make_items):
    workshop = make_workshop()
    items = make_items(workshop, 2)
    response = facilitator_client.post(_base(workshop) + "/rounds/new", data={
        "title": "Punkte", "method": "dots", "budget": 3, "max_per_item": 5, "item_ids": [i.id for i in items]})
    assert response.status_code == 422
    assert "zwischen 1 und der Zahl der Punkte" in response.get_data(as_text=True)
    assert workshop.rounds == []


def test_staff_pages_need_a_facilitator_or_lead(client, make_user, login, make_workshop):
    workshop = make_workshop()
    assert client.get(_base(workshop)).status_code == 302
    login(make_user(roles=("author",)))
    assert client.get(_base(workshop)).status_code == 403


def test_participant_joins_votes_changes_vote_and_sees_confirmation(client, make_workshop, make_round):
    workshop = make_workshop()
    group = workshop.project.stakeholder_groups[2]
    voting_round = make_round(workshop)
    a, b = voting_round.items[:2]
    assert client.get(f"/w/{workshop.join_code.lower()}").status_code == 302
    response = client.post(f"/w/{workshop.join_code}", data={"name": "Aylin", "group": group.id})
    assert response.status_code == 302 and response.location.endswith("/vote")
    page = client.get(f"/w/{workshop.join_code}/vote").get_data(as_text=True)
    assert "Noch 5 von 5 Punkten übrig" in page and a.title in page
    response = client.post(f"/w/{workshop.join_code}/rounds/{voting_round.id}",
                           data={f"item-{a.id}": "2", f"item-{b.id}": "1"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Ihre Stimme ist gespeichert" in page and "Noch 2 von 5 Punkten übrig" in page
    client.post(f"/w/{workshop.join_code}/rounds/{voting_round.id}", data={f"item-{b.id}": "2"})
    participant = db.session.query(Participant).one()
    assert participant.stakeholder_group_id == group.id and participant.display_name == "Aylin"
    assert queries.ballot_values(voting_round, participant) == {b.id: 2}
    assert db.session.query(Ballot).count() == 1


def test_over_budget_form_is_shown_again_with_choices_kept(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    a, b, c = voting_round.items[:3]
    client.post(f"/w/{workshop.join_code}", data={})
    response = client.post(f"/w/{workshop.join_code}/rounds/{voting_round.id}",
                           data={f"item-{a.id}": "2", f"item-{b.id}": "2", f"item-{c.id}": "2"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "erlaubt sind höchstens 5" in page
    assert f'name="item-{c.id}" value="2"' in page
    assert db.session.query(Ballot).count() == 0


def test_vote_after_closing_is_refused_clearly(client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    client.post(f"/w/{workshop.join_code}", data={})
    services.close_round(voting_round)
    response = client.post(f"/w/{workshop.join_code}/rounds/{voting_round.id}",
                           data={f"item-{voting_round.items[0].id}": "1"})
    assert response.status_code == 409 and "geschlossen" in response.get_data(as_text=True)
    assert db.session.query(Ballot).count() == 0


def test_unknown_code_gets_the_same_generic_answer(client, make_workshop):
    make_workshop()
    first = client.get("/w/ZZZZZZ")
    second = client.post("/w/", data={"code": "QQQQQQ"})
    assert first.status_code == second.status_code == 404
    assert "keinen offenen Workshop" in first.get_data(as_text=True)
    assert "keinen offenen Workshop" in second.get_data(as_text=True)


def test_unknown_codes_are_rate_limited(client, make_workshop):
    make_workshop()
    client.get("/w/")
    statuses = [client.post("/w/", data={"code": f"XX{n:04d}"}).status_code for n in range(31)]
    assert statuses[:30] == [404] * 30 and statuses[30] == 429


def test_expired_csrf_token_keeps_the_choices(app, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    a = voting_round.items[0]
    client = app.test_client()
    client.post(f"/w/{workshop.join_code}", data={})
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/w/{workshop.join_code}/rounds/{voting_round.id}",
                           data={f"item-{a.id}": "2", "comment": "Wichtig!", "csrf_token": "stale"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Ihre Auswahl ist erhalten" in page and f'name="item-{a.id}" value="2"' in page and "Wichtig!" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(f"/w/{workshop.join_code}/rounds/{voting_round.id}",
                           data={f"item-{a.id}": "2", "csrf_token": token})
    assert response.status_code == 302
    assert db.session.query(Ballot).count() == 1


def test_participant_pages_in_english(client, make_workshop, make_round):
    workshop = make_workshop()
    make_round(workshop)
    page = client.get(f"/w/{workshop.join_code}?lang=en").get_data(as_text=True)
    assert "Join" in page and '<html lang="en"' in page
    client.post(f"/w/{workshop.join_code}", data={})
    page = client.get(f"/w/{workshop.join_code}/vote").get_data(as_text=True)
    assert "5 of 5 dots left" in page


def test_rating_ranking_and_proposal_forms(client, make_workshop, make_round, make_items):
    workshop = make_workshop()
    items = make_items(workshop, 3)
    rating = make_round(workshop, method="rating", items=items, budget=None, max_per_item=None)
    ranking = make_round(workshop, method="ranking", items=items, budget=None, max_per_item=None)
    proposals = make_round(workshop, method="proposals")
    client.post(f"/w/{workshop.join_code}", data={})
    page = client.get(f"/w/{workshop.join_code}/vote").get_data(as_text=True)
    assert "stimme voll zu" in page and "Platz 3" in page and "Vorschlag einreichen" in page
    assert client.post(f"/w/{workshop.join_code}/rounds/{rating.id}",
                       data={f"item-{items[0].id}": "5", f"item-{items[1].id}": ""}).status_code == 302
    assert client.post(f"/w/{workshop.join_code}/rounds/{ranking.id}",
                       data={f"item-{items[0].id}": "2", f"item-{items[2].id}": "1"}).status_code == 302
    gap = client.post(f"/w/{workshop.join_code}/rounds/{ranking.id}", data={f"item-{items[0].id}": "3"})
    assert gap.status_code == 422 and "lückenlos" in gap.get_data(as_text=True)
    assert client.post(f"/w/{workshop.join_code}/rounds/{proposals.id}/proposals", data={
        "kind": "measure", "title": "Sprachcafé im Jugendzentrum", "field_of_action_id": 0}).status_code == 302
    participant = db.session.query(Participant).one()
    assert queries.ballot_values(rating, participant) == {items[0].id: 5}
    assert queries.ballot_values(ranking, participant) == {items[2].id: 1, items[0].id: 2}
    assert db.session.query(Proposal).one().status == "pending"


def test_moderation_turns_accepted_proposals_into_items(facilitator_client, make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop, method="proposals")
    participant, _token = join(workshop)
    good = participation.submit_proposal(voting_round, participant, kind="measure", title="Sprachcafé")
    bad = participation.submit_proposal(voting_round, participant, kind="measure", title="Unsinn")
    presenter = facilitator_client.get(_base(workshop) + "/present/live").get_data(as_text=True)
    assert "Sprachcafé" not in presenter
    response = facilitator_client.post(f"{_base(workshop)}/proposals/{good.id}/accept",
                                       data={f"p{good.id}-title": "Sprachcafé im Stadtteil"})
    assert response.status_code == 302
    facilitator_client.post(f"{_base(workshop)}/proposals/{bad.id}/reject")
    item = next(i for i in workshop.items if i.source == f"proposal:{good.id}")
    assert item.title == "Sprachcafé im Stadtteil" and item.kind == "measure"
    assert bad.status == "rejected"
    presenter = facilitator_client.get(_base(workshop) + "/present/live").get_data(as_text=True)
    assert "Sprachcafé im Stadtteil" in presenter and "Unsinn" not in presenter
    priorities = {p.item_id: p for p in queries.item_priorities(workshop.project_id)}
    assert priorities[item.id].is_accepted_proposal


def test_presenter_partial_changes_after_a_vote(facilitator_client, make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    first = voting_round.items[0]
    before = facilitator_client.get(_base(workshop) + "/present/live").get_data(as_text=True)
    assert "0 Stimmzettel" in before
    cast_ballot(voting_round, join(workshop)[0], dots={first.id: 2})
    after = facilitator_client.get(_base(workshop) + "/present/live").get_data(as_text=True)
    assert after != before and "1 Stimmzettel" in after and "2 Punkte" in after
    page = facilitator_client.get(_base(workshop) + "/present").get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in page and 'aria-live="polite"' in page
    # The projector says how late a vote may appear (the refresh interval).
    assert "spätestens nach 2 Sekunden" in page


def test_hidden_results_stay_off_the_projector_until_closed(facilitator_client, make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop, hide_results_while_open=True)
    first = voting_round.items[0]
    cast_ballot(voting_round, join(workshop)[0], dots={first.id: 2})
    live = facilitator_client.get(_base(workshop) + "/present/live").get_data(as_text=True)
    assert "sobald die Runde geschlossen ist" in live and "2 Punkte" not in live and "1 Stimmzettel" in live
    services.close_round(voting_round)
    live = facilitator_client.get(_base(workshop) + "/present/live").get_data(as_text=True)
    assert "2 Punkte" in live


def test_personal_codes_admit_each_person_once(client, facilitator_client, make_workshop, make_round):
    workshop = make_workshop(requires_personal_code=True)
    make_round(workshop)
    response = facilitator_client.post(_base(workshop) + "/codes", data={"count": 3, "labels": "Rat 1\nRat 2"})
    page = response.get_data(as_text=True)
    codes = re.findall(r'class="workshops-personal-code">([A-Z2-9-]+)<', page)
    assert len(codes) == 3 and "Rat 2" in page
    assert all(code not in {c.code_hash for c in db.session.query(PersonalCode)} for code in codes)
    facilitator_client.post("/logout")
    participant_a = client.application.test_client()
    participant_b = client.application.test_client()
    assert participant_a.post(f"/w/{workshop.join_code}", data={"personal_code": "WRONG"}).status_code == 422
    assert participant_a.post(f"/w/{workshop.join_code}", data={"personal_code": codes[0].lower()}).status_code == 302
    reused = participant_b.post(f"/w/{workshop.join_code}", data={"personal_code": codes[0]})
    assert reused.status_code == 422 and "schon verwendet" in reused.get_data(as_text=True)
    assert db.session.query(Participant).count() == 1


def test_results_page_filters_by_group_and_exports_are_formula_safe(facilitator_client, make_workshop, make_round,
                                                                    join):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    group = workshop.project.stakeholder_groups[0]
    evil = services.create_item(workshop, kind="measure", title="=HYPERLINK(\"http://x\")")
    voting_round.status = "draft"
    services.update_round(voting_round, title="Punkte", item_ids=[i.id for i in voting_round.items] + [evil.id],
                          budget=5, max_per_item=2, hide_results_while_open=False)
    services.open_round(voting_round)
    cast_ballot(voting_round, join(workshop, stakeholder_group_id=group.id)[0], dots={evil.id: 2},
                comment="+SUM(A1)")
    cast_ballot(voting_round, join(workshop)[0], dots={voting_round.items[0].id: 1})
    page = facilitator_client.get(f"{_base(workshop)}/results?group={group.id}").get_data(as_text=True)
    assert "1 Stimmzettel" in page and group.name in page and "+SUM(A1)" in page
    csv_response = facilitator_client.get(_base(workshop) + "/results.csv")
    text = csv_response.get_data().decode("utf-8-sig")
    assert csv_response.mimetype == "text/csv"
    assert "'=HYPERLINK" in text and "\n=" not in text and ";=" not in text
    assert group.name in text
    workbook = load_workbook(io.BytesIO(facilitator_client.get(_base(workshop) + "/results.xlsx").data))
    values = [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in values and "'+SUM(A1)" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_import_items_from_analysis_themes(facilitator_client, make_workshop, make_theme, monkeypatch):
    from app.analysis.queries import ThemeSummary

    workshop = make_workshop()
    field = workshop.project.fields_of_action[3]
    theme = make_theme(workshop.project, "Kita-Plätze fehlen", field, "Eltern finden keine Betreuung.")
    summary = ThemeSummary(theme.id, theme.label, theme.definition, field.id, 6, 5, [], [])
    monkeypatch.setattr("app.analysis.queries.themes_for_project", lambda project_id, **kw: [summary])
    page = facilitator_client.get(_base(workshop) + "/items/import").get_data(as_text=True)
    assert "Kita-Plätze fehlen" in page
    response = facilitator_client.post(_base(workshop) + "/items/import", data={
        "import": "themes", "themes-theme_ids": [theme.id], "themes-kind": "guiding_goal"})
    assert response.status_code == 302
    item = workshop.items[0]
    assert (item.theme_id, item.source, item.field_of_action_id) == (theme.id, f"theme:{theme.id}", field.id)
    again = facilitator_client.post(_base(workshop) + "/items/import", data={
        "import": "themes", "themes-theme_ids": [theme.id], "themes-kind": "guiding_goal"})
    assert again.status_code == 422 and len(workshop.items) == 1


def test_import_items_from_the_concept_provider(app, facilitator_client, make_workshop):
    workshop = make_workshop()
    field = workshop.project.fields_of_action[1]
    app.extensions["workshop_item_sources"] = {"concept": lambda project: [
        {"title": "Ehrenamt stärken", "description": "", "kind": "guiding_goal", "field_of_action_id": field.id,
         "source": "concept_goal:12"},
        {"title": "Ehrenamtsbörse", "description": "läuft", "kind": "measure", "field_of_action_id": field.id,
         "source": "concept_measure:3"}]}
    page = facilitator_client.get(_base(workshop) + "/items/import").get_data(as_text=True)
    assert "Ehrenamtsbörse" in page
    response = facilitator_client.post(_base(workshop) + "/items/import", data={
        "import": "concept", "source-concept-provider": "concept", "source-concept-sources": ["concept_measure:3"]})
    assert response.status_code == 302
    assert [(i.title, i.source, i.kind) for i in workshop.items] == [("Ehrenamtsbörse", "concept_measure:3", "measure")]


def test_ballot_page_notices_a_newly_opened_round_once(client, make_workshop, make_round, make_items):
    workshop = make_workshop()
    first = make_round(workshop)
    client.post(f"/w/{workshop.join_code}", data={})
    assert client.get(f"/w/{workshop.join_code}/vote/state?open={first.id}").status_code == 204
    second = make_round(workshop, method="proposals")
    changed = client.get(f"/w/{workshop.join_code}/vote/state?open={first.id}")
    assert changed.status_code == 286 and "geändert" in changed.get_data(as_text=True)
    assert client.get(f"/w/{workshop.join_code}/vote/state?open={first.id},{second.id}").status_code == 204


def test_facilitator_opens_and_closes_rounds_from_the_projector(facilitator_client, make_workshop, make_round):
    workshop = make_workshop()
    voting_round = make_round(workshop, is_open=False)
    page = facilitator_client.get(_base(workshop) + "/present").get_data(as_text=True)
    assert "Runden steuern" in page
    response = facilitator_client.post(f"{_base(workshop)}/rounds/{voting_round.id}/open", data={"next": "present"})
    assert response.status_code == 302 and response.location.endswith("/present")
    assert voting_round.status == "open" and workshop.status == "running"
    facilitator_client.post(f"{_base(workshop)}/rounds/{voting_round.id}/close", data={"next": "present"})
    assert voting_round.status == "closed"
    refused = facilitator_client.post(f"{_base(workshop)}/rounds/{voting_round.id}/open", follow_redirects=True)
    assert "nicht wieder geöffnet" in refused.get_data(as_text=True)


def test_deleting_a_workshop_removes_its_votes_codes_and_proposals(facilitator_client, make_workshop, make_round,
                                                                    join):
    workshop = make_workshop(requires_personal_code=True)
    voting_round = make_round(workshop)
    proposals = make_round(workshop, method="proposals")
    code, _label = participation.generate_personal_codes(workshop, 2)[0]
    participant, _token = join(workshop, personal_code=code)
    cast_ballot(voting_round, participant, dots={voting_round.items[0].id: 1})
    participation.submit_proposal(proposals, participant, kind="measure", title="Idee")
    item = voting_round.items[0]
    refused = facilitator_client.post(f"{_base(workshop)}/items/{item.id}/delete", follow_redirects=True)
    assert "kann nicht mehr gelöscht werden" in refused.get_data(as_text=True)
    response = facilitator_client.post(_base(workshop) + "/delete")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.query(Workshop).count() == 0
    assert db.session.query(Ballot).count() == db.session.query(PersonalCode).count() == 0
    assert db.session.query(Proposal).count() == db.session.query(Participant).count() == 0


def test_a_room_behind_one_address_joins_but_a_script_there_is_stopped(app, make_workshop):
    workshop = make_workshop()
    app.config["WORKSHOP_JOIN_LIMIT"] = "60 per minute"
    room = [app.test_client().post(f"/w/{workshop.join_code}", data={}, environ_base={"REMOTE_ADDR": "10.5.5.5"})
            .status_code for _person in range(40)]
    assert room == [302] * 40
    script = app.test_client()
    statuses = [script.post(f"/w/{workshop.join_code}", data={}, environ_base={"REMOTE_ADDR": "10.5.5.5"})
                .status_code for _n in range(21)]
    assert statuses[:20] == [302] * 20 and statuses[20] == 429
    api = app.test_client().post(f"/api/v1/workshops/{workshop.join_code}/join", json={},
                                 environ_base={"REMOTE_ADDR": "10.5.5.5"})
    assert api.status_code == 429
    neighbour = app.test_client()
    assert neighbour.post(f"/w/{workshop.join_code}", data={}, environ_base={"REMOTE_ADDR": "10.5.5.6"}) \
        .status_code == 302


def test_expired_csrf_token_on_the_join_form_keeps_the_name(app, make_workshop):
    workshop = make_workshop()
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/w/{workshop.join_code}", data={"name": "Aylin", "csrf_token": "stale"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'value="Aylin"' in page and "erneuert" in page
    assert db.session.query(Participant).count() == 0


def test_released_code_rejoins_as_the_same_participant(app, facilitator_client, make_workshop, make_round):
    workshop = make_workshop(requires_personal_code=True)
    voting_round = make_round(workshop)
    code, _label = participation.generate_personal_codes(workshop, 1, ["Ratsmitglied A"])[0]
    old_phone, new_phone = app.test_client(), app.test_client()
    old_phone.post(f"/w/{workshop.join_code}", data={"personal_code": code})
    old_phone.post(f"/w/{workshop.join_code}/rounds/{voting_round.id}",
                   data={f"item-{voting_round.items[0].id}": "2"})
    assert new_phone.post(f"/w/{workshop.join_code}", data={"personal_code": code}).status_code == 422
    stored = db.session.query(PersonalCode).one()
    page = facilitator_client.get(_base(workshop) + "/codes").get_data(as_text=True)
    assert "Ratsmitglied A" in page and code not in page
    facilitator_client.post(f"{_base(workshop)}/codes/{stored.id}/release")
    assert new_phone.post(f"/w/{workshop.join_code}", data={"personal_code": code}).status_code == 302
    page = new_phone.get(f"/w/{workshop.join_code}/vote").get_data(as_text=True)
    assert "Stimme ändern" in page and "Noch 3 von 5 Punkten übrig" in page
    assert old_phone.get(f"/w/{workshop.join_code}/vote").status_code == 302
    assert db.session.query(Participant).count() == 1 and db.session.query(Ballot).count() == 1
    again = app.test_client().post(f"/w/{workshop.join_code}", data={"personal_code": code})
    assert again.status_code == 422


def test_participant_cannot_vote_or_propose_in_another_workshops_round(client, make_workshop, make_round):
    mine, other = make_workshop(title="Fachworkshop"), make_workshop(title="Anderer Workshop")
    foreign_dots, foreign_proposals = make_round(other), make_round(other, method="proposals")
    item = foreign_dots.items[0]
    client.post(f"/w/{mine.join_code}", data={"name": "Aylin"})

    through_mine = client.post(f"/w/{mine.join_code}/rounds/{foreign_dots.id}", data={f"item-{item.id}": "1"})
    proposed = client.post(f"/w/{mine.join_code}/rounds/{foreign_proposals.id}/proposals",
                           data={"kind": "measure", "title": "Sprachcafé"})
    not_joined = client.post(f"/w/{other.join_code}/rounds/{foreign_dots.id}", data={f"item-{item.id}": "1"})

    assert through_mine.status_code == 404 and proposed.status_code == 404
    assert not_joined.status_code == 302 and not_joined.location.endswith(f"/w/{other.join_code}")
    assert db.session.query(Ballot).count() == 0 and db.session.query(Proposal).count() == 0


def test_round_setup_ticks_nothing_and_states_the_ranking_limit(facilitator_client, make_workshop, make_items):
    workshop = make_workshop()
    make_items(workshop, 16)
    page = facilitator_client.get(_base(workshop) + "/rounds/new").get_data(as_text=True)
    assert "checked" not in page.split('name="item_ids"', 1)[1].split("</fieldset>", 1)[0]
    assert "höchstens 15 Einträge" in page


def test_moving_on_closes_the_live_round_and_opens_the_next(facilitator_client, make_workshop, make_round):
    workshop = make_workshop()
    first = make_round(workshop, is_open=False)
    second = make_round(workshop, is_open=False)
    for expected_open in (first, second, None):
        response = facilitator_client.post(_base(workshop) + "/rounds/advance", data={"next": "present"})
        assert response.status_code == 302 and response.headers["Location"].endswith("/present")
        db.session.expire_all()
        assert [r.id for r in workshop.open_rounds] == ([expected_open.id] if expected_open else [])
    assert {r.status for r in workshop.rounds} == {"closed"}
    refused = facilitator_client.post(_base(workshop) + "/rounds/advance", follow_redirects=True)
    assert "keine weitere vorbereitete Runde" in refused.get_data(as_text=True)
