"""Keep numeric libraries from oversubscribing a small, shared machine.

Both BLAS (matrix products, factorisations) and scikit-learn's OpenMP loops
(k-means) run single-threaded by default. Measured on the shared 2-core
machine under load 5-11: 10,000 answers took 16-18 s with one BLAS thread and
37 s with two, and k-means took 10x longer with two OpenMP threads, because
spinning worker threads compete with other processes. Our matrices are small
(samples of a few thousand vectors), so a second thread gains little even on
an idle machine. NLP_BLAS_THREADS / NLP_OPENMP_THREADS override the limits.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits

BLAS_THREADS = int(os.environ.get("NLP_BLAS_THREADS", "1"))
OPENMP_THREADS = int(os.environ.get("NLP_OPENMP_THREADS", "1"))


@contextmanager
def limit_threads() -> Iterator[None]:
    """Limit BLAS and OpenMP thread pools for the duration of a computation."""
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"), threadpool_limits(
        limits=OPENMP_THREADS, user_api="openmp"
    ):
        yield
