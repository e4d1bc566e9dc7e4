"""Facilitator pages under /workshops: prepare a workshop, run its rounds, present, moderate, export results."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.access import project_roles, protect
from app.errors import ValidationError, apply_to_form
from app.extensions import db
from app.projects.queries import get_project_or_404
from app.qr import qr_svg
from app.workshops import exports, queries, services
from app.workshops.join_instructions import join_instructions, personal_code_instructions
from app.workshops.forms import (ITEM_KIND_LABELS, PROPOSAL_STATUS_LABELS, ROUND_METHOD_LABELS, ROUND_STATUS_LABELS,
                                 WORKSHOP_KIND_LABELS, WORKSHOP_STATUS_LABELS, AcceptProposalForm, ActionForm,
                                 ImportSourcesForm, ImportThemesForm, ItemForm, PersonalCodesForm, RoundForm,
                                 WorkshopEditForm, WorkshopForm)
from app.workshops.snapshots import PRESENTER_REFRESH_SECONDS

bp = Blueprint("workshops", __name__, url_prefix="/workshops")
protect(bp, "lead", "facilitator")
#: Observers read aggregate results: the workshop list, the results and their exports (no participants' details).
results_readers = project_roles("lead", "facilitator", "observer")

LABELS = {"kinds": WORKSHOP_KIND_LABELS, "statuses": WORKSHOP_STATUS_LABELS, "item_kinds": ITEM_KIND_LABELS,
          "methods": ROUND_METHOD_LABELS, "round_statuses": ROUND_STATUS_LABELS,
          "proposal_statuses": PROPOSAL_STATUS_LABELS}


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


def _load(project_id: int, workshop_id: int):
    project = get_project_or_404(project_id)
    return project, queries.get_workshop_or_404(project, workshop_id)


def _back(workshop, anchor: str = ""):
    return redirect(url_for("workshops.show_workshop", project_id=workshop.project_id, workshop_id=workshop.id)
                    + (f"#{anchor}" if anchor else ""))


def join_url(workshop) -> str:
    """Return the absolute address participants open (and the QR code encodes)."""
    return url_for("workshops_public.join_workshop", code=workshop.join_code, _external=True)


@bp.get("/projects/<int:project_id>/")
@results_readers
def list_workshops(project_id: int):
    """List the project's workshops with their participation."""
    project = get_project_or_404(project_id)
    return render_template("workshops/list.html", project=project, workshops=queries.list_workshops(project),
                           attendance={a.workshop_id: a.participants
                                       for a in queries.workshop_attendance(project.id)}, labels=LABELS)


@bp.route("/projects/<int:project_id>/new", methods=["GET", "POST"])
def create_workshop(project_id: int):
    """Create a workshop with a join code."""
    project = get_project_or_404(project_id)
    form = WorkshopForm()
    if form.validate_on_submit():
        try:
            workshop = services.create_workshop(
                project, title=form.title.data, kind=form.kind.data, date=form.date.data, place=form.place.data,
                agenda=form.agenda.data, requires_personal_code=form.requires_personal_code.data,
                instructions=form.instructions.data or "", languages=form.languages.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Workshop wurde angelegt. Teilnahme-Code: %(code)s", code=workshop.join_code), "success")
            return _back(workshop)
    return render_template("workshops/form.html", project=project, form=form, workshop=None), _status(form)


@bp.get("/projects/<int:project_id>/<int:workshop_id>")
def show_workshop(project_id: int, workshop_id: int):
    """Show a workshop: join code, items per field of action, rounds with their controls, proposals."""
    project, workshop = _load(project_id, workshop_id)
    ballots = {r.id: queries.ballot_count(r) for r in workshop.rounds}
    return render_template("workshops/show.html", project=project, workshop=workshop, labels=LABELS,
                           ballots=ballots, participants=queries.participant_count(workshop),
                           pending=queries.pending_proposals(workshop), action_form=ActionForm(),
                           codes=queries.personal_code_counts(workshop), join_url=join_url(workshop),
                           qr=qr_svg(join_url(workshop), scale=4, title=_("QR-Code zum Beitreten")))


@bp.route("/projects/<int:project_id>/<int:workshop_id>/edit", methods=["GET", "POST"])
def edit_workshop(project_id: int, workshop_id: int):
    """Change a workshop's details, status and counted attendance."""
    project, workshop = _load(project_id, workshop_id)
    form = WorkshopEditForm(obj=workshop)
    if request.method == "GET":
        form.languages.data = [tag for tag in workshop.languages if tag != "de"]
    if form.validate_on_submit():
        try:
            services.update_workshop(workshop, title=form.title.data, kind=form.kind.data, date=form.date.data,
                                     place=form.place.data, agenda=form.agenda.data,
                                     requires_personal_code=form.requires_personal_code.data,
                                     status=form.status.data, attendance=form.attendance.data,
                                     instructions=form.instructions.data or "", languages=form.languages.data)
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return _back(workshop)
    return render_template("workshops/form.html", project=project, form=form, workshop=workshop,
                           delete_form=ActionForm()), _status(form)


@bp.post("/projects/<int:project_id>/<int:workshop_id>/delete")
def delete_workshop(project_id: int, workshop_id: int):
    """Delete a workshop with everything in it."""
    project, workshop = _load(project_id, workshop_id)
    if ActionForm().validate_on_submit():
        services.delete_workshop(workshop)
        flash(_("Der Workshop wurde gelöscht."), "success")
    return redirect(url_for("workshops.list_workshops", project_id=project.id))


def _item_form(workshop, item=None) -> ItemForm:
    form = ItemForm(obj=item) if item is not None else ItemForm()
    form.field_of_action_id.choices = [(0, _("– ohne –"))] + [
        (f.id, f"{f.number}. {f.name}") for f in workshop.project.fields_of_action]
    form.parent_id.choices = [(0, _("– keins –"))] + [
        (i.id, i.title) for i in workshop.items if i.kind == "guiding_goal" and (item is None or i.id != item.id)]
    if item is not None and request.method == "GET":
        form.field_of_action_id.data = item.field_of_action_id or 0
        form.parent_id.data = item.parent_id or 0
    return form


@bp.route("/projects/<int:project_id>/<int:workshop_id>/items/new", methods=["GET", "POST"])
def create_item(project_id: int, workshop_id: int):
    """Add a guiding goal, action goal or measure idea by hand."""
    project, workshop = _load(project_id, workshop_id)
    form = _item_form(workshop)
    if request.method == "GET":
        form.kind.data = request.args.get("kind", "guiding_goal")
        form.field_of_action_id.data = request.args.get("field", 0, type=int)
        form.parent_id.data = request.args.get("parent", 0, type=int)
    if form.validate_on_submit():
        parent = queries.get_item_or_404(workshop, form.parent_id.data) if form.parent_id.data else None
        try:
            services.create_item(workshop, kind=form.kind.data, title=form.title.data,
                                 field_of_action_id=form.field_of_action_id.data or None,
                                 description=form.description.data, parent=parent)
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            flash(_("Der Eintrag wurde angelegt."), "success")
            return _back(workshop, "items")
    return render_template("workshops/item_form.html", project=project, workshop=workshop, form=form,
                           item=None), _status(form)


@bp.route("/projects/<int:project_id>/<int:workshop_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(project_id: int, workshop_id: int, item_id: int):
    """Change an item."""
    project, workshop = _load(project_id, workshop_id)
    item = queries.get_item_or_404(workshop, item_id)
    form = _item_form(workshop, item)
    if form.validate_on_submit():
        parent = queries.get_item_or_404(workshop, form.parent_id.data) if form.parent_id.data else None
        try:
            services.update_item(item, kind=form.kind.data, title=form.title.data,
                                 field_of_action_id=form.field_of_action_id.data or None,
                                 description=form.description.data, parent=parent)
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return _back(workshop, "items")
    return render_template("workshops/item_form.html", project=project, workshop=workshop, form=form, item=item,
                           delete_form=ActionForm()), _status(form)


@bp.post("/projects/<int:project_id>/<int:workshop_id>/items/<int:item_id>/delete")
def delete_item(project_id: int, workshop_id: int, item_id: int):
    """Delete an item that has no votes yet."""
    _project, workshop = _load(project_id, workshop_id)
    item = queries.get_item_or_404(workshop, item_id)
    if ActionForm().validate_on_submit():
        try:
            services.delete_item(item)
        except ValidationError as error:
            flash(str(error.message), "danger")
        else:
            flash(_("Der Eintrag wurde gelöscht."), "success")
    return _back(workshop, "items")


def _import_forms(workshop):
    from app.analysis.queries import themes_for_project

    themes = themes_for_project(workshop.project_id)
    imported_themes = {i.theme_id for i in workshop.items if i.theme_id}
    theme_form = ImportThemesForm(prefix="themes")
    theme_form.theme_ids.choices = [(t.id, t.label) for t in themes if t.id not in imported_themes]
    candidates = services.item_source_candidates(workshop.project)
    present = {i.source for i in workshop.items if i.source}
    source_forms = {}
    for name, rows in candidates.items():
        form = ImportSourcesForm(prefix=f"source-{name}")
        form.provider.data = name
        form.sources.choices = [(row["source"], row["title"]) for row in rows if row.get("source") not in present]
        source_forms[name] = (form, [row for row in rows if row.get("source") not in present])
    return themes, theme_form, source_forms


@bp.route("/projects/<int:project_id>/<int:workshop_id>/items/import", methods=["GET", "POST"])
def import_items(project_id: int, workshop_id: int):
    """Take over analysis themes as goal candidates or copy goals and measures from the concept."""
    project, workshop = _load(project_id, workshop_id)
    themes, theme_form, source_forms = _import_forms(workshop)
    status = 200
    if request.method == "POST":
        chosen = request.form.get("import", "")
        try:
            if chosen == "themes" and theme_form.validate_on_submit():
                created = services.import_theme_items(workshop, theme_form.theme_ids.data, kind=theme_form.kind.data)
            elif chosen in source_forms and source_forms[chosen][0].validate_on_submit():
                created = services.import_source_items(workshop, chosen, source_forms[chosen][0].sources.data)
            else:
                raise ValidationError(_("Bitte mindestens einen Eintrag auswählen."))
        except ValidationError as error:
            db.session.rollback()
            target = theme_form if chosen == "themes" else source_forms.get(chosen, (theme_form,))[0]
            apply_to_form(target, error)
            status = 422
        else:
            flash(_("%(n)s Einträge wurden übernommen.", n=len(created)), "success")
            return _back(workshop, "items")
    themes_by_id = {t.id: t for t in themes}
    return render_template("workshops/import.html", project=project, workshop=workshop, theme_form=theme_form,
                           themes_by_id=themes_by_id, source_forms=source_forms), status


def _round_form(workshop, voting_round=None) -> RoundForm:
    form = RoundForm(obj=voting_round) if voting_round is not None else RoundForm()
    fields = {f.id: f"{f.number}. {f.name}" for f in workshop.project.fields_of_action}
    form.item_ids.choices = [(i.id, f"{i.title} ({ITEM_KIND_LABELS[i.kind]}"
                              + (f", {fields[i.field_of_action_id]})" if i.field_of_action_id in fields else ")"))
                             for i in workshop.items]
    if voting_round is not None and request.method == "GET":
        form.item_ids.data = [ri.item_id for ri in voting_round.round_items]
    return form


@bp.route("/projects/<int:project_id>/<int:workshop_id>/rounds/new", methods=["GET", "POST"])
def create_round(project_id: int, workshop_id: int):
    """Prepare a voting round over chosen items."""
    project, workshop = _load(project_id, workshop_id)
    form = _round_form(workshop)
    # Nothing is ticked in advance: a ranking takes at most 15 items, and the limit is stated beside the list.
    if form.validate_on_submit():
        try:
            services.create_round(workshop, title=form.title.data, method=form.method.data,
                                  item_ids=form.item_ids.data, budget=form.budget.data,
                                  max_per_item=form.max_per_item.data,
                                  hide_results_while_open=form.hide_results_while_open.data)
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            flash(_("Die Runde wurde angelegt. Öffnen Sie sie, wenn es losgeht."), "success")
            return _back(workshop, "rounds")
    return render_template("workshops/round_form.html", project=project, workshop=workshop, form=form,
                           voting_round=None), _status(form)


@bp.route("/projects/<int:project_id>/<int:workshop_id>/rounds/<int:round_id>/edit", methods=["GET", "POST"])
def edit_round(project_id: int, workshop_id: int, round_id: int):
    """Change a round (items and limits only while it is a draft)."""
    project, workshop = _load(project_id, workshop_id)
    voting_round = queries.get_round_or_404(workshop, round_id)
    form = _round_form(workshop, voting_round)
    if form.validate_on_submit():
        try:
            services.update_round(voting_round, title=form.title.data, item_ids=form.item_ids.data,
                                  budget=form.budget.data, max_per_item=form.max_per_item.data,
                                  hide_results_while_open=form.hide_results_while_open.data)
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return _back(workshop, "rounds")
    return render_template("workshops/round_form.html", project=project, workshop=workshop, form=form,
                           voting_round=voting_round, delete_form=ActionForm()), _status(form)


def _round_action(project_id, workshop_id, round_id, action, done_message):
    _project, workshop = _load(project_id, workshop_id)
    voting_round = queries.get_round_or_404(workshop, round_id)
    if ActionForm().validate_on_submit():
        try:
            action(voting_round)
        except ValidationError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            flash(done_message, "success")
    if request.form.get("next") == "present":
        return redirect(url_for("workshops.present_workshop", project_id=project_id, workshop_id=workshop_id))
    return _back(workshop, "rounds")


@bp.post("/projects/<int:project_id>/<int:workshop_id>/rounds/<int:round_id>/open")
def open_round(project_id: int, workshop_id: int, round_id: int):
    """Open a round for votes."""
    return _round_action(project_id, workshop_id, round_id, services.open_round, _("Die Runde ist geöffnet."))


@bp.post("/projects/<int:project_id>/<int:workshop_id>/rounds/<int:round_id>/close")
def close_round(project_id: int, workshop_id: int, round_id: int):
    """Close a round: later votes are refused."""
    return _round_action(project_id, workshop_id, round_id, services.close_round, _("Die Runde ist geschlossen."))


@bp.post("/projects/<int:project_id>/<int:workshop_id>/rounds/advance")
def advance_round(project_id: int, workshop_id: int):
    """Close the open rounds and open the next prepared one (phones follow by themselves)."""
    _project, workshop = _load(project_id, workshop_id)
    if ActionForm().validate_on_submit():
        try:
            opened = services.advance_round(workshop)
        except ValidationError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            flash(_("Jetzt läuft: %(title)s", title=opened.title) if opened
                  else _("Alle Runden sind geschlossen."), "success")
    if request.form.get("next") == "present":
        return redirect(url_for("workshops.present_workshop", project_id=project_id, workshop_id=workshop_id))
    return _back(workshop, "rounds")


@bp.post("/projects/<int:project_id>/<int:workshop_id>/rounds/<int:round_id>/visibility")
def toggle_results(project_id: int, workshop_id: int, round_id: int):
    """Show or hide an open round's results on the projector."""
    return _round_action(project_id, workshop_id, round_id,
                         lambda r: services.set_results_hidden(r, not r.hide_results_while_open),
                         _("Die Sichtbarkeit der Ergebnisse wurde geändert."))


@bp.post("/projects/<int:project_id>/<int:workshop_id>/rounds/<int:round_id>/delete")
def delete_round(project_id: int, workshop_id: int, round_id: int):
    """Delete a round without votes."""
    return _round_action(project_id, workshop_id, round_id, services.delete_round, _("Die Runde wurde gelöscht."))


@bp.get("/projects/<int:project_id>/<int:workshop_id>/proposals")
def list_proposals(project_id: int, workshop_id: int):
    """Show proposals to moderate and those already decided."""
    project, workshop = _load(project_id, workshop_id)
    proposals = queries.proposals_of(workshop)
    forms = {p.id: AcceptProposalForm(prefix=f"p{p.id}", title=p.title) for p in proposals if p.status == "pending"}
    return render_template("workshops/proposals.html", project=project, workshop=workshop, proposals=proposals,
                           forms=forms, action_form=ActionForm(), labels=LABELS,
                           fields={f.id: f.name for f in project.fields_of_action})


@bp.post("/projects/<int:project_id>/<int:workshop_id>/proposals/<int:proposal_id>/accept")
def accept_proposal(project_id: int, workshop_id: int, proposal_id: int):
    """Accept a proposal: it becomes an item with source proposal:<id>."""
    _project, workshop = _load(project_id, workshop_id)
    proposal = queries.get_proposal_or_404(workshop, proposal_id)
    form = AcceptProposalForm(prefix=f"p{proposal.id}")
    if form.validate_on_submit():
        try:
            services.accept_proposal(proposal, title=form.title.data)
        except ValidationError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            flash(_("Der Vorschlag wurde angenommen."), "success")
    else:
        flash(_("Bitte einen Titel angeben."), "danger")
    return redirect(url_for("workshops.list_proposals", project_id=project_id, workshop_id=workshop_id))


@bp.post("/projects/<int:project_id>/<int:workshop_id>/proposals/<int:proposal_id>/reject")
def reject_proposal(project_id: int, workshop_id: int, proposal_id: int):
    """Reject a proposal: it is not shown."""
    _project, workshop = _load(project_id, workshop_id)
    proposal = queries.get_proposal_or_404(workshop, proposal_id)
    if ActionForm().validate_on_submit():
        try:
            services.reject_proposal(proposal)
        except ValidationError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            flash(_("Der Vorschlag wurde abgelehnt."), "success")
    return redirect(url_for("workshops.list_proposals", project_id=project_id, workshop_id=workshop_id))


@bp.route("/projects/<int:project_id>/<int:workshop_id>/codes", methods=["GET", "POST"])
def create_personal_codes(project_id: int, workshop_id: int):
    """Generate personal codes and show them once as a printable sheet (only hashes are stored)."""
    project, workshop = _load(project_id, workshop_id)
    form = PersonalCodesForm()
    if form.validate_on_submit():
        labels = [line for line in (form.labels.data or "").splitlines() if line.strip()]
        try:
            codes = services.generate_personal_codes(workshop, form.count.data, labels)
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            return render_template("workshops/codes_sheet.html", project=project, workshop=workshop, codes=codes,
                                   join_url=join_url(workshop),
                                   join_texts=join_instructions(workshop, join_url(workshop)),
                                   code_texts=personal_code_instructions(workshop),
                                   qr=qr_svg(join_url(workshop), scale=3, title=_("QR-Code zum Beitreten")))
    return render_template("workshops/codes.html", project=project, workshop=workshop, form=form,
                           counts=queries.personal_code_counts(workshop), codes=queries.list_personal_codes(workshop),
                           action_form=ActionForm()), _status(form)


@bp.post("/projects/<int:project_id>/<int:workshop_id>/codes/<int:code_id>/release")
def release_personal_code(project_id: int, workshop_id: int, code_id: int):
    """Let the holder of a used personal code join again as the same participant."""
    _project, workshop = _load(project_id, workshop_id)
    code = queries.get_personal_code_or_404(workshop, code_id)
    if ActionForm().validate_on_submit():
        try:
            services.release_personal_code(code)
        except ValidationError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            flash(_("Der Code ist wieder frei. Die Person kann erneut beitreten und behält ihre Stimmen."), "success")
    return redirect(url_for("workshops.create_personal_codes", project_id=project_id, workshop_id=workshop_id))


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
    _project, workshop = _load(project_id, workshop_id)
    return render_template("workshops/present.html", join_url=join_url(workshop),
                           refresh_seconds=PRESENTER_REFRESH_SECONDS,
                           small_qr=qr_svg(join_url(workshop), scale=3, title=_("QR-Code zum Beitreten")),
                           **_presenter_context(workshop))


@bp.get("/projects/<int:project_id>/<int:workshop_id>/present/live")
def show_live_results(project_id: int, workshop_id: int):
    """Return the live part of the projector view (polled every PRESENTER_REFRESH_SECONDS by htmx)."""
    _project, workshop = _load(project_id, workshop_id)
    return render_template("workshops/_live.html", **_presenter_context(workshop))


@bp.get("/projects/<int:project_id>/<int:workshop_id>/results")
@results_readers
def show_results(project_id: int, workshop_id: int):
    """Show the results per round, optionally of one stakeholder group, with comments and accepted proposals."""
    project, workshop = _load(project_id, workshop_id)
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
    _project, workshop = _load(project_id, workshop_id)
    sheet = exports.results_sheets(workshop)[0]
    return _download(exports.build_results_csv(sheet), f"workshop-{workshop.id}-ergebnisse.csv",
                     "text/csv; charset=utf-8")


@bp.get("/projects/<int:project_id>/<int:workshop_id>/results.xlsx")
@results_readers
def export_results_xlsx(project_id: int, workshop_id: int):
    """Download results, comments and proposals as an Excel workbook."""
    _project, workshop = _load(project_id, workshop_id)
    return _download(exports.build_results_xlsx(exports.results_sheets(workshop)),
                     f"workshop-{workshop.id}-ergebnisse.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
