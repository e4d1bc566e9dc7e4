"""Round tables ("Runde Tische") and success factors ("Erfolgsfaktoren") with their yearly self-assessment.

Round tables gather organisations (never persons) around an agenda; their decisions link to goals and
measures of the concept. Success factors (Neuss: nine factors of municipal integration policy) are rated
once a year with evidence and the measures that support the rating.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.concept.models import Goal, Measure
from app.extensions import db
from app.projects.models import Project

#: Ratings of the self-assessment: 1 (not yet) to 5 (fully achieved).
RATINGS = (1, 2, 3, 4, 5)

decision_goals = Table(
    "outreach_decision_goals",
    db.metadata,
    Column("decision_id", ForeignKey("outreach_round_table_decisions.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("concept_goals.id", ondelete="CASCADE"), primary_key=True),
)

decision_measures = Table(
    "outreach_decision_measures",
    db.metadata,
    Column("decision_id", ForeignKey("outreach_round_table_decisions.id", ondelete="CASCADE"), primary_key=True),
    Column("measure_id", ForeignKey("concept_measures.id", ondelete="CASCADE"), primary_key=True),
)

assessment_measures = Table(
    "outreach_factor_assessment_measures",
    db.metadata,
    Column("assessment_id", ForeignKey("outreach_factor_assessments.id", ondelete="CASCADE"), primary_key=True),
    Column("measure_id", ForeignKey("concept_measures.id", ondelete="CASCADE"), primary_key=True),
)


class RoundTable(db.Model):
    """A round table of organisations: date, agenda, who took part, minutes and decisions."""

    __tablename__ = "outreach_round_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    #: The annual round table that determines needs (Neuss: "jährlich … um die Bedarfe festzustellen").
    is_needs_assessment: Mapped[bool] = mapped_column(default=False)
    #: Agenda items, one per line.
    agenda: Mapped[str] = mapped_column(Text, default="")
    #: Names of the participating organisations (never persons).
    organisations: Mapped[list] = mapped_column(JSON, default=list)
    #: Minutes (free text, without names of persons).
    minutes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()
    decisions: Mapped[list[RoundTableDecision]] = relationship(
        back_populates="round_table", cascade="all, delete-orphan",
        order_by="(RoundTableDecision.position, RoundTableDecision.id)")

    @property
    def agenda_items(self) -> list[str]:
        """Return the agenda as a list of items."""
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class RoundTableDecision(db.Model):
    """What a round table decided, linked to the goals and measures of the concept it concerns."""

    __tablename__ = "outreach_round_table_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_table_id: Mapped[int] = mapped_column(ForeignKey("outreach_round_tables.id", ondelete="CASCADE"),
                                                index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    #: Who takes it on (an office or organisation, free text).
    responsible: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    round_table: Mapped[RoundTable] = relationship(back_populates="decisions")
    goals: Mapped[list[Goal]] = relationship(secondary=decision_goals, order_by="Goal.position")
    measures: Mapped[list[Measure]] = relationship(secondary=decision_measures, order_by="Measure.number")


class SuccessFactor(db.Model):
    """A success factor of the project's integration policy (Neuss: nine factors), assessed once a year."""

    __tablename__ = "outreach_success_factors"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship()
    assessments: Mapped[list[FactorAssessment]] = relationship(
        back_populates="factor", cascade="all, delete-orphan", order_by="FactorAssessment.year")

    def assessment_in(self, year: int) -> FactorAssessment | None:
        """Return the assessment of a year, if there is one."""
        return next((a for a in self.assessments if a.year == year), None)


class FactorAssessment(db.Model):
    """The self-assessment of one success factor in one year: a rating, the evidence, supporting measures."""

    __tablename__ = "outreach_factor_assessments"
    __table_args__ = (
        UniqueConstraint("factor_id", "year"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_in_scale"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_plausible"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    factor_id: Mapped[int] = mapped_column(ForeignKey("outreach_success_factors.id", ondelete="CASCADE"),
                                           index=True)
    year: Mapped[int]
    #: One of RATINGS.
    rating: Mapped[int]
    evidence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    factor: Mapped[SuccessFactor] = relationship(back_populates="assessments")
    measures: Mapped[list[Measure]] = relationship(secondary=assessment_measures, order_by="Measure.number")
