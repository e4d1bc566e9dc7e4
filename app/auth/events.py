"""Connect Flask-Security's signals to the security log."""
from __future__ import annotations

from flask import request
from flask_login import user_logged_out
from flask_security.signals import password_changed, tf_disabled, tf_profile_changed, user_authenticated
from sqlalchemy import func, select

from app.auth.models import User
from app.auth.services import record_auth_event
from app.extensions import db, security


def _on_login(sender, user, **extra):
    record_auth_event("login", user)


def _on_logout(sender, user, **extra):
    # A new uniquifier makes every copy of this user's session and remember-me cookies worthless at once
    # (Flask-Security's own means; it ends the user's sessions on other devices too).
    if user is not None and getattr(user, "is_authenticated", False):
        security.datastore.set_uniquifier(user)
    record_auth_event("logout", user)


def record_failed_login(response):
    """Log a login form that was posted but not accepted (wrong password or unknown account)."""
    if request.endpoint == "security.login" and request.method == "POST" and response.status_code == 200:
        email = (request.form.get("email") or "").strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.email) == email)) if email else None
        record_auth_event("login_failed", user, attempted_email=None if user else email or None)
    return response


def _on_password_changed(sender, user, **extra):
    record_auth_event("password_changed", user)


def _on_two_factor(sender, user, **extra):
    record_auth_event("two_factor_changed", user)


def connect_auth_signals(app) -> None:
    """Log logins, failed logins, logouts, password and two-factor changes of this app."""
    user_authenticated.connect(_on_login, app)
    user_logged_out.connect(_on_logout, app)
    app.after_request(record_failed_login)
    password_changed.connect(_on_password_changed, app)
    tf_profile_changed.connect(_on_two_factor, app)
    tf_disabled.connect(_on_two_factor, app)
