"""Row ids as the database can hold them: URL converters and checks for ids that arrive in forms or JSON.

PostgreSQL's ``integer`` ends at 2 147 483 647 and SQLite's at 2**63 - 1; a larger id made the
database (or the driver) fail with a server error instead of a plain "not found". No id is ever
larger than the smaller bound, so everything above it is unknown.
"""
from __future__ import annotations

from werkzeug.routing import IntegerConverter

#: Largest id a row can have (PostgreSQL ``integer``; ids are autoincremented from 1).
MAX_DATABASE_ID = 2**31 - 1


def digits_up_to(limit: int) -> str:
    """Return a regular expression matching the decimal numbers 0 … limit (no sign, no leading zeros needed)."""
    text = str(limit)
    choices = [rf"\d{{1,{len(text) - 1}}}"] if len(text) > 1 else []
    for position, digit in enumerate(text):
        if digit != "0":
            rest = len(text) - position - 1
            choices.append(f"{text[:position]}[0-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    choices.append(text)
    return "(?:" + "|".join(choices) + ")"


class DatabaseIdConverter(IntegerConverter):
    """``<int:…>`` in every route: 0 … MAX_DATABASE_ID, so a larger number answers 404 before any query.

    The bound is part of the pattern: a number that fails only in ``to_python`` would let Werkzeug
    answer 405 where another rule has the same path for other methods.
    """

    regex = digits_up_to(MAX_DATABASE_ID)

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002 - Werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_DATABASE_ID if max is None else max,
                         signed=signed)


def as_database_id(value) -> int | None:
    """Return ``value`` as a possible row id (an integer, or digits, from 1 to MAX_DATABASE_ID), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.isdigit() or len(value) > 10:
            return None
        value = int(value)
    if isinstance(value, int) and 1 <= value <= MAX_DATABASE_ID:
        return value
    return None
