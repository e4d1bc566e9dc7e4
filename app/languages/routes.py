"""Staff pages under /languages: translate what participants of a project read, on the page or by file."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext

from app.auth.access import protect
from app.errors import ValidationError, apply_to_form
from app.extensions import db
from app.languages import exchange
from app.languages.forms import TranslationFileForm
from app.languages.registry import find_language, participant_languages
from app.projects.queries import get_project_or_404

bp = Blueprint("languages", __name__, url_prefix="/languages")
protect(bp, "lead")


def _language_or_404(tag: str):
    language = find_language(tag)
    if language is None or language.tag == "de":
        abort(404)
    return language


@bp.get("/projects/<int:project_id>/")
def list_languages(project_id: int):
    """Show, per participant language, how much of the project's content is translated."""
    project = get_project_or_404(project_id)
    rows = []
    for language in participant_languages():
        if language.tag == "de":
            continue
        units = exchange.project_units(project, language.tag)
        rows.append({"language": language, "total": len(units),
                     "translated": sum(1 for unit in units if unit.translation)})
    return render_template("languages/list.html", project=project, rows=rows)


@bp.route("/projects/<int:project_id>/<tag>", methods=["GET", "POST"])
def edit_translations(project_id: int, tag: str):
    """Show every text of the project beside its translation into one language; save the changes."""
    project = get_project_or_404(project_id)
    language = _language_or_404(tag)
    if request.method == "POST":
        texts = {key[3:]: value for key, value in request.form.items() if key.startswith("tr:")}
        sources = {key[4:]: value for key, value in request.form.items() if key.startswith("src:")}
        report = exchange.apply_translations(project, language.tag, texts, sources)
        _flash_report(report)
        return redirect(url_for("languages.edit_translations", project_id=project.id, tag=language.tag))
    return render_template("languages/edit.html", project=project, language=language,
                           units=exchange.project_units(project, language.tag), form=TranslationFileForm())


@bp.post("/projects/<int:project_id>/<tag>/import")
def import_translations(project_id: int, tag: str):
    """Read the translations of one language from a PO or XLIFF file (from a translation office)."""
    project = get_project_or_404(project_id)
    language = _language_or_404(tag)
    form = TranslationFileForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = exchange.import_file(project, language.tag, upload.filename, upload.read())
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            _flash_report(report)
            return redirect(url_for("languages.edit_translations", project_id=project.id, tag=language.tag))
    return render_template("languages/edit.html", project=project, language=language,
                           units=exchange.project_units(project, language.tag), form=form), 422


@bp.get("/projects/<int:project_id>/<tag>/export.<any(po, xlf):fmt>")
def export_translations(project_id: int, tag: str, fmt: str):
    """Download the project's texts for one language as PO or XLIFF, for a translation office."""
    project = get_project_or_404(project_id)
    language = _language_or_404(tag)
    if fmt == "po":
        data, mimetype = exchange.export_po(project, language.tag), "text/x-gettext-translation"
    else:
        data, mimetype = exchange.export_xliff(project, language.tag), "application/x-xliff+xml"
    filename = f"konzeptwerk-projekt-{project.id}-{language.tag}.{fmt}"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _flash_report(report: exchange.ImportReport) -> None:
    flash(ngettext("%(num)s Übersetzung gespeichert.", "%(num)s Übersetzungen gespeichert.", report.applied),
          "success")
    if report.stale:
        flash(ngettext("%(num)s Übersetzung nicht übernommen: Der deutsche Text hat sich seit dem Export geändert.",
                       "%(num)s Übersetzungen nicht übernommen: Der deutsche Text hat sich seit dem Export geändert.",
                       len(report.stale)), "warning")
    if report.unknown:
        flash(ngettext("%(num)s Eintrag gehört nicht (mehr) zu diesem Projekt und wurde übersprungen.",
                       "%(num)s Einträge gehören nicht (mehr) zu diesem Projekt und wurden übersprungen.",
                       len(report.unknown)), "warning")


def register(app) -> None:
    """Add the translation pages and their project tab."""
    from flask_babel import lazy_gettext as _l

    from app.projects.navigation import add_project_section

    app.register_blueprint(bp)
    add_project_section(app, "languages", _l("Übersetzungen"), "languages.list_languages", 50)
