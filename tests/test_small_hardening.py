"""Small things that were seen: foreign links from ``next``, cacheable personal data, a malformed header,
deleted answers left in SQLite's write-ahead log."""
from __future__ import annotations

import html
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app.web import safe_local_url
from tests.conftest import TEST_PASSWORD
from tests.surveys.conftest import full_answers, invite, make_survey  # noqa: F401 - fixtures used below


@pytest.mark.parametrize("target", ["/\\evil.example/", "\\\\evil.example", "/\t/evil.example", "//evil.example",
                                    "https://evil.example/", "/\\/evil.example", "javascript:alert(1)", ""])
def test_foreign_or_odd_targets_are_not_local(target):
    assert safe_local_url(target) is None


def test_local_targets_stay_and_backslashes_become_slashes():
    assert safe_local_url("/projects/1?tab=2") == "/projects/1?tab=2"
    assert safe_local_url("/projects\\1") == "/projects/1"


def test_a_next_with_a_backslash_renders_no_link_to_another_host(client, make_user, login):
    from app.extensions import db
    from app.jobs.models import Job

    login(make_user(roles=("project_lead",)))
    job = Job(kind="demo", target="demo", status="done", result={})
    db.session.add(job)
    db.session.commit()
    page = client.get(f"/jobs/{job.id}?next=/%5Cevil.example/").get_data(as_text=True)
    links = [html.unescape(link).replace("\\", "/") for link in re.findall(r'href="([^"]*)"', page)]
    assert links and not [link for link in links if link.startswith(("//", "http"))]


def test_the_language_switch_never_leaves_the_site(client):
    response = client.get("/pages/language/en?next=/%5Cevil.example/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_signing_in_with_a_backslash_next_stays_on_this_host(client, make_user):
    user = make_user()
    response = client.post("/login?next=/%5Cevil.example/",
                           data={"email": user.email, "password": TEST_PASSWORD, "next": "/\\evil.example/"})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert not location.startswith(("//", "/\\", "http")) and "\\" not in location


def test_login_sends_a_well_formed_no_store_header(client):
    response = client.get("/login")
    assert response.headers.getlist("Cache-Control") == ["no-store"]


def test_downloads_with_personal_data_are_never_stored(lead_client, make_survey, invite):
    survey = make_survey()
    respondent, _token = invite(survey)
    for url in (f"/surveys/{survey.id}/export.csv", f"/surveys/{survey.id}/export.xlsx",
                f"/surveys/{survey.id}/respondents/{respondent.id}/data.json",
                f"/surveys/{survey.id}/respondents/{respondent.id}/data.csv"):
        response = lead_client.get(url)
        assert response.status_code == 200, url
        assert response.headers.getlist("Cache-Control") == ["no-store"], url


def _database_bytes(app) -> bytes:
    path = Path(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_deleting_a_respondent_leaves_no_answer_text_in_the_sqlite_files(app, lead_client, make_survey, invite):
    if app.config["DB_BACKEND"] != "sqlite":
        pytest.skip("SQLite's write-ahead log only")
    from app.surveys import respondent_records, submissions

    survey = make_survey()
    respondent, _token = invite(survey)
    secret = f"Geheimnis-{uuid.uuid4().hex}"
    name = f"Name-{uuid.uuid4().hex}"
    free_text = next(q for q in survey.ordered_questions() if q.kind == "free_text")
    submissions.record_consent(respondent, language="de", channel="online")
    submissions.save_answers(respondent, {str(free_text.id): secret})
    respondent_records.save_contact(respondent, name=name, email="")
    stored = _database_bytes(app)
    assert secret.encode() in stored and name.encode() in stored
    response = lead_client.post(f"/surveys/{survey.id}/respondents/{respondent.id}/delete")
    assert response.status_code == 302
    remaining = _database_bytes(app)
    assert secret.encode() not in remaining
    assert name.encode() not in remaining
