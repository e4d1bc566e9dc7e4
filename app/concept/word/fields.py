"""Word fields: captions with SEQ numbers, the table of contents with its current entries, page numbers.

Every field carries its current result, so viewers and converters that do not update fields
(LibreOffice headless, previews, mail clients) show the same text Word shows after updating.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from app.concept.word.styles import has_style, set_setting, styled_paragraph

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "Das Inhaltsverzeichnis wird beim Öffnen aktualisiert (sonst: Rechtsklick › Feld aktualisieren)."
#: Hanging indent of a TOC entry's title after its number.
TOC_NUMBER_WIDTH = Pt(46)


def _fld_char(paragraph, kind: str):
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)
    return run


def _instruction(paragraph, instruction: str):
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    return run


def add_field(paragraph, instruction: str, result: str) -> None:
    """Append a complex field (begin, instruction, separate, current result, end) to a paragraph."""
    _fld_char(paragraph, "begin")
    _instruction(paragraph, instruction)
    _fld_char(paragraph, "separate")
    paragraph.add_run(result)
    _fld_char(paragraph, "end")


def add_bookmark(document, paragraph, name: str) -> None:
    """Wrap a paragraph's content in a bookmark (the TOC's hyperlinks and page references point to it)."""
    document._kw_bookmarks = getattr(document, "_kw_bookmarks", 0) + 1
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(document._kw_bookmarks))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(document._kw_bookmarks))
    p_pr = paragraph._p.pPr
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def add_caption(document, label: str, text: str, *, keep_with_next: bool):
    """Add a Word caption "Abbildung 3: …" / "Tabelle 2: …" with a SEQ field (lists and cross-references work)."""
    counters = document.__dict__.setdefault("_kw_captions", {})
    counters[label] = number = counters.get(label, 0) + 1
    paragraph = styled_paragraph(document, "Caption")
    paragraph.add_run(f"{label} ")
    add_field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
    paragraph.add_run(f": {text}")
    paragraph.paragraph_format.keep_with_next = keep_with_next
    return paragraph


def add_table_of_contents(document, entries: list[tuple[int, str, str, str]]) -> None:
    """Add the TOC field (levels 1–3, hyperlinks) with its current entries (level, number, title, bookmark)."""
    heading = styled_paragraph(document, "TOC Heading")
    run = heading.add_run("Inhalt")
    if not has_style(document, "TOC Heading"):
        run.bold, run.font.size = True, Pt(16)
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.keep_with_next = True
    if not entries:
        paragraph = document.add_paragraph()
        add_field(paragraph, TOC_INSTRUCTION, TOC_PLACEHOLDER)
    for index, (level, number, title, bookmark) in enumerate(entries):
        paragraph = styled_paragraph(document, f"TOC {level}")
        indent = paragraph.paragraph_format
        indent.left_indent = Pt(12 * (level - 1)) + TOC_NUMBER_WIDTH
        indent.first_line_indent = -TOC_NUMBER_WIDTH
        indent.tab_stops.add_tab_stop(indent.left_indent)
        if index == 0:
            _fld_char(paragraph, "begin")
            _instruction(paragraph, TOC_INSTRUCTION)
            _fld_char(paragraph, "separate")
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        for text in (number, "\t", title):
            link_run = paragraph.add_run(text)
            link.append(link_run._r)
        paragraph._p.append(link)
        if index == len(entries) - 1:
            _fld_char(paragraph, "end")
    set_setting(document, "updateFields", "true")


def add_page_number_footer(section, *, align=WD_ALIGN_PARAGRAPH.RIGHT) -> None:
    """Put "Seite X von Y" (PAGE / NUMPAGES fields) into the section's footer unless it already numbers pages."""
    footer = section.footer
    if footer.is_linked_to_previous:
        footer.is_linked_to_previous = False
    if any(" PAGE " in (instr.text or "") or "PAGE" == (instr.text or "").strip().split(" ")[0]
           for instr in footer._element.iter(qn("w:instrText"))):
        return
    if any(simple.get(qn("w:instr"), "").strip().startswith("PAGE")
           for simple in footer._element.iter(qn("w:fldSimple"))):
        return
    paragraph = footer.paragraphs[-1] if footer.paragraphs and not footer.paragraphs[-1].text.strip() \
        else footer.add_paragraph()
    paragraph.alignment = align
    paragraph.add_run("Seite ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" von ")
    add_field(paragraph, "NUMPAGES", "1")


def unnumbered_title_page(section) -> None:
    """Give the first page its own (empty unless the template has one) footer, so the title page has no number."""
    section.different_first_page_header_footer = True
    first = section.first_page_footer
    if first.is_linked_to_previous:
        first.is_linked_to_previous = False
