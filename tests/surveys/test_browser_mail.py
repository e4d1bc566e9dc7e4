"""In a real browser: a lead imports five contacts in three languages, previews the Arabic invitation, sends, sees statuses."""
from __future__ import annotations

import os

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

CONTACTS = ("email;language;group;name\n"
            "ayse@example.org;tr;{group};Ayşe Yılmaz\n"
            "omar@example.org;ar;;Omar Haddad\n"
            "lina@example.org;ar;;\n"
            "jan@example.org;de;{group};Jan Becker\n"
            "kemal@example.org;tr;;Kemal\n")


def _shot(page, name: str) -> None:
    """Keep a screenshot when SCREENSHOT_DIR is set (to look at the pages at phone and desktop size)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name + ".png"), full_page=True)


def test_lead_imports_contacts_previews_arabic_invitation_sends_and_sees_statuses(live_server, page, tmp_path):
    from app.auth import services as auth_services
    from app.projects import services as project_services
    from app.surveys import guides, services

    live_server.app.config["MAIL_OUTBOX_DIR"] = str(tmp_path / "outbox")
    with live_server.app.app_context():
        lead = auth_services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = project_services.create_project(title="Mailprojekt", municipality="Monheim am Rhein",
                                                  template="monheim_2016", creator=lead)
        survey = services.create_survey(project, title="Zusammenleben", mode="online", languages=["tr", "ar"],
                                        translations={"ar": {"title": "العيش المشترك"}})
        guides.add_question(survey.sections[0], kind="free_text", text="Was läuft gut?")
        survey_id, group = survey.id, project.stakeholder_groups[0].name
    contacts = tmp_path / "kontakte.csv"
    contacts.write_text(CONTACTS.replace("{group}", group), encoding="utf-8")

    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/surveys/{survey_id}")
    page.get_by_role("link", name="E-Mail", exact=True).click()
    page.get_by_role("heading", name="E-Mail an Befragte", exact=False).wait_for()
    page.get_by_label("Kontakte (CSV in UTF-8 oder Excel .xlsx)").set_input_files(str(contacts))
    page.get_by_role("button", name="Kontakte hinzufügen").click()
    page.get_by_text("5 Personen hinzugefügt, 0 Adressen waren schon vorhanden.").wait_for()
    table = page.locator("#mail-status")
    assert table.locator("td[data-state='not_mailed']").count() == 5
    assert_no_serious_axe_violations(page)

    page.locator(f"a[href='/surveys/{survey_id}/mail/invitation/ar']").click()
    preview = page.locator("#mail-preview")
    preview.get_by_text("دعوة إلى الاستطلاع: العيش المشترك").wait_for()
    assert preview.locator("pre[lang='ar'][dir='rtl']").count() == 1
    assert "Alex Beispiel" in preview.inner_text()
    assert_no_serious_axe_violations(page)
    _shot(page, "mail-text-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "mail-text-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Zurück zu E-Mail").click()
    page.get_by_role("button", name="Einladungen an 5 Personen senden").click()
    # The job page forwards to the result when the job ends (it shows the link when it was done at once).
    onward = page.get_by_role("link", name="Weiter zum Ergebnis")
    onward.or_(page.locator("#mail-status")).first.wait_for(timeout=30_000)
    if onward.count():
        onward.click()
    page.locator("#mail-status td[data-state='sent']").nth(4).wait_for()
    assert table.locator("td[data-state='sent']").count() == 5
    assert page.get_by_role("link", name="E-Mail öffnen (.eml)", exact=False).count() == 5
    assert page.get_by_role("button", name="Einladung an 0 Personen senden").count() == 0
    assert page.get_by_role("button", name="Einladungen an 0 Personen senden").is_disabled()
    assert_no_serious_axe_violations(page)
    _shot(page, "mail-status-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "mail-status-phone")
