"""Moving answers in and out: export, spreadsheet import with column mapping, transcript import."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, session, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.auth.access import audited
from app.errors import ValidationError, apply_to_form
from app.surveys import exports, imports, respondent_records
from app.surveys.forms import ConfirmForm, TranscriptForm, UploadForm
from app.surveys.routes.common import as_file, bp, form_status, get_survey_or_404, group_choices


@bp.get("/<int:survey_id>/export.<fmt>")
@audited("exported")
def export_answers(survey_id: int, fmt: str):
    """Download all answers (pseudonyms only) as CSV or Excel with a codebook."""
    survey = get_survey_or_404(survey_id)
    table = exports.answer_table(survey)
    name = f"befragung-{survey.id}-antworten"
    if fmt == "csv":
        return send_file(as_file(exports.build_csv(table)), mimetype="text/csv", as_attachment=True,
                         download_name=name + ".csv")
    if fmt == "xlsx":
        return send_file(exports.build_xlsx(table), as_attachment=True, download_name=name + ".xlsx",
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if fmt == "codebook.csv":
        return send_file(as_file(exports.build_codebook_csv(table)), mimetype="text/csv", as_attachment=True,
                         download_name=f"befragung-{survey.id}-codebuch.csv")
    abort(404)


# --- import --------------------------------------------------------------------------------------------------

def _upload_dir() -> Path:
    path = Path(current_app.instance_path) / "survey_uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


#: Uploads waiting for their mapping step are removed after this many seconds.
UPLOAD_LIFETIME = 24 * 3600


def _keep_upload(survey, filename: str, data: bytes) -> str:
    """Keep a checked upload for the next step; only files that were read without problems come here."""
    import time

    for stale in _upload_dir().iterdir():
        if stale.is_file() and time.time() - stale.stat().st_mtime > UPLOAD_LIFETIME:
            stale.unlink(missing_ok=True)
    earlier = (session.get("survey_upload") or {}).get("id")
    if earlier:
        _drop_upload(earlier)
    upload_id = secrets.token_hex(16)
    (_upload_dir() / upload_id).write_bytes(data)
    session["survey_upload"] = {"id": upload_id, "survey_id": survey.id, "filename": filename}
    return upload_id


def _load_upload(survey, upload_id: str) -> tuple[str, bytes]:
    stored = session.get("survey_upload") or {}
    if not upload_id or stored.get("id") != upload_id or stored.get("survey_id") != survey.id:
        raise ValidationError(_("Die hochgeladene Datei ist nicht mehr verfügbar. Bitte laden Sie sie erneut hoch."),
                              "file")
    path = _upload_dir() / upload_id
    if not path.exists():
        raise ValidationError(_("Die hochgeladene Datei ist nicht mehr verfügbar. Bitte laden Sie sie erneut hoch."),
                              "file")
    return stored["filename"], path.read_bytes()


def _drop_upload(upload_id: str) -> None:
    """Delete this session's kept upload (ids from a form count only when they are the session's own)."""
    if not upload_id or (session.get("survey_upload") or {}).get("id") != upload_id:
        return
    path = _upload_dir() / upload_id
    if path.exists():
        os.remove(path)
    session.pop("survey_upload", None)


@bp.route("/<int:survey_id>/import", methods=["GET", "POST"])
def import_answers(survey_id: int):
    """Upload a CSV or Excel file of answers; the next step maps its columns."""
    survey = get_survey_or_404(survey_id)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not upload.filename:
            form.file.errors = [_("Bitte wählen Sie eine Datei aus.")]
        else:
            data = upload.read()
            try:
                sheet = imports.read_table(upload.filename, data)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                upload_id = _keep_upload(survey, upload.filename, data)
                mapping = imports.suggest_mapping(survey, sheet.header)
                return _render_mapping(survey, upload_id, sheet, mapping)
    return render_template("surveys/import.html", project=survey.project, survey=survey, form=form,
                           transcript_form=_transcript_form(survey)), form_status(form)


def _render_mapping(survey, upload_id, sheet, mapping, plan=None, error=None, status=200):
    return render_template("surveys/import_mapping.html", project=survey.project, survey=survey,
                           upload_id=upload_id, sheet=sheet, mapping=mapping, plan=plan, error=error,
                           preview=sheet.rows[:5], form=ConfirmForm(upload_id=upload_id)), status


@bp.post("/<int:survey_id>/import/mapping")
def map_import(survey_id: int):
    """Check the column mapping, show a preview with all problems, and import when asked and clean."""
    survey = get_survey_or_404(survey_id)
    upload_id = request.form.get("upload_id", "")
    try:
        filename, data = _load_upload(survey, upload_id)
        sheet = imports.read_table(filename, data)
    except ValidationError as error:
        _drop_upload(upload_id)
        flash(error.message, "error")
        return redirect(url_for("surveys.import_answers", survey_id=survey.id))
    mapping = {i: request.form.get(f"map-{i}", "") for i in range(len(sheet.header))}
    try:
        plan = imports.plan_import(survey, sheet, mapping)
    except ValidationError as error:
        return _render_mapping(survey, upload_id, sheet, mapping, error=error.message, status=422)
    if request.form.get("action") == "import":
        if plan.problems:
            return _render_mapping(survey, upload_id, sheet, mapping, plan=plan,
                                   error=_("Die Datei enthält Fehler; es wurde nichts importiert."), status=422)
        count = imports.run_import(survey, plan, entered_by=current_user)
        _drop_upload(upload_id)
        flash(_("%(count)s Befragte wurden importiert.", count=count), "success")
        return redirect(url_for("surveys.list_respondents", survey_id=survey.id))
    return _render_mapping(survey, upload_id, sheet, mapping, plan=plan, status=422 if plan.problems else 200)


def _transcript_form(survey, formdata=None):
    form = TranscriptForm(prefix="transcript") if formdata is None else TranscriptForm(prefix="transcript",
                                                                                      formdata=formdata)
    form.stakeholder_group_id.choices = group_choices(survey.project, _("– ohne Gruppe –"))
    return form


def _transcript_options(source) -> dict:
    """Return the reading options of a transcript import (speaker markers, encoding) from a form or request."""
    return {"interviewer_markers": (source.get("interviewer_markers") or "")[:200],
            "respondent_markers": (source.get("respondent_markers") or "")[:200],
            "encoding": source.get("encoding") or None}


def _pseudonymisation(form) -> dict:
    """Return the preview's pseudonymisation: the project's list, the respondent's name, the ticked replacements."""
    from app.surveys.pseudonymise import parse_terms

    replacements, shown = {}, set()
    for key in form:
        if key.startswith("cand-term-"):
            shown.add(form.get(key, "").strip())
        if key.startswith("cand-term-") and form.get("cand-" + key[10:]):
            term = form.get(key, "").strip()
            placeholder = (form.get("cand-ph-" + key[10:]) or "").strip()[:60] or "[Name]"
            if term:
                replacements[term[:120]] = placeholder
    return {"project_terms": parse_terms(form.get("project_terms", "")), "own_name": form.get("own_name", "")[:200],
            "replacements": replacements, "shown_terms": shown}


def _turn_choices(form) -> dict[int, str]:
    """Return the preview's choices per turn ({index: "q:<id>" or "off"})."""
    return {int(key[5:]): value for key, value in form.items() if key.startswith("turn-") and key[5:].isdigit()}


def _render_transcript_preview(survey, plan, *, upload_id, filename, pseudonym, group_id, options, error=None,
                               status=200, own_name="", project_terms=None):
    from app.surveys.pseudonymise import format_terms
    from app.surveys.transcript_mapping import UNSURE_BELOW
    from app.surveys.transcripts import ENCODINGS, encoding_label

    if project_terms is None:
        project_terms = [tuple(item) for item in survey.project.pseudonym_terms or []]

    return render_template("surveys/transcript_preview.html", project=survey.project, survey=survey, plan=plan,
                           upload_id=upload_id, filename=filename, pseudonym=pseudonym, group_id=group_id,
                           options=options, error=error, unsure_below=UNSURE_BELOW,
                           encodings=[(e, encoding_label(e)) for e in ENCODINGS], encoding_label=encoding_label,
                           questions={q.id: q for q in plan.questions}, own_name=own_name,
                           project_terms=format_terms(project_terms),
                           form=ConfirmForm(upload_id=upload_id)), status


@bp.post("/<int:survey_id>/transcripts")
def import_transcript(survey_id: int):
    """Upload an interview transcript and show the proposed mapping of its turns (stored only on confirmation)."""
    survey = get_survey_or_404(survey_id)
    form = _transcript_form(survey)
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not upload.filename:
            form.file.errors = [_("Bitte wählen Sie eine Datei aus.")]
        else:
            data = upload.read()
            options = {"interviewer_markers": form.interviewer_markers.data or "",
                       "respondent_markers": form.respondent_markers.data or "", "encoding": None}
            own_name = (form.respondent_name.data or "").strip()
            try:
                plan = imports.plan_transcript(survey, upload.filename, data, own_name=own_name, **options)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                upload_id = _keep_upload(survey, upload.filename, data)
                pseudonym = (form.pseudonym.data or "").strip() or respondent_records.next_pseudonym(survey)
                options["encoding"] = plan.parsed.encoding or None
                return _render_transcript_preview(
                    survey, plan, upload_id=upload_id, filename=upload.filename, pseudonym=pseudonym,
                    group_id=form.stakeholder_group_id.data or 0, options=options, own_name=own_name,
                    status=422 if plan.mapping.is_empty else 200)
    return render_template("surveys/import.html", project=survey.project, survey=survey, form=UploadForm(),
                           transcript_form=form), 422


@bp.post("/<int:survey_id>/transcripts/confirm")
def confirm_transcript(survey_id: int):
    """Re-read the kept upload with the preview's choices; store it as a completed interview when confirmed."""
    survey = get_survey_or_404(survey_id)
    upload_id = request.form.get("upload_id", "")
    options = _transcript_options(request.form)
    privacy = _pseudonymisation(request.form)
    pseudonym = request.form.get("pseudonym", "")
    group_id = request.form.get("group_id", type=int) or None
    try:
        filename, data = _load_upload(survey, upload_id)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(url_for("surveys.import_answers", survey_id=survey.id))
    action = request.form.get("action", "import")
    choices = _turn_choices(request.form) if action != "reread" else {}

    def preview(plan, *, error=None, status=200):
        return _render_transcript_preview(survey, plan, upload_id=upload_id, filename=filename, pseudonym=pseudonym,
                                          group_id=group_id or 0, options=options, error=error, status=status,
                                          own_name=privacy["own_name"], project_terms=privacy["project_terms"])

    try:
        plan = imports.plan_transcript(survey, filename, data, choices=choices, **options, **privacy)
    except ValidationError as error:
        # A wrong encoding chosen in the preview: read again with the detected one and say why.
        options["encoding"] = None
        plan = imports.plan_transcript(survey, filename, data, **options, **privacy)
        options["encoding"] = plan.parsed.encoding or None
        return preview(plan, error=error.message, status=422)
    if action != "import":
        return preview(plan, status=422 if plan.mapping.is_empty else 200)
    try:
        respondent = imports.import_transcript(survey, plan, pseudonym=pseudonym, stakeholder_group_id=group_id,
                                               entered_by=current_user, filename=filename,
                                               project_terms=privacy["project_terms"])
    except ValidationError as error:
        return preview(plan, error=error.message, status=422)
    _drop_upload(upload_id)
    flash(_("Das Transkript wurde als %(code)s übernommen.", code=respondent.pseudonym), "success")
    return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent.id))
