"""Small cells are never shown, and no hidden cell can be worked out from the total."""
from __future__ import annotations

from app.outreach.suppression import suppress_counts


def _shown(table):
    return {cell.key: cell.count for cell in table.cells}


def test_counts_of_five_and_more_are_shown_with_their_total():
    table = suppress_counts([("a", "A", 12), ("b", "B", 5), ("c", "C", 0)])
    assert _shown(table) == {"a": 12, "b": 5, "c": 0}
    assert table.total == 17 and not table.has_suppressed


def test_a_single_small_cell_takes_the_next_smallest_with_it():
    table = suppress_counts([("a", "A", 20), ("b", "B", 7), ("c", "C", 2)])
    assert _shown(table) == {"a": 20, "b": None, "c": None}
    assert table.total == 29


def test_two_small_cells_hide_each_other():
    table = suppress_counts([("a", "A", 20), ("b", "B", 3), ("c", "C", 1)])
    assert _shown(table) == {"a": 20, "b": None, "c": None}


def test_a_small_total_is_hidden_too():
    table = suppress_counts([("a", "A", 3)])
    assert _shown(table) == {"a": None}
    assert table.total is None and table.is_total_suppressed
