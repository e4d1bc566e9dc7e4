"""Round tables: the needs template, organisations, minutes, decisions linked to goals and measures, the report."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from docx import Document

from app.extensions import db


@pytest.fixture
def concept_with_goal(make_project):
    from app.concept import plans, services as concept_services

    project = make_project()
    concept = concept_services.create_concept(project)
    field = project.fields_of_action[3]
    goal = plans.create_goal(concept, field, kind="guiding_goal", title="Sprache von Anfang an fördern")
    measure = plans.create_measure(concept, field, title="Sprachkurse mit Kinderbetreuung",
                                   status="running")
    return project, goal, measure


def test_the_needs_template_fills_the_agenda_of_the_annual_round_table(lead_client, make_project):
    project = make_project()
    page = lead_client.get(f"/outreach/{project.id}/round-tables/new?template=needs").get_data(as_text=True)
    assert "Jährlicher Runder Tisch zur Bedarfsermittlung" in page
    assert "Neue Bedarfe: Was fehlt, was hat sich verändert?" in page
    assert project.fields_of_action[0].name in page  # the fields of action are on the agenda
    assert re.search(r'<input[^>]*\bchecked\b[^>]*id="is_needs_assessment"', page)


def test_a_lead_logs_a_round_table_with_organisations_minutes_and_a_linked_decision(lead_client,
                                                                                   concept_with_goal):
    project, goal, measure = concept_with_goal
    response = lead_client.post(f"/outreach/{project.id}/round-tables/new", data={
        "title": "Runder Tisch Sprache", "held_on": "2026-10-01", "place": "VHS",
        "agenda": "Begrüßung\n\nKursangebote", "organisations": "Volkshochschule\nCaritas\nVolkshochschule",
        "minutes": "Die Kurse sind ausgebucht.", "is_needs_assessment": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    url = response.headers["Location"]
    response = lead_client.post(url + "/decisions", data={
        "decision-text": "Zweiter Kurs im Berliner Viertel", "decision-responsible": "VHS",
        "decision-goal_ids": str(goal.id), "decision-measure_ids": str(measure.id)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = lead_client.get(url).get_data(as_text=True)
    assert "Die Kurse sind ausgebucht." in page and "Zweiter Kurs im Berliner Viertel" in page
    assert page.count("<li>Volkshochschule</li>") == 1 and "<li>Caritas</li>" in page
    assert "Sprache von Anfang an fördern" in page and "Sprachkurse mit Kinderbetreuung" in page
    # The decision shows at its measure.
    measure_page = lead_client.get(f"/concept/{project.id}/measures/{measure.id}").get_data(as_text=True)
    assert "Beschlüsse Runder Tische" in measure_page and "Zweiter Kurs im Berliner Viertel" in measure_page
    listing = lead_client.get(f"/outreach/{project.id}/round-tables").get_data(as_text=True)
    assert "Runder Tisch Sprache" in listing and "Bedarfsermittlung" in listing


def test_decisions_link_only_to_the_projects_own_goals_and_measures(app, concept_with_goal, make_project):
    from app.concept import plans, services as concept_services
    from app.errors import ValidationError
    from app.outreach import round_tables

    project, _goal, _measure = concept_with_goal
    other = make_project()
    foreign = plans.create_goal(concept_services.create_concept(other), other.fields_of_action[0],
                                kind="guiding_goal", title="Fremd")
    round_table = round_tables.create_round_table(project, title="RT", held_on=date(2026, 3, 1))
    with pytest.raises(ValidationError):
        round_tables.add_decision(round_table, text="Etwas", goal_ids=[foreign.id])
    assert round_table.decisions == []
    with pytest.raises(ValidationError):
        round_tables.create_round_table(project, title=" ", held_on=date(2026, 3, 1))


def test_an_empty_title_is_refused_and_changes_nothing(lead_client, make_project):
    from app.outreach import round_tables

    project = make_project()
    response = lead_client.post(f"/outreach/{project.id}/round-tables/new", data={"title": "", "held_on": ""})
    assert response.status_code == 422
    assert "Bitte einen Titel angeben." in response.get_data(as_text=True)
    assert round_tables.list_round_tables(project) == []


def test_editing_and_deleting_a_round_table(lead_client, make_project):
    from app.outreach import round_tables

    project = make_project()
    round_table = round_tables.create_round_table(project, title="RT alt", held_on=date(2026, 3, 1),
                                                  organisations=["Caritas"])
    base = f"/outreach/{project.id}/round-tables/{round_table.id}"
    form = lead_client.get(base + "/edit").get_data(as_text=True)
    assert "Caritas" in form
    response = lead_client.post(base + "/edit", data={"title": "RT neu", "held_on": "2026-03-02",
                                                      "organisations": "Diakonie"})
    assert response.status_code == 302
    db.session.refresh(round_table)
    assert round_table.title == "RT neu" and round_table.organisations == ["Diakonie"]
    assert lead_client.post(base + "/delete").status_code == 302
    assert round_tables.list_round_tables(project) == []


def test_round_tables_held_in_the_period_appear_in_monitoring_and_the_word_report(lead_client, concept_with_goal):
    from app.outreach import round_tables

    project, goal, measure = concept_with_goal
    today = date.today()
    held = round_tables.create_round_table(project, title="Runder Tisch zur Bedarfsermittlung",
                                           held_on=today - timedelta(days=10), organisations=["Caritas", "VHS"],
                                           is_needs_assessment=True)
    round_tables.add_decision(held, text="Kursübersicht erstellen", responsible="Integrationsbüro",
                              goal_ids=[goal.id], measure_ids=[measure.id])
    round_tables.create_round_table(project, title="Runder Tisch vor langer Zeit", held_on=date(2020, 1, 1))
    start, end = today - timedelta(days=100), today
    page = lead_client.get(f"/concept/{project.id}/monitoring?start={start}&end={end}").get_data(as_text=True)
    assert "Runder Tisch zur Bedarfsermittlung" in page and "Kursübersicht erstellen" in page
    assert "Runder Tisch vor langer Zeit" not in page
    response = lead_client.get(f"/concept/{project.id}/monitoring.docx?start={start}&end={end}")
    document = Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Runde Tische" in text and "Einer davon diente der jährlichen Bedarfsermittlung." in text
    assert "Runder Tisch zur Bedarfsermittlung" in cells and "Caritas, VHS" in cells
    assert "Kursübersicht erstellen" in cells
    assert "Runder Tisch vor langer Zeit" not in "\n".join(cells)


def test_a_decision_shows_at_its_goal(lead_client, concept_with_goal):
    from app.outreach import round_tables

    project, goal, _measure = concept_with_goal
    round_table = round_tables.create_round_table(project, title="Runder Tisch Bildung", held_on=date(2026, 5, 4))
    round_tables.add_decision(round_table, text="Lernpatenschaften ausbauen", goal_ids=[goal.id])
    page = lead_client.get(f"/concept/{project.id}/goals/{goal.id}").get_data(as_text=True)
    assert "Beschlüsse Runder Tische" in page and "Lernpatenschaften ausbauen" in page
    assert f"/outreach/{project.id}/round-tables/{round_table.id}" in page


def test_facilitators_keep_minutes_but_only_leads_and_authors_delete_or_edit_factors(
        client, make_user, login, make_project):
    from app.outreach import round_tables

    project = make_project()
    round_table = round_tables.create_round_table(project, title="RT", held_on=date(2026, 3, 1))
    base = f"/outreach/{project.id}/round-tables/{round_table.id}"
    login(make_user(roles=("facilitator",), email="moderation@example.org"))
    assert client.get(base).status_code == 200
    assert client.post(base + "/decisions", data={"decision-text": "Etwas vereinbart"}).status_code == 302
    assert client.post(base + "/delete").status_code == 403
    assert client.post(f"/outreach/{project.id}/success-factors/adopt").status_code == 403
    assert client.get(f"/outreach/{project.id}/success-factors").status_code == 200
    db.session.refresh(round_table)
    assert [d.text for d in round_table.decisions] == ["Etwas vereinbart"]


def test_a_lead_of_another_project_sees_none_of_its_round_tables_or_factors(client, make_user, login,
                                                                           make_project):
    from app.outreach import round_tables

    project = make_project(template="neuss")
    round_table = round_tables.create_round_table(project, title="RT", held_on=date(2026, 3, 1))
    login(make_user(roles=("project_lead",), email="aussen@example.org", member_everywhere=False))
    assert client.get(f"/outreach/{project.id}/round-tables/{round_table.id}").status_code == 404
    assert client.get(f"/outreach/{project.id}/success-factors").status_code == 404
    assert client.post(f"/outreach/{project.id}/round-tables/{round_table.id}/delete").status_code == 404
    assert round_tables.list_round_tables(project) == [round_table]


def test_the_demo_loader_adds_a_round_table_with_minutes_decisions_and_two_years_of_ratings(app, concept_with_goal):
    from app.outreach import round_tables, success_factors
    from app.outreach.demo import load_round_tables_and_factors

    project, _goal, _measure = concept_with_goal
    load_round_tables_and_factors(project)
    load_round_tables_and_factors(project)  # a second run changes nothing
    tables = round_tables.list_round_tables(project)
    assert len(tables) == 2
    needs = next(rt for rt in tables if rt.is_needs_assessment)
    assert needs.minutes and len(needs.decisions) == 3 and len(needs.organisations) == 7
    assert any(d.goals for d in needs.decisions) and any(d.measures for d in needs.decisions)
    years = success_factors.assessed_years(project)
    assert years == [date.today().year - 1, date.today().year]
    assert len(success_factors.list_factors(project)) == 9
