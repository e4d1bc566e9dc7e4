"""Analyses of free-text answers: the answers they read, passages, themes, codes and human decisions.

Machine proposals and human decisions are stored apart: a passage's theme comes from
a ``ThemeAssignment`` with ``source`` ``machine`` or ``human``; a human one always wins,
and a re-run replaces only the machine ones. Answers are copied in pseudonymised form
(pseudonym, stakeholder group, attributes — never contact data).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

import app.jobs.models  # noqa: F401 - the jobs table an analysis run refers to
import app.surveys.models  # noqa: F401 - the survey tables analysed answers refer to
from app.auth.models import utcnow
from app.extensions import db

ANALYSIS_SCOPES = ("survey", "question", "field_of_action")
#: What gets a theme: whole answers (surveys) or passages of long answers (interview transcripts).
ANALYSIS_UNITS = ("answer", "passage")
ANALYSIS_STATUSES = ("new", "running", "ready", "failed")
ASSIGNMENT_SOURCES = ("machine", "human")
SUGGESTION_STATUSES = ("pending", "accepted", "rejected")
#: Default minimum group size: smaller cells are suppressed in comparisons.
DEFAULT_MIN_CELL_SIZE = 5


class Analysis(db.Model):
    """One analysis of a project's free-text answers: a survey, a question or a field of action."""

    __tablename__ = "analyses"
    __table_args__ = (
        CheckConstraint("scope IN ('survey', 'question', 'field_of_action')", name="scope_known"),
        CheckConstraint("status IN ('new', 'running', 'ready', 'failed')", name="status_known"),
        CheckConstraint("min_cell_size >= 5", name="min_cell_size_at_least_five"),
        CheckConstraint("theme_count IS NULL OR theme_count >= 2", name="theme_count_at_least_two"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    #: One of ANALYSIS_SCOPES; the matching id below says which survey, question or field.
    scope: Mapped[str] = mapped_column(String(20))
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("survey_questions.id", ondelete="CASCADE"))
    field_of_action_id: Mapped[int | None] = mapped_column(ForeignKey("fields_of_action.id", ondelete="SET NULL"))
    #: Wanted number of themes; None lets the grouping choose.
    theme_count: Mapped[int | None]
    #: Groups smaller than this are suppressed in comparisons and theme summaries.
    min_cell_size: Mapped[int] = mapped_column(default=DEFAULT_MIN_CELL_SIZE)
    #: Language of theme labels and of the word processing (de or en); answers may be in any language.
    language: Mapped[str] = mapped_column(String(5), default="de")
    #: One of ANALYSIS_UNITS: whole answers get a theme, or passages of long answers do.
    unit: Mapped[str] = mapped_column(String(10), default="answer", server_default="passage")
    #: How the last run placed the answers: {"vector_source": "words"|"meaning"|"meaning+words",
    #: "missing_vectors": n, "languages": {code: answers}}.
    run_info: Mapped[dict | None] = mapped_column(JSON)
    #: One of ANALYSIS_STATUSES.
    status: Mapped[str] = mapped_column(String(10), default="new")
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    run_count: Mapped[int] = mapped_column(default=0)
    #: Passage ids worth coding next (most informative first), from the last suggestion run.
    coding_queue: Mapped[list] = mapped_column(JSON, default=list)
    #: How far code suggestions can be trusted, from the last suggestion run:
    #: {"kappa", "verdict", "is_trustworthy", "coded_count"}.
    suggestion_report: Mapped[dict] = mapped_column(JSON, default=dict)
    last_run_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    answers: Mapped[list[AnalysedAnswer]] = relationship(back_populates="analysis", cascade="all, delete-orphan",
                                                          passive_deletes=True, order_by="AnalysedAnswer.id")
    themes: Mapped[list[Theme]] = relationship(back_populates="analysis", cascade="all, delete-orphan",
                                               passive_deletes=True, order_by="(Theme.position, Theme.id)")
    codes: Mapped[list[Code]] = relationship(back_populates="analysis", cascade="all, delete-orphan",
                                             passive_deletes=True, order_by="(Code.position, Code.id)")

    def start_run(self, *, is_job_active: bool) -> None:
        """Mark the analysis as running; refuses while its job is still queued or running."""
        from flask_babel import gettext as _

        from app.errors import ValidationError

        if self.status == "running" and is_job_active:
            raise ValidationError(_("Diese Auswertung läuft bereits."))
        self.status = "running"


class AnalysedAnswer(db.Model):
    """A pseudonymised copy of one free-text answer as the analysis read it."""

    __tablename__ = "analysis_answers"
    __table_args__ = (UniqueConstraint("analysis_id", "answer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    #: The survey answer this copies; deleting the answer (or its respondent) deletes the copy.
    answer_id: Mapped[int] = mapped_column(ForeignKey("survey_answers.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int] = mapped_column(index=True)
    pseudonym: Mapped[str] = mapped_column(String(100))
    stakeholder_group_id: Mapped[int | None]
    stakeholder_group: Mapped[str | None] = mapped_column(String(200))
    #: Respondent attributes such as migration_history, district, age_band.
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    survey_id: Mapped[int]
    question_id: Mapped[int]
    question_text: Mapped[str] = mapped_column(Text, default="")
    field_of_action_id: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text)
    #: Language of the answer (ISO 639-1, from its stored vector's detection; "" when not known yet).
    language: Mapped[str] = mapped_column(String(16), default="", server_default="")

    analysis: Mapped[Analysis] = relationship(back_populates="answers")
    passages: Mapped[list[Passage]] = relationship(back_populates="answer", cascade="all, delete-orphan",
                                                   passive_deletes=True, order_by="Passage.start")


class Passage(db.Model):
    """A contiguous part of an answer (character offsets ``start``..``end``) that gets a theme and codes."""

    __tablename__ = "analysis_passages"
    __table_args__ = (CheckConstraint("start >= 0 AND \"end\" > start", name="offsets_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    analysed_answer_id: Mapped[int] = mapped_column(ForeignKey("analysis_answers.id", ondelete="CASCADE"),
                                                    index=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    answer: Mapped[AnalysedAnswer] = relationship(back_populates="passages")
    assignments: Mapped[list[ThemeAssignment]] = relationship(back_populates="passage", cascade="all, delete-orphan",
                                                              passive_deletes=True)
    codings: Mapped[list[Coding]] = relationship(back_populates="passage", cascade="all, delete-orphan",
                                                 passive_deletes=True)
    suggestions: Mapped[list[CodeSuggestion]] = relationship(back_populates="passage", cascade="all, delete-orphan",
                                                             passive_deletes=True)

    def assignment(self, source: str) -> ThemeAssignment | None:
        """Return this passage's machine or human theme assignment."""
        return next((a for a in self.assignments if a.source == source), None)

    @property
    def effective_assignment(self) -> ThemeAssignment | None:
        """Return the assignment that counts: the human one if a person decided, else the machine's."""
        return self.assignment("human") or self.assignment("machine")

    @property
    def theme_id(self) -> int | None:
        """Return the theme this passage belongs to (None for outliers and unassigned passages)."""
        chosen = self.effective_assignment
        return None if chosen is None or chosen.is_outlier else chosen.theme_id


class Theme(db.Model):
    """A theme found in the answers (machine proposal or made by a person), tied to a field of action."""

    __tablename__ = "analysis_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    field_of_action_id: Mapped[int | None] = mapped_column(ForeignKey("fields_of_action.id", ondelete="SET NULL"),
                                                           index=True)
    #: Characteristic words proposed by the grouping.
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    #: A person made this theme (merge, split, new): a re-run never removes it.
    is_human: Mapped[bool] = mapped_column(default=False)
    #: A person named it: a re-run keeps the label.
    is_label_human: Mapped[bool] = mapped_column(default=False)
    #: A person tied it to its field of action: a re-run keeps the tie.
    is_field_human: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    analysis: Mapped[Analysis] = relationship(back_populates="themes")

    @property
    def is_kept_on_rerun(self) -> bool:
        """Return whether a person shaped this theme, so a re-run must keep it."""
        return self.is_human or self.is_label_human or self.is_field_human or bool(self.definition)


class ThemeAssignment(db.Model):
    """A passage's theme as proposed by the machine or decided by a person (or marked as outlier)."""

    __tablename__ = "analysis_theme_assignments"
    __table_args__ = (
        UniqueConstraint("passage_id", "source"),
        CheckConstraint("source IN ('machine', 'human')", name="source_known"),
        CheckConstraint("theme_id IS NOT NULL OR is_outlier", name="theme_or_outlier"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[int] = mapped_column(ForeignKey("analysis_passages.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("analysis_themes.id", ondelete="CASCADE"), index=True)
    #: ``machine`` (replaced on each run) or ``human`` (kept).
    source: Mapped[str] = mapped_column(String(10))
    #: The passage fits no theme.
    is_outlier: Mapped[bool] = mapped_column(default=False)
    #: How typical the passage is for its theme (machine: cosine similarity to the theme centre).
    score: Mapped[float | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    passage: Mapped[Passage] = relationship(back_populates="assignments")
    theme: Mapped[Theme | None] = relationship()


class Code(db.Model):
    """An entry of the codebook: a name and a definition people code passages with."""

    __tablename__ = "analysis_codes"
    __table_args__ = (UniqueConstraint("analysis_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    definition: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    analysis: Mapped[Analysis] = relationship(back_populates="codes")


class Coding(db.Model):
    """A person's decision that a code applies to a passage (one row per coder, for agreement)."""

    __tablename__ = "analysis_codings"
    __table_args__ = (UniqueConstraint("passage_id", "code_id", "coder_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[int] = mapped_column(ForeignKey("analysis_passages.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("analysis_codes.id", ondelete="CASCADE"), index=True)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: Came from accepting a machine suggestion.
    is_from_suggestion: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    passage: Mapped[Passage] = relationship(back_populates="codings")
    code: Mapped[Code] = relationship()


class CodeSuggestion(db.Model):
    """A machine suggestion that a code fits a passage, waiting for a person to accept or reject it."""

    __tablename__ = "analysis_code_suggestions"
    __table_args__ = (
        UniqueConstraint("passage_id", "code_id"),
        CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="status_known"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_fraction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[int] = mapped_column(ForeignKey("analysis_passages.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("analysis_codes.id", ondelete="CASCADE"), index=True)
    confidence: Mapped[float]
    #: One of SUGGESTION_STATUSES; decided suggestions are never replaced.
    status: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    passage: Mapped[Passage] = relationship(back_populates="suggestions")
    code: Mapped[Code] = relationship()


class AnswerVector(db.Model):
    """The multilingual sentence vector and detected language of one free-text survey answer.

    Computed once when the answer arrives or is imported (a background job, never in a
    request), so that grouping never waits for encoding. ``digest`` is the SHA-256 of the
    text it was computed from and ``model`` names the encoder: when either differs from the
    answer's current text or the current encoder, the vector is stale and is recomputed.
    Deleting the answer (or its respondent) deletes its vector.
    """

    __tablename__ = "analysis_answer_vectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("survey_answers.id", ondelete="CASCADE"), unique=True)
    digest: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(80))
    #: ISO 639-1 code of the answer's language ("und" when it cannot be told).
    language: Mapped[str] = mapped_column(String(16))
    #: "detected" (the detector was sure) or "participant" (the language the respondent chose).
    language_source: Mapped[str] = mapped_column(String(12), default="detected")
    #: 384 little-endian float32 values.
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
