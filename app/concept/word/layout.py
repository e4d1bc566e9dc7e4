"""The document's frame: template or default, page setup, portrait/landscape sections, footer, properties."""
from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from app.concept.word.fields import add_page_number_footer, unnumbered_title_page
from app.concept.word.styles import (LANGUAGE, enable_hyphenation, ensure_styles, set_language, theme_colours)
from app.concept.word.tables import font_factor

APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<Application>Konzeptwerk</Application><Company>{company}</Company><DocSecurity>0</DocSecurity>'
    '<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
    '<HyperlinksChanged>false</HyperlinksChanged></Properties>')


@dataclass
class Look:
    """What the builder needs to know about the document's look (from the template or the default)."""

    font: str = "Arial"
    #: Width factor of the body font against Arial (for estimating column widths).
    factor: float = 1.0
    heading_colour: str = "#0b4f6c"
    colours: list[str] = field(default_factory=list)
    has_template: bool = False


def _clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _body_font(document) -> str:
    for style_name in ("Normal",):
        name = document.styles[style_name].font.name
        if name:
            return name
    fonts = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is not None and fonts.get(qn("w:ascii")):
        return fonts.get(qn("w:ascii"))
    return "Calibri"


def _look(document, has_template: bool) -> Look:
    if not has_template:
        return Look()
    heading = document.styles["Heading 1"].font.color
    colour = f"#{heading.rgb}".lower() if heading is not None and heading.rgb is not None else None
    accents = theme_colours(document)
    font = _body_font(document)
    return Look(font=font, factor=font_factor(font), heading_colour=colour or (accents[0] if accents else "#0b4f6c"),
                colours=accents, has_template=True)


def new_document(template: bytes | None):
    """Open the template (body emptied; styles, headers and footers kept) or the default; return it with its look."""
    if template:
        document = docx.Document(io.BytesIO(template))
        _clear_body(document)
        ensure_styles(document, customise=False)
    else:
        document = docx.Document()
        ensure_styles(document, customise=True)
        section = document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    set_language(document)
    enable_hyphenation(document)
    section = document.sections[0]
    if section.orientation == WD_ORIENT.LANDSCAPE:
        set_orientation(section, landscape=False)
    unnumbered_title_page(section)
    add_page_number_footer(section)
    return document, _look(document, bool(template))


def text_width_cm(section) -> float:
    """Return the width between the section's margins in cm."""
    return Emu(section.page_width - section.left_margin - section.right_margin).cm


def set_orientation(section, *, landscape: bool) -> None:
    """Turn a section to landscape or portrait, keeping its margins."""
    width, height = sorted((section.page_width, section.page_height))
    if landscape:
        section.orientation, section.page_width, section.page_height = WD_ORIENT.LANDSCAPE, height, width
    else:
        section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, width, height


def start_section(document, *, landscape: bool) -> None:
    """End the current section at the last paragraph and continue on a new page in the given orientation.

    The ending section's properties go into the last paragraph (a table gets a paragraph after it),
    so no empty paragraph is added where a paragraph already ends the section.
    """
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    ended = copy.deepcopy(final)
    last = final.getprevious()
    if last is None or last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        carrier = document.add_paragraph().paragraph_format
        carrier.space_before = carrier.space_after = Pt(0)
        carrier.line_spacing = Pt(1)
        last = document.paragraphs[-1]._p
    last.get_or_add_pPr().insert_element_before(ended, "w:pPrChange")
    for title_page in final.findall(qn("w:titlePg")):
        final.remove(title_page)
    section = document.sections[-1]
    section.start_type = WD_SECTION.NEW_PAGE
    set_orientation(section, landscape=landscape)


def set_properties(document, *, title: str, subject: str, author: str, keywords: str = "",
                   category: str = "Integrationskonzept", company: str = "") -> None:
    """Write the core properties from the project (never python-docx's or the template's own)."""
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    properties = document.core_properties
    properties.title, properties.subject = title[:255], subject[:255]
    properties.author = properties.last_modified_by = author[:255]
    properties.keywords, properties.category = keywords[:255], category[:255]
    properties.comments = ""
    properties.content_status = properties.identifier = properties.version = ""
    properties.language = LANGUAGE
    properties.created = properties.modified = now
    properties.revision = 1
    printed = properties._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        properties._element.remove(printed)
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties") and not rel.is_external:
            rel.target_part._blob = APP_PROPERTIES.format(company=escape(company)).encode("utf-8")
