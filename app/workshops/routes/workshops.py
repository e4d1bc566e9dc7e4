"""Workshop pages: the project's list, create, show, edit and delete a workshop."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.errors import ValidationError, apply_to_form, save_form
from app.projects.queries import get_project_or_404
from app.qr import qr_svg
from app.workshops import queries, services
from app.workshops.forms import ActionForm, WorkshopEditForm, WorkshopForm
from app.workshops.routes.common import (LABELS, back_to_workshop, bp, form_status, join_url, load_workshop,
                                         results_readers)


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
            return back_to_workshop(workshop)
    return render_template("workshops/form.html", project=project, form=form, workshop=None), form_status(form)


@bp.get("/projects/<int:project_id>/<int:workshop_id>")
def show_workshop(project_id: int, workshop_id: int):
    """Show a workshop: join code, items per field of action, rounds with their controls, proposals."""
    project, workshop = load_workshop(project_id, workshop_id)
    ballots = {r.id: queries.ballot_count(r) for r in workshop.rounds}
    return render_template("workshops/show.html", project=project, workshop=workshop, labels=LABELS,
                           ballots=ballots, participants=queries.participant_count(workshop),
                           pending=queries.pending_proposals(workshop), action_form=ActionForm(),
                           codes=queries.personal_code_counts(workshop), join_url=join_url(workshop),
                           qr=qr_svg(join_url(workshop), scale=4, title=_("QR-Code zum Beitreten")))


@bp.route("/projects/<int:project_id>/<int:workshop_id>/edit", methods=["GET", "POST"])
def edit_workshop(project_id: int, workshop_id: int):
    """Change a workshop's details, status and counted attendance."""
    project, workshop = load_workshop(project_id, workshop_id)
    form = WorkshopEditForm(obj=workshop)
    if request.method == "GET":
        form.languages.data = [tag for tag in workshop.languages if tag != "de"]
    if save_form(form, lambda: services.update_workshop(
            workshop, title=form.title.data, kind=form.kind.data, date=form.date.data, place=form.place.data,
            agenda=form.agenda.data, requires_personal_code=form.requires_personal_code.data,
            status=form.status.data, attendance=form.attendance.data, instructions=form.instructions.data or "",
            languages=form.languages.data), _("Die Änderungen wurden gespeichert.")):
        return back_to_workshop(workshop)
    return render_template("workshops/form.html", project=project, form=form, workshop=workshop,
                           delete_form=ActionForm()), form_status(form)


@bp.post("/projects/<int:project_id>/<int:workshop_id>/delete")
def delete_workshop(project_id: int, workshop_id: int):
    """Delete a workshop with everything in it."""
    project, workshop = load_workshop(project_id, workshop_id)
    if ActionForm().validate_on_submit():
        services.delete_workshop(workshop)
        flash(_("Der Workshop wurde gelöscht."), "success")
    return redirect(url_for("workshops.list_workshops", project_id=project.id))
