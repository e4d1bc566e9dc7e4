"""The deletion journal: one row per deletion of personal data, without the data itself."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from app.auth.models import utcnow
from app.extensions import db

DELETION_REASONS = ("art17", "retention")


class DeletionRecord(db.Model):
    """A deletion of personal data, kept so that a restored backup can be cleaned again.

    No foreign keys: the record must outlive the rows (and projects) it names. It holds ids,
    counts and a fingerprint, never names, e-mail addresses or answers.
    """

    __tablename__ = "privacy_deletions"
    __table_args__ = (CheckConstraint("reason IN ('art17', 'retention')", name="reason_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Random id of the entry; the same across backups, restores and exported copies of the journal.
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    #: What was deleted, as registered by its capability, e.g. ``surveys.respondent`` or ``surveys.contacts``.
    kind: Mapped[str] = mapped_column(String(60))
    #: ``art17`` (a person's request or a staff deletion) or ``retention`` (the project's period ended).
    reason: Mapped[str] = mapped_column(String(20))
    #: Id of the deleted row (Art. 17) or of the project whose data was deleted (retention).
    subject_id: Mapped[int | None]
    #: Hash of the subject's id and creation time: a replay only deletes the row it was meant for.
    fingerprint: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int | None] = mapped_column(index=True)
    #: How many items were deleted.
    count: Mapped[int] = mapped_column(default=1)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
