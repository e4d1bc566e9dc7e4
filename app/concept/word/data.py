"""The shaped data the Word builder takes (plain dataclasses), and German number, money and date formats."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

#: Table orientation choices of the export: landscape where the measures tables need it, or never.
ORIENTATIONS = ("auto", "portrait")


@dataclass
class DocChart:
    """A horizontal bar chart to draw: one series (``values``), stacked or grouped ``series``; caption and alt text.

    The builder draws it for the section's text width in the template's font and colours.
    """

    title: str
    alt_text: str
    labels: list[str]
    values: list[float] = field(default_factory=list)
    value_label: str = ""
    #: Stacked bars: series name -> one value per label (drawn in this order).
    series: dict[str, list[float]] = field(default_factory=dict)
    #: Draw the series side by side instead of stacked (e.g. one bar per year), on a scale up to ``max_value``.
    grouped: bool = False
    max_value: float | None = None


@dataclass
class DocTable:
    """A captioned table; ``align`` gives "left" or "right" per column (numbers right)."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    align: list[str] | None = None


@dataclass
class DocQuote:
    """A pseudonymised quote from the interviews."""

    text: str
    pseudonym: str
    group: str = ""
    #: Where it was said, from an interview transcript ("Interview I-12, 00:04:09"); "" otherwise.
    cited_as: str = ""


@dataclass
class DocEvidence:
    """A theme of the analysis that a goal rests on, with its size and a few quotes."""

    theme: str
    statements: int
    respondents: int
    quotes: list[DocQuote] = field(default_factory=list)


@dataclass
class DocGoal:
    """A guiding goal (with its action goals) or an action goal: priority, evidence and serving measures."""

    kind: str
    title: str
    description: str = ""
    priority: str = ""
    children: list[DocGoal] = field(default_factory=list)
    evidence: list[DocEvidence] = field(default_factory=list)
    #: Running numbers of the measures serving the goal, e.g. ["Nr. 1", "Nr. 4"].
    measures: list[str] = field(default_factory=list)


@dataclass
class DocIndicator:
    """A success indicator of a measure, values already formatted."""

    name: str
    baseline: str = ""
    target: str = ""
    current: str = ""
    current_on: str = ""


@dataclass
class DocMeasure:
    """One row of Monheim's measures table, with the goals it serves and its indicators."""

    number: int
    title: str
    description: str = ""
    steps: list[str] = field(default_factory=list)
    period: str = ""
    cost: str = ""
    implemented_by: str = ""
    status_note: str = ""
    #: Whether ``cost`` starts with an amount (right-aligned).
    cost_is_amount: bool = False
    goals: list[str] = field(default_factory=list)
    indicators: list[DocIndicator] = field(default_factory=list)


@dataclass
class DocSection:
    """A numbered section with its text and what the concept adds to it (goals, measures, charts, tables).

    ``kind`` is the outline kind ("field_chapter", "measures" …); ``number`` is the app's number,
    which the document's heading numbering reproduces.
    """

    number: str
    title: str
    level: int
    body: str = ""
    kind: str = "text"
    goals: list[DocGoal] = field(default_factory=list)
    running: list[DocMeasure] | None = None
    planned: list[DocMeasure] | None = None
    charts: list[DocChart] = field(default_factory=list)
    tables: list[DocTable] = field(default_factory=list)
    bullet_lines: list[str] = field(default_factory=list)
    #: Paragraphs of plain text before the tables (e.g. the status of the field's measures).
    summary_lines: list[str] = field(default_factory=list)


@dataclass
class ConceptDocument:
    """Everything the Word builder needs, including the document's properties."""

    municipality: str
    title: str
    subtitle: str
    issued_on: date
    sections: list[DocSection]
    kind_label: str = "Integrationskonzept"
    #: Author in the document properties: the municipality or its office.
    author: str = ""
    subject: str = ""
    keywords: str = ""
    #: "auto": measures tables in landscape where their columns need it; "portrait": never.
    orientation: str = "auto"


@dataclass
class ReportFieldRow:
    """Measures of one field of action by status at the end of the period."""

    name: str
    counts: dict[str, int]


@dataclass
class MonitoringDocument:
    """A monitoring (progress) report for a period."""

    municipality: str
    title: str
    period_label: str
    issued_on: date
    status_labels: dict[str, str]
    rows: list[ReportFieldRow]
    changes: DocTable
    indicators: DocTable
    chart: DocChart | None = None
    intro: str = ""
    #: Further chapters from other capabilities (``app/concept/report_parts.py``).
    parts: list = field(default_factory=list)


# --- German typography ------------------------------------------------------------------------

def german_date(value: date | None) -> str:
    """Return a date like "21. November 2026"."""
    return format_date(value, "d. MMMM y", locale="de_DE") if value else ""


def german_money(amount: Decimal | None, text: str = "") -> str:
    """Return an amount like "2.400 €" or "1.234,50 €" (no ",00" when whole), the text, or both."""
    parts = []
    if amount is not None:
        pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
        parts.append(format_decimal(amount, pattern, locale="de_DE") + "\u00a0€")
    if text:
        parts.append(text)
    return "; ".join(parts)


def german_number(value, digits: int = 0) -> str:
    """Return a number with German separators (1.234 or 1.234,5)."""
    if value is None:
        return ""
    pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, pattern, locale="de_DE")
