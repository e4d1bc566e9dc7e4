"""Charts for the Word export, drawn with matplotlib's object API (``Figure``, never pyplot) as PNG."""
from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure

BRAND = "#0b4f6c"
STATUS_COLOURS = {"running": "#0b6e4f", "done": "#1f4e79", "planned": "#b8860b", "dropped": "#8a8a8a"}


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def _wrap(label: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(label, width)[:2]) or label


def horizontal_bars_png(labels: list[str], values: list[float], *, title: str, value_label: str) -> bytes:
    """Draw a horizontal bar chart (largest value on top) and return it as PNG."""
    height = 1.2 + 0.42 * max(1, len(labels))
    figure = Figure(figsize=(6.5, height))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=BRAND)
    axes.set_yticks(positions, [_wrap(label) for label in labels], fontsize=8)
    axes.set_xlabel(value_label, fontsize=9)
    axes.set_title(title, fontsize=10, loc="left")
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:g}".replace(".", ","), va="center", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.12)
    return _png(figure)


def status_bars_png(rows: list[tuple[str, dict[str, int]]], labels: dict[str, str], *, title: str) -> bytes:
    """Draw stacked bars of measures by status per field of action and return PNG."""
    height = 1.4 + 0.45 * max(1, len(rows))
    figure = Figure(figsize=(6.5, height))
    axes = figure.add_subplot()
    positions = list(range(len(rows)))[::-1]
    left = [0] * len(rows)
    for status, colour in STATUS_COLOURS.items():
        counts = [counts.get(status, 0) for _, counts in rows]
        if not any(counts):
            continue
        axes.barh(positions, counts, left=left, color=colour, label=str(labels.get(status, status)))
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_yticks(positions, [_wrap(name, 32) for name, _ in rows], fontsize=8)
    axes.set_xlabel("Anzahl Maßnahmen", fontsize=9)
    axes.set_title(title, fontsize=10, loc="left")
    axes.legend(fontsize=8, frameon=False, loc="lower right")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
