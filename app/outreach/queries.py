"""Reads of outreach: events of a project, attendance tables (always suppressed), the public calendar."""
from __future__ import annotations

from collections import defaultdict

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.models import utcnow
from app.extensions import db
from app.outreach.models import Budget, Event, FollowUp, PublicPage, Registration
from app.outreach.suppression import CountTable, suppress_counts
from app.projects.models import Project

#: Key of attendance not assigned to a stakeholder group.
UNASSIGNED = "unassigned"


def get_public_page(project: Project) -> PublicPage | None:
    """Return the project's page settings, if any."""
    return db.session.scalar(select(PublicPage).where(PublicPage.project_id == project.id))


def public_page_path(project: Project) -> str | None:
    """Return the address of the project's published page (``/p/<slug>``), or None."""
    page = get_public_page(project)
    return f"/p/{page.slug}" if page is not None and page.is_published else None


def published_page_or_404(slug: str) -> PublicPage:
    """Return a published page by its address, or answer 404 (an unpublished page does not exist for the public)."""
    page = db.session.scalar(select(PublicPage).where(PublicPage.slug == slug))
    if page is None or not page.is_published:
        abort(404)
    return page


def list_events(project: Project) -> tuple[list[Event], list[Event]]:
    """Return the project's upcoming events (soonest first) and past events (latest first)."""
    events = list(db.session.scalars(select(Event).where(Event.project_id == project.id)
                                     .order_by(Event.starts_at, Event.id)))
    now = utcnow()
    upcoming = [e for e in events if e.ends_or_starts_at >= now]
    past = [e for e in events if e.ends_or_starts_at < now]
    return upcoming, list(reversed(past))


def event_or_404(project: Project, event_id: int) -> Event:
    """Return an event of the project, or answer 404."""
    event = db.session.get(Event, event_id)
    if event is None or event.project_id != project.id:
        abort(404)
    return event


def follow_up_or_404(event: Event, follow_up_id: int) -> FollowUp:
    """Return a follow-up of the event, or answer 404."""
    follow_up = db.session.get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.event_id != event.id:
        abort(404)
    return follow_up


def registration_or_404(event: Event, registration_id: int) -> Registration:
    """Return a registration for the event, or answer 404."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        abort(404)
    return registration


def _group_rows(project: Project, counts: dict) -> list[tuple]:
    rows = [(group.id, group.name, counts.get(group.id, 0)) for group in project.stakeholder_groups]
    if counts.get(None):
        rows.append((UNASSIGNED, _("Ohne Zuordnung"), counts[None]))
    return rows


def event_attendance(event: Event) -> CountTable:
    """Return how many people came, per stakeholder group, with small cells suppressed."""
    counts = {row.stakeholder_group_id: row.count for row in event.attendance}
    return suppress_counts(_group_rows(event.project, counts))


def attendance_by_group(project: Project) -> CountTable:
    """Return attendance over all past events of the project per stakeholder group (suppressed)."""
    counts: dict = defaultdict(int)
    for event in list_events(project)[1]:
        for row in event.attendance:
            counts[row.stakeholder_group_id] += row.count
    return suppress_counts(_group_rows(project, counts))


def attendance_by_kind(project: Project, kind_labels: dict) -> CountTable:
    """Return attendance over all past events per kind of event (suppressed)."""
    counts: dict = defaultdict(int)
    held: dict = defaultdict(int)
    for event in list_events(project)[1]:
        held[event.kind] += 1
        counts[event.kind] += sum(row.count for row in event.attendance)
    return suppress_counts([(kind, str(label), counts[kind]) for kind, label in kind_labels.items() if held[kind]])


def public_events(project: Project) -> list[Event]:
    """Return the project's public events that have not ended yet, soonest first."""
    return [e for e in list_events(project)[0] if e.is_public]


def public_event_or_404(project: Project, event_id: int) -> Event:
    """Return a public event of the project, or answer 404."""
    event = event_or_404(project, event_id)
    if not event.is_public:
        abort(404)
    return event


def calendar_events(project: Project) -> list[Event]:
    """Return the public events of the feed: upcoming ones and those of the last 90 days."""
    from datetime import timedelta

    since = utcnow() - timedelta(days=90)
    return list(db.session.scalars(select(Event).where(Event.project_id == project.id, Event.is_public.is_(True),
                                                       Event.starts_at >= since)
                                   .order_by(Event.starts_at, Event.id)))


def budget_or_404(project: Project, budget_id: int) -> Budget:
    """Return a budget entry of the project's measures, or answer 404."""
    budget = db.session.get(Budget, budget_id)
    if budget is None or budget.measure.field_of_action.project_id != project.id:
        abort(404)
    return budget
