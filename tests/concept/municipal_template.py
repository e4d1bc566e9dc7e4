"""A realistic municipal Word template, made in code: its own fonts, colours, theme, table style and properties.

Like templates from a town hall's corporate design: a serif heading font in the town's dark red, a
sans body font, a letterhead header, an address footer without page numbers, its own table style,
A4 with a wider left margin, and core properties (title, author) that must not leak into exports.
"""
from __future__ import annotations

import io
import re
from datetime import datetime

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

TOWN_RED = RGBColor(0x8B, 0x1E, 0x3F)
HEADING_FONT, BODY_FONT = "Liberation Serif", "DejaVu Sans"
TABLE_STYLE_NAME = "Stadt Tabelle"
TEMPLATE_TITLE, TEMPLATE_AUTHOR = "Briefbogen Stadtverwaltung", "Hauptamt – Vorlagenverwaltung"
ACCENTS = ("8B1E3F", "4A5A6A", "C9A227", "2E6F5E", "7D7D7D", "5B3A70")


def _font(style, name: str) -> None:
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f'<w:rFonts {nsdecls("w")}/>')
        r_pr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def municipal_template_docx() -> bytes:
    """Return the template as .docx bytes."""
    document = docx.Document()
    styles = document.styles
    _font(styles["Normal"], BODY_FONT)
    styles["Normal"].font.size = Pt(10.5)
    for level, size in ((1, 17), (2, 14), (3, 12)):
        heading = styles[f"Heading {level}"]
        _font(heading, HEADING_FONT)
        heading.font.size, heading.font.color.rgb = Pt(size), TOWN_RED
    _font(styles["Title"], HEADING_FONT)
    styles["Title"].font.color.rgb = TOWN_RED
    cells = "".join(f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="8B1E3F"/>'
                    for side in ("top", "bottom", "insideH"))
    styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="StadtTabelle">'
        f'<w:name w:val="{TABLE_STYLE_NAME}"/><w:basedOn w:val="TableNormal"/>'
        f'<w:tblPr><w:tblBorders>{cells}</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/>'
        f'<w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="8B1E3F"/></w:tcPr></w:tblStylePr></w:style>'))
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    header = section.header.paragraphs[0]
    header.text = "Stadt Neustadt an der Weide · Integrationsbüro"
    header.alignment = 2
    section.footer.paragraphs[0].text = "Rathausplatz 1 · 12345 Neustadt an der Weide · www.neustadt.example"
    document.add_paragraph("Dieser Text der Vorlage erscheint nicht im Export.")
    properties = document.core_properties
    properties.title, properties.author = TEMPLATE_TITLE, TEMPLATE_AUTHOR
    properties.comments, properties.created = "Corporate Design 2019", datetime(2019, 3, 1)
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            xml = rel.target_part.blob.decode("utf-8")
            for number, colour in enumerate(ACCENTS, start=1):
                xml = re.sub(rf"(<a:accent{number}>\s*<a:srgbClr val=\")[0-9A-Fa-f]{{6}}", rf"\g<1>{colour}", xml)
            rel.target_part._blob = xml.encode("utf-8")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
