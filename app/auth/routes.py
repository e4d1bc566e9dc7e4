"""Administration of staff accounts (admin only)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.auth import invitations, queries, services
from app.auth.access import INSTANCE, protect
from app.auth.forms import ConfirmForm, UserCreateForm, UserEditForm
from app.errors import ValidationError, apply_to_form

bp = Blueprint("auth", __name__, url_prefix="/auth")
protect(bp, "admin", scope=INSTANCE)


@bp.get("/users")
def list_users():
    """Show all staff accounts."""
    return render_template("auth/users.html", users=queries.list_users(), confirm_form=ConfirmForm())


@bp.route("/users/new", methods=["GET", "POST"])
def create_user():
    """Create a staff account."""
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            if form.invite.data:
                invitations.invite_staff_member(form.email.data, form.roles.data, full_name=form.full_name.data,
                                                actor=current_user)
            elif not form.password.data:
                raise ValidationError(_("Bitte ein erstes Passwort angeben oder die Person per E-Mail einladen."),
                                      "password")
            else:
                services.create_user(form.email.data, form.password.data, form.roles.data,
                                     full_name=form.full_name.data, actor=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Das Konto wurde angelegt und die Einladung wird gesendet.") if form.invite.data
                  else _("Das Konto wurde angelegt."), "success")
            return redirect(url_for("auth.list_users"))
    return render_template("auth/user_form.html", form=form, user=None), 200 if not form.errors else 422


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Change a staff account's name and roles."""
    user = queries.get_user_or_404(user_id)
    form = UserEditForm(obj=None if not user else None)
    if not form.is_submitted():
        form.full_name.data = user.full_name
        form.roles.data = [r.name for r in user.roles]
    if form.validate_on_submit():
        try:
            services.update_user(user, roles=form.roles.data, full_name=form.full_name.data, actor=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("auth.list_users"))
    return render_template("auth/user_form.html", form=form, user=user), 200 if not form.errors else 422


@bp.post("/users/<int:user_id>/active")
def toggle_user_active(user_id: int):
    """Deactivate an active account or reactivate a deactivated one."""
    user = queries.get_user_or_404(user_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Die Anfrage war ungültig. Bitte laden Sie die Seite neu und versuchen Sie es erneut."), "danger")
        return redirect(url_for("auth.list_users"))
    try:
        services.set_user_active(user, not user.active, actor=current_user)
    except ValidationError as error:
        flash(error.message, "danger")
    else:
        flash(_("Das Konto wurde aktiviert.") if user.active else _("Das Konto wurde deaktiviert."), "success")
    return redirect(url_for("auth.list_users"))


@bp.get("/events")
def list_auth_events():
    """Show the security log of logins, failures and account changes."""
    events = queries.recent_auth_events()
    people = queries.users_by_id({e.user_id for e in events if e.user_id} | {e.actor_id for e in events if e.actor_id})
    return render_template("auth/events.html", events=events, people=people)
