"""Suggest codes for uncoded answers, pick what to code next, and say whether suggestions can be trusted.

The vector space is fitted on all answers, coded or not (the app has them
all), so a few coded answers are enough to place the rest: a class-balanced
logistic regression on neighbourhood-smoothed LSA vectors. The "code next"
queue uses margin sampling (least certain first) spread over the space, and
the agreement report cross-validates suggestions against human codes
(Cohen's kappa, read with the Landis & Koch bands).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import StratifiedKFold

from app.analysis.nlp.embeddings import remove_language_signal, unit_rows
from app.analysis.nlp.preprocessing import analyse_texts
from app.analysis.nlp.progress import ProgressCallback, ProgressSpan
from app.analysis.nlp.text_space import SpaceSettings, embed_texts, settings_for, smooth_by_neighbours
from app.analysis.nlp.threads import limit_threads

TRUSTWORTHY_KAPPA = 0.6  #: "substantial" agreement (Landis & Koch 1977)
MODERATE_KAPPA = 0.4
#: Answers outside the main language above this share make the features meaning only (as for themes).
MULTILINGUAL_SHARE = 0.05


@dataclass(frozen=True)
class CodedAnswer:
    """An answer with the codes people gave it (the first is its main code)."""

    answer_id: str
    text: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class UncodedAnswer:
    """An answer nobody has coded yet."""

    answer_id: str
    text: str


@dataclass(frozen=True)
class SuggestionConfig:
    """Settings for code suggestion."""

    language: str = "de"
    seed: int = 0
    #: Inverse strength C of the logistic regression: 10 beat 1 on every dev corpus (bench/RESULTS.md).
    regularisation: float = 10.0
    #: Share of the sentence vectors in the features when the caller passes them (0 = words only).
    embedding_weight: float = 0.5
    extra_stop_words: frozenset[str] = frozenset()
    #: How texts become vectors; None chooses from the data (`text_space.settings_for`).
    space: SpaceSettings | None = None


@dataclass(frozen=True)
class CodeSuggestion:
    """The best code for an answer, its confidence, and every code ranked."""

    answer_id: str
    suggested: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class QueuedAnswer:
    """An uncoded answer worth coding next; lower margin means the suggester is less sure."""

    answer_id: str
    margin: float


@dataclass(frozen=True)
class CodeAgreement:
    """Per code: how often people used it, how often it was suggested, how often both agreed."""

    code: str
    human_count: int
    suggested_count: int
    agreed_count: int


@dataclass(frozen=True)
class AgreementReport:
    """Cross-validated agreement between suggestions and human codes."""

    kappa: float
    accuracy: float
    coded_count: int
    folds: int
    per_code: tuple[CodeAgreement, ...]
    is_trustworthy: bool
    verdict: str


def _vectors(
    texts: Sequence[str], config: SuggestionConfig, progress: ProgressSpan, embeddings: np.ndarray | None = None,
    languages: Sequence[str] | None = None,
) -> np.ndarray:
    """Word-space vectors, joined with the sentence vectors (language signal removed) when all texts have one."""
    analysed = analyse_texts(texts, config.language, config.extra_stop_words, progress.part(0.0, 0.5))
    space = config.space if config.space is not None else settings_for(texts)
    words = embed_texts(analysed.lemmas, space, config.seed, progress.part(0.5, 0.9)).vectors
    if embeddings is None or config.embedding_weight <= 0 or not np.asarray(embeddings).any(axis=1).all():
        return words
    languages = list(languages) if languages is not None else [""] * len(texts)
    # Smoothed like the words: each answer also carries its neighbours' meaning, which lets the few coded
    # answers reach the many uncoded ones (Bonn, 100 labels: macro-F1 0.592 against 0.574 unsmoothed).
    meaning = smooth_by_neighbours(remove_language_signal(embeddings, languages), space.neighbours, config.seed)
    main = max(Counter(languages).values(), default=0)
    if len(languages) - main >= MULTILINGUAL_SHARE * len(languages):
        return meaning  # words of one language say nothing about answers in another
    weight = config.embedding_weight
    return unit_rows(np.hstack([np.sqrt(1 - weight) * words, np.sqrt(weight) * meaning]))


def _main_codes(coded: Sequence[CodedAnswer]) -> np.ndarray:
    if any(not answer.codes for answer in coded):
        raise ValueError("every coded answer needs at least one code")
    return np.array([answer.codes[0] for answer in coded], dtype=object)


def _train(vectors: np.ndarray, codes: np.ndarray, config: SuggestionConfig) -> LogisticRegression:
    if len(set(codes)) < 2:
        raise ValueError("code suggestion needs at least two different codes among the coded answers")
    model = LogisticRegression(C=config.regularisation, class_weight="balanced", max_iter=2000)
    with limit_threads():
        return model.fit(vectors, codes)


def _extend_multi_coded(coded: Sequence[CodedAnswer], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Repeat answers with several codes once per code, so each code learns from them."""
    rows = [i for i, answer in enumerate(coded) for _ in answer.codes]
    codes = np.array([code for answer in coded for code in answer.codes], dtype=object)
    return vectors[rows], codes


def suggest_codes(
    coded: Sequence[CodedAnswer],
    uncoded: Sequence[UncodedAnswer],
    config: SuggestionConfig = SuggestionConfig(),
    progress: ProgressCallback | None = None,
    embeddings: np.ndarray | None = None,
    languages: Sequence[str] | None = None,
) -> list[CodeSuggestion]:
    """Suggest a code with a confidence for each uncoded answer.

    `embeddings` and `languages` (optional) hold a sentence vector and a language per answer,
    coded answers first, then uncoded, as in the arguments; they join the word features.
    """
    span = ProgressSpan(progress)
    _main_codes(coded)
    vectors = _vectors([a.text for a in coded] + [a.text for a in uncoded], config, span, embeddings, languages)
    model = _train(*_extend_multi_coded(coded, vectors[: len(coded)]), config)
    probabilities = model.predict_proba(vectors[len(coded) :]) if uncoded else np.zeros((0, len(model.classes_)))
    suggestions = []
    for answer, row in zip(uncoded, probabilities, strict=True):
        order = np.argsort(-row, kind="stable")
        ranking = tuple((str(model.classes_[i]), float(row[i])) for i in order)
        suggestions.append(CodeSuggestion(answer.answer_id, ranking[0][0], ranking[0][1], ranking))
    span.report(1.0, "Done")
    return suggestions


def pick_answers_to_code(
    coded: Sequence[CodedAnswer],
    uncoded: Sequence[UncodedAnswer],
    count: int = 10,
    config: SuggestionConfig = SuggestionConfig(),
    progress: ProgressCallback | None = None,
    embeddings: np.ndarray | None = None,
    languages: Sequence[str] | None = None,
) -> list[QueuedAnswer]:
    """Return the uncoded answers whose coding would teach the suggester most, most useful first."""
    span = ProgressSpan(progress)
    if not uncoded or count <= 0:
        return []
    count = min(count, len(uncoded))
    vectors = _vectors([a.text for a in coded] + [a.text for a in uncoded], config, span, embeddings, languages)
    candidates = vectors[len(coded) :]
    if len({code for answer in coded for code in answer.codes}) >= 2:
        model = _train(*_extend_multi_coded(coded, vectors[: len(coded)]), config)
        ordered = np.sort(model.predict_proba(candidates), axis=1)
        margins = ordered[:, -1] - ordered[:, -2]
    else:
        # Nothing to be unsure about yet: start with answers typical of each region of the space.
        margins = np.ones(len(uncoded))
    pool = np.argsort(margins, kind="stable")[: min(len(uncoded), 5 * count)]
    with limit_threads():
        regions = KMeans(n_clusters=count, n_init=3, random_state=config.seed).fit(candidates[pool].astype(np.float64))
    picked = []
    for region in range(count):
        members = pool[regions.labels_ == region]
        if len(members) == 0:
            continue
        if np.ptp(margins[members]) > 0:
            best = members[np.argmin(margins[members])]
        else:
            best = members[np.argmax(candidates[members] @ regions.cluster_centers_[region])]
        picked.append(int(best))
    picked.sort(key=lambda i: (margins[i], i))
    span.report(1.0, "Done")
    return [QueuedAnswer(uncoded[i].answer_id, float(margins[i])) for i in picked]


def _verdict(kappa: float, coded_count: int, language: str) -> tuple[bool, str]:
    german = language == "de"
    if coded_count < 20:
        return False, ("Zu wenige codierte Antworten für eine Aussage." if german else "Too few coded answers to tell.")
    if kappa >= TRUSTWORTHY_KAPPA:
        return True, ("Vorschläge sind verlässlich (Kappa ≥ 0,6)." if german else "Suggestions are reliable (kappa ≥ 0.6).")
    if kappa >= MODERATE_KAPPA:
        return False, (
            "Vorschläge nur mit Prüfung übernehmen (Kappa 0,4–0,6)."
            if german
            else "Check each suggestion before accepting it (kappa 0.4–0.6)."
        )
    return False, ("Vorschläge noch nicht verlässlich: weiter codieren." if german else "Not reliable yet: code more answers.")


def report_agreement(
    coded: Sequence[CodedAnswer],
    uncoded: Sequence[UncodedAnswer] = (),
    config: SuggestionConfig = SuggestionConfig(),
    folds: int = 5,
    progress: ProgressCallback | None = None,
    embeddings: np.ndarray | None = None,
    languages: Sequence[str] | None = None,
) -> AgreementReport:
    """Cross-validate suggestions against human codes and say whether they can be trusted."""
    span = ProgressSpan(progress)
    main = _main_codes(coded)
    texts = [a.text for a in coded] + [a.text for a in uncoded]
    vectors = _vectors(texts, config, span, embeddings, languages)[: len(coded)]
    smallest = min(Counter(main).values()) if len(main) else 0
    folds = min(folds, max(smallest, 2))
    predicted = np.empty(len(coded), dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=config.seed)
    # Codes with a single answer cannot be stratified; they stay in training and are predicted once.
    if smallest < 2:
        rare = {code for code, n in Counter(main).items() if n < 2}
        split_codes = np.array([code if code not in rare else "\x00rare" for code in main], dtype=object)
    else:
        split_codes = main
    for train, test in splitter.split(vectors, split_codes.astype(str)):
        train_coded = [coded[i] for i in train]
        model = _train(*_extend_multi_coded(train_coded, vectors[train]), config)
        predicted[test] = model.predict(vectors[test])
    human = np.array([p if p in answer.codes else answer.codes[0] for p, answer in zip(predicted, coded, strict=True)])
    predicted = predicted.astype(str)
    kappa = float(cohen_kappa_score(human, predicted)) if len(set(human) | set(predicted)) > 1 else 1.0
    accuracy = float(np.mean(human == predicted))
    codes = sorted({code for answer in coded for code in answer.codes})
    per_code = tuple(
        CodeAgreement(
            code,
            sum(code in a.codes for a in coded),
            int(np.sum(predicted == code)),
            int(np.sum((predicted == code) & (human == code))),
        )
        for code in codes
    )
    is_trustworthy, verdict = _verdict(kappa, len(coded), config.language)
    span.report(1.0, "Done")
    return AgreementReport(kappa, accuracy, len(coded), folds, per_code, is_trustworthy, verdict)
