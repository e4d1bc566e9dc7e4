"""An interview transcript: the document of turns behind one respondent's answers."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.extensions import db

if TYPE_CHECKING:
    from app.surveys.models.respondents import Respondent
    from app.surveys.models.surveys import Question

TRANSCRIPT_ROLES = ("interviewer", "respondent")
#: question: the interviewer asks a guide question; context: the interviewer within a question (follow-up,
#: back-channel); answer: the respondent answers a question; off_guide: the respondent speaks off the guide.
TRANSCRIPT_PLACEMENTS = ("question", "context", "answer", "off_guide")


class Transcript(db.Model):
    """An interview transcript as a document of turns, belonging to one respondent (nothing of it is lost).

    Answer turns also fill the respondent's answers (one paragraph per turn, in order), so the
    analysis reads them like any other answer and a passage's offset leads back to its turn.
    """

    __tablename__ = "survey_transcripts"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"),
                                               unique=True)
    #: The uploaded file's name (pseudonymised uploads keep only the ending).
    filename: Mapped[str] = mapped_column(String(255), default="")
    #: docx, text, webvtt, srt or headings.
    source_format: Mapped[str] = mapped_column(String(20), default="text")
    #: The encoding a text file was read in ("" for .docx), as confirmed in the preview.
    encoding: Mapped[str] = mapped_column(String(20), default="")
    #: Everything before the first turn (header lines: date, duration, who was present), one line each.
    metadata_lines: Mapped[list] = mapped_column(JSON, default=list)
    #: The header lines before pseudonymisation, only where the project keeps originals (None otherwise).
    original_metadata_lines: Mapped[list | None] = mapped_column(JSON)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    respondent: Mapped[Respondent] = relationship(back_populates="transcript")
    turns: Mapped[list[TranscriptTurn]] = relationship(
        back_populates="transcript", cascade="all, delete-orphan", passive_deletes=True,
        order_by="TranscriptTurn.position")


class TranscriptTurn(db.Model):
    """One speaker's turn: who, when (milliseconds from the start), what, and where it sits in the guide."""

    __tablename__ = "survey_transcript_turns"
    __table_args__ = (
        UniqueConstraint("transcript_id", "position"),
        CheckConstraint("role IN ('interviewer', 'respondent')", name="role_known"),
        CheckConstraint("placement IN ('question', 'context', 'answer', 'off_guide')", name="placement_known"),
        CheckConstraint("role = 'respondent' OR placement IN ('question', 'context')", name="interviewer_no_answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("survey_transcripts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    #: The label as written ("I", "B", "Frau K."; "" when the file had none).
    speaker: Mapped[str] = mapped_column(String(80), default="")
    #: interviewer or respondent (TRANSCRIPT_ROLES).
    role: Mapped[str] = mapped_column(String(20))
    #: Milliseconds from the start of the recording (None when the transcript has no timestamps).
    at_ms: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text)
    #: The wording before pseudonymisation, only where the project keeps originals and a term was replaced.
    original_text: Mapped[str | None] = mapped_column(Text)
    #: One of TRANSCRIPT_PLACEMENTS.
    placement: Mapped[str] = mapped_column(String(20))
    #: The guide question the turn belongs to (None off the guide).
    question_id: Mapped[int | None] = mapped_column(ForeignKey("survey_questions.id", ondelete="SET NULL"),
                                                    index=True)
    #: How sure the proposed match was (0–1; None when a person placed the turn or nothing was matched).
    confidence: Mapped[float | None] = mapped_column(Float)

    transcript: Mapped[Transcript] = relationship(back_populates="turns")
    question: Mapped[Question | None] = relationship()

    @property
    def timestamp(self) -> str:
        """Return the time as ``hh:mm:ss`` ("" when unknown)."""
        if self.at_ms is None:
            return ""
        seconds = self.at_ms // 1000
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
