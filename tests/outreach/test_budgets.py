"""Budgets per measure and year: planned and spent, by field of action and funding source, in monitoring and Word."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from docx import Document

from app.extensions import db


@pytest.fixture
def concept_with_measures(make_project):
    from app.concept import plans, services as concept_services

    project = make_project()
    concept = concept_services.create_concept(project)
    first, second = project.fields_of_action[0], project.fields_of_action[3]
    a = plans.create_measure(concept, first, title="Interkulturelles Frühstück", status="running")
    b = plans.create_measure(concept, second, title="Sprachkurse mit Kinderbetreuung", status="planned")
    return project, concept, a, b


def test_a_lead_records_budgets_and_sees_them_per_field_and_source(lead_client, concept_with_measures):
    project, _concept, breakfast, courses = concept_with_measures
    for measure, source, planned, spent in [(breakfast, "municipal", "2.400", "1.850,50"),
                                            (courses, "state_or_federal", "12000", "3000"),
                                            (courses, "municipal", "1.000", "")]:
        response = lead_client.post(f"/outreach/{project.id}/budgets", data={
            "measure_id": str(measure.id), "year": "2027", "funding_source": source, "planned": planned,
            "spent": spent, "note": ""})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = lead_client.get(f"/outreach/{project.id}/budgets?year=2027").get_data(as_text=True)
    assert "15.400,00 €" in page and "4.850,50 €" in page
    assert "13.000,00 €" in page  # the field of the language courses
    assert "3.400,00 €" in page  # municipal budget: 2.400 + 1.000


def test_a_second_entry_for_the_same_year_and_source_replaces_the_first(app, concept_with_measures):
    from app.outreach import budgets, services

    project, _concept, breakfast, _courses = concept_with_measures
    services.save_budget(project, measure_id=breakfast.id, year=2027, funding_source="foundation", planned="500",
                         spent="0")
    services.save_budget(project, measure_id=breakfast.id, year=2027, funding_source="foundation", planned="800",
                         spent="200")
    entries = budgets.project_budgets(project, [2027])
    assert [(b.planned, b.spent) for b in entries] == [(Decimal("800.00"), Decimal("200.00"))]


def test_bad_amounts_and_foreign_measures_are_refused(lead_client, concept_with_measures, make_project):
    from app.concept import plans, services as concept_services

    project, _concept, breakfast, _courses = concept_with_measures
    response = lead_client.post(f"/outreach/{project.id}/budgets", data={
        "measure_id": str(breakfast.id), "year": "2027", "funding_source": "municipal", "planned": "viel",
        "spent": ""})
    assert response.status_code == 422
    assert "Bitte einen Betrag wie 1.234,50 angeben." in response.get_data(as_text=True)
    other = make_project()
    foreign = plans.create_measure(concept_services.create_concept(other), other.fields_of_action[0],
                                   title="Fremd")
    response = lead_client.post(f"/outreach/{project.id}/budgets", data={
        "measure_id": str(foreign.id), "year": "2027", "funding_source": "municipal", "planned": "1"})
    assert response.status_code == 422
    from app.outreach.budgets import project_budgets

    assert project_budgets(project) == []


def test_monitoring_and_the_word_progress_report_show_budgets_and_events(lead_client, concept_with_measures,
                                                                         make_event):
    from app.outreach import services

    project, _concept, breakfast, courses = concept_with_measures
    services.save_budget(project, measure_id=breakfast.id, year=2026, funding_source="municipal", planned="2400",
                         spent="1200")
    services.save_budget(project, measure_id=courses.id, year=2026, funding_source="foundation", planned="5000",
                         spent="5000")
    held = make_event(project, days=-20, title="Runder Tisch Bildung", kind="round_table")
    services.record_attendance(held, {project.stakeholder_groups[0].id: 3, project.stakeholder_groups[1].id: 9})
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    page = lead_client.get(f"/concept/{project.id}/monitoring?start={start}&end={end}").get_data(as_text=True)
    assert "Mittel und Finanzierung" in page
    assert "Stiftung" in page and "7.400\u00a0€" in page
    assert "Öffentlichkeitsarbeit und Veranstaltungen" in page and "Runde Tische" in page
    response = lead_client.get(f"/concept/{project.id}/monitoring.docx?start={start}&end={end}")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Mittel und Finanzierung" in text
    assert "Mittel je Finanzierungsquelle 2026" in text
    assert "Kommunaler Haushalt" in cells and "6.200\u00a0€" in cells and "84\u00a0%" in cells
    assert "Runde Tische" in cells
    # 12 people came, but 3 of one group is never printed: only the total of the kind.
    assert "3" not in cells
    db.session.rollback()
