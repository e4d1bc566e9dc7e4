"""Spherical k-means that can hold human decisions fixed, and a stability rule for choosing k.

Pinned items keep the theme a person gave them; those themes start from the
mean of their pinned items, so a re-run proposes around human decisions and
never overwrites them. The number of themes is chosen at the elbow ("knee") of
the within-theme similarity curve, averaged over several samples so it stays
cheap and steady.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans, kmeans_plusplus
from scipy import sparse

from app.analysis.nlp.threads import limit_threads

FREE = -1  #: marker in `fixed` for an item the algorithm may place anywhere
EXCLUDED = -2  #: marker in `fixed` for an item kept out of every theme


@dataclass(frozen=True)
class Partition:
    """Cluster index per item (EXCLUDED for items kept out) and unit centroids."""

    labels: np.ndarray
    centroids: np.ndarray
    objective: float


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


def _seed_centroids(vectors: np.ndarray, fixed: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    pinned_clusters = int(fixed.max()) + 1 if (fixed >= 0).any() else 0
    centroids = [_unit(vectors[fixed == c].mean(axis=0)) for c in range(pinned_clusters)]
    free = vectors[fixed == FREE]
    extra = k - pinned_clusters
    if extra > 0:
        if len(free) >= extra:
            seeds, _ = kmeans_plusplus(free, extra, random_state=int(rng.integers(2**31 - 1)))
        else:
            seeds = rng.normal(size=(extra, vectors.shape[1])).astype(vectors.dtype)
        centroids.extend(_unit(seeds))
    return np.vstack(centroids).astype(vectors.dtype) if centroids else np.zeros((0, vectors.shape[1]), vectors.dtype)


def _lloyd(vectors: np.ndarray, fixed: np.ndarray, centroids: np.ndarray, max_iter: int) -> Partition:
    movable = fixed == FREE
    labels = fixed.copy()
    for _ in range(max_iter):
        similarities = vectors[movable] @ centroids.T
        new_labels = labels.copy()
        new_labels[movable] = similarities.argmax(axis=1)
        placed = np.flatnonzero(new_labels >= 0)
        membership = sparse.csr_matrix(
            (np.ones(len(placed), dtype=vectors.dtype), (new_labels[placed], placed)), shape=(len(centroids), len(vectors))
        )
        sums = np.asarray(membership @ vectors)
        empty = np.linalg.norm(sums, axis=1) == 0
        sums[empty] = centroids[empty]
        centroids = _unit(sums)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    placed = labels >= 0
    objective = float(np.einsum("ij,ij->i", vectors[placed], centroids[labels[placed]]).sum())
    return Partition(labels, centroids, objective)


def _restarts(vectors: np.ndarray, fixed: np.ndarray, k: int, seed: int, n_init: int, max_iter: int) -> Partition:
    if (fixed == FREE).all() and len(vectors) > k:
        # float64 input: scikit-learn's k-means++ upcasts float32 distances chunk by chunk, which is slow.
        model = KMeans(n_clusters=k, n_init=n_init, max_iter=max_iter, random_state=seed).fit(vectors.astype(np.float64))
        centroids = _unit(model.cluster_centers_.astype(vectors.dtype))
        return Partition(model.labels_.astype(np.int64), centroids, float(-model.inertia_))
    rng = np.random.default_rng(seed)
    best: Partition | None = None
    for _ in range(n_init):
        partition = _lloyd(vectors, fixed, _seed_centroids(vectors, fixed, k, rng), max_iter)
        if best is None or partition.objective > best.objective:
            best = partition
    assert best is not None
    return best


def cluster_vectors(
    vectors: np.ndarray,
    k: int,
    fixed: np.ndarray | None = None,
    seed: int = 0,
    n_init: int = 5,
    max_iter: int = 100,
    restart_sample: int = 8000,
) -> Partition:
    """Partition unit vectors into k clusters, keeping items with fixed >= 0 where they are.

    Above `restart_sample` items the restarts run on a random sample (pinned
    items always included) and only the best of them is refined on all items.
    """
    fixed = np.full(len(vectors), FREE) if fixed is None else np.asarray(fixed)
    with limit_threads():
        if len(vectors) <= restart_sample or n_init <= 1:
            return _restarts(vectors, fixed, k, seed, n_init, max_iter)
        rng = np.random.default_rng(seed)
        free = np.flatnonzero(fixed == FREE)
        pinned = np.flatnonzero(fixed != FREE)
        drawn = rng.choice(free, max(restart_sample - len(pinned), min(len(free), k)), replace=False)
        sample = np.sort(np.concatenate([pinned, drawn]))
        best = _restarts(vectors[sample], fixed[sample], k, seed, n_init, max_iter)
        return _lloyd(vectors, fixed, best.centroids, max_iter)


def choose_k_by_elbow(
    vectors: np.ndarray, candidates: range, seed: int = 0, sample_size: int = 1500, samples: int = 5
) -> dict[int, float]:
    """Score each k by how far the normalised within-theme similarity gain lies above the straight line.

    The gain curve is averaged over `samples` random samples (or k-means starts, for
    inputs smaller than a sample) before the elbow is read, which steadies the choice:
    one curve often has a spurious early knee. Candidates should start at 4: below that
    the first step of the curve dominates and the elbow lands at the lower end.
    """
    ks = [k for k in candidates if k <= min(len(vectors), sample_size)]
    if len(ks) < 3:
        return {k: 0.0 for k in ks}
    rng = np.random.default_rng(seed)
    curves = []
    with limit_threads():
        for number in range(samples):
            sample = vectors
            if len(vectors) > sample_size:
                sample = vectors[rng.choice(len(vectors), sample_size, replace=False)]
            objectives = np.array([cluster_vectors(sample, k, seed=seed + number, n_init=2).objective for k in ks])
            curves.append((objectives - objectives[0]) / max(objectives[-1] - objectives[0], 1e-9))
    gain = np.mean(curves, axis=0)
    position = (np.array(ks) - ks[0]) / (ks[-1] - ks[0])
    return {k: float(score) for k, score in zip(ks, gain - position, strict=True)}
