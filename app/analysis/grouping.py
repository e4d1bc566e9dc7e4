"""Adapter between the app and the NLP library (``app.analysis.nlp``): grouping, labels, suggestions, agreement.

The library works on strings and arrays; this module shapes the app's passages into
what it needs and its results back into plain lists, so services never touch numpy.
Human decisions enter as ``fixed`` cluster numbers (pinned themes) or as excluded
outliers, so a re-run proposes around them and never overwrites them.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from app.analysis.nlp.clustering import EXCLUDED, FREE, cluster_vectors
from app.analysis.nlp.preprocessing import analyse_texts
from app.analysis.nlp.progress import ProgressSpan
from app.analysis.nlp.text_space import SpaceSettings, embed_texts
from app.analysis.nlp.theme_labels import LABEL_SEPARATOR, count_corpus_terms, find_distinctive_terms

__all__ = ["EXCLUDED", "FREE", "Grouping", "group_texts", "suggest_codes", "cohen_kappa", "agreement_verdict"]

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Grouping:
    """Cluster number per text (-1 for excluded texts), words per cluster, and how typical each text is."""

    clusters: list[int]
    keywords: list[list[str]]
    scores: list[float | None]

    @property
    def cluster_count(self) -> int:
        """Return the number of clusters."""
        return len(self.keywords)

    def label(self, cluster: int) -> str:
        """Return a readable label made of the cluster's distinctive words."""
        return LABEL_SEPARATOR.join(self.keywords[cluster]) or f"Thema {cluster + 1}"


def automatic_theme_count(free_texts: int) -> int:
    """Return a sensible number of themes for this many texts (2–12, about sqrt(n/2))."""
    return max(2, min(12, round(math.sqrt(max(free_texts, 1) / 2))))


def _settings_for(count: int) -> SpaceSettings:
    return SpaceSettings(dims=max(2, min(150, count - 1)), neighbours=max(1, min(30, count // 15)))


def _embed(texts: Sequence[str], language: str, span: ProgressSpan):
    analysed = analyse_texts(list(texts), language=language, progress=span.part(0.0, 0.3))
    space = embed_texts(analysed.lemmas, settings=_settings_for(len(texts)), progress=span.part(0.3, 0.7))
    return analysed, space


def group_texts(texts: Sequence[str], *, fixed: Sequence[int] | None = None, theme_count: int | None = None,
                language: str = "de", seed: int = 0, progress: Progress | None = None) -> Grouping:
    """Group texts into themes; ``fixed[i] >= 0`` pins text i to that theme, EXCLUDED keeps it out."""
    span = ProgressSpan(progress)
    n = len(texts)
    fixed_array = np.full(n, FREE) if fixed is None else np.asarray(list(fixed), dtype=int)
    if n == 0:
        return Grouping([], [], [])
    pinned = int(fixed_array.max()) + 1 if (fixed_array >= 0).any() else 0
    free = int((fixed_array == FREE).sum())
    wanted = theme_count or automatic_theme_count(free)
    k = max(pinned, min(wanted, pinned + free)) if free else pinned
    k = max(k, 1)
    analysed, space = _embed(texts, language, span)
    span.report(0.75, "Grouping")
    partition = cluster_vectors(space.vectors, k, fixed=fixed_array, seed=seed)
    labels = partition.labels
    span.report(0.9, "Naming themes")
    corpus_counts = count_corpus_terms(analysed)
    keywords = []
    for cluster in range(k):
        members = np.flatnonzero(labels == cluster).tolist()
        keywords.append(find_distinctive_terms(analysed, members, corpus_counts, n, language=language)
                        if members else [])
    scores: list[float | None] = []
    for index, cluster in enumerate(labels.tolist()):
        scores.append(float(space.plain[index] @ partition.centroids[cluster]) if cluster >= 0 else None)
    span.report(1.0, "Done")
    return Grouping([int(c) for c in labels.tolist()], keywords, scores)


@dataclass(frozen=True)
class Suggestion:
    """A code that probably fits a text, with the model's confidence (0–1)."""

    index: int
    code: int
    confidence: float


def suggest_codes(texts: Sequence[str], labels: dict[int, set[int]], codes: Sequence[int], *,
                  negatives: dict[int, set[int]] | None = None, language: str = "de", minimum: float = 0.3,
                  progress: Progress | None = None) -> tuple[list[Suggestion], dict[int, float]]:
    """Suggest codes for uncoded texts from the coded ones.

    ``labels`` maps text index -> codes people gave it (the coded texts); ``negatives`` maps
    text index -> codes people rejected. Returns suggestions with confidence >= ``minimum``
    and, per uncoded text, its uncertainty (0 = sure, 1 = a coin toss) for the code-next queue.
    """
    from sklearn.linear_model import LogisticRegression

    span = ProgressSpan(progress)
    negatives = negatives or {}
    n = len(texts)
    if n == 0 or not labels:
        return [], {}
    _, space = _embed(texts, language, span)
    vectors = space.plain
    uncoded = [i for i in range(n) if i not in labels]
    suggestions: list[Suggestion] = []
    uncertainty = {i: 0.0 for i in uncoded}
    for position, code in enumerate(codes):
        positive = [i for i, given in labels.items() if code in given]
        negative = [i for i, given in labels.items() if code not in given]
        negative += [i for i, rejected in negatives.items() if code in rejected and i not in labels]
        if len(positive) < 2 or len(negative) < 2 or not uncoded:
            continue
        model = LogisticRegression(class_weight="balanced", max_iter=1000)
        model.fit(vectors[positive + negative], [1] * len(positive) + [0] * len(negative))
        probabilities = model.predict_proba(vectors[uncoded])[:, 1]
        for index, probability in zip(uncoded, probabilities.tolist(), strict=True):
            uncertainty[index] = max(uncertainty[index], 1.0 - abs(2 * probability - 1))
            if probability >= minimum and code not in negatives.get(index, set()):
                suggestions.append(Suggestion(index, code, round(float(probability), 4)))
        span.report(0.7 + 0.3 * (position + 1) / max(len(codes), 1), "Suggesting codes")
    return suggestions, uncertainty


def cohen_kappa(first: Sequence[int], second: Sequence[int]) -> float | None:
    """Return Cohen's kappa of two coders' yes/no decisions, or None when it is undefined."""
    n = len(first)
    if n == 0 or n != len(second):
        return None
    observed = sum(1 for a, b in zip(first, second, strict=True) if a == b) / n
    p_first, p_second = sum(first) / n, sum(second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    if expected >= 1.0:
        return 1.0 if observed == 1.0 else None
    return (observed - expected) / (1 - expected)


#: Verdict thresholds after Landis & Koch (1977).
KAPPA_VERDICTS = ((0.0, "poor"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial"),
                  (1.01, "almost_perfect"))


def agreement_verdict(kappa: float | None) -> str:
    """Return the verdict key for a kappa value (poor … almost_perfect, or undefined)."""
    if kappa is None:
        return "undefined"
    for upper, verdict in KAPPA_VERDICTS:
        if kappa < upper or (upper == 0.0 and kappa <= 0):
            return verdict
    return "almost_perfect"
