"""Account invitations by e-mail: a new staff member sets their own password through a reset link.

``invite_staff_member`` is the one service for every page that invites people (the admin's account
form, a project's members page): it creates the account with an unusable random password and sends
Flask-Security's reset link (valid ``SECURITY_RESET_PASSWORD_WITHIN``) as an invitation, by a job.
"""
from __future__ import annotations

from flask import current_app, has_request_context, request, url_for
from flask_babel import gettext as _
from flask_security.recoverable import generate_reset_password_token

from app.auth.models import User
from app.auth.services import create_user, generate_password, record_auth_event


def _link_base() -> str:
    configured = current_app.config.get("BASE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.url_root.rstrip("/")
    from app.surveys.invitations import base_url

    return base_url()


def send_account_invitation(user: User, *, actor: User | None = None, project_title: str | None = None):
    """Queue an invitation mail with a link to set the password (also to re-invite); return the job."""
    from app.mail.staff import queue_staff_mail

    link = _link_base() + url_for("security.reset_password", token=generate_reset_password_token(user))
    inviter = (actor.full_name or actor.email) if actor is not None else _("die Administration")
    where = _(" für das Projekt „%(title)s“", title=project_title) if project_title else ""
    body = _("Guten Tag,\n\n%(inviter)s hat für Sie ein Konto bei Konzeptwerk%(where)s angelegt. Bitte legen Sie "
             "über diesen Link Ihr Passwort fest:\n\n%(link)s\n\nDer Link gilt %(days)s Tage. Danach können Sie sich "
             "mit Ihrer E-Mail-Adresse %(email)s anmelden.\n\nWenn Sie kein Konto erwartet haben, ignorieren Sie "
             "diese E-Mail.", inviter=inviter, where=where, link=link,
             days=current_app.config["SECURITY_RESET_PASSWORD_WITHIN"].days, email=user.email)
    record_auth_event("account_invited", user, actor=actor)
    return queue_staff_mail(user.email, _("Einladung zu Konzeptwerk"), body)


def invite_staff_member(email: str, roles: list[str], *, full_name: str | None = None, actor: User | None = None,
                        project_title: str | None = None) -> User:
    """Create a staff account (no usable password yet) and mail the person a link to set one; return the user.

    Refuses (ValidationError, nothing stored or sent) a malformed or already used address or an unknown role.
    """
    user = create_user(email, generate_password(), roles, full_name=full_name, actor=actor)
    send_account_invitation(user, actor=actor, project_title=project_title)
    return user
