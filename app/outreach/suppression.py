"""Small-cell suppression of attendance counts: no figure lets anyone single out a few people.

Pure functions on plain data. A count of 1 to ``min_size - 1`` people is never shown. When exactly
one count of a table is hidden and the total is shown, the smallest other count is hidden as well
(secondary suppression), else the hidden one could be worked out from the total. A total below
``min_size`` is hidden too. Zero counts say nothing about anyone and are shown.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

#: Smallest group whose size is shown (as in the analysis' group comparison).
MIN_CELL_SIZE = 5


@dataclass(frozen=True)
class CountCell:
    """One group's count; a suppressed cell carries no figure."""

    key: Hashable
    label: str
    count: int | None
    is_suppressed: bool


@dataclass(frozen=True)
class CountTable:
    """Counts per group with their total, ready to show or export."""

    cells: list[CountCell]
    total: int | None
    is_total_suppressed: bool
    min_size: int

    @property
    def has_suppressed(self) -> bool:
        """Return whether any figure is hidden."""
        return self.is_total_suppressed or any(cell.is_suppressed for cell in self.cells)


def suppress_counts(counts: Iterable[tuple[Hashable, str, int]], min_size: int = MIN_CELL_SIZE) -> CountTable:
    """Return the counts ``(key, label, count)`` with every small cell (and what would reveal it) hidden."""
    rows = [(key, label, int(count)) for key, label, count in counts]
    total = sum(count for _, _, count in rows)
    hidden = {index for index, (_, _, count) in enumerate(rows) if 0 < count < min_size}
    is_total_suppressed = 0 < total < min_size
    if len(hidden) == 1 and not is_total_suppressed:
        others = [(count, index) for index, (_, _, count) in enumerate(rows) if index not in hidden and count > 0]
        if others:
            hidden.add(min(others)[1])
        else:
            is_total_suppressed = True
    cells = [CountCell(key, label, None if index in hidden else count, index in hidden)
             for index, (key, label, count) in enumerate(rows)]
    return CountTable(cells, None if is_total_suppressed else total, is_total_suppressed, min_size)
