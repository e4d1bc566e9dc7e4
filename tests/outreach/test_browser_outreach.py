"""In a real browser: staff plan an event and log it; a resident finds the next event in Turkish and registers."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_lead_plans_an_event_logs_attendance_and_publishes_the_page(live_server, page):
    from app.auth import services
    from app.extensions import db
    from app.projects import services as projects

    with live_server.app.app_context():
        lead = services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = projects.create_project(title="Integrationskonzept Leverkusen", municipality="Leverkusen",
                                          template="monheim_2016", creator=lead)
        project_id, group = project.id, project.stakeholder_groups[4].name
        db.session.remove()

    page.set_viewport_size(DESKTOP)
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/projects/{project_id}")
    page.get_by_role("link", name="Umsetzung").click()
    page.get_by_role("link", name="Veranstaltung planen").click()
    page.get_by_label("Titel", exact=True).fill("Integrationsrat auf Tour: Opladen")
    page.get_by_label("Art", exact=True).select_option(label="Stadtteiltour")
    page.get_by_label("Beginn", exact=True).fill("2030-05-14T18:00")
    page.get_by_label("Ort", exact=True).fill("Rathaus Opladen")
    page.get_by_label("Stadtteil", exact=True).fill("Opladen")
    page.get_by_label("Türkçe").check()
    page.get_by_label("Online-Anmeldung anbieten").check()
    page.get_by_label("Plätze", exact=False).fill("20")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Veranstaltung speichern").click()
    expect(page.get_by_text("Die Veranstaltung wurde angelegt.")).to_be_visible()
    page.get_by_role("heading", name="Integrationsrat auf Tour: Opladen", level=1).wait_for()

    page.get_by_label(group).fill("12")
    page.get_by_label("Ohne Zuordnung").fill("3")
    page.get_by_role("button", name="Zahlen speichern").click()
    expect(page.get_by_text("Die Teilnehmendenzahlen wurden gespeichert.")).to_be_visible()
    counts = page.get_by_role("table", name="Teilnehmende nach Akteursgruppe")
    expect(counts.get_by_role("row", name=group)).to_contain_text("unter 5")
    expect(counts.get_by_role("row", name="Ohne Zuordnung")).to_contain_text("unter 5")
    expect(counts.get_by_role("row", name="Gesamt")).to_contain_text("15")
    page.get_by_label("Was ist zu tun?").fill("Plakate in vier Sprachen drucken")
    page.get_by_role("button", name="Aufgabe hinzufügen").click()
    expect(page.locator(".outreach-follow-up")).to_contain_text("Plakate in vier Sprachen drucken")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Öffentliche Seite", exact=True).click()
    page.get_by_label("Adresse der öffentlichen Seite", exact=False).fill("leverkusen")
    page.get_by_label("Öffentliche Seite und Kalender veröffentlichen").check()
    page.get_by_role("button", name="Einstellungen speichern").click()
    expect(page.get_by_text("Die Einstellungen wurden gespeichert.")).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Mittel", exact=True).click()
    page.get_by_role("heading", name="Mittel", level=1).wait_for()
    assert_no_serious_axe_violations(page)
    page.goto(f"{live_server.url}/p/leverkusen")
    expect(page.get_by_role("link", name="Integrationsrat auf Tour: Opladen")).to_be_visible()


def test_a_resident_finds_the_next_event_in_turkish_and_registers(live_server, page):
    from app.auth.models import utcnow
    from app.extensions import db
    from app.outreach import services
    from app.projects import services as projects

    with live_server.app.app_context():
        project = projects.create_project(title="Integrationskonzept Leverkusen", municipality="Leverkusen",
                                          template="monheim_2016")
        soon = utcnow().replace(microsecond=0) + timedelta(days=5)
        event = services.create_event(project, title="Interkulturelles Frühstück", kind="intercultural_breakfast",
                                      starts_at=soon, place="Bürgerhaus", district="Wiesdorf", languages=["tr"],
                                      is_public=True, has_registration=True, capacity=20)
        event.translations = {"tr": {"title": "Kültürlerarası kahvaltı"}}
        services.create_event(project, title="Fest der Kulturen", kind="festival",
                              starts_at=soon + timedelta(days=30), is_public=True)
        page_settings = services.ensure_public_page(project)
        services.update_public_page(page_settings, slug="leverkusen", is_published=True,
                                    registration_retention_days=14)
        db.session.remove()

    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/p/leverkusen?lang=tr")
        expect(page.locator("html")).to_have_attribute("lang", "tr")
        expect(page.get_by_role("heading", name="Yaklaşan etkinlikler")).to_be_visible()
        assert_no_serious_axe_violations(page)

    page.set_viewport_size(PHONE)
    first = page.locator(".outreach-public-event").first
    expect(first).to_contain_text("Kültürlerarası kahvaltı")
    first.get_by_role("link", name="Kültürlerarası kahvaltı").click()
    page.get_by_role("heading", name="Kültürlerarası kahvaltı", level=1).wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Kaydol").click()
    expect(page.get_by_role("alert")).to_contain_text("Lütfen bir ad girin.")
    page.get_by_label("Adınız").fill("Ayşe Yılmaz")
    page.get_by_label("Adımın ve e-posta adresimin", exact=False).check()
    page.get_by_role("button", name="Kaydol").click()
    expect(page.get_by_role("status")).to_contain_text("Kaydınız yapıldı.")
    assert_no_serious_axe_violations(page)
    page.screenshot(path="/tmp/outreach_public_phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/p/leverkusen")
    page.screenshot(path="/tmp/outreach_public_desktop.png", full_page=True)

    with live_server.app.app_context():
        from app.outreach.models import Registration

        registration = db.session.scalars(db.select(Registration)).one()
        assert (registration.name, registration.state, registration.language) == ("Ayşe Yılmaz", "confirmed", "tr")
        assert "14" in registration.consent_text
        db.session.remove()


def test_the_demo_public_page_is_accessible_on_phone_and_desktop(live_server, page, tmp_path):
    from app.demo import load_demo
    from app.extensions import db

    live_server.app.instance_path = str(tmp_path)
    with live_server.app.app_context():
        load_demo()
        from app.outreach.models import PublicPage

        slug = db.session.scalars(db.select(PublicPage.slug)).one()
        db.session.remove()
    for lang in ("de", "tr", "ar"):
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.goto(f"{live_server.url}/p/{slug}?lang={lang}")
            expect(page.locator("#results-title")).to_be_visible()
            assert_no_serious_axe_violations(page)
    page.screenshot(path="/tmp/outreach_demo_desktop_ar.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/{slug}?lang=de")
    page.screenshot(path="/tmp/outreach_demo_phone.png", full_page=True)
