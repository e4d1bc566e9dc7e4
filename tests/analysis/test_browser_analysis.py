"""In a real browser: merge two themes on the board, accept code suggestions; axe-core clean on board and coding."""
from __future__ import annotations

import pytest

from tests.analysis.conftest import create_survey, standard_people
from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def _seed(app):
    from app.analysis import codebook, services
    from app.analysis.models import Passage
    from app.auth import services as auth_services
    from app.extensions import db
    from app.projects import services as project_services

    with app.app_context():
        user = auth_services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = project_services.create_project(title="Integrationskonzept", municipality="Monheim am Rhein",
                                                  template="monheim_2016", creator=user)
        survey = create_survey(project, standard_people())
        analysis = services.create_analysis(project, title="Interviews", scope="survey", survey_id=survey.id,
                                            theme_count=3)
        services.run_analysis(analysis)
        codes = {topic: codebook.create_code(analysis, name=name, definition=name).id for topic, name in
                 (("Kita", "Kinderbetreuung"), ("Verein", "Vereinsleben"), ("Sprachkurs", "Sprache"))}
        done = {topic: 0 for topic in codes}
        for passage in db.session.query(Passage).order_by(Passage.id).all():
            topic = next(t for t in codes if t in passage.text)
            if done[topic] < 4:
                done[topic] += 1
                codebook.set_passage_codes(passage, [codes[topic]], user)
        codebook.suggest_codes(analysis)
        return project.id, analysis.id, [t.label for t in analysis.themes]


def test_merge_two_themes_and_accept_suggestions(live_server, page):
    project_id, analysis_id, labels = _seed(live_server.app)
    base = f"{live_server.url}/analysis/projects/{project_id}/{analysis_id}"
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()

    page.goto(base)
    page.get_by_role("heading", name="Interviews", level=1).wait_for()
    assert_no_serious_axe_violations(page)
    merge = page.locator("section[aria-labelledby=merge-heading]")
    merge.get_by_label(labels[0], exact=True).check()
    merge.get_by_label(labels[1], exact=True).check()
    merge.get_by_label("Zusammenführen in").select_option(label=labels[0])
    merge.get_by_role("button", name="Ausgewählte Themen zusammenführen").click()
    page.get_by_text("Die Themen wurden in").wait_for()
    assert page.locator("li.analysis-theme").count() == 2
    assert page.locator("li.analysis-theme").first.get_by_text("20 Passagen").count() == 1

    page.goto(base + "/suggestions?min=0")
    page.get_by_role("heading", name="Code-Vorschläge", exact=False).wait_for()
    rows = page.locator("table.analysis-suggestion-table tbody tr")
    before = rows.count()
    assert before > 1
    rows.first.get_by_role("button", name="Annehmen").click()
    page.get_by_text("Vorschlag angenommen.").wait_for()
    assert page.locator("table.analysis-suggestion-table tbody tr").count() == before - 1
    page.get_by_label("Ab Sicherheit (Prozent)", exact=True).first.fill("0")
    page.get_by_role("button", name="Alle darüber annehmen").click()
    page.get_by_text("Vorschläge wurden angenommen.").wait_for()
    assert page.locator("table.analysis-suggestion-table").count() == 0
    assert_no_serious_axe_violations(page)

    page.goto(base + "/search")
    page.get_by_label("Wort oder Wortanfang").fill("Kita")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_text("Fundstellen für").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Passage öffnen").first.click()
    page.get_by_role("heading", name="Antwort im Zusammenhang").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_role("group", name="Welche Codes treffen zu?").get_by_label("Kinderbetreuung").check()
    page.get_by_role("button", name="Speichern und weiter").click()
    page.get_by_text("Die Codes wurden gespeichert.").wait_for()

    page.goto(base + "/comparison?attribute=migration_history")
    page.get_by_role("table").first.wait_for()
    assert_no_serious_axe_violations(page)


def test_start_page_theme_page_and_codebook_are_accessible(live_server, page):
    project_id, analysis_id, _labels = _seed(live_server.app)
    base = f"{live_server.url}/analysis/projects/{project_id}"
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.get_by_role("heading", name="Projekte").wait_for()
    for path, heading in ((f"{base}/new", "Neue Auswertung"), (f"{base}/{analysis_id}/codebook", "Codebuch"),
                          (f"{base}/{analysis_id}/agreement", "Übereinstimmung zwischen Codierenden")):
        page.goto(path)
        page.get_by_role("heading", name=heading, exact=False, level=1).wait_for()
        assert_no_serious_axe_violations(page)
    page.goto(f"{base}/{analysis_id}")
    page.locator("li.analysis-theme h2 a").first.click()
    page.get_by_role("heading", name="Passagen").wait_for()
    assert_no_serious_axe_violations(page)
