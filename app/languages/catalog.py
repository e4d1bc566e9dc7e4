"""Gettext for participant strings: the ``participant`` domain (German source, every participant language).

Use ``_p`` (and ``_pn`` for numbers, ``_pl``/``_pnl`` lazily, ``_pc`` with a context) for every string a
participant reads, and for strings shared with staff (footer, skip link, error pages). Staff-only
strings keep using ``_``/``_l`` (the ``messages`` domain, German and English). ``make translations``
extracts the two domains separately by these names.
"""
from __future__ import annotations

from flask_babel import Domain, force_locale

from app.languages.registry import CATALOG_DIR, PARTICIPANT_DOMAIN, Language

participant_domain = Domain(translation_directories=[str(CATALOG_DIR)], domain=PARTICIPANT_DOMAIN)


def _p(string: str, **variables) -> str:
    """Translate a participant string into the request's language."""
    return participant_domain.gettext(string, **variables)


def _pn(singular: str, plural: str, num: int, **variables) -> str:
    """Translate a participant string that shows a number (``%(num)s``), with the language's plural forms."""
    return participant_domain.ngettext(singular, plural, num, **variables)


def _pc(context: str, string: str, **variables) -> str:
    """Translate a participant string whose meaning needs a context."""
    return participant_domain.pgettext(context, string, **variables)


def _pl(string: str, **variables):
    """Translate a participant string lazily (module level, error messages raised before the locale is known)."""
    return participant_domain.lazy_gettext(string, **variables)


def _pnl(singular: str, plural: str, num: int, **variables):
    """Translate a participant string with a number lazily."""
    return participant_domain.lazy_ngettext(singular, plural, num, **variables)


def in_languages(languages: list[Language], render) -> list[tuple[Language, str]]:
    """Return ``render(language)`` evaluated in each language in turn (join instructions in several at once)."""
    shown = []
    for lang in languages:
        with force_locale(lang.locale):
            shown.append((lang, render(lang)))
    return shown


def own_language_name() -> str:
    """Return the name of the request's language in itself (what the chooser shows for it)."""
    # Translators: not the word "German": the name of YOUR language, written in it (e.g. "Türkçe", "العربية").
    return _pc("endonym", "Deutsch")
