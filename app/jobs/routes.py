"""A job's progress page and the partial it polls (``/jobs/<id>``)."""
from __future__ import annotations

from flask import Blueprint, abort, make_response, render_template, request
from sqlalchemy import select

from app.auth.access import protect, register_project_lookup
from app.extensions import db
from app.web import safe_local_url
from app.jobs.models import Job

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
protect(bp, "lead", "analyst", "author", "facilitator")


def job_project_id(job_id: int) -> int | None:
    """Return the project a job belongs to (None: unknown job, or one outside any project)."""
    return db.session.scalar(select(Job.project_id).where(Job.id == job_id))


register_project_lookup("job_id", job_project_id)


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
    """Return the progress partial (polled by htmx); a poll that sees the job done forwards to its result.

    A page opened after the job finished is not forwarded: it keeps the link to the result.
    """
    job = _job_or_404(job_id)
    back_url = _safe_back(request.args.get("next"))
    response = make_response(render_template("jobs/_progress.html", job=job, back_url=back_url))
    result_url = _safe_back((job.result or {}).get("url") if isinstance(job.result, dict) else None) or back_url
    if request.headers.get("HX-Request") == "true" and job.status == "done" and result_url:
        response.headers["HX-Redirect"] = result_url
    return response


def _safe_back(url: str | None) -> str | None:
    return safe_local_url(url)
