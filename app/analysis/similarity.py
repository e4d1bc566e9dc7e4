"""How alike two sets of short texts are: one function the rest of the app calls for text similarity.

Today this is character n-gram TF-IDF (3–5 characters within words, gendered forms reduced first),
which matches German paraphrases by shared word parts ("Benachteiligung erlebt" ~ "erleben Sie
Benachteiligung"). Callers only rely on the contract: a matrix of cosine similarities in 0..1, one
row per query, one column per candidate. A better vector space (multilingual embeddings) replaces the
inside of :func:`text_similarity` and every caller gains from it.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.analysis.nlp.preprocessing import normalise_gendered_forms


def _prepared(text: str) -> str:
    return normalise_gendered_forms(text or "").casefold()


def text_similarity(queries: Sequence[str], candidates: Sequence[str], *, language: str = "de") -> np.ndarray:
    """Return cosine similarities (0..1) of each query (rows) to each candidate (columns)."""
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
