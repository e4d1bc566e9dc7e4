"""Adapter between the app and the NLP library (``app.analysis.nlp``): grouping, suggestions, agreement.

The app splits answers into passages itself (offsets are stored, so codings map
back onto answers and into REFI-QDA exports) and hands the library one text per
passage with the passage id as answer id. Human decisions go in as
``HumanDecisions`` (passages people put into a theme, or marked as fitting none),
so a re-run proposes around them and never overwrites them. Small inputs get a
smaller vector space than the library's defaults, which are tuned for large surveys.
"""
from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sklearn.exceptions import ConvergenceWarning

from app.analysis.nlp.coding import (CodedAnswer, SuggestionConfig, UncodedAnswer, pick_answers_to_code,
                                     report_agreement)
from app.analysis.nlp.coding import suggest_codes as nlp_suggest_codes
from app.analysis.nlp.text_space import SpaceSettings, settings_for
from app.analysis.nlp.theme_labels import LABEL_SEPARATOR
from app.analysis.nlp.themes import NO_THEME, HumanDecisions, HumanTheme, ThemeConfig, group_answers

Progress = Callable[[float, str], None]

#: Marks a passage people decided fits no theme (``fixed`` value).
EXCLUDED = -2
#: Marks a passage the grouping may place anywhere (``fixed`` value).
FREE = -1
#: Passages shorter than twice this stay whole (the library's default).
PASSAGE_MIN_CHARS = ThemeConfig().passage_min_chars


@dataclass(frozen=True)
class Grouping:
    """Theme number per text (-1: fits no theme), words per theme, and how typical each text is."""

    clusters: list[int]
    keywords: list[list[str]]
    scores: list[float | None]
    vector_source: str = "words"  #: "words", "meaning" or "meaning+words" (see nlp.themes.VECTOR_SOURCES)

    @property
    def cluster_count(self) -> int:
        """Return the number of themes."""
        return len(self.keywords)

    def label(self, cluster: int) -> str:
        """Return a readable label made of the theme's distinctive words."""
        return LABEL_SEPARATOR.join(self.keywords[cluster]) or f"Thema {cluster + 1}"


def space_for(texts: Sequence[str]) -> SpaceSettings:
    """Return vector-space settings that suit these texts (the library's data-driven rule)."""
    return settings_for(texts)


def _with_smaller_space(run, settings: SpaceSettings):
    """Run ``run(settings)``; if the text matrix has a lower rank than asked, retry with fewer dimensions."""
    for _attempt in range(4):
        try:
            return run(settings)
        except ValueError as error:
            if "broadcast" not in str(error) or settings.dims <= 1:
                raise
            settings = replace(settings, dims=max(1, settings.dims // 2))
    return run(settings)


def group_texts(texts: Sequence[str], *, fixed: Sequence[int] | None = None, theme_count: int | None = None,
                language: str = "de", seed: int = 0, progress: Progress | None = None,
                embeddings=None, languages: Sequence[str] | None = None) -> Grouping:
    """Group texts into themes; ``fixed[i] >= 0`` pins text i to human theme ``fixed[i]``, EXCLUDED keeps it out.

    Human themes must be numbered 0..h-1 and each must hold at least one text; they keep
    their numbers in the result. ``embeddings`` (one stored sentence vector per text, zero rows
    where missing) and ``languages`` (one code per text, "" where unknown) let answers in
    different languages meet; without them texts are grouped by their words.
    """
    n = len(texts)
    if n == 0:
        return Grouping([], [], [])
    fixed = list(fixed) if fixed is not None else [FREE] * n
    ids = [str(i) for i in range(n)]
    human_count = max(fixed, default=-1) + 1
    decisions = HumanDecisions(
        themes=tuple(HumanTheme(str(number), f"#{number}", tuple(ids[i] for i in range(n) if fixed[i] == number))
                     for number in range(human_count)),
        no_theme_answer_ids=tuple(ids[i] for i in range(n) if fixed[i] == EXCLUDED))
    config = ThemeConfig(language=language, k=theme_count, seed=seed, segment_passages=False)
    if languages is not None:
        languages = [code or language for code in languages]
    result = _with_smaller_space(
        lambda space: group_answers(list(texts), ids, replace(config, space=space), decisions, progress,
                                    embeddings=embeddings, languages=languages),
        space_for(texts))
    clusters = [NO_THEME] * n
    scores: list[float | None] = [None] * n
    for item in result.passages:
        index = int(item.passage.answer_id)
        clusters[index] = item.theme
        scores[index] = float(item.similarity) if item.theme != NO_THEME else None
    count = max([t.number for t in result.themes if t.number != NO_THEME], default=-1) + 1
    keywords: list[list[str]] = [[] for _ in range(count)]
    for theme in result.themes:
        if theme.number != NO_THEME:
            keywords[theme.number] = list(theme.terms)
    return Grouping([c if c != NO_THEME else -1 for c in clusters], keywords, scores, result.vector_source)


@dataclass(frozen=True)
class Suggestion:
    """A code that probably fits a text, with the model's confidence (0–1)."""

    index: int
    code: int
    confidence: float


@dataclass(frozen=True)
class SuggestionRun:
    """Suggestions, the texts worth coding next (most useful first), and how far suggestions can be trusted."""

    suggestions: list[Suggestion]
    queue: list[int]
    kappa: float | None
    verdict: str
    is_trustworthy: bool
    coded_count: int


def suggest_codes(texts: Sequence[str], labels: dict[int, list[int]], *, language: str = "de",
                  minimum: float = 0.3, queue_length: int = 50, progress: Progress | None = None,
                  embeddings=None, languages: Sequence[str] | None = None) -> SuggestionRun:
    """Suggest codes for the uncoded texts from the coded ones (``labels``: text index -> codes, main first).

    Needs at least two different codes among the coded texts; otherwise nothing is suggested
    and the queue starts with texts typical of each region of the answers. A code with a single
    coded text is suggested too. ``embeddings``/``languages`` (per text) join the word features.
    """
    coded_indexes = [i for i in sorted(labels) if labels[i]]
    uncoded_indexes = [i for i in range(len(texts)) if i not in labels or not labels[i]]
    order = coded_indexes + uncoded_indexes
    extra = {}
    if embeddings is not None:
        extra["embeddings"] = embeddings[order]
        extra["languages"] = [(languages[i] if languages is not None else "") or language for i in order]
    coded = [CodedAnswer(str(i), texts[i], tuple(str(c) for c in labels[i])) for i in coded_indexes]
    uncoded = [UncodedAnswer(str(i), texts[i]) for i in uncoded_indexes]
    config = SuggestionConfig(language=language, space=space_for(texts))
    distinct = {c for i in coded_indexes for c in labels[i]}
    suggestions: list[Suggestion] = []
    kappa, verdict, trustworthy = None, "", False
    step = _steps(progress, 3)
    if len(distinct) >= 2 and uncoded:
        progress_step = next(step)
        try:
            found = _with_smaller_space(
                lambda space: nlp_suggest_codes(coded, uncoded, replace(config, space=space), progress_step, **extra),
                config.space)
        except ValueError:
            found = []
        for item in found:
            for code, probability in item.ranking:
                if probability >= minimum:
                    suggestions.append(Suggestion(int(item.answer_id), int(code), round(float(probability), 4)))
    else:
        next(step)
    queue_step = next(step)
    distinct_uncoded = len({" ".join(a.text.lower().split()) for a in uncoded})
    with warnings.catch_warnings():
        # Duplicate answers leave fewer distinct points than regions; the library then skips empty regions.
        warnings.simplefilter("ignore", ConvergenceWarning)
        queue = [int(q.answer_id) for q in _with_smaller_space(
            lambda space: pick_answers_to_code(coded, uncoded, min(queue_length, distinct_uncoded),
                                               replace(config, space=space), queue_step, **extra),
            config.space)] if uncoded else []
    main_codes = Counter(labels[i][0] for i in coded_indexes)
    if len(main_codes) >= 2 and min(main_codes.values()) >= 2:
        try:
            report_step = next(step)
            report = _with_smaller_space(
                lambda space: report_agreement(coded, uncoded, replace(config, space=space), progress=report_step,
                                               **extra),
                config.space)
        except ValueError:
            report = None
        if report is not None:
            kappa, verdict, trustworthy = report.kappa, report.verdict, report.is_trustworthy
    return SuggestionRun(suggestions, queue, kappa, verdict, trustworthy, len(coded))


def _steps(progress: Progress | None, count: int):
    for number in range(count):
        if progress is None:
            yield None
        else:
            yield (lambda fraction, message, n=number: progress((n + fraction) / count, message))
    while True:
        yield None


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


#: Upper bounds of the verdicts after Landis & Koch (1977).
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
