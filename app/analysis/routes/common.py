"""What every analysis page shares: the blueprint, its access checks, labels and small helpers."""
from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from app.analysis import queries
from app.auth import access
from app.auth.access import project_roles, protect
from app.projects.queries import get_project_or_404

bp = Blueprint("analysis", __name__, url_prefix="/analysis")
#: Reading analyses: the project's lead, analysts, authors (who cite them) and facilitators (who bring them to workshops).
protect(bp, "lead", "analyst", "author", "facilitator")
#: Changing analyses and exporting their passages.
ANALYST_ROLES = ("lead", "analyst")
analysts_only = project_roles(*ANALYST_ROLES)

ATTRIBUTE_LABELS = {
    "stakeholder_group": _l("Akteursgruppe"), "migration_history": _l("Zuwanderungsgeschichte"),
    "district": _l("Stadtteil"), "age_band": _l("Altersgruppe"),
}
VALUE_LABELS = {"yes": _l("mit Zuwanderungsgeschichte"), "no": _l("ohne Zuwanderungsgeschichte"),
                "not_stated": _l("keine Angabe")}


def can_analyse() -> bool:
    """Return whether the current person may change this project's analyses (its lead or an analyst; admins)."""
    project_id = (request.view_args or {}).get("project_id")
    return project_id is not None and access.may(project_id, *ANALYST_ROLES)


@bp.context_processor
def _analysis_helpers():
    from app.analysis.grouping import agreement_verdict

    return {"can_analyse": can_analyse, "agreement_verdict": agreement_verdict, "language_name": language_name,
            "attribute_label": lambda k: ATTRIBUTE_LABELS.get(k, k),
            "value_label": lambda v: VALUE_LABELS.get(v, v)}


def language_name(code: str) -> str:
    """Return a language's name in the staff's interface language ("Türkisch"), or the code when unknown."""
    from flask_babel import get_locale

    if not code or code == "und":
        return _l("unbekannt")
    locale = get_locale()
    name = locale.languages.get(code) if locale is not None else None
    return name or code


def form_status(form) -> int:
    """Return 422 when a submitted form has errors, else 200."""
    return 422 if form.errors or form.form_errors else 200


def load_analysis(project_id: int, analysis_id: int):
    """Return the project and its analysis, or answer 404."""
    project = get_project_or_404(project_id)
    return project, queries.get_analysis_or_404(project.id, analysis_id)


def board_url(analysis, **anchor) -> str:
    """Return the address of an analysis's theme board."""
    return url_for("analysis.show_analysis", project_id=analysis.project_id, analysis_id=analysis.id, **anchor)


def to_job(job, back: str):
    """Send the browser to a job's progress page, which links back to ``back``."""
    return redirect(url_for("jobs.show_job", job_id=job.id, next=back))


def job_model():
    """Return the Job model (imported late: jobs depend on analysis, not the other way)."""
    from app.jobs.models import Job

    return Job
