"""In a real browser: three phones vote while the projector's counts change; axe-core clean on both sides."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _seed(app):
    from app.auth import services as auth_services
    from app.projects import services as project_services
    from app.workshops import services

    with app.app_context():
        from app.projects import members

        auth_services.create_user("moderation@example.org", TEST_PASSWORD, [])
        project = project_services.create_project(title="Integrationskonzept Teststadt", municipality="Teststadt",
                                                  template="monheim_2016")
        members.add_member(project, "moderation@example.org", ["facilitator"])
        workshop = services.create_workshop(project, title="Entscheider-Workshop", kind="decision_maker",
                                            join_code="TEST36")
        fields = project.fields_of_action
        items = [services.create_item(workshop, kind="guiding_goal", title=title, field_of_action_id=field.id)
                 for title, field in zip(("Sprache früh fördern", "Ehrenamt stärken", "Vereine öffnen"), fields, strict=False)]
        voting_round = services.create_round(workshop, title="Welche Ziele sind am wichtigsten?", method="dots",
                                             item_ids=[i.id for i in items], budget=5, max_per_item=2)
        services.open_round(voting_round)
        return f"/workshops/projects/{project.id}/{workshop.id}/present"


def test_three_phones_vote_and_the_projector_counts_up(live_server, page, browser):
    presenter_path = _seed(live_server.app)
    browser_login(page, live_server.url, "moderation@example.org", TEST_PASSWORD)
    page.goto(live_server.url + presenter_path)
    ballots = page.locator(".workshops-ballots")
    expect(ballots).to_have_text("0 Stimmzettel")
    assert_no_serious_axe_violations(page)

    phones = [browser.new_context(viewport=PHONE, locale="de-DE") for _n in range(3)]
    try:
        for number, context in enumerate(phones, start=1):
            phone = context.new_page()
            phone.goto(live_server.url + "/w/")
            phone.get_by_label("Teilnahme-Code").fill("test36")
            phone.get_by_role("button", name="Weiter").click()
            phone.get_by_label("Ihre Akteursgruppe (freiwillig)").select_option(label="Integrationsrat")
            phone.get_by_role("button", name="Teilnehmen").click()
            remaining = phone.locator(".workshops-remaining")
            expect(remaining).to_have_text("Noch 5 von 5 Punkten übrig")
            if number == 1:
                assert_no_serious_axe_violations(phone)
            more = phone.get_by_role("button", name="Einen Punkt mehr für: Sprache früh fördern")
            more.click()
            more.click()
            expect(more).to_be_disabled()
            phone.get_by_role("button", name="Einen Punkt mehr für: Ehrenamt stärken").click()
            expect(remaining).to_have_text("Noch 2 von 5 Punkten übrig")
            phone.get_by_role("button", name="Stimme abgeben").click()
            expect(phone.get_by_text("Ihre Stimme ist gespeichert.")).to_be_visible()
            expect(phone.get_by_role("button", name="Stimme ändern")).to_be_visible()
            expect(ballots).to_have_text(f"{number} Stimmzettel")
        top = page.locator(".workshops-bar-row").first
        expect(top).to_contain_text("Sprache früh fördern")
        expect(top).to_contain_text("6 Punkte")
        expect(page.locator("#workshops-announcer")).to_have_text(re.compile("Offen"))
        assert_no_serious_axe_violations(page)
        page.goto(live_server.url + presenter_path.removesuffix("/present"))
        expect(page.get_by_role("heading", name="Abstimmungsrunden")).to_be_visible()
        assert_no_serious_axe_violations(page)
        page.get_by_role("link", name="Ergebnisse", exact=True).click()
        expect(page.get_by_role("heading", name=re.compile("^Ergebnisse"), level=1)).to_be_visible()
        expect(page.locator("table").first).to_contain_text("Sprache früh fördern")
        assert_no_serious_axe_violations(page)
    finally:
        for context in phones:
            context.close()


def test_participant_pages_in_english_are_accessible(live_server, browser):
    _seed(live_server.app)
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        phone = context.new_page()
        phone.goto(live_server.url + "/w/TEST36")
        expect(phone.get_by_role("heading", name="Welcome")).to_be_visible()
        assert_no_serious_axe_violations(phone)
        phone.get_by_role("button", name="Join").click()
        expect(phone.locator(".workshops-remaining")).to_have_text("5 of 5 dots left")
        phone.get_by_label("One dot more for: Vereine öffnen").click()
        phone.get_by_role("button", name="Cast vote").click()
        expect(phone.get_by_text("Your vote is saved.")).to_be_visible()
        assert_no_serious_axe_violations(phone)
    finally:
        context.close()
