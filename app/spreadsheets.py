"""CSV and Excel files for every export: German spreadsheet conventions, no formula injection.

Text a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) gets an apostrophe in front, so an answer or a proposal can never execute.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    """A named table for a workbook: a header row and data rows."""

    title: str
    header: Sequence
    rows: Iterable[Sequence]


def neutralise_formula(value):
    """Return the value so that no spreadsheet runs it as a formula (None becomes empty text)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def build_csv(header: Sequence | None, rows: Iterable[Sequence]) -> bytes:
    """Return UTF-8 CSV with BOM, semicolon-separated, as German Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if header is not None:
        writer.writerow([neutralise_formula(v) for v in header])
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def build_xlsx(sheets: Iterable[Sheet]) -> bytes:
    """Return an Excel workbook with one sheet per table (bold, frozen header), streamed in write-only mode."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title[:31])
        worksheet.freeze_panes = "A2"
        header = []
        for value in sheet.header:
            cell = WriteOnlyCell(worksheet, value=neutralise_formula(value))
            cell.font = bold
            header.append(cell)
        worksheet.append(header)
        for row in sheet.rows:
            worksheet.append([neutralise_formula(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
