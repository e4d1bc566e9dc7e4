"""Connect Flask-Security's signals to the security log."""
from __future__ import annotations

from flask import request
from flask_security.signals import (password_changed, tf_disabled, tf_profile_changed, user_authenticated,
                                    user_failed_authn, user_unauthenticated)

from app.auth.services import record_auth_event


def _on_login(sender, user, **extra):
    record_auth_event("login", user)


def _on_logout(sender, user, **extra):
    record_auth_event("logout", user)


def _on_failed(sender, user=None, **extra):
    attempted = None if user is not None else (request.form.get("email") or "").strip().lower() or None
    record_auth_event("login_failed", user, attempted_email=attempted)


def _on_password_changed(sender, user, **extra):
    record_auth_event("password_changed", user)


def _on_two_factor(sender, user, **extra):
    record_auth_event("two_factor_changed", user)


def connect_auth_signals(app) -> None:
    """Log logins, failed logins, logouts, password and two-factor changes of this app."""
    user_authenticated.connect(_on_login, app)
    user_unauthenticated.connect(_on_logout, app)
    user_failed_authn.connect(_on_failed, app)
    password_changed.connect(_on_password_changed, app)
    tf_profile_changed.connect(_on_two_factor, app)
    tf_disabled.connect(_on_two_factor, app)
