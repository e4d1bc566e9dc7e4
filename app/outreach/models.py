"""Outreach after (and beside) the concept: events with attendance and follow-ups, registrations, the public page.

Outreach sits downstream of the concept: events link to fields of action and measures, follow-ups
can become measures. Times are stored as naive UTC like everywhere else; forms and pages show them
in the installation's time zone.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Numeric, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.concept.models import Measure
from app.extensions import db
from app.languages.content import Localized, translated
from app.projects.models import FieldOfAction, Project, StakeholderGroup

#: Kinds of events (Leverkusen's "Integrationsrat auf Tour", the intercultural breakfast, …).
EVENT_KINDS = ("district_tour", "intercultural_breakfast", "consultation_hour", "association_evening",
               "round_table", "festival", "other")
REGISTRATION_STATES = ("confirmed", "waiting")
FOLLOW_UP_STATES = ("open", "done")
#: Days registrations are kept after their event unless the project sets another period.
DEFAULT_REGISTRATION_RETENTION_DAYS = 30

event_fields = Table(
    "outreach_event_fields",
    db.metadata,
    Column("event_id", ForeignKey("outreach_events.id", ondelete="CASCADE"), primary_key=True),
    Column("field_of_action_id", ForeignKey("fields_of_action.id", ondelete="CASCADE"), primary_key=True),
)

event_measures = Table(
    "outreach_event_measures",
    db.metadata,
    Column("event_id", ForeignKey("outreach_events.id", ondelete="CASCADE"), primary_key=True),
    Column("measure_id", ForeignKey("concept_measures.id", ondelete="CASCADE"), primary_key=True),
)


class PublicPage(db.Model):
    """The project's public page under ``/p/<slug>``: its address, whether it is out, and outreach settings."""

    __tablename__ = "outreach_public_pages"
    __table_args__ = (CheckConstraint("registration_retention_days >= 0", name="retention_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    #: The address part after /p/ (lower-case letters, digits, hyphens).
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    #: Only a published page (and its calendar) is shown to the public.
    is_published: Mapped[bool] = mapped_column(default=False)
    #: Days after its event a registration is deleted.
    registration_retention_days: Mapped[int] = mapped_column(default=DEFAULT_REGISTRATION_RETENTION_DAYS)
    #: What the lead chose to publish besides the upcoming events.
    shows_timeline: Mapped[bool] = mapped_column(default=True)
    shows_results: Mapped[bool] = mapped_column(default=False)
    shows_report: Mapped[bool] = mapped_column(default=False)
    #: Analysis themes shown under "Sie haben gesagt – wir haben gehandelt" (ids of this project's themes).
    published_theme_ids: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()


class Event(db.Model):
    """An outreach event: planned with time, place and languages, logged afterwards with attendance and notes."""

    __tablename__ = "outreach_events"
    __table_args__ = (
        CheckConstraint("kind IN ('district_tour', 'intercultural_breakfast', 'consultation_hour', "
                        "'association_evening', 'round_table', 'festival', 'other')", name="kind_known"),
        CheckConstraint("capacity IS NULL OR capacity >= 1", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    #: One of EVENT_KINDS.
    kind: Mapped[str] = mapped_column(String(40), default="other")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Start and end in UTC.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]
    place: Mapped[str] = mapped_column(String(300), default="")
    district: Mapped[str] = mapped_column(String(200), default="")
    #: Tags of the languages offered at the event (German is always assumed).
    languages: Mapped[list] = mapped_column(JSON, default=list)
    organiser: Mapped[str] = mapped_column(String(300), default="")
    #: Shown in the public calendar (once the project's public page is published).
    is_public: Mapped[bool] = mapped_column(default=True)
    #: Whether people can register online; ``capacity`` places, the rest go on a waiting list.
    has_registration: Mapped[bool] = mapped_column(default=False)
    capacity: Mapped[int | None]
    #: What was raised (free text, written afterwards by staff; no names).
    notes: Mapped[str] = mapped_column(Text, default="")
    #: {tag: {"title", "description"}}: what participants read in other languages.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()
    fields_of_action: Mapped[list[FieldOfAction]] = relationship(secondary=event_fields,
                                                                 order_by="FieldOfAction.position")
    measures: Mapped[list[Measure]] = relationship(secondary=event_measures, order_by="Measure.number")
    attendance: Mapped[list[Attendance]] = relationship(back_populates="event", cascade="all, delete-orphan",
                                                        order_by="Attendance.id")
    follow_ups: Mapped[list[FollowUp]] = relationship(back_populates="event", cascade="all, delete-orphan",
                                                      order_by="FollowUp.id")
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="(Registration.created_at, Registration.id)")

    def title_in(self, language: str) -> Localized:
        """Return the title in a language, falling back to German."""
        return translated(self.translations, language, "title", self.title)

    def description_in(self, language: str) -> Localized:
        """Return the public description in a language, falling back to German."""
        return translated(self.translations, language, "description", self.description)

    @property
    def ends_or_starts_at(self) -> datetime:
        """Return when the event is over (its start when no end is set)."""
        return self.ends_at or self.starts_at

    @property
    def is_past(self) -> bool:
        """Return whether the event is over."""
        return self.ends_or_starts_at < utcnow()

    @property
    def confirmed(self) -> list[Registration]:
        """Return the registrations holding a place."""
        return [r for r in self.registrations if r.state == "confirmed"]

    @property
    def waiting(self) -> list[Registration]:
        """Return the waiting list in its order."""
        return [r for r in self.registrations if r.state == "waiting"]

    @property
    def places_left(self) -> int | None:
        """Return the free places (None: no limit)."""
        return None if self.capacity is None else max(0, self.capacity - len(self.confirmed))


class Attendance(db.Model):
    """How many people of one stakeholder group came to an event (an aggregate count, never persons)."""

    __tablename__ = "outreach_attendance"
    __table_args__ = (
        UniqueConstraint("event_id", "stakeholder_group_id"),
        CheckConstraint("count >= 0", name="count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outreach_events.id", ondelete="CASCADE"), index=True)
    #: None: people not assigned to a group.
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_groups.id", ondelete="CASCADE"), index=True)
    count: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="attendance")
    stakeholder_group: Mapped[StakeholderGroup | None] = relationship()


class FollowUp(db.Model):
    """Something to do after an event: a task, or a new measure of the concept once taken over."""

    __tablename__ = "outreach_follow_ups"
    __table_args__ = (CheckConstraint("state IN ('open', 'done')", name="state_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outreach_events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    #: Who takes care of it (an office or partner, free text).
    responsible: Mapped[str] = mapped_column(String(300), default="")
    due_on: Mapped[date | None]
    #: One of FOLLOW_UP_STATES.
    state: Mapped[str] = mapped_column(String(10), default="open")
    #: The measure this follow-up became.
    measure_id: Mapped[int | None] = mapped_column(ForeignKey("concept_measures.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="follow_ups")
    measure: Mapped[Measure | None] = relationship()


class Registration(db.Model):
    """Someone registered for an event: the minimum (a name, optionally an e-mail), with their consent.

    Deleted automatically ``registration_retention_days`` after the event (see ``personal_data.py``).
    """

    __tablename__ = "outreach_registrations"
    __table_args__ = (CheckConstraint("state IN ('confirmed', 'waiting')", name="state_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outreach_events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    #: One of REGISTRATION_STATES.
    state: Mapped[str] = mapped_column(String(10), default="confirmed")
    #: The language the person registered in (tag).
    language: Mapped[str] = mapped_column(String(20), default="de")
    #: When the person agreed to the registration notice, and the exact notice shown (in their language).
    consented_at: Mapped[datetime] = mapped_column(default=utcnow)
    consent_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="registrations")


#: Where the money for a measure comes from.
FUNDING_SOURCES = ("municipal", "state_or_federal", "foundation", "other")


class Budget(db.Model):
    """Money for a measure in one year from one funding source: planned and spent."""

    __tablename__ = "outreach_budgets"
    __table_args__ = (
        UniqueConstraint("measure_id", "year", "funding_source"),
        CheckConstraint("funding_source IN ('municipal', 'state_or_federal', 'foundation', 'other')",
                        name="funding_source_known"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_plausible"),
        CheckConstraint("planned >= 0 AND spent >= 0", name="amounts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("concept_measures.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    #: One of FUNDING_SOURCES.
    funding_source: Mapped[str] = mapped_column(String(20))
    planned: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    spent: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    #: E.g. the programme's name ("KOMM-AN NRW").
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    measure: Mapped[Measure] = relationship()
