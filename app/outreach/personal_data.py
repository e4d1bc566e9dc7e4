"""Personal data outreach keeps: event registrations (a name, maybe an e-mail), for retention and the journal.

Registrations go ``registration_retention_days`` after their event (the project's page settings),
through the daily retention run, and all at once when the project's own retention period ends.
Staff deleting one registration or an event with registrations is journalled and replayed
after a backup is restored.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from app.extensions import db
from app.outreach.models import DEFAULT_REGISTRATION_RETENTION_DAYS, Event, PublicPage, Registration
from app.privacy.journal import record_deletion
from app.privacy.registry import Erasure, Expiry, PersonalDataKind, add_erasure, add_expiry, add_personal_data


def _event_ids(project_id: int):
    return select(Event.id).where(Event.project_id == project_id)


def count_registrations(project_id: int) -> int:
    """Return how many registrations for the project's events are stored."""
    return db.session.scalar(select(func.count(Registration.id)).where(Registration.event_id.in_(_event_ids(project_id))))


def erase_registrations(project_id: int) -> int:
    """Delete every registration for the project's events (no commit)."""
    result = db.session.execute(delete(Registration).where(Registration.event_id.in_(_event_ids(project_id)))
                                .execution_options(synchronize_session=False))
    db.session.expire_all()
    return result.rowcount


def registration_deadline(event: Event, retention_days: int) -> datetime:
    """Return when an event's registrations are due for deletion: the end of its day plus the retention days."""
    return datetime.combine(event.ends_or_starts_at.date() + timedelta(days=retention_days + 1), time.min)


def expired_events(today: date) -> list[tuple[Event, int]]:
    """Return the events holding registrations past their deadline, with the count each holds."""
    rows = db.session.execute(
        select(Event, func.count(Registration.id), PublicPage.registration_retention_days)
        .join(Registration, Registration.event_id == Event.id)
        .outerjoin(PublicPage, PublicPage.project_id == Event.project_id)
        .group_by(Event.id, PublicPage.registration_retention_days)
        .order_by(Event.id)).all()
    now = datetime.combine(today, time.min)
    return [(event, count) for event, count, days in rows
            if registration_deadline(event, DEFAULT_REGISTRATION_RETENTION_DAYS if days is None else days) <= now]


def expire_registrations(today: date, dry_run: bool = False) -> dict[int, int]:
    """Delete (and journal per event) the registrations whose event lies the retention period back; no commit."""
    from app.outreach.services import event_fingerprint

    counts: dict[int, int] = {}
    for event, count in expired_events(today):
        counts[event.project_id] = counts.get(event.project_id, 0) + count
        if dry_run:
            continue
        db.session.execute(delete(Registration).where(Registration.event_id == event.id)
                           .execution_options(synchronize_session=False))
        record_deletion("outreach.event_registrations", "retention", subject_id=event.id,
                        project_id=event.project_id, count=count, fingerprint=event_fingerprint(event))
    if not dry_run:
        db.session.expire_all()
    return counts


def replay_event_registrations(entry: dict) -> str:
    """Delete a journalled event's registrations again (after a restore)."""
    from app.outreach.services import event_fingerprint

    event = db.session.get(Event, entry["subject_id"])
    if event is None:
        return "gone"
    if event_fingerprint(event) != entry["fingerprint"]:
        return "mismatch"
    deleted = db.session.execute(delete(Registration).where(Registration.event_id == event.id)
                                 .execution_options(synchronize_session=False)).rowcount
    db.session.expire(event, ["registrations"])
    return "deleted" if deleted else "gone"


def replay_registration(entry: dict) -> str:
    """Delete a journalled registration again (after a restore)."""
    from app.outreach.services import registration_fingerprint

    registration = db.session.get(Registration, entry["subject_id"])
    if registration is None:
        return "gone"
    if registration_fingerprint(registration) != entry["fingerprint"]:
        return "mismatch"
    db.session.delete(registration)
    return "deleted"


def register_personal_data(app: Flask) -> None:
    """Tell retention and the deletion journal about event registrations."""
    add_personal_data(app, PersonalDataKind("outreach.registrations", _l("Anmeldungen zu Veranstaltungen (Name, E-Mail)"),
                                            count_registrations, erase_registrations, order=40))
    add_expiry(app, Expiry("outreach.event_registrations",
                           _l("Anmeldungen zu einer vergangenen Veranstaltung"), expire_registrations))
    add_erasure(app, Erasure("outreach.event_registrations", _l("Anmeldungen zu einer Veranstaltung"),
                             replay_event_registrations))
    add_erasure(app, Erasure("outreach.registration", _l("Anmeldung zu einer Veranstaltung"), replay_registration))
