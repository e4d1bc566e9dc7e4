"""Analysis pages (``/analysis/projects/<id>/…``): start runs, theme board, codebook, coding, comparison, exports.

Project leads and authors analyse; facilitators may read everything but change nothing.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_security import current_user

from app.analysis import exports, qdpx, queries, services
from app.analysis.forms import (SCOPE_LABELS, ActionForm, AgreementForm, AnalysisSettingsForm, BulkAcceptForm,
                                CodeForm, CodingForm, MergeForm, NewAnalysisForm, ThemeFieldForm,
                                ThemeForm)
from app.analysis.models import CodeSuggestion
from app.auth.access import require_roles, roles_required_for
from app.errors import ValidationError, apply_to_form
from app.extensions import db
from app.projects.queries import get_project_or_404

bp = Blueprint("analysis", __name__, url_prefix="/analysis")
bp.before_request(require_roles("project_lead", "author", "facilitator"))
analysts_only = roles_required_for("project_lead", "author")

ATTRIBUTE_LABELS = {
    "stakeholder_group": _l("Akteursgruppe"), "migration_history": _l("Zuwanderungsgeschichte"),
    "district": _l("Stadtteil"), "age_band": _l("Altersgruppe"),
}
VALUE_LABELS = {"yes": _l("mit Zuwanderungsgeschichte"), "no": _l("ohne Zuwanderungsgeschichte"),
                "not_stated": _l("keine Angabe")}


def can_analyse() -> bool:
    """Return whether the current person may change analyses (project lead, author or admin)."""
    return current_user.is_authenticated and current_user.has_any_role("project_lead", "author")


@bp.context_processor
def _analysis_helpers():
    from app.analysis.grouping import agreement_verdict

    return {"can_analyse": can_analyse, "agreement_verdict": agreement_verdict,
            "attribute_label": lambda k: ATTRIBUTE_LABELS.get(k, k),
            "value_label": lambda v: VALUE_LABELS.get(v, v)}


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


def _load(project_id: int, analysis_id: int):
    project = get_project_or_404(project_id)
    return project, queries.get_analysis_or_404(project.id, analysis_id)


def _board_url(analysis, **anchor) -> str:
    return url_for("analysis.show_analysis", project_id=analysis.project_id, analysis_id=analysis.id, **anchor)


def _to_job(job, back: str):
    return redirect(url_for("jobs.show_job", job_id=job.id, next=back))


# Analyses ---------------------------------------------------------------------------------------

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
                language=form.language.data, user=current_user)
            job = services.start_analysis(analysis, current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            return _to_job(job, _board_url(analysis))
    return render_template("analysis/new.html", project=project, form=form, scope_labels=SCOPE_LABELS), _status(form)


@bp.get("/projects/<int:project_id>/<int:analysis_id>")
def show_analysis(project_id: int, analysis_id: int):
    """Show the theme board: themes with sizes and quotes, merging, outliers."""
    project, analysis = _load(project_id, analysis_id)
    board, outliers = queries.theme_board(analysis)
    merge_form = MergeForm()
    merge_form.theme_ids.choices = [(b.theme.id, b.theme.label) for b in board]
    merge_form.target_id.choices = [(b.theme.id, b.theme.label) for b in board]
    return render_template("analysis/board.html", project=project, analysis=analysis, board=board,
                           outliers=outliers, merge_form=merge_form, new_theme_form=ThemeForm(prefix="new"),
                           action_form=ActionForm(), fields={f.id: f for f in project.fields_of_action},
                           job=db.session.get(_job_model(), analysis.job_id) if analysis.job_id else None)


def _job_model():
    from app.jobs.models import Job

    return Job


@bp.post("/projects/<int:project_id>/<int:analysis_id>/run")
@analysts_only
def run_analysis(project_id: int, analysis_id: int):
    """Group the answers again (keeps every human decision) as a background job."""
    _project, analysis = _load(project_id, analysis_id)
    try:
        job = services.start_analysis(analysis, current_user)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(_board_url(analysis))
    return _to_job(job, _board_url(analysis))


@bp.route("/projects/<int:project_id>/<int:analysis_id>/settings", methods=["GET", "POST"])
@analysts_only
def edit_analysis(project_id: int, analysis_id: int):
    """Change title, number of themes and minimum group size, or delete the analysis."""
    project, analysis = _load(project_id, analysis_id)
    form = AnalysisSettingsForm(obj=analysis)
    if form.validate_on_submit():
        try:
            services.update_analysis_settings(analysis, title=form.title.data, theme_count=form.theme_count.data,
                                              min_cell_size=form.min_cell_size.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Einstellungen wurden gespeichert."), "success")
            return redirect(_board_url(analysis))
    return render_template("analysis/settings.html", project=project, analysis=analysis, form=form,
                           delete_form=ActionForm(prefix="delete")), _status(form)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/delete")
@analysts_only
def delete_analysis(project_id: int, analysis_id: int):
    """Delete an analysis with its themes, codes and decisions."""
    project, analysis = _load(project_id, analysis_id)
    services.delete_analysis(analysis)
    flash(_("Die Auswertung wurde gelöscht."), "success")
    return redirect(url_for("analysis.list_analyses", project_id=project.id))


# Themes -----------------------------------------------------------------------------------------

def _destinations(analysis) -> list[tuple[str, str]]:
    return ([(f"theme:{t.id}", t.label) for t in analysis.themes]
            + [("outlier", _("Ausreißer (passt zu keinem Thema)")),
               ("reset", _("Vorschlag der Maschine wiederherstellen"))])


@bp.get("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>")
def show_theme(project_id: int, analysis_id: int, theme_id: int):
    """Show a theme's passages with rename, field, split and move controls."""
    project, analysis = _load(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    board, _outliers = queries.theme_board(analysis)
    entry = next(b for b in board if b.theme.id == theme.id)
    field_form = ThemeFieldForm(field_of_action_id=theme.field_of_action_id or 0)
    field_form.field_of_action_id.choices = [(0, _("– keinem Handlungsfeld –"))] + [
        (f.id, f"{f.number}. {f.name}") for f in project.fields_of_action]
    return render_template("analysis/theme.html", project=project, analysis=analysis, entry=entry, theme=theme,
                           theme_form=ThemeForm(obj=theme), field_form=field_form, action_form=ActionForm(),
                           destinations=_destinations(analysis))


def _theme_page(analysis, theme):
    return url_for("analysis.show_theme", project_id=analysis.project_id, analysis_id=analysis.id, theme_id=theme.id)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>/rename")
@analysts_only
def rename_theme(project_id: int, analysis_id: int, theme_id: int):
    """Give a theme a label and definition."""
    _project, analysis = _load(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            services.rename_theme(theme, label=form.label.data, definition=form.definition.data)
        except ValidationError as error:
            flash(error.message, "error")
        else:
            flash(_("Das Thema wurde gespeichert."), "success")
    else:
        flash(_("Bitte geben Sie eine Bezeichnung an."), "error")
    return redirect(_theme_page(analysis, theme))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>/field")
@analysts_only
def tie_theme(project_id: int, analysis_id: int, theme_id: int):
    """Tie a theme to a field of action."""
    _project, analysis = _load(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    form = ThemeFieldForm()
    form.validate_on_submit()
    try:
        services.tie_theme_to_field(theme, form.field_of_action_id.data or None)
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Das Handlungsfeld wurde zugeordnet."), "success")
    return redirect(_theme_page(analysis, theme))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>/split")
@analysts_only
def split_theme(project_id: int, analysis_id: int, theme_id: int):
    """Re-group a theme's passages into two sub-themes."""
    _project, analysis = _load(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    try:
        parts = services.split_theme(theme, current_user)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(_theme_page(analysis, theme))
    flash(_("Das Thema wurde in %(n)d Unterthemen aufgeteilt.", n=len(parts)), "success")
    return redirect(_board_url(analysis))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/merge")
@analysts_only
def merge_themes(project_id: int, analysis_id: int):
    """Merge the chosen themes into one."""
    _project, analysis = _load(project_id, analysis_id)
    form = MergeForm()
    form.validate_on_submit()
    chosen = [queries.get_theme_or_404(analysis, tid) for tid in (form.theme_ids.data or [])]
    target = queries.get_theme_or_404(analysis, form.target_id.data) if form.target_id.data else None
    if target is None:
        flash(_("Bitte wählen Sie das Thema, in das zusammengeführt wird."), "error")
        return redirect(_board_url(analysis))
    try:
        services.merge_themes(target, chosen, current_user)
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Themen wurden in „%(label)s“ zusammengeführt.", label=target.label), "success")
    return redirect(_board_url(analysis))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/new")
@analysts_only
def create_theme(project_id: int, analysis_id: int):
    """Add an empty theme."""
    _project, analysis = _load(project_id, analysis_id)
    form = ThemeForm(prefix="new")
    try:
        theme = services.create_theme(analysis, label=form.label.data, definition=form.definition.data)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(_board_url(analysis))
    flash(_("Das Thema wurde angelegt."), "success")
    return redirect(_theme_page(analysis, theme))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/passages/<int:passage_id>/move")
@analysts_only
def move_passage(project_id: int, analysis_id: int, passage_id: int):
    """Move a passage to a theme, mark it as outlier, or return to the machine's proposal."""
    _project, analysis = _load(project_id, analysis_id)
    passage = queries.get_passage_or_404(analysis, passage_id)
    destination = request.form.get("destination", "")
    back = request.form.get("next", "")
    try:
        if destination == "outlier":
            services.mark_outlier(passage, current_user)
        elif destination == "reset":
            services.reset_passage(passage)
        elif destination.startswith("theme:") and destination[6:].isdigit():
            services.move_passage(passage, queries.get_theme_or_404(analysis, int(destination[6:])), current_user)
        else:
            raise ValidationError(_("Bitte wählen Sie, wohin die Passage gehört."))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Zuordnung wurde gespeichert."), "success")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(_board_url(analysis))


# Codebook ---------------------------------------------------------------------------------------

@bp.route("/projects/<int:project_id>/<int:analysis_id>/codebook", methods=["GET", "POST"])
def show_codebook(project_id: int, analysis_id: int):
    """Show the codebook with definitions; analysts add codes here."""
    project, analysis = _load(project_id, analysis_id)
    form = CodeForm()
    if request.method == "POST":
        if not can_analyse():
            abort(403)
        if form.validate_on_submit():
            try:
                services.create_code(analysis, name=form.name.data, definition=form.definition.data)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                flash(_("Der Code wurde angelegt."), "success")
                return redirect(url_for("analysis.show_codebook", project_id=project.id, analysis_id=analysis.id))
    return render_template("analysis/codebook.html", project=project, analysis=analysis, form=form,
                           counts=queries.code_counts(analysis), action_form=ActionForm()), _status(form)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/codebook/from-themes")
@analysts_only
def create_codes_from_themes(project_id: int, analysis_id: int):
    """Add a code for every theme."""
    _project, analysis = _load(project_id, analysis_id)
    added = services.create_codes_from_themes(analysis)
    flash(_("%(n)d Codes wurden aus den Themen angelegt.", n=added), "success")
    return redirect(url_for("analysis.show_codebook", project_id=analysis.project_id, analysis_id=analysis.id))


@bp.route("/projects/<int:project_id>/<int:analysis_id>/codes/<int:code_id>/edit", methods=["GET", "POST"])
@analysts_only
def edit_code(project_id: int, analysis_id: int, code_id: int):
    """Change a code's name and definition."""
    project, analysis = _load(project_id, analysis_id)
    code = queries.get_code_or_404(analysis, code_id)
    form = CodeForm(obj=code)
    if form.validate_on_submit():
        try:
            services.update_code(code, name=form.name.data, definition=form.definition.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Code wurde gespeichert."), "success")
            return redirect(url_for("analysis.show_codebook", project_id=project.id, analysis_id=analysis.id))
    return render_template("analysis/code_edit.html", project=project, analysis=analysis, code=code, form=form,
                           delete_form=ActionForm(prefix="delete")), _status(form)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/codes/<int:code_id>/delete")
@analysts_only
def delete_code(project_id: int, analysis_id: int, code_id: int):
    """Remove a code with its codings."""
    project, analysis = _load(project_id, analysis_id)
    services.delete_code(queries.get_code_or_404(analysis, code_id))
    flash(_("Der Code wurde gelöscht."), "success")
    return redirect(url_for("analysis.show_codebook", project_id=project.id, analysis_id=analysis.id))


# Coding -----------------------------------------------------------------------------------------

@bp.get("/projects/<int:project_id>/<int:analysis_id>/coding")
def code_next(project_id: int, analysis_id: int):
    """Open the next passage to code (the one the suggestions are least sure about)."""
    project, analysis = _load(project_id, analysis_id)
    queue = queries.code_next_queue(analysis, current_user.id, limit=1)
    if not queue:
        return render_template("analysis/coding_done.html", project=project, analysis=analysis)
    return redirect(url_for("analysis.code_passage", project_id=project.id, analysis_id=analysis.id,
                            passage_id=queue[0]))


@bp.route("/projects/<int:project_id>/<int:analysis_id>/coding/<int:passage_id>", methods=["GET", "POST"])
def code_passage(project_id: int, analysis_id: int, passage_id: int):
    """Read a passage in its answer's context and give it codes."""
    project, analysis = _load(project_id, analysis_id)
    passage = queries.get_passage_or_404(analysis, passage_id)
    mine = [c.code_id for c in passage.codings if c.coder_id == current_user.id]
    form = CodingForm(code_ids=mine)
    form.code_ids.choices = [(c.id, c.name) for c in analysis.codes]
    if request.method == "POST":
        if not can_analyse():
            abort(403)
        if form.validate_on_submit():
            try:
                services.set_passage_codes(passage, form.code_ids.data or [], current_user)
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
                           action_form=ActionForm(), theme=passage.effective_assignment), _status(form)


@bp.get("/projects/<int:project_id>/<int:analysis_id>/suggestions")
def list_suggestions(project_id: int, analysis_id: int):
    """Show pending code suggestions above a confidence, to accept or reject."""
    project, analysis = _load(project_id, analysis_id)
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
    _project, analysis = _load(project_id, analysis_id)
    back = url_for("analysis.list_suggestions", project_id=analysis.project_id, analysis_id=analysis.id)
    try:
        job = services.start_code_suggestions(analysis, current_user)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(back)
    return _to_job(job, back)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/suggestions/<int:suggestion_id>/<any(accept, reject):decision>")
@analysts_only
def decide_suggestion(project_id: int, analysis_id: int, suggestion_id: int, decision: str):
    """Accept or reject one suggestion."""
    _project, analysis = _load(project_id, analysis_id)
    suggestion = db.session.get(CodeSuggestion, suggestion_id)
    if suggestion is None or suggestion.passage.analysis_id != analysis.id:
        abort(404)
    try:
        services.decide_suggestion(suggestion, is_accepted=decision == "accept", user=current_user)
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
    _project, analysis = _load(project_id, analysis_id)
    form = BulkAcceptForm()
    back = url_for("analysis.list_suggestions", project_id=analysis.project_id, analysis_id=analysis.id)
    if not form.validate_on_submit():
        flash(_("Bitte geben Sie eine Schwelle von 0 bis 100 % an."), "error")
        return redirect(back)
    accepted = services.accept_suggestions_above(analysis, form.threshold.data / 100, current_user,
                                                 code_id=form.code_id.data or None)
    flash(_("%(n)d Vorschläge wurden angenommen.", n=accepted), "success")
    return redirect(back)


@bp.get("/projects/<int:project_id>/<int:analysis_id>/agreement")
def show_agreement(project_id: int, analysis_id: int):
    """Compare two coders with Cohen's kappa and say in plain words what it means."""
    project, analysis = _load(project_id, analysis_id)
    people = queries.coders(analysis)
    form = AgreementForm(request.args)
    form.first.choices = form.second.choices = [(p.id, p.display_name) for p in people]
    report = None
    if len(people) >= 2:
        first = form.first.data if request.args.get("first") else people[0].id
        second = form.second.data if request.args.get("second") else people[1].id
        form.first.data, form.second.data = first, second
        report = queries.agreement_report(analysis, first, second)
    return render_template("analysis/agreement.html", project=project, analysis=analysis, form=form, report=report,
                           people=people)


@bp.get("/projects/<int:project_id>/<int:analysis_id>/search")
def search_answers(project_id: int, analysis_id: int):
    """Search the answers for a word and show each hit in its context."""
    project, analysis = _load(project_id, analysis_id)
    word = (request.args.get("q") or "").strip()[:100]
    hits = queries.search_keyword(analysis, word) if word else []
    return render_template("analysis/search.html", project=project, analysis=analysis, word=word, hits=hits)


@bp.get("/projects/<int:project_id>/<int:analysis_id>/comparison")
def show_comparison(project_id: int, analysis_id: int):
    """Compare how often groups raise each theme (counts, shares, lift, Fisher's exact test)."""
    project, analysis = _load(project_id, analysis_id)
    rows = queries.passage_rows([analysis.id])
    attributes = queries.comparison_attributes(rows)
    attribute = request.args.get("attribute", "migration_history" if "migration_history" in attributes
                                 else "stakeholder_group")
    if attribute not in attributes:
        abort(404)
    comparison = queries.compare_themes(analysis, attribute, rows)
    return render_template("analysis/comparison.html", project=project, analysis=analysis, comparison=comparison,
                           attributes=attributes, attribute=attribute)


# Exports ----------------------------------------------------------------------------------------

def _filename(analysis, suffix: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in analysis.title.lower()).strip("-")[:60] or "auswertung"
    return f"{safe}-{suffix}"


@bp.get("/projects/<int:project_id>/<int:analysis_id>/export/<any(themes, codes, passages):table>.csv")
def export_csv(project_id: int, analysis_id: int, table: str):
    """Download themes, codes or coded passages as CSV."""
    _project, analysis = _load(project_id, analysis_id)
    data = exports.build_csv(exports.export_tables(analysis)[table])
    return _send(data, "text/csv; charset=utf-8", _filename(analysis, f"{table}.csv"))


@bp.get("/projects/<int:project_id>/<int:analysis_id>/export.xlsx")
def export_xlsx(project_id: int, analysis_id: int):
    """Download themes, codes and coded passages as an Excel workbook."""
    _project, analysis = _load(project_id, analysis_id)
    tables = exports.export_tables(analysis)
    data = exports.build_xlsx(list(tables.values()), {"themes": _("Themen"), "codes": _("Codes"),
                                                      "passages": _("Passagen")})
    return _send(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 _filename(analysis, "auswertung.xlsx"))


@bp.get("/projects/<int:project_id>/<int:analysis_id>/export.qdpx")
def export_qdpx(project_id: int, analysis_id: int):
    """Download the analysis as a REFI-QDA project for MAXQDA, ATLAS.ti or NVivo."""
    _project, analysis = _load(project_id, analysis_id)
    data = qdpx.build_qdpx(qdpx.qdpx_project(analysis))
    return _send(data, "application/zip", _filename(analysis, "refi-qda.qdpx"))


def _send(data: bytes, mimetype: str, name: str):
    from io import BytesIO

    return send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
