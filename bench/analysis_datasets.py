"""Theme grouping on every dev corpus: NMI to the human labels (and to the language, for the multilingual set).

Corpora: Bonn (short German contributions, /work/shared/data), the news dev set (long German
texts, ../shared/data/news-10kgnad-dev.csv) and bench/data/multilingual-residents.csv (our own
80 answers: 5 themes x 4 languages). Sentence vectors are encoded once per corpus and cached
(--cache), as the app stores them at import; timings of grouping therefore exclude encoding.

    .venv/bin/python bench/analysis_datasets.py --corpora multilingual,bonn,news --seeds 3
    .venv/bin/python bench/analysis_datasets.py --corpora news --grid   # neighbours x dims x passages
"""

import argparse
import csv
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.metrics import normalized_mutual_info_score as nmi

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analysis_corpus import load_corpus  # noqa: E402

from app.analysis.nlp.embeddings import encode_texts  # noqa: E402
from app.analysis.nlp.languages import detect_languages  # noqa: E402
from app.analysis.nlp.text_space import SpaceSettings  # noqa: E402
from app.analysis.nlp.themes import ThemeConfig, group_answers  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news-10kgnad-dev.csv"
if not NEWS.exists():
    NEWS = Path("/work/shared/data/news-10kgnad-dev.csv")
MULTILINGUAL = ROOT / "bench" / "data" / "multilingual-residents.csv"


def load(name):
    """Return ids, texts, labels and known languages (None: detect) of a corpus."""
    if name == "bonn":
        ids, texts, labels = load_corpus()
        return ids, texts, labels, None
    path = NEWS if name == "news" else MULTILINGUAL
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    label = "category" if name == "news" else "theme"
    return [r["id"] for r in rows], [r["text"] for r in rows], [r[label] for r in rows], (
        [r["language"] for r in rows] if name == "multilingual" else None)


def vectors_for(name, texts, cache: Path):
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{name}-{len(texts)}.npy"
    if path.exists():
        return np.load(path), None
    started = time.perf_counter()
    vectors = encode_texts(texts)
    seconds = time.perf_counter() - started
    np.save(path, vectors)
    return vectors, seconds


def run(texts, ids, labels, truth_languages, vectors, languages, seeds, k, **overrides):
    scores, to_language, ks, seconds = [], [], [], []
    for seed in seeds:
        # The app's unit "answer" (its default for surveys; the human labels are per text): no passages.
        config = ThemeConfig(k=k, seed=seed, **{"segment_passages": False, **overrides})
        started = time.perf_counter()
        result = group_answers(texts, ids, config, embeddings=vectors, languages=languages)
        seconds.append(time.perf_counter() - started)
        found = [a.theme for a in result.answers]
        scores.append(nmi(labels, found))
        if truth_languages is not None:
            to_language.append(nmi(truth_languages, found))
        ks.append(result.k)
    return (np.mean(scores), np.std(scores), np.mean(to_language) if to_language else None, ks,
            np.mean(seconds), result.vector_source)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", default="multilingual,bonn,news")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/konzeptwerk-bench-vectors"))
    parser.add_argument("--grid", action="store_true", help="neighbours x LSA dims x passages, words only")
    parser.add_argument("--weights", default="0,0.5,1", help="embedding weights to compare")
    args = parser.parse_args()
    seeds = range(args.seeds)
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| corpus | setting | k | NMI to label | sd | NMI to language | chosen k | seconds (grouping) | placed by |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.corpora.split(","):
        ids, texts, labels, truth_languages = load(name)
        true_k = len(set(labels))
        if args.grid:
            for passages in (False, True):
                for neighbours in (1, 5, 15, 40):
                    for dims in (150,):
                        space = SpaceSettings(dims=dims, neighbours=neighbours)
                        mean, sd, _lang, ks, secs, source = run(texts, ids, labels, None, None, None, seeds, true_k,
                                                                space=space, segment_passages=passages)
                        print(f"| {name} | passages={passages} neighbours={neighbours} dims={dims} | {true_k} | "
                              f"{mean:.3f} | {sd:.3f} | | | {secs:.1f} | {source} |", flush=True)
            continue
        vectors, encode_seconds = vectors_for(name, texts, args.cache)
        if encode_seconds is not None:
            print(f"| {name} | encoding {len(texts)} texts once | | | | | | {encode_seconds:.1f} | |", flush=True)
        languages = truth_languages if truth_languages is not None else detect_languages(texts)
        if name == "multilingual":
            detected = detect_languages(texts)
            agree = np.mean([a == b for a, b in zip(detected, truth_languages, strict=True)])
            print(f"| {name} | language detection agrees with the labels | | {agree:.3f} | | | | | |")
        for weight in [float(w) for w in args.weights.split(",")]:
            for k in (true_k, None):
                mean, sd, lang, ks, secs, source = run(texts, ids, labels, truth_languages, vectors, languages, seeds,
                                                       k, embedding_weight=weight)
                lang_text = f"{lang:.3f}" if lang is not None else ""
                print(f"| {name} | embedding weight {weight} (data-driven settings) | {k or 'auto'} | {mean:.3f} | "
                      f"{sd:.3f} | {lang_text} | {ks if k is None else ''} | {secs:.1f} | {source} |", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
