"""The projector view, the results page and the results as CSV and Excel."""
from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from app.qr import qr_svg
from app.workshops import exports, queries
from app.workshops.join_instructions import join_instructions
from app.workshops.forms import ROUND_STATUS_LABELS
from app.workshops.routes.common import LABELS, bp, join_url, load_workshop, results_readers
from app.workshops.snapshots import PRESENTER_REFRESH_SECONDS


def _presenter_context(workshop):
    """Shape the projector view: one round full screen (the live one, or the one chosen with ?round=)."""
    reached = [r for r in workshop.rounds if r.status != "draft"]
    chosen = request.args.get("round", type=int)
    current = next((r for r in reached if r.id == chosen), None)
    if current is None:
        current = next((r for r in reached if r.status == "open"), None) or (reached[-1] if reached else None)
    panels = []
    if current is not None:
        is_visible = current.shows_results_now
        panels.append({"round": current, "is_visible": is_visible, "ballots": queries.ballot_count(current),
                       "results": queries.round_results(current) if is_visible else None})
    index = reached.index(current) if current is not None else -1
    is_joining = (not reached or request.args.get("join") == "1")
    return {"workshop": workshop, "panels": panels, "participants": queries.participant_count(workshop),
            "is_joining": is_joining, "labels": LABELS, "current": current,
            "previous": reached[index - 1] if index > 0 else None,
            "following": reached[index + 1] if 0 <= index < len(reached) - 1 else None,
            "has_draft": any(r.status == "draft" for r in workshop.rounds),
            "join_texts": join_instructions(workshop, join_url(workshop)),
            "big_qr": qr_svg(join_url(workshop), scale=10, title=_("QR-Code zum Beitreten")) if is_joining else None,
            "announcement": " ".join(f"{p['round'].title}: {ROUND_STATUS_LABELS[p['round'].status]}."
                                     for p in panels)}


@bp.get("/projects/<int:project_id>/<int:workshop_id>/present")
def present_workshop(project_id: int, workshop_id: int):
    """Show the projector view: join code and QR always, the live round full screen with its results."""
    _project, workshop = load_workshop(project_id, workshop_id)
    return render_template("workshops/present.html", join_url=join_url(workshop),
                           refresh_seconds=PRESENTER_REFRESH_SECONDS,
                           small_qr=qr_svg(join_url(workshop), scale=3, title=_("QR-Code zum Beitreten")),
                           **_presenter_context(workshop))


@bp.get("/projects/<int:project_id>/<int:workshop_id>/present/live")
def show_live_results(project_id: int, workshop_id: int):
    """Return the live part of the projector view (polled every PRESENTER_REFRESH_SECONDS by htmx)."""
    _project, workshop = load_workshop(project_id, workshop_id)
    return render_template("workshops/_live.html", **_presenter_context(workshop))


@bp.get("/projects/<int:project_id>/<int:workshop_id>/results")
@results_readers
def show_results(project_id: int, workshop_id: int):
    """Show the results per round, optionally of one stakeholder group, with comments and accepted proposals."""
    project, workshop = load_workshop(project_id, workshop_id)
    group_id = request.args.get("group", type=int) or None
    group = next((g for g in project.stakeholder_groups if g.id == group_id), None)
    if group_id and group is None:
        abort(404)
    results = [(r, queries.round_results(r, stakeholder_group_id=group_id))
               for r in workshop.rounds if r.status != "draft"]
    return render_template("workshops/results.html", project=project, workshop=workshop, results=results,
                           group=group, labels=LABELS, participants=queries.participant_count(workshop),
                           accepted=queries.proposals_of(workshop, "accepted"),
                           fields={f.id: f.name for f in project.fields_of_action})


def _download(data: bytes, filename: str, mimetype: str) -> Response:
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/projects/<int:project_id>/<int:workshop_id>/results.csv")
@results_readers
def export_results_csv(project_id: int, workshop_id: int):
    """Download the results per round, item and stakeholder group as CSV."""
    _project, workshop = load_workshop(project_id, workshop_id)
    sheet = exports.results_sheets(workshop)[0]
    return _download(exports.build_results_csv(sheet), f"workshop-{workshop.id}-ergebnisse.csv",
                     "text/csv; charset=utf-8")


@bp.get("/projects/<int:project_id>/<int:workshop_id>/results.xlsx")
@results_readers
def export_results_xlsx(project_id: int, workshop_id: int):
    """Download results, comments and proposals as an Excel workbook."""
    _project, workshop = load_workshop(project_id, workshop_id)
    return _download(exports.build_results_xlsx(exports.results_sheets(workshop)),
                     f"workshop-{workshop.id}-ergebnisse.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
