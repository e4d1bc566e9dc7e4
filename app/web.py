"""Cross-cutting web behaviour: locale choice, security headers, CSRF, error pages, template helpers."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, g, jsonify, render_template, request
from flask_babel import format_date, format_datetime, format_decimal
from flask_wtf.csrf import CSRFError

from app.extensions import csrf
from app.languages import selection
from app.languages.catalog import _p, _pc, _pn
from app.languages.content import embed, isolate, language_attributes, mark_language
from app.languages.registry import language_names, participant_languages

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


def safe_local_url(url: str | None) -> str | None:
    """Return ``url`` if it leads to a page of this site (a path), else None.

    Browsers read a backslash as a slash and drop tabs and line breaks, so ``/\\evil.example/``
    would lead to another host: backslashes are normalised first and control characters refused.
    """
    if not url or any(ord(character) < 32 or ord(character) == 127 for character in url):
        return None
    normalised = url.replace("\\", "/")
    if not normalised.startswith("/") or normalised.startswith("//"):
        return None
    parts = urlsplit(normalised)
    if parts.scheme or parts.netloc:
        return None
    return normalised


def is_api_request() -> bool:
    """Return whether the request goes to the JSON API."""
    return request.path.startswith("/api/")


def protect_forms():
    """Check the CSRF token of every state-changing browser request (the token API and signed one-click links are exempt)."""
    if (request.method in ("POST", "PUT", "PATCH", "DELETE") and not is_api_request()
            and request.endpoint not in current_app.extensions.get("csrf_exempt_endpoints", ())
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
    if request.endpoint and not request.endpoint.endswith("static"):
        # Pages and downloads hold personal data: never kept by browsers or proxies. This replaces what
        # send_file (no-cache) and Flask-Security (a malformed "private=True, no-store=True") would send.
        # Snapshots every phone polls (app/workshops/snapshots.py) hold no personal data and carry an ETag:
        # browsers may keep them and must ask again each time (a 304 when nothing changed).
        headers["Cache-Control"] = "private, no-cache" if g.get("may_revalidate") else "no-store"
    return response


def _error_page(status: int, title: str, message: str):
    if is_api_request():
        return jsonify({"error": message}), status
    return render_template("error.html", status=status, title=title, message=message), status


def register_error_pages(app: Flask) -> None:
    """Answer errors with a clear page in the user's language (JSON under /api/)."""

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return _error_page(400, _p("Formular abgelaufen oder ungültig"),
                           _p("Das Formular konnte nicht geprüft werden. Bitte laden Sie die Seite neu und senden Sie es noch einmal. Es wurde nichts geändert."))

    @app.errorhandler(400)
    def bad_request(error):
        return _error_page(400, _p("Ungültige Anfrage"), _p("Die Anfrage war ungültig. Es wurde nichts geändert."))

    @app.errorhandler(403)
    def forbidden(error):
        return _error_page(403, _p("Keine Berechtigung"),
                           _p("Für diese Seite fehlt Ihnen die Berechtigung. Wenden Sie sich an die Administration, wenn Sie sie brauchen."))

    @app.errorhandler(404)
    def not_found(error):
        return _error_page(404, _p("Seite nicht gefunden"),
                           _p("Diese Seite gibt es nicht (mehr). Prüfen Sie die Adresse oder gehen Sie zur Startseite."))

    @app.errorhandler(413)
    def too_large(error):
        limit_mb = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return _error_page(413, _p("Datei zu groß"),
                           _pn("Die Datei ist zu groß. Erlaubt ist höchstens %(num)s MB. Es wurde nichts geändert.",
                               "Die Datei ist zu groß. Erlaubt sind höchstens %(num)s MB. Es wurde nichts geändert.",
                               limit_mb))

    @app.errorhandler(429)
    def too_many(error):
        return _error_page(429, _p("Zu viele Anfragen"),
                           _p("Zu viele Versuche in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es dann erneut."))

    @app.errorhandler(500)
    def server_error(error):
        return _error_page(500, _p("Fehler"), _p("Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut."))


def register_template_helpers(app: Flask) -> None:
    """Make locale-aware formatting and layout helpers available in every template."""
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""
    app.jinja_env.filters["number"] = lambda value, fmt=None: format_decimal(value, fmt) if value is not None else ""

    app.jinja_env.filters["localized"] = mark_language
    app.jinja_env.filters["lang_attrs"] = language_attributes
    app.jinja_env.filters["isolate"] = isolate
    app.jinja_env.filters["embed"] = embed
    app.jinja_env.globals.update(_p=_p, _pn=_pn, _pc=_pc)

    @app.context_processor
    def layout_context():
        from app.projects.navigation import project_sections

        return {
            "current_language": selection.current_html_lang(),
            "text_direction": selection.current_direction(),
            "is_participant_page": g.get("participant_language") is not None,
            "participant_language": selection.participant_language(),
            "participant_languages": participant_languages(),
            "language_names": language_names(),
            "supported_locales": app.config["SUPPORTED_LOCALES"],
            "project_sections": project_sections,
        }
