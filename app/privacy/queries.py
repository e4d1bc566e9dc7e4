"""Reads on the deletion journal."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.privacy.models import DeletionRecord


def project_deletions(project_id: int, limit: int = 50) -> list[DeletionRecord]:
    """Return the project's most recent journal entries (what was deleted, when, why, how many)."""
    return list(db.session.scalars(select(DeletionRecord).where(DeletionRecord.project_id == project_id)
                                   .order_by(DeletionRecord.recorded_at.desc(), DeletionRecord.id.desc())
                                   .limit(limit)))
