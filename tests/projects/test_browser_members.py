"""In a real browser: a lead adds an interviewer to the project and assigns an interview; the interviewer sees
only that interview and gets "not found" for another project's address. axe-core clean, phone and desktop."""
from __future__ import annotations

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

SCREENSHOTS = "/tmp/konzeptwerk-screenshots"


def _seed(app):
    from app.auth import services as auth_services
    from app.projects import services as project_services
    from app.surveys import guides, respondent_records, services

    with app.app_context():
        lead = auth_services.create_user("leitung@example.org", TEST_PASSWORD, ["project_lead"],
                                         full_name="Lea Leitung")
        auth_services.create_user("interview@example.org", TEST_PASSWORD, [], full_name="Ida Interview")
        project = project_services.create_project(title="Integrationskonzept Monheim", municipality="Monheim am Rhein",
                                                  template="monheim_2016", creator=lead)
        survey = services.create_survey(project, title="Interviewstudie", languages=[])
        guides.add_question(survey.sections[0], kind="free_text", text="Was läuft gut?")
        mine = respondent_records.add_respondent(survey, pseudonym="I-01", channel="interview")
        respondent_records.add_respondent(survey, pseudonym="I-02", channel="interview")
        other = project_services.create_project(title="Fremdes Projekt", municipality="Neuss", template="neuss")
        other_survey = services.create_survey(other, title="Fremde Befragung", languages=[])
        return {"project": project.id, "survey": survey.id, "mine": mine.id, "other": other.id,
                "other_survey": other_survey.id}


def test_lead_adds_an_interviewer_who_then_sees_only_the_assigned_interview(live_server, page):
    from pathlib import Path

    from playwright.sync_api import expect

    ids = _seed(live_server.app)
    Path(SCREENSHOTS).mkdir(exist_ok=True)
    browser_login(page, live_server.url, "leitung@example.org", TEST_PASSWORD)
    page.get_by_role("link", name="Integrationskonzept Monheim").click()
    page.get_by_role("link", name="Mitglieder").click()
    expect(page.get_by_role("heading", name="Mitglieder des Projekts")).to_be_visible()
    expect(page.get_by_text("Neue Konten legt die Administration an", exact=False)).to_be_visible()
    page.get_by_label("E-Mail-Adresse des Kontos").fill("interview@example.org")
    page.locator("#add-email").press("Tab")
    page.get_by_role("group", name="Rollen im Projekt").get_by_label("Interviewerin / Interviewer").check()
    page.get_by_role("button", name="Aufnehmen", exact=True).click()
    expect(page.locator(".flash-messages")).to_contain_text("Ida Interview gehört jetzt zum Projekt.")
    assert_no_serious_axe_violations(page)
    for name, size in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        page.screenshot(path=f"{SCREENSHOTS}/members-{name}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/surveys/{ids['survey']}/assignments")
    page.get_by_label("Interviewerin / Interviewer").select_option(label="Ida Interview")
    page.get_by_label("Befragte Person").select_option(label="I-01")
    page.get_by_role("button", name="Zuweisen", exact=True).click()
    expect(page.locator(".flash-messages")).to_contain_text("Die Interviews wurden zugewiesen.")
    expect(page.get_by_role("cell", name="Person I-01", exact=True)).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_text("Konto", exact=True).click()  # the account links sit in a menu
    page.get_by_role("button", name="Abmelden").click()

    browser_login(page, live_server.url, "interview@example.org", TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Meine Interviews")).to_be_visible()
    expect(page.get_by_role("link", name="Interview I-01 erfassen")).to_be_visible()
    expect(page.get_by_text("I-02")).to_have_count(0)
    assert_no_serious_axe_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SCREENSHOTS}/interviewer-start-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Interview I-01 erfassen").click()
    expect(page.get_by_role("heading", name="Interview: I-01")).to_be_visible()

    for address in (f"/projects/{ids['other']}", f"/surveys/{ids['other_survey']}/respondents",
                    f"/workshops/projects/{ids['other']}/"):
        response = page.goto(live_server.url + address)
        assert response.status == 404
        expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()
