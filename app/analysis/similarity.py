"""How alike two sets of short texts are: one function the rest of the app calls for text similarity.

Two views are combined, and the higher one counts:

- **Words**: character n-gram TF-IDF (3–5 characters within words, gendered forms reduced first),
  which matches German paraphrases by shared word parts ("Benachteiligung erlebt" ~ "erleben Sie
  Benachteiligung").
- **Meaning**: the multilingual sentence vectors of the analysis core (`nlp/embeddings.py`), which
  match a paraphrase with no word in common, and a question asked in Turkish or English with a
  German guide question. Raw cosines of that model sit between about 0.8 (unrelated) and 1, and
  every question is a little alike every other, so each query's similarities are centred on its
  median over the candidates: what counts is how far the best candidate stands out. A follow-up
  such as "Können Sie dafür ein Beispiel nennen?" is about equally close to every guide question
  and stays low.

Callers only rely on the contract: a matrix of similarities in 0..1, one row per query, one column
per candidate. Measured on the demo guide's paraphrases and follow-ups (bench/RESULTS.md, issue 18):
paraphrases score 0.3 and more, follow-ups and thanks 0.13 at most.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
import numpy as np

from app.analysis.nlp.preprocessing import normalise_gendered_forms

#: A query's best candidate must stand this far (in cosine) above its median candidate to count at all …
MEANING_FLOOR = 0.03
#: … and this far to count as fully alike (1.0).
MEANING_FULL = 0.13
#: With fewer candidates than this the median says little; a fixed "unrelated" cosine is the baseline instead.
MIN_CANDIDATES_FOR_MEDIAN = 4
UNRELATED_COSINE = 0.82


def _prepared(text: str) -> str:
    return normalise_gendered_forms(text or "").casefold()


def word_similarity(queries: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    """Return character n-gram cosine similarities (0..1) of each query (rows) to each candidate (columns)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not queries or not candidates:
        return np.zeros((len(queries), len(candidates)), dtype=np.float64)
    texts = [_prepared(t) for t in [*queries, *candidates]]
    if not any(t.strip() for t in texts):
        return np.zeros((len(queries), len(candidates)), dtype=np.float64)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=False)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no n-grams at all (only one- or two-letter words)
        return np.zeros((len(queries), len(candidates)), dtype=np.float64)
    scores = (matrix[: len(queries)] @ matrix[len(queries):].T).toarray()
    return np.clip(scores, 0.0, 1.0)


#: Sentence vectors of recently compared texts: a preview compares the same guide questions again and again.
_CACHE: dict[str, np.ndarray] = {}
_CACHE_SIZE = 4096
_CACHE_LOCK = threading.Lock()


def _sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """Vectors of short texts (zero rows for empty ones); texts not seen lately are encoded together."""
    from app.analysis.nlp.embeddings import DIMENSIONS, encode_texts

    with _CACHE_LOCK:
        known = {t: _CACHE[t] for t in texts if t in _CACHE}
    fresh = [t for t in dict.fromkeys(texts) if t.strip() and t not in known]
    if fresh:
        known.update(zip(fresh, encode_texts(fresh), strict=True))
        with _CACHE_LOCK:
            _CACHE.update((text, known[text]) for text in fresh)
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        if text in known:
            out[row] = known[text]
    return out


def meaning_similarity(queries: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    """Return 0..1 scores of how far each candidate stands out in meaning for each query (any language)."""
    if not queries or not candidates:
        return np.zeros((len(queries), len(candidates)), dtype=np.float64)
    first, second = _sentence_vectors(list(queries)), _sentence_vectors(list(candidates))
    cosines = first @ second.T
    if len(candidates) >= MIN_CANDIDATES_FOR_MEDIAN:
        baseline = np.median(cosines, axis=1, keepdims=True)
    else:
        baseline = np.full((len(queries), 1), UNRELATED_COSINE)
    scores = np.clip((cosines - baseline - MEANING_FLOOR) / (MEANING_FULL - MEANING_FLOOR), 0.0, 1.0)
    empty = ~first.any(axis=1)
    scores[empty] = 0.0
    scores[:, ~second.any(axis=1)] = 0.0
    return scores.astype(np.float64)


def text_similarity(queries: Sequence[str], candidates: Sequence[str], *, language: str = "de",
                    meaning: bool = True) -> np.ndarray:
    """Return similarities (0..1) of each query (rows) to each candidate (columns): the better of words and meaning.

    ``meaning=False`` compares words only (no sentence model is loaded).
    """
    words = word_similarity(queries, candidates)
    if not meaning or words.size == 0:
        return words
    return np.maximum(words, meaning_similarity(queries, candidates))
