"""In a real browser: a project lead builds a guide, invites people, and types an interview; axe-core clean."""
from __future__ import annotations

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_lead_builds_guide_and_enters_an_interview(live_server, page):
    from app.auth import services as auth_services
    from app.projects import services as project_services
    from app.surveys import guides, respondent_records, services

    with live_server.app.app_context():
        lead = auth_services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = project_services.create_project(title="Staffprojekt", municipality="Monheim am Rhein",
                                                  template="monheim_2016", creator=lead)
        survey = services.create_survey(project, title="Interviewstudie", languages=["en"], has_public_link=True)
        guides.add_question(survey.sections[0], kind="free_text", text="Was läuft gut?")
        respondent = respondent_records.add_respondent(survey, pseudonym="I-01",
                                                       stakeholder_group_id=project.stakeholder_groups[0].id)
        survey_id, respondent_id = survey.id, respondent.id

    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/surveys/{survey_id}")
    page.get_by_role("heading", name="Interviewstudie", level=1).wait_for()
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Leitfaden").click()
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Frage hinzufügen").first.click()
    page.get_by_label("Fragetyp").select_option("scale")
    page.get_by_label("Fragetext", exact=True).fill("Wie gut gelingt das Zusammenleben?")
    page.get_by_label("Beschriftung des kleinsten Werts", exact=True).fill("gar nicht")
    page.get_by_label("Beschriftung des höchsten Werts", exact=True).fill("sehr gut")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Frage speichern").click()
    page.get_by_text("Wie gut gelingt das Zusammenleben?").wait_for()

    page.get_by_role("link", name="Vorschau").click()
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/surveys/{survey_id}/respondents")
    assert_no_serious_axe_violations(page)
    page.goto(f"{live_server.url}/surveys/{survey_id}/respondents/{respondent_id}/interview")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Die befragte Person hat diesem Text zugestimmt", exact=False).check()
    page.get_by_label("Was läuft gut?").fill("Die Stadtteilfeste bringen Menschen zusammen.")
    page.get_by_label("4", exact=True).check()
    page.get_by_text("Automatisch gespeichert.").wait_for()
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.get_by_text("Die Antworten wurden gespeichert.").wait_for()

    from app.extensions import db
    from app.surveys.models import Respondent

    with live_server.app.app_context():
        stored = db.session.get(Respondent, respondent_id)
        assert {a.value for a in stored.answers} == {"Die Stadtteilfeste bringen Menschen zusammen.", 4}
        assert stored.consents[0].channel == "interviewer"

    page.goto(f"{live_server.url}/surveys/{survey_id}/import")
    assert_no_serious_axe_violations(page)
    page.goto(f"{live_server.url}/surveys/{survey_id}/public-sheet")
    assert_no_serious_axe_violations(page)
