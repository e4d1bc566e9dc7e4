"""Reading results: coder agreement, word-in-context search, group comparison and exports."""
from __future__ import annotations

from flask import abort, render_template, request, send_file
from flask_babel import gettext as _

from app.analysis import agreement, exports, qdpx, queries
from app.analysis.findings import notable_findings
from app.analysis.forms import AgreementForm
from app.analysis.routes.common import analysts_only, bp, load_analysis
from app.auth.access import audited, project_roles


@bp.get("/projects/<int:project_id>/<int:analysis_id>/agreement")
def show_agreement(project_id: int, analysis_id: int):
    """Compare two coders with Cohen's kappa and say in plain words what it means."""
    project, analysis = load_analysis(project_id, analysis_id)
    people = agreement.coders(analysis)
    form = AgreementForm(request.args)
    form.first.choices = form.second.choices = [(p.id, p.display_name) for p in people]
    report = None
    if len(people) >= 2:
        first = form.first.data if request.args.get("first") else people[0].id
        second = form.second.data if request.args.get("second") else people[1].id
        form.first.data, form.second.data = first, second
        report = agreement.agreement_report(analysis, first, second)
    return render_template("analysis/agreement.html", project=project, analysis=analysis, form=form, report=report,
                           people=people)


@bp.get("/projects/<int:project_id>/<int:analysis_id>/search")
def search_answers(project_id: int, analysis_id: int):
    """Search the answers for a word and show each hit in its context."""
    project, analysis = load_analysis(project_id, analysis_id)
    word = (request.args.get("q") or "").strip()[:100]
    hits = queries.search_keyword(analysis, word) if word else []
    return render_template("analysis/search.html", project=project, analysis=analysis, word=word, hits=hits)


@bp.get("/projects/<int:project_id>/<int:analysis_id>/comparison")
@project_roles("lead", "analyst", "author", "facilitator", "observer")  # group figures only, small groups suppressed
def show_comparison(project_id: int, analysis_id: int):
    """Compare how often groups raise each theme (counts, shares, lift, Fisher's exact test)."""
    project, analysis = load_analysis(project_id, analysis_id)
    rows = queries.passage_rows([analysis.id])
    attributes = queries.comparison_attributes(rows)
    attribute = request.args.get("attribute", "migration_history" if "migration_history" in attributes
                                 else "stakeholder_group")
    if attribute not in attributes:
        abort(404)
    comparison = queries.compare_themes(analysis, attribute, rows)
    return render_template("analysis/comparison.html", project=project, analysis=analysis, comparison=comparison,
                           attributes=attributes, attribute=attribute, findings=notable_findings(comparison))


# Exports ----------------------------------------------------------------------------------------

def _filename(analysis, suffix: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in analysis.title.lower()).strip("-")[:60] or "auswertung"
    return f"{safe}-{suffix}"


@bp.get("/projects/<int:project_id>/<int:analysis_id>/export/<any(themes, codes, passages):table>.csv")
@audited("exported")
@analysts_only
def export_csv(project_id: int, analysis_id: int, table: str):
    """Download themes, codes or coded passages as CSV."""
    _project, analysis = load_analysis(project_id, analysis_id)
    data = exports.build_csv(exports.export_tables(analysis)[table])
    return _send(data, "text/csv; charset=utf-8", _filename(analysis, f"{table}.csv"))


@bp.get("/projects/<int:project_id>/<int:analysis_id>/export.xlsx")
@audited("exported")
@analysts_only
def export_xlsx(project_id: int, analysis_id: int):
    """Download themes, codes and coded passages as an Excel workbook."""
    _project, analysis = load_analysis(project_id, analysis_id)
    tables = exports.export_tables(analysis)
    data = exports.build_xlsx(list(tables.values()), {"themes": _("Themen"), "codes": _("Codes"),
                                                      "passages": _("Passagen")})
    return _send(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 _filename(analysis, "auswertung.xlsx"))


@bp.get("/projects/<int:project_id>/<int:analysis_id>/export.qdpx")
@audited("exported")
@analysts_only
def export_qdpx(project_id: int, analysis_id: int):
    """Download the analysis as a REFI-QDA project for MAXQDA, ATLAS.ti or NVivo."""
    _project, analysis = load_analysis(project_id, analysis_id)
    data = qdpx.build_qdpx(qdpx.qdpx_project(analysis))
    return _send(data, "application/zip", _filename(analysis, "refi-qda.qdpx"))


def _send(data: bytes, mimetype: str, name: str):
    from io import BytesIO

    return send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
