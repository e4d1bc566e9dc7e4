"""Decompression bombs against the survey import: memory growth of reading one, in fresh subprocesses.

Each file is read by ``imports.read_table`` (what the import page calls first) in its own
subprocess, which reports ru_maxrss before and after and the peak of Python allocations
(tracemalloc). ``--code`` points at another checkout (e.g. main before the fix) to compare.

    .venv/bin/python bench/upload_bombs.py --mib 300,1150
    .venv/bin/python bench/upload_bombs.py --mib 300 --code /path/to/old/checkout
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import importlib.util, io, json, resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
spec = importlib.util.spec_from_file_location("zip_bombs", sys.argv[2] + "/tests/zip_bombs.py")
zip_bombs = importlib.util.module_from_spec(spec); spec.loader.exec_module(zip_bombs)
from openpyxl import Workbook
office_bomb = zip_bombs.office_bomb
from app import create_app
from app.surveys import imports
workbook = Workbook(); workbook.active.append(["Kürzel", "q1"]); workbook.active.append(["I-01", "BOMB"])
buffer = io.BytesIO(); workbook.save(buffer)
bomb = office_bomb(buffer.getvalue(), "xl/worksheets/sheet1.xml", int(sys.argv[3]))
app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start(); start = time.perf_counter()
with app.test_request_context():
    try:
        imports.read_table("antworten.xlsx", bomb); outcome = "accepted"
    except Exception as error:
        outcome = "refused: " + str(getattr(error, "message", error))[:60]
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"file_mb": round(len(bomb) / 1e6, 2), "outcome": outcome, "seconds": round(seconds, 2),
                  "python_peak_mb": round(peak / 2**20, 1), "rss_growth_mb": round((after - before) / 1024, 1)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", default="300,1150", help="unpacked sizes of the bomb's sheet in MiB")
    parser.add_argument("--code", default=str(ROOT), help="checkout whose app/ reads the file")
    args = parser.parse_args()
    print("| unpacked | file | outcome | seconds | Python peak | RSS growth |")
    print("|---|---|---|---|---|---|")
    for mib in (int(n) for n in args.mib.split(",")):
        result = json.loads(subprocess.run([sys.executable, "-c", CHILD, args.code, str(ROOT), str(mib)],
                                           check=True, capture_output=True, text=True).stdout.splitlines()[-1])
        print(f"| {mib} MiB | {result['file_mb']} MB | {result['outcome']} | {result['seconds']} | "
              f"{result['python_peak_mb']} MiB | {result['rss_growth_mb']} MiB |")


if __name__ == "__main__":
    main()
