"""Tell which language an answer is written in (ISO 639-1 codes such as "de", "tr", "ar", "uk").

Uses lingua-language-detector, whose models ship inside the package, restricted
to the languages people in German municipalities write in most (the large
migrant communities plus the neighbouring languages they are confused with) and
in its low-accuracy mode: 64 MB and about 2 ms per answer, against 690 MB and a
5 s start for all models preloaded, with every answer of the multilingual dev set
(`bench/data/multilingual-residents.csv`) still right. Very short answers
("Danke", "ok") cannot be told apart reliably by any detector: below a few
words, or when the detector is unsure, the caller's hint wins (the language the
participant chose for the survey, else the analysis language).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

#: Languages the detector chooses among (lingua names); answers in others get the nearest of these or the hint.
DETECTED_LANGUAGES = (
    "GERMAN", "ENGLISH", "TURKISH", "ARABIC", "UKRAINIAN", "RUSSIAN", "POLISH", "ROMANIAN", "BULGARIAN", "PERSIAN",
    "ITALIAN", "GREEK", "CROATIAN", "SERBIAN", "BOSNIAN", "ALBANIAN", "SPANISH", "FRENCH", "PORTUGUESE", "SOMALI",
    "VIETNAMESE", "DUTCH", "HUNGARIAN", "CZECH",
)
#: Below this many words the hint wins unless the detector is very sure.
MIN_WORDS = 3
#: Detector confidence (0-1) needed to overrule the hint.
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTED_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str, hint: str | None = None) -> str:
    """Return the ISO 639-1 code of the text's language, or `hint` (else "und") when it cannot be told."""
    fallback = hint or "und"
    words = len(text.split())
    if words == 0:
        return fallback
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return fallback
    best = values[0]
    needed = MIN_CONFIDENCE if words >= MIN_WORDS else 0.9
    if best.value < needed:
        return fallback
    return best.language.iso_code_639_1.name.lower()


def detect_languages(texts: Sequence[str], hints: Sequence[str | None] | None = None) -> list[str]:
    """Return the language of each text (see `detect_language`)."""
    hints = list(hints) if hints is not None else [None] * len(texts)
    return [detect_language(text, hint) for text, hint in zip(texts, hints, strict=True)]
