"""Project pages: list, create from a template, overview, and setup of fields, groups and timeline."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from flask_security import current_user
from sqlalchemy import select

from app.auth.access import instance_roles, project_roles, protect
from app.auth.models import User
from app.errors import ValidationError, apply_to_form
from app.extensions import db
from app.projects import members, queries, services
from app.projects.forms import (AUDIT_ACTION_LABELS, DeleteForm, FieldOfActionForm, MemberAddForm, MemberRolesForm, MoveForm, NewProjectForm,
                                ProcessStepForm, ProjectForm, StakeholderGroupForm)

bp = Blueprint("projects", __name__, url_prefix="/projects")
#: The overview and its figures: every member but interviewers (they see only their interviews).
protect(bp, "lead", "author", "analyst", "facilitator", "observer")
lead_only = project_roles("lead")


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


@bp.get("/")
@instance_roles()
def list_projects():
    """Show the user's interviews and the projects they are a member of (every project to an administrator)."""
    interviews = current_app.extensions.get("my_interviews", lambda user: [])(current_user)
    return render_template("projects/list.html", projects=queries.list_projects_of(current_user), interviews=interviews)


@bp.route("/new", methods=["GET", "POST"])
@instance_roles("project_lead")
def create_project():
    """Create a project from a template."""
    form = NewProjectForm()
    if form.validate_on_submit():
        try:
            project = services.create_project(
                title=form.title.data, municipality=form.municipality.data, period_start=form.period_start.data,
                period_end=form.period_end.data, description=form.description.data, status=form.status.data,
                template=form.template.data, creator=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Das Projekt wurde angelegt."), "success")
            return redirect(url_for("projects.show_project", project_id=project.id))
    return render_template("projects/new.html", form=form), _status(form)


@bp.get("/<int:project_id>")
def show_project(project_id: int):
    """Show the project overview: timeline, fields of action and interview progress."""
    project = queries.get_project_or_404(project_id)
    return render_template("projects/overview.html", project=project,
                           progress=queries.interview_progress(project))


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@lead_only
def edit_project(project_id: int):
    """Change a project's title, municipality, period, description and status."""
    project = queries.get_project_or_404(project_id)
    form = ProjectForm(obj=project)
    if form.validate_on_submit():
        try:
            services.update_project(project, title=form.title.data, municipality=form.municipality.data,
                                    period_start=form.period_start.data, period_end=form.period_end.data,
                                    description=form.description.data, status=form.status.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("projects.show_project", project_id=project.id))
    return render_template("projects/edit.html", project=project, form=form), _status(form)


def _render_setup(project, status=200, **forms):
    context = {
        "new_field_form": FieldOfActionForm(prefix="new-field"),
        "new_group_form": StakeholderGroupForm(prefix="new-group"),
        "new_step_form": ProcessStepForm(prefix="new-step"),
        "move_form": MoveForm(),
        "delete_form": DeleteForm(),
    }
    context.update(forms)
    return render_template("projects/setup.html", project=project, **context), status


@bp.get("/<int:project_id>/setup")
@lead_only
def show_setup(project_id: int):
    """Show the editable fields of action, stakeholder groups and timeline."""
    return _render_setup(queries.get_project_or_404(project_id))


@bp.post("/<int:project_id>/fields")
@lead_only
def add_field_of_action(project_id: int):
    """Add a field of action."""
    project = queries.get_project_or_404(project_id)
    form = FieldOfActionForm(prefix="new-field")
    if form.validate_on_submit():
        try:
            services.add_field_of_action(project, form.name.data, form.description.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Das Handlungsfeld wurde hinzugefügt."), "success")
            return redirect(url_for("projects.show_setup", project_id=project.id, _anchor="fields"))
    return _render_setup(project, 422, new_field_form=form)


@bp.route("/<int:project_id>/fields/<int:field_id>", methods=["GET", "POST"])
@lead_only
def edit_field_of_action(project_id: int, field_id: int):
    """Rename a field of action or change its description."""
    project = queries.get_project_or_404(project_id)
    field = queries.get_field_or_404(project, field_id)
    form = FieldOfActionForm(obj=field)
    if form.validate_on_submit():
        try:
            services.update_field_of_action(field, form.name.data, form.description.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Das Handlungsfeld wurde gespeichert."), "success")
            return redirect(url_for("projects.show_setup", project_id=project.id, _anchor="fields"))
    return render_template("projects/entry_form.html", project=project, form=form,
                           heading=_("Handlungsfeld bearbeiten")), _status(form)


@bp.post("/<int:project_id>/groups")
@lead_only
def add_stakeholder_group(project_id: int):
    """Add a stakeholder group."""
    project = queries.get_project_or_404(project_id)
    form = StakeholderGroupForm(prefix="new-group")
    if form.validate_on_submit():
        try:
            services.add_stakeholder_group(project, form.name.data, form.target_interviews.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Akteursgruppe wurde hinzugefügt."), "success")
            return redirect(url_for("projects.show_setup", project_id=project.id, _anchor="groups"))
    return _render_setup(project, 422, new_group_form=form)


@bp.route("/<int:project_id>/groups/<int:group_id>", methods=["GET", "POST"])
@lead_only
def edit_stakeholder_group(project_id: int, group_id: int):
    """Rename a stakeholder group or change its interview target."""
    project = queries.get_project_or_404(project_id)
    group = queries.get_group_or_404(project, group_id)
    form = StakeholderGroupForm(obj=group)
    if form.validate_on_submit():
        try:
            services.update_stakeholder_group(group, form.name.data, form.target_interviews.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Akteursgruppe wurde gespeichert."), "success")
            return redirect(url_for("projects.show_setup", project_id=project.id, _anchor="groups"))
    return render_template("projects/entry_form.html", project=project, form=form,
                           heading=_("Akteursgruppe bearbeiten")), _status(form)


@bp.post("/<int:project_id>/steps")
@lead_only
def add_process_step(project_id: int):
    """Add a step to the timeline."""
    project = queries.get_project_or_404(project_id)
    form = ProcessStepForm(prefix="new-step")
    if form.validate_on_submit():
        try:
            services.add_process_step(project, kind=form.kind.data, title=form.title.data, date=form.date.data,
                                      participants=form.participants.data, is_done=form.is_done.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Prozessschritt wurde hinzugefügt."), "success")
            return redirect(url_for("projects.show_setup", project_id=project.id, _anchor="steps"))
    return _render_setup(project, 422, new_step_form=form)


@bp.route("/<int:project_id>/steps/<int:step_id>", methods=["GET", "POST"])
@lead_only
def edit_process_step(project_id: int, step_id: int):
    """Change a timeline step."""
    project = queries.get_project_or_404(project_id)
    step = queries.get_step_or_404(project, step_id)
    form = ProcessStepForm(obj=step)
    if form.validate_on_submit():
        try:
            services.update_process_step(step, kind=form.kind.data, title=form.title.data, date=form.date.data,
                                         participants=form.participants.data, is_done=form.is_done.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Prozessschritt wurde gespeichert."), "success")
            return redirect(url_for("projects.show_setup", project_id=project.id, _anchor="steps"))
    return render_template("projects/entry_form.html", project=project, form=form,
                           heading=_("Prozessschritt bearbeiten")), _status(form)


_COLLECTIONS = {
    "fields": ("fields_of_action", queries.get_field_or_404),
    "groups": ("stakeholder_groups", queries.get_group_or_404),
    "steps": ("process_steps", queries.get_step_or_404),
}


@bp.post("/<int:project_id>/<any(fields, groups, steps):collection>/<int:entry_id>/move")
@lead_only
def move_entry(project_id: int, collection: str, entry_id: int):
    """Move a field of action, stakeholder group or step one place up or down."""
    project = queries.get_project_or_404(project_id)
    attribute, lookup = _COLLECTIONS[collection]
    entry = lookup(project, entry_id)
    form = MoveForm()
    if form.validate_on_submit():
        services.move_entry(getattr(project, attribute), entry, form.direction.data)
    else:
        flash(_("Die Anfrage war ungültig. Bitte laden Sie die Seite neu und versuchen Sie es erneut."), "danger")
    return redirect(url_for("projects.show_setup", project_id=project.id, _anchor=collection))


@bp.post("/<int:project_id>/<any(fields, groups, steps):collection>/<int:entry_id>/delete")
@lead_only
def delete_entry(project_id: int, collection: str, entry_id: int):
    """Delete a field of action, stakeholder group or step."""
    project = queries.get_project_or_404(project_id)
    lookup = _COLLECTIONS[collection][1]
    entry = lookup(project, entry_id)
    if DeleteForm().validate_on_submit():
        try:
            services.delete_entry(entry)
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(_("Der Eintrag wurde gelöscht."), "success")
    else:
        flash(_("Die Anfrage war ungültig. Bitte laden Sie die Seite neu und versuchen Sie es erneut."), "danger")
    return redirect(url_for("projects.show_setup", project_id=project.id, _anchor=collection))


def _member_forms(project, members_list):
    forms = {}
    for member in members_list:
        form = MemberRolesForm(prefix=f"member-{member.user.id}", formdata=None)
        form.roles.data = member.roles
        forms[member.user.id] = form
    return forms


def _render_members(project, status=200, add_form=None, roles_forms=None):
    members_list = members.list_members(project)
    forms = _member_forms(project, members_list)
    forms.update(roles_forms or {})
    return render_template("projects/members.html", project=project, members=members_list, roles_forms=forms,
                           add_form=add_form or MemberAddForm(prefix="add"), remove_form=DeleteForm(),
                           role_labels=members.ROLE_LABELS,
                           accounts_by_mail=bool(current_app.config.get("MAIL_SERVER"))), status


@bp.get("/<int:project_id>/members")
@lead_only
def list_members(project_id: int):
    """Show the project's members and their roles, with forms to add, change and remove."""
    return _render_members(queries.get_project_or_404(project_id))


@bp.post("/<int:project_id>/members")
@lead_only
def add_member(project_id: int):
    """Add an existing account to the project with the chosen roles."""
    project = queries.get_project_or_404(project_id)
    form = MemberAddForm(prefix="add")
    if form.validate_on_submit():
        try:
            user = members.add_member(project, form.email.data, form.roles.data, actor=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("%(name)s gehört jetzt zum Projekt.", name=user.display_name), "success")
            return redirect(url_for("projects.list_members", project_id=project.id))
    return _render_members(project, 422, add_form=form)


@bp.post("/<int:project_id>/members/<int:user_id>")
@lead_only
def change_member_roles(project_id: int, user_id: int):
    """Replace a member's roles in the project."""
    project = queries.get_project_or_404(project_id)
    user = members.get_member_or_404(project, user_id)
    form = MemberRolesForm(prefix=f"member-{user.id}")
    if form.validate_on_submit():
        try:
            members.set_roles(project, user, form.roles.data, actor=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Rollen von %(name)s wurden gespeichert.", name=user.display_name), "success")
            return redirect(url_for("projects.list_members", project_id=project.id))
    return _render_members(project, 422, roles_forms={user.id: form})


@bp.post("/<int:project_id>/members/<int:user_id>/remove")
@lead_only
def remove_member(project_id: int, user_id: int):
    """Take a person out of the project; their access ends with their next request."""
    project = queries.get_project_or_404(project_id)
    user = members.get_member_or_404(project, user_id)
    if DeleteForm().validate_on_submit():
        try:
            members.remove_member(project, user, actor=current_user)
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(_("%(name)s gehört nicht mehr zum Projekt.", name=user.display_name), "success")
    else:
        flash(_("Die Anfrage war ungültig. Bitte laden Sie die Seite neu und versuchen Sie es erneut."), "danger")
    return redirect(url_for("projects.list_members", project_id=project.id))


@bp.get("/<int:project_id>/audit")
@lead_only
def show_audit_log(project_id: int):
    """Show who viewed, exported, downloaded or deleted personal data of the project, and when."""
    project = queries.get_project_or_404(project_id)
    events = queries.audit_events(project)
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({e.user_id for e in events
                                                                                    if e.user_id})))}
    return render_template("projects/audit.html", project=project, events=events, people=people,
                           action_labels=AUDIT_ACTION_LABELS, limit=queries.AUDIT_PAGE_SIZE)


@bp.app_context_processor
def project_labels():
    """Provide the translated status labels to templates."""
    from app.projects.forms import STATUS_LABELS

    return {"status_labels": STATUS_LABELS}
