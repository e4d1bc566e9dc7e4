"""Turn raw answers into lemma sequences and passages, for German and English.

Uses a blank spaCy pipeline (tokenizer only) plus the lookup lemma tables from
spacy-lookups-data: fast, fully local, no trained model needed. Gendered forms
such as "Bürger*innen" are reduced to a readable base form first, so that
"Bürger*innen", "BürgerInnen" and "Bürger" count as one word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import spacy
import srsly
from spacy.language import Language

from app.analysis.nlp.progress import ProgressSpan

SUPPORTED_LANGUAGES = ("de", "en")

# A gender marker (*, :, _, /, /-, ·) or a Binnen-I between a stem and "in"/"innen".
_MARKED_FORM = re.compile(r"\b(\w+)(?:[*:_·]|/-?)(innen|in|Innen|In)\b")
_BINNEN_I = re.compile(r"\b(\w*[a-zäöüß])(In|Innen)\b")
_PARENTHESISED = re.compile(r"\b(\w+)\((innen|in)\)")
_PAIR_FORM = re.compile(r"\b(\w+)innen (?:und|oder|bzw\.|&) (\1(?:en|e|n)?)\b")
_FEMININE_ONLY_STEMS = ("Kaufleut",)

_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"'»«“”)]*\s+|\n\s*")
_NO_BREAK_BEFORE = re.compile(r"(?:\b\w{1,3}|\d+)[.]+\s+$")


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def load_pipeline(language: str) -> Language:
    """Return the cached blank spaCy pipeline with a lookup lemmatizer for a language."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"Unsupported language {language!r}; choose one of {', '.join(SUPPORTED_LANGUAGES)}.")
    nlp = spacy.blank(language)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def _tokenizer_pipeline(language: str) -> Language:
    """A blank pipeline used only for its tokenizer and stop words (no lookup tables loaded)."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"Unsupported language {language!r}; choose one of {', '.join(SUPPORTED_LANGUAGES)}.")
    return spacy.blank(language)


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def _lemma_lookup(language: str) -> dict[str, str]:
    """The spacy-lookups-data lemma table as a plain dict (loading it into a spaCy Table takes ~3x longer)."""
    path = resources.files("spacy_lookups_data") / "data" / f"{language}_lemma_lookup.json.gz"
    with resources.as_file(path) as file:
        return srsly.read_gzip_json(file)


def _plural_base(stem: str) -> str:
    if stem.endswith(("er", "el", "en")) or stem.startswith(_FEMININE_ONLY_STEMS):
        return stem
    if stem.endswith("e"):
        return stem + "n"
    return stem + "en"


def _gendered_base(stem: str, ending: str) -> str:
    return _plural_base(stem) if ending.lower() == "innen" else stem


# Cheap pre-check: every gendered spelling above contains one of these, most texts contain none.
_MAY_BE_GENDERED = re.compile(r"[*:_·/(]-?[iI]n|[a-zäöüß]In|innen ")


def normalise_gendered_forms(text: str) -> str:
    """Replace gender-inclusive spellings ("Bürger*innen", "BürgerInnen") with a readable base form."""
    if not _MAY_BE_GENDERED.search(text):
        return text
    text = _PAIR_FORM.sub(lambda m: m.group(2), text)
    text = _MARKED_FORM.sub(lambda m: _gendered_base(m.group(1), m.group(2)), text)
    text = _PARENTHESISED.sub(lambda m: _gendered_base(m.group(1), m.group(2)), text)
    return _BINNEN_I.sub(lambda m: _gendered_base(m.group(1), m.group(2)), text)


@dataclass(frozen=True)
class Passage:
    """A contiguous part of one answer; start/end are character offsets into the original answer."""

    answer_id: str
    start: int
    end: int
    text: str


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if _NO_BREAK_BEFORE.search(text[: match.end()]) and "\n" not in match.group():
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def segment_answer(answer_id: str, text: str, min_chars: int = 200) -> list[Passage]:
    """Split a long answer at sentence boundaries into passages of at least `min_chars` characters."""
    stripped_start = len(text) - len(text.lstrip())
    stripped_end = len(text.rstrip())
    if stripped_end - stripped_start < 2 * min_chars:
        return [Passage(answer_id, stripped_start, stripped_end, text[stripped_start:stripped_end])]
    groups: list[list[int]] = []
    for start, end in _sentence_spans(text):
        if groups and groups[-1][1] - groups[-1][0] < min_chars:
            groups[-1][1] = end
        else:
            groups.append([start, end])
    if len(groups) > 1 and groups[-1][1] - groups[-1][0] < min_chars:
        last_end = groups.pop()[1]
        groups[-1][1] = last_end
    return [Passage(answer_id, start, end, text[start:end]) for start, end in groups]


@dataclass
class AnalysedTexts:
    """Content-word lemmas per text plus, per lemma, the surface forms people wrote."""

    lemmas: list[list[str]]
    surface_forms: dict[str, Counter[str]] = field(default_factory=dict)

    def display_form(self, lemma: str) -> str:
        """Return the lemma as a person would write it (e.g. capitalised German nouns)."""
        forms = self.surface_forms.get(lemma)
        if not forms:
            return lemma
        return forms.most_common(1)[0][0]


@dataclass(frozen=True)
class _TokenEntry:
    lemma: str
    canonical: str
    is_content: bool


class _TokenTable:
    """Memo of token text -> lemma, so each distinct word form is looked up once."""

    def __init__(self, lookup: dict[str, str], stop_words: set[str], extra_stop_words: frozenset[str]) -> None:
        self._lookup = lookup
        self._stop_words = {w.lower() for w in stop_words} | {w.lower() for w in extra_stop_words}
        self._entries: dict[str, _TokenEntry] = {}

    def _lemmatise_part(self, part: str) -> str:
        lemma = self._lookup.get(part)
        if lemma is None and part[:1].isupper():
            lowered = self._lookup.get(part.lower())
            lemma = lowered if lowered is not None else part
        return lemma or part

    def entry(self, text: str) -> _TokenEntry:
        entry = self._entries.get(text)
        if entry is not None:
            return entry
        parts = text.split("-")
        is_word = all(p.isalpha() for p in parts) and len(text.replace("-", "")) > 1
        if is_word:
            canonical = "-".join(parts[:-1] + [self._lemmatise_part(parts[-1])])
            lemma = canonical.lower()
            is_content = lemma not in self._stop_words and text.lower() not in self._stop_words
        else:
            canonical, lemma, is_content = text, text.lower(), False
        entry = _TokenEntry(lemma, canonical, is_content)
        self._entries[text] = entry
        return entry


_SENTENCE_FINAL = frozenset(".!?…:;\n")


def analyse_texts(
    texts: Sequence[str],
    language: str = "de",
    extra_stop_words: frozenset[str] = frozenset(),
    progress: ProgressSpan | None = None,
    batch_size: int = 1000,
) -> AnalysedTexts:
    """Lemmatise texts into content-word lemmas and record how each lemma is written."""
    nlp = _tokenizer_pipeline(language)
    table = _TokenTable(_lemma_lookup(language), nlp.Defaults.stop_words, extra_stop_words)
    prepared = (
        normalise_gendered_forms(unicodedata.normalize("NFC", t)) if language == "de" else unicodedata.normalize("NFC", t)
        for t in texts
    )
    lemmas: list[list[str]] = []
    surface_forms: dict[str, Counter[str]] = {}
    total = max(len(texts), 1)
    entry_of = table.entry
    # The tokenizer alone (no Doc pipeline) and plain dict look-ups keep this at tens of µs per text.
    for index, doc in enumerate(nlp.tokenizer.pipe(prepared, batch_size=batch_size)):
        at_sentence_start = True
        row: list[str] = []
        for text in [token.text for token in doc]:
            entry = entry_of(text)
            if entry.is_content:
                row.append(entry.lemma)
                forms = surface_forms.get(entry.lemma)
                if forms is None:
                    forms = surface_forms[entry.lemma] = Counter()
                # A sentence-initial capital says little about how a word is written: count it less.
                forms[entry.canonical] += 1 if at_sentence_start else 2
            at_sentence_start = text in _SENTENCE_FINAL or (text.isspace() and "\n" in text)
        lemmas.append(row)
        if progress is not None and index % 2000 == 0:
            progress.report(index / total, "Preparing texts")
    if progress is not None:
        progress.report(1.0, "Preparing texts")
    return AnalysedTexts(lemmas, surface_forms)
