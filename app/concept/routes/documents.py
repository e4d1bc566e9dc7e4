"""Word output: the municipality's template, the concept export and the progress report."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.concept import exports, queries, reporting, services
from app.concept.forms import CommitteeReportForm, ConfirmForm, ExportForm, ReportPeriodForm, TemplateForm
from app.concept.report_parts import report_parts
from app.concept.routes.common import bp, form_status, load_concept
from app.concept.word import ORIENTATIONS
from app.errors import ValidationError, apply_to_form
from app.projects.queries import get_field_or_404

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.route("/<int:project_id>/template", methods=["GET", "POST"])
def manage_template(project_id: int):
    """Upload or replace the municipality's Word template."""
    project, concept = load_concept(project_id)
    form = TemplateForm()
    if form.validate_on_submit():
        upload = form.template.data
        if not upload or not getattr(upload, "filename", ""):
            form.template.errors = list(form.template.errors) + [_("Bitte eine Datei auswählen.")]
        else:
            try:
                services.upload_template(concept, filename=upload.filename, data=upload.read(), user=current_user)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                flash(_("Die Vorlage wurde gespeichert; der Export verwendet jetzt ihre Formatvorlagen."), "success")
                return redirect(url_for("concept.manage_template", project_id=project.id))
    return render_template("concept/template.html", project=project, concept=concept, form=form,
                           confirm_form=ConfirmForm()), form_status(form)


@bp.post("/<int:project_id>/template/delete")
def remove_template(project_id: int):
    """Go back to the built-in Word styles."""
    project, concept = load_concept(project_id)
    services.remove_template(concept)
    flash(_("Die Vorlage wurde entfernt; der Export verwendet wieder die Standardformate."), "success")
    return redirect(url_for("concept.manage_template", project_id=project.id))


@bp.get("/<int:project_id>/export.docx")
def export_concept(project_id: int):
    """Send the whole concept, or one field's chapter (``?field=<id>``), as a Word document."""
    project, concept = load_concept(project_id)
    field_id = request.args.get("field", type=int)
    field = get_field_or_404(project, field_id) if field_id else None
    options = ExportForm(request.args)
    orientation = options.orientation.data if options.orientation.data in ORIENTATIONS else "auto"
    buffer = exports.export_concept(concept, field, orientation=orientation,
                                    success_factors=bool(options.success_factors.data))
    return send_file(buffer, mimetype=DOCX_MIMETYPE, as_attachment=True,
                     download_name=exports.export_filename(concept, field))


# --- monitoring -------------------------------------------------------------------------------

def _report_period():
    form = ReportPeriodForm(request.args)
    today = date.today()
    start = form.start.data if form.validate() and form.start.data else date(today.year - 1, today.month, 1)
    end = form.end.data if form.end.data else today
    if end < start:
        start, end = end, start
    form.start.data, form.end.data = start, end
    return form, start, end


@bp.get("/<int:project_id>/monitoring")
def show_monitoring(project_id: int):
    """Show the progress report of a period: measures per field by status and what changed."""
    project, concept = load_concept(project_id)
    form, start, end = _report_period()
    report = queries.progress_report(concept, start, end)
    return render_template("concept/monitoring.html", project=project, concept=concept, form=form, report=report,
                           parts=[exports.changes_part(concept, report)] + report_parts(concept, start, end))


@bp.get("/<int:project_id>/monitoring.docx")
def export_monitoring(project_id: int):
    """Send the progress report of a period as a Word document."""
    project, concept = load_concept(project_id)
    _, start, end = _report_period()
    report = queries.progress_report(concept, start, end)
    return send_file(exports.export_monitoring(concept, report), mimetype=DOCX_MIMETYPE, as_attachment=True,
                     download_name=f"Umsetzungsbericht-{start.isoformat()}-{end.isoformat()}.docx")


# --- reports to committees --------------------------------------------------------------------

def _render_reports(project, concept, form, status=200):
    return render_template("concept/reports.html", project=project, concept=concept, form=form,
                           reports=reporting.list_reports(concept),
                           committee_labels=reporting.COMMITTEE_LABELS), status


@bp.get("/<int:project_id>/reports")
def list_reports(project_id: int):
    """List the reports given to committees and offer the next one, starting where the last one ended."""
    project, concept = load_concept(project_id)
    form = CommitteeReportForm()
    form.period_start.data, form.period_end.data = reporting.next_period(concept)
    return _render_reports(project, concept, form)


@bp.post("/<int:project_id>/reports")
def create_report(project_id: int):
    """Store a progress report for a committee (a memo is drafted when none is typed)."""
    project, concept = load_concept(project_id)
    form = CommitteeReportForm()
    if form.validate_on_submit():
        try:
            report = reporting.create_report(concept, committee=form.committee.data,
                                             committee_name=form.committee_name.data,
                                             period_start=form.period_start.data, period_end=form.period_end.data,
                                             memo=form.memo.data, created_by=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Bericht wurde angelegt. Prüfen Sie das Anschreiben, bevor Sie ihn herunterladen."),
                  "success")
            return redirect(url_for("concept.edit_report", project_id=project.id, report_id=report.id))
    return _render_reports(project, concept, form, 422)


@bp.route("/<int:project_id>/reports/<int:report_id>", methods=["GET", "POST"])
def edit_report(project_id: int, report_id: int):
    """Show a committee report with what changed since the last one, and edit its memo."""
    project, concept = load_concept(project_id)
    record = reporting.report_or_404(concept, report_id)
    form = CommitteeReportForm(obj=record)
    if form.validate_on_submit():
        try:
            reporting.update_report(record, committee=form.committee.data, committee_name=form.committee_name.data,
                                    period_start=form.period_start.data, period_end=form.period_end.data,
                                    memo=form.memo.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("concept.edit_report", project_id=project.id, report_id=record.id))
    report = queries.progress_report(concept, record.period_start, record.period_end)
    previous = reporting.previous_report(concept, record)
    return render_template("concept/report.html", project=project, concept=concept, record=record, form=form,
                           report=report, previous=previous, confirm_form=ConfirmForm(),
                           parts=[exports.changes_part(concept, report, previous)]
                           + report_parts(concept, record.period_start, record.period_end)), form_status(form)


@bp.get("/<int:project_id>/reports/<int:report_id>/report.docx")
def export_report(project_id: int, report_id: int):
    """Send a committee report as Word: the covering memo first, then the progress report of its period."""
    project, concept = load_concept(project_id)
    record = reporting.report_or_404(concept, report_id)
    return send_file(exports.export_committee_report(concept, record), mimetype=DOCX_MIMETYPE, as_attachment=True,
                     download_name=exports.committee_report_filename(record))


@bp.post("/<int:project_id>/reports/<int:report_id>/delete")
def delete_report(project_id: int, report_id: int):
    """Remove a stored committee report."""
    project, concept = load_concept(project_id)
    record = reporting.report_or_404(concept, report_id)
    if ConfirmForm().validate_on_submit():
        reporting.delete_report(record)
        flash(_("Der Bericht wurde entfernt."), "success")
    return redirect(url_for("concept.list_reports", project_id=project.id))
