"""Respondents and what they leave: answers, contact details kept apart, deletions, interviewer assignments.

Identity (contact data) lives in its own table, apart from answers; deletions leave only
an anonymous log row behind so counts stay right (the deletion journal in ``app/privacy``
lets a restored backup be cleaned).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db

if TYPE_CHECKING:
    from app.surveys.models.consent import ConsentRecord
    from app.surveys.models.surveys import Question, Survey
    from app.surveys.models.transcripts import Transcript

RESPONDENT_STATUSES = ("invited", "started", "completed")
MIGRATION_HISTORY_VALUES = ("yes", "no", "not_stated")
#: How a respondent came in: a personal link, the public link, an interviewer, or a file import.
RESPONDENT_CHANNELS = ("personal", "public", "interview", "import")
#: What became of the mails to a contact: not mailed yet, waiting in a job, being sent, sent, failed.
MAIL_STATUSES = ("not_mailed", "queued", "sending", "sent", "failed")
#: Kinds of survey mail.
MAIL_KINDS = ("invitation", "reminder")


def coarse_day(moment: datetime) -> datetime:
    """Return midnight of the moment's day (anonymous rounds keep only the day)."""
    return datetime(moment.year, moment.month, moment.day)


class Respondent(db.Model):
    """A person answering, known only by a pseudonym code (e.g. "I-07") and a few attributes."""

    __tablename__ = "survey_respondents"
    __table_args__ = (
        UniqueConstraint("survey_id", "pseudonym"),
        CheckConstraint("migration_history IN ('yes', 'no', 'not_stated')", name="migration_history_known"),
        CheckConstraint("status IN ('invited', 'started', 'completed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(40))
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_groups.id", ondelete="SET NULL"), index=True)
    #: yes / no / not_stated (Art. 9 GDPR: only with its own consent).
    migration_history: Mapped[str] = mapped_column(String(20), default="not_stated")
    district: Mapped[str] = mapped_column(String(120), default="")
    age_band: Mapped[str] = mapped_column(String(40), default="")
    #: One of RESPONDENT_STATUSES.
    status: Mapped[str] = mapped_column(String(20), default="invited")
    #: One of RESPONDENT_CHANNELS.
    channel: Mapped[str] = mapped_column(String(20), default="personal")
    #: Keyed hash of the personal link token (the token itself is never stored).
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_expires_at: Mapped[datetime | None]
    #: Participant language tag the respondent chose (set as soon as they choose, kept for the answers' language).
    language: Mapped[str] = mapped_column(String(16), default="de")
    #: Times; for public (anonymous) rounds only the day is kept.
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]

    survey: Mapped[Survey] = relationship(back_populates="respondents")
    stakeholder_group = relationship("StakeholderGroup")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True)
    contact: Mapped[RespondentContact | None] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True, uselist=False)
    consents: Mapped[list[ConsentRecord]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ConsentRecord.id")
    transcript: Mapped[Transcript | None] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True, uselist=False)

    @property
    def is_anonymous(self) -> bool:
        """Return whether the respondent came through the public link (no personal data at all)."""
        return self.channel == "public"

    @property
    def is_submitted(self) -> bool:
        """Return whether the answers were submitted."""
        return self.status == "completed"

    @property
    def has_consent(self) -> bool:
        """Return whether consent to the survey was recorded."""
        return bool(self.consents)

    @property
    def has_special_category_consent(self) -> bool:
        """Return whether the respondent consented to being asked about migration history."""
        return any(c.covers_migration_history for c in self.consents)

    def stamp(self, moment: datetime | None = None) -> datetime:
        """Return a timestamp for this respondent: the day only for anonymous rounds."""
        moment = moment or utcnow()
        return coarse_day(moment) if self.is_anonymous else moment

    def is_link_valid(self, now: datetime | None = None) -> bool:
        """Return whether the personal link has not expired."""
        return self.token_expires_at is None or (now or utcnow()) <= self.token_expires_at

    def start(self) -> None:
        """Mark the respondent as started (first answer or consent)."""
        if self.status == "invited":
            self.status = "started"
            self.started_at = self.stamp()

    def submit(self) -> None:
        """Mark the answers as submitted; refuse a second submission."""
        if self.status == "completed":
            raise ValidationError(_("Diese Antworten wurden bereits abgeschickt."))
        if self.started_at is None:
            self.started_at = self.stamp()
        self.status = "completed"
        self.completed_at = self.stamp()

    def extend_link(self, days: int) -> None:
        """Let the personal link live ``days`` more days from now."""
        self.token_expires_at = utcnow() + timedelta(days=days)


class RespondentContact(db.Model):
    """Name and e-mail of a respondent, kept apart from the answers and deletable on its own."""

    __tablename__ = "survey_respondent_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("survey_respondents.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    #: One of MAIL_STATUSES (the last mail's fate; "failed" keeps the relay's reason in mail_error).
    mail_status: Mapped[str] = mapped_column(String(20), default="not_mailed")
    #: One of MAIL_KINDS: what the queued or last mail was.
    mail_kind: Mapped[str] = mapped_column(String(20), default="")
    #: Why the last mail failed (the relay's answer, never the address).
    mail_error: Mapped[str] = mapped_column(String(300), default="")
    #: When the first invitation was sent.
    invited_at: Mapped[datetime | None]
    #: When the last mail (invitation or reminder) was sent.
    last_mailed_at: Mapped[datetime | None]
    reminder_count: Mapped[int] = mapped_column(default=0)
    #: When the person asked for no more mail about this survey (None: not opted out).
    opted_out_at: Mapped[datetime | None]
    #: The last mail's file in instance/outbox/ when no mail server is configured.
    outbox_file: Mapped[str] = mapped_column(String(200), default="")

    respondent: Mapped[Respondent] = relationship(back_populates="contact")

    @property
    def mail_state(self) -> str:
        """Return what staff see: opted_out, or the mail status."""
        return "opted_out" if self.opted_out_at is not None else self.mail_status


class Answer(db.Model):
    """One respondent's answer to one question; ``value`` is text, an option value, a list or a number."""

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("respondent_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"),
                                               index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[object] = mapped_column(JSON)
    #: The staff member who typed or imported it; None when the respondent answered.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Time of the last change; the day only for anonymous rounds.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    respondent: Mapped[Respondent] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
    entered_by = relationship("User")


class RespondentDeletion(db.Model):
    """A deleted respondent, without personal data: keeps aggregate counts (the journal in ``app/privacy`` cleans backups)."""

    __tablename__ = "survey_respondent_deletions"
    __table_args__ = (Index("ix_survey_respondent_deletions_survey_group", "survey_id", "stakeholder_group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    #: The deleted row's id (no foreign key).
    respondent_id: Mapped[int]
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_groups.id", ondelete="SET NULL"))
    #: Status the respondent had reached (counts as invited/started/completed in aggregates).
    status: Mapped[str] = mapped_column(String(20))
    #: Day of deletion only.
    deleted_on: Mapped[date] = mapped_column(default=lambda: utcnow().date())


class InterviewAssignment(db.Model):
    """An interviewer's share of the interviews: one respondent, or every respondent of a stakeholder group."""

    __tablename__ = "interview_assignments"
    __table_args__ = (
        CheckConstraint("(respondent_id IS NULL) <> (stakeholder_group_id IS NULL)", name="respondent_or_group"),
        UniqueConstraint("user_id", "respondent_id"),
        UniqueConstraint("user_id", "stakeholder_group_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    #: The interviewer.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"))
    #: Every respondent of this group, in every survey of the project.
    stakeholder_group_id: Mapped[int | None] = mapped_column(ForeignKey("stakeholder_groups.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
