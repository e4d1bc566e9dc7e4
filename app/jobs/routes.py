"""A job's progress page and the partial it polls (``/jobs/<id>``)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from app.auth.access import require_roles
from app.extensions import db
from app.web import safe_local_url
from app.jobs.models import Job

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
bp.before_request(require_roles("project_lead", "author", "facilitator"))


def _job_or_404(job_id: int) -> Job:
    return db.session.get(Job, job_id) or abort(404)


@bp.get("/<int:job_id>")
def show_job(job_id: int):
    """Show a job's progress bar; it refreshes itself every second while the job runs."""
    job = _job_or_404(job_id)
    project = None
    if job.project_id:
        from app.projects.models import Project

        project = db.session.get(Project, job.project_id)
    return render_template("jobs/show.html", job=job, project=project, back_url=_safe_back(request.args.get("next")))


@bp.get("/<int:job_id>/progress")
def show_job_progress(job_id: int):
    """Return the progress partial (polled by htmx)."""
    job = _job_or_404(job_id)
    return render_template("jobs/_progress.html", job=job, back_url=_safe_back(request.args.get("next")))


def _safe_back(url: str | None) -> str | None:
    return safe_local_url(url)
