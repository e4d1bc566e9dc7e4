"""In a real browser: a survey ranking question answered with the reorder list on a phone (buttons, keys, a touch
drag) and with the rank dropdowns without JavaScript; the review page shows the order and the scale's label."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _seed(live_server, is_required=False):
    from app.extensions import db
    from app.projects import services as project_services
    from app.surveys import guides, invitations, respondent_records, services

    with live_server.app.app_context():
        project = project_services.create_project(title="Browserprojekt", municipality="Monheim am Rhein",
                                                  template="monheim_2016")
        survey = services.create_survey(project, title="Zusammenleben", purpose="Kurze Befragung.",
                                        consent_text="Ich bin einverstanden.", languages=["en"])
        section = survey.sections[0]
        ranking = guides.add_question(section, kind="ranking", text="Was ist am dringendsten?", is_required=is_required,
                                      options="language = Sprache\nwork = Arbeit\nhousing = Wohnen\nchildcare = Kita")
        guides.add_question(section, kind="scale", text="Wie wohl fühlen Sie sich?", scale_min=1, scale_max=5,
                            scale_labels={"1": "gar nicht", "5": "sehr"})
        respondent = respondent_records.add_respondent(survey, channel="personal")
        token = invitations.issue_link(respondent)
        db.session.commit()
        return respondent.id, ranking.id, token


def _stored(live_server, respondent_id, question_id):
    from app.extensions import db
    from app.surveys.models import Respondent

    with live_server.app.app_context():
        respondent = db.session.get(Respondent, respondent_id)
        return respondent.status, {a.question_id: a.value for a in respondent.answers}.get(question_id)


def _start(page, url, token):
    page.goto(f"{url}/s/{token}")
    page.get_by_label("Ich habe den Text gelesen").check()
    page.get_by_role("button", name="Befragung beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _finish(page):
    page.get_by_role("button", name="Weiter", exact=True).click()
    page.get_by_text("Schritt 2 von 3").wait_for()
    page.get_by_role("button", name="Weiter", exact=True).click()
    page.get_by_role("heading", name="Ihre Antworten prüfen").wait_for()


def _touch_drag(context, page, source, target):
    cdp = context.new_cdp_session(page)
    start, end = source.bounding_box(), target.bounding_box()
    x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    goal = end["y"] + 4
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 13):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": "touchMove", "touchPoints": [{"x": x, "y": y + (goal - y) * step / 12}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_respondent_ranks_on_a_phone_with_buttons_keys_and_a_finger(live_server, browser, tmp_path):
    respondent_id, question_id, token = _seed(live_server)
    context = browser.new_context(viewport=PHONE, locale="de-DE", has_touch=True, is_mobile=True)
    page = context.new_page()
    _start(page, live_server.url, token)

    items = page.locator(".ranking-list > li")
    expect(items).to_have_count(4)
    expect(page.get_by_label("Rang für „Sprache“")).to_be_hidden()
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(tmp_path / "survey-ranking-phone-start.png"), full_page=True)

    down = page.get_by_role("button", name="Nach unten: Sprache")
    down.click()
    down.click()
    expect(down).to_be_focused()
    live = page.locator(".ranking-enhanced [aria-live]")
    expect(live).to_have_text("Sprache ist jetzt auf Platz 3 von 4.")
    page.keyboard.press("Alt+ArrowDown")
    expect(live).to_have_text("Sprache ist jetzt auf Platz 4 von 4.")
    expect(down).to_be_focused()
    expect(items).to_contain_text(["Arbeit", "Wohnen", "Kita", "Sprache"])

    _touch_drag(context, page, items.nth(2).locator(".ranking-grip"), items.nth(0))
    expect(items).to_contain_text(["Kita", "Arbeit", "Wohnen", "Sprache"])
    expect(live).to_have_text("Kita ist jetzt auf Platz 1 von 4.")
    page.get_by_label("1 – gar nicht").check()
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(tmp_path / "survey-ranking-phone-moved.png"), full_page=True)

    _finish(page)
    expect(page.locator("ol.surveys-ranking li")).to_have_text(["Kita", "Arbeit", "Wohnen", "Sprache"])
    expect(page.locator("dd.surveys-review-answer").nth(1)).to_have_text("1 – gar nicht")

    # Changing the page again shows the list in the stored order.
    page.get_by_role("link", name="Ändern").first.click()
    expect(items).to_contain_text(["Kita", "Arbeit", "Wohnen", "Sprache"])
    expect(page.locator(".ranking-status")).to_contain_text("Ihre Reihenfolge steht fest")
    _finish(page)
    page.get_by_role("button", name="Antworten abschicken").click()
    page.get_by_role("heading", name="Vielen Dank!").wait_for()
    assert _stored(live_server, respondent_id, question_id) == ("completed", ["childcare", "work", "housing", "language"])
    context.close()


def test_an_untouched_list_gives_no_answer_and_looks_right_on_a_desktop(live_server, browser, tmp_path):
    respondent_id, question_id, token = _seed(live_server)
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    page = context.new_page()
    _start(page, live_server.url, token)
    expect(page.locator(".ranking-list > li")).to_have_count(4)
    # A mouse drag by the grip: the last entry to the second place.
    items = page.locator(".ranking-list > li")
    grip, target = items.nth(3).locator(".ranking-grip").bounding_box(), items.nth(1).bounding_box()
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(grip["x"] + grip["width"] / 2, target["y"] + 4, steps=10)
    page.mouse.up()
    expect(items).to_contain_text(["Sprache", "Kita", "Arbeit", "Wohnen"])
    page.get_by_role("button", name="Reihenfolge zurücksetzen").click()
    expect(page.get_by_role("button", name="Diese Reihenfolge übernehmen")).to_be_focused()
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(tmp_path / "survey-ranking-desktop.png"), full_page=True)
    _finish(page)
    expect(page.locator("dd.surveys-review-answer").first).to_have_text("Keine Antwort")
    page.get_by_role("button", name="Antworten abschicken").click()
    page.get_by_role("heading", name="Vielen Dank!").wait_for()
    assert _stored(live_server, respondent_id, question_id) == ("completed", None)
    context.close()


def test_without_javascript_the_rank_dropdowns_still_answer(live_server, browser):
    respondent_id, question_id, token = _seed(live_server)
    context = browser.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    _start(page, live_server.url, token)
    expect(page.locator(".ranking-list")).to_have_count(0)
    page.get_by_label("Rang für „Wohnen“").select_option("1")
    page.get_by_label("Rang für „Sprache“").select_option("2")
    _finish(page)
    expect(page.locator("ol.surveys-ranking li")).to_have_text(["Wohnen", "Sprache"])
    page.get_by_role("button", name="Antworten abschicken").click()
    page.get_by_role("heading", name="Vielen Dank!").wait_for()
    assert _stored(live_server, respondent_id, question_id) == ("completed", ["housing", "language"])
    context.close()


def test_the_error_summary_leads_to_the_list_of_a_required_ranking(live_server, browser):
    _respondent_id, _question_id, token = _seed(live_server, is_required=True)
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    _start(page, live_server.url, token)
    page.get_by_role("button", name="Weiter", exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Bitte beantworten Sie diese Frage.")
    summary.get_by_role("link").click()
    expect(page.locator("ol.ranking-list")).to_be_focused()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Diese Reihenfolge übernehmen").click()
    page.get_by_role("button", name="Weiter", exact=True).click()
    page.get_by_text("Schritt 2 von 3").wait_for()
    context.close()


def test_interviewer_mode_saves_a_reordered_list_by_itself(live_server, page):
    from app.auth import services as auth_services
    from app.projects import services as project_services
    from app.surveys import guides, respondent_records, services
    from tests.browser_fixtures import browser_login
    from tests.conftest import TEST_PASSWORD

    with live_server.app.app_context():
        lead = auth_services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = project_services.create_project(title="Staffprojekt", municipality="Monheim am Rhein",
                                                  template="monheim_2016", creator=lead)
        survey = services.create_survey(project, title="Interviewstudie", languages=["en"])
        question = guides.add_question(survey.sections[0], kind="ranking", text="Was ist am dringendsten?",
                                       options="language = Sprache\nwork = Arbeit\nhousing = Wohnen")
        respondent = respondent_records.add_respondent(survey, pseudonym="I-01")
        survey_id, respondent_id, question_id = survey.id, respondent.id, question.id

    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/surveys/{survey_id}/respondents/{respondent_id}/interview")
    page.get_by_label("Die befragte Person hat diesem Text zugestimmt", exact=False).check()
    page.get_by_text("Automatisch gespeichert.").wait_for()
    page.get_by_role("button", name="Nach oben: Wohnen").click()
    expect(page.locator(".ranking-enhanced [aria-live]")).to_have_text("Wohnen ist jetzt auf Platz 2 von 3.")
    assert_no_serious_axe_violations(page)
    # The list's one change event starts the autosave (the status shows "pending" until the server answers).
    expect(page.locator("#autosave-status")).to_contain_text("Automatisch gespeichert.")
    assert _stored(live_server, respondent_id, question_id)[1] == ["language", "housing", "work"]
