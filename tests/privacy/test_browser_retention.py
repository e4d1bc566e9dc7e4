"""In a real browser: the lead sees upcoming deletions on the overview, opens the retention page, sets the period."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_lead_sees_upcoming_deletion_and_changes_the_period(live_server, page):
    from app.auth import services
    from app.auth.models import utcnow
    from app.extensions import db
    from app.projects import services as projects
    from app.surveys import respondent_records, services as surveys

    with live_server.app.app_context():
        lead = services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = projects.create_project(title="Integrationskonzept 2026", municipality="Monheim am Rhein",
                                          template="monheim_2016", period_end=utcnow().date() - timedelta(days=350),
                                          creator=lead)
        survey = surveys.create_survey(project, title="Interviewstudie")
        respondent = respondent_records.add_respondent(survey, pseudonym="I-1")
        respondent_records.save_contact(respondent, name="Ayşe Beispiel", email="ayse@example.org")
        project_id = project.id
        db.session.remove()

    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/projects/{project_id}")
    expect(page.get_by_text("1 Eintrag mit personenbezogenen Daten gelöscht", exact=False)).to_be_visible()
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Aufbewahrung und Löschung ansehen").click()
    page.get_by_role("heading", name="Aufbewahrung und Löschung", level=1).wait_for()
    expect(page.get_by_role("row", name="Kontaktdaten von Befragten (Name, E-Mail)")).to_contain_text("1")
    assert_no_serious_axe_violations(page)

    page.get_by_label("Aufbewahrungsfrist in Monaten nach Ende des Prozesses").fill("24")
    page.get_by_role("button", name="Frist speichern").click()
    expect(page.get_by_text("Die Aufbewahrungsfrist wurde gespeichert.")).to_be_visible()
    expect(page.get_by_text("24 Monate")).to_be_visible()
    assert_no_serious_axe_violations(page)
