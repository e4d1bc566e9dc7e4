"""Measure theme grouping (NMI) and code suggestion (macro-F1) against the corpus's human labels."""

import argparse
import os
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis_corpus import load_corpus  # noqa: E402

from app.analysis.nlp.coding import (CodedAnswer, SuggestionConfig, UncodedAnswer, pick_answers_to_code,  # noqa: E402
                                     suggest_codes)
from app.analysis.nlp.themes import ThemeConfig, group_answers  # noqa: E402


def measure_themes(ids, texts, labels, seeds, k, **overrides):
    scores, ks = [], []
    for seed in seeds:
        result = group_answers(texts, ids, ThemeConfig(k=k, seed=seed, **overrides))
        scores.append(normalized_mutual_info_score(labels, [a.theme for a in result.answers]))
        ks.append(result.k)
    return np.mean(scores), np.std(scores), ks


def measure_suggestions(ids, texts, labels, budget, seeds, active=False, config=None, vectors=None):
    config = config or SuggestionConfig()
    f1s, accs = [], []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(texts))
        if active:
            chosen = list(order[: budget // 2])
            while len(chosen) < budget:
                rest = [i for i in order if i not in set(chosen)]
                coded = [CodedAnswer(ids[i], texts[i], (labels[i],)) for i in chosen]
                queue = pick_answers_to_code(
                    coded, [UncodedAnswer(ids[i], texts[i]) for i in rest], min(25, budget - len(chosen))
                )
                index_of = {ids[i]: i for i in rest}
                chosen += [index_of[q.answer_id] for q in queue]
        else:
            chosen = list(order[:budget])
        chosen_set = set(chosen)
        rest = [i for i in range(len(texts)) if i not in chosen_set]
        coded = [CodedAnswer(ids[i], texts[i], (labels[i],)) for i in chosen]
        extra = {}
        if vectors is not None:
            extra = {"embeddings": vectors[chosen + rest], "languages": ["de"] * len(texts)}
        suggestions = suggest_codes(coded, [UncodedAnswer(ids[i], texts[i]) for i in rest], config, **extra)
        truth = [labels[i] for i in rest]
        predicted = [s.suggested for s in suggestions]
        f1s.append(f1_score(truth, predicted, average="macro"))
        accs.append(accuracy_score(truth, predicted))
    return np.mean(f1s), np.std(f1s), np.mean(accs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--curve", default="25,50,100,200,400")
    parser.add_argument("--skip-active", action="store_true")
    parser.add_argument("--skip-themes", action="store_true")
    parser.add_argument("--skip-curve", action="store_true")
    parser.add_argument("--passage-min-chars", type=int, default=None, help="override ThemeConfig.passage_min_chars")
    parser.add_argument("--no-passages", action="store_true", help="group whole answers (segment_passages=False)")
    parser.add_argument("--compare-suggesters", action="store_true",
                        help="100 random labels: C=1 vs C=10, without and with sentence vectors (--vectors)")
    parser.add_argument("--vectors", type=Path, default=Path("/tmp/konzeptwerk-bench-vectors/bonn-2314.npy"),
                        help="the corpus's sentence vectors (bench/analysis_datasets.py caches them)")
    args = parser.parse_args()
    ids, texts, labels = load_corpus()
    seeds = range(args.seeds)
    if args.compare_suggesters:
        vectors = np.load(args.vectors) if args.vectors.exists() else None
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        print("| suggester (100 random Bonn labels -> rest of Bonn) | macro-F1 | sd | accuracy |")
        print("|---|---|---|---|")
        for c in (1.0, 10.0):
            for with_vectors in (False, True):
                if with_vectors and vectors is None:
                    continue
                f1, sd, acc = measure_suggestions(ids, texts, labels, 100, seeds, config=SuggestionConfig(
                    regularisation=c), vectors=vectors if with_vectors else None)
                print(f"| C={c:g}{' + sentence vectors' if with_vectors else ''} | {f1:.3f} | {sd:.3f} | {acc:.3f} |",
                      flush=True)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
        return
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| measure | setting | mean | spread (sd) | notes |")
    print("|---|---|---|---|---|")
    overrides = {}
    if args.passage_min_chars is not None:
        overrides["passage_min_chars"] = args.passage_min_chars
    if args.no_passages:
        overrides["segment_passages"] = False
    setting = f" ({overrides})" if overrides else ""
    if not args.skip_themes:
        mean, sd, ks = measure_themes(ids, texts, labels, seeds, 8, **overrides)
        print(f"| theme NMI | k=8 given{setting} | {mean:.3f} | {sd:.3f} | seeds {list(seeds)} |", flush=True)
        mean, sd, ks = measure_themes(ids, texts, labels, seeds, None, **overrides)
        print(f"| theme NMI | k chosen automatically{setting} | {mean:.3f} | {sd:.3f} | chosen k {ks} |", flush=True)
    for budget in [] if args.skip_curve else [int(b) for b in args.curve.split(",")]:
        f1, sd, acc = measure_suggestions(ids, texts, labels, budget, seeds)
        print(f"| suggestion macro-F1 | {budget} random labels | {f1:.3f} | {sd:.3f} | accuracy {acc:.3f} |", flush=True)
    if not args.skip_active:
        for budget in (100, 200):
            f1, sd, acc = measure_suggestions(ids, texts, labels, budget, seeds, active=True)
            print(f"| suggestion macro-F1 | {budget} labels, active (half random, then queue in 25s) | {f1:.3f} | {sd:.3f} "
                  f"| accuracy {acc:.3f} |", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
