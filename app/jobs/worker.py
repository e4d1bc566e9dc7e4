"""What an RQ worker runs: the recorded job inside the application context."""
from __future__ import annotations

from flask import has_app_context


def perform_job(job_id: int) -> None:
    """Run job ``job_id`` inside ``create_app().app_context()`` (or the already active one)."""
    from app.jobs.services import run_job

    if has_app_context():
        run_job(job_id)
        return
    from app import create_app

    with create_app().app_context():
        run_job(job_id)
