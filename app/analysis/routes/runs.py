"""Analyses: list, start, settings, delete, and the theme board of a run."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.analysis import queries, services
from app.analysis.forms import SCOPE_LABELS, ActionForm, AnalysisSettingsForm, MergeForm, NewAnalysisForm, ThemeForm
from app.analysis.vectors import request_vectors, vector_state
from app.analysis.routes.common import analysts_only, board_url, bp, form_status, job_model, load_analysis, to_job
from app.errors import ValidationError, apply_to_form
from app.extensions import db
from app.projects.queries import get_project_or_404


@bp.get("/projects/<int:project_id>/")
def list_analyses(project_id: int):
    """Show the project's analyses."""
    project = get_project_or_404(project_id)
    return render_template("analysis/list.html", project=project, analyses=queries.list_analyses(project.id))


def _scope_choices(form, project) -> None:
    from app.surveys.queries import list_surveys

    surveys = list_surveys(project.id)
    form.survey_id.choices = [(s.id, s.title) for s in surveys]
    form.question_id.choices = [(q.id, f"{s.title}: {q.text[:90]}") for s in surveys for q in s.ordered_questions()
                                if q.kind == "free_text"]
    form.field_of_action_id.choices = [(f.id, f"{f.number}. {f.name}") for f in project.fields_of_action]


@bp.route("/projects/<int:project_id>/new", methods=["GET", "POST"])
@analysts_only
def create_analysis(project_id: int):
    """Start a new analysis of a survey, a question or a field of action."""
    project = get_project_or_404(project_id)
    form = NewAnalysisForm()
    _scope_choices(form, project)
    if form.validate_on_submit():
        try:
            analysis = services.create_analysis(
                project, title=form.title.data, scope=form.scope.data, survey_id=form.survey_id.data,
                question_id=form.question_id.data, field_of_action_id=form.field_of_action_id.data,
                theme_count=form.theme_count.data, min_cell_size=form.min_cell_size.data,
                language=form.language.data, unit=form.unit.data, user=current_user)
            job = services.start_analysis(analysis, current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            return to_job(job, board_url(analysis))
    return (render_template("analysis/new.html", project=project, form=form, scope_labels=SCOPE_LABELS),
            form_status(form))


@bp.get("/projects/<int:project_id>/<int:analysis_id>")
def show_analysis(project_id: int, analysis_id: int):
    """Show the theme board: themes with sizes and quotes, merging, outliers."""
    project, analysis = load_analysis(project_id, analysis_id)
    board, outliers = queries.theme_board(analysis)
    merge_form = MergeForm()
    merge_form.theme_ids.choices = [(b.theme.id, b.theme.label) for b in board]
    merge_form.target_id.choices = [(b.theme.id, b.theme.label) for b in board]
    return render_template("analysis/board.html", project=project, analysis=analysis, board=board,
                           outliers=outliers, merge_form=merge_form, new_theme_form=ThemeForm(prefix="new"),
                           action_form=ActionForm(), fields={f.id: f for f in project.fields_of_action},
                           job=db.session.get(job_model(), analysis.job_id) if analysis.job_id else None,
                           vector_job=vector_state(project.id).job)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/vectors")
@analysts_only
def recompute_vectors(project_id: int, analysis_id: int):
    """Recompute the sentence vector and language of every free-text answer of the project, with a progress bar."""
    _project, analysis = load_analysis(project_id, analysis_id)
    try:
        job = request_vectors(analysis.project_id, getattr(current_user, "id", None), everything=True)
    except Exception:  # noqa: BLE001 - e.g. the queue is unreachable: say so, change nothing
        db.session.rollback()
        flash(_("Die Hintergrundaufgabe konnte nicht gestartet werden. Bitte versuchen Sie es später erneut."), "error")
        return redirect(board_url(analysis))
    return to_job(job, board_url(analysis))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/run")
@analysts_only
def run_analysis(project_id: int, analysis_id: int):
    """Group the answers again (keeps every human decision) as a background job."""
    _project, analysis = load_analysis(project_id, analysis_id)
    try:
        job = services.start_analysis(analysis, current_user)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(board_url(analysis))
    return to_job(job, board_url(analysis))


@bp.route("/projects/<int:project_id>/<int:analysis_id>/settings", methods=["GET", "POST"])
@analysts_only
def edit_analysis(project_id: int, analysis_id: int):
    """Change title, number of themes and minimum group size, or delete the analysis."""
    project, analysis = load_analysis(project_id, analysis_id)
    form = AnalysisSettingsForm(obj=analysis)
    if form.validate_on_submit():
        try:
            services.update_analysis_settings(analysis, title=form.title.data, theme_count=form.theme_count.data,
                                              min_cell_size=form.min_cell_size.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Einstellungen wurden gespeichert."), "success")
            return redirect(board_url(analysis))
    return render_template("analysis/settings.html", project=project, analysis=analysis, form=form,
                           delete_form=ActionForm(prefix="delete")), form_status(form)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/delete")
@analysts_only
def delete_analysis(project_id: int, analysis_id: int):
    """Delete an analysis with its themes, codes and decisions."""
    project, analysis = load_analysis(project_id, analysis_id)
    services.delete_analysis(analysis)
    flash(_("Die Auswertung wurde gelöscht."), "success")
    return redirect(url_for("analysis.list_analyses", project_id=project.id))
