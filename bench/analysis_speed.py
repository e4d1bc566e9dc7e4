"""Time theme grouping end to end at growing sizes and record peak memory, one subprocess per size.

Inputs larger than the corpus are synthesised by recombining its sentences:
each synthetic answer joins 1-4 randomly drawn corpus sentences.

`--with-vectors` passes stored sentence vectors as the app does (random unit vectors stand in
for them: the timing does not depend on their values) and marks every fifth answer as Turkish,
so the run takes the multilingual "meaning" path; with `--german-vectors` too, every answer is German and
the run takes the "meaning+words" path (both spaces, joined); without either the run is the German words path.
`--encode N` times encoding N short answers as the import job does (CPU and wall seconds).
"""

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def synthesise_answers(count: int, seed: int = 0) -> list[str]:
    """Return `count` answers made of recombined corpus sentences."""
    import numpy as np
    from analysis_corpus import load_corpus

    _, texts, _ = load_corpus()
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 20]
    rng = np.random.default_rng(seed)
    return [" ".join(sentences[i] for i in rng.integers(0, len(sentences), rng.integers(1, 5))) for _ in range(count)]


def measure_once(count: int, with_vectors: bool = False, german: bool = False) -> dict:
    """Group `count` synthetic answers and return seconds and peak RSS (run inside the child)."""
    import numpy as np

    from app.analysis.nlp.themes import ThemeConfig, group_answers

    texts = synthesise_answers(count)
    extra = {}
    if with_vectors:
        rng = np.random.default_rng(0)
        vectors = rng.standard_normal((count, 384)).astype(np.float32)
        extra = {"embeddings": vectors / np.linalg.norm(vectors, axis=1, keepdims=True),
                 "languages": ["tr" if i % 5 == 0 and not german else "de" for i in range(count)]}
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    cpu_started = time.process_time()
    result = group_answers(texts, config=ThemeConfig(), **extra)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "answers": count,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "peak_mb": round(peak_mb),
        "k": result.k,
        "placed_by": result.vector_source,
        "load": f"{load_before:.1f} / {os.getloadavg()[0]:.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--with-vectors", action="store_true")
    parser.add_argument("--german-vectors", action="store_true", help="with --with-vectors: all answers German")
    parser.add_argument("--encode", type=int, default=0, help="time encoding this many short answers instead")
    args = parser.parse_args()
    if args.encode:
        measure_encoding(args.encode)
        return
    if args.child:
        print(json.dumps(measure_once(args.child, args.with_vectors, args.german_vectors)))
        return
    print("| answers | wall seconds | CPU seconds (this process) | peak RSS (MB) | chosen k | placed by | "
          "load avg 1 min (start / end) |")
    print("|---|---|---|---|---|---|---|")
    for size in [int(s) for s in args.sizes.split(",")]:
        command = [sys.executable, __file__, "--child", str(size)] + (["--with-vectors"] if args.with_vectors else []) + (
            ["--german-vectors"] if args.german_vectors else [])
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {row['answers']:,} | {row['seconds']} | {row['cpu_seconds']} | {row['peak_mb']} | {row['k']} | "
            f"{row['placed_by']} | {row['load']} |",
            flush=True,
        )


def measure_encoding(count: int) -> None:
    """Encode `count` short answers (the multilingual dev set's 80, repeated with a number) as the import job does."""
    import csv

    from app.analysis.nlp.embeddings import encode_texts
    from app.analysis.nlp.languages import detect_languages

    with (ROOT / "bench" / "data" / "multilingual-residents.csv").open(encoding="utf-8") as handle:
        base = [row["text"] for row in csv.DictReader(handle)]
    texts = [f"{base[i % len(base)]} ({i})" for i in range(count)]
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    encode_texts(texts)
    detect_languages(texts)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {count:,} short answers | {seconds:.1f} wall | {cpu_seconds:.1f} CPU | {count / cpu_seconds:.0f} per "
          f"CPU second | peak {peak_mb:.0f} MB | load {load_before:.1f} / {os.getloadavg()[0]:.1f} |")


if __name__ == "__main__":
    main()
