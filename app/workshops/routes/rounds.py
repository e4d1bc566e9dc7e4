"""Voting rounds: create, edit, open, close, advance, show or hide results, delete."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.errors import ValidationError, save_form
from app.extensions import db
from app.workshops import queries, services
from app.workshops.forms import ITEM_KIND_LABELS, ActionForm, RoundForm
from app.workshops.routes.common import back_to_workshop, bp, form_status, load_workshop, run_action


def _round_form(workshop, voting_round=None) -> RoundForm:
    form = RoundForm(obj=voting_round) if voting_round is not None else RoundForm()
    fields = {f.id: f"{f.number}. {f.name}" for f in workshop.project.fields_of_action}
    form.item_ids.choices = [(i.id, f"{i.title} ({ITEM_KIND_LABELS[i.kind]}"
                              + (f", {fields[i.field_of_action_id]})" if i.field_of_action_id in fields else ")"))
                             for i in workshop.items]
    if voting_round is not None and request.method == "GET":
        form.item_ids.data = [ri.item_id for ri in voting_round.round_items]
    return form


def _round_values(form) -> dict:
    """Return the round settings the form says (the method is chosen only when a round is created)."""
    return {"title": form.title.data, "item_ids": form.item_ids.data, "budget": form.budget.data,
            "max_per_item": form.max_per_item.data, "hide_results_while_open": form.hide_results_while_open.data}


@bp.route("/projects/<int:project_id>/<int:workshop_id>/rounds/new", methods=["GET", "POST"])
def create_round(project_id: int, workshop_id: int):
    """Prepare a voting round over chosen items."""
    project, workshop = load_workshop(project_id, workshop_id)
    form = _round_form(workshop)
    # Nothing is ticked in advance: a ranking takes at most 15 items, and the limit is stated beside the list.
    if save_form(form, lambda: services.create_round(workshop, method=form.method.data, **_round_values(form)),
                 _("Die Runde wurde angelegt. Öffnen Sie sie, wenn es losgeht.")):
        return back_to_workshop(workshop, "rounds")
    return render_template("workshops/round_form.html", project=project, workshop=workshop, form=form,
                           voting_round=None), form_status(form)


@bp.route("/projects/<int:project_id>/<int:workshop_id>/rounds/<int:round_id>/edit", methods=["GET", "POST"])
def edit_round(project_id: int, workshop_id: int, round_id: int):
    """Change a round (items and limits only while it is a draft)."""
    project, workshop = load_workshop(project_id, workshop_id)
    voting_round = queries.get_round_or_404(workshop, round_id)
    form = _round_form(workshop, voting_round)
    if save_form(form, lambda: services.update_round(voting_round, **_round_values(form)),
                 _("Die Änderungen wurden gespeichert.")):
        return back_to_workshop(workshop, "rounds")
    return render_template("workshops/round_form.html", project=project, workshop=workshop, form=form,
                           voting_round=voting_round, delete_form=ActionForm()), form_status(form)


def _round_action(project_id, workshop_id, round_id, action, done_message):
    _project, workshop = load_workshop(project_id, workshop_id)
    voting_round = queries.get_round_or_404(workshop, round_id)
    run_action(lambda: action(voting_round), done_message)
    if request.form.get("next") == "present":
        return redirect(url_for("workshops.present_workshop", project_id=project_id, workshop_id=workshop_id))
    return back_to_workshop(workshop, "rounds")


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
    _project, workshop = load_workshop(project_id, workshop_id)
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
    return back_to_workshop(workshop, "rounds")


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
