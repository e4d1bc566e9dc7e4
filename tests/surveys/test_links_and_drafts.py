"""Links handed out from a request point to where the request came in; drafts stay shut until they are ready."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from app.extensions import db


class ClientAt:
    """A test client whose requests reach ``base_url`` from ``remote`` with extra headers."""

    def __init__(self, client, base_url: str, remote: str, headers: dict):
        self.client, self.base_url, self.remote, self.headers = client, base_url, remote, headers

    def open(self, method: str, path: str, **kwargs):
        return self.client.open(path, method=method, base_url=self.base_url, headers=self.headers,
                                environ_base={"REMOTE_ADDR": self.remote}, **kwargs)

    def get(self, path: str, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.open("POST", path, **kwargs)


@pytest.fixture
def lead_at(client, make_user):
    """Return a function logging a project lead in on a client that talks to ``base_url`` from ``remote``."""
    from tests.conftest import TEST_PASSWORD

    def at(base_url: str, remote: str = "127.0.0.1", headers: dict | None = None) -> ClientAt:
        at_client = ClientAt(client, base_url, remote, headers or {})
        user = make_user(roles=("project_lead",))
        response = at_client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code in (302, 303)
        return at_client

    return at


def _links(body: str) -> list[str]:
    return re.findall(r'class="surveys-url[^"]*">([^<]+)<', body)


def test_personal_links_public_link_and_qr_sheets_start_with_the_requested_address(lead_at, make_survey):
    survey = make_survey(has_public_link=True)
    client = lead_at("https://beteiligung.monheim.example:8443", remote="192.0.2.7")

    sheet = client.post(f"/surveys/{survey.id}/invitations", data={"count": "2", "stakeholder_group_id": "0",
                                                                   "prefix": "I"})
    body = sheet.get_data(as_text=True)
    links = _links(body)
    assert sheet.status_code == 200 and len(links) == 4  # two in the table, two on the cards
    assert all(link.startswith("https://beteiligung.monheim.example:8443/s/") for link in links)
    assert "127.0.0.1" not in body and 'id="loopback-warning"' not in body

    public = client.get(f"/surveys/{survey.id}/public-sheet").get_data(as_text=True)
    assert _links(public) == [f"https://beteiligung.monheim.example:8443/s/p/{survey.public_code}"]
    show = client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    assert f'value="https://beteiligung.monheim.example:8443/s/p/{survey.public_code}"' in show


def test_behind_a_proxy_links_use_the_forwarded_address(app, lead_at, make_survey, monkeypatch):
    monkeypatch.setattr(app, "wsgi_app", ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1))
    survey = make_survey()
    client = lead_at("http://127.0.0.1:5000", remote="127.0.0.1",
                     headers={"X-Forwarded-Host": "konzept.example.de", "X-Forwarded-Proto": "https",
                              "X-Forwarded-For": "203.0.113.9"})
    body = client.post(f"/surveys/{survey.id}/invitations",
                       data={"count": "1", "stakeholder_group_id": "0", "prefix": "I"}).get_data(as_text=True)
    assert _links(body) and all(link.startswith("https://konzept.example.de/s/") for link in _links(body))
    assert 'id="loopback-warning"' not in body


@pytest.mark.parametrize(("remote", "forwarded_for", "warned"), [
    ("192.0.2.7", None, True),            # another machine reached the server's loopback address
    ("127.0.0.1", "203.0.113.9", True),   # a proxy on the server did not pass the host on
    ("127.0.0.1", None, False),           # someone working on the server itself
])
def test_loopback_links_are_warned_about_when_the_request_came_from_elsewhere(lead_at, make_survey, remote,
                                                                             forwarded_for, warned):
    survey = make_survey(has_public_link=True)
    client = lead_at("http://127.0.0.1:5000", remote=remote,
                     headers={"X-Forwarded-For": forwarded_for} if forwarded_for else None)
    for page in (client.get(f"/surveys/{survey.id}/public-sheet"), client.get(f"/surveys/{survey.id}"),
                 client.post(f"/surveys/{survey.id}/invitations",
                             data={"count": "1", "stakeholder_group_id": "0", "prefix": "I"})):
        body = page.get_data(as_text=True)
        assert page.status_code == 200
        assert ('id="loopback-warning"' in body) is warned
        assert "http://127.0.0.1:5000/s/" in body


def test_the_shell_prints_links_on_base_url(app, runner, make_survey):
    survey = make_survey()
    app.config["BASE_URL"] = "https://beteiligung.example.de/konzeptwerk"
    result = runner.invoke(args=["surveys", "invite", "--survey", str(survey.id), "--count", "1"])
    assert result.exit_code == 0, result.output
    assert "\thttps://beteiligung.example.de/konzeptwerk/s/" in result.output


# --- drafts ---------------------------------------------------------------------------------------------------

def _create(client, project, **fields):
    data = {"title": "Neue Befragung", "mode": "online", "consent_text": "", "invitation_days": "60", **fields}
    return client.post(f"/surveys/project/{project.id}/new", data=data)


def test_a_new_survey_is_a_draft_that_participants_cannot_enter(lead_client, make_project, invite):
    from app.surveys.models import Survey

    project = make_project()
    response = _create(lead_client, project, has_public_link="y")
    assert response.status_code == 302
    survey = db.session.query(Survey).one()
    assert survey.status == "draft" and survey.is_draft
    assert "Entwurf" in lead_client.get(f"/surveys/project/{project.id}").get_data(as_text=True)

    _respondent, token = invite(survey)
    for path in (f"/s/{token}", f"/s/p/{survey.public_code}"):
        page = lead_client.get(path)
        assert page.status_code == 403
        assert "Die Befragung hat noch nicht begonnen" in page.get_data(as_text=True)
        refused = lead_client.post(path, data={"consent": "yes"})
        assert refused.status_code == 403
    assert len(survey.respondents) == 1 and not survey.respondents[0].has_consent
    assert lead_client.get(f"/api/v1/survey/{token}").get_json()["survey"]["status"] == "draft"


def test_opening_checks_questions_consent_in_every_language_and_period(lead_client, make_survey):
    from app.surveys import guides

    survey = make_survey(with_guide=False, languages=("en", "ar"), consent_text="", is_draft=True)
    opened = lead_client.post(f"/surveys/{survey.id}/open", follow_redirects=True)
    body = opened.get_data(as_text=True)
    assert "Die Befragung kann noch nicht geöffnet werden." in body
    assert "noch keine Fragen" in body and "Zeitraum fehlt" in body
    assert re.search(r"Einwilligungstext fehlt in: Deutsch, English, [^.<]*ال", body)
    db.session.refresh(survey)
    assert survey.is_draft

    guides.add_question(survey.sections[0], kind="free_text", text="Was fehlt?")
    survey.consent_text = "Ich bin einverstanden."
    survey.translations = {"en": {"consent_text": "I agree."}}
    survey.opens_on, survey.closes_on = date.today(), date.today() + timedelta(days=30)
    db.session.commit()
    body = lead_client.post(f"/surveys/{survey.id}/open", follow_redirects=True).get_data(as_text=True)
    assert "Einwilligungstext fehlt in: " in body and "English" not in body.split("fehlt in:")[1][:80]
    assert db.session.get(type(survey), survey.id).is_draft

    survey.translations = {"en": {"consent_text": "I agree."}, "ar": {"consent_text": "أوافق."}}
    db.session.commit()
    body = lead_client.post(f"/surveys/{survey.id}/open", follow_redirects=True).get_data(as_text=True)
    assert "Die Befragung ist geöffnet." in body
    db.session.refresh(survey)
    assert survey.status == "open" and not survey.is_draft


@pytest.mark.parametrize("language", ["de", "de-x-ls", "en", "ar", "fa", "fr", "pl", "ru", "tr", "uk"])
def test_participants_of_draft_scheduled_and_closed_surveys_get_a_clear_page(client, make_survey, invite,
                                                                           language):
    survey = make_survey(is_draft=True)
    _respondent, token = invite(survey)
    draft = client.get(f"/s/{token}?lang={language}")
    survey.is_draft = False
    survey.opens_on = date.today() + timedelta(days=3)
    db.session.commit()
    scheduled = client.get(f"/s/{token}?lang={language}")
    survey.opens_on, survey.is_closed = None, True
    db.session.commit()
    closed = client.get(f"/s/{token}?lang={language}")
    pages = [page.get_data(as_text=True) for page in (draft, scheduled, closed)]
    assert [page.status_code for page in (draft, scheduled, closed)] == [403, 403, 403]
    headings = [re.search(r"<h1[^>]*>([^<]+)</h1>", page).group(1) for page in pages]
    assert headings[0] == headings[1] != headings[2]
    if language not in ("de", "de-x-ls"):
        assert "Befragung" not in pages[0] + pages[2] and "Datum" not in pages[1]
    assert str((date.today() + timedelta(days=3)).year) in pages[1]
