"""Time theme grouping end to end at growing sizes and record peak memory, one subprocess per size.

Inputs larger than the corpus are synthesised by recombining its sentences:
each synthetic answer joins 1-4 randomly drawn corpus sentences.
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


def measure_once(count: int) -> dict:
    """Group `count` synthetic answers and return seconds and peak RSS (run inside the child)."""
    from app.analysis.nlp.themes import ThemeConfig, group_answers

    texts = synthesise_answers(count)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    cpu_started = time.process_time()
    result = group_answers(texts, config=ThemeConfig())
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "answers": count,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "peak_mb": round(peak_mb),
        "k": result.k,
        "load": f"{load_before:.1f} / {os.getloadavg()[0]:.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_once(args.child)))
        return
    print("| answers | wall seconds | CPU seconds (this process) | peak RSS (MB) | chosen k | load avg 1 min (start / end) |")
    print("|---|---|---|---|---|---|")
    for size in [int(s) for s in args.sizes.split(",")]:
        out = subprocess.run([sys.executable, __file__, "--child", str(size)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {row['answers']:,} | {row['seconds']} | {row['cpu_seconds']} | {row['peak_mb']} | {row['k']} | {row['load']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
