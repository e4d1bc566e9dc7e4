"""Progress bars on the project overview draw their share: 0 % empty, 50 % half, 100 % full (desktop and phone)."""
from __future__ import annotations

import io

import pytest

from tests.browser_fixtures import assert_no_serious_axe_violations, browser_login
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

FILL, TRACK = (0x0B, 0x6E, 0x4F), (0xE9, 0xEC, 0xEF)


def _seed_groups_at_0_50_100(app) -> tuple[int, list[str]]:
    from app.auth import services as auth
    from app.extensions import db
    from app.projects import services as projects
    from app.surveys import respondent_records, services as surveys

    with app.app_context():
        lead = auth.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        project = projects.create_project(title="Fortschreibung", municipality="Monheim am Rhein",
                                          template="monheim_2016", creator=lead)
        survey = surveys.create_survey(project, title="Interviewstudie")
        groups = project.stakeholder_groups[:3]
        for group, completed in zip(groups, (0, 1, 2), strict=True):
            group.target_interviews = 2
            for _number in range(completed):
                respondent = respondent_records.add_respondent(survey, stakeholder_group_id=group.id)
                respondent.status = "completed"
        db.session.commit()
        return project.id, [group.name for group in groups]


def _colour_at(image, share: float) -> tuple:
    return image.getpixel((int(image.width * share), image.height // 2))[:3]


def _near(colour, expected) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, expected, strict=True))


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_overview_progress_bars_draw_0_50_and_100_percent(live_server, page, viewport):
    from PIL import Image

    project_id, names = _seed_groups_at_0_50_100(live_server.app)
    page.set_viewport_size(viewport)
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)
    page.goto(f"{live_server.url}/projects/{project_id}")
    for name, percent in zip(names, (0, 50, 100), strict=True):
        row = page.locator("tr", has=page.get_by_role("rowheader", name=name, exact=True))
        bar = row.locator("progress")
        assert bar.get_attribute("value") == str(percent) and bar.get_attribute("max") == "100"
        assert f"{percent} %" in row.inner_text()
        bar.scroll_into_view_if_needed()
        image = Image.open(io.BytesIO(bar.screenshot())).convert("RGB")
        left, right = _colour_at(image, 0.25), _colour_at(image, 0.75)
        assert _near(left, FILL if percent >= 50 else TRACK), (percent, left)
        assert _near(right, FILL if percent == 100 else TRACK), (percent, right)
    assert_no_serious_axe_violations(page)
