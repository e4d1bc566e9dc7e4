"""A concept project and what it is organised by: fields of action, stakeholder groups, process steps."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.extensions import db
from app.languages.content import Localized, translated

PROJECT_STATUSES = ("planning", "running", "adopted", "monitoring", "archived")

#: The process steps of a concept revision (Monheim 2016), in their usual order.
PROCESS_STEP_KINDS = (
    "interview_study",
    "expert_workshop",
    "steering_meeting",
    "interim_presentation",
    "decision_maker_workshop",
    "council_resolution",
    "monitoring_report",
    "other",
)


class Project(db.Model):
    """A municipality's integration concept (or its revision) and the participation process behind it."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    municipality: Mapped[str] = mapped_column(String(200))
    #: First and last day of the participation process.
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    description: Mapped[str] = mapped_column(Text, default="")
    #: One of PROJECT_STATUSES.
    status: Mapped[str] = mapped_column(String(20), default="planning")
    #: Months personal data is kept after ``period_end`` (``app/privacy/retention.py``); None: not set (kept).
    retention_months: Mapped[int | None] = mapped_column(default=12)
    #: Names, places and organisations to pseudonymise in interview transcripts: [[term, placeholder], ...].
    pseudonym_terms: Mapped[list] = mapped_column(JSON, default=list)
    #: Whether the original wording of pseudonymised transcripts is kept (until the retention period ends).
    keeps_transcript_originals: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    fields_of_action: Mapped[list[FieldOfAction]] = relationship(
        back_populates="project", order_by="FieldOfAction.position", cascade="all, delete-orphan")
    stakeholder_groups: Mapped[list[StakeholderGroup]] = relationship(
        back_populates="project", order_by="StakeholderGroup.position", cascade="all, delete-orphan")
    process_steps: Mapped[list[ProcessStep]] = relationship(
        back_populates="project", order_by="(ProcessStep.position, ProcessStep.id)",
        cascade="all, delete-orphan")


class FieldOfAction(db.Model):
    """A Handlungsfeld: a topic area of the concept with its own goals and measures."""

    __tablename__ = "fields_of_action"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    #: Order in the concept (1 = first chapter of section 4).
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: {tag: {"name"}}: the name as participants see it in other languages.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)

    project: Mapped[Project] = relationship(back_populates="fields_of_action")

    def name_in(self, language: str) -> Localized:
        """Return the name in a language, falling back to German."""
        return translated(self.translations, language, "name", self.name)

    @property
    def number(self) -> int:
        """Return the 1-based number of this field within its project."""
        return self.project.fields_of_action.index(self) + 1


class StakeholderGroup(db.Model):
    """An Akteursgruppe whose members are interviewed (e.g. "Jugendparlament")."""

    __tablename__ = "stakeholder_groups"
    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        CheckConstraint("target_interviews >= 0", name="target_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    #: How many interviews the project plans with this group.
    target_interviews: Mapped[int] = mapped_column(default=0)
    #: {tag: {"name"}}: the name as participants see it in other languages.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)

    project: Mapped[Project] = relationship(back_populates="stakeholder_groups")

    def name_in(self, language: str) -> Localized:
        """Return the name in a language, falling back to German."""
        return translated(self.translations, language, "name", self.name)


class ProcessStep(db.Model):
    """A step on the project's timeline (interview study, workshops, council resolution …)."""

    __tablename__ = "process_steps"
    __table_args__ = (CheckConstraint("participants IS NULL OR participants >= 0", name="participants_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: One of PROCESS_STEP_KINDS.
    kind: Mapped[str] = mapped_column(String(40), default="other")
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[date | None]
    is_done: Mapped[bool] = mapped_column(default=False)
    #: How many people took part (e.g. 24 at the expert workshop).
    participants: Mapped[int | None]

    project: Mapped[Project] = relationship(back_populates="process_steps")


#: The roles a person can hold in a project (several at once): lead manages the project and its members,
#: author writes the concept, analyst analyses and codes answers, facilitator runs workshops, interviewer
#: types in the answers of the respondents assigned to them, observer reads aggregate results only.
PROJECT_ROLES = ("lead", "author", "analyst", "facilitator", "interviewer", "observer")


class ProjectMember(db.Model):
    """One project role of one person in one project (a person with three roles has three rows)."""

    __tablename__ = "project_members"
    __table_args__ = (
        CheckConstraint("role IN ('lead', 'author', 'analyst', 'facilitator', 'interviewer', 'observer')",
                        name="role_known"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    #: One of PROJECT_ROLES.
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Who granted the role (None: the migration, a script, or an account since deleted).
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ProjectAuditEvent(db.Model):
    """Who viewed, exported, downloaded or deleted personal data of a project, and when (never the content)."""

    __tablename__ = "project_audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: viewed, exported, downloaded, deleted, admin_access, members_changed.
    action: Mapped[str] = mapped_column(String(20))
    #: What was touched, by kind and id ("surveys.export_answers survey=3"), never answer text.
    subject: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
