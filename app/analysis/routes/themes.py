"""Working on themes: open, rename, tie to a field of action, split, merge, create, move passages."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_security import current_user

from app.analysis import board, queries
from app.analysis.forms import ActionForm, MergeForm, ThemeFieldForm, ThemeForm
from app.analysis.routes.common import analysts_only, board_url, bp, load_analysis
from app.errors import ValidationError


def _destinations(analysis) -> list[tuple[str, str]]:
    return ([(f"theme:{t.id}", t.label) for t in analysis.themes]
            + [("outlier", _("Ausreißer (passt zu keinem Thema)")),
               ("reset", _("Vorschlag der Maschine wiederherstellen"))])


#: Passages on one page of a theme (a theme of a large survey holds thousands).
PASSAGES_PER_PAGE = 50


@bp.get("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>")
def show_theme(project_id: int, analysis_id: int, theme_id: int):
    """Show a theme's passages page by page (full or compact) with rename, field, split and move controls."""
    project, analysis = load_analysis(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    board, _outliers = queries.theme_board(analysis)
    entry = next(b for b in board if b.theme.id == theme.id)
    page_count = max(1, -(-len(entry.passages) // PASSAGES_PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), page_count)
    shown = entry.passages[(page - 1) * PASSAGES_PER_PAGE:page * PASSAGES_PER_PAGE]
    field_form = ThemeFieldForm(field_of_action_id=theme.field_of_action_id or 0)
    field_form.field_of_action_id.choices = [(0, _("– keinem Handlungsfeld –"))] + [
        (f.id, f"{f.number}. {f.name}") for f in project.fields_of_action]
    return render_template("analysis/theme.html", project=project, analysis=analysis, entry=entry, theme=theme,
                           theme_form=ThemeForm(obj=theme), field_form=field_form, action_form=ActionForm(),
                           destinations=_destinations(analysis), shown=shown, page=page, page_count=page_count,
                           first_number=(page - 1) * PASSAGES_PER_PAGE + 1,
                           is_compact=request.args.get("view") == "compact")


def _theme_page(analysis, theme):
    return url_for("analysis.show_theme", project_id=analysis.project_id, analysis_id=analysis.id, theme_id=theme.id)


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>/rename")
@analysts_only
def rename_theme(project_id: int, analysis_id: int, theme_id: int):
    """Give a theme a label and definition."""
    _project, analysis = load_analysis(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            board.rename_theme(theme, label=form.label.data, definition=form.definition.data)
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
    _project, analysis = load_analysis(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    form = ThemeFieldForm()
    form.validate_on_submit()
    try:
        board.tie_theme_to_field(theme, form.field_of_action_id.data or None)
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Das Handlungsfeld wurde zugeordnet."), "success")
    return redirect(_theme_page(analysis, theme))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>/split")
@analysts_only
def split_theme(project_id: int, analysis_id: int, theme_id: int):
    """Re-group a theme's passages into two sub-themes."""
    _project, analysis = load_analysis(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    try:
        parts = board.split_theme(theme, current_user)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(_theme_page(analysis, theme))
    flash(_("Das Thema wurde in %(n)d Unterthemen aufgeteilt.", n=len(parts)), "success")
    return redirect(board_url(analysis))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/merge")
@analysts_only
def merge_themes(project_id: int, analysis_id: int):
    """Merge the chosen themes into one."""
    _project, analysis = load_analysis(project_id, analysis_id)
    form = MergeForm()
    form.validate_on_submit()
    chosen = [queries.get_theme_or_404(analysis, tid) for tid in (form.theme_ids.data or [])]
    target = queries.get_theme_or_404(analysis, form.target_id.data) if form.target_id.data else None
    if target is None:
        flash(_("Bitte wählen Sie das Thema, in das zusammengeführt wird."), "error")
        return redirect(board_url(analysis))
    try:
        board.merge_themes(target, chosen, current_user)
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Themen wurden in „%(label)s“ zusammengeführt.", label=target.label), "success")
    return redirect(board_url(analysis))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/new")
@analysts_only
def create_theme(project_id: int, analysis_id: int):
    """Add an empty theme."""
    _project, analysis = load_analysis(project_id, analysis_id)
    form = ThemeForm(prefix="new")
    try:
        theme = board.create_theme(analysis, label=form.label.data, definition=form.definition.data)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(board_url(analysis))
    flash(_("Das Thema wurde angelegt."), "success")
    return redirect(_theme_page(analysis, theme))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/themes/<int:theme_id>/passages")
@analysts_only
def sort_passages(project_id: int, analysis_id: int, theme_id: int):
    """Move the chosen passages to another theme, or mark them all as outliers, in one action."""
    _project, analysis = load_analysis(project_id, analysis_id)
    theme = queries.get_theme_or_404(analysis, theme_id)
    chosen = queries.passages_of(analysis, [int(v) for v in request.form.getlist("passage_id") if v.isdigit()])
    destination = request.form.get("destination", "")
    try:
        if request.form.get("action") == "outlier":
            count = board.assign_passages(chosen, None, current_user, is_outlier=True)
            flash(ngettext("%(num)d Passage ist jetzt als Ausreißer markiert.",
                           "%(num)d Passagen sind jetzt als Ausreißer markiert.", count), "success")
        else:
            target = (queries.get_theme_or_404(analysis, int(destination[6:]))
                      if destination.startswith("theme:") and destination[6:].isdigit() else None)
            count = board.assign_passages(chosen, target, current_user)
            flash(ngettext("%(num)d Passage wurde nach „%(label)s“ verschoben.",
                           "%(num)d Passagen wurden nach „%(label)s“ verschoben.", count, label=target.label),
                  "success")
    except ValidationError as error:
        flash(error.message, "error")
    back = request.form.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(_theme_page(analysis, theme))


@bp.post("/projects/<int:project_id>/<int:analysis_id>/passages/<int:passage_id>/move")
@analysts_only
def move_passage(project_id: int, analysis_id: int, passage_id: int):
    """Move a passage to a theme, mark it as outlier, or return to the machine's proposal."""
    _project, analysis = load_analysis(project_id, analysis_id)
    passage = queries.get_passage_or_404(analysis, passage_id)
    destination = request.form.get("destination", "")
    back = request.form.get("next", "")
    try:
        if destination == "outlier":
            board.mark_outlier(passage, current_user)
        elif destination == "reset":
            board.reset_passage(passage)
        elif destination.startswith("theme:") and destination[6:].isdigit():
            board.move_passage(passage, queries.get_theme_or_404(analysis, int(destination[6:])), current_user)
        else:
            raise ValidationError(_("Bitte wählen Sie, wohin die Passage gehört."))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Zuordnung wurde gespeichert."), "success")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(board_url(analysis))
