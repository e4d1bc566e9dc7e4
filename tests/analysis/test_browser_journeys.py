"""In a real browser at desktop and phone size: a theme page of many passages, coding by keyboard, the job
page moving on to its result; axe-core clean."""
from __future__ import annotations

import pytest

from tests.analysis.test_browser_analysis import _seed
from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


@pytest.fixture(params=SIZES, ids=["desktop", "phone"])
def sized_page(request, page):
    page.set_viewport_size(request.param)
    return page


def test_select_all_passages_on_a_page_and_move_them_in_one_action(live_server, sized_page):
    page = sized_page
    project_id, analysis_id, labels = _seed(live_server.app)
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    page.goto(f"{live_server.url}/analysis/projects/{project_id}/{analysis_id}")
    page.locator("li.analysis-theme h2 a").first.click()
    page.get_by_role("heading", name="Passagen").wait_for()
    count = page.locator("input[name=passage_id]").count()
    assert count > 1
    assert_no_serious_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    page.get_by_role("link", name="Kompakte Ansicht").click()
    page.get_by_role("link", name="Ausführliche Ansicht").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Alle auf dieser Seite auswählen").click()
    assert page.get_by_text(f"({count} ausgewählt)").is_visible()
    page.get_by_role("button", name="Auswahl aufheben").wait_for()
    target = page.get_by_label("Verschieben nach").locator("option").first.inner_text()
    page.get_by_role("button", name="Verschieben", exact=True).click()
    page.get_by_text(f"{count} Passagen wurden nach „{target}“ verschoben.").wait_for()
    assert page.locator("input[name=passage_id]").count() == 0


def test_code_passages_with_the_keyboard(live_server, sized_page):
    page = sized_page
    project_id, analysis_id, _labels = _seed(live_server.app)
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    page.goto(f"{live_server.url}/analysis/projects/{project_id}/{analysis_id}/coding")
    page.get_by_role("heading", name="Antwort im Zusammenhang").wait_for()
    assert_no_serious_axe_violations(page)
    first_url = page.url
    codes = page.get_by_role("group", name="Welche Codes treffen zu?").get_by_role("checkbox")
    before = [codes.nth(i).is_checked() for i in range(codes.count())]
    page.keyboard.press("2")
    assert codes.nth(1).is_checked() is not before[1]
    page.keyboard.press("2")
    assert codes.nth(1).is_checked() is before[1]
    page.keyboard.press("n")
    page.wait_for_url(lambda url: url != first_url)
    page.get_by_role("heading", name="Antwort im Zusammenhang").wait_for()
    page.keyboard.press("1")
    page.keyboard.press("s")
    page.get_by_text("Die Codes wurden gespeichert.").wait_for()

    page.get_by_text("Tastenkürzel", exact=True).click()
    page.get_by_label("Tastenkürzel verwenden").uncheck()
    page.locator("h1").click()
    here = page.url
    page.keyboard.press("n")
    page.wait_for_timeout(300)
    assert page.url == here


def test_the_job_page_moves_on_to_the_result_and_keeps_the_link(live_server, sized_page):
    from app.extensions import db
    from app.jobs.models import Job

    page = sized_page
    project_id, analysis_id, _labels = _seed(live_server.app)
    result = f"/analysis/projects/{project_id}/{analysis_id}"
    with live_server.app.app_context():
        job = Job(kind="analysis", target="x:y", arguments={}, status="running", progress=0.4, message="Themen",
                  project_id=project_id)
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    page.goto(f"{live_server.url}/jobs/{job_id}?next={result}")
    page.get_by_text("Läuft:").wait_for()
    assert_no_serious_axe_violations(page)
    with live_server.app.app_context():
        running = db.session.get(Job, job_id)
        running.status, running.progress, running.result = "done", 1.0, {"url": result}
        db.session.commit()
    page.wait_for_url(f"{live_server.url}{result}", timeout=10_000)
    page.get_by_role("heading", name="Interviews", level=1).wait_for()

    page.goto(f"{live_server.url}/jobs/{job_id}?next={result}")
    page.get_by_role("link", name="Weiter zum Ergebnis").wait_for()
    assert page.url.startswith(f"{live_server.url}/jobs/{job_id}")
