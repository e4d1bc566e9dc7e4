"""Residents register for an event: places first, then the waiting list; registrations go after the event."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.outreach.models import Registration
from app.privacy.models import DeletionRecord


def _register(client, page, event, name, **extra):
    data = {"name": name, "email": "", "consent": "y"}
    data.update(extra)
    return client.post(f"/p/{page.slug}/events/{event.id}", data=data)


def test_registration_fills_the_places_then_the_waiting_list(client, make_project, make_event, publish):
    project = make_project()
    page = publish(project)
    event = make_event(project, has_registration=True, capacity=2)
    assert "Sie sind angemeldet" in _register(client, page, event, "Ayşe").get_data(as_text=True)
    assert "Sie sind angemeldet" in _register(client, page, event, "Jonas").get_data(as_text=True)
    third = _register(client, page, event, "Olena").get_data(as_text=True)
    assert "Warteliste" in third
    assert [(r.name, r.state) for r in event.registrations] == [
        ("Ayşe", "confirmed"), ("Jonas", "confirmed"), ("Olena", "waiting")]
    page_text = client.get(f"/p/{page.slug}/events/{event.id}").get_data(as_text=True)
    assert "Alle Plätze sind vergeben" in page_text
    assert "Ayşe" not in page_text and "Jonas" not in page_text


def test_a_freed_place_goes_to_the_first_on_the_waiting_list(app, make_project, make_event, publish):
    from app.outreach import services

    project = make_project()
    publish(project)
    event = make_event(project, has_registration=True, capacity=1)
    first = services.register_for_event(event, name="A", consent=True)
    services.register_for_event(event, name="B", consent=True)
    services.register_for_event(event, name="C", consent=True)
    moved = services.delete_registration(first)
    assert [r.name for r in moved] == ["B"]
    assert [(r.name, r.state) for r in event.registrations] == [("B", "confirmed"), ("C", "waiting")]
    assert db.session.scalar(select(DeletionRecord.kind)) == "outreach.registration"


def test_registration_without_consent_or_name_is_refused_and_stores_nothing(client, make_project, make_event,
                                                                             publish):
    project = make_project()
    page = publish(project)
    event = make_event(project, has_registration=True)
    refused = _register(client, page, event, "Ayşe", consent="")
    assert refused.status_code == 422
    assert "Bitte stimmen Sie der Speicherung zu" in refused.get_data(as_text=True)
    nameless = _register(client, page, event, "  ")
    assert nameless.status_code == 422
    bad_mail = _register(client, page, event, "Ayşe", email="not-an-address")
    assert bad_mail.status_code == 422
    assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_refusals_come_in_the_residents_language(client, make_project, make_event, publish):
    project = make_project()
    page = publish(project)
    event = make_event(project, has_registration=True)
    refused = client.post(f"/p/{page.slug}/events/{event.id}?lang=tr", data={"name": "Ayşe"})
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert 'lang="tr"' in text
    assert "Bitte stimmen Sie der Speicherung zu" not in text


def test_events_without_registration_take_none(client, make_project, make_event, publish):
    project = make_project()
    page = publish(project)
    event = make_event(project, has_registration=False)
    assert _register(client, page, event, "Ayşe").status_code == 422
    assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_registrations_are_deleted_the_retention_period_after_the_event(app, make_project, make_event, publish):
    from app.outreach import services
    from app.privacy.retention import run_retention

    project = make_project()
    publish(project, retention_days=14)
    past = make_event(project, title="Vorbei", has_registration=True)
    kept = make_event(project, title="Später", days=40, has_registration=True)
    services.register_for_event(past, name="A", email="a@example.org", consent=True)
    services.register_for_event(past, name="B", consent=True)
    services.register_for_event(kept, name="C", consent=True)
    event_day = past.starts_at.date()

    assert run_retention(today=event_day + timedelta(days=14)) == []
    assert len(past.registrations) == 2

    done = run_retention(today=event_day + timedelta(days=15))
    assert [(d.project_id, d.kind, d.count) for d in done] == [(project.id, "outreach.event_registrations", 2)]
    assert past.registrations == []
    assert [r.name for r in kept.registrations] == ["C"]
    journal = db.session.scalars(select(DeletionRecord)).all()
    assert [(j.kind, j.reason, j.subject_id, j.count) for j in journal] == [
        ("outreach.event_registrations", "retention", past.id, 2)]
    assert run_retention(today=event_day + timedelta(days=16)) == []


def test_a_restored_backup_loses_the_expired_registrations_again(app, make_project, make_event, publish):
    from app.outreach import services
    from app.privacy.journal import journal_entries, replay_entries
    from app.privacy.retention import run_retention

    project = make_project()
    publish(project, retention_days=0)
    event = make_event(project, has_registration=True)
    services.register_for_event(event, name="A", consent=True)
    run_retention(today=event.starts_at.date() + timedelta(days=1))
    entries = journal_entries()
    # As if a backup from before the deletion came back:
    db.session.add(Registration(event_id=event.id, name="A", consent_text=""))
    db.session.commit()
    outcomes = replay_entries(entries)
    assert outcomes[("outreach.event_registrations", "deleted")] == 1
    assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_the_retention_page_counts_registrations(lead_client, make_project, make_event, publish):
    from app.outreach import services

    project = make_project()
    publish(project)
    event = make_event(project, has_registration=True)
    services.register_for_event(event, name="A", consent=True)
    text = lead_client.get(f"/privacy/projects/{project.id}/retention").get_data(as_text=True)
    assert "Anmeldungen zu Veranstaltungen" in text


def test_no_registration_once_the_event_has_begun(app, make_project, make_event, publish):
    import pytest

    from app.errors import ValidationError
    from app.outreach import services

    project = make_project()
    publish(project)
    event = make_event(project, has_registration=True, days=-1)
    with pytest.raises(ValidationError):
        services.register_for_event(event, name="A", consent=True)


def test_only_leads_and_facilitators_see_and_delete_registrations(client, make_user, login, make_project,
                                                                  make_event, publish):
    from app.outreach import services
    from app.projects.models import ProjectMember

    project = make_project()
    publish(project)
    event = make_event(project, has_registration=True)
    registration = services.register_for_event(event, name="Ayşe Yılmaz", consent=True)
    author = make_user(roles=(), email="autorin@example.org")
    db.session.add(ProjectMember(project_id=project.id, user_id=author.id, role="author"))
    db.session.commit()
    login(author)
    page = client.get(f"/outreach/{project.id}/events/{event.id}").get_data(as_text=True)
    assert "1 angemeldet" in page
    assert "Ayşe Yılmaz" not in page
    delete = client.post(f"/outreach/{project.id}/events/{event.id}/registrations/{registration.id}/delete")
    assert delete.status_code == 403
    assert len(event.registrations) == 1


def test_deleting_a_registration_is_written_to_the_audit_log(lead_client, make_project, make_event, publish):
    from app.outreach import services
    from app.projects.models import ProjectAuditEvent

    project = make_project()
    publish(project)
    event = make_event(project, has_registration=True)
    registration = services.register_for_event(event, name="Ayşe Yılmaz", consent=True)
    response = lead_client.post(f"/outreach/{project.id}/events/{event.id}/registrations/{registration.id}/delete")
    assert response.status_code == 302
    entries = db.session.scalars(select(ProjectAuditEvent).where(ProjectAuditEvent.project_id == project.id)).all()
    assert [e.action for e in entries] == ["deleted"]
    assert all("Ayşe" not in str(vars(e)) for e in entries)
