"""Job functions used by the job tests (a job target must be importable by dotted path)."""
from __future__ import annotations

from app.jobs.services import report_progress


def add_numbers(job_id: int, a: int, b: int) -> dict:
    """Report progress halfway and return the sum."""
    report_progress(job_id, 0.5, "halfway")
    from app.extensions import db
    from app.jobs.models import Job

    seen = db.session.get(Job, job_id)
    db.session.refresh(seen)
    return {"sum": a + b, "progress_seen": seen.progress, "message_seen": seen.message}


def fail(job_id: int) -> dict:
    """Fail on purpose."""
    raise RuntimeError("kaputt")
