"""In a real browser: the account page urges a lead to set up two-factor sign-in and refuses a weak password."""
from __future__ import annotations

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_account_page_urges_two_factor_and_refuses_a_weak_password(live_server, page):
    from playwright.sync_api import expect

    from app.auth import services

    with live_server.app.app_context():
        services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    page.get_by_text("Konto", exact=True).click()
    page.get_by_role("link", name="Passwort ändern").click()
    expect(page.get_by_role("heading", name="Schützen Sie Ihr Konto mit einem zweiten Faktor")).to_be_visible()
    expect(page.get_by_role("link", name="Zwei-Faktor-Anmeldung einrichten")).to_have_attribute(
        "href", "/account/two-factor")
    assert_no_serious_axe_violations(page)

    page.locator("#password").fill(TEST_PASSWORD)
    page.locator("#new_password").fill("1234567890")
    page.locator("#new_password_confirm").fill("1234567890")
    page.locator("form[name=change_password_form] button[type=submit]").click()
    expect(page.get_by_text("Dieses Passwort ist zu leicht zu erraten")).to_be_visible()
    assert_no_serious_axe_violations(page)
