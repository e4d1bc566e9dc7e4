"""Compare how often groups of respondents raise each theme: counts, shares, lift and exact tests.

Pure functions on plain data (no database). A cell is one theme and one group
(e.g. "with migration history"); it counts respondents, not passages. Each cell is
tested 2×2 against the rest of the respondents with Fisher's exact test (right for
small numbers) and the p-values of a table are Holm-corrected. A chi-square test per
theme is only reported when all expected counts are at least 5. Cells with fewer
than ``min_cell_size`` respondents are suppressed, and so is a second cell of the
same row when one suppressed cell could otherwise be worked out from the row total.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from scipy.stats import chi2_contingency, fisher_exact

#: Label used for respondents without a value for the attribute.
NOT_STATED = "not_stated"


@dataclass(frozen=True)
class GroupColumn:
    """A group of respondents (a column): its name, its size, and whether it is too small to show."""

    name: str
    size: int
    is_suppressed: bool


@dataclass(frozen=True)
class Cell:
    """One theme in one group. Suppressed cells carry no figures at all."""

    group: str
    count: int | None
    share: float | None
    lift: float | None
    p_value: float | None
    p_adjusted: float | None
    is_suppressed: bool

    @property
    def is_significant(self) -> bool:
        """Return whether the Holm-corrected p-value is below 0.05."""
        return self.p_adjusted is not None and self.p_adjusted < 0.05


@dataclass(frozen=True)
class ComparisonRow:
    """A theme's row: respondents raising it overall and per group."""

    key: Hashable
    label: str
    total: int
    share: float
    cells: list[Cell]
    chi_square_p: float | None
    #: Why no chi-square test is shown ("expected counts below 5"), or "".
    chi_square_note: str


@dataclass(frozen=True)
class Comparison:
    """A theme × group table."""

    attribute: str
    respondents: int
    groups: list[GroupColumn]
    rows: list[ComparisonRow]
    min_cell_size: int
    tested_cells: int


def holm_adjust(p_values: list[float]) -> list[float]:
    """Return Holm–Bonferroni adjusted p-values in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def compare_groups(membership: Mapping[Hashable, str | None], mentions: Mapping[Hashable, set],
                   labels: Mapping[Hashable, str], *, attribute: str = "", min_cell_size: int = 5,
                   group_order: list[str] | None = None) -> Comparison:
    """Build the theme × group table from who belongs to which group and who raised which theme.

    ``membership`` maps respondent -> group name (None counts as NOT_STATED);
    ``mentions`` maps theme key -> respondents who raised it; ``labels`` theme key -> label.
    """
    groups_of = {r: (g if g not in (None, "") else NOT_STATED) for r, g in membership.items()}
    sizes: dict[str, int] = {}
    for group in groups_of.values():
        sizes[group] = sizes.get(group, 0) + 1
    names = [g for g in (group_order or []) if g in sizes] + sorted(g for g in sizes if g not in (group_order or []))
    columns = [GroupColumn(g, sizes[g], sizes[g] < min_cell_size) for g in names]
    everyone = len(groups_of)

    raw_rows = []
    for key in mentions:
        raisers = {r for r in mentions[key] if r in groups_of}
        counts = {g: 0 for g in names}
        for respondent in raisers:
            counts[groups_of[respondent]] += 1
        raw_rows.append((key, raisers, counts))

    # Primary and complementary suppression, row by row.
    hidden: dict[tuple, bool] = {}
    for key, raisers, counts in raw_rows:
        small = {g for g in names if sizes[g] < min_cell_size or 0 < counts[g] < min_cell_size}
        if len(small) == 1 and len(raisers) > 0:
            candidates = sorted((g for g in names if g not in small and counts[g] > 0), key=lambda g: counts[g])
            if candidates:
                small.add(candidates[0])
        for g in names:
            hidden[(key, g)] = g in small

    tests: list[tuple[tuple, float]] = []
    p_raw: dict[tuple, float] = {}
    for key, raisers, counts in raw_rows:
        for g in names:
            if hidden[(key, g)] or everyone == 0:
                continue
            a = counts[g]
            b = sizes[g] - a
            c = len(raisers) - a
            d = everyone - sizes[g] - c
            if sizes[g] == everyone:
                continue
            p_raw[(key, g)] = float(fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue)
            tests.append(((key, g), p_raw[(key, g)]))
    adjusted = dict(zip([t[0] for t in tests], holm_adjust([t[1] for t in tests]), strict=True))

    rows = []
    for key, raisers, counts in raw_rows:
        overall = len(raisers) / everyone if everyone else 0.0
        cells = []
        for g in names:
            if hidden[(key, g)]:
                cells.append(Cell(g, None, None, None, None, None, True))
                continue
            share = counts[g] / sizes[g] if sizes[g] else 0.0
            lift = share / overall if overall else None
            cells.append(Cell(g, counts[g], share, lift, p_raw.get((key, g)), adjusted.get((key, g)), False))
        chi_p, note = _chi_square(raisers, counts, sizes, names, min_cell_size)
        rows.append(ComparisonRow(key, labels.get(key, str(key)), len(raisers), overall, cells, chi_p, note))
    return Comparison(attribute, everyone, columns, rows, min_cell_size, len(tests))


def _chi_square(raisers: set, counts: dict[str, int], sizes: dict[str, int], names: list[str],
                min_cell_size: int) -> tuple[float | None, str]:
    shown = [g for g in names if sizes[g] >= min_cell_size]
    if len(shown) < 2:
        return None, "too_few_groups"
    table = [[counts[g] for g in shown], [sizes[g] - counts[g] for g in shown]]
    if sum(table[0]) == 0 or sum(table[1]) == 0:
        return None, "no_variation"
    total = sum(sizes[g] for g in shown)
    row_sums = [sum(r) for r in table]
    expected = [[row_sums[i] * sizes[g] / total for g in shown] for i in range(2)]
    if min(min(r) for r in expected) < 5:
        return None, "expected_below_5"
    return float(chi2_contingency(table, correction=False).pvalue), ""
