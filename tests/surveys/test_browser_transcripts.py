"""In a real browser, at desktop and phone size: import a transcript, move one turn in the preview, save it,
and open a quote in its transcript; axe-core clean on every page."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD
from tests.surveys.test_transcripts import F4, GUIDE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_import_a_transcript_correct_a_turn_and_read_a_quote_in_context(live_server, page, tmp_path, size):
    from app.analysis import services as analysis_services
    from app.analysis.models import Passage
    from app.auth import services as auth_services
    from app.extensions import db
    from app.projects import services as project_services
    from app.surveys import guides, services
    from app.surveys.models import Respondent

    with live_server.app.app_context():
        lead = auth_services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = project_services.create_project(title="Transkripte", municipality="Monheim am Rhein",
                                                  template="monheim_2016", creator=lead)
        survey = services.create_survey(project, title="Interviewstudie")
        ids = {qid: guides.add_question(survey.sections[0], kind="free_text", text=text).id for qid, text in GUIDE}
        survey_id, project_id = survey.id, project.id
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    transcript = tmp_path / "interview-12.txt"
    transcript.write_bytes(F4.encode("cp1252"))
    page.set_viewport_size(size)

    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/surveys/{survey_id}/import")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Transkript (.docx, .txt, .vtt oder .srt)").set_input_files(str(transcript))
    page.get_by_label("Kürzel (Pseudonym)").fill("I-12")
    page.locator("#transcript-submit").click()
    page.get_by_role("heading", name="Transkript prüfen", level=1).wait_for()
    assert page.get_by_label("Zeichenkodierung").input_value() == "cp1252"
    page.get_by_text("Früher gab es das Jugendcafé, das ist jetzt zu.").wait_for()  # umlauts read right
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(shots / f"preview-{size['width']}.png"), full_page=True)

    cafe = page.locator("li.transcript-turn", has_text="Früher gab es das Jugendcafé")
    cafe.get_by_role("combobox").select_option(f"q:{ids[14]}")
    page.get_by_role("button", name="Zuordnung aktualisieren").click()
    page.get_by_role("heading", name="Transkript prüfen", level=1).wait_for()
    row = page.get_by_role("row").filter(has_text="Wie offen sind Vereine")
    assert "Früher gab es" in row.inner_text() and "von Hand" in row.inner_text()
    page.get_by_role("button", name="Übernehmen als I-12").click()
    page.get_by_text("Das Transkript wurde als I-12 übernommen.").wait_for()
    assert_no_serious_axe_violations(page)

    with live_server.app.app_context():
        respondent = db.session.scalars(db.select(Respondent)).one()
        answers = {a.question_id: a.value for a in respondent.answers}
        assert answers[ids[14]] == "Früher gab es das Jugendcafé, das ist jetzt zu."
        assert "Jugendcafé" not in answers[ids[11]]
        from app.projects.models import Project

        analysis = analysis_services.create_analysis(db.session.get(Project, project_id),
                                                     title="Auswertung", scope="survey", survey_id=survey_id)
        analysis_services.run_analysis(analysis)
        passage = db.session.scalars(db.select(Passage).where(Passage.analysis_id == analysis.id,
                                                              Passage.text.contains("Begegnungszentrum"))).first()
        analysis_id, passage_id = analysis.id, passage.id

    page.goto(f"{live_server.url}/analysis/projects/{project_id}/{analysis_id}/coding/{passage_id}")
    page.get_by_role("link", name="Im Transkript lesen").click()
    page.get_by_role("heading", name="Passage im Transkript").wait_for()
    page.get_by_text("Interview I-12, 00:04:15").wait_for()
    assert page.locator("mark", has_text="Ein Begegnungszentrum im Berliner Viertel.").count() == 1
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(shots / f"context-{size['width']}.png"), full_page=True)
