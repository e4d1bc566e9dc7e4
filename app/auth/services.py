"""Writes on staff accounts: create, change roles, deactivate; and the security log."""
from __future__ import annotations

import logging
import secrets

from flask_babel import lazy_gettext as _l
from flask_security import hash_password
from sqlalchemy import func, select

from app.auth.models import ROLES, AuthEvent, Role, User
from app.auth.passwords import password_problem
from app.errors import ValidationError
from app.extensions import db, security

log = logging.getLogger("konzeptwerk.auth")


def record_auth_event(kind: str, user: User | None = None, *, actor: User | None = None,
                      attempted_email: str | None = None, commit: bool = True) -> None:
    """Log an authentication event to the application log and the ``auth_events`` table."""
    log.info("auth event %s user=%s actor=%s", kind, getattr(user, "id", None), getattr(actor, "id", None))
    db.session.add(AuthEvent(kind=kind, user_id=getattr(user, "id", None), actor_id=getattr(actor, "id", None),
                             attempted_email=(attempted_email or None) and attempted_email[:255]))
    if commit:
        db.session.commit()


def ensure_roles() -> None:
    """Create the instance roles if they are missing."""
    existing = set(db.session.scalars(select(Role.name)))
    for name in ROLES:
        if name not in existing:
            db.session.add(Role(name=name))
    db.session.flush()


def generate_password() -> str:
    """Return a random password that is easy to type (no look-alike characters)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def create_user(email: str, password: str, roles: list[str], *, full_name: str | None = None,
                actor: User | None = None) -> User:
    """Create an active staff account; refuse duplicate e-mail, unknown role or a weak password."""
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise ValidationError(_l("Bitte eine gültige E-Mail-Adresse angeben."), "email")
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise ValidationError(_l("Es gibt bereits ein Konto mit dieser E-Mail-Adresse."), "email")
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValidationError(_l("Bitte nur gültige Rollen wählen."), "roles")
    problem = password_problem(password, email=email, full_name=full_name)
    if problem:
        raise ValidationError(problem, "password")
    ensure_roles()
    user = security.datastore.create_user(email=email, password=hash_password(password), active=True,
                                          full_name=(full_name or "").strip() or None)
    for name in roles:
        security.datastore.add_role_to_user(user, name)
    db.session.flush()
    record_auth_event("user_created", user, actor=actor, commit=False)
    db.session.commit()
    return user


def update_user(user: User, *, roles: list[str], full_name: str | None, actor: User) -> None:
    """Change a user's roles and name; an admin cannot remove their own admin role."""
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValidationError(_l("Bitte nur gültige Rollen wählen."), "roles")
    if user.id == actor.id and "admin" not in roles:
        raise ValidationError(_l("Sie können sich die Administrationsrolle nicht selbst entziehen."), "roles")
    ensure_roles()
    for role in list(user.roles):
        if role.name not in roles:
            security.datastore.remove_role_from_user(user, role)
    for name in roles:
        security.datastore.add_role_to_user(user, name)
    user.full_name = (full_name or "").strip() or None
    record_auth_event("roles_changed", user, actor=actor, commit=False)
    db.session.commit()


def set_user_active(user: User, active: bool, *, actor: User) -> None:
    """Deactivate or reactivate an account; nobody can deactivate themselves."""
    if user.id == actor.id and not active:
        raise ValidationError(_l("Sie können Ihr eigenes Konto nicht deaktivieren."))
    user.active = active
    if not active:
        # Changing the uniquifier ends every session and remember-me cookie of this user.
        security.datastore.set_uniquifier(user)
    record_auth_event("user_activated" if active else "user_deactivated", user, actor=actor, commit=False)
    db.session.commit()
