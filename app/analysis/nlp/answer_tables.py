"""Read answer tables from CSV files with clear errors for the usual mistakes.

Spreadsheets saved in Germany often use ";" and sometimes Latin-1 or UTF-16;
the delimiter is sniffed, UTF-8 (with or without BOM) is expected, and any
other encoding is reported with a hint instead of garbled text.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

EXPECTED_ENCODING = "UTF-8"


class AnswerTableError(ValueError):
    """A CSV file that cannot be read as an answer table; the message says why."""


@dataclass(frozen=True)
class AnswerTable:
    """Column names and rows (as dicts) of a CSV file."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    def column(self, name: str) -> list[str]:
        """Return one column's values in row order."""
        return [row.get(name) or "" for row in self.rows]


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AnswerTableError(
            f"{path} is encoded as UTF-16, but {EXPECTED_ENCODING} was expected: re-save it as 'CSV UTF-8'."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswerTableError(
            f"{path} is not valid {EXPECTED_ENCODING} (byte {error.start}; probably Latin-1/Windows-1252): "
            "re-save it as 'CSV UTF-8'."
        ) from None


def read_answer_table(path: str | Path, required_columns: tuple[str, ...] = ()) -> AnswerTable:
    """Read a CSV file, sniffing the delimiter, and check that the required columns exist."""
    path = Path(path)
    if not path.is_file():
        raise AnswerTableError(f"File not found: {path}")
    text = _decode(path.read_bytes(), path)
    if not text.strip():
        raise AnswerTableError(f"{path} is empty.")
    first_line = text.splitlines()[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    if dialect.delimiter not in first_line:
        dialect = csv.excel
    reader = csv.DictReader(text.splitlines(keepends=True), dialect=dialect)
    columns = tuple(name.strip() for name in (reader.fieldnames or ()))
    reader.fieldnames = list(columns)
    rows = tuple({k: v for k, v in row.items() if k is not None} for row in reader)
    missing = [c for c in required_columns if c not in columns]
    if missing:
        raise AnswerTableError(
            f"{path} has no column {', '.join(repr(c) for c in missing)}; columns found: {', '.join(columns) or 'none'}."
        )
    if not rows:
        raise AnswerTableError(f"{path} has a header but no rows.")
    return AnswerTable(columns, rows)
