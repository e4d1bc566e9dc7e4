"""Build the concept (or one chapter, or a monitoring report) as a Word document from shaped data.

Pure: dataclasses in, ``BytesIO`` out; no Flask, no database. Styles come from the municipality's
template when given, else from python-docx's default template with Konzeptwerk's adjustments.
"""
from __future__ import annotations

import io

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from app.concept import charts
from app.concept.markup import Block, Run, is_right_to_left, parse
from app.concept.word.data import (ConceptDocument, DocChart, DocGoal, DocSection, DocTable, MonitoringDocument,
                                   german_date, german_number)
from app.concept.word.fields import add_bookmark, add_caption, add_table_of_contents
from app.concept.word.layout import new_document, set_properties, start_section, text_width_cm
from app.concept.word.measures import PLANNED_CAPTION, RUNNING_CAPTION, add_measures_table, measure_widths
from app.concept.word.styles import (EVIDENCE_STYLE, FIGURE_STYLE, PART_STYLE, SUBHEADING_STYLE, add_num,
                                     define_heading_numbering, styled_paragraph)
from app.concept.word.tables import add_simple_table

#: Longest quote printed in full; longer ones end with "…" at a word boundary.
QUOTE_LIMIT = 220


class _Writer:
    """The document being written, its look and the orientation of its current section."""

    def __init__(self, template: bytes | None):
        self.document, self.look = new_document(template)
        self.landscape = False
        self.just_broke_page = False

    @property
    def width_cm(self) -> float:
        return text_width_cm(self.document.sections[-1])

    def turn(self, landscape: bool) -> None:
        if landscape != self.landscape:
            start_section(self.document, landscape=landscape)
            self.landscape = landscape
            self.just_broke_page = True


# --- text -------------------------------------------------------------------------------------

#: Children of w:pPr / w:rPr that follow w:bidi / w:rtl (schema order, which Word enforces).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _mark_rtl(paragraph, runs) -> None:
    paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for run in runs:
        run._r.get_or_add_rPr().insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)


def _add_runs(paragraph, runs: list[Run]):
    added = []
    for item in runs:
        run = paragraph.add_run(item.text)
        if item.bold:
            run.bold = True
        if item.italic:
            run.italic = True
        added.append(run)
    if is_right_to_left("".join(r.text for r in runs)):
        _mark_rtl(paragraph, added)
    return added


def _paragraph(document, style: str | None = None):
    return styled_paragraph(document, style)


def add_text(document, text: str, style: str | None = None, *, bold: bool = False):
    """Add a paragraph of plain text (right-to-left text gets w:bidi)."""
    paragraph = _paragraph(document, style)
    return paragraph, _add_runs(paragraph, [Run(text, bold=bold)])


def _restart_numbering(document, paragraph) -> None:
    """Give a numbered list its own numbering instance so it starts at 1."""
    style = document.styles["List Number"]
    num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return
    numbering = document.part.numbering_part.element
    abstract = next((n.find(qn("w:abstractNumId")).get(qn("w:val")) for n in numbering.findall(qn("w:num"))
                     if n.get(qn("w:numId")) == str(num_pr.numId.val)), None)
    if abstract is None:
        return
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), abstract)
    num.append(reference)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    add_num(numbering, num)
    document._kw_current_num = new_id


def _use_current_list(document, paragraph) -> None:
    if getattr(document, "_kw_current_num", None):
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = document._kw_current_num


def add_markup(document, text: str) -> None:
    """Write section text (simple markup) as Word paragraphs, lists, quotes and sub-headings."""
    for block in parse(text):
        _add_block(document, block)


def _add_block(document, block: Block) -> None:
    if block.kind == "heading":
        _add_runs(_paragraph(document, SUBHEADING_STYLE), block.items[0])
    elif block.kind == "paragraph":
        _add_runs(document.add_paragraph(), block.items[0])
    elif block.kind == "quote":
        _add_runs(_paragraph(document, "Quote"), block.items[0])
    else:
        style = "List Bullet" if block.kind == "bullets" else "List Number"
        for index, item in enumerate(block.items):
            paragraph = _paragraph(document, style)
            if block.kind == "numbers":
                if index == 0:
                    _restart_numbering(document, paragraph)
                _use_current_list(document, paragraph)
            _add_runs(paragraph, item)


# --- headings, goals, charts ------------------------------------------------------------------

def _bookmark(index: int) -> str:
    return f"_Toc{index:08d}"


def add_heading(writer: _Writer, section: DocSection, index: int, *, new_page: bool):
    """Add a heading numbered by the Word list (the app's number is not typed in), with its TOC bookmark."""
    style = PART_STYLE if section.number.endswith(")") else f"Heading {max(1, min(3, section.level))}"
    paragraph = _paragraph(writer.document, style)
    _add_runs(paragraph, [Run(section.title)])
    add_bookmark(writer.document, paragraph, _bookmark(index))
    if new_page and not writer.just_broke_page:
        paragraph.paragraph_format.page_break_before = True
    writer.just_broke_page = False
    return paragraph


def _short(text: str) -> str:
    if len(text) <= QUOTE_LIMIT:
        return text
    return text[:QUOTE_LIMIT].rsplit(" ", 1)[0] + " …"


def _add_evidence(document, goal: DocGoal) -> None:
    for evidence in goal.evidence:
        paragraph = _paragraph(document, EVIDENCE_STYLE)
        runs = [Run("Beleg: ", italic=True), Run(f"Thema „{evidence.theme}“"),
                Run(f" ({evidence.statements} Aussagen von {evidence.respondents} Befragten)")]
        for quote in evidence.quotes:
            source = ", ".join(part for part in (quote.cited_as or quote.pseudonym, quote.group) if part)
            runs += [Run(" – "), Run(f"„{_short(quote.text)}“", italic=True), Run(f" ({source})")]
        _add_runs(paragraph, runs)


def _goal_line(label: str, goal: DocGoal) -> list[Run]:
    runs = [Run(label, bold=True), Run(goal.title, bold=goal.kind == "guiding_goal")]
    if goal.priority:
        runs.append(Run(f" – {goal.priority}", italic=True))
    if goal.measures:
        runs.append(Run(f" (Maßnahmen {', '.join(goal.measures)})"))
    return runs


def add_goals(document, goals: list[DocGoal]) -> None:
    """List guiding goals with their action goals, priorities, evidence and the measures serving them."""
    guiding_number = 0
    for goal in goals:
        if goal.kind == "guiding_goal":
            guiding_number += 1
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            _add_runs(paragraph, _goal_line(f"Leitziel {guiding_number}: ", goal))
            if goal.description:
                add_markup(document, goal.description)
            _add_evidence(document, goal)
            for sub, action in enumerate(goal.children, start=1):
                _add_runs(_paragraph(document, "List Bullet"), _goal_line(f"Handlungsziel {guiding_number}.{sub}: ",
                                                                          action))
                _add_evidence(document, action)
        else:
            _add_runs(_paragraph(document, "List Bullet"), _goal_line("Handlungsziel: ", goal))
            _add_evidence(document, goal)


def add_chart(writer: _Writer, chart: DocChart) -> None:
    """Draw a chart for the text width in the template's look; add it with alt text and a caption below."""
    look = charts.chart_look(writer.look.font, [writer.look.heading_colour] + writer.look.colours)
    width = min(writer.width_cm, 16.5)
    if chart.series and chart.grouped:
        png = charts.grouped_bars_png(chart.labels, chart.series, value_label=chart.value_label, width_cm=width,
                                      max_value=chart.max_value, look=look)
    elif chart.series:
        png = charts.stacked_bars_png(chart.labels, chart.series, value_label=chart.value_label, width_cm=width,
                                      look=look)
    else:
        png = charts.horizontal_bars_png(chart.labels, chart.values, value_label=chart.value_label, width_cm=width,
                                         look=look)
    paragraph = styled_paragraph(writer.document, FIGURE_STYLE)
    paragraph.paragraph_format.keep_with_next = True
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width))
    shape._inline.docPr.set("descr", chart.alt_text)
    shape._inline.docPr.set("title", chart.title)
    add_caption(writer.document, "Abbildung", chart.title, keep_with_next=False)


# --- whole documents --------------------------------------------------------------------------

def add_title_page(document, data: ConceptDocument) -> None:
    """Add the title page: municipality, title, subtitle, date (the TOC starts on the next page)."""
    add_text(document, data.municipality, "Subtitle")
    add_text(document, data.title, "Title")
    if data.subtitle:
        add_text(document, data.subtitle, "Subtitle")
    add_text(document, f"Stand: {german_date(data.issued_on)}")


def _measures_landscape(writer: _Writer, data: ConceptDocument, section: DocSection) -> bool:
    if data.orientation != "auto" or writer.landscape:
        return writer.landscape
    measures = (section.running or []) + (section.planned or [])
    if not measures:
        return False
    _, suits = measure_widths(measures, writer.width_cm, factor=writer.look.factor)
    return not suits


def _add_section(writer: _Writer, data: ConceptDocument, section: DocSection, index: int) -> None:
    document = writer.document
    is_measures = section.running is not None
    landscape = _measures_landscape(writer, data, section) if is_measures else False
    writer.turn(landscape)
    add_heading(writer, section, index, new_page=section.level == 1 or section.kind == "field_chapter")
    if section.body:
        add_markup(document, section.body)
    for line in section.bullet_lines:
        add_text(document, line, "List Bullet")
    if section.goals:
        add_goals(document, section.goals)
    for line in section.summary_lines:
        add_text(document, line)
    if is_measures:
        measures = (section.running or []) + (section.planned or [])
        widths, _ = measure_widths(measures, writer.width_cm, factor=writer.look.factor)
        if section.running:
            add_measures_table(document, RUNNING_CAPTION, section.running, widths)
        if section.planned:
            add_measures_table(document, PLANNED_CAPTION, section.planned, widths)
        if not measures:
            add_text(document, "Für dieses Handlungsfeld sind noch keine Maßnahmen erfasst.")
    for table in section.tables:
        add_simple_table(document, table.caption, table, writer.width_cm, factor=writer.look.factor)
    for chart in section.charts:
        add_chart(writer, chart)


def build_concept_docx(data: ConceptDocument, template: bytes | None = None) -> io.BytesIO:
    """Build the concept (or a chapter) as .docx: title page, TOC, numbered chapters, tables, charts."""
    writer = _Writer(template)
    document = writer.document
    first = data.sections[0].number if data.sections else "1"
    field_parts = [s for s in data.sections if s.number.endswith(")")]
    define_heading_numbering(document, first, part_parent_level=max(1, field_parts[0].level - 1) if field_parts
                             else 2)
    set_properties(document, title=data.title + (f" – {data.subtitle}" if data.subtitle else ""),
                   subject=data.subject or data.kind_label, author=data.author or data.municipality,
                   keywords=data.keywords, company=data.municipality)
    add_title_page(document, data)
    add_table_of_contents(document, [(min(3, s.level), s.number, s.title, _bookmark(i))
                                     for i, s in enumerate(data.sections)])
    writer.just_broke_page = False
    for index, section in enumerate(data.sections):
        _add_section(writer, data, section, index)
    return _save(document)


def _save(document) -> io.BytesIO:
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


def build_monitoring_docx(data: MonitoringDocument, template: bytes | None = None) -> io.BytesIO:
    """Build the progress report of a period as .docx."""
    writer = _Writer(template)
    document = writer.document
    define_heading_numbering(document, "1")
    set_properties(document, title=data.title, subject=f"Berichtszeitraum {data.period_label}",
                   author=data.municipality, keywords="Umsetzungsbericht, Erfolge messen",
                   category="Umsetzungsbericht", company=data.municipality)
    add_text(document, data.municipality, "Subtitle")
    add_text(document, data.title, "Title")
    add_text(document, f"Berichtszeitraum: {data.period_label}")
    add_text(document, f"Stand: {german_date(data.issued_on)}")
    if data.intro:
        add_markup(document, data.intro)
    statuses = list(data.status_labels)
    overview = DocTable("Maßnahmen nach Status am Ende des Berichtszeitraums",
                        ["Handlungsfeld"] + [str(data.status_labels[s]) for s in statuses] + ["Gesamt"],
                        [[row.name] + [german_number(row.counts.get(s, 0)) for s in statuses]
                         + [german_number(sum(row.counts.values()))] for row in data.rows],
                        align=["left"] + ["right"] * (len(statuses) + 1))
    sections = [
        (DocSection("1", "Stand der Maßnahmen je Handlungsfeld", 1, tables=[overview],
                    charts=[data.chart] if data.chart else []), ""),
        (DocSection("2", "Veränderungen im Berichtszeitraum", 1,
                    tables=[data.changes] if data.changes.rows else []),
         "" if data.changes.rows else "Im Berichtszeitraum wurden keine Statusänderungen erfasst."),
        (DocSection("3", "Erfolge messen: Indikatoren", 1, tables=[data.indicators] if data.indicators.rows else []),
         "" if data.indicators.rows else "Für die Maßnahmen sind noch keine Indikatoren erfasst."),
    ]
    for number, part in enumerate(data.parts, start=len(sections) + 1):
        sections.append((DocSection(str(number), part.title, 1, tables=part.tables, charts=part.charts), part.intro))
    for index, (section, empty_text) in enumerate(sections):
        add_heading(writer, section, index, new_page=False)
        if empty_text:
            add_text(document, empty_text)
        for table in section.tables:
            add_simple_table(document, table.caption, table, writer.width_cm, factor=writer.look.factor)
        for chart in section.charts:
            add_chart(writer, chart)
    return _save(document)
