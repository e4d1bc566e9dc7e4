"""Load the Cycling Dialogue Bonn benchmark corpus (title + ". " + text, human category)."""

import csv
from pathlib import Path

CORPUS = Path("/work/shared/data/cycling-dialogue-bonn.csv")


def load_corpus(path: Path = CORPUS) -> tuple[list[str], list[str], list[str]]:
    """Return ids, texts and human categories."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["id"] for r in rows], [f"{r['title'].strip()}. {r['text'].strip()}" for r in rows], [r["category"] for r in rows]
