"""Group free-text answers into themes, with labels, sizes, quotes and outliers.

Long answers are split into passages first, so one answer can land in several
themes. Human decisions (answers people placed in a theme, or marked as
fitting none) are passed in as `HumanDecisions`: those placements are kept and
their themes act as seeds, so a re-run proposes and never overwrites.

Answers are placed by their words (character n-grams of lemmas + LSA, the fast
path) and, when the caller passes each answer's multilingual sentence vector
(`embeddings`, see `embeddings.py`), by their meaning: the language signal is
taken out first (`remove_language_signal`), and answers in one language combine
meaning and words. When some vectors are missing the run falls back to words
and says so in `ThemeResult.notes`; it never encodes itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from app.analysis.nlp.clustering import EXCLUDED, FREE, choose_k_by_elbow, cluster_vectors
from app.analysis.nlp.embeddings import principal_directions, remove_language_signal, unit_rows
from app.analysis.nlp.preprocessing import Passage, analyse_texts, segment_answer
from app.analysis.nlp.progress import ProgressCallback, ProgressSpan
from app.analysis.nlp.text_space import SpaceSettings, TextSpace, embed_texts, settings_for, smooth_by_neighbours
from app.analysis.nlp.threads import limit_threads
from app.analysis.nlp.theme_labels import LABEL_SEPARATOR, count_corpus_terms, find_distinctive_terms

NO_THEME = -1  #: theme number of answers and passages that fit no theme


@dataclass(frozen=True)
class ThemeConfig:
    """Settings for one grouping run; the defaults suit survey and participation answers."""

    language: str = "de"
    k: int | None = None  #: number of themes; None chooses it from the data
    min_k: int = 4  #: smallest k the automatic choice considers (fewer when there are too few answers)
    max_k: int = 16
    k_samples: int = 3  #: samples whose elbow curves are averaged for the automatic choice
    seed: int = 0
    segment_passages: bool = True
    passage_min_chars: int = 600  #: answers shorter than twice this stay whole (long interview answers split)
    label_terms: int = 3
    quotes_per_theme: int = 3
    outlier_z: float = 3.0  #: robust z-score below which a passage fits no theme
    min_theme_size: int = 2  #: smaller groups are dissolved into "no theme"
    restarts: int = 10
    extra_stop_words: frozenset[str] = frozenset()
    #: How texts become vectors; None chooses from the data (`text_space.settings_for`: count and distinct texts).
    space: SpaceSettings | None = None
    #: Share of the sentence vectors in the combined space when all answers are in one language (0 = words only):
    #: on Bonn 0.5 gave NMI 0.350 (k = 8) against 0.324 for words alone (bench/RESULTS.md).
    embedding_weight: float = 0.5
    #: Main directions of the sentence vectors kept when they join the word space (bench/RESULTS.md, issue 11).
    meaning_dims: int = 64
    #: Neighbours averaged into each vector of the meaning space (None: the word space's setting).
    embedding_neighbours: int | None = None
    #: A run counts as multilingual when answers outside the main language make up at least this share.
    multilingual_share: float = 0.05


VECTOR_SOURCES = ("words", "meaning", "meaning+words")  #: how answers were placed (ThemeResult.vector_source)


@dataclass(frozen=True)
class HumanTheme:
    """A theme people have worked on: its answers stay in it on every re-run."""

    key: str  #: the app's identifier, returned unchanged on the resulting theme
    label: str
    answer_ids: tuple[str, ...]


@dataclass(frozen=True)
class HumanDecisions:
    """Everything people decided that a re-run must keep."""

    themes: tuple[HumanTheme, ...] = ()
    no_theme_answer_ids: tuple[str, ...] = ()  #: answers people decided fit no theme


@dataclass(frozen=True)
class Quote:
    """A passage that represents a theme well; start/end index the original answer."""

    answer_id: str
    start: int
    end: int
    text: str
    similarity: float
    language: str = ""  #: language of the answer it comes from ("" when unknown)


@dataclass(frozen=True)
class Theme:
    """One theme: number, readable label, size in answers and representative quotes."""

    number: int
    label: str
    terms: tuple[str, ...]
    size: int
    quotes: tuple[Quote, ...]
    human_key: str | None = None  #: set when the theme came from HumanDecisions
    proposed_label: str = ""  #: the machine's label, also for human themes
    languages: tuple[tuple[str, int], ...] = ()  #: (language, answers) in the theme, most first

    @property
    def is_no_theme(self) -> bool:
        """Tell whether this is the collection of answers that fit no theme."""
        return self.number == NO_THEME


@dataclass(frozen=True)
class PassageTheme:
    """The theme of one passage."""

    passage: Passage
    theme: int
    similarity: float


@dataclass(frozen=True)
class AnswerThemes:
    """The themes of one answer: `theme` is the main one, `themes` all its passages touch."""

    answer_id: str
    theme: int
    themes: tuple[int, ...]
    is_pinned: bool


@dataclass(frozen=True)
class ThemeResult:
    """Outcome of a grouping run, answers in input order."""

    themes: tuple[Theme, ...]
    answers: tuple[AnswerThemes, ...]
    passages: tuple[PassageTheme, ...]
    k: int
    k_scores: dict[int, float]
    seed: int
    vector_source: str = "words"
    notes: tuple[str, ...] = ()  #: plain-English remarks on how the run was made (e.g. missing vectors)

    def theme(self, number: int) -> Theme:
        """Return the theme with this number."""
        return next(t for t in self.themes if t.number == number)

    def answer_ids_in(self, number: int) -> list[str]:
        """Return the ids of answers that touch this theme."""
        return [a.answer_id for a in self.answers if number in a.themes]


def _split_passages(texts: Sequence[str], ids: Sequence[str], config: ThemeConfig) -> list[Passage]:
    passages: list[Passage] = []
    for answer_id, text in zip(ids, texts, strict=True):
        if config.segment_passages:
            found = segment_answer(answer_id, text, config.passage_min_chars)
        else:
            stripped = text.strip()
            start = text.find(stripped) if stripped else 0
            found = [Passage(answer_id, start, start + len(stripped), stripped)]
        passages.extend(found or [Passage(answer_id, 0, 0, "")])
    return passages


def _fixed_clusters(passages: list[Passage], decisions: HumanDecisions, known_ids: set[str]) -> np.ndarray:
    theme_of_answer: dict[str, int] = {}
    for number, human in enumerate(decisions.themes):
        for answer_id in human.answer_ids:
            if answer_id in known_ids:
                theme_of_answer[answer_id] = number
    for answer_id in decisions.no_theme_answer_ids:
        theme_of_answer[answer_id] = EXCLUDED
    return np.array([theme_of_answer.get(p.answer_id, FREE) for p in passages], dtype=np.int64)


def _flag_outliers(
    labels: np.ndarray, plain: np.ndarray, fixed: np.ndarray, k: int, config: ThemeConfig
) -> tuple[np.ndarray, np.ndarray]:
    labels = labels.copy()
    centroids = np.zeros((k, plain.shape[1]), dtype=plain.dtype)
    for c in range(k):
        members = labels == c
        if members.any():
            centroids[c] = plain[members].mean(axis=0)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    similarity = np.where(labels >= 0, np.einsum("ij,ij->i", plain, centroids[np.maximum(labels, 0)]), 0.0)
    free = (fixed == FREE) & (labels >= 0)
    empty = np.linalg.norm(plain, axis=1) == 0
    if free.sum() >= 10:
        median = np.median(similarity[free])
        spread = 1.4826 * np.median(np.abs(similarity[free] - median)) or 1e-9
        labels[free & ((similarity - median) / spread < -config.outlier_z)] = EXCLUDED
    labels[empty & (fixed == FREE)] = EXCLUDED
    return labels, similarity


def _renumber(labels: np.ndarray, fixed: np.ndarray, human_count: int, config: ThemeConfig) -> np.ndarray:
    """Human themes keep numbers 0..h-1; new themes follow by size; tiny ones become NO_THEME."""
    sizes = np.bincount(labels[labels >= 0], minlength=int(labels.max(initial=0)) + 1)
    mapping = {c: c for c in range(human_count)}
    proposed = sorted(
        (c for c in range(human_count, len(sizes)) if sizes[c] >= config.min_theme_size), key=lambda c: (-sizes[c], c)
    )
    mapping.update({c: human_count + i for i, c in enumerate(proposed)})
    return np.array([mapping.get(int(c), NO_THEME) for c in labels], dtype=np.int64)


def _answer_themes(
    ids: Sequence[str], passages: list[Passage], labels: np.ndarray, pinned: set[str]
) -> list[AnswerThemes]:
    chars: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for passage, label in zip(passages, labels, strict=True):
        chars[passage.answer_id][int(label)] += max(passage.end - passage.start, 1)
    result = []
    for answer_id in ids:
        by_theme = chars[answer_id]
        ranked = sorted((t for t in by_theme if t != NO_THEME), key=lambda t: (-by_theme[t], t))
        themes = tuple(ranked) or (NO_THEME,)
        result.append(AnswerThemes(answer_id, themes[0], themes, answer_id in pinned))
    return result


def _pick_quotes(
    members: np.ndarray, passages: list[Passage], plain: np.ndarray, count: int, languages: Sequence[str] = (),
    preferred: str = "",
) -> tuple[Quote, ...]:
    """The passages nearest the theme's centre, one per answer; the best one in `preferred` language leads."""
    if len(members) == 0:
        return ()
    centroid = plain[members].mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    similarities = plain[members] @ centroid
    order = list(np.argsort(-similarities, kind="stable"))
    if preferred and languages:
        first = next((p for p in order if languages[members[p]] == preferred), None)
        if first is not None:
            order.remove(first)
            order.insert(0, first)
    quotes: list[Quote] = []
    seen: set[str] = set()
    for position in order:
        passage = passages[members[position]]
        if passage.answer_id in seen or not passage.text:
            continue
        seen.add(passage.answer_id)
        language = languages[members[position]] if languages else ""
        quotes.append(Quote(passage.answer_id, passage.start, passage.end, passage.text, float(similarities[position]),
                            language))
        if len(quotes) == count:
            break
    return tuple(quotes)


def group_answers(
    texts: Sequence[str],
    ids: Sequence[str] | None = None,
    config: ThemeConfig = ThemeConfig(),
    decisions: HumanDecisions = HumanDecisions(),
    progress: ProgressCallback | None = None,
    embeddings: np.ndarray | None = None,
    languages: Sequence[str] | None = None,
) -> ThemeResult:
    """Group answers into labelled themes, keeping every human decision in `decisions`.

    `embeddings` holds one sentence vector per answer (a zero row: not encoded yet) and
    `languages` one language code per answer; without them answers are grouped by words.
    """
    ids = [str(i) for i in ids] if ids is not None else [str(i) for i in range(1, len(texts) + 1)]
    if len(ids) != len(texts):
        raise ValueError("texts and ids must have the same length")
    if len(set(ids)) != len(ids):
        raise ValueError("answer ids must be unique")
    if embeddings is not None and len(embeddings) != len(texts):
        raise ValueError("texts and embeddings must have the same length")
    if languages is not None and len(languages) != len(texts):
        raise ValueError("texts and languages must have the same length")
    with limit_threads():
        return _group_answers(texts, ids, config, decisions, ProgressSpan(progress), embeddings, languages)


def _is_multilingual(languages: Sequence[str], config: ThemeConfig) -> bool:
    counts: dict[str, int] = defaultdict(int)
    for language in languages:
        counts[language] += 1
    return len(languages) - max(counts.values(), default=0) >= max(config.multilingual_share * len(languages), 1)


def _meaning_space(
    words: TextSpace, embeddings: np.ndarray | None, passage_languages: list[str], config: ThemeConfig
) -> tuple[TextSpace, str, tuple[str, ...]]:
    """Return the space to group in, what it is made of, and notes for people."""
    if embeddings is None:
        return words, "words", ()
    missing = int((np.linalg.norm(embeddings, axis=1) == 0).sum())
    if missing:
        return words, "words", (f"{missing} of {len(embeddings)} texts have no sentence vector yet: grouped by words "
                                "only, so answers in different languages will not meet.",)
    counts = defaultdict(int)
    for language in passage_languages:
        counts[language] += 1
    multilingual = _is_multilingual(passage_languages, config)
    meaning = remove_language_signal(embeddings, passage_languages)
    neighbours = config.embedding_neighbours if config.embedding_neighbours is not None else (
        config.space.neighbours if config.space is not None else 1)
    if multilingual or config.embedding_weight >= 1.0:
        plain, source = meaning, "meaning"
        notes = (f"Answers in {len(counts)} languages: grouped by meaning, language signal removed.",)
    elif config.embedding_weight <= 0.0:
        return words, "words", ()
    else:
        weight = config.embedding_weight
        meaning = principal_directions(meaning, config.meaning_dims, seed=config.seed)
        plain = unit_rows(np.hstack([np.sqrt(weight) * meaning, np.sqrt(1 - weight) * words.plain]))
        source, notes = "meaning+words", ()
    vectors = smooth_by_neighbours(plain, neighbours, config.seed) if neighbours > 1 else plain
    return TextSpace(vectors, plain), source, notes


def _group_answers(
    texts: Sequence[str], ids: list[str], config: ThemeConfig, decisions: HumanDecisions, span: ProgressSpan,
    embeddings: np.ndarray | None = None, languages: Sequence[str] | None = None,
) -> ThemeResult:
    passages = _split_passages(texts, ids, config)
    if config.space is None:
        config = replace(config, space=settings_for([p.text for p in passages]))
    row_of = {answer_id: row for row, answer_id in enumerate(ids)}
    passage_rows = [row_of[p.answer_id] for p in passages]
    passage_languages = [languages[r] for r in passage_rows] if languages is not None else [config.language] * len(
        passages)
    analysed = analyse_texts(
        [p.text for p in passages], config.language, config.extra_stop_words, span.part(0.0, 0.35)
    )
    passage_vectors = None if embeddings is None else np.asarray(embeddings, dtype=np.float32)[passage_rows]
    if passage_vectors is not None and passage_vectors.any(axis=1).all() and _is_multilingual(passage_languages, config):
        # Grouped by meaning alone: the word space is not needed (labels come from the lemmas).
        words = TextSpace(np.zeros((len(passages), 1), np.float32), np.zeros((len(passages), 1), np.float32))
    else:
        words = embed_texts(analysed.lemmas, config.space, config.seed, span.part(0.35, 0.6))
    space, vector_source, notes = _meaning_space(words, passage_vectors, passage_languages, config)
    fixed = _fixed_clusters(passages, decisions, set(ids))
    human_count = len(decisions.themes)
    free_count = int((fixed == FREE).sum())
    k_scores: dict[int, float] = {}
    if config.k is not None:
        k = max(config.k, human_count)
    else:
        upper = min(config.max_k, max(2, free_count // 3))
        lower = max(min(config.min_k, upper), human_count, 1)
        candidates = range(lower, max(upper, lower) + 1)
        k_scores = choose_k_by_elbow(space.vectors[fixed != EXCLUDED], candidates, config.seed,
                                     samples=config.k_samples)
        k = max(k_scores, key=lambda c: (k_scores[c], -c)) if k_scores else candidates.start
    span.report(0.8, "Grouping answers")
    k = max(1, min(k, human_count + free_count))
    partition = cluster_vectors(space.vectors, k, fixed, config.seed, n_init=config.restarts)
    labels, similarity = _flag_outliers(partition.labels, space.plain, fixed, k, config)
    labels = _renumber(labels, fixed, human_count, config)
    span.report(0.9, "Naming themes")
    # Labels come from answers in the analysis language where a theme has any (the lemmatiser knows only it).
    in_language = np.array([language == config.language for language in passage_languages])
    corpus_counts = count_corpus_terms(analysed)
    pinned = {a for h in decisions.themes for a in h.answer_ids} | set(decisions.no_theme_answer_ids)
    answers = _answer_themes(ids, passages, labels, pinned)
    answer_counts: dict[int, int] = defaultdict(int)
    for answer in answers:
        for number in answer.themes:
            answer_counts[number] += 1
    themes = []
    for number in sorted(set(int(x) for x in labels) | set(range(human_count)), key=lambda t: (t == NO_THEME, t)):
        members = np.flatnonzero(labels == number)
        label_members = members[in_language[members]] if in_language[members].any() else members
        terms = tuple(
            find_distinctive_terms(
                analysed, label_members.tolist(), corpus_counts, len(passages), config.label_terms, config.language
            )
        )
        if not terms and len(label_members) < len(members) and number != NO_THEME:
            # Few answers in the analysis language and no word shared by two of them: take single mentions.
            terms = tuple(find_distinctive_terms(analysed, label_members.tolist(), corpus_counts, len(passages),
                                                 config.label_terms, config.language, min_count=1))
        theme_languages: dict[str, set[str]] = defaultdict(set)
        for index in members:
            theme_languages[passage_languages[index]].add(passages[index].answer_id)
        proposed = LABEL_SEPARATOR.join(terms)
        human = decisions.themes[number] if 0 <= number < human_count else None
        if number == NO_THEME:
            label = "Kein Thema" if config.language == "de" else "No theme"
        else:
            label = human.label if human else proposed
        themes.append(
            Theme(
                number=number,
                label=label,
                terms=terms,
                size=answer_counts.get(number, 0),
                quotes=_pick_quotes(members, passages, space.plain, config.quotes_per_theme,
                                    passage_languages if languages is not None else (), config.language),
                human_key=human.key if human else None,
                proposed_label=proposed,
                languages=tuple(sorted(((lang, len(a)) for lang, a in theme_languages.items()),
                                       key=lambda item: (-item[1], item[0]))) if languages is not None else (),
            )
        )
    passage_themes = tuple(
        PassageTheme(p, int(label), float(sim)) for p, label, sim in zip(passages, labels, similarity, strict=True)
    )
    span.report(1.0, "Done")
    return ThemeResult(tuple(themes), tuple(answers), passage_themes, k, k_scores, config.seed, vector_source, notes)
