"""What every survey staff page shares: the blueprint, its access check, label tables and small helpers."""
from __future__ import annotations

import io

from flask import Blueprint, abort
from sqlalchemy import select
from flask_babel import gettext as _

from app.auth.access import project_roles, protect, register_project_lookup
from app.extensions import db
from app.surveys import invitations
from app.surveys.answering import display_value
from app.surveys.forms import (CHANNEL_LABELS, KIND_LABELS, MIGRATION_LABELS, MODE_LABELS, STATUS_LABELS,
                               SURVEY_STATUS_LABELS, InviteForm)
from app.surveys.models import Survey

bp = Blueprint("surveys", __name__, url_prefix="/surveys")

protect(bp, "lead")
#: Interviewer mode (and the pages leading to it): the project's lead and its interviewers.
interviewers = project_roles("lead", "interviewer")


def survey_project_id(survey_id: int) -> int | None:
    """Return the project of a survey (None: no such survey)."""
    return db.session.scalar(select(Survey.project_id).where(Survey.id == survey_id))


register_project_lookup("survey_id", survey_project_id)


@bp.context_processor
def labels():
    """Make the label tables available to survey templates."""
    return {"kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS, "mode_labels": MODE_LABELS,
            "migration_labels": MIGRATION_LABELS, "channel_labels": CHANNEL_LABELS,
            "survey_status_labels": SURVEY_STATUS_LABELS, "display_value": display_value,
            "links_point_to_loopback": invitations.links_point_to_loopback}


def form_status(form) -> int:
    """Return 422 when a submitted form has errors, else 200."""
    return 422 if form.errors or form.form_errors else 200


def get_survey_or_404(survey_id: int) -> Survey:
    """Return the survey or answer 404."""
    return db.session.get(Survey, survey_id) or abort(404)


def group_choices(project, blank):
    """Return the project's stakeholder groups as select choices, led by ``blank``."""
    return [(0, blank)] + [(g.id, g.name) for g in project.stakeholder_groups]


def invite_form(survey: Survey, formdata=None) -> InviteForm:
    """Build the form that creates personal links, with the survey's groups."""
    form = InviteForm(formdata=formdata) if formdata is not None else InviteForm()
    form.stakeholder_group_id.choices = group_choices(survey.project, _("– ohne Gruppe –"))
    return form


def as_file(body: bytes) -> io.BytesIO:
    """Wrap bytes for ``send_file``."""
    return io.BytesIO(body)
