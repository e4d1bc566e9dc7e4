"""Retention: a project's personal data goes when its period ends, the lead sees it coming, the journal counts it."""
from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import func, select

from app.auth.models import utcnow
from app.extensions import db


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_deletion_date_is_the_end_plus_whole_months():
    from app.privacy.retention import add_months

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 6, 15), 0) == date(2026, 6, 15)
    assert add_months(date(2026, 6, 15), 18) == date(2027, 12, 15)


def test_retention_run_deletes_identity_data_of_expired_projects_only(app, project_with_personal_data, caplog):
    from app.privacy.models import DeletionRecord
    from app.privacy.retention import run_retention
    from app.surveys.models import Answer, Respondent, RespondentContact
    from app.workshops.models import Participant

    today = utcnow().date()
    expired, _people = project_with_personal_data(today - timedelta(days=400), 12, title="Abgelaufen")
    running, _others = project_with_personal_data(today - timedelta(days=10), 12, title="Läuft noch")
    open_ended, _third = project_with_personal_data(None, 12, title="Ohne Ende")

    caplog.set_level(logging.INFO, logger="app.privacy.retention")
    done = run_retention(today)

    assert {(d.project_id, d.kind, d.count) for d in done} == {
        (expired.id, "surveys.contacts", 2), (expired.id, "surveys.invitations", 2), (expired.id, "workshops.names", 1)}
    in_project = Respondent.survey.has(project_id=expired.id)
    assert _count(RespondentContact, RespondentContact.respondent.has(in_project)) == 0
    assert _count(Respondent, in_project, Respondent.token_hash.is_not(None)) == 0
    assert _count(Participant, Participant.workshop.has(project_id=expired.id), Participant.display_name != "") == 0
    # The pseudonymous answers are the study's material and stay.
    assert _count(Answer, Answer.respondent.has(in_project)) == 2
    for project in (running, open_ended):
        assert _count(RespondentContact, RespondentContact.respondent.has(Respondent.survey.has(project_id=project.id))) == 2
    journal = db.session.scalars(select(DeletionRecord).order_by(DeletionRecord.id)).all()
    assert [(r.kind, r.reason, r.project_id, r.count) for r in journal] == [
        ("surveys.contacts", "retention", expired.id, 2), ("surveys.invitations", "retention", expired.id, 2),
        ("workshops.names", "retention", expired.id, 1)]
    logged = "\n".join(caplog.messages)
    assert f"project {expired.id}: surveys.contacts deleted: 2" in logged
    assert "Ayşe" not in logged and "example.org" not in logged and "Yılmaz" not in logged

    assert run_retention(today) == []
    assert _count(DeletionRecord) == 3


def test_a_kind_registered_by_another_capability_is_deleted_too(app, project_with_personal_data):
    from app.privacy.registry import PersonalDataKind, add_personal_data
    from app.privacy.retention import run_retention

    stored = {"transcripts": 4}

    def erase(project_id):
        deleted, stored["transcripts"] = stored["transcripts"], 0
        return deleted

    add_personal_data(app, PersonalDataKind("interviews.transcripts", "Transkripte",
                                            lambda project_id: stored["transcripts"], erase))
    project_with_personal_data(utcnow().date() - timedelta(days=40), 1)
    done = run_retention()
    assert ("interviews.transcripts", 4) in {(d.kind, d.count) for d in done}
    assert stored["transcripts"] == 0


def test_dry_run_and_due_list_counts_and_change_nothing(app, runner, project_with_personal_data):
    from app.surveys.models import RespondentContact

    today = utcnow().date()
    expired, _people = project_with_personal_data(today - timedelta(days=400), 12, title="Abgelaufen")
    soon, _others = project_with_personal_data(today - timedelta(days=350), 12, title="Bald")

    result = runner.invoke(args=["retention", "run", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"project {expired.id}: surveys.contacts: would delete 2" in result.output
    assert f"project {soon.id}" not in result.output
    assert _count(RespondentContact) == 4

    result = runner.invoke(args=["retention", "due", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert f"project {soon.id}: deleted on" in result.output and f"project {expired.id}: deleted on" in result.output
    assert "example.org" not in result.output

    result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 0 and "deleted 5 items in 1 projects" in result.output
    assert _count(RespondentContact) == 2


def test_lead_sees_what_goes_in_the_next_30_days(app, lead_client, project_with_personal_data):
    today = utcnow().date()
    project, _people = project_with_personal_data(today - timedelta(days=355), 12)
    from app.privacy.retention import add_months

    deletion_day = add_months(project.period_end, 12)
    days_left = (deletion_day - today).days
    assert 0 < days_left <= 30

    overview = lead_client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "5 Einträge mit personenbezogenen Daten gelöscht" in overview
    page = lead_client.get(f"/privacy/projects/{project.id}/retention")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f"In {days_left} Tag" in html
    assert "Kontaktdaten von Befragten (Name, E-Mail)" in html and "Persönliche Einladungslinks" in html
    assert "ayse@example.org" not in html and "Ayşe" not in html


def test_lead_sets_the_period_and_bad_input_changes_nothing(app, lead_client, project_with_personal_data):
    project, _people = project_with_personal_data(date(2026, 3, 31), None)
    page = lead_client.get(f"/privacy/projects/{project.id}/retention").get_data(as_text=True)
    assert "keine Aufbewahrungsfrist festgelegt" in page

    response = lead_client.post(f"/privacy/projects/{project.id}/retention", data={"retention_months": "-3"})
    assert response.status_code == 422
    assert "Bitte eine Zahl von 0 bis 120 Monaten angeben." in response.get_data(as_text=True)
    db.session.refresh(project)
    assert project.retention_months is None

    response = lead_client.post(f"/privacy/projects/{project.id}/retention", data={"retention_months": "6"})
    assert response.status_code == 302
    db.session.refresh(project)
    assert project.retention_months == 6
    page = lead_client.get(f"/privacy/projects/{project.id}/retention").get_data(as_text=True)
    assert "30. September 2026" in page


def test_the_retention_page_is_for_project_leads(app, client, make_user, login, project_with_personal_data):
    project, _people = project_with_personal_data(date(2026, 3, 31))
    login(make_user(roles=("facilitator",)))
    assert client.get(f"/privacy/projects/{project.id}/retention").status_code == 403
    assert "Aufbewahrung" not in client.get(f"/projects/{project.id}").get_data(as_text=True)


def test_new_projects_keep_personal_data_twelve_months_by_default(app, make_project):
    assert make_project().retention_months == 12


def test_the_web_process_runs_retention_once_a_day(app, project_with_personal_data):
    from app.privacy.schedule import process_day_claim, retention_runner, run_once_a_day
    from app.surveys.models import RespondentContact

    project_with_personal_data(utcnow().date() - timedelta(days=400), 12)
    assert retention_runner(app) == "web"
    claim = process_day_claim()
    assert run_once_a_day(app, claim) is True
    assert _count(RespondentContact) == 0
    assert run_once_a_day(app, claim) is False
    app.config.update(JOBS_BACKEND="rq")
    assert retention_runner(app) == "worker"
    app.config.update(RETENTION_SCHEDULE="off")
    assert retention_runner(app) == "off"
