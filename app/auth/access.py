"""Authorization checks shared by every staff blueprint."""
from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_security import current_user


def login_page_redirect():
    """Send an anonymous visitor to the login page, remembering where they wanted to go."""
    return redirect(url_for("security.login", next=request.full_path.rstrip("?")))


def require_roles(*roles: str):
    """Build a ``before_request`` hook: logged-in staff holding one of ``roles`` (or admin)."""

    def check():
        if not current_user.is_authenticated:
            return login_page_redirect()
        if roles and not current_user.has_any_role(*roles):
            abort(403)
        return None

    return check


def roles_required_for(*roles: str):
    """Decorate a view so only the given roles (or admin) may use it."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            refusal = require_roles(*roles)()
            if refusal is not None:
                return refusal
            return view(*args, **kwargs)

        return guarded

    return decorate
