"""Staff pages of the volunteer pool ("Lotsinnen und Lotsen"), on the outreach blueprint (``outreach.*``).

Logic lives in ``volunteers.py``; this module only reads forms and renders pages.
"""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.access import audited, project_roles
from app.errors import ValidationError, apply_to_form
from app.outreach import queries
from app.outreach.forms import ConfirmForm
from app.outreach.routes import _measure_choices, _status, bp
from app.projects.queries import get_project_or_404


# --- volunteer pool ("Lotsinnen und Lotsen") -----------------------------------------------------

def _volunteer_form(form_class, volunteer=None):
    from app.outreach.forms import VOLUNTEER_CONSENT_TEXT

    form = form_class(obj=volunteer) if volunteer is not None and request.method == "GET" else form_class()
    if volunteer is not None and request.method == "GET":
        form.districts.data = ", ".join(volunteer.districts or [])
    if hasattr(form, "consent_text") and request.method == "GET":
        form.consent_text.data = str(VOLUNTEER_CONSENT_TEXT)
    return form


@bp.get("/<int:project_id>/volunteers")
@project_roles("lead", "facilitator")
def list_volunteers(project_id: int):
    """List the volunteer pool, narrowed to a language and a district."""
    from app.languages.registry import language_names
    from app.outreach import volunteers

    project = get_project_or_404(project_id)
    names = language_names()
    wanted = volunteers.VolunteerFilter(language=request.args.get("language", "") if request.args.get("language")
                                        in names else "", district=request.args.get("district", "").strip())
    return render_template("outreach/volunteers.html", project=project, wanted=wanted, language_names=names,
                           volunteers=volunteers.list_volunteers(project, wanted),
                           districts=volunteers.pool_districts(project),
                           total=volunteers.count_volunteers(project.id))


@bp.route("/<int:project_id>/volunteers/new", methods=["GET", "POST"])
@project_roles("lead", "facilitator")
def add_volunteer(project_id: int):
    """Add a person to the pool by hand or from an event registration, with the consent they gave."""
    from flask_security import current_user

    from app.outreach import volunteers
    from app.outreach.forms import NewVolunteerForm

    project = get_project_or_404(project_id)
    event = registration = None
    if request.args.get("event", type=int):
        event = queries.event_or_404(project, request.args.get("event", type=int))
        if request.args.get("registration", type=int):
            registration = queries.registration_or_404(event, request.args.get("registration", type=int))
    form = _volunteer_form(NewVolunteerForm)
    if request.method == "GET" and event is not None:
        form.source.data = "event"
        form.note.data = _("Gewonnen bei: %(title)s", title=event.title)
        if registration is not None:
            form.name.data, form.email.data = registration.name, registration.email
            form.consent_language.data = registration.language
    if form.validate_on_submit():
        try:
            volunteer = volunteers.add_volunteer(
                project, name=form.name.data, email=form.email.data, phone=form.phone.data,
                languages=form.languages.data, districts=form.districts.data, note=form.note.data,
                source=form.source.data, event=event, has_consented=form.has_consented.data,
                consent_text=form.consent_text.data, consent_language=form.consent_language.data,
                recorded_by=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("%(name)s ist jetzt im Pool der Lotsinnen und Lotsen.", name=volunteer.name), "success")
            return redirect(url_for("outreach.list_volunteers", project_id=project.id))
    return render_template("outreach/volunteer_form.html", project=project, form=form, event=event,
                           registration=registration), _status(form)


def _measures_form(project, volunteer):
    from app.outreach.forms import VolunteerMeasuresForm

    form = VolunteerMeasuresForm(prefix="measures")
    form.measure_ids.choices = _measure_choices(project)
    if request.method == "GET" or not form.is_submitted():
        form.measure_ids.data = [m.id for m in volunteer.measures]
    return form


def _render_volunteer(project, volunteer, form, measures_form, status=200):
    from app.outreach.forms import VOLUNTEER_SOURCE_LABELS

    return render_template("outreach/volunteer.html", project=project, volunteer=volunteer, form=form,
                           measures_form=measures_form, confirm_form=ConfirmForm(),
                           volunteer_source_labels=VOLUNTEER_SOURCE_LABELS), status


@bp.route("/<int:project_id>/volunteers/<int:volunteer_id>", methods=["GET", "POST"])
@project_roles("lead", "facilitator")
@audited("viewed")
def edit_volunteer(project_id: int, volunteer_id: int):
    """Show and change a volunteer: contact, languages, districts, consent, measures, access and deletion."""
    from app.outreach import volunteers
    from app.outreach.forms import VolunteerForm

    project = get_project_or_404(project_id)
    volunteer = volunteers.volunteer_or_404(project, volunteer_id)
    form = _volunteer_form(VolunteerForm, volunteer)
    if form.validate_on_submit():
        try:
            volunteers.update_volunteer(volunteer, name=form.name.data, email=form.email.data, phone=form.phone.data,
                                        languages=form.languages.data, districts=form.districts.data,
                                        note=form.note.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("outreach.edit_volunteer", project_id=project.id, volunteer_id=volunteer.id))
    return _render_volunteer(project, volunteer, form, _measures_form(project, volunteer), _status(form))


@bp.post("/<int:project_id>/volunteers/<int:volunteer_id>/measures")
@project_roles("lead")
def assign_volunteer(project_id: int, volunteer_id: int):
    """Assign a volunteer to measures."""
    from app.outreach import volunteers
    from app.outreach.forms import VolunteerForm

    project = get_project_or_404(project_id)
    volunteer = volunteers.volunteer_or_404(project, volunteer_id)
    measures_form = _measures_form(project, volunteer)
    if measures_form.validate_on_submit():
        try:
            volunteers.assign_measures(volunteer, measures_form.measure_ids.data)
        except ValidationError as error:
            apply_to_form(measures_form, error)
        else:
            flash(_("Die Zuordnung wurde gespeichert."), "success")
            return redirect(url_for("outreach.edit_volunteer", project_id=project.id, volunteer_id=volunteer.id)
                            + "#measures")
    return _render_volunteer(project, volunteer, _volunteer_form(VolunteerForm, volunteer), measures_form, 422)


@bp.post("/<int:project_id>/volunteers/<int:volunteer_id>/delete")
@project_roles("lead", "facilitator")
@audited("deleted")
def delete_volunteer(project_id: int, volunteer_id: int):
    """Delete a volunteer with everything stored (consent withdrawn or deletion requested)."""
    from app.outreach import volunteers

    project = get_project_or_404(project_id)
    volunteer = volunteers.volunteer_or_404(project, volunteer_id)
    if ConfirmForm().validate_on_submit():
        name = volunteer.name
        volunteers.delete_volunteer(volunteer)
        flash(_("%(name)s wurde mit allen Angaben gelöscht.", name=name), "success")
    return redirect(url_for("outreach.list_volunteers", project_id=project.id))


@bp.get("/<int:project_id>/volunteers/<int:volunteer_id>/data.<fmt>")
@project_roles("lead", "facilitator")
@audited("downloaded")
def export_volunteer_data(project_id: int, volunteer_id: int, fmt: str):
    """Download everything stored about one volunteer (access request) as JSON or CSV."""
    import json

    from flask import abort

    from app.outreach import volunteers

    project = get_project_or_404(project_id)
    volunteer = volunteers.volunteer_or_404(project, volunteer_id)
    data = volunteers.volunteer_data(volunteer)
    name = f"lotse-{project.id}-{volunteer.id}"
    if fmt == "json":
        return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                        headers={"Content-Disposition": f"attachment; filename={name}.json"})
    if fmt == "csv":
        return Response(volunteers.volunteer_csv(data), mimetype="text/csv",
                        headers={"Content-Disposition": f"attachment; filename={name}.csv"})
    abort(404)
