"""Rate limits for signing in, and the rate-limit key of a logged-in staff member.

Failed sign-ins are counted three ways: per account from one address (a typo-prone colleague or a
guesser), per address over all accounts (password spraying), and per account over all addresses
(a distributed guesser). Someone at one place can use up only their own counters, never lock a
colleague out who signs in from elsewhere. Successful sign-ins count nowhere, so an office behind
one address is not slowed down. Wrong two-factor codes are counted the same way.
"""
from __future__ import annotations

from flask import Flask, abort, current_app, request, session
from flask_limiter.util import get_remote_address
from flask_security import current_user
from limits import parse_many

from app.extensions import limiter
from app.lean import is_lean_request

SIGN_IN_ENDPOINTS = ("security.login", "security.two_factor_token_validation")


def staff_rate_limit_subject() -> str | None:
    """Return the rate-limit key of a logged-in staff member, or None (never on the lean JSON path: no session)."""
    if not is_lean_request() and current_user.is_authenticated:
        return f"user:{current_user.id}"
    return None


def _is_sign_in_attempt() -> bool:
    return (request.method == "POST" and request.endpoint in SIGN_IN_ENDPOINTS
            and current_app.config.get("RATELIMIT_ENABLED", True))


def _counters() -> list[tuple[str, str]]:
    """Return (setting holding the limits, key) for each counter of this attempt."""
    address = get_remote_address() or "unknown"
    if request.endpoint == "security.login":
        body = request.get_json(silent=True)
        typed = request.form.get("email") or (body.get("email") if isinstance(body, dict) else "") or ""
        account = str(typed).strip().lower()[:255]
    else:
        account = f"two-factor:{session.get('tf_user_id', '')}"
    return [("LOGIN_RATE_LIMIT", f"{account}|{address}"), ("LOGIN_ADDRESS_RATE_LIMIT", address),
            ("LOGIN_ACCOUNT_RATE_LIMIT", account)]


def _namespace() -> str:
    """The counters' namespace, under the site's RATELIMIT_KEY_PREFIX like every other limit."""
    return f"{current_app.config.get('RATELIMIT_KEY_PREFIX', '')}/sign-in-failures"


def refuse_exhausted_sign_in():
    """Refuse a sign-in attempt (HTTP 429) once one of its counters of failed attempts is used up."""
    if not _is_sign_in_attempt():
        return None
    for setting, key in _counters():
        for item in parse_many(current_app.config[setting]):
            if not limiter.limiter.test(item, _namespace(), setting, key):
                abort(429)
    return None


def count_failed_sign_in(response):
    """Count a sign-in attempt that was not accepted (the form came back instead of a redirect)."""
    if _is_sign_in_attempt() and response.status_code not in (301, 302, 303, 429):
        for setting, key in _counters():
            for item in parse_many(current_app.config[setting]):
                limiter.limiter.hit(item, _namespace(), setting, key)
    return response


def init_sign_in_throttling(app: Flask) -> None:
    """Check the sign-in counters before the login and two-factor views, and count failures after them."""
    app.before_request(refuse_exhausted_sign_in)
    app.after_request(count_failed_sign_in)


_limited_views: dict = {}


def limit_password_reset_requests(app: Flask) -> None:
    """Limit "forgot password" requests per address (PASSWORD_RESET_LIMIT): each one sends a mail.

    The limiter is shared by every app of the process, so Flask-Security's view is wrapped once and the
    wrapped view reused (wrapping it again would count each request once per app).
    """
    from app.extensions import client_address_key

    endpoint = "security.forgot_password"
    view = app.view_functions.get(endpoint)
    if view is None:
        return
    if view not in _limited_views:
        _limited_views[view] = limiter.limit(lambda: current_app.config["PASSWORD_RESET_LIMIT"],
                                             key_func=client_address_key, methods=["POST"],
                                             override_defaults=False)(view)
    app.view_functions[endpoint] = _limited_views[view]
