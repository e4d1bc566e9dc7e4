"""Staff accounts with roles (Flask-Security-Too) and the log of authentication events."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app
from flask_security.models import fsqla_v3 as fsqla
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

fsqla.FsModels.set_db_info(db, user_table_name="users", role_table_name="roles")

#: Instance-wide roles. ``admin`` manages accounts and may open every project (each such access is
#: logged); ``project_lead`` may create projects (and leads the ones it creates). Everything else is a
#: project role held per project (``app/projects/models.py``, ``PROJECT_ROLES``).
ROLE_ADMIN = "admin"
ROLE_PROJECT_LEAD = "project_lead"
ROLES = (ROLE_ADMIN, ROLE_PROJECT_LEAD)


def utcnow() -> datetime:
    """Return the current time in UTC without tzinfo (stored as naive UTC)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Role(db.Model, fsqla.FsRoleMixin):
    """A staff role such as ``project_lead``."""

    __tablename__ = "roles"


class User(db.Model, fsqla.FsUserMixin):
    """A staff member who logs in; what they may do in a project comes from their project memberships."""

    __tablename__ = "users"

    #: Name shown to colleagues, e.g. in "changed by".
    full_name: Mapped[str | None] = mapped_column(String(200))

    @property
    def display_name(self) -> str:
        """Return the person's name, or their e-mail address when no name is set."""
        return self.full_name or self.email

    def has_any_role(self, *names: str) -> bool:
        """Return whether the user is admin or holds one of the given roles."""
        return self.has_role(ROLE_ADMIN) or any(self.has_role(name) for name in names)

    @property
    def must_use_two_factor(self) -> bool:
        """Return whether one of the user's roles is listed in the instance setting TWO_FACTOR_REQUIRED_ROLES."""
        return any(self.has_role(name) for name in current_app.config.get("TWO_FACTOR_REQUIRED_ROLES", ()))

    def check_tf_required(self, tf_setup_methods, tf_fresh):
        """Require the second factor (setting it up at the next sign-in) for the roles the instance names."""
        required, methods = super().check_tf_required(tf_setup_methods, tf_fresh)
        return required or self.must_use_two_factor, methods

    def check_tf_required_setup(self) -> bool:
        """Tell the two-factor setup page that switching the second factor off is not allowed for this user."""
        return super().check_tf_required_setup() or self.must_use_two_factor


class AuthEvent(db.Model):
    """An authentication event kept for the security log (login, failure, logout, changes)."""

    __tablename__ = "auth_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: login, login_failed, logout, password_changed, two_factor_changed, user_created, user_deactivated …
    kind: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The e-mail address that was tried, for failed logins of unknown accounts.
    attempted_email: Mapped[str | None] = mapped_column(String(255))
    #: Who performed an administrative action on ``user_id``.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
