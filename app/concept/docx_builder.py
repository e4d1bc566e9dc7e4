"""Build the concept (or one chapter, or a monitoring report) as a Word document from shaped data.

Pure: dataclasses in, ``BytesIO`` out; no Flask, no database. Styles come from the municipality's
template when given, else from python-docx's default template with Konzeptwerk's adjustments.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import docx
from babel.dates import format_date
from babel.numbers import format_decimal
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.concept.markup import Block, Run, is_right_to_left, parse

MEASURE_COLUMNS = ("Lfd. Nr.", "Ideen, Maßnahmen und Umsetzungsschritte", "Zeitraum der Umsetzung", "Kosten",
                   "Umsetzung durch")
RUNNING_CAPTION = "Bereits umgesetzt, laufende Aktivitäten"
PLANNED_CAPTION = "Geplante Maßnahmen"
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
HEADING_COLOUR = RGBColor(0x0B, 0x4F, 0x6C)


# --- shaped data ------------------------------------------------------------------------------

@dataclass
class DocChart:
    """A chart image with its caption and alternative text."""

    title: str
    png: bytes
    alt_text: str


@dataclass
class DocTable:
    """A simple table: caption, header cells and rows of text."""

    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class DocGoal:
    """A guiding goal (with its action goals) or an action goal, with its workshop priority as text."""

    kind: str
    title: str
    description: str = ""
    priority: str = ""
    children: list[DocGoal] = field(default_factory=list)


@dataclass
class DocMeasure:
    """One row of Monheim's measures table."""

    number: int
    title: str
    description: str = ""
    steps: list[str] = field(default_factory=list)
    period: str = ""
    cost: str = ""
    implemented_by: str = ""
    status_note: str = ""


@dataclass
class DocSection:
    """A numbered section with its text and what the concept adds to it (goals, measures, charts, tables)."""

    number: str
    title: str
    level: int
    body: str = ""
    goals: list[DocGoal] = field(default_factory=list)
    running: list[DocMeasure] | None = None
    planned: list[DocMeasure] | None = None
    charts: list[DocChart] = field(default_factory=list)
    tables: list[DocTable] = field(default_factory=list)
    bullet_lines: list[str] = field(default_factory=list)


@dataclass
class ConceptDocument:
    """Everything the Word builder needs."""

    municipality: str
    title: str
    subtitle: str
    issued_on: date
    sections: list[DocSection]
    kind_label: str = "Integrationskonzept"


# --- German typography ------------------------------------------------------------------------

def german_date(value: date | None) -> str:
    """Return a date like "21. November 2026"."""
    return format_date(value, "d. MMMM y", locale="de_DE") if value else ""


def german_money(amount: Decimal | None, text: str = "") -> str:
    """Return an amount like "1.234,50 €", the text, or both."""
    parts = []
    if amount is not None:
        parts.append(format_decimal(amount, "#,##0.00", locale="de_DE") + "\u00a0€")
    if text:
        parts.append(text)
    return "; ".join(parts)


def german_number(value, digits: int = 0) -> str:
    """Return a number with German separators (1.234 or 1.234,5)."""
    if value is None:
        return ""
    pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, pattern, locale="de_DE")


# --- low-level helpers ------------------------------------------------------------------------

def _has_style(document, name: str) -> bool:
    try:
        document.styles[name]
    except KeyError:
        return False
    return True


def _ensure_styles(document, *, customise: bool) -> None:
    """Make sure the styles the builder uses exist; adjust the built-in look when no template is used."""
    styles = document.styles
    for level in range(1, 5):
        name = f"Heading {level}"
        if not _has_style(document, name):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.bold = True
            style.font.size = Pt(18 - 2 * level)
            p_pr = style.element.get_or_add_pPr()
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level - 1))
            p_pr.append(outline)
    for name, base in (("Quote", "Normal"), ("List Bullet", "Normal"), ("List Number", "Normal"),
                       ("Caption", "Normal"), ("Title", "Normal"), ("Subtitle", "Normal")):
        if not _has_style(document, name):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
            if name == "Quote":
                style.font.italic = True
            if name == "Title":
                style.font.size = Pt(26)
                style.font.bold = True
    if not customise:
        return
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for level in range(1, 4):
        heading = styles[f"Heading {level}"]
        heading.font.name = "Arial"
        heading.font.color.rgb = HEADING_COLOUR
        heading.font.size = Pt({1: 16, 2: 14, 3: 12}[level])
    styles["Title"].font.name = "Arial"
    styles["Title"].font.color.rgb = HEADING_COLOUR


def _mark_rtl(paragraph, runs) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    p_pr.insert(0, bidi)
    for run in runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _add_runs(paragraph, runs: list[Run]):
    added = []
    for item in runs:
        run = paragraph.add_run(item.text)
        if item.bold:
            run.bold = True
        if item.italic:
            run.italic = True
        added.append(run)
    text = "".join(r.text for r in runs)
    if is_right_to_left(text):
        _mark_rtl(paragraph, added)
    return added


def add_text(document, text: str, style: str | None = None, *, bold: bool = False):
    """Add a paragraph of plain text (right-to-left text gets w:bidi)."""
    paragraph = document.add_paragraph(style=style if style and _has_style(document, style) else None)
    runs = _add_runs(paragraph, [Run(text, bold=bold)])
    return paragraph, runs


def _restart_numbering(document, paragraph) -> None:
    """Give a numbered list its own numbering instance so it starts at 1."""
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return
    style = document.styles["List Number"]
    p_pr = style.element.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None or num_pr.numId is None:
        return
    base_num = num_pr.numId.val
    abstract = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(base_num):
            abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    if abstract is None:
        return
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abstract_ref = OxmlElement("w:abstractNumId")
    abstract_ref.set(qn("w:val"), abstract)
    num.append(abstract_ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    paragraph_num = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    paragraph_num.get_or_add_ilvl().val = 0
    paragraph_num.get_or_add_numId().val = new_id
    document._kw_current_num = new_id


def add_markup(document, text: str, *, heading_level: int) -> None:
    """Write section text (simple markup) as Word paragraphs, lists, quotes and sub-headings."""
    for block in parse(text):
        _add_block(document, block, heading_level)


def _add_block(document, block: Block, heading_level: int) -> None:
    if block.kind == "heading":
        level = min(9, heading_level + block.level)
        name = f"Heading {level}"
        paragraph = document.add_paragraph(style=name if _has_style(document, name) else None)
        runs = _add_runs(paragraph, block.items[0])
        if not _has_style(document, name):
            for run in runs:
                run.bold = True
    elif block.kind == "paragraph":
        _add_runs(document.add_paragraph(), block.items[0])
    elif block.kind == "quote":
        _add_runs(document.add_paragraph(style="Quote"), block.items[0])
    else:
        style = "List Bullet" if block.kind == "bullets" else "List Number"
        for index, item in enumerate(block.items):
            paragraph = document.add_paragraph(style=style)
            if block.kind == "numbers":
                if index == 0:
                    _restart_numbering(document, paragraph)
                elif getattr(document, "_kw_current_num", None):
                    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                    num_pr.get_or_add_ilvl().val = 0
                    num_pr.get_or_add_numId().val = document._kw_current_num
            _add_runs(paragraph, item)


def add_heading(document, number: str, title: str, level: int):
    """Add a numbered heading ("4.1 Bildung und Prävention") at a TOC level."""
    text = f"{number} {title}".strip() if number else title
    paragraph = document.add_heading(level=max(1, min(9, level)))
    _add_runs(paragraph, [Run(text)])
    return paragraph


def _field(paragraph, instruction: str, placeholder: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def add_table_of_contents(document) -> None:
    """Add a real TOC field (levels 1–3, hyperlinks) that Word fills when the file is opened."""
    heading_style = "TOC Heading" if _has_style(document, "TOC Heading") else None
    paragraph = document.add_paragraph(style=heading_style)
    run = paragraph.add_run("Inhalt")
    run.bold = True
    run.font.size = Pt(16)
    _field(document.add_paragraph(), TOC_INSTRUCTION,
           "Das Inhaltsverzeichnis wird beim Öffnen aktualisiert (sonst: Rechtsklick › Feld aktualisieren).")
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def _mark_header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _cell_text(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _add_runs(paragraph, [Run(text, bold=bold)])


def _table(document, header: list[str], widths: list[float] | None = None):
    table = document.add_table(rows=1, cols=len(header))
    if _has_style(document, "Table Grid"):
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    row = table.rows[0]
    _mark_header_row(row)
    for cell, label in zip(row.cells, header, strict=True):
        _cell_text(cell, label, bold=True)
        _shade(cell, "D9E2EA")
    if widths:
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
    return table


def _set_widths(table, widths):
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


MEASURE_WIDTHS = [1.4, 7.6, 2.6, 2.4, 3.0]


def add_measures_table(document, caption: str, measures: list[DocMeasure]) -> None:
    """Add one of Monheim's measures tables (header row repeated on every page)."""
    caption_paragraph = document.add_paragraph(style="Caption" if _has_style(document, "Caption") else None)
    caption_paragraph.add_run(caption).bold = True
    table = _table(document, list(MEASURE_COLUMNS), MEASURE_WIDTHS)
    for measure in measures:
        cells = table.add_row().cells
        _cell_text(cells[0], str(measure.number))
        main = cells[1]
        title = measure.title + (f" ({measure.status_note})" if measure.status_note else "")
        _cell_text(main, title, bold=True)
        for block in parse(measure.description):
            paragraph = main.add_paragraph()
            runs = block.items if block.kind in ("bullets", "numbers") else [sum(block.items, [])]
            for index, item in enumerate(runs):
                if index:
                    paragraph = main.add_paragraph()
                prefix = {"bullets": [Run("• ")], "numbers": [Run(f"{index + 1}. ")]}.get(block.kind, [])
                _add_runs(paragraph, prefix + item)
        if measure.steps:
            _add_runs(main.add_paragraph(), [Run("Umsetzungsschritte:", italic=True)])
            for index, step in enumerate(measure.steps, start=1):
                _add_runs(main.add_paragraph(), [Run(f"({index}) ")] + parse_inline_safe(step))
        _cell_text(cells[2], measure.period)
        _cell_text(cells[3], measure.cost)
        _cell_text(cells[4], measure.implemented_by)
    _set_widths(table, MEASURE_WIDTHS)
    document.add_paragraph()


def parse_inline_safe(text: str) -> list[Run]:
    """Parse inline markup of a single line."""
    from app.concept.markup import parse_inline

    return parse_inline(text)


def add_simple_table(document, data: DocTable) -> None:
    """Add a captioned table with a repeating header row."""
    caption = document.add_paragraph(style="Caption" if _has_style(document, "Caption") else None)
    caption.add_run(data.caption).bold = True
    table = _table(document, data.header)
    for values in data.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            _cell_text(cell, value)
    document.add_paragraph()


def add_chart(document, chart: DocChart) -> None:
    """Add a chart image with its alternative text (docPr descr) and a caption."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    shape = run.add_picture(io.BytesIO(chart.png), width=Cm(15))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", chart.alt_text)
    doc_pr.set("title", chart.title)
    caption = document.add_paragraph(style="Caption" if _has_style(document, "Caption") else None)
    _add_runs(caption, [Run("Abbildung: " + chart.title)])


def add_goals(document, goals: list[DocGoal]) -> None:
    """List guiding goals with their action goals and workshop priorities."""
    guiding_number = 0
    for goal in goals:
        if goal.kind == "guiding_goal":
            guiding_number += 1
            paragraph = document.add_paragraph()
            _add_runs(paragraph, [Run(f"Leitziel {guiding_number}: ", bold=True), Run(goal.title, bold=True)]
                      + ([Run(f" – {goal.priority}", italic=True)] if goal.priority else []))
            if goal.description:
                add_markup(document, goal.description, heading_level=4)
            for sub, action in enumerate(goal.children, start=1):
                paragraph = document.add_paragraph(style="List Bullet")
                _add_runs(paragraph, [Run(f"Handlungsziel {guiding_number}.{sub}: ", bold=True), Run(action.title)]
                          + ([Run(f" – {action.priority}", italic=True)] if action.priority else []))
        else:
            paragraph = document.add_paragraph(style="List Bullet")
            _add_runs(paragraph, [Run("Handlungsziel: ", bold=True), Run(goal.title)]
                      + ([Run(f" – {goal.priority}", italic=True)] if goal.priority else []))


def _clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page_number_footer(document) -> None:
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.add_run("Seite ")
    _field(paragraph, "PAGE", "1")


def new_document(template: bytes | None):
    """Open the template (body emptied, styles, headers and footers kept) or the built-in default."""
    if template:
        document = docx.Document(io.BytesIO(template))
        _clear_body(document)
        _ensure_styles(document, customise=False)
    else:
        document = docx.Document()
        _ensure_styles(document, customise=True)
        section = document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        _page_number_footer(document)
    document.core_properties.language = "de-DE"
    return document


def add_title_page(document, data: ConceptDocument) -> None:
    """Add the title page: municipality, title, subtitle, date."""
    add_text(document, data.municipality, "Subtitle")
    add_text(document, data.title, "Title")
    if data.subtitle:
        add_text(document, data.subtitle, "Subtitle")
    add_text(document, f"Stand: {german_date(data.issued_on)}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def build_concept_docx(data: ConceptDocument, template: bytes | None = None) -> io.BytesIO:
    """Build the concept (or a chapter) as .docx: title page, TOC, numbered chapters, tables, charts."""
    document = new_document(template)
    add_title_page(document, data)
    add_table_of_contents(document)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for section in data.sections:
        add_heading(document, section.number, section.title, section.level)
        if section.body:
            add_markup(document, section.body, heading_level=section.level)
        for line in section.bullet_lines:
            add_text(document, line, "List Bullet")
        if section.goals:
            add_goals(document, section.goals)
        if section.running is not None:
            if section.running:
                add_measures_table(document, RUNNING_CAPTION, section.running)
            if section.planned:
                add_measures_table(document, PLANNED_CAPTION, section.planned)
            if not section.running and not section.planned:
                add_text(document, "Für dieses Handlungsfeld sind noch keine Maßnahmen erfasst.")
        for table in section.tables:
            add_simple_table(document, table)
        for chart in section.charts:
            add_chart(document, chart)
    return _save(document)


def _save(document) -> io.BytesIO:
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


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


def build_monitoring_docx(data: MonitoringDocument, template: bytes | None = None) -> io.BytesIO:
    """Build the progress report of a period as .docx."""
    document = new_document(template)
    add_text(document, data.municipality, "Subtitle")
    add_text(document, data.title, "Title")
    add_text(document, f"Berichtszeitraum: {data.period_label}")
    add_text(document, f"Stand: {german_date(data.issued_on)}")
    if data.intro:
        add_markup(document, data.intro, heading_level=1)
    add_heading(document, "1", "Stand der Maßnahmen je Handlungsfeld", 1)
    statuses = list(data.status_labels)
    table = DocTable("Maßnahmen nach Status am Ende des Berichtszeitraums",
                     ["Handlungsfeld"] + [str(data.status_labels[s]) for s in statuses] + ["Gesamt"],
                     [[row.name] + [german_number(row.counts.get(s, 0)) for s in statuses]
                      + [german_number(sum(row.counts.values()))] for row in data.rows])
    add_simple_table(document, table)
    if data.chart is not None:
        add_chart(document, data.chart)
    add_heading(document, "2", "Veränderungen im Berichtszeitraum", 1)
    if data.changes.rows:
        add_simple_table(document, data.changes)
    else:
        add_text(document, "Im Berichtszeitraum wurden keine Statusänderungen erfasst.")
    add_heading(document, "3", "Erfolge messen: Indikatoren", 1)
    if data.indicators.rows:
        add_simple_table(document, data.indicators)
    else:
        add_text(document, "Für die Maßnahmen sind noch keine Indikatoren erfasst.")
    return _save(document)


__all__ = ["ConceptDocument", "DocChart", "DocGoal", "DocMeasure", "DocSection", "DocTable", "MonitoringDocument",
           "ReportFieldRow", "build_concept_docx", "build_monitoring_docx", "german_date", "german_money",
           "german_number"]
