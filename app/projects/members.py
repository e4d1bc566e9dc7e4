"""Project membership: who belongs to a project with which project roles (reads and writes)."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from app.auth.models import User
from app.errors import ValidationError
from app.extensions import db
from app.projects.models import PROJECT_ROLES, Project, ProjectAuditEvent, ProjectMember

ROLE_LABELS = {
    "lead": _l("Projektleitung"),
    "author": _l("Autorin / Autor"),
    "analyst": _l("Auswertung"),
    "facilitator": _l("Moderation"),
    "interviewer": _l("Interviewerin / Interviewer"),
    "observer": _l("Beobachtung"),
}


@dataclass
class Member:
    """A person in a project with the roles they hold there."""

    user: User
    roles: list[str] = field(default_factory=list)


def list_members(project: Project) -> list[Member]:
    """Return the project's members with their roles (in the order of PROJECT_ROLES), by name."""
    rows = db.session.execute(select(User, ProjectMember.role).join(ProjectMember, ProjectMember.user_id == User.id)
                              .where(ProjectMember.project_id == project.id)).all()
    members: dict[int, Member] = {}
    for user, role in rows:
        members.setdefault(user.id, Member(user)).roles.append(role)
    for member in members.values():
        member.roles.sort(key=PROJECT_ROLES.index)
    return sorted(members.values(), key=lambda m: (m.user.display_name.lower(), m.user.id))


def roles_of(project: Project, user: User) -> list[str]:
    """Return the roles a person holds in the project (empty when not a member)."""
    roles = db.session.scalars(select(ProjectMember.role).where(ProjectMember.project_id == project.id,
                                                                ProjectMember.user_id == user.id))
    return sorted(roles, key=PROJECT_ROLES.index)


def get_member_or_404(project: Project, user_id: int) -> User:
    """Return a member of the project or answer 404 (also for accounts outside it)."""
    user = db.session.get(User, user_id)
    if user is None or not roles_of(project, user):
        abort(404)
    return user


def find_account(email: str) -> User | None:
    """Return the account with this e-mail address (any case), or None."""
    email = (email or "").strip().lower()
    return db.session.scalar(select(User).where(func.lower(User.email) == email)) if email else None


def _check_roles(roles) -> list[str]:
    roles = list(dict.fromkeys(roles or ()))
    if not roles or any(role not in PROJECT_ROLES for role in roles):
        raise ValidationError(_l("Bitte mindestens eine gültige Projektrolle wählen."), "roles")
    return roles


def _would_lose_last_lead(project: Project, user: User, roles: list[str]) -> bool:
    """Return whether giving ``user`` these roles would leave a project that has a lead without one."""
    if "lead" in roles or "lead" not in roles_of(project, user):
        return False
    others = db.session.scalar(select(func.count()).select_from(ProjectMember).where(
        ProjectMember.project_id == project.id, ProjectMember.role == "lead", ProjectMember.user_id != user.id))
    return others == 0


def add_member(project: Project, email: str, roles, *, actor: User | None = None) -> User:
    """Give an existing account roles in the project; refuse unknown accounts, inactive ones and members."""
    roles = _check_roles(roles)
    user = find_account(email)
    if user is None:
        raise ValidationError(_l("Es gibt kein Konto mit dieser E-Mail-Adresse. Die Administration legt Konten an."),
                              "email")
    if not user.active:
        raise ValidationError(_l("Dieses Konto ist deaktiviert."), "email")
    if roles_of(project, user):
        raise ValidationError(_l("Diese Person gehört schon zum Projekt; ändern Sie dort ihre Rollen."), "email")
    for role in roles:
        db.session.add(ProjectMember(project_id=project.id, user_id=user.id, role=role,
                                     added_by_id=getattr(actor, "id", None)))
    _audit(project, actor, f"added user={user.id} roles={','.join(roles)}")
    db.session.commit()
    return user


def set_roles(project: Project, user: User, roles, *, actor: User | None = None) -> None:
    """Replace a member's roles; a project keeps at least one lead."""
    roles = _check_roles(roles)
    if not roles_of(project, user):
        raise ValidationError(_l("Diese Person gehört nicht zum Projekt."))
    if _would_lose_last_lead(project, user, roles):
        raise ValidationError(_l("Ein Projekt braucht mindestens eine Projektleitung."), "roles")
    db.session.execute(delete(ProjectMember).where(ProjectMember.project_id == project.id,
                                                   ProjectMember.user_id == user.id,
                                                   ProjectMember.role.not_in(roles)))
    held = set(roles_of(project, user))
    for role in roles:
        if role not in held:
            db.session.add(ProjectMember(project_id=project.id, user_id=user.id, role=role,
                                         added_by_id=getattr(actor, "id", None)))
    _audit(project, actor, f"roles user={user.id} roles={','.join(roles)}")
    db.session.commit()


def remove_member(project: Project, user: User, *, actor: User | None = None) -> None:
    """Take every role in the project from a person; their access ends with their next request."""
    if not roles_of(project, user):
        raise ValidationError(_l("Diese Person gehört nicht zum Projekt."))
    if _would_lose_last_lead(project, user, []):
        raise ValidationError(_l("Ein Projekt braucht mindestens eine Projektleitung."))
    db.session.execute(delete(ProjectMember).where(ProjectMember.project_id == project.id,
                                                   ProjectMember.user_id == user.id))
    _audit(project, actor, f"removed user={user.id}")
    db.session.commit()


def _audit(project: Project, actor: User | None, subject: str) -> None:
    db.session.add(ProjectAuditEvent(project_id=project.id, user_id=getattr(actor, "id", None),
                                     action="members_changed", subject=subject[:300]))
