"""How to join a workshop, in several languages at once (projector and printed code cards)."""
from __future__ import annotations

from app.languages.catalog import _p, in_languages
from app.languages.registry import Language, find_language, language


def join_languages(workshop) -> list[Language]:
    """Return the languages the workshop shows its join instructions in (German first, unknown tags skipped)."""
    chosen = [find_language(tag) for tag in (workshop.languages or [])]
    shown = [lang for lang in chosen if lang is not None]
    return shown or [language("de")]


def join_instructions(workshop, url: str) -> list[tuple[Language, str]]:
    """Return (language, sentence) pairs telling the room how to join, one per join language."""

    def sentence(_lang: Language) -> str:
        # Isolates keep the address and code left to right inside right-to-left sentences.
        return _p("Mitmachen auf dem Handy: QR-Code scannen oder %(url)s öffnen und den Code %(code)s eingeben.",
                  url="\u2068" + url + "\u2069", code="\u2068" + workshop.join_code + "\u2069")

    return in_languages(join_languages(workshop), sentence)


def personal_code_instructions(workshop) -> list[tuple[Language, str]]:
    """Return (language, sentence) pairs explaining the personal code on a printed card."""
    return in_languages(join_languages(workshop), lambda _lang: _p(
        "Ihr persönlicher Code gilt für eine Person. Geben Sie ihn nach dem Teilnahme-Code ein."))
