"""The concept document: outline sections, goals, measures with indicators, and their monitoring history.

Theme ids (analysis) and workshop item ids (workshops) are stored as plain integers, not foreign
keys: concept sits downstream of both and must load even where they are not installed; the
evidence queries resolve them through the upstream read APIs and tolerate ids that vanished.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import (CheckConstraint, Column, ForeignKey, Integer, LargeBinary, Numeric, String, Table, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User, utcnow
from app.errors import ValidationError
from app.extensions import db
from app.projects.models import FieldOfAction, Project

SECTION_STATUSES = ("draft", "in_review", "final")
#: What a section holds: free text, a field-of-action chapter (4.n) and its a/b/c parts, the monitoring
#: chapter ("Erfolge messen", with the indicators), the appendix.
SECTION_KINDS = ("text", "field_chapter", "strengths", "goals", "measures", "process_steps", "monitoring",
                 "appendix")
#: Order of the measures tables: "bereits umgesetzt, laufend" first, then "geplant"; dropped ones are not printed.
MEASURE_TABLE_ORDER = {"running": 0, "done": 0, "planned": 1, "dropped": 2}
GOAL_KINDS = ("guiding_goal", "action_goal")
MEASURE_STATUSES = ("running", "planned", "done", "dropped")
DRAFT_STATES = ("pending", "accepted", "dismissed")

measure_goals = Table(
    "concept_measure_goals",
    db.metadata,
    Column("measure_id", ForeignKey("concept_measures.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("concept_goals.id", ondelete="CASCADE"), primary_key=True),
)


class Concept(db.Model):
    """The integration concept document of a project (one per project)."""

    __tablename__ = "concepts"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    subtitle: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: The municipality's Word template (.docx; an uploaded .dotx is stored patched to .docx).
    template_docx: Mapped[bytes | None] = mapped_column(LargeBinary)
    template_filename: Mapped[str | None] = mapped_column(String(255))
    template_uploaded_at: Mapped[datetime | None]
    template_uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    project: Mapped[Project] = relationship()
    sections: Mapped[list[ConceptSection]] = relationship(
        back_populates="concept", order_by="ConceptSection.position", cascade="all, delete-orphan")
    template_uploaded_by: Mapped[User | None] = relationship()

    @property
    def has_template(self) -> bool:
        """Return whether the municipality uploaded its own Word template."""
        return self.template_docx is not None


class ConceptSection(db.Model):
    """A chapter or sub-chapter of the concept with its text; numbers follow the outline order."""

    __tablename__ = "concept_sections"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'in_review', 'final')", name="status_known"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("concept_sections.id", ondelete="CASCADE"), index=True)
    #: Order among siblings.
    position: Mapped[int] = mapped_column(default=0)
    #: One of SECTION_KINDS.
    kind: Mapped[str] = mapped_column(String(20), default="text")
    field_of_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("fields_of_action.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    #: Text in Konzeptwerk's simple markup (see app/concept/markup.py).
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    #: Raised on every save; a save naming an older version is refused (optimistic locking).
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    concept: Mapped[Concept] = relationship(back_populates="sections")
    parent: Mapped[ConceptSection | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[ConceptSection]] = relationship(
        back_populates="parent", order_by="ConceptSection.position", cascade="all, delete-orphan")
    field_of_action: Mapped[FieldOfAction | None] = relationship()
    updated_by: Mapped[User | None] = relationship()
    revisions: Mapped[list[SectionRevision]] = relationship(
        back_populates="section", order_by="SectionRevision.version.desc()", cascade="all, delete-orphan")
    sources: Mapped[list[SectionSource]] = relationship(
        back_populates="section", order_by="SectionSource.paragraph", cascade="all, delete-orphan")
    proposals: Mapped[list[DraftProposal]] = relationship(
        back_populates="section", order_by="DraftProposal.created_at.desc()", cascade="all, delete-orphan")

    #: The UPDATE carries ``WHERE version = <loaded>``, so a save racing another one fails too.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def is_fixed(self) -> bool:
        """Return whether the section is part of the fixed outline (fields, process steps, monitoring, appendix)."""
        return self.field_of_action_id is not None or self.kind in ("process_steps", "monitoring", "appendix")

    def check_version(self, expected: int) -> None:
        """Refuse a save based on an older version than the stored one."""
        if expected != self.version:
            raise EditConflict(self)


class EditConflict(ValidationError):
    """Someone else saved the section since the author opened it."""

    def __init__(self, section: ConceptSection):
        super().__init__(_l("Der Abschnitt wurde inzwischen von jemand anderem geändert."), "body")
        self.section = section


class SectionRevision(db.Model):
    """A saved state of a section: who changed it when, with the text and status at that time."""

    __tablename__ = "concept_section_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("concept_sections.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    section: Mapped[ConceptSection] = relationship(back_populates="revisions")
    changed_by: Mapped[User | None] = relationship()


class SectionSource(db.Model):
    """Where a drafted paragraph of a section came from (an analysis theme or a workshop item)."""

    __tablename__ = "concept_section_sources"
    __table_args__ = (CheckConstraint("source_kind IN ('theme', 'workshop_item', 'goal')", name="source_kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("concept_sections.id", ondelete="CASCADE"), index=True)
    #: 0-based index of the paragraph (markup block) in the section's text.
    paragraph: Mapped[int]
    source_kind: Mapped[str] = mapped_column(String(20))
    #: Id of the theme, workshop item or concept goal.
    source_id: Mapped[int]
    #: The source's label when it was drafted, shown even if the source is gone.
    label: Mapped[str] = mapped_column(String(300), default="")

    section: Mapped[ConceptSection] = relationship(back_populates="sources")


class DraftProposal(db.Model):
    """Text drafted from the evidence, waiting for the author to accept (replace/append) or dismiss it."""

    __tablename__ = "concept_draft_proposals"
    __table_args__ = (CheckConstraint("state IN ('pending', 'accepted', 'dismissed')", name="state_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("concept_sections.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    #: [{"paragraph": int, "kind": "theme"|"workshop_item"|"goal", "id": int, "label": str}, …]
    sources: Mapped[list] = mapped_column(db.JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    section: Mapped[ConceptSection] = relationship(back_populates="proposals")
    created_by: Mapped[User | None] = relationship()


class Goal(db.Model):
    """A Leitziel (guiding goal) or Handlungsziel (action goal) of a field of action."""

    __tablename__ = "concept_goals"
    __table_args__ = (CheckConstraint("kind IN ('guiding_goal', 'action_goal')", name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    field_of_action_id: Mapped[int] = mapped_column(ForeignKey("fields_of_action.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: The guiding goal an action goal belongs to.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("concept_goals.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    #: The workshop item this goal was adopted from (workshops' ``workshop_items.id``).
    workshop_item_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    field_of_action: Mapped[FieldOfAction] = relationship()
    parent: Mapped[Goal | None] = relationship(remote_side=[id])
    measures: Mapped[list[Measure]] = relationship(secondary=measure_goals, back_populates="goals",
                                                   order_by="Measure.number")
    citations: Mapped[list[ThemeCitation]] = relationship(back_populates="goal", cascade="all, delete-orphan")

    @property
    def source(self) -> str:
        """Return the provenance string workshops store on items copied from this goal."""
        return f"concept_goal:{self.id}"


class Measure(db.Model):
    """A measure (Maßnahme) of a field of action, as a row of Monheim's measures table."""

    __tablename__ = "concept_measures"
    __table_args__ = (
        UniqueConstraint("field_of_action_id", "number"),
        CheckConstraint("status IN ('running', 'planned', 'done', 'dropped')", name="status_known"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    field_of_action_id: Mapped[int] = mapped_column(ForeignKey("fields_of_action.id", ondelete="CASCADE"), index=True)
    #: Lfd. Nr. within the field of action, running in document order over both tables (see
    #: ``services.renumber_measures``); the progress report cites the same number.
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    #: Description in simple markup.
    description: Mapped[str] = mapped_column(Text, default="")
    #: Implementation steps (Umsetzungsschritte), one per line.
    steps: Mapped[str] = mapped_column(Text, default="")
    #: Zeitraum der Umsetzung, e.g. "2027–2028" or "fortlaufend".
    period: Mapped[str] = mapped_column(String(200), default="")
    cost_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    #: Cost as text where there is no amount (e.g. "im Rahmen vorhandener Mittel").
    cost_text: Mapped[str] = mapped_column(String(300), default="")
    #: Umsetzung durch: organisational units and partners, comma separated.
    implemented_by: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    workshop_item_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    field_of_action: Mapped[FieldOfAction] = relationship()
    goals: Mapped[list[Goal]] = relationship(secondary=measure_goals, back_populates="measures",
                                             order_by="Goal.position")
    indicators: Mapped[list[Indicator]] = relationship(back_populates="measure", order_by="Indicator.id",
                                                       cascade="all, delete-orphan")
    updates: Mapped[list[MeasureUpdate]] = relationship(
        back_populates="measure", order_by="(MeasureUpdate.recorded_on.desc(), MeasureUpdate.id.desc())",
        cascade="all, delete-orphan")
    citations: Mapped[list[ThemeCitation]] = relationship(back_populates="measure", cascade="all, delete-orphan")

    @property
    def source(self) -> str:
        """Return the provenance string workshops store on items copied from this measure."""
        return f"concept_measure:{self.id}"

    @property
    def is_running_or_done(self) -> bool:
        """Return whether the measure belongs in the table "bereits umgesetzt, laufende Aktivitäten"."""
        return self.status in ("running", "done")


class ThemeCitation(db.Model):
    """An analysis theme a goal or a measure cites as its evidence."""

    __tablename__ = "concept_theme_citations"
    __table_args__ = (
        CheckConstraint("(goal_id IS NULL) <> (measure_id IS NULL)", name="one_target"),
        UniqueConstraint("theme_id", "goal_id", "measure_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: analysis_themes.id
    theme_id: Mapped[int] = mapped_column(Integer, index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("concept_goals.id", ondelete="CASCADE"), index=True)
    measure_id: Mapped[int | None] = mapped_column(ForeignKey("concept_measures.id", ondelete="CASCADE"), index=True)

    goal: Mapped[Goal | None] = relationship(back_populates="citations")
    measure: Mapped[Measure | None] = relationship(back_populates="citations")


class Indicator(db.Model):
    """A success indicator of a measure (Erfolge messen): baseline, target and current value."""

    __tablename__ = "concept_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("concept_measures.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(50), default="")
    baseline: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    target: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    current: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    current_on: Mapped[date | None]

    measure: Mapped[Measure] = relationship(back_populates="indicators")
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", order_by="(IndicatorValue.recorded_on.desc(), IndicatorValue.id.desc())",
        cascade="all, delete-orphan")

    @property
    def progress_percent(self) -> int | None:
        """Return how far the current value got from baseline to target (0–100), if computable."""
        if self.baseline is None or self.target is None or self.current is None or self.target == self.baseline:
            return None
        share = (self.current - self.baseline) / (self.target - self.baseline)
        return max(0, min(100, round(float(share) * 100)))


class IndicatorValue(db.Model):
    """A measured value of an indicator on a date (history of the current value)."""

    __tablename__ = "concept_indicator_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("concept_indicators.id", ondelete="CASCADE"), index=True)
    recorded_on: Mapped[date]
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    indicator: Mapped[Indicator] = relationship(back_populates="values")
    recorded_by: Mapped[User | None] = relationship()


class MeasureUpdate(db.Model):
    """A monitoring entry of a measure: its status on a date and a note (history kept)."""

    __tablename__ = "concept_measure_updates"
    __table_args__ = (CheckConstraint("status IN ('running', 'planned', 'done', 'dropped')", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("concept_measures.id", ondelete="CASCADE"), index=True)
    recorded_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20))
    #: The status before this update.
    previous_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    measure: Mapped[Measure] = relationship(back_populates="updates")
    recorded_by: Mapped[User | None] = relationship()
