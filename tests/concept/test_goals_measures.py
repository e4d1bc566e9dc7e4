"""Goals with workshop priorities, measures in Monheim's columns, adopting workshop items, the item provider."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.concept import plans, queries
from app.errors import ValidationError


def test_goal_priority_comes_from_matching_workshop_items(make_concept, make_voted_item):
    concept = make_concept()
    project, field = concept.project, concept.project.fields_of_action[1]
    guiding = plans.create_goal(concept, field, kind="guiding_goal", title="Engagement stärken")
    action = plans.create_goal(concept, field, kind="action_goal", title="Ehrenamt qualifizieren", parent=guiding)
    make_voted_item(project, field, title=guiding.title, source=f"concept_goal:{guiding.id}", dots=7, voters=3)
    item = make_voted_item(project, field, kind="action_goal", title="Qualifizierung", dots=4, voters=2)
    action.workshop_item_id = item.id
    priorities = queries.goal_priorities(concept)
    assert priorities[guiding.id].dots == 7 and priorities[guiding.id].voters == 3
    assert priorities[action.id].dots == 4
    assert queries.goals_of_field(concept, field) == [guiding, action]


def test_action_goal_needs_a_guiding_goal_of_the_same_field(make_concept):
    concept = make_concept()
    first, second = concept.project.fields_of_action[:2]
    guiding = plans.create_goal(concept, first, kind="guiding_goal", title="Leitziel")
    with pytest.raises(ValidationError):
        plans.create_goal(concept, second, kind="action_goal", title="Anderswo", parent=guiding)
    with pytest.raises(ValidationError):
        plans.create_goal(concept, first, kind="guiding_goal", title="  ")


def test_measures_are_numbered_per_field_and_parse_german_amounts(make_concept):
    concept = make_concept()
    field = concept.project.fields_of_action[0]
    first = plans.create_measure(concept, field, title="Frühstück", cost_amount="1.234,50", status="running",
                                 implemented_by="Integrationsbüro, VHS, Jobcenter", period="fortlaufend")
    second = plans.create_measure(concept, field, title="Fest", cost_text="im Rahmen vorhandener Mittel")
    assert (first.number, second.number) == (1, 2)
    assert first.cost_amount == Decimal("1234.50") and second.cost_amount is None
    with pytest.raises(ValidationError):
        plans.create_measure(concept, field, title="Teuer", cost_amount="viel")
    with pytest.raises(ValidationError) as refused:
        plans.create_measure(concept, field, title="Null", number=0)
    assert refused.value.field == "number"


def _table_order(concept, field):
    return [(m.number, m.title) for m in queries.measures_of_field(concept, field)]


def test_measures_keep_one_running_number_in_document_order(make_concept):
    concept = make_concept()
    field = concept.project.fields_of_action[0]
    plans.create_measure(concept, field, title="Frühstück", status="running")
    plans.create_measure(concept, field, title="Dialogforum", status="planned")
    plans.create_measure(concept, field, title="Willkommensordner", status="running")
    kreis = plans.create_measure(concept, field, title="Gesprächskreis", status="done")
    assert _table_order(concept, field) == [(1, "Frühstück"), (2, "Willkommensordner"), (3, "Gesprächskreis"),
                                            (4, "Dialogforum")], "running and done first, then planned"
    dialog = queries.measures_of_field(concept, field)[3]
    plans.record_measure_update(dialog, status="running", recorded_on=date.today(), note="Start")
    assert _table_order(concept, field)[-1] == (4, "Dialogforum")
    fest = plans.create_measure(concept, field, title="Fest", status="planned", number=1)
    assert _table_order(concept, field)[-1] == (5, "Fest"), "a planned measure cannot precede the running ones"
    plans.update_measure(fest, title="Fest", status="running", number=2)
    assert _table_order(concept, field)[:3] == [(1, "Frühstück"), (2, "Fest"), (3, "Willkommensordner")]
    plans.delete_measure(kreis)
    assert [n for n, _ in _table_order(concept, field)] == [1, 2, 3, 4]


def test_measure_links_goals_and_indicators(make_concept):
    concept = make_concept()
    field = concept.project.fields_of_action[0]
    goal = plans.create_goal(concept, field, kind="guiding_goal", title="Dialog fördern")
    measure = plans.create_measure(concept, field, title="Dialogforum", goal_ids=[goal.id])
    indicator = plans.add_indicator(measure, name="Teilnehmende", unit="Personen", baseline="10", target="40",
                                    current="25")
    assert goal.measures == [measure]
    assert indicator.progress_percent == 50


def test_measure_form_creates_and_edits(author_client, make_concept):
    concept = make_concept()
    field = concept.project.fields_of_action[2]
    url = f"/concept/{concept.project_id}/fields/{field.id}/measures/new"
    assert author_client.get(url).status_code == 200
    response = author_client.post(url, data={"title": "Vereinsberatung", "period": "2027–2028",
                                             "cost_amount": "9.000", "implemented_by": "Sportbund, VHS",
                                             "status": "planned", "steps": "Beraten\nAuswerten"})
    assert response.status_code == 302
    measure = queries.measures_of_field(concept, field)[0]
    assert measure.cost_amount == Decimal("9000.00") and measure.number == 1
    edit = author_client.post(f"/concept/{concept.project_id}/measures/{measure.id}/edit",
                              data={"number": "1", "title": "Vereinsberatung", "status": "running"})
    assert edit.status_code == 302
    assert measure.status == "running" and measure.updates[0].previous_status == "planned"
    bad = author_client.post(url, data={"title": "", "status": "planned"})
    assert bad.status_code == 422 and "Bitte einen Titel" in bad.get_data(as_text=True)


def test_adopting_workshop_items_including_accepted_proposals(make_concept, make_voted_item):
    from app.workshops import participation, services as workshop_services

    concept = make_concept()
    project, field = concept.project, concept.project.fields_of_action[0]
    item = make_voted_item(project, field, kind="guiding_goal", title="Begegnung fördern", dots=5)
    goal = plans.adopt_workshop_item(concept, item.id)
    assert goal.kind == "guiding_goal" and goal.workshop_item_id == item.id
    assert queries.goal_priorities(concept)[goal.id].dots == 5
    with pytest.raises(ValidationError):
        plans.adopt_workshop_item(concept, item.id)

    workshop = item.workshop
    voting_round = workshop_services.create_round(workshop, title="Vorschläge", method="proposals")
    workshop_services.open_round(voting_round)
    participant, _ = participation.join_workshop(workshop)
    proposal = participation.submit_proposal(voting_round, participant, kind="measure", title="Sprachcafé",
                                             field_of_action_id=field.id)
    accepted = workshop_services.accept_proposal(proposal)
    assert any(i.item_id == accepted.id and i.is_accepted_proposal for i in queries.adoptable_items(concept, field))
    measure = plans.adopt_workshop_item(concept, accepted.id)
    assert measure.title == "Sprachcafé" and measure.status == "planned" and measure.workshop_item_id == accepted.id
    assert all(i.item_id != accepted.id for i in queries.adoptable_items(concept, field))


def test_adopt_route(author_client, make_concept, make_voted_item):
    concept = make_concept()
    project, field = concept.project, concept.project.fields_of_action[3]
    item = make_voted_item(project, field, kind="measure", title="Elterncafé", dots=2)
    page = author_client.get(f"/concept/{project.id}/fields/{field.id}")
    assert "Elterncafé" in page.get_data(as_text=True)
    response = author_client.post(f"/concept/{project.id}/fields/{field.id}/adopt",
                                  data={"item_id": item.id, "as_kind": "measure"})
    assert response.status_code == 302
    assert [m.title for m in queries.measures_of_field(concept, field)] == ["Elterncafé"]


def test_workshop_item_provider_offers_goals_and_measures(app, make_concept):
    concept = make_concept()
    field = concept.project.fields_of_action[0]
    goal = plans.create_goal(concept, field, kind="guiding_goal", title="Dialog fördern")
    measure = plans.create_measure(concept, field, title="Dialogforum")
    provider = app.extensions["workshop_item_sources"]["concept"]
    rows = provider(concept.project)
    assert {"title": "Dialog fördern", "description": "", "kind": "guiding_goal", "field_of_action_id": field.id,
            "source": f"concept_goal:{goal.id}"} in rows
    assert any(r["source"] == f"concept_measure:{measure.id}" and r["kind"] == "measure" for r in rows)
