"""In a real browser on a phone: a ranking round answered with the reorder list (buttons, keys, a touch drag)
and, without JavaScript, with the place dropdowns; both store the same ballot."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TITLES = ("Sprache früh fördern", "Ehrenamt stärken", "Vereine öffnen", "Wohnen im Quartier")


def _seed(app, is_open=True):
    from app.projects import services as project_services
    from app.workshops import services

    with app.app_context():
        project = project_services.create_project(title="Integrationskonzept Teststadt", municipality="Teststadt",
                                                  template="monheim_2016")
        workshop = services.create_workshop(project, title="Entscheider-Workshop", kind="decision_maker",
                                            join_code="RANK36")
        items = [services.create_item(workshop, kind="guiding_goal", title=title) for title in TITLES]
        voting_round = services.create_round(workshop, title="Was ist am wichtigsten?", method="ranking",
                                             item_ids=[i.id for i in items], budget=3)
        if is_open:
            services.open_round(voting_round)
        return voting_round.id


def _stored_ranking(app, round_id) -> dict[str, int]:
    from app.extensions import db
    from app.workshops.models import VotingRound, WorkshopItem

    with app.app_context():
        db.session.expire_all()
        (ballot,) = db.session.get(VotingRound, round_id).ballots
        return {db.session.get(WorkshopItem, entry.item_id).title: entry.value for entry in ballot.entries}


def _join(page, base_url):
    page.goto(base_url + "/w/")
    page.get_by_label("Teilnahme-Code").fill("rank36")
    page.get_by_role("button", name="Weiter").click()
    page.get_by_role("button", name="Teilnehmen").click()


def _touch_drag(context, page, source, target):
    """Drag with a finger: touch events through the DevTools protocol (Chromium turns them into pointer events)."""
    cdp = context.new_cdp_session(page)
    start, end = source.bounding_box(), target.bounding_box()
    x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    goal = end["y"] + 4
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    steps = 12
    for step in range(1, steps + 1):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": "touchMove", "touchPoints": [{"x": x, "y": y + (goal - y) * step / steps}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_phone_ranks_with_buttons_keys_and_a_touch_drag(live_server, browser, tmp_path):
    round_id = _seed(live_server.app)
    context = browser.new_context(viewport=PHONE, locale="de-DE", has_touch=True, is_mobile=True)
    page = context.new_page()
    _join(page, live_server.url)

    items = page.locator(".ranking-list > li")
    expect(items).to_have_count(4)
    expect(page.locator("select.workshops-rank-select").first).to_be_hidden()
    expect(page.locator(".ranking-status")).to_contain_text("noch keine Reihenfolge")
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(tmp_path / "ranking-phone-start.png"), full_page=True)

    # Buttons: the first entry one place down; the focus stays on the button that moved it.
    down = page.get_by_role("button", name="Nach unten: Sprache früh fördern")
    down.click()
    expect(items.nth(1)).to_contain_text("Sprache früh fördern")
    expect(down).to_be_focused()
    live = page.locator(".ranking-enhanced [aria-live]")
    expect(live).to_have_text("Sprache früh fördern ist jetzt auf Platz 2 von 3.")

    # Keys: the last entry up with the arrow key on its button, then once more with Alt + arrow.
    up = page.get_by_role("button", name="Nach oben: Wohnen im Quartier")
    up.focus()
    page.keyboard.press("ArrowUp")
    expect(live).to_have_text("Wohnen im Quartier ist jetzt auf Platz 3 von 3.")
    page.keyboard.press("Alt+ArrowUp")
    expect(live).to_have_text("Wohnen im Quartier ist jetzt auf Platz 2 von 3.")
    expect(up).to_be_focused()
    expect(items).to_contain_text(["Ehrenamt stärken", "Wohnen im Quartier", "Sprache früh fördern", "Vereine öffnen"])

    # A finger drags the last entry by its grip to the top.
    _touch_drag(context, page, items.nth(3).locator(".ranking-grip"), items.nth(0))
    expect(items).to_contain_text(["Vereine öffnen", "Ehrenamt stärken", "Wohnen im Quartier", "Sprache früh fördern"])
    expect(live).to_have_text("Vereine öffnen ist jetzt auf Platz 1 von 3.")
    expect(items.nth(3)).to_contain_text("kein Platz")
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(tmp_path / "ranking-phone-moved.png"), full_page=True)

    page.get_by_role("button", name="Stimme abgeben").click()
    expect(page.get_by_text("Ihre Stimme ist gespeichert.")).to_be_visible()
    assert _stored_ranking(live_server.app, round_id) == {
        "Vereine öffnen": 1, "Ehrenamt stärken": 2, "Wohnen im Quartier": 3}
    # Back on the page, the list shows the stored order.
    expect(items).to_contain_text(["Vereine öffnen", "Ehrenamt stärken", "Wohnen im Quartier", "Sprache früh fördern"])
    expect(page.locator(".ranking-status")).to_contain_text("Ihre Reihenfolge steht fest")
    context.close()


def test_the_order_as_shown_is_taken_only_when_accepted(live_server, browser):
    round_id = _seed(live_server.app)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    _join(page, live_server.url)
    page.get_by_role("button", name="Stimme abgeben").click()
    expect(page.locator(".error-summary")).to_contain_text("Bitte bringen Sie die Einträge in eine Reihenfolge.")
    accept = page.get_by_role("button", name="Diese Reihenfolge übernehmen")
    accept.click()
    expect(page.get_by_role("button", name="Reihenfolge zurücksetzen")).to_be_focused()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Stimme abgeben").click()
    expect(page.get_by_text("Ihre Stimme ist gespeichert.")).to_be_visible()
    assert _stored_ranking(live_server.app, round_id) == {
        "Sprache früh fördern": 1, "Ehrenamt stärken": 2, "Vereine öffnen": 3}
    context.close()


def test_without_javascript_the_place_dropdowns_still_vote(live_server, browser):
    round_id = _seed(live_server.app)
    context = browser.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    _join(page, live_server.url)
    expect(page.locator(".ranking-list")).to_have_count(0)
    page.get_by_label("Wohnen im Quartier").select_option(label="Platz 1")
    page.get_by_label("Sprache früh fördern").select_option(label="Platz 2")
    page.get_by_role("button", name="Stimme abgeben").click()
    expect(page.get_by_text("Ihre Stimme ist gespeichert.")).to_be_visible()
    assert _stored_ranking(live_server.app, round_id) == {"Wohnen im Quartier": 1, "Sprache früh fördern": 2}
    context.close()


def test_a_ranking_round_opened_later_arrives_on_the_phone_as_a_list(live_server, browser):
    from app.extensions import db
    from app.workshops import services
    from app.workshops.models import VotingRound

    round_id = _seed(live_server.app, is_open=False)
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    _join(page, live_server.url)
    expect(page.get_by_text("Gerade ist keine Abstimmung geöffnet.")).to_be_visible()
    with live_server.app.app_context():
        services.open_round(db.session.get(VotingRound, round_id))
    # Without reloading: the phone polls and takes the new round, enhanced like one that was there from the start.
    expect(page.locator(".ranking-list > li")).to_have_count(4, timeout=20_000)
    page.get_by_role("button", name="Nach oben: Vereine öffnen").click()
    page.get_by_role("button", name="Stimme abgeben").click()
    expect(page.get_by_text("Ihre Stimme ist gespeichert.")).to_be_visible()
    assert _stored_ranking(live_server.app, round_id) == {
        "Sprache früh fördern": 1, "Vereine öffnen": 2, "Ehrenamt stärken": 3}
    context.close()
