"""Run every benchmark in bench/ one after another with its default arguments.

Each script prints its own table; copy the figures into bench/RESULTS.md together
with the command. Benchmarks are bounded in time and only talk to 127.0.0.1.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def list_benchmarks() -> list[Path]:
    """Return the benchmark scripts (every bench/*.py that has a main guard, except this one)."""
    scripts = []
    for path in sorted(HERE.glob("*.py")):
        if path.name == Path(__file__).name:
            continue
        if 'if __name__ == "__main__"' in path.read_text(encoding="utf-8"):
            scripts.append(path)
    return scripts


def main() -> int:
    """Run all benchmarks and return the number that failed."""
    failed = 0
    for script in list_benchmarks():
        print(f"\n=== {script.name} ===", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        failed += result.returncode != 0
    return failed


if __name__ == "__main__":
    sys.exit(main())
