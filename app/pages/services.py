"""Writes on public pages: feedback and edited texts."""
from __future__ import annotations

from app.extensions import db
from app.pages.models import AccessibilityFeedback, SiteText
from app.pages.texts import DEFAULT_PRIVACY_NOTICE

DEFAULT_TEXTS = {"privacy": DEFAULT_PRIVACY_NOTICE}


def site_text(key: str) -> str:
    """Return the stored text for ``key`` or its default wording."""
    stored = db.session.get(SiteText, key)
    return stored.body if stored else DEFAULT_TEXTS.get(key, "")


def save_site_text(key: str, body: str, user_id: int | None) -> None:
    """Store the edited text for ``key``."""
    stored = db.session.get(SiteText, key) or SiteText(key=key)
    stored.body = body.strip()
    stored.updated_by_id = user_id
    db.session.add(stored)
    db.session.commit()


def submit_feedback(message: str, page: str | None, contact: str | None) -> AccessibilityFeedback:
    """Record a reported barrier."""
    feedback = AccessibilityFeedback(message=message.strip(), page=(page or "").strip() or None,
                                     contact=(contact or "").strip() or None)
    db.session.add(feedback)
    db.session.commit()
    return feedback


def mark_feedback_handled(feedback: AccessibilityFeedback) -> None:
    """Mark a reported barrier as handled."""
    feedback.is_handled = True
    db.session.commit()
