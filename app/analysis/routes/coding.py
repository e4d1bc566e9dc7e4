"""The codebook, coding passages one by one, and machine suggestions for codes."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.analysis import codebook, queries
from app.analysis.forms import ActionForm, BulkAcceptForm, CodeForm, CodingForm
from app.analysis.models import CodeSuggestion
from app.analysis.routes.common import analysts_only, can_analyse, bp, form_status, load_analysis, to_job
from app.errors import ValidationError, apply_to_form
from app.extensions import db


@bp.route("/projects/<int:project_id>/<int:analysis_id>/codebook", methods=["GET", "POST"])
def show_codebook(project_id: int, analysis_id: int):
    """Show the codebook with definitions; analysts add codes here."""
    project, analysis = load_analysis(project_id, analysis_id)
    form = CodeForm()
    if request.method == "POST":
        if not can_analyse():
            abort(403)
        if form.validate_on_submit():
            try:
                codebook.create_code(analysis, name=form.name.data, definition=form.definition.data)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                flash(_("Der Code wurde angelegt."), "success")
                return redirect(url_for("analysis.show_codebook", project_id=project.id, analysis_id=analysis.id))
    return render_template("analysis/codebook.html", project=project, analysis=analysis, form=form,
                           counts=queries.code_counts(analysis), action_form=ActionForm(),
                           few_examples=codebook.FEW_EXAMPLES), form_status(form)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/codebook/from-themes")
@analysts_only
def create_codes_from_themes(project_id: int, analysis_id: int):
    """Add a code for every theme."""
    _project, analysis = load_analysis(project_id, analysis_id)
    added = codebook.create_codes_from_themes(analysis)
    flash(_("%(n)d Codes wurden aus den Themen angelegt.", n=added), "success")
    return redirect(url_for("analysis.show_codebook", project_id=analysis.project_id, analysis_id=analysis.id))


@bp.route("/projects/<int:project_id>/<int:analysis_id>/codes/<int:code_id>/edit", methods=["GET", "POST"])
@analysts_only
def edit_code(project_id: int, analysis_id: int, code_id: int):
    """Change a code's name and definition."""
    project, analysis = load_analysis(project_id, analysis_id)
    code = queries.get_code_or_404(analysis, code_id)
    form = CodeForm(obj=code)
    if form.validate_on_submit():
        try:
            codebook.update_code(code, name=form.name.data, definition=form.definition.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Code wurde gespeichert."), "success")
            return redirect(url_for("analysis.show_codebook", project_id=project.id, analysis_id=analysis.id))
    return render_template("analysis/code_edit.html", project=project, analysis=analysis, code=code, form=form,
                           delete_form=ActionForm(prefix="delete")), form_status(form)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/codes/<int:code_id>/delete")
@analysts_only
def delete_code(project_id: int, analysis_id: int, code_id: int):
    """Remove a code with its codings."""
    project, analysis = load_analysis(project_id, analysis_id)
    codebook.delete_code(queries.get_code_or_404(analysis, code_id))
    flash(_("Der Code wurde gelöscht."), "success")
    return redirect(url_for("analysis.show_codebook", project_id=project.id, analysis_id=analysis.id))


# Coding -----------------------------------------------------------------------------------------

@bp.get("/projects/<int:project_id>/<int:analysis_id>/coding")
def code_next(project_id: int, analysis_id: int):
    """Open the next passage to code (the one the suggestions are least sure about; ``skip``: not this one)."""
    project, analysis = load_analysis(project_id, analysis_id)
    skipped = request.args.get("skip", type=int)
    waiting = queries.code_next_queue(analysis, current_user.id, limit=2)
    queue = [p for p in waiting if p != skipped][:1] or waiting[:1]
    if not queue:
        return render_template("analysis/coding_done.html", project=project, analysis=analysis)
    return redirect(url_for("analysis.code_passage", project_id=project.id, analysis_id=analysis.id,
                            passage_id=queue[0]))


@bp.route("/projects/<int:project_id>/<int:analysis_id>/coding/<int:passage_id>", methods=["GET", "POST"])
def code_passage(project_id: int, analysis_id: int, passage_id: int):
    """Read a passage in its answer's context and give it codes."""
    project, analysis = load_analysis(project_id, analysis_id)
    passage = queries.get_passage_or_404(analysis, passage_id)
    mine = [c.code_id for c in passage.codings if c.coder_id == current_user.id]
    form = CodingForm(code_ids=mine)
    form.code_ids.choices = [(c.id, c.name) for c in analysis.codes]
    if request.method == "POST":
        if not can_analyse():
            abort(403)
        if form.validate_on_submit():
            try:
                codebook.set_passage_codes(passage, form.code_ids.data or [], current_user)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                flash(_("Die Codes wurden gespeichert."), "success")
                return redirect(url_for("analysis.code_next", project_id=project.id, analysis_id=analysis.id))
    answer = passage.answer
    pending = [s for s in passage.suggestions if s.status == "pending"]
    return render_template("analysis/coding.html", project=project, analysis=analysis, passage=passage,
                           answer=answer, form=form, suggestions=sorted(pending, key=lambda s: -s.confidence),
                           others=[c for c in passage.codings if c.coder_id != current_user.id],
                           queue_size=len(queries.code_next_queue(analysis, current_user.id, limit=10000)),
                           action_form=ActionForm(), theme=passage.effective_assignment), form_status(form)


@bp.get("/projects/<int:project_id>/<int:analysis_id>/suggestions")
def list_suggestions(project_id: int, analysis_id: int):
    """Show pending code suggestions above a confidence, to accept or reject."""
    project, analysis = load_analysis(project_id, analysis_id)
    minimum = request.args.get("min", default=50, type=int)
    minimum = min(max(minimum or 0, 0), 100)
    bulk_form = BulkAcceptForm(threshold=max(minimum, 80))
    bulk_form.code_id.choices = [(0, _("alle Codes"))] + [(c.id, c.name) for c in analysis.codes]
    return render_template("analysis/suggestions.html", project=project, analysis=analysis,
                           suggestions=queries.pending_suggestions(analysis, min_confidence=minimum / 100),
                           minimum=minimum, bulk_form=bulk_form, action_form=ActionForm())


@bp.post("/projects/<int:project_id>/<int:analysis_id>/suggestions/run")
@analysts_only
def start_suggestions(project_id: int, analysis_id: int):
    """Compute code suggestions from the coded passages as a background job."""
    _project, analysis = load_analysis(project_id, analysis_id)
    back = url_for("analysis.list_suggestions", project_id=analysis.project_id, analysis_id=analysis.id)
    try:
        job = codebook.start_code_suggestions(analysis, current_user)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(back)
    return to_job(job, back)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/suggestions/<int:suggestion_id>/<any(accept, reject):decision>")
@analysts_only
def decide_suggestion(project_id: int, analysis_id: int, suggestion_id: int, decision: str):
    """Accept or reject one suggestion."""
    _project, analysis = load_analysis(project_id, analysis_id)
    suggestion = db.session.get(CodeSuggestion, suggestion_id)
    if suggestion is None or suggestion.passage.analysis_id != analysis.id:
        abort(404)
    try:
        codebook.decide_suggestion(suggestion, is_accepted=decision == "accept", user=current_user)
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Vorschlag angenommen.") if decision == "accept" else _("Vorschlag abgelehnt."), "success")
    back = request.form.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(url_for("analysis.list_suggestions", project_id=analysis.project_id, analysis_id=analysis.id))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/suggestions/accept-above")
@analysts_only
def accept_suggestions(project_id: int, analysis_id: int):
    """Accept all pending suggestions at or above a confidence."""
    _project, analysis = load_analysis(project_id, analysis_id)
    form = BulkAcceptForm()
    back = url_for("analysis.list_suggestions", project_id=analysis.project_id, analysis_id=analysis.id)
    if not form.validate_on_submit():
        flash(_("Bitte geben Sie eine Schwelle von 0 bis 100 % an."), "error")
        return redirect(back)
    accepted = codebook.accept_suggestions_above(analysis, form.threshold.data / 100, current_user,
                                                 code_id=form.code_id.data or None)
    flash(_("%(n)d Vorschläge wurden angenommen.", n=accepted), "success")
    return redirect(back)
