"""Tables that fit: column widths from the content and the section's text width, rows that do not split.

Widths are estimated from Helvetica/Arial character widths (LibreOffice's Liberation Sans has the same
metrics), scaled for other template fonts. A column never gets less than its longest word needs while
the table fits; when even that does not fit, the caller can turn the section to landscape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from app.concept.markup import Run
from app.concept.word.fields import add_caption
from app.concept.word.styles import TABLE_STYLE, TABLE_TEXT_STYLE, apply_style, forget_styles, has_style

#: Character widths of Helvetica/Arial in 1/1000 em (regular); other characters count as 556.
_WIDTHS = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, *(556,) * 10, 278, 278, 584,
     584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
     667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556,
     222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584),
    strict=True))
_WIDTHS.update({"ä": 556, "ö": 556, "ü": 556, "Ä": 667, "Ö": 778, "Ü": 722, "ß": 611, "€": 556, "–": 556,
                "—": 1000, "„": 333, "“": 333, "”": 333, "‚": 222, "‘": 222, "’": 222, "\u00a0": 278, "•": 350,
                "…": 1000, "Ø": 778, "→": 1000})
#: How much wider than Arial a template's body font sets (unknown fonts: a little wider, to be safe).
FONT_FACTORS = {"arial": 1.0, "helvetica": 1.0, "liberation sans": 1.0, "calibri": 0.93, "carlito": 0.93,
                "times new roman": 0.9, "liberation serif": 0.9, "georgia": 1.06, "cambria": 0.98,
                "verdana": 1.2, "tahoma": 1.05, "dejavu sans": 1.13, "segoe ui": 1.02, "frutiger": 1.02}
BOLD_FACTOR = 1.08
#: Cell padding (left + right margins of the table style) plus a little slack, in cm.
CELL_PADDING_CM = 0.42
TABLE_FONT_PT = 9.5
#: Below this width the measures' description column is too cramped: turn the section to landscape.
MIN_MAIN_COLUMN_CM = 7.0


def text_width_cm(text: str, size_pt: float = TABLE_FONT_PT, *, bold: bool = False, factor: float = 1.0) -> float:
    """Estimate the printed width of a line of text in cm."""
    units = sum(_WIDTHS.get(char, 556) for char in text)
    return units / 1000 * size_pt * (BOLD_FACTOR if bold else 1.0) * factor * 2.54 / 72


def font_factor(font_name: str | None) -> float:
    """Return how much wider than Arial a font sets (1.08 when unknown)."""
    return FONT_FACTORS.get((font_name or "arial").strip().lower(), 1.08)


@dataclass
class ColumnText:
    """What a column holds, for measuring: its header and the lines (paragraphs) of its cells."""

    header: str
    lines: list[str]
    bold_lines: tuple[str, ...] = ()


def _words(text: str) -> list[str]:
    """Split where a line may break (not at no-break spaces, which keep "25 Personen" together)."""
    return [w for w in re.split(r"[ \t\n]+", text) if w]


def column_widths(columns: list[ColumnText], available_cm: float, *, factor: float = 1.0,
                  size_pt: float = TABLE_FONT_PT, max_line_cm: float = 30.0) -> tuple[list[float], bool]:
    """Return column widths (cm, summing to the available width) and whether every word fits unbroken."""
    minimum, natural = [], []
    for column in columns:
        header_words = [text_width_cm(w, size_pt, bold=True, factor=factor) for w in _words(column.header)]
        bold = set(column.bold_lines)
        word_widths = [text_width_cm(w, size_pt, bold=line in bold, factor=factor)
                       for line in column.lines for w in _words(line)]
        line_widths = [min(max_line_cm, text_width_cm(line, size_pt, bold=line in bold, factor=factor))
                       for line in column.lines]
        low = max(header_words + word_widths, default=0.5) + CELL_PADDING_CM
        high = max(line_widths, default=0.5) + CELL_PADDING_CM
        minimum.append(low)
        natural.append(max(low, high))
    total_min, total_natural = sum(minimum), sum(natural)
    if total_natural <= available_cm:
        spare = available_cm - total_natural
        widths = [n + spare * n / total_natural for n in natural]
        return _rounded(widths, available_cm), True
    if total_min <= available_cm:
        share = (available_cm - total_min) / (total_natural - total_min)
        return _rounded([m + (n - m) * share for m, n in zip(minimum, natural, strict=True)], available_cm), True
    return _rounded([m * available_cm / total_min for m in minimum], available_cm), False


def _rounded(widths: list[float], available_cm: float) -> list[float]:
    return [int(w * 100) / 100 for w in widths]


def template_table_style(document) -> str | None:
    """Return the name of the template's own table style (a custom one), if it has one."""
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:customStyle")) in ("1", "true") \
                and style.get(qn("w:styleId")) != "KonzeptwerkTabelle":
            name = style.find(qn("w:name"))
            if name is not None:
                return name.get(qn("w:val"))
    return None


def ensure_table_style(document) -> str:
    """Return the table style to use: the template's own, else Konzeptwerk's (added to the document's styles)."""
    own = template_table_style(document)
    if own:
        return own
    if not has_style(document, TABLE_STYLE):
        forget_styles(document)
        normal_table = next((s.get(qn("w:styleId")) for s in document.styles.element.findall(qn("w:style"))
                             if s.get(qn("w:type")) == "table" and s.get(qn("w:default")) in ("1", "true")),
                            "TableNormal")
        border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8EA9BF"/>'
                         for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>'
                          for side, w in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)))
        document.styles.element.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="KonzeptwerkTabelle">'
            f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="{normal_table}"/><w:uiPriority w:val="59"/>'
            f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f'<w:tblPr><w:tblBorders>{border}</w:tblBorders><w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>'
            f'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2EA"/></w:tcPr></w:tblStylePr></w:style>'))
    return TABLE_STYLE


def new_table(document, header: list[str], widths_cm: list[float], *, align: list[str] | None = None):
    """Add a fixed-width table with a repeating header row; every row is kept on one page."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles[ensure_table_style(document)]
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(int(Cm(w).twips) for w in widths_cm)))
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tbl_pr.append(look)
    for key, value in (("val", "04A0"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                       ("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):
        look.set(qn(f"w:{key}"), value)
    for column, width_cm in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width_cm)
    row = table.rows[0]
    _row_properties(row, header=True)
    for index, (cell, label) in enumerate(zip(row.cells, header, strict=True)):
        cell.width = Cm(widths_cm[index])
        paragraph = cell_paragraph(document, cell)
        paragraph.add_run(label)
        if align and align[index] == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table._kw_widths = widths_cm
    return table


def _row_properties(row, *, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)


def add_row(table):
    """Add a row that is kept on one page; return its cells with their widths set."""
    row = table.add_row()
    _row_properties(row)
    cells = row.cells
    for cell, width in zip(cells, table._kw_widths, strict=True):
        cell.width = Cm(width)
    return cells


def cell_paragraph(document, cell, *, first: bool = True):
    """Return the cell's first (empty) paragraph or a new one, in the table text style."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    apply_style(document, paragraph, TABLE_TEXT_STYLE)
    return paragraph


def fill_cell(document, cell, runs: list[Run], *, align: str = "left", first: bool = True):
    """Write runs into a cell paragraph (right-aligned for numbers)."""
    paragraph = cell_paragraph(document, cell, first=first)
    for item in runs:
        run = paragraph.add_run(item.text)
        run.bold = item.bold or None
        run.italic = item.italic or None
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def add_simple_table(document, caption, table_data, available_cm: float, *, factor: float = 1.0) -> None:
    """Add a captioned table (caption above, kept with it) whose numeric columns are right-aligned."""
    align = table_data.align or ["left"] * len(table_data.header)
    columns = [ColumnText(label, [row[index] for row in table_data.rows if index < len(row)])
               for index, label in enumerate(table_data.header)]
    widths, _ = column_widths(columns, available_cm, factor=factor)
    add_caption(document, "Tabelle", caption, keep_with_next=True)
    table = new_table(document, table_data.header, widths, align=align)
    for values in table_data.rows:
        cells = add_row(table)
        for index, (cell, value) in enumerate(zip(cells, values, strict=False)):
            fill_cell(document, cell, [Run(value)], align=align[index])
