"""Writes and rules of outreach: events, attendance, follow-ups, registrations and the public page settings."""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.models import utcnow
from app.concept.models import Concept, Measure
from app.errors import ValidationError
from app.extensions import db
from app.languages.catalog import _p
from app.languages.registry import participant_tags
from app.outreach.models import (EVENT_KINDS, FUNDING_SOURCES, Attendance, Budget, Event, FollowUp, PublicPage,
                                 Registration)
from app.privacy.journal import fingerprint, record_deletion
from app.projects.models import FieldOfAction, Project

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Most days a project may keep registrations after their event.
MAX_REGISTRATION_RETENTION_DAYS = 365
MAX_ATTENDANCE = 100_000
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


# --- public page ---------------------------------------------------------------------------------

def suggest_slug(project: Project) -> str:
    """Return a free address for the project's page, made from its municipality (``musterstadt-am-rhein``)."""
    base = re.sub(r"[^a-z0-9]+", "-", (project.municipality or project.title).lower().translate(_UMLAUTS))
    base = base.strip("-")[:60] or "projekt"
    slug, number = base, 1
    while db.session.scalar(select(PublicPage.id).where(PublicPage.slug == slug)) is not None:
        number += 1
        slug = f"{base}-{number}"
    return slug


def ensure_public_page(project: Project) -> PublicPage:
    """Return the project's page settings, creating them unpublished on first use."""
    page = db.session.scalar(select(PublicPage).where(PublicPage.project_id == project.id))
    if page is None:
        page = PublicPage(project_id=project.id, slug=suggest_slug(project), is_published=False)
        db.session.add(page)
        db.session.commit()
    return page


def update_public_page(page: PublicPage, *, slug: str, is_published: bool, registration_retention_days: int,
                       shows_timeline: bool | None = None, shows_results: bool | None = None,
                       shows_report: bool | None = None, theme_ids: list[int] | None = None) -> None:
    """Change the page's address, whether it is published, what it shows, and how long registrations are kept."""
    slug = (slug or "").strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > 80:
        raise ValidationError(_("Bitte nur Kleinbuchstaben, Ziffern und Bindestriche verwenden (z. B. "
                                "„musterstadt-integration“)."), "slug")
    taken = db.session.scalar(select(PublicPage.id).where(PublicPage.slug == slug, PublicPage.id != page.id))
    if taken is not None:
        raise ValidationError(_("Diese Adresse wird schon von einem anderen Projekt verwendet."), "slug")
    if registration_retention_days is None or not 0 <= registration_retention_days <= MAX_REGISTRATION_RETENTION_DAYS:
        raise ValidationError(_("Bitte eine Zahl von 0 bis %(max)s Tagen angeben.",
                                max=MAX_REGISTRATION_RETENTION_DAYS), "registration_retention_days")
    if theme_ids is not None:
        from app.outreach.results import offered_themes

        offered = {theme.id for theme in offered_themes(page.project)}
        if any(int(theme_id) not in offered for theme_id in theme_ids):
            raise ValidationError(_("Bitte nur Themen dieses Projekts wählen."), "theme_ids")
        page.published_theme_ids = [int(theme_id) for theme_id in theme_ids]
    for name, value in (("shows_timeline", shows_timeline), ("shows_results", shows_results),
                        ("shows_report", shows_report)):
        if value is not None:
            setattr(page, name, bool(value))
    page.slug, page.is_published = slug, bool(is_published)
    page.registration_retention_days = registration_retention_days
    db.session.commit()


# --- events --------------------------------------------------------------------------------------

def _project_fields(project: Project, ids) -> list[FieldOfAction]:
    wanted = {int(i) for i in ids or ()}
    fields = [f for f in project.fields_of_action if f.id in wanted]
    if len(fields) != len(wanted):
        raise ValidationError(_("Bitte nur Handlungsfelder dieses Projekts verknüpfen."), "field_ids")
    return fields


def _project_measures(project: Project, ids) -> list[Measure]:
    wanted = {int(i) for i in ids or ()}
    if not wanted:
        return []
    measures = list(db.session.scalars(select(Measure).join(Concept, Measure.concept_id == Concept.id)
                                       .where(Measure.id.in_(wanted), Concept.project_id == project.id)))
    if len(measures) != len(wanted):
        raise ValidationError(_("Bitte nur Maßnahmen dieses Projekts verknüpfen."), "measure_ids")
    return measures


def _apply_event(event: Event, project: Project, data: dict) -> None:
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError(_("Bitte einen Titel für die Veranstaltung angeben."), "title")
    kind = data.get("kind") or "other"
    if kind not in EVENT_KINDS:
        raise ValidationError(_("Unbekannte Art der Veranstaltung."), "kind")
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if not isinstance(starts_at, datetime):
        raise ValidationError(_("Bitte Datum und Uhrzeit des Beginns angeben."), "starts_at")
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError(_("Das Ende liegt vor dem Beginn."), "ends_at")
    languages = [tag for tag in data.get("languages") or () if tag != "de"]
    offered = set(participant_tags())
    if any(tag not in offered for tag in languages):
        raise ValidationError(_("Unbekannte Sprache."), "languages")
    has_registration = bool(data.get("has_registration"))
    capacity = data.get("capacity")
    if capacity is not None and not 1 <= int(capacity) <= MAX_ATTENDANCE:
        raise ValidationError(_("Die Zahl der Plätze muss mindestens 1 sein."), "capacity")
    with db.session.no_autoflush:
        event.fields_of_action = _project_fields(project, data.get("field_ids"))
        event.measures = _project_measures(project, data.get("measure_ids"))
    event.title, event.kind = title[:300], kind
    event.description = (data.get("description") or "").strip()
    event.starts_at, event.ends_at = starts_at, ends_at
    event.place = (data.get("place") or "").strip()[:300]
    event.district = (data.get("district") or "").strip()[:200]
    event.organiser = (data.get("organiser") or "").strip()[:300]
    event.languages = sorted(set(languages), key=list(participant_tags()).index)
    event.is_public = bool(data.get("is_public"))
    event.has_registration = has_registration
    event.capacity = int(capacity) if capacity is not None else None


def create_event(project: Project, **data) -> Event:
    """Plan an event of the project."""
    event = Event(project_id=project.id, project=project)
    _apply_event(event, project, data)
    db.session.add(event)
    db.session.commit()
    return event


def update_event(event: Event, **data) -> Event:
    """Change an event's plan; places freed by a larger capacity go to the waiting list in order."""
    _apply_event(event, event.project, data)
    _fill_places(event)
    db.session.commit()
    return event


def delete_event(event: Event) -> None:
    """Delete an event with its counts, follow-ups and registrations (the registrations are journalled)."""
    if event.registrations:
        record_deletion("outreach.event_registrations", "art17", subject_id=event.id, project_id=event.project_id,
                        count=len(event.registrations), fingerprint=event_fingerprint(event))
    db.session.delete(event)
    db.session.commit()


def event_fingerprint(event: Event) -> str:
    """Return the journal fingerprint of an event (id, project and creation time)."""
    return fingerprint("outreach_events", event.id, event.project_id, event.created_at)


def record_attendance(event: Event, counts: dict[int | None, int]) -> None:
    """Replace the event's attendance by the counts per stakeholder group id (None: not assigned)."""
    groups = {g.id for g in event.project.stakeholder_groups}
    cleaned: dict[int | None, int] = {}
    for group_id, count in counts.items():
        if group_id is not None and group_id not in groups:
            raise ValidationError(_("Bitte nur Akteursgruppen dieses Projekts angeben."), "attendance")
        if count is None:
            continue
        if not 0 <= int(count) <= MAX_ATTENDANCE:
            raise ValidationError(_("Bitte Zahlen von 0 bis %(max)s angeben.", max=MAX_ATTENDANCE), "attendance")
        if count:
            cleaned[group_id] = int(count)
    event.attendance.clear()
    db.session.flush()
    for group_id, count in cleaned.items():
        event.attendance.append(Attendance(stakeholder_group_id=group_id, count=count))
    db.session.commit()


def save_notes(event: Event, notes: str) -> None:
    """Keep what was raised at the event (free text, no names)."""
    event.notes = (notes or "").strip()[:100_000]
    db.session.commit()


# --- follow-ups ----------------------------------------------------------------------------------

def add_follow_up(event: Event, *, title: str, responsible: str = "", due_on: date | None = None) -> FollowUp:
    """Note a task that came out of the event."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Bitte beschreiben, was zu tun ist."), "title")
    follow_up = FollowUp(title=title[:500], responsible=(responsible or "").strip()[:300], due_on=due_on)
    event.follow_ups.append(follow_up)
    db.session.commit()
    return follow_up


def set_follow_up_state(follow_up: FollowUp, state: str) -> None:
    """Mark a follow-up done or open again."""
    if state not in ("open", "done"):
        raise ValidationError(_("Unbekannter Status."), "state")
    follow_up.state = state
    db.session.commit()


def turn_follow_up_into_measure(follow_up: FollowUp, field: FieldOfAction) -> Measure:
    """Take a follow-up into the concept as a planned measure of a field of action."""
    from app.concept import plans
    from app.concept.queries import get_concept

    if follow_up.measure_id is not None:
        raise ValidationError(_("Aus dieser Aufgabe ist schon eine Maßnahme geworden."), "field_id")
    project = follow_up.event.project
    concept = get_concept(project)
    if concept is None:
        raise ValidationError(_("Das Projekt hat noch kein Konzept, in das die Maßnahme aufgenommen werden kann."),
                              "field_id")
    if field.project_id != project.id:
        raise ValidationError(_("Bitte ein Handlungsfeld dieses Projekts wählen."), "field_id")
    event = follow_up.event
    measure = plans.create_measure(
        concept, field, title=follow_up.title, status="planned", implemented_by=follow_up.responsible,
        description=_("Aus der Veranstaltung „%(title)s“ am %(day)s.", title=event.title,
                      day=event.starts_at.date().strftime("%d.%m.%Y")))
    follow_up.measure_id = measure.id
    follow_up.state = "done"
    if measure not in event.measures:
        event.measures.append(measure)
    db.session.commit()
    return measure


# --- registrations -------------------------------------------------------------------------------

def _locked_event(event: Event) -> Event:
    """Reload the event locking its row, so two registrations for the last place are counted one after the other."""
    return db.session.scalar(select(Event).where(Event.id == event.id).with_for_update()) or event


def register_for_event(event: Event, *, name: str, email: str = "", language: str = "de", consent: bool = False,
                       consent_text: str = "") -> Registration:
    """Register someone: a place while there is one, else the waiting list. Stores only the name and an e-mail."""
    name, email = (name or "").strip(), (email or "").strip()
    if not event.has_registration or not event.is_public:
        raise ValidationError(_p("Für diese Veranstaltung ist keine Anmeldung möglich."), "name")
    if event.starts_at <= utcnow():
        raise ValidationError(_p("Die Veranstaltung hat schon begonnen; eine Anmeldung ist nicht mehr möglich."),
                              "name")
    if not name:
        raise ValidationError(_p("Bitte geben Sie einen Namen an."), "name")
    if len(name) > 200:
        raise ValidationError(_p("Der Name ist zu lang."), "name")
    if email and (len(email) > 254 or not EMAIL_PATTERN.match(email)):
        raise ValidationError(_p("Bitte geben Sie eine gültige E-Mail-Adresse an oder lassen Sie das Feld leer."),
                              "email")
    if not consent:
        raise ValidationError(_p("Bitte stimmen Sie der Speicherung zu, sonst können wir Sie nicht anmelden."),
                              "consent")
    event = _locked_event(event)
    state = "confirmed" if event.places_left is None or event.places_left > 0 else "waiting"
    registration = Registration(name=name, email=email, language=language[:20], state=state,
                                consent_text=consent_text)
    event.registrations.append(registration)
    db.session.commit()
    return registration


def _fill_places(event: Event) -> list[Registration]:
    moved = []
    while event.waiting and (event.places_left is None or event.places_left > 0):
        first = event.waiting[0]
        first.state = "confirmed"
        moved.append(first)
    return moved


def delete_registration(registration: Registration) -> list[Registration]:
    """Delete a registration (journalled); the first on the waiting list takes a freed place. Return who moved up."""
    event = registration.event
    record_deletion("outreach.registration", "art17", subject_id=registration.id, project_id=event.project_id,
                    fingerprint=registration_fingerprint(registration))
    event.registrations.remove(registration)
    db.session.delete(registration)
    db.session.flush()
    moved = _fill_places(event)
    db.session.commit()
    return moved


def registration_fingerprint(registration: Registration) -> str:
    """Return the journal fingerprint of a registration (id, event and creation time)."""
    return fingerprint("outreach_registrations", registration.id, registration.event_id, registration.created_at)


# --- budgets -------------------------------------------------------------------------------------

def _amount(value, field: str) -> Decimal:
    from app.concept.plans import parse_amount

    try:
        amount = parse_amount(value)
    except ValidationError as error:
        raise ValidationError(error.message, field) from None
    return amount if amount is not None else Decimal("0")


def save_budget(project: Project, *, measure_id: int, year: int, funding_source: str, planned, spent,
                note: str = "") -> Budget:
    """Set what a measure plans and spends in a year from a funding source (a second entry replaces the first)."""
    measure = (_project_measures(project, [measure_id]) or [None])[0] if measure_id else None
    if measure is None:
        raise ValidationError(_("Bitte eine Maßnahme dieses Projekts wählen."), "measure_id")
    if year is None or not 2000 <= int(year) <= 2100:
        raise ValidationError(_("Bitte ein Jahr zwischen 2000 und 2100 angeben."), "year")
    if funding_source not in FUNDING_SOURCES:
        raise ValidationError(_("Unbekannte Finanzierungsquelle."), "funding_source")
    planned, spent = _amount(planned, "planned"), _amount(spent, "spent")
    budget = db.session.scalar(select(Budget).where(Budget.measure_id == measure.id, Budget.year == int(year),
                                                    Budget.funding_source == funding_source))
    if budget is None:
        budget = Budget(measure_id=measure.id, year=int(year), funding_source=funding_source)
        db.session.add(budget)
    budget.planned, budget.spent, budget.note = planned, spent, (note or "").strip()[:300]
    db.session.commit()
    return budget


def delete_budget(budget: Budget) -> None:
    """Remove a budget entry."""
    db.session.delete(budget)
    db.session.commit()
