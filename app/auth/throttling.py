"""Rate limit for login attempts, counted per attempted account."""
from __future__ import annotations

from flask import abort, current_app, request
from limits import parse_many

from app.extensions import limiter


def limit_login_attempts():
    """Refuse further login attempts for an account once LOGIN_RATE_LIMIT is used up (HTTP 429)."""
    if request.endpoint != "security.login" or request.method != "POST":
        return None
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    account = (request.form.get("email") or "").strip().lower()[:255]
    for item in parse_many(current_app.config["LOGIN_RATE_LIMIT"]):
        if not limiter.limiter.hit(item, "login", account):
            abort(429)
    return None
