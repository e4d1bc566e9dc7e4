"""The language of each request: participants choose theirs, staff work in German or English.

Participant pages (the blueprints passed to ``serve_participants``) use, in this order: ``?lang=``
(remembered in the session), the remembered choice, the browser's Accept-Language on a first
visit, German. A page may then settle on a stored choice (``use_participant_language``), e.g. the
language a respondent picked on another device. Staff pages use the session's ``locale`` (de/en).
"""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, g, has_request_context, request, session
from flask_babel import get_locale, refresh

from app.languages.registry import Language, find_language, language, participant_tags

#: Session key of the participant's remembered language.
SESSION_KEY = "participant_language"
#: Staff interface languages and their Babel locales (German as de_DE so Flask-Security's catalog is found).
STAFF_LOCALES = {"de": "de_DE", "en": "en"}

_participant_blueprints: set[str] = set()
_participant_prefixes: set[str] = set()


def serve_participants(bp: Blueprint) -> None:
    """Declare a blueprint participant-facing: its pages (and errors under its URL prefix) use the participant's language."""
    _participant_blueprints.add(bp.name)
    if bp.url_prefix:
        _participant_prefixes.add(bp.url_prefix.rstrip("/") + "/")


def is_participant_request() -> bool:
    """Return whether the request serves a participant page (also for unknown addresses under its prefix)."""
    if request.blueprint in _participant_blueprints:
        return True
    path = request.path if request.path.endswith("/") else request.path + "/"
    return any(path.startswith(prefix) for prefix in _participant_prefixes)


def requested_language() -> Language | None:
    """Return the language asked for on this request (``?lang=`` or a form's ``lang``), if it is offered."""
    return find_language(request.args.get("lang") or (request.form.get("lang") if request.method == "POST" else None))


def remembered_language() -> Language | None:
    """Return the language this browser chose explicitly at some point (``?lang=`` or the chooser), if any."""
    return find_language(session.get(SESSION_KEY))


def _browser_language() -> Language | None:
    best = request.accept_languages.best_match(participant_tags())
    return find_language(best) if best else None


def use_participant_language(lang: Language) -> None:
    """Show the rest of this request in ``lang``."""
    g.participant_language = lang
    g.locale_override = lang.locale
    refresh()


def choose_participant_language() -> None:
    """Settle the language of a participant request (before_request); ignore staff requests."""
    if not is_participant_request():
        return
    chosen = requested_language()
    if chosen is not None:
        session[SESSION_KEY] = chosen.tag
    else:
        chosen = remembered_language() or _browser_language() or language(None)
    use_participant_language(chosen)


def participant_language() -> Language:
    """Return the language of the current participant page (German outside one)."""
    return g.get("participant_language") or language(None)


def select_locale() -> str:
    """Return the Babel locale of the request: a participant's language, else the staff choice, else German."""
    default = STAFF_LOCALES[current_app.config["BABEL_DEFAULT_LOCALE"]]
    if not has_request_context():
        return default
    forced = g.get("locale_override")
    if forced:
        return forced
    chosen = session.get("locale")
    if chosen in current_app.config["SUPPORTED_LOCALES"]:
        return STAFF_LOCALES.get(chosen, chosen)
    return default


def current_html_lang() -> str:
    """Return the page's ``lang`` attribute: the participant language's, else the staff locale's language."""
    if g.get("participant_language") is not None:
        return g.participant_language.html_lang
    return get_locale().language


def current_direction() -> str:
    """Return ``rtl`` or ``ltr`` for the page, from Babel's locale data."""
    try:
        return get_locale().text_direction
    except (AttributeError, ValueError, TypeError):
        return "ltr"


def init_app(app: Flask) -> None:
    """Choose the participant language before any other hook can read the locale."""
    app.before_request_funcs.setdefault(None, []).insert(0, choose_participant_language)
