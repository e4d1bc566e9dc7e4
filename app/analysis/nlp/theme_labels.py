"""Name themes by their most distinctive words, written as people write them.

A word is distinctive for a theme when it is frequent there and rare
elsewhere (its share of the theme times the log of how much more often it
appears there than overall). German nouns carry the topic, so capitalised
forms are preferred for German.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from app.analysis.nlp.preprocessing import AnalysedTexts

LABEL_SEPARATOR = " / "


def find_distinctive_terms(
    analysed: AnalysedTexts, members: Sequence[int], corpus_counts: Counter[str], corpus_size: int, count: int = 3,
    language: str = "de", min_count: int | None = None,
) -> list[str]:
    """Return up to `count` readable words that set these texts apart from the rest.

    A word must occur in at least `min_count` of the texts (default: 2, or 3 % of a large theme).
    """
    theme_counts: Counter[str] = Counter()
    for index in members:
        theme_counts.update(set(analysed.lemmas[index]))
    size = max(len(members), 1)
    minimum = min_count if min_count is not None else (max(2, int(np.ceil(0.03 * size))) if size >= 2 else 1)
    scored: list[tuple[float, str]] = []
    for lemma, in_theme in theme_counts.items():
        if in_theme < minimum:
            continue
        share = in_theme / size
        overall = corpus_counts[lemma] / corpus_size
        score = share * np.log(share / overall) if overall > 0 else share
        display = analysed.display_form(lemma)
        if language == "de" and display[:1].isupper():
            score *= 2.0
        scored.append((score, display))
    scored.sort(key=lambda item: (-item[0], item[1]))
    terms: list[str] = []
    for score, display in scored:
        if score <= 0 or any(display.lower() == t.lower() for t in terms):
            continue
        terms.append(display)
        if len(terms) == count:
            break
    return terms


def count_corpus_terms(analysed: AnalysedTexts) -> Counter[str]:
    """Count in how many texts each lemma occurs."""
    counts: Counter[str] = Counter()
    for lemmas in analysed.lemmas:
        counts.update(set(lemmas))
    return counts
