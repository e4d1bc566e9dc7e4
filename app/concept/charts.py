"""Charts for the Word export, drawn with matplotlib's object API (``Figure``, never pyplot) as PNG.

A chart is drawn at the width it is printed (the text width) at 200 dpi, so its 9-point labels print
at 9 points. Labels wrap onto as many lines as they need; nothing is cut. There is no title inside the
image (the Word caption is the title); legends sit below the plot, never on the bars.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont

DPI = 200
LABEL_PT = 9
BRAND = "#0b4f6c"
PALETTE = ("#0b4f6c", "#b8860b", "#0b6e4f", "#8a8a8a", "#7a3b69", "#c05746")
CM_PER_INCH = 2.54


@dataclass(frozen=True)
class ChartLook:
    """Font and colours of the charts (the template's where one is uploaded)."""

    font: str = "DejaVu Sans"
    colours: tuple[str, ...] = field(default=PALETTE)


#: Metric-compatible free fonts for common office fonts (what LibreOffice prints them with).
FONT_ALIASES = {"arial": "Liberation Sans", "helvetica": "Liberation Sans", "times new roman": "Liberation Serif",
                "calibri": "Carlito", "cambria": "Caladea", "courier new": "Liberation Mono"}


@lru_cache(maxsize=32)
def available_font(name: str | None) -> str:
    """Return the font (or its metric-compatible alias) if installed, else matplotlib's default sans-serif."""
    for candidate in (name, FONT_ALIASES.get((name or "").lower())):
        if not candidate:
            continue
        try:
            findfont(FontProperties(family=candidate), fallback_to_default=False)
        except ValueError:
            continue
        return candidate
    return "DejaVu Sans"


def chart_look(font: str | None, colours: list[str] | tuple[str, ...] | None) -> ChartLook:
    """Return the look for a template's font and colours (missing parts from Konzeptwerk's palette)."""
    palette = tuple(dict.fromkeys([c for c in (colours or ()) if c] + list(PALETTE)))
    return ChartLook(available_font(font), palette)


def wrap_label(label: str, width: int) -> str:
    """Wrap a label onto as many lines as it needs (words are never cut)."""
    return "\n".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=True)) or label


def _figure(width_cm: float, lines: int, rows: int, extra_in: float) -> Figure:
    height = 0.35 + 0.19 * lines + 0.12 * rows + extra_in
    return Figure(figsize=(width_cm / CM_PER_INCH, max(1.6, height)), dpi=DPI, layout="constrained")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _label_width(width_cm: float) -> int:
    """Return the characters per line a label may take: about 40 % of the width at 9 pt."""
    return max(18, int(width_cm * 0.4 / (LABEL_PT * 0.55 / 72 * CM_PER_INCH)))


def horizontal_bars_png(labels: list[str], values: list[float], *, value_label: str, width_cm: float,
                        look: ChartLook = ChartLook()) -> bytes:
    """Draw a horizontal bar chart (largest value on top) and return it as PNG."""
    with rc_context({"font.family": look.font, "font.size": LABEL_PT}):
        return _bars(labels, values, value_label, width_cm, look)


def _bars(labels, values, value_label, width_cm, look) -> bytes:
    wrapped = [wrap_label(label, _label_width(width_cm)) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped)
    figure = _figure(width_cm, lines, len(labels), 0.45)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=look.colours[0], height=0.6)
    axes.set_yticks(positions, wrapped, fontsize=LABEL_PT)
    axes.set_xlabel(value_label, fontsize=LABEL_PT)
    axes.tick_params(axis="x", labelsize=LABEL_PT)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:g}".replace(".", ","), va="center", fontsize=LABEL_PT)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.1)
    return _png(figure)


def stacked_bars_png(labels: list[str], series: dict[str, list[float]], *, value_label: str, width_cm: float,
                     look: ChartLook = ChartLook()) -> bytes:
    """Draw stacked horizontal bars (e.g. measures per field by status), legend below the plot, as PNG."""
    with rc_context({"font.family": look.font, "font.size": LABEL_PT}):
        return _stacked(labels, series, value_label, width_cm, look)


def _stacked(labels, series, value_label, width_cm, look) -> bytes:
    wrapped = [wrap_label(label, _label_width(width_cm)) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped)
    figure = _figure(width_cm, lines, len(labels), 0.85)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    left = [0.0] * len(labels)
    for index, (name, counts) in enumerate(series.items()):
        if not any(counts):
            continue
        axes.barh(positions, counts, left=left, height=0.6, label=name,
                  color=look.colours[index % len(look.colours)])
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_yticks(positions, wrapped, fontsize=LABEL_PT)
    axes.set_xlabel(value_label, fontsize=LABEL_PT)
    axes.tick_params(axis="x", labelsize=LABEL_PT)
    axes.xaxis.get_major_locator().set_params(integer=True)
    figure.legend(loc="outside lower center", ncols=4, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def grouped_bars_png(labels: list[str], series: dict[str, list[float]], *, value_label: str, width_cm: float,
                     max_value: float | None = None, look: ChartLook = ChartLook()) -> bytes:
    """Draw grouped horizontal bars (e.g. a rating per factor, one bar per year), legend below, as PNG."""
    with rc_context({"font.family": look.font, "font.size": LABEL_PT}):
        return _grouped(labels, series, value_label, width_cm, max_value, look)


def _grouped(labels, series, value_label, width_cm, max_value, look) -> bytes:
    wrapped = [wrap_label(label, _label_width(width_cm)) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped)
    groups = max(1, len(series))
    figure = _figure(width_cm, lines, len(labels) * groups, 0.85)
    axes = figure.add_subplot()
    height = 0.8 / groups
    positions = list(range(len(labels)))[::-1]
    for index, (name, values) in enumerate(series.items()):
        offset = (groups - 1) / 2 * height - index * height
        axes.barh([p + offset for p in positions], values, height=height * 0.9, label=name,
                  color=look.colours[index % len(look.colours)])
    axes.set_yticks(positions, wrapped, fontsize=LABEL_PT)
    axes.set_xlabel(value_label, fontsize=LABEL_PT)
    axes.tick_params(axis="x", labelsize=LABEL_PT)
    if max_value is not None:
        axes.set_xlim(0, max_value)
    axes.xaxis.get_major_locator().set_params(integer=True)
    figure.legend(loc="outside lower center", ncols=min(groups, 6), frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
