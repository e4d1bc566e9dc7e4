"""Cross-cutting web behaviour: locale choice, security headers, CSRF, error pages, template helpers."""
from __future__ import annotations

import secrets

from babel import Locale
from flask import Flask, current_app, g, has_request_context, jsonify, render_template, request, session
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from app.extensions import csrf

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


#: Interface language codes and the Babel locale behind each (German as de_DE so the
#: translations shipped with Flask-Security are found).
LOCALE_IDS = {"de": "de_DE", "en": "en"}


def select_locale() -> str:
    """Pick the interface language: a page's own choice, the remembered choice, else German."""
    if not has_request_context():
        return LOCALE_IDS[current_app.config["BABEL_DEFAULT_LOCALE"]]
    forced = g.get("locale_override")
    if forced:
        return forced
    chosen = session.get("locale")
    if chosen in current_app.config["SUPPORTED_LOCALES"]:
        return LOCALE_IDS.get(chosen, chosen)
    return LOCALE_IDS[current_app.config["BABEL_DEFAULT_LOCALE"]]


def text_direction() -> str:
    """Return ``rtl`` for right-to-left languages (Arabic, Farsi …), else ``ltr``."""
    try:
        return Locale.parse(str(get_locale())).text_direction
    except (ValueError, TypeError):
        return "ltr"


def is_api_request() -> bool:
    """Return whether the request goes to the JSON API."""
    return request.path.startswith("/api/")


def protect_forms():
    """Check the CSRF token of every state-changing browser request (the token API is exempt)."""
    if (request.method in ("POST", "PUT", "PATCH", "DELETE") and not is_api_request()
            and current_app.config.get("WTF_CSRF_ENABLED", True)):
        csrf.protect()


def add_security_headers(response):
    """Send a strict CSP and the usual hardening headers with every response."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", g.get("referrer_policy", "same-origin"))
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint and not request.endpoint.endswith("static") and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    return response


def ensure_rate_key():
    """Give each browser session a random key so rate limits count per person, not per address."""
    if "rate_key" not in session and not is_api_request():
        session["rate_key"] = secrets.token_urlsafe(12)


def _error_page(status: int, title: str, message: str):
    if is_api_request():
        return jsonify({"error": message}), status
    return render_template("error.html", status=status, title=title, message=message), status


def register_error_pages(app: Flask) -> None:
    """Answer errors with a clear page in the user's language (JSON under /api/)."""

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return _error_page(400, _("Formular abgelaufen oder ungültig"),
                           _("Das Formular konnte nicht geprüft werden. Bitte laden Sie die Seite neu und senden Sie es noch einmal. Es wurde nichts geändert."))

    @app.errorhandler(400)
    def bad_request(error):
        return _error_page(400, _("Ungültige Anfrage"), _("Die Anfrage war ungültig. Es wurde nichts geändert."))

    @app.errorhandler(403)
    def forbidden(error):
        return _error_page(403, _("Keine Berechtigung"),
                           _("Für diese Seite fehlt Ihnen die Berechtigung. Wenden Sie sich an die Administration, wenn Sie sie brauchen."))

    @app.errorhandler(404)
    def not_found(error):
        return _error_page(404, _("Seite nicht gefunden"),
                           _("Diese Seite gibt es nicht (mehr). Prüfen Sie die Adresse oder gehen Sie zur Startseite."))

    @app.errorhandler(413)
    def too_large(error):
        limit_mb = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return _error_page(413, _("Datei zu groß"),
                           _("Die Datei ist zu groß. Erlaubt sind höchstens %(mb)s MB. Es wurde nichts geändert.", mb=limit_mb))

    @app.errorhandler(429)
    def too_many(error):
        return _error_page(429, _("Zu viele Anfragen"),
                           _("Zu viele Versuche in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es dann erneut."))

    @app.errorhandler(500)
    def server_error(error):
        return _error_page(500, _("Fehler"), _("Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut."))


def register_template_helpers(app: Flask) -> None:
    """Make locale-aware formatting and layout helpers available in every template."""
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""
    app.jinja_env.filters["number"] = lambda value, fmt=None: format_decimal(value, fmt) if value is not None else ""

    @app.context_processor
    def layout_context():
        from app.projects.navigation import project_sections

        return {
            "current_language": get_locale().language,
            "text_direction": text_direction(),
            "supported_locales": app.config["SUPPORTED_LOCALES"],
            "project_sections": project_sections,
        }
