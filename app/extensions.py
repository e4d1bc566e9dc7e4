"""The Flask extensions, created unbound and initialised in ``create_app``."""
from __future__ import annotations

from flask import current_app, request, session
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_security import Security
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Model(DeclarativeBase):
    """Declarative base whose constraints get predictable names (needed by SQLite migrations)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def participant_or_address_key() -> str:
    """Key rate limits by participant token or session, falling back to the address.

    A whole workshop room shares one public address, so keying by IP alone would
    lock out a room after a few people.
    """
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer ") and len(auth) > 20:
        return "token:" + auth[7:][:64]
    # Only a session the browser sent back counts: a client that drops cookies is keyed by address.
    carried_session = request.cookies.get(current_app.config.get("SESSION_COOKIE_NAME", "session"))
    sid = session.get("rate_key") if carried_session else None
    if sid:
        return "session:" + sid
    return "addr:" + (get_remote_address() or "unknown")


db = SQLAlchemy(model_class=Model)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=participant_or_address_key, default_limits=[])
security = Security()
