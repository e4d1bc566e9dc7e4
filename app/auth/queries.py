"""Reads on staff accounts and the security log."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select

from app.auth.models import AuthEvent, User
from app.extensions import db


def list_users() -> list[User]:
    """Return all staff accounts, active first, by e-mail."""
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.email)))


def get_user_or_404(user_id: int) -> User:
    """Return the account or answer 404."""
    return db.session.get(User, user_id) or abort(404)


def recent_auth_events(limit: int = 200) -> list[AuthEvent]:
    """Return the newest authentication events."""
    return list(db.session.scalars(select(AuthEvent).order_by(AuthEvent.at.desc(), AuthEvent.id.desc()).limit(limit)))


def users_by_id(ids: set[int]) -> dict[int, User]:
    """Return the given users keyed by id (one query)."""
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
