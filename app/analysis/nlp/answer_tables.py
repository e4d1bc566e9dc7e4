"""Read answer tables from CSV files with clear errors for the usual mistakes.

Spreadsheets saved in Germany often use ";" and sometimes Latin-1 or UTF-16;
only the delimiter is sniffed, UTF-8 (with or without BOM) is expected, and any
other encoding is reported with a hint instead of garbled text.

Everything else is the standard (RFC 4180 / Excel) dialect: doubled quotes
inside quoted cells, line breaks inside quoted cells. `csv.Sniffer` guesses
`doublequote` and `quotechar` too, and on well-formed files whose texts
contain `""` it guessed wrong and cut those texts at the first doubled quote,
so it is asked only which delimiter the header line uses.
"""

from __future__ import annotations

import csv
import io
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


DELIMITERS = ",;\t|"


class _Dialect(csv.excel):
    """The standard dialect (doubled quotes, quoted line breaks) with the sniffed delimiter."""


def _header_line(text: str) -> str:
    """The first record's text up to its end (a quoted header cell may itself hold a line break)."""
    inside = False
    for index, char in enumerate(text):
        if char == '"':
            inside = not inside
        elif char in "\r\n" and not inside:
            return text[:index]
    return text


def _dialect(header: str) -> type[csv.Dialect]:
    """The standard dialect with the delimiter the header line uses most (outside quotes); comma if none."""
    outside = "".join(part for number, part in enumerate(header.split('"')) if number % 2 == 0)
    counts = {delimiter: outside.count(delimiter) for delimiter in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    if counts[delimiter] == 0:
        delimiter = ","
    return type("SniffedDialect", (_Dialect,), {"delimiter": delimiter})


def read_answer_table(path: str | Path, required_columns: tuple[str, ...] = ()) -> AnswerTable:
    """Read a CSV file (standard dialect, delimiter from the header line); check that the required columns exist."""
    path = Path(path)
    if not path.is_file():
        raise AnswerTableError(f"File not found: {path}")
    text = _decode(path.read_bytes(), path)
    if not text.strip():
        raise AnswerTableError(f"{path} is empty.")
    dialect = _dialect(_header_line(text))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
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
