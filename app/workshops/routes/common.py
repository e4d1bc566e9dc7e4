"""What every workshop page shares: the blueprint, its access checks, labels and small helpers."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, url_for

from app.auth.access import project_roles, protect
from app.errors import ValidationError
from app.extensions import db
from app.projects.queries import get_project_or_404
from app.workshops import queries
from app.workshops.forms import (ITEM_KIND_LABELS, PROPOSAL_STATUS_LABELS, ROUND_METHOD_LABELS, ROUND_STATUS_LABELS,
                                 WORKSHOP_KIND_LABELS, WORKSHOP_STATUS_LABELS, ActionForm)

bp = Blueprint("workshops", __name__, url_prefix="/workshops")
protect(bp, "lead", "facilitator")
#: Observers read aggregate results: the workshop list, the results and their exports (no participants' details).
results_readers = project_roles("lead", "facilitator", "observer")

LABELS = {"kinds": WORKSHOP_KIND_LABELS, "statuses": WORKSHOP_STATUS_LABELS, "item_kinds": ITEM_KIND_LABELS,
          "methods": ROUND_METHOD_LABELS, "round_statuses": ROUND_STATUS_LABELS,
          "proposal_statuses": PROPOSAL_STATUS_LABELS}


def form_status(form) -> int:
    """Return 422 when the submitted form has errors, else 200."""
    return 422 if form.errors or form.form_errors else 200


def load_workshop(project_id: int, workshop_id: int):
    """Return the project and its workshop, or answer 404."""
    project = get_project_or_404(project_id)
    return project, queries.get_workshop_or_404(project, workshop_id)


def back_to_workshop(workshop, anchor: str = ""):
    """Redirect to the workshop's page, at an anchor when given."""
    return redirect(url_for("workshops.show_workshop", project_id=workshop.project_id, workshop_id=workshop.id)
                    + (f"#{anchor}" if anchor else ""))


def run_action(action: Callable[[], object], done_message: str) -> None:
    """Run a button's action once its form passes the CSRF check; flash the refusal (rolled back) or the message."""
    if not ActionForm().validate_on_submit():
        return
    try:
        action()
    except ValidationError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        flash(done_message, "success")


def join_url(workshop) -> str:
    """Return the absolute address participants open (and the QR code encodes)."""
    return url_for("workshops_public.join_workshop", code=workshop.join_code, _external=True)
