"""Monheim's measures table: No. | measure and steps (with goals and indicators) | period | cost | by."""
from __future__ import annotations

from app.concept.markup import Run, parse, parse_inline
from app.concept.word.data import DocMeasure
from app.concept.word.fields import add_caption
from app.concept.word.tables import (MIN_MAIN_COLUMN_CM, ColumnText, add_row, column_widths, fill_cell,
                                     new_table)

MEASURE_COLUMNS = ("Lfd. Nr.", "Ideen, Maßnahmen und Umsetzungsschritte", "Zeitraum der Umsetzung", "Kosten",
                   "Umsetzung durch")
MEASURE_ALIGN = ["right", "left", "left", "left", "left"]
RUNNING_CAPTION = "Bereits umgesetzt, laufende Aktivitäten"
PLANNED_CAPTION = "Geplante Maßnahmen"


def _title(measure: DocMeasure) -> str:
    return measure.title + (f" ({measure.status_note})" if measure.status_note else "")


def _indicator_line(indicator) -> str:
    parts = [f"Ausgangswert {indicator.baseline}" if indicator.baseline else "",
             f"Ziel {indicator.target}" if indicator.target else "",
             (f"aktuell {indicator.current}" + (f" (Stand {indicator.current_on})" if indicator.current_on else ""))
             if indicator.current else ""]
    values = " · ".join(p for p in parts if p)
    return f"{indicator.name}" + (f": {values}" if values else "")


def _main_lines(measure: DocMeasure) -> list[str]:
    lines = [_title(measure)]
    lines += [block.plain_text for block in parse(measure.description)]
    lines += [f"({index}) {step}" for index, step in enumerate(measure.steps, start=1)]
    lines += [f"Ziel: {goal}" for goal in measure.goals]
    lines += [f"Indikator: {_indicator_line(i)}" for i in measure.indicators]
    return lines


def _columns(measures: list[DocMeasure]) -> list[ColumnText]:
    return [ColumnText(MEASURE_COLUMNS[0], [str(m.number) for m in measures]),
            ColumnText(MEASURE_COLUMNS[1], [line for m in measures for line in _main_lines(m)],
                       tuple(_title(m) for m in measures)),
            ColumnText(MEASURE_COLUMNS[2], [m.period for m in measures]),
            ColumnText(MEASURE_COLUMNS[3], [m.cost for m in measures]),
            ColumnText(MEASURE_COLUMNS[4], [m.implemented_by for m in measures])]


def measure_widths(measures: list[DocMeasure], available_cm: float, *, factor: float = 1.0
                   ) -> tuple[list[float], bool]:
    """Return the measures table's column widths and whether they suit the width (every word whole, room to read)."""
    widths, fits = column_widths(_columns(measures), available_cm, factor=factor, max_line_cm=available_cm)
    return widths, fits and widths[1] >= MIN_MAIN_COLUMN_CM


def add_measures_table(document, caption: str, measures: list[DocMeasure], widths: list[float]) -> None:
    """Add one of Monheim's measures tables: caption kept with it, header repeated, rows kept whole."""
    add_caption(document, "Tabelle", caption, keep_with_next=True)
    table = new_table(document, list(MEASURE_COLUMNS), widths, align=MEASURE_ALIGN)
    for measure in measures:
        cells = add_row(table)
        fill_cell(document, cells[0], [Run(str(measure.number))], align="right")
        main = cells[1]
        fill_cell(document, main, [Run(_title(measure), bold=True)])
        for block in parse(measure.description):
            items = block.items if block.kind in ("bullets", "numbers") else [sum(block.items, [])]
            for index, item in enumerate(items):
                prefix = {"bullets": [Run("• ")], "numbers": [Run(f"{index + 1}. ")]}.get(block.kind, [])
                fill_cell(document, main, prefix + item, first=False)
        if measure.steps:
            fill_cell(document, main, [Run("Umsetzungsschritte:", italic=True)], first=False)
            for index, step in enumerate(measure.steps, start=1):
                fill_cell(document, main, [Run(f"({index}) ")] + parse_inline(step), first=False)
        for goal in measure.goals:
            fill_cell(document, main, [Run("Ziel: ", italic=True), Run(goal)], first=False)
        for indicator in measure.indicators:
            fill_cell(document, main, [Run("Indikator: ", italic=True), Run(_indicator_line(indicator))],
                      first=False)
        fill_cell(document, cells[2], [Run(measure.period)])
        fill_cell(document, cells[3], [Run(measure.cost)], align="right" if measure.cost_is_amount else "left")
        fill_cell(document, cells[4], [Run(measure.implemented_by)])
