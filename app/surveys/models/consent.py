"""Consent: each wording shown, and who agreed to which wording when, in which language and how."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.extensions import db

if TYPE_CHECKING:
    from app.surveys.models.respondents import Respondent

CONSENT_CHANNELS = ("online", "interviewer")


class ConsentText(db.Model):
    """A consent text exactly as shown to someone: version, language of the text, and the wording itself.

    Kept once per distinct wording, so a consent record proves what was agreed to even after the
    survey's texts (or their translations) change, or when German was shown for want of a translation.
    """

    __tablename__ = "survey_consent_texts"
    __table_args__ = (UniqueConstraint("survey_id", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    #: The survey's consent_version when this text was shown.
    version: Mapped[int]
    #: Language of the consent text shown (German when it was not translated into the chosen language).
    language: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text, default="")
    #: The Art. 9 checkbox wording shown ("" when the survey did not ask about migration history).
    special_body: Mapped[str] = mapped_column(Text, default="")
    #: Language of the Art. 9 wording shown.
    special_language: Mapped[str] = mapped_column(String(16), default="de")
    #: SHA-256 of version, languages and both wordings.
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsentRecord(db.Model):
    """Consent given: when, to which text version, in which language, through which channel (once per version)."""

    __tablename__ = "survey_consents"
    __table_args__ = (CheckConstraint("channel IN ('online', 'interviewer')", name="channel_known"),
                      UniqueConstraint("respondent_id", "text_version"))

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"),
                                               index=True)
    #: When consent was given (the day only for anonymous rounds).
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    text_version: Mapped[int] = mapped_column(default=1)
    #: The language the person chose (the consent text itself may have been shown in German: see ``text``).
    language: Mapped[str] = mapped_column(String(16), default="de")
    #: The wording shown, as it was (None for consent recorded before wordings were kept).
    consent_text_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_consent_texts.id", ondelete="SET NULL"), index=True)
    #: online (the respondent ticked it) or interviewer (recorded by staff).
    channel: Mapped[str] = mapped_column(String(20), default="online")
    #: Separate explicit consent to being asked about migration history (Art. 9 GDPR).
    covers_migration_history: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    respondent: Mapped[Respondent] = relationship(back_populates="consents")
    text: Mapped[ConsentText | None] = relationship()
