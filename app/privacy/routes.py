"""The retention page of a project: when its personal data goes, what is stored, what was deleted."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.auth.access import protect
from app.errors import ValidationError, apply_to_form
from app.privacy import queries, services
from app.privacy.forms import RetentionForm
from app.privacy.registry import deletion_label
from app.privacy.retention import NOTICE_DAYS, project_retention
from app.projects.queries import get_project_or_404

bp = Blueprint("privacy", __name__, url_prefix="/privacy")
protect(bp, "lead")

REASON_LABELS = {"art17": _l("Löschung auf Wunsch oder durch das Team"), "retention": _l("Aufbewahrungsfrist abgelaufen")}


@bp.route("/projects/<int:project_id>/retention", methods=["GET", "POST"])
def show_retention(project_id: int):
    """Show when the project's personal data is deleted and let the lead set the retention period."""
    project = get_project_or_404(project_id)
    form = RetentionForm(obj=project)
    status = 200
    if form.validate_on_submit():
        try:
            services.set_retention_period(project, form.retention_months.data,
                                          keeps_transcript_originals=form.keeps_transcript_originals.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Aufbewahrungsfrist wurde gespeichert."), "success")
            return redirect(url_for("privacy.show_retention", project_id=project.id))
    if form.errors or form.form_errors:
        status = 422
    deletions = [(record, deletion_label(record.kind)) for record in queries.project_deletions(project.id)]
    return render_template("privacy/retention.html", project=project, form=form, state=project_retention(project),
                           deletions=deletions, reason_labels=REASON_LABELS, notice_days=NOTICE_DAYS), status
