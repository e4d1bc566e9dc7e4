"""In a real browser on a phone-sized screen: a respondent completes a survey in German and in Arabic (RTL)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_no_serious_axe_violations

pytestmark = pytest.mark.browser


def _seed(live_server, count=1):
    from app.extensions import db
    from app.projects import services as project_services
    from app.surveys import guides, invitations, respondent_records, services

    with live_server.app.app_context():
        project = project_services.create_project(title="Browserprojekt", municipality="Monheim am Rhein",
                                                  template="monheim_2016")
        survey = services.create_survey(project, title="Zusammenleben", purpose="Kurze Befragung.",
                                        consent_text="Ich bin einverstanden.", languages=["en", "ar"],
                                        districts=["Mitte", "Baumberg"])
        section = survey.sections[0]
        guides.add_question(section, kind="free_text", text="Was sollte sich ändern?", is_required=True,
                            translations={"ar": {"text": "ما الذي ينبغي أن يتغير؟"}})
        guides.add_question(section, kind="single_choice", text="Wie informiert?",
                            options="mail = Per E-Mail\nevent = Veranstaltung",
                            translations={"ar": {"text": "كيف تريد أن تُبلَّغ؟",
                                                 "options": {"mail": "بالبريد الإلكتروني", "event": "فعالية"}}})
        second = guides.add_section(survey, title="Bewertung", translations={"ar": {"title": "تقييم"}})
        guides.add_question(second, kind="scale", text="Wie wohl fühlen Sie sich?", scale_min=1, scale_max=5,
                            scale_labels={"1": "gar nicht", "5": "sehr"},
                            translations={"ar": {"text": "ما مدى ارتياحك؟"}})
        guides.add_question(second, kind="ranking", text="Was ist am dringendsten?",
                            options="language = Sprache\nwork = Arbeit",
                            translations={"ar": {"text": "ما الأكثر إلحاحًا؟",
                                                 "options": {"language": "اللغة", "work": "العمل"}}})
        tokens = []
        for _ in range(count):
            respondent = respondent_records.add_respondent(survey, channel="personal")
            tokens.append(invitations.issue_link(respondent))
        db.session.commit()
        return survey.id, tokens


def _status(live_server, survey_id):
    from app.extensions import db
    from app.surveys.models import Survey

    with live_server.app.app_context():
        return [(r.status, r.language, len(r.answers)) for r in db.session.get(Survey, survey_id).respondents]


def test_respondent_completes_survey_on_a_phone_in_german(live_server, browser):
    survey_id, (token,) = _seed(live_server)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{token}")
    page.get_by_role("heading", name="Zusammenleben", level=1).wait_for()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_no_serious_axe_violations(page)

    page.get_by_role("button", name="Befragung beginnen").click()
    # The focus moves once app.js has run: expect() retries instead of racing the script.
    expect(page.locator(".error-summary")).to_be_focused()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Ich habe den Text gelesen").check()
    page.get_by_role("button", name="Befragung beginnen").click()

    page.get_by_text("Schritt 1 von 4").wait_for()
    page.get_by_role("button", name="Weiter", exact=True).click()
    page.locator(".error-summary").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Was sollte sich ändern?").fill("Mehr Sprachkurse am Abend und ein Begegnungscafé.")
    page.get_by_label("Per E-Mail").check()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Weiter", exact=True).click()

    page.get_by_text("Schritt 2 von 4").wait_for()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Nach oben: Arbeit").click()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Weiter", exact=True).click()

    page.get_by_text("Schritt 3 von 4").wait_for()
    page.get_by_label("In welchem Stadtteil wohnen Sie?").select_option("Baumberg")
    page.get_by_role("button", name="Weiter", exact=True).click()

    page.get_by_role("heading", name="Ihre Antworten prüfen").wait_for()
    expect(page.locator("ol.surveys-ranking li")).to_have_text(["Arbeit", "Sprache"])
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Antworten abschicken").click()
    page.get_by_role("heading", name="Vielen Dank!").wait_for()
    assert_no_serious_axe_violations(page)
    assert _status(live_server, survey_id) == [("completed", "de", 4)]
    context.close()


def test_respondent_completes_survey_on_a_phone_in_arabic(live_server, browser):
    survey_id, (token,) = _seed(live_server)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{token}")
    page.locator(".language-chooser summary").click()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert_no_serious_axe_violations(page)
    page.get_by_label("قرأت النص وأوافق على المشاركة.").check()
    page.get_by_role("button", name="ابدأ الاستطلاع").click()

    page.get_by_label("ما الذي ينبغي أن يتغير؟").fill("دورات لغة أكثر في المساء.")
    page.get_by_label("بالبريد الإلكتروني").check()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="متابعة", exact=True).click()
    page.get_by_label("3", exact=True).check()
    page.get_by_role("button", name="متابعة", exact=True).click()
    page.get_by_role("button", name="متابعة", exact=True).click()
    page.get_by_role("heading", name="راجع إجاباتك").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="إرسال الإجابات").click()
    page.get_by_role("heading", name="شكرًا جزيلًا!").wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_no_serious_axe_violations(page)
    assert _status(live_server, survey_id) == [("completed", "ar", 3)]
    context.close()
