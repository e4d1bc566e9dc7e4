"""The Flask extensions, created unbound and initialised in ``create_app``."""
from __future__ import annotations

from collections.abc import Callable

from flask import current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_security import Security
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from app.auth.passwords import StaffPasswordPolicy
from app.mail.staff import QueuedMailUtil

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


def client_address_key() -> str:
    """Key a rate limit by the client's address (behind ProxyFix: the address the proxy saw)."""
    return "addr:" + (get_remote_address() or "unknown")


def register_rate_limit_subject(app, verify: Callable[[], str | None]) -> None:
    """Let a capability name who is asking: ``verify()`` returns a key for a token it has checked, else None."""
    app.extensions.setdefault("rate_limit_subjects", []).append(verify)


def participant_or_address_key() -> str:
    """Key rate limits by an identity the request has proven, else by the client's address.

    A whole workshop room shares one public address, so a staff login, a participant token or a
    personal survey link, once checked against the database, gets its own count. A client cannot
    choose its key: unknown tokens, any ``Bearer`` value and fresh sessions count against the address.
    """
    cached = request.environ.get("konzeptwerk.rate_limit_subject")
    if cached is None:
        subject = None
        for verify in current_app.extensions.get("rate_limit_subjects", ()):
            subject = verify()
            if subject:
                break
        cached = request.environ["konzeptwerk.rate_limit_subject"] = subject or client_address_key()
    return cached


db = SQLAlchemy(model_class=Model)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=participant_or_address_key, default_limits=[])
security = Security(password_util_cls=StaffPasswordPolicy, mail_util_cls=QueuedMailUtil)
