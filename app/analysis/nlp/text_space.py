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

from app.analysis.nlp.progress import ProgressSpan
from app.analysis.nlp.threads import limit_threads


@dataclass(frozen=True)
class SpaceSettings:
    """How answers are turned into vectors."""

    dims: int = 150  #: LSA dimensions (the usual 100-300 range)
    char_ngrams: tuple[int, int] = (3, 5)
    max_df: float = 0.5  #: drop n-grams found in more than this share of answers
    neighbours: int = 30  #: answers averaged into each vector by smoothing (1 = off)
    fit_sample: int = 3000  #: answers used to fit the space; the rest are projected
    chunk_size: int = 5000
    max_features: int = 60000  #: most frequent n-grams kept (caps the cost of LSA on large inputs)
    svd_iterations: int = 5  #: power iterations of the randomised SVD


def settings_for(texts: Sequence[str]) -> SpaceSettings:
    """Return vector-space settings that follow the input: how many texts, and how many distinct ones.

    - LSA dimensions: about one per ten texts, at least 20 and at most 200 (and below the number of
      distinct texts, the most LSA can return). On random samples of 300 and 500 Bonn contributions,
      count / 10 beat the former fixed 150 (NMI 0.214 vs 0.192, 0.259 vs 0.247), and on the 514 long
      news texts 51 beat 150; from 2,000 texts on this is 200, the setting measured best on Bonn.
    - Neighbour smoothing: each text is averaged with about one in fifteen of the others, at most 40
      (the Bonn optimum). Length needs no rule of its own here: with 51 dimensions, the long news
      texts gained from smoothing too (0.493 with 34 neighbours, 0.472 without). What length changes
      is the unit: whole answers for surveys, passages for interview transcripts (Analysis.unit).
    The evidence per corpus is in bench/RESULTS.md (issue 11).
    """
    count = len(texts)
    distinct = len({" ".join(t.lower().split()) for t in texts})
    dims = max(1, min(max(20, count // 10), 200, distinct - 1))
    return SpaceSettings(dims=dims, neighbours=max(1, min(40, count // 15)))


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


def _orthonormal(basis: np.ndarray) -> np.ndarray:
    """Orthonormal basis of the columns via the small Gram matrix (matrix products only, no QR)."""
    basis = np.asarray(basis, dtype=np.float64)
    values, vectors = np.linalg.eigh(basis.T @ basis)
    keep = values > max(float(values.max(initial=0.0)), 1e-30) * 1e-10
    return basis @ (vectors[:, keep] / np.sqrt(values[keep]))


def _lsa_components(matrix: sparse.csr_matrix, dims: int, iterations: int, seed: int) -> np.ndarray:
    """Top right singular vectors (dims x features) of a sparse matrix by randomised range finding.

    Every dense factorisation runs on the small side (texts x dims, dims x dims),
    never on the n-gram side, so the cost is a handful of sparse products.
    """
    rng = np.random.default_rng(seed)
    width = min(dims + 10, min(matrix.shape))
    basis = matrix @ rng.standard_normal((matrix.shape[1], width), dtype=np.float32)
    transposed = matrix.T.tocsr()
    for _ in range(iterations):
        basis = _orthonormal(basis).astype(np.float32)
        basis = matrix @ (transposed @ basis)
    basis = _orthonormal(basis)
    projected = np.asarray(transposed @ basis, dtype=np.float64).T  # width x features
    values, vectors = np.linalg.eigh(projected @ projected.T)
    top = np.argsort(-values, kind="stable")[: min(dims, len(values))]
    singular = np.sqrt(np.maximum(values[top], 1e-12))
    components = (vectors[:, top].T @ projected) / singular[:, None]
    # Fix each component's sign (largest entry positive) so results do not depend on the random start.
    signs = np.sign(components[np.arange(len(top)), np.abs(components).argmax(axis=1)])
    signs[signs == 0] = 1.0
    return (components * signs[:, None]).astype(np.float32)


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
    with limit_threads():
        return _embed_texts(lemmas, settings, seed, progress)


def _embed_texts(
    lemmas: Sequence[Sequence[str]], settings: SpaceSettings, seed: int, progress: ProgressSpan | None
) -> TextSpace:
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
    if len(keep) > settings.max_features:
        keep = np.sort(keep[np.argsort(-df[keep], kind="stable")[: settings.max_features]])
    if len(keep) < 2:
        zeros = np.zeros((n, 1), dtype=np.float32)
        return TextSpace(zeros, zeros.copy())
    vocabulary.word_ngrams = vocabulary.word_ngrams[:, keep].tocsr()
    idf = (np.log((1 + len(sample)) / (1 + df[keep])) + 1).astype(np.float32)
    span.report(0.2, "Building vectors")
    dims = max(1, min(settings.dims, len(sample) - 1, len(keep) - 1))
    components = _lsa_components(_tfidf(sample_counts[:, keep], idf), dims, settings.svd_iterations, seed).T
    dims = components.shape[1]
    span.report(0.5, "Building vectors")
    plain = np.empty((n, dims), dtype=np.float32)
    for start in range(0, n, settings.chunk_size):
        rows = slice(start, min(start + settings.chunk_size, n))
        plain[rows] = _tfidf(vocabulary.counts(rows), idf) @ components
    plain = _normalise_rows(plain)
    span.report(0.7, "Building vectors")
    vectors = smooth_by_neighbours(plain, settings.neighbours, seed) if settings.neighbours > 1 else plain
    span.report(1.0, "Building vectors")
    return TextSpace(vectors, plain)


def _neighbour_mean(queries: np.ndarray, candidates: np.ndarray, k: int, block: int = 1000) -> np.ndarray:
    """Mean of each query's k most similar candidates, in blocks so memory stays at block x candidates."""
    k = min(k, candidates.shape[0])
    means = np.empty((queries.shape[0], candidates.shape[1]), dtype=candidates.dtype)
    for start in range(0, queries.shape[0], block):
        similarities = queries[start : start + block] @ candidates.T
        top = np.argpartition(-similarities, k - 1, axis=1)[:, :k]
        means[start : start + block] = candidates[top].mean(axis=1)
    return means


def _coarse_cells(vectors: np.ndarray, cells: int, seed: int, rounds: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Cheap spherical k-means cells fitted on a sample; every vector is assigned to its most similar cell."""
    rng = np.random.default_rng(seed)
    sample = vectors[rng.choice(len(vectors), min(len(vectors), 20 * cells), replace=False)]
    centres = sample[rng.choice(len(sample), cells, replace=False)]
    for _ in range(rounds):
        assigned = (sample @ centres.T).argmax(axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assigned, sample)
        empty = ~sums.any(axis=1)
        sums[empty] = centres[empty]
        centres = _normalise_rows(sums)
    cell_of = np.empty(len(vectors), dtype=np.int64)
    for start in range(0, len(vectors), 10000):
        cell_of[start : start + 10000] = (vectors[start : start + 10000] @ centres.T).argmax(axis=1)
    return cell_of, centres


def smooth_by_neighbours(vectors: np.ndarray, k: int, seed: int = 0, exact_limit: int = 6000) -> np.ndarray:
    """Average each vector with its k most similar vectors (itself included) and renormalise.

    Up to `exact_limit` vectors the search is exact; above it, each vector looks
    only inside the few coarse cells nearest to its own (about sqrt(n) cells),
    which keeps the cost near n * sqrt(n) instead of n squared.
    """
    n = vectors.shape[0]
    k = min(k, n)
    if k <= 1:
        return vectors
    if n <= exact_limit:
        return _normalise_rows(_neighbour_mean(vectors, vectors, k))
    smoothed = np.empty_like(vectors)
    cell_of, centres = _coarse_cells(vectors, int(np.sqrt(n)), seed)
    order = np.argsort(cell_of, kind="stable")
    bounds = np.searchsorted(cell_of[order], np.arange(len(centres) + 1))
    members = [order[bounds[c] : bounds[c + 1]] for c in range(len(centres))]
    nearest_cells = np.argsort(-(centres @ centres.T), axis=1)[:, :4]
    for cell, own in enumerate(members):
        if len(own) == 0:
            continue
        pool = np.concatenate([members[c] for c in nearest_cells[cell]])
        smoothed[own] = _neighbour_mean(vectors[own], vectors[pool], k)
    return _normalise_rows(smoothed)
