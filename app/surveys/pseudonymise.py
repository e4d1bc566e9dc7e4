"""Pseudonymise a transcript while importing: find names, places and organisations and replace them.

Candidates come from three places: the project's own list ("Baumberg = [Ort]"), the respondent's
own name (typed at the import, never stored), and capitalised words in the middle of a sentence that
are no common German word (or follow "Frau"/"Herr"). Staff tick the ones to replace in the preview;
each becomes a placeholder such as "[Name 1]" or "[Ort]" everywhere in the transcript.

Pure functions: texts in, candidates and replaced texts out.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

PROJECT, RESPONDENT, CAPITALISED = "project", "respondent", "capitalised"
#: Longest list of project terms kept.
MAX_TERMS = 500

_WORD = re.compile(r"(?<![\w\[])([A-ZÄÖÜ][\w'’-]*\w)")
_TITLES = {"Frau", "Herr", "Herrn", "Dr", "Prof", "Familie"}
#: Capitalised words that are never names (pronouns of address, sentence words, fillers).
_NEVER = {"Sie", "Ihr", "Ihre", "Ihnen", "Ihren", "Ihrem", "Ihrer", "Ja", "Nein", "Also", "Und", "Aber", "Okay",
          "Mhm", "Genau", "Interview", "Interviewer", "Interviewerin", "Datum", "Dauer", "Anwesend", "Befragte",
          "Befragter", "Transkript", "Stadt", "Frau", "Herr", "Herrn"}


@dataclass
class Candidate:
    """A term that may identify someone, where it came from, how often it occurs, and its placeholder."""

    term: str
    placeholder: str
    source: str
    count: int = 0

    @property
    def is_proposed(self) -> bool:
        """Return whether the preview ticks it from the start (project list and the respondent's own name)."""
        return self.source in (PROJECT, RESPONDENT)


def parse_terms(text: str) -> list[tuple[str, str]]:
    """Read the project's list: one term a line, optionally "term = [Placeholder]"; blank placeholder: [Name]."""
    terms: list[tuple[str, str]] = []
    seen = set()
    for line in (text or "").splitlines():
        term, _sep, placeholder = line.partition("=")
        term, placeholder = term.strip(), placeholder.strip()
        if len(term) < 2 or term.casefold() in seen:
            continue
        seen.add(term.casefold())
        if placeholder and not placeholder.startswith("["):
            placeholder = f"[{placeholder.strip('[]')}]"
        terms.append((term[:120], (placeholder or "[Name]")[:60]))
        if len(terms) >= MAX_TERMS:
            break
    return terms


def format_terms(terms: list[tuple[str, str]]) -> str:
    """Write a list of terms back as text, one "term = [Placeholder]" a line."""
    return "\n".join(f"{term} = {placeholder}" for term, placeholder in terms)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """German words and their forms (the lemma table the analysis uses); empty when it cannot be loaded."""
    try:
        from app.analysis.nlp.preprocessing import _lemma_lookup

        table = _lemma_lookup("de")
    except Exception:  # the table is an optional speed-up of the guess, never a requirement
        return frozenset()
    return frozenset(table) | frozenset(table.values())


def _occurrences(texts: list[str], term: str) -> int:
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
    return sum(len(pattern.findall(text)) for text in texts)


def find_candidates(texts: list[str], *, project_terms: list[tuple[str, str]] = (), own_name: str = "",
                    ignore: set[str] | frozenset[str] = frozenset()) -> list[Candidate]:
    """Return the candidates found in the texts: project terms, the respondent's name, then capitalised words."""
    candidates: dict[str, Candidate] = {}
    numbers = {"next": 1}

    def name_placeholder() -> str:
        placeholder = f"[Name {numbers['next']}]"
        numbers["next"] += 1
        return placeholder

    own_parts = [own_name.strip()] + [part for part in own_name.split() if len(part) >= 3] if own_name.strip() else []
    if own_parts:
        placeholder = name_placeholder()
        for part in dict.fromkeys(own_parts):
            count = _occurrences(texts, part)
            if count:
                candidates[part] = Candidate(part, placeholder, RESPONDENT, count)
    for term, placeholder in project_terms:
        count = _occurrences(texts, term)
        if count and term not in candidates:
            candidates[term] = Candidate(term, placeholder, PROJECT, count)
    common = _common_words()
    found: Counter[str] = Counter()
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group(1)
            before = text[:match.start()].rstrip()
            previous = before.split()[-1].rstrip(".") if before.split() else ""
            titled = previous in _TITLES
            sentence_start = not before or before[-1] in ".!?:;…\"„“»(-–"
            if word in _NEVER or word in ignore or len(word) < 3:
                continue
            if titled or (not sentence_start and word not in common):
                found[word] += 1
    for word, count in found.most_common():
        if any(word in c.term.split() for c in candidates.values()):
            continue
        candidates[word] = Candidate(word, name_placeholder(), CAPITALISED, count)
    return list(candidates.values())


def replace_terms(text: str, replacements: dict[str, str]) -> str:
    """Replace every whole-word occurrence of each term (longest first) by its placeholder."""
    if not replacements or not text:
        return text
    terms = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")
    return pattern.sub(lambda m: replacements[m.group(1)], text)
