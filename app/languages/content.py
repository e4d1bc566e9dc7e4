"""Content staff typed in several languages: the participant's language where it exists, German otherwise.

Models keep translations as ``{tag: {field: text}}`` beside the German original; ``translated``
picks one and returns a ``Localized`` string that remembers its language, so a page can mark a
German fallback with ``lang="de"`` and isolate its direction (the ``localized`` template filter).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from app.languages.registry import language as find


class Localized(str):
    """A text in a known language (``lang``), asked for in ``requested``; behaves as a plain string."""

    lang: str
    requested: str

    def __new__(cls, text: str, lang: str, requested: str | None = None):
        value = super().__new__(cls, text or "")
        value.lang = lang
        value.requested = requested or lang
        return value

    @property
    def is_fallback(self) -> bool:
        """Return whether the text is not in the language asked for (German shown instead)."""
        return self.lang != self.requested


def translated(translations: dict | None, language: str, field: str, original: str, source: str = "de") -> Localized:
    """Return ``field`` in ``language`` from ``{tag: {field: text}}``, else the German ``original``."""
    text = ((translations or {}).get(language) or {}).get(field) if language != source else None
    if text:
        return Localized(text, language, language)
    return Localized(original or "", source, language)


def set_translation(translations: dict | None, language: str, field: str, text: str) -> dict:
    """Return a copy of ``translations`` with ``field`` in ``language`` set (removed when ``text`` is blank)."""
    result = {tag: dict(fields) for tag, fields in (translations or {}).items()}
    text = (text or "").strip()
    entry = result.setdefault(language, {})
    if text:
        entry[field] = text
    else:
        entry.pop(field, None)
    if not entry:
        result.pop(language)
    return result


def mark_language(value, truncate: int | None = None) -> Markup:
    """Render content; a text shown in another language than asked gets ``lang`` and ``dir`` of its own."""
    text = str(value if value is not None else "")
    if truncate and len(text) > truncate:
        text = text[: truncate - 1].rstrip() + "…"
    attributes = language_attributes(value)
    if attributes:
        return Markup("<span{}>{}</span>").format(attributes, text)
    return escape(text)


def language_attributes(value) -> Markup:
    """Return `` lang=".." dir=".."`` for a German fallback (for elements that take no markup, like ``<option>``)."""
    if isinstance(value, Localized) and value.is_fallback:
        own, asked = find(value.lang), find(value.requested)
        if own.html_lang != asked.html_lang or own.direction != asked.direction:
            return Markup(' lang="{}" dir="{}"').format(own.html_lang, own.direction)
    return Markup("")


def embed(value) -> str:
    """Return text for use inside a sentence of the page's language (or an attribute): a German fallback
    is wrapped in Unicode isolates, so its direction and punctuation stay its own."""
    text = str(value if value is not None else "")
    if isinstance(value, Localized) and value.is_fallback and find(value.lang).direction != find(value.requested).direction:
        return "\u2068" + text + "\u2069"
    return text


def isolate(value) -> Markup:
    """Render text of unknown language and direction (typed by a participant or staff) isolated with ``<bdi>``."""
    return Markup("<bdi>{}</bdi>").format(str(value if value is not None else ""))
