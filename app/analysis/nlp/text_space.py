"""Place answers in a dense semantic space (character n-gram TF-IDF of lemmas + LSA).

Character n-grams of lemmas match German compounds by their parts
("Kinderbetreuung" ~ "Betreuungsplatz") without a trained model. The n-grams
are built once per distinct lemma and summed per text, which is exact for
word-bounded n-grams and much faster than scanning every text. Large inputs fit
the space on a sample and project the rest in chunks to keep memory flat.
A final neighbourhood smoothing step averages each answer with its nearest
neighbours, which makes the space less noisy for short texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD

from app.analysis.nlp.progress import ProgressSpan


@dataclass(frozen=True)
class SpaceSettings:
    """How answers are turned into vectors."""

    dims: int = 150  #: LSA dimensions (the usual 100-300 range)
    char_ngrams: tuple[int, int] = (3, 5)
    max_df: float = 0.5  #: drop n-grams found in more than this share of answers
    neighbours: int = 30  #: answers averaged into each vector by smoothing (1 = off)
    fit_sample: int = 20000  #: answers used to fit the space; the rest are projected
    chunk_size: int = 5000


@dataclass
class TextSpace:
    """Unit vectors per text: `vectors` smoothed for grouping, `plain` as written."""

    vectors: np.ndarray
    plain: np.ndarray


class _NgramVocabulary:
    """Doc-word counts times word-ngram counts gives each text's n-gram counts."""

    def __init__(self, lemmas: Sequence[Sequence[str]], ngram_range: tuple[int, int]) -> None:
        self.word_index: dict[str, int] = {}
        indptr = [0]
        indices: list[int] = []
        for row in lemmas:
            for word in row:
                indices.append(self.word_index.setdefault(word, len(self.word_index)))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        self.doc_words = sparse.csr_matrix(
            (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
            shape=(len(lemmas), max(len(self.word_index), 1)),
        )
        self.doc_words.sum_duplicates()
        self.word_ngrams = self._word_ngrams(ngram_range)

    def _word_ngrams(self, ngram_range: tuple[int, int]) -> sparse.csr_matrix:
        ngram_index: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        low, high = ngram_range
        for word, row in self.word_index.items():
            padded = f" {word} "
            for n in range(low, high + 1):
                for i in range(max(len(padded) - n + 1, 1)):
                    rows.append(row)
                    cols.append(ngram_index.setdefault(padded[i : i + n], len(ngram_index)))
        matrix = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(max(len(self.word_index), 1), max(len(ngram_index), 1)),
        )
        matrix.sum_duplicates()
        return matrix

    def counts(self, rows: slice | np.ndarray) -> sparse.csr_matrix:
        return (self.doc_words[rows] @ self.word_ngrams).tocsr()


def _tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    weighted = counts.astype(np.float32, copy=True)
    weighted.data = 1.0 + np.log(weighted.data)
    weighted = (weighted @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms).astype(np.float32) @ weighted


def _normalise_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def embed_texts(
    lemmas: Sequence[Sequence[str]],
    settings: SpaceSettings = SpaceSettings(),
    seed: int = 0,
    progress: ProgressSpan | None = None,
) -> TextSpace:
    """Return unit vectors for texts given as lemma lists."""
    span = progress or ProgressSpan(None)
    n = len(lemmas)
    vocabulary = _NgramVocabulary(lemmas, settings.char_ngrams)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, settings.fit_sample, replace=False)) if n > settings.fit_sample else np.arange(n)
    sample_counts = vocabulary.counts(sample)
    df = np.bincount(sample_counts.indices, minlength=sample_counts.shape[1])
    min_df = 2 if len(sample) >= 50 else 1
    max_df = settings.max_df * len(sample) if len(sample) >= 50 else len(sample)
    keep = np.flatnonzero((df >= min_df) & (df <= max_df))
    if len(keep) < 2:
        keep = np.flatnonzero(df > 0)
    if len(keep) < 2:
        zeros = np.zeros((n, 1), dtype=np.float32)
        return TextSpace(zeros, zeros.copy())
    vocabulary.word_ngrams = vocabulary.word_ngrams[:, keep].tocsr()
    idf = (np.log((1 + len(sample)) / (1 + df[keep])) + 1).astype(np.float32)
    span.report(0.2, "Building vectors")
    dims = max(1, min(settings.dims, len(sample) - 1, len(keep) - 1))
    svd = TruncatedSVD(n_components=dims, random_state=seed)
    svd.fit(_tfidf(sample_counts[:, keep], idf))
    span.report(0.5, "Building vectors")
    plain = np.empty((n, dims), dtype=np.float32)
    for start in range(0, n, settings.chunk_size):
        rows = slice(start, min(start + settings.chunk_size, n))
        plain[rows] = svd.transform(_tfidf(vocabulary.counts(rows), idf))
    plain = _normalise_rows(plain)
    span.report(0.7, "Building vectors")
    vectors = smooth_by_neighbours(plain, settings.neighbours, seed) if settings.neighbours > 1 else plain
    span.report(1.0, "Building vectors")
    return TextSpace(vectors, plain)


def _neighbour_mean(queries: np.ndarray, candidates: np.ndarray, k: int) -> np.ndarray:
    similarities = queries @ candidates.T
    k = min(k, candidates.shape[0])
    top = np.argpartition(-similarities, k - 1, axis=1)[:, :k]
    return candidates[top].mean(axis=1)


def smooth_by_neighbours(vectors: np.ndarray, k: int, seed: int = 0, exact_limit: int = 20000) -> np.ndarray:
    """Average each vector with its k most similar vectors (itself included) and renormalise."""
    n = vectors.shape[0]
    k = min(k, n)
    if k <= 1:
        return vectors
    smoothed = np.empty_like(vectors)
    if n <= exact_limit:
        for start in range(0, n, 2000):
            rows = slice(start, min(start + 2000, n))
            smoothed[rows] = _neighbour_mean(vectors[rows], vectors, k)
        return _normalise_rows(smoothed)
    # Approximate search for large inputs: look only inside the few nearest coarse cells.
    cells = int(np.sqrt(n))
    coarse = MiniBatchKMeans(n_clusters=cells, random_state=seed, n_init=1, batch_size=4096).fit(vectors)
    cell_of = coarse.labels_
    members = [np.flatnonzero(cell_of == c) for c in range(cells)]
    nearest_cells = np.argsort(-(coarse.cluster_centers_ @ coarse.cluster_centers_.T), axis=1)[:, :4]
    for cell in range(cells):
        if len(members[cell]) == 0:
            continue
        pool = np.concatenate([members[c] for c in nearest_cells[cell]])
        smoothed[members[cell]] = _neighbour_mean(vectors[members[cell]], vectors[pool], k)
    return _normalise_rows(smoothed)
