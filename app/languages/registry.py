"""The participant languages, read from the catalogs present, and how each is named and written.

A language has a *tag* (``uk``, ``de-x-ls``, ``fa-AF``): the code in URLs (``?lang=``), the
database and exchange files; and a Babel *locale* (``uk``, ``de@ls``, ``fa_AF``): the folder name
of its catalog. Leichte Sprache is the German variant ``de@ls`` (a locale modifier, which Babel and
gettext understand), tagged ``de-x-ls`` (a BCP 47 private-use subtag). German is the source
language of every catalog and needs none.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations, Translations

#: Where the catalogs live: ``<locale>/LC_MESSAGES/{messages,participant}.po``.
CATALOG_DIR = Path(__file__).resolve().parent.parent / "translations"
#: The gettext domain of everything a participant reads (and the few strings staff share with them).
PARTICIPANT_DOMAIN = "participant"
#: Source language of all catalogs.
SOURCE_TAG = "de"
#: Context and message id whose translation is the language's name in itself (the translator writes it).
ENDONYM_CONTEXT, ENDONYM_ID = "endonym", "Deutsch"


@dataclass(frozen=True)
class Language:
    """A language participants can choose."""

    #: Code in URLs, the database and exchange files (BCP 47): "uk", "de-x-ls", "fa-AF".
    tag: str
    #: Babel locale identifier, also the catalog folder: "uk", "de@ls", "fa_AF" (German: "de_DE").
    locale: str
    #: The language's name in itself, as the chooser shows it.
    endonym: str
    #: "ltr" or "rtl", from Babel's locale data.
    direction: str

    @property
    def html_lang(self) -> str:
        """Return the value for HTML ``lang``: the tag without private-use parts (Leichte Sprache is "de")."""
        return self.tag.split("-x-")[0]

    @property
    def is_rtl(self) -> bool:
        """Return whether the language is written right to left."""
        return self.direction == "rtl"


def tag_for_locale(locale: Locale) -> str:
    """Return the tag of a Babel locale: language, script, territory, then ``-x-<modifier>``."""
    parts = [locale.language, locale.script, locale.territory]
    tag = "-".join(p for p in parts if p)
    modifier = getattr(locale, "modifier", None)
    return f"{tag}-x-{modifier}" if modifier else tag


def _endonym(locale: Locale, translations: NullTranslations) -> str:
    named = translations.upgettext(ENDONYM_CONTEXT, ENDONYM_ID)
    if named and named != ENDONYM_ID:
        return named
    name = locale.get_display_name(locale) or str(locale)
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=4)
def _languages_in(directory: str) -> tuple[Language, ...]:
    source = Language(SOURCE_TAG, "de_DE", ENDONYM_ID, "ltr")
    found = []
    folder = Path(directory)
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not (entry / "LC_MESSAGES" / f"{PARTICIPANT_DOMAIN}.po").exists():
            continue
        try:
            locale = Locale.parse(entry.name)
        except (ValueError, UnknownLocaleError):
            continue
        translations = Translations.load(str(folder), [entry.name], PARTICIPANT_DOMAIN)
        found.append(Language(tag_for_locale(locale), entry.name, _endonym(locale, translations),
                              locale.text_direction or "ltr"))
    german = sorted((lang for lang in found if lang.tag.startswith(SOURCE_TAG + "-")), key=lambda lang: lang.tag)
    others = sorted((lang for lang in found if lang.tag.split("-")[0] != SOURCE_TAG), key=lambda lang: lang.tag)
    return (source, *german, *others)


def participant_languages(directory: Path | str | None = None) -> tuple[Language, ...]:
    """Return the participant languages: German first, its variants, then every catalog present by tag."""
    return _languages_in(str(directory or CATALOG_DIR))


def forget_catalogs() -> None:
    """Read the catalog folder again on the next call (after adding a language at runtime or in a test)."""
    _languages_in.cache_clear()


def find_language(tag: str | None) -> Language | None:
    """Return the participant language with this tag (case-insensitive), or None."""
    if not tag:
        return None
    wanted = str(tag).strip().lower().replace("_", "-")
    return next((lang for lang in participant_languages() if lang.tag.lower() == wanted), None)


def language(tag: str | None) -> Language:
    """Return the participant language with this tag, German for an unknown one."""
    return find_language(tag) or participant_languages()[0]


def language_names() -> dict[str, str]:
    """Return {tag: endonym} for every participant language, in chooser order."""
    return {lang.tag: lang.endonym for lang in participant_languages()}


def participant_tags() -> tuple[str, ...]:
    """Return the tags of every participant language."""
    return tuple(lang.tag for lang in participant_languages())
