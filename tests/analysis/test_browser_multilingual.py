"""In a real browser: German, Turkish and Arabic answers form themes that mix languages, each quote with its language.

Answers are stored as participants would send them; their sentence vectors are computed by
the background job on arrival (run inline here). The lead then starts the analysis through
the form and follows the job to the board.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.test_vectors import MIXED
from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser
SCREENSHOTS = Path("/tmp/konzeptwerk-screens")


def _seed(app):
    from app.auth import services as auth_services
    from app.extensions import db
    from app.projects import services as project_services
    from app.surveys import submissions
    from app.surveys.models import Question, Respondent, Survey

    with app.app_context():
        app.config.update(ANSWER_VECTORS="on", JOBS_BACKEND="inline")
        user = auth_services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = project_services.create_project(title="Integrationskonzept", municipality="Monheim am Rhein",
                                                  template="monheim_2016", creator=user)
        survey = Survey(project_id=project.id, title="Befragung in drei Sprachen", languages=["de", "tr", "ar"])
        db.session.add(survey)
        db.session.flush()
        question = Question(survey_id=survey.id, position=1, kind="free_text", text="Was fehlt Ihnen im Viertel?")
        db.session.add(question)
        db.session.commit()
        for number, (_theme, language, text) in enumerate(MIXED, start=1):
            person = Respondent(survey_id=survey.id, pseudonym=f"M-{number:02d}", status="started",
                                language=language)
            db.session.add(person)
            db.session.commit()
            submissions.save_answers(person, {question.id: text})
            submissions.submit_answers(person)
        app.config.update(JOBS_BACKEND="inline-thread")
        return project.id, survey.id


def test_mixed_language_answers_form_mixed_themes_with_each_quote_language(live_server, page):
    project_id, survey_id = _seed(live_server.app)
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    page.goto(f"{live_server.url}/analysis/projects/{project_id}/new")
    page.get_by_label("Titel").fill("Wünsche in drei Sprachen")
    page.get_by_label("Befragung", exact=True).select_option(str(survey_id))
    page.get_by_label("Zahl der Themen (leer: automatisch)").fill("3")
    page.get_by_role("button", name="Auswertung starten").click()
    # The job page forwards to the result when the run ends (it shows the link when it was done at once).
    onward = page.get_by_role("link", name="Weiter zum Ergebnis")
    result = page.get_by_role("heading", name="Wünsche in drei Sprachen", level=1)
    onward.or_(result).first.wait_for(timeout=120_000)
    if onward.count():
        onward.click()
    result.wait_for()
    assert page.get_by_text("Gruppiert nach Bedeutung über 3 Sprachen hinweg").count() == 1
    themes = page.locator("li.analysis-theme")
    assert themes.count() == 3
    for index in range(3):
        languages = themes.nth(index).locator(".analysis-theme-languages").inner_text()
        assert all(name in languages for name in ("Deutsch", "Türkisch", "Arabisch")), languages
        quotes = themes.nth(index).locator(".analysis-quote-language")
        assert quotes.count() == 3 and all(q.startswith("Sprache: ") for q in quotes.all_inner_texts())
    assert page.locator("blockquote p[lang=ar]").count() >= 1
    assert_no_serious_axe_violations(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "multilingual-board-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "multilingual-board-phone.png"), full_page=False)

    page.locator("li.analysis-theme h2 a").first.click()
    page.get_by_role("heading", name="Passagen").wait_for()
