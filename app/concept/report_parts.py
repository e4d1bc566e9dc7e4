"""Chapters that downstream capabilities add to the progress report (budgets, events held …).

The concept cannot import what sits downstream of it, so a capability registers a provider
``provide(concept, start, end) -> ReportPart | None`` in its ``register(app, …)``; the monitoring
page and the Word progress report show every part it returns, in order. Parts are written in
German, the language of the report.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask import Flask, current_app

from app.concept.word.data import DocChart, DocTable


@dataclass
class ReportPart:
    """A chapter of the progress report: a short text, tables and charts (each chart has a table beside it)."""

    title: str
    intro: str = ""
    tables: list[DocTable] = field(default_factory=list)
    charts: list[DocChart] = field(default_factory=list)
    order: int = 100


def add_report_part(app: Flask, key: str, provide: Callable[..., ReportPart | None]) -> None:
    """Register a provider of a progress-report chapter."""
    app.extensions.setdefault("progress_report_parts", {})[key] = provide


def report_parts(concept, start: date, end: date) -> list[ReportPart]:
    """Return the registered chapters for a period, in their order (providers returning None are left out)."""
    parts = [provide(concept, start, end) for provide in current_app.extensions.get("progress_report_parts", {}).values()]
    return sorted((part for part in parts if part is not None), key=lambda part: (part.order, part.title))
