"""Texts the municipality edits (privacy notice) and accessibility feedback from visitors."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.auth.models import utcnow
from app.extensions import db


class SiteText(db.Model):
    """An editable public text, e.g. the privacy notice, stored per key and language."""

    __tablename__ = "site_texts"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    #: Plain text with blank lines between paragraphs and "## " for headings.
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class AccessibilityFeedback(db.Model):
    """A barrier reported through the feedback form of the accessibility statement."""

    __tablename__ = "accessibility_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    message: Mapped[str] = mapped_column(Text)
    #: Optional address for an answer; the form says it is optional.
    contact: Mapped[str | None] = mapped_column(String(255))
    #: The page where the barrier was met, if the visitor named it.
    page: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_handled: Mapped[bool] = mapped_column(default=False)
