"""In a real browser: an author drafts a chapter from the evidence, saves it and exports it; axe-core clean."""
from __future__ import annotations

import io
import re

import docx
import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.concept.conftest import build_theme
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_author_drafts_and_exports_a_chapter(live_server, page):
    from app.auth import services as auth_services
    from app.concept import plans, services
    from app.projects import services as project_services

    with live_server.app.app_context():
        from app.projects import members

        auth_services.create_user("autorin@example.org", TEST_PASSWORD, [], full_name="Anna Autorin")
        project = project_services.create_project(title="Fortschreibung 2027", municipality="Monheim am Rhein",
                                                  template="monheim_2016")
        members.add_member(project, "autorin@example.org", ["author"])
        field = project.fields_of_action[1]
        build_theme(project, field, "Ehrenamt braucht Begleitung",
                    [("Nach belastenden Gesprächen fühlt man sich allein gelassen.", "Ehrenamtliches Engagement"),
                     ("Supervision wäre eine große Hilfe.", "Freie Träger der Wohlfahrtspflege")] * 3)
        project_id, field_id = project.id, field.id
        concept = services.create_concept(project)
        goal = plans.create_goal(concept, field, kind="guiding_goal", title="Engagement stärken")
        measure = plans.create_measure(concept, field, title="Supervision für Ehrenamtliche", status="running",
                                       implemented_by="SKFM, Diakonie", period="fortlaufend", goal_ids=[goal.id])
        measure_id = measure.id

    browser_login(page, live_server.url, "autorin@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/concept/{project_id}")
    page.get_by_role("heading", name="Gliederung").wait_for()
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/concept/{project_id}/fields/{field_id}")
    page.get_by_role("heading", name="4.2 Stärkung des bürgerschaftlichen Engagements").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name=re.compile(r"^Entwurf aus der Evidenz\s*: Stärken")).click()

    proposal = page.locator(".concept-proposal")
    proposal.wait_for()
    assert "Ehrenamt braucht Begleitung" in proposal.inner_text()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Entwurf übernehmen").click()
    page.get_by_text("Der Entwurf wurde übernommen").wait_for()
    sources = page.locator(".concept-sources")
    assert "Ehrenamt braucht Begleitung" in sources.inner_text()

    body = page.get_by_label("Text", exact=True)
    body.fill(body.input_value() + "\n\nDie Befragten wünschen sich **verlässliche Begleitung**.")
    page.get_by_label("Status").select_option("in_review")
    page.get_by_role("button", name="Abschnitt speichern").click()
    page.get_by_text("Der Abschnitt wurde gespeichert").wait_for()
    assert page.locator(".concept-preview strong", has_text="verlässliche Begleitung").count() == 1
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/concept/{project_id}/measures/{measure_id}")
    assert_no_serious_axe_violations(page)
    page.goto(f"{live_server.url}/concept/{project_id}/monitoring")
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/concept/{project_id}/fields/{field_id}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Kapitel als Word exportieren").click()
    download = download_info.value
    assert download.suggested_filename.endswith("Kapitel-4.2.docx")
    with open(download.path(), "rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading ")]
    assert headings[0] == "Stärkung des bürgerschaftlichen Engagements"
    assert any("verlässliche Begleitung" in p.text for p in document.paragraphs)
    assert any(r.cells[1].text.startswith("Supervision für Ehrenamtliche") for t in document.tables for r in t.rows)
