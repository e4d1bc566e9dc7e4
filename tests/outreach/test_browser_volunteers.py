"""In a real browser on a phone: staff add a volunteer with the recorded consent and find them by language."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_staff_add_a_volunteer_and_filter_the_pool_by_language(live_server, page):
    from app.auth import services
    from app.extensions import db
    from app.outreach import volunteers
    from app.projects import services as projects

    with live_server.app.app_context():
        lead = services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = projects.create_project(title="Integrationskonzept Leverkusen", municipality="Leverkusen",
                                          template="monheim_2016", creator=lead)
        volunteers.add_volunteer(project, name="Samir Haddad", phone="0151 555 0102", languages=["de", "ar"],
                                 districts=["Opladen"], has_consented=True, consent_text="Einverstanden.")
        project_id = project.id
        db.session.remove()

    page.set_viewport_size(PHONE)
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/outreach/{project_id}/volunteers")
    page.get_by_role("link", name="Person aufnehmen").click()
    page.get_by_label("Name", exact=True).fill("Aylin Demir")
    page.get_by_label("Telefon").fill("0173 555 0101")
    page.get_by_label("Türkçe").check()
    page.get_by_label("Stadtteile (mit Komma getrennt)").fill("Rheindorf, Opladen")
    page.get_by_role("button", name="In den Pool aufnehmen").click()
    expect(page.get_by_role("alert")).to_contain_text("Ohne festgehaltene Einwilligung")
    page.get_by_label("Die Person hat diesem Wortlaut zugestimmt", exact=False).check()
    page.get_by_role("button", name="In den Pool aufnehmen").click()
    expect(page.get_by_text("Aylin Demir ist jetzt im Pool")).to_be_visible()
    page.get_by_label("Spricht").select_option(label="Türkçe")
    page.get_by_role("button", name="Filtern").click()
    pool = page.locator(".outreach-volunteer-list")
    expect(pool).to_contain_text("Aylin Demir")
    expect(pool).not_to_contain_text("Samir Haddad")
    expect(pool.get_by_role("link", name="Anrufen")).to_have_attribute("href", "tel:01735550101")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_serious_axe_violations(page)
