"""The public project page shows what the lead published and nothing else: no quotes, pseudonyms or small counts."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from docx import Document

from app.extensions import db
from tests.concept.conftest import build_theme

GROUP = "Bürgerinnen und Bürger mit Zuwanderungsgeschichte"


@pytest.fixture
def project_with_results(make_project, publish):
    """A project whose concept turned two themes into a goal and measures; one theme is raised by 3 people."""
    from app.concept import plans, services as concept_services

    project = make_project()
    field = project.fields_of_action[3]
    concept = concept_services.create_concept(project)
    big = build_theme(project, field, "Sprachkurse mit Kinderbetreuung",
                      [(f"Ich brauche einen Kurs mit Kita, sagt Person {n}.", GROUP) for n in range(6)], number=1)
    small = build_theme(project, field, "Mehr Beratung am Abend",
                        [("Abends wäre gut.", GROUP)] * 3, number=2)
    hidden = build_theme(project, field, "Ärger mit dem Nachbarn Herrn Müller", [("Müller!", GROUP)] * 7, number=3)
    goal = plans.create_goal(concept, field, kind="action_goal", title="Sprachförderung ausbauen",
                             theme_ids=[big.id])
    measure = plans.create_measure(concept, field, title="Deutschkurse mit Kinderbetreuung",
                                   status="running", goal_ids=[goal.id])
    plans.add_indicator(measure, name="Kursplätze", baseline=0, target=100, current=40)
    plans.create_measure(concept, field, title="Abendsprechstunde", status="planned",
                         theme_ids=[small.id])
    page = publish(project, slug="musterstadt")
    return project, page, big, small, hidden


def _choose(page, *themes, results=True, report=False):
    from app.outreach import services

    services.update_public_page(page, slug=page.slug, is_published=True, registration_retention_days=30,
                                shows_results=results, shows_report=report, theme_ids=[t.id for t in themes])


def test_published_themes_show_their_goals_and_measures_without_quotes(client, project_with_results):
    _project, page, big, small, hidden = project_with_results
    _choose(page, big, small)
    text = client.get("/p/musterstadt").get_data(as_text=True)
    assert "Sie haben gesagt – wir haben gehandelt" in text
    assert "Sprachkurse mit Kinderbetreuung" in text and "Von 6 Personen angesprochen" in text
    assert "Sprachförderung ausbauen" in text and "Deutschkurse mit Kinderbetreuung" in text
    assert "Läuft" in text and "Fortschritt: 40 %" in text
    assert "Mehr Beratung am Abend" in text and "Von weniger als 5 Personen angesprochen" in text
    assert "Von 3 Personen" not in text
    assert "Abendsprechstunde" in text and "Geplant" in text
    assert "Herrn Müller" not in text
    assert "Ich brauche einen Kurs" not in text and "Person 01" not in text


def test_nothing_of_the_results_shows_until_the_lead_publishes_them(client, project_with_results):
    _project, page, big, _small, _hidden = project_with_results
    _choose(page, big, results=False)
    text = client.get("/p/musterstadt").get_data(as_text=True)
    assert "Sprachkurse mit Kinderbetreuung" not in text
    assert "Sie haben gesagt" not in text
    assert client.get("/p/musterstadt/report.docx").status_code == 404


def test_the_lead_previews_an_unpublished_page(lead_client, project_with_results):
    from app.outreach import services

    project, page, big, _small, _hidden = project_with_results
    services.update_public_page(page, slug=page.slug, is_published=False, registration_retention_days=30,
                                shows_results=True, theme_ids=[big.id])
    assert lead_client.get("/p/musterstadt").status_code == 404
    preview = lead_client.get(f"/outreach/{project.id}/page/preview").get_data(as_text=True)
    assert "Vorschau" in preview and "noch nicht veröffentlicht" in preview
    assert "Sprachkurse mit Kinderbetreuung" in preview


def test_themes_of_another_project_cannot_be_published(lead_client, project_with_results, make_project):
    project, _page, _big, _small, _hidden = project_with_results
    other = make_project()
    foreign = build_theme(other, other.fields_of_action[0], "Fremdes Thema", [("x", GROUP)] * 5, number=9)
    response = lead_client.post(f"/outreach/{project.id}/page", data={
        "slug": "musterstadt", "is_published": "y", "registration_retention_days": "30", "shows_results": "y",
        "theme_ids": [str(foreign.id)]})
    assert response.status_code == 422
    db.session.expire_all()
    from app.outreach.queries import get_public_page

    assert get_public_page(project).published_theme_ids == []


def test_the_timeline_marks_the_current_step(client, make_project, publish):
    project = make_project()
    project.process_steps[0].is_done = True
    db.session.commit()
    publish(project, slug="ablauf")
    text = client.get("/p/ablauf").get_data(as_text=True)
    assert 'aria-current="step"' in text
    current = text.split('aria-current="step"')[1][:400]
    assert project.process_steps[1].title in current and "aktueller Schritt" in current


def test_the_offered_progress_report_downloads_as_word(client, project_with_results):
    from app.outreach import services

    project, page, big, _small, _hidden = project_with_results
    from app.concept.models import Measure

    measure = db.session.scalars(db.select(Measure).order_by(Measure.id)).first()
    services.save_budget(project, measure_id=measure.id, year=date.today().year, funding_source="municipal",
                         planned=Decimal("1000"), spent=Decimal("250"))
    _choose(page, big, report=True)
    assert "Aktueller Umsetzungsbericht" in client.get("/p/musterstadt").get_data(as_text=True)
    response = client.get("/p/musterstadt/report.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Umsetzungsbericht" in text and "Mittel und Finanzierung" in text


def test_the_public_page_reads_in_turkish(client, project_with_results):
    _project, page, big, _small, _hidden = project_with_results
    _choose(page, big)
    text = client.get("/p/musterstadt?lang=tr").get_data(as_text=True)
    assert 'lang="tr"' in text
    assert "Sie haben gesagt – wir haben gehandelt" not in text


def test_staff_translate_a_public_event_on_the_translation_page_and_residents_read_it(client, lead_client,
                                                                                      make_event, publish):
    event = make_event(title="Interkulturelles Frühstück", description="Mit Kinderbetreuung.")
    hidden = make_event(project=event.project, title="Internes Planungstreffen", is_public=False)
    publish(event.project, slug="fruehstueck")
    page = lead_client.get(f"/languages/projects/{event.project_id}/tr").get_data(as_text=True)
    assert f'name="tr:event/{event.id}/title"' in page and f'name="tr:event/{event.id}/description"' in page
    assert f"event/{hidden.id}/" not in page  # only what residents read is offered for translation
    saved = lead_client.post(f"/languages/projects/{event.project_id}/tr", data={
        f"tr:event/{event.id}/title": "Kültürlerarası kahvaltı", f"src:event/{event.id}/title": event.title,
        f"tr:event/{event.id}/description": "Çocuk bakımı ile.", f"src:event/{event.id}/description": event.description})
    assert saved.status_code in (200, 302)
    turkish = client.get("/p/fruehstueck?lang=tr").get_data(as_text=True)
    assert "Kültürlerarası kahvaltı" in turkish and "Interkulturelles Frühstück" not in turkish
    assert "Interkulturelles Frühstück" in client.get("/p/fruehstueck?lang=de").get_data(as_text=True)
