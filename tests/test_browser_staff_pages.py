"""Staff pages in a real browser: the navigation fits one line at 1366 px with the account links in a menu,
the favicon is served, and the question editor shows only the fields the chosen type needs (desktop and phone)."""
from __future__ import annotations

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def _lead_with_survey(app) -> int:
    from app.auth import services as auth
    from app.projects import services as projects
    from app.surveys import services as surveys

    with app.app_context():
        lead = auth.create_user("admin@example.org", TEST_PASSWORD, ["admin", "project_lead"])
        project = projects.create_project(title="Fortschreibung", municipality="Monheim am Rhein",
                                          template="monheim_2016", creator=lead)
        return surveys.create_survey(project, title="Befragung", languages=["en"], is_draft=True).id


def test_navigation_fits_one_line_at_1366_px_and_the_favicon_is_served(live_server, page):
    _lead_with_survey(live_server.app)
    page.set_viewport_size({"width": 1366, "height": 800})
    browser_login(page, live_server.url, "admin@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    tops = page.locator("#main-nav .nav-link:visible").evaluate_all(
        "links => links.map(link => Math.round(link.getBoundingClientRect().top))")
    assert len(tops) >= 4 and max(tops) - min(tops) <= 4, tops
    assert not page.get_by_role("link", name="Passwort ändern").is_visible()
    page.get_by_text("Konto", exact=True).click()
    page.get_by_role("link", name="Passwort ändern").wait_for()
    assert page.get_by_role("button", name="Abmelden").is_visible()
    assert_no_serious_axe_violations(page)

    icon = page.request.get(live_server.url + "/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/")
    assert page.locator("link[rel=icon]").get_attribute("href") == "/favicon.ico"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_question_editor_shows_only_what_the_type_needs(live_server, page, viewport):
    survey_id = _lead_with_survey(live_server.app)
    page.set_viewport_size(viewport)
    browser_login(page, live_server.url, "admin@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    page.goto(f"{live_server.url}/surveys/{survey_id}/questions/new")
    options, scale = page.get_by_label("Optionen (eine je Zeile", exact=False), page.get_by_label("Skala von")
    assert not options.is_visible() and not scale.is_visible()  # free text needs neither
    page.get_by_label("Fragetyp").select_option(label="Einfachauswahl")
    assert options.is_visible() and not scale.is_visible()
    assert page.get_by_label("Optionen (English)").is_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Fragetyp").select_option(label="Skala")
    assert scale.is_visible() and not options.is_visible() and not page.get_by_label("Optionen (English)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    page.get_by_label("Fragetyp").select_option(label="Rangfolge")
    page.get_by_label("Fragetext", exact=True).fill("Was ist am dringendsten?")
    options.fill("kita = Kinderbetreuung\nwork = Arbeit")
    page.get_by_label("Optionen (English)").fill("Childcare\nWork")
    page.get_by_role("button", name="Frage speichern").click()
    page.get_by_text("Die Frage wurde angelegt.").wait_for()
    with live_server.app.app_context():
        from app.extensions import db
        from app.surveys.models import Question

        question = db.session.query(Question).one()
        assert question.translations["en"]["options"] == {"kita": "Childcare", "work": "Work"}


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_a_draft_shows_what_is_missing_and_participants_see_a_clear_page(live_server, page, viewport):
    from app.surveys import invitations, respondent_records

    survey_id = _lead_with_survey(live_server.app)
    with live_server.app.app_context():
        from app.extensions import db
        from app.surveys.models import Survey

        respondent = respondent_records.add_respondent(db.session.get(Survey, survey_id), channel="personal")
        token = invitations.issue_link(respondent)
        db.session.commit()
    page.set_viewport_size(viewport)
    browser_login(page, live_server.url, "admin@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    page.goto(f"{live_server.url}/surveys/{survey_id}")
    page.get_by_role("heading", name="Entwurf: noch nicht geöffnet").wait_for()
    assert page.get_by_text("Der Leitfaden hat noch keine Fragen.").is_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Befragung öffnen").click()
    page.get_by_text("Die Befragung kann noch nicht geöffnet werden.", exact=False).first.wait_for()

    page.goto(f"{live_server.url}/s/{token}?lang=en")
    page.get_by_role("heading", name="The survey has not started yet").wait_for()
    assert_no_serious_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
