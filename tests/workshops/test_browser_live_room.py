"""In a real browser: the facilitator moves through three rounds from the projector while two phones follow
without reloading; the "+" keeps focus usable at its limit; axe-core clean at phone and desktop size."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TITLES = ("Welche Ziele zuerst?", "Wie sehr stimmen Sie zu?", "Welche Maßnahmen zuerst?")


def _seed(app):
    from app.auth import services as auth_services
    from app.projects import members
    from app.projects import services as project_services
    from app.workshops import services

    with app.app_context():
        auth_services.create_user("moderation@example.org", TEST_PASSWORD, [])
        project = project_services.create_project(title="Integrationskonzept Teststadt", municipality="Teststadt",
                                                  template="monheim_2016")
        members.add_member(project, "moderation@example.org", ["facilitator"])
        workshop = services.create_workshop(project, title="Entscheider-Workshop", kind="decision_maker",
                                            join_code="LIVE36")
        items = [services.create_item(workshop, kind="guiding_goal", title=title)
                 for title in ("Sprache früh fördern", "Ehrenamt stärken", "Vereine öffnen")]
        ids = [i.id for i in items]
        services.create_round(workshop, title=TITLES[0], method="dots", item_ids=ids, budget=3, max_per_item=2)
        services.create_round(workshop, title=TITLES[1], method="rating", item_ids=ids)
        services.create_round(workshop, title=TITLES[2], method="dots", item_ids=ids, budget=2, max_per_item=1)
        return f"/workshops/projects/{project.id}/{workshop.id}/present"


def test_the_facilitator_moves_through_three_rounds_and_two_phones_follow(live_server, page, browser):
    presenter_path = _seed(live_server.app)
    page.set_viewport_size(DESKTOP)
    browser_login(page, live_server.url, "moderation@example.org", TEST_PASSWORD)
    page.goto(live_server.url + presenter_path)
    expect(page.locator(".workshops-code").first).to_have_text("LIVE36")

    contexts = [browser.new_context(viewport=PHONE, locale="de-DE") for _n in range(2)]
    try:
        phones = []
        for context in contexts:
            phone = context.new_page()
            phone.goto(live_server.url + "/w/LIVE36")
            phone.get_by_role("button", name="Teilnehmen").click()
            expect(phone.get_by_text("Gerade ist keine Abstimmung geöffnet.")).to_be_visible()
            phone.evaluate("window.stillTheSamePage = true")
            phones.append(phone)

        for number, title in enumerate(TITLES):
            page.wait_for_load_state("load")  # the shortcuts listen once the page's script has run
            page.keyboard.press("n")  # the facilitator moves on: the next round opens, the last one closes
            expect(page.locator(".workshops-panel h2")).to_contain_text(title)
            expect(page.locator(".workshops-code").first).to_be_visible()
            for phone in phones:
                expect(phone.get_by_role("heading", name=title)).to_be_visible(timeout=15000)
                assert phone.evaluate("window.stillTheSamePage === true"), "the phone reloaded"
                expect(phone.locator("section.workshops-round")).to_have_count(1)
            if number == 0:
                assert_no_serious_axe_violations(phones[0])
                assert_no_serious_axe_violations(page)
                first = phones[0]
                more = first.get_by_role("button", name="Einen Punkt mehr für: Sprache früh fördern")
                more.focus()
                more.click()
                more.click()
                expect(more).to_be_disabled()
                # Focus stays on a usable control instead of falling to the page.
                expect(first.locator("input[name^='item-']").first).to_be_focused()
                first.get_by_role("button", name="Stimme abgeben").click()
                expect(first.get_by_text("Ihre Stimme ist gespeichert.")).to_be_visible()
                first.evaluate("window.stillTheSamePage = true")
                expect(page.locator(".workshops-ballots")).to_have_text("1 Stimmzettel")
        page.wait_for_load_state("load")
        page.keyboard.press("p")
        expect(page.locator(".workshops-panel h2")).to_contain_text(TITLES[1])
        page.wait_for_load_state("load")
        page.keyboard.press("n")
        expect(page.locator(".workshops-panel h2")).to_contain_text(TITLES[2])
        assert_no_serious_axe_violations(phones[1])
        page.set_viewport_size(PHONE)
        assert_no_serious_axe_violations(page)
    finally:
        for context in contexts:
            context.close()
