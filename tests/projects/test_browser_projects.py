"""In a real browser: log in, create a project from the Monheim template, see its fields; axe-core clean."""
from __future__ import annotations

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_lead_creates_monheim_project_and_sees_fields(live_server, page):
    from app.auth import services

    with live_server.app.app_context():
        services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])

    page.goto(live_server.url + "/login")
    assert_no_serious_axe_violations(page)
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Neues Projekt").click()
    page.get_by_label("Titel").fill("Fortschreibung Integrationskonzept 2027")
    page.get_by_label("Kommune").fill("Monheim am Rhein")
    page.get_by_label("Vorlage „Monheim 2016“", exact=False).check()
    page.get_by_role("button", name="Projekt anlegen").click()

    page.get_by_role("heading", name="Fortschreibung Integrationskonzept 2027", level=1).wait_for()
    fields = page.locator("section[aria-labelledby=fields-title] li")
    assert fields.count() == 5
    assert "Arbeitsmarktintegration" in fields.nth(4).inner_text()
    assert page.locator("#progress-title").is_visible()
    assert_no_serious_axe_violations(page)
