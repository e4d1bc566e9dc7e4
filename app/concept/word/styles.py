"""Styles, language, hyphenation and heading numbering of the Word document.

Everything is set in styles and settings (never as direct formatting), so that an uploaded template's
styles keep their look and Word's style pane shows what the author expects.
"""
from __future__ import annotations

import re

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.styles import BabelFish

LANGUAGE = "de-DE"
HEADING_COLOUR = RGBColor(0x0B, 0x4F, 0x6C)
#: Paragraph style of the parts a), b), c) of a field-of-action chapter (numbered "4.2 a)").
PART_STYLE = "Teilkapitel"
#: Sub-headings inside a section's text: bold, kept with the next paragraph, not numbered, not in the TOC.
SUBHEADING_STYLE = "Zwischenüberschrift"
TABLE_TEXT_STYLE = "Tabellentext"
EVIDENCE_STYLE = "Beleg"
#: The paragraph holding a chart: room above (also after a table), kept with its caption below.
FIGURE_STYLE = "Abbildung"
TABLE_STYLE = "Konzeptwerk Tabelle"
#: Indentation of heading text after its number (twips); wide enough for "4.10 c)".
HEADING_INDENT = 1134

#: Order of the children of w:settings (ECMA-376 CT_Settings), so inserted settings stay schema-valid.
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
    "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors "
    "activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter "
    "stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting "
    "documentProtection autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle "
    "defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly "
    "useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults "
    "footnotePr endnotePr compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator").split()


def _style_ids(document) -> dict[str, str]:
    """Return {style name (as Word shows it and as stored): style id}, cached on the document."""
    cache = document.__dict__.get("_kw_style_ids")
    if cache is None:
        cache = {}
        for style in document.styles.element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                stored = name.get(qn("w:val"))
                cache[stored] = cache[BabelFish.internal2ui(stored)] = style.get(qn("w:styleId"))
        document._kw_style_ids = cache
    return cache


def forget_styles(document) -> None:
    """Drop the cached style ids after styles were added."""
    document.__dict__.pop("_kw_style_ids", None)


def has_style(document, name: str) -> bool:
    """Return whether the document defines a style of that name."""
    return name in _style_ids(document)


def styled_paragraph(document, name: str | None, container=None):
    """Add a paragraph (to the body or a cell) in the named style, if the document has it (fast path)."""
    paragraph = (container or document).add_paragraph()
    apply_style(document, paragraph, name)
    return paragraph


def apply_style(document, paragraph, name: str | None) -> None:
    """Set a paragraph's style by name without python-docx's slow lookup; unknown names are ignored."""
    style_id = _style_ids(document).get(name) if name else None
    if style_id:
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id


def set_setting(document, tag: str, value: str | None = None, **attributes) -> None:
    """Set (or add in schema order) a child of w:settings, e.g. ``set_setting(d, "autoHyphenation", "true")``."""
    settings = document.settings.element
    element = settings.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        rank = SETTINGS_ORDER.index(tag)
        following = next((child for child in settings
                          if child.tag.startswith("{" + settings.nsmap["w"] + "}")
                          and child.tag.split("}")[1] in SETTINGS_ORDER
                          and SETTINGS_ORDER.index(child.tag.split("}")[1]) > rank), None)
        if following is None:
            settings.append(element)
        else:
            following.addprevious(element)
    if value is not None:
        element.set(qn("w:val"), value)
    for name, attribute_value in attributes.items():
        element.set(qn(f"w:{name}"), attribute_value)


def set_font(r_pr, name: str) -> None:
    """Set a font on an rPr, dropping theme font references (which would otherwise win over the name)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def _default_rpr(document):
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_default.append(r_pr)
    return r_pr


def set_language(document, language: str = LANGUAGE) -> None:
    """Make German the document's language: defaults, every style that names a language, and settings."""
    r_pr = _default_rpr(document)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")
    for style_lang in document.styles.element.iter(qn("w:lang")):
        if style_lang.get(qn("w:val")):
            style_lang.set(qn("w:val"), language)
    set_setting(document, "themeFontLang", language)
    set_setting(document, "decimalSymbol", ",")
    set_setting(document, "listSeparator", ";")


def enable_hyphenation(document) -> None:
    """Switch on automatic hyphenation (German rules), as in a hand-made council paper."""
    set_setting(document, "autoHyphenation", "true")
    set_setting(document, "consecutiveHyphenLimit", "2")
    set_setting(document, "hyphenationZone", "357")
    set_setting(document, "doNotHyphenateCaps", "true")


def _paragraph_style(document, name: str, base: str = "Normal"):
    if has_style(document, name):
        return document.styles[name], False
    forget_styles(document)
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base] if has_style(document, base) else document.styles["Normal"]
    style.quick_style = True
    return style, True


def _outline_level(style, level: int) -> None:
    p_pr = style.element.get_or_add_pPr()
    outline = p_pr.find(qn("w:outlineLvl"))
    if outline is None:
        outline = OxmlElement("w:outlineLvl")
        p_pr.append(outline)
    outline.set(qn("w:val"), str(level))


def ensure_styles(document, *, customise: bool) -> None:
    """Add the styles the builder uses where missing; give them Konzeptwerk's look when no template is used."""
    for level in range(1, 4):
        style, created = _paragraph_style(document, f"Heading {level}")
        if created:
            style.font.bold = True
            style.font.size = Pt({1: 16, 2: 14, 3: 12}[level])
            _outline_level(style, level - 1)
        style.paragraph_format.keep_with_next = True
    for name, base in (("Quote", "Normal"), ("List Bullet", "Normal"), ("List Number", "Normal"),
                       ("Caption", "Normal"), ("Title", "Normal"), ("Subtitle", "Normal")):
        style, created = _paragraph_style(document, name, base)
        if created and name == "Quote":
            style.font.italic = True
        if created and name == "Title":
            style.font.size, style.font.bold = Pt(26), True
        if created and name == "Caption":
            style.font.size, style.font.bold = Pt(9), True
    caption = document.styles["Caption"].paragraph_format
    caption.space_before, caption.space_after = Pt(6), Pt(10)
    part, _ = _paragraph_style(document, PART_STYLE, "Heading 3")
    part.paragraph_format.keep_with_next = True
    sub, created = _paragraph_style(document, SUBHEADING_STYLE)
    if created:
        sub.font.bold = True
        sub.paragraph_format.keep_with_next = True
        sub.paragraph_format.space_before = Pt(8)
    cell, created = _paragraph_style(document, TABLE_TEXT_STYLE)
    if created:
        cell.font.size = Pt(9.5)
        cell.paragraph_format.space_before, cell.paragraph_format.space_after = Pt(1), Pt(1)
        cell.paragraph_format.line_spacing = 1.0
    evidence, created = _paragraph_style(document, EVIDENCE_STYLE)
    if created:
        evidence.font.size = Pt(9)
        evidence.paragraph_format.left_indent = Pt(14)
        evidence.paragraph_format.space_after = Pt(4)
    figure, created = _paragraph_style(document, FIGURE_STYLE)
    if created:
        figure.paragraph_format.space_before, figure.paragraph_format.space_after = Pt(10), Pt(2)
        figure.paragraph_format.keep_with_next = True
    for level in range(1, 4):
        toc, created = _paragraph_style(document, f"TOC {level}")
        if created:
            toc.paragraph_format.left_indent = Pt(12 * (level - 1))
            toc.paragraph_format.space_after = Pt(2)
            if level == 1:
                toc.paragraph_format.space_before = Pt(6)
                toc.font.bold = True
    if customise:
        _konzeptwerk_look(document)


def _konzeptwerk_look(document) -> None:
    styles = document.styles
    set_font(_default_rpr(document), "Arial")
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption", "Quote"):
        style = styles[name]
        set_font(style.element.get_or_add_rPr(), "Arial")
    styles["Normal"].font.size = Pt(11)
    normal = styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(6), 1.15
    for level in range(1, 4):
        heading = styles[f"Heading {level}"]
        heading.font.color.rgb = HEADING_COLOUR
        heading.font.size = Pt({1: 16, 2: 14, 3: 12}[level])
        heading.paragraph_format.space_before = Pt({1: 18, 2: 14, 3: 12}[level])
        heading.paragraph_format.space_after = Pt(6)
    styles["Title"].font.color.rgb = HEADING_COLOUR
    styles["Caption"].font.color.rgb = HEADING_COLOUR


def define_heading_numbering(document, first_number: str, *, part_parent_level: int = 2) -> None:
    """Number Heading 1–3 and the field parts with a Word multilevel list that reproduces the app's numbers.

    ``first_number`` is the app's number of the first top-level heading: "1" for the whole concept,
    "4.2" for one chapter (then level 1 reads "4.2", "4.3" …). Parts read "<parent> a)".
    """
    prefix, _, start = first_number.rpartition(".")
    prefix = f"{prefix}." if prefix else ""
    start_value = int(start) if start.isdigit() else 1
    formats = [f"{prefix}%1", f"{prefix}%1.%2", f"{prefix}%1.%2.%3"]
    part_text = f"{formats[part_parent_level - 1]} %4)"
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    styles = [document.styles[f"Heading {level}"] for level in range(1, 4)] + [document.styles[PART_STYLE]]
    levels = []
    for ilvl, (style, text) in enumerate(zip(styles, formats + [part_text], strict=True)):
        fmt = "lowerLetter" if ilvl == 3 else "decimal"
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start_value if ilvl == 0 else 1}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:pStyle w:val="{style.style_id}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{HEADING_INDENT}" w:hanging="{HEADING_INDENT}"/></w:pPr></w:lvl>')
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    add_num(numbering, parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                 f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    for ilvl, style in enumerate(styles):
        p_pr = style.element.get_or_add_pPr()
        old = p_pr.find(qn("w:numPr"))
        if old is not None:
            p_pr.remove(old)
        num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        _insert_in_ppr(p_pr, num_pr)
    if has_style(document, "TOC Heading"):
        toc_heading = document.styles["TOC Heading"].element.get_or_add_pPr()
        if toc_heading.find(qn("w:numPr")) is None:
            _insert_in_ppr(toc_heading, parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))
    part = document.styles[PART_STYLE]
    part.base_style = document.styles[f"Heading {part_parent_level + 1}"]
    _outline_level(part, part_parent_level)


def add_num(numbering, num) -> None:
    """Add a w:num after the last one (before Word's trailing w:numIdMacAtCleanup, where present)."""
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[-1].addnext(num)
        return
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering.append(num)


#: Children of w:pPr that come before w:numPr.
_BEFORE_NUMPR = {qn(f"w:{tag}") for tag in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                                             "widowControl")}


def _insert_in_ppr(p_pr, element) -> None:
    position = 0
    for index, child in enumerate(p_pr):
        if child.tag in _BEFORE_NUMPR:
            position = index + 1
    p_pr.insert(position, element)


def theme_colours(document) -> list[str]:
    """Return the theme's accent colours as "#rrggbb" (empty when the document has no theme part)."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            text = rel.target_part.blob.decode("utf-8", "replace")
            found = []
            for accent in range(1, 7):
                match = re.search(rf"<a:accent{accent}>\s*<a:srgbClr val=\"([0-9A-Fa-f]{{6}})\"", text)
                if match:
                    found.append("#" + match.group(1).lower())
            return found
    return []
