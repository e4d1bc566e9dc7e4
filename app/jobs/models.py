"""The state of a background job, shared by the web process and any worker through the database."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.auth.models import utcnow
from app.extensions import db

JOB_STATUSES = ("queued", "running", "done", "failed")


class Job(db.Model):
    """A unit of long work (e.g. grouping a survey's answers) and how far it has come."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status_known"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress_fraction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the job does, e.g. ``analysis.run``; shown to staff and used to find a project's jobs.
    kind: Mapped[str] = mapped_column(String(60), index=True)
    #: The function run, as ``"dotted.module:function"``; it receives ``(job_id, **arguments)``.
    target: Mapped[str] = mapped_column(String(200))
    #: Keyword arguments for the function (JSON-serialisable).
    arguments: Mapped[dict] = mapped_column(JSON, default=dict)
    #: One of JOB_STATUSES.
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    #: Fraction done, 0–1.
    progress: Mapped[float] = mapped_column(default=0.0)
    #: The current step in words, shown beside the progress bar.
    message: Mapped[str] = mapped_column(String(300), default="")
    #: What the function returned (JSON), e.g. ``{"url": ...}`` to continue.
    result: Mapped[dict | None] = mapped_column(JSON)
    #: Why the job failed (exception text; no stack trace).
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    @property
    def is_finished(self) -> bool:
        """Return whether the job has ended, successfully or not."""
        return self.status in ("done", "failed")

    @property
    def percent(self) -> int:
        """Return the progress as a whole percentage."""
        return int(round(100 * (self.progress or 0.0)))
