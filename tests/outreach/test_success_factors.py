"""Success factors: the nine Neuss factors with the Neuss template, editing, the yearly self-assessment, the chart."""
from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from app.extensions import db


def test_a_neuss_project_starts_with_the_nine_factors_and_others_may_adopt_them(lead_client, make_project):
    from app.outreach import success_factors

    neuss = make_project(template="neuss")
    names = [f.name for f in success_factors.list_factors(neuss)]
    assert len(names) == 9
    assert names[0] == "Ein Konzept gemeinschaftlich entwickeln – mit allen für alle"
    assert names[-1] == "Erfolge messen" and "Integration muss Chefsache sein" in names
    monheim = make_project()
    assert success_factors.list_factors(monheim) == []
    page = lead_client.get(f"/outreach/{monheim.id}/success-factors").get_data(as_text=True)
    assert "Die neun Erfolgsfaktoren aus Neuss übernehmen" in page
    assert lead_client.post(f"/outreach/{monheim.id}/success-factors/adopt").status_code == 302
    assert len(success_factors.list_factors(monheim)) == 9
    # Adopting again adds nothing.
    lead_client.post(f"/outreach/{monheim.id}/success-factors/adopt")
    assert len(success_factors.list_factors(monheim)) == 9


def test_factors_are_added_renamed_and_removed_per_project(lead_client, make_project):
    from app.outreach import success_factors

    project = make_project(template="neuss")
    other = make_project(template="neuss")
    response = lead_client.post(f"/outreach/{project.id}/success-factors", data={
        "factor-name": "Sprache als Schlüssel", "factor-description": "Angebote für alle Altersgruppen"})
    assert response.status_code == 302
    duplicate = lead_client.post(f"/outreach/{project.id}/success-factors", data={"factor-name": "erfolge messen"})
    assert duplicate.status_code == 422 and "Diesen Erfolgsfaktor gibt es schon." in duplicate.get_data(as_text=True)
    factors = success_factors.list_factors(project)
    assert factors[-1].name == "Sprache als Schlüssel"
    first = factors[0]
    response = lead_client.post(f"/outreach/{project.id}/success-factors/{first.id}/edit", data={
        "name": "Gemeinsam entwickeln", "description": ""})
    assert response.status_code == 302
    assert lead_client.post(f"/outreach/{project.id}/success-factors/{factors[1].id}/delete").status_code == 302
    names = [f.name for f in success_factors.list_factors(project)]
    assert names[0] == "Gemeinsam entwickeln" and "Integration als Querschnittsaufgabe verankern" not in names
    assert len(names) == 9
    # The other project's factors are untouched, and its ids are not reachable through this project.
    assert len(success_factors.list_factors(other)) == 9
    foreign = success_factors.list_factors(other)[0]
    assert lead_client.post(f"/outreach/{project.id}/success-factors/{foreign.id}/delete").status_code == 404


@pytest.fixture
def assessed(make_project):
    """A Neuss project with a concept measure and two years of ratings of its first two factors."""
    from app.concept import plans, services as concept_services
    from app.outreach import success_factors

    project = make_project(template="neuss")
    concept = concept_services.create_concept(project)
    measure = plans.create_measure(concept, project.fields_of_action[2], title="Sprachcafé",
                                   status="running")
    first, second = success_factors.list_factors(project)[:2]
    year = date.today().year
    success_factors.save_assessment(first, year=year - 1, rating=2, evidence="Erste Beteiligung")
    success_factors.save_assessment(first, year=year, rating=4, evidence="Über 100 Beteiligte",
                                    measure_ids=[measure.id])
    success_factors.save_assessment(second, year=year, rating=3, evidence="Koordinierungsrunde")
    return project, first, measure, year


def test_a_lead_rates_a_factor_for_a_year_and_sees_it_over_the_years(lead_client, assessed):
    project, first, measure, year = assessed
    url = f"/outreach/{project.id}/success-factors/{first.id}/assessment?year={year}"
    form = lead_client.get(url).get_data(as_text=True)
    assert "Über 100 Beteiligte" in form and "4 – weitgehend erreicht" in form
    response = lead_client.post(url, data={"year": str(year), "rating": "5", "evidence": "Alle beteiligt",
                                           "measure_ids": str(measure.id)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.refresh(first)
    assert [(a.year, a.rating) for a in first.assessments] == [(year - 1, 2), (year, 5)]
    assert [m.title for m in first.assessment_in(year).measures] == ["Sprachcafé"]
    page = lead_client.get(f"/outreach/{project.id}/success-factors").get_data(as_text=True)
    assert f"<th scope=\"col\" class=\"text-end\">{year - 1}</th>" in page
    assert '<span class="fw-semibold">5</span><br><span class="small">voll erreicht</span>' in page
    assert 'class="bar-chart"' in page  # the chart over the years, with its data table


def test_a_rating_outside_the_scale_is_refused(lead_client, assessed):
    project, first, _measure, year = assessed
    url = f"/outreach/{project.id}/success-factors/{first.id}/assessment?year={year}"
    response = lead_client.post(url, data={"year": str(year), "rating": "7", "evidence": "x"})
    assert response.status_code == 422
    db.session.refresh(first)
    assert first.assessment_in(year).rating == 4


def test_the_progress_report_charts_the_ratings_over_the_years(lead_client, assessed):
    project, _first, _measure, year = assessed
    start, end = date(year, 1, 1), date.today()
    page = lead_client.get(f"/concept/{project.id}/monitoring?start={start}&end={end}").get_data(as_text=True)
    assert "Erfolgsfaktoren" in page and f"Selbsteinschätzung der Erfolgsfaktoren {year - 1}–{year}" in page
    response = lead_client.get(f"/concept/{project.id}/monitoring.docx?start={start}&end={end}")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "4 (weitgehend erreicht)" in cells and "2 (in Ansätzen erreicht)" in cells
    assert "Über 100 Beteiligte" in cells and "3.1 Sprachcafé" in cells
    titles = [shape._inline.docPr.get("title") for shape in document.inline_shapes]
    assert any(title and title.startswith("Bewertung der Erfolgsfaktoren je Jahr") for title in titles)
    chart = next(s for s in document.inline_shapes if (s._inline.docPr.get("title") or "").startswith("Bewertung"))
    assert str(year - 1) in chart._inline.docPr.get("descr")


def test_a_report_before_any_assessment_has_no_success_factor_chapter(app, assessed):
    from app.concept.queries import get_concept
    from app.outreach.success_factors import success_factors_report_part

    project, _first, _measure, year = assessed
    concept = get_concept(project)
    assert success_factors_report_part(concept, date(year - 3, 1, 1), date(year - 2, 12, 31)) is None
    part = success_factors_report_part(concept, date(year - 1, 1, 1), date(year - 1, 12, 31))
    assert part.tables[0].header == ["Erfolgsfaktor", str(year - 1)]
