"""Word export: structure checked by reopening the file with python-docx and reading its XML; templates; CLI."""
from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Emu

from app.concept import exports, plans, queries, services
from app.concept.templates_docx import DOTX_MAIN
from app.concept.word import MEASURE_COLUMNS, german_date, german_money
from app.errors import ValidationError
from app.extensions import db
from tests.concept.municipal_template import TEMPLATE_AUTHOR, TEMPLATE_TITLE, municipal_template_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _open(buffer) -> docx.Document:
    return docx.Document(io.BytesIO(buffer.getvalue() if hasattr(buffer, "getvalue") else buffer))


def _headings(document) -> list[docx.text.paragraph.Paragraph]:
    return [p for p in document.paragraphs if p.style.name.startswith("Heading ") or p.style.name == "Teilkapitel"]


def simulate_heading_numbers(document) -> list[str]:
    """Number the headings as Word does from the document's own list definitions (styles → numPr → lvlText)."""
    numbering = document.part.numbering_part.element
    abstract_of = {n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(qn("w:val"))
                   for n in numbering.findall(qn("w:num"))}
    levels = {a.get(qn("w:abstractNumId")): {int(lvl.get(qn("w:ilvl"))): lvl for lvl in a.findall(qn("w:lvl"))}
              for a in numbering.findall(qn("w:abstractNum"))}
    counters: dict[int, int] = {}
    numbers = []
    for paragraph in _headings(document):
        num_pr = paragraph.style.element.pPr.find(qn("w:numPr"))
        assert num_pr is not None, f"{paragraph.style.name} is not linked to a list"
        ilvl = int(num_pr.find(qn("w:ilvl")).get(qn("w:val")))
        definition = levels[abstract_of[num_pr.find(qn("w:numId")).get(qn("w:val"))]]
        start = int(definition[ilvl].find(qn("w:start")).get(qn("w:val")))
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = definition[ilvl].find(qn("w:lvlText")).get(qn("w:val"))
        for level in range(4):
            value = counters.get(level, int(definition[level].find(qn("w:start")).get(qn("w:val"))))
            formatted = chr(ord("a") + value - 1) if definition[level].find(qn("w:numFmt")).get(qn("w:val")) == \
                "lowerLetter" else str(value)
            text = text.replace(f"%{level + 1}", formatted)
        numbers.append(text)
    return numbers


def section_widths(document) -> list[tuple[float, object]]:
    """Return (text width in twips, sectPr) for each section, in body order."""
    return [((int(s.find(qn("w:pgSz")).get(qn("w:w"))) - int(s.find(qn("w:pgMar")).get(qn("w:left")))
              - int(s.find(qn("w:pgMar")).get(qn("w:right")))), s) for s in document.element.body.iter(qn("w:sectPr"))]


def _tables_with_text_width(document):
    """Yield each table with the text width of the section it stands in."""
    widths = iter(section_widths(document))
    current = next(widths)[0]
    for child in document.element.body:
        if child.tag == qn("w:tbl"):
            yield child, current
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            current = next(widths)[0]


def test_whole_concept_headings_use_word_numbering_that_matches_the_app(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    outline = queries.outline(concept)
    headings = _headings(document)
    assert [p.text for p in headings] == [e.section.title for e in outline], "no typed numbers in headings"
    assert simulate_heading_numbers(document) == [e.number for e in outline]
    styles = {p.text: p.style.name for p in headings}
    assert styles["Stärkung des bürgerschaftlichen Engagements"] == "Heading 2"
    assert styles["Erfolge messen"] == "Heading 1" and styles["Anhang"] == "Heading 1"
    parts = [p for p in headings if p.style.name == "Teilkapitel"]
    assert len(parts) == 3 * len(concept.project.fields_of_action)
    assert document.paragraphs[1].text == concept.title
    assert "Monheim am Rhein" in document.paragraphs[0].text
    for paragraph in headings:
        if paragraph.style.name == "Heading 1" or paragraph.text in {f.name for f in concept.project.fields_of_action}:
            previous = paragraph._p.getprevious()
            after_section_break = previous is not None and previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
            assert paragraph.paragraph_format.page_break_before or after_section_break, f"{paragraph.text}: new page"


def test_table_of_contents_field_carries_its_current_entries(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    body = document.element.body
    assert any('TOC \\o "1-3" \\h \\z \\u' in t.text for t in body.iter(qn("w:instrText")))
    entries = [p for p in document.paragraphs if p.style.name.startswith("TOC ") and p.style.name != "TOC Heading"]
    outline = queries.outline(concept)
    assert [p.text for p in entries] == [f"{e.number}\t{e.section.title}" for e in outline]
    assert "Das Inhaltsverzeichnis wird beim Öffnen" not in body.xml
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))}
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= bookmarks
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


@pytest.mark.parametrize("with_template", [False, True])
def test_german_language_hyphenation_and_properties_from_the_project(filled, with_template):
    concept, field = filled
    if with_template:
        services.upload_template(concept, filename="stadt.docx", data=municipal_template_docx())
    document = _open(exports.export_concept(concept))
    default_lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/"
                                                f"{qn('w:lang')}")
    assert default_lang.get(qn("w:val")) == "de-DE"
    assert "en-US" not in document.styles.element.xml
    settings = document.settings.element
    assert settings.find(qn("w:autoHyphenation")).get(qn("w:val")) == "true"
    assert settings.find(qn("w:themeFontLang")).get(qn("w:val")) == "de-DE"
    properties = document.core_properties
    assert properties.title.startswith(concept.title)
    assert properties.subject == concept.subtitle
    assert properties.author == properties.last_modified_by == "Monheim am Rhein"
    assert properties.language == "de-DE" and properties.comments == ""
    assert properties.created.date() >= date.today().replace(day=1) and properties.revision == 1
    everything = " ".join(str(getattr(properties, name)) for name in (
        "author", "comments", "keywords", "subject", "title", "last_modified_by", "category"))
    assert "python-docx" not in everything and TEMPLATE_TITLE not in everything and TEMPLATE_AUTHOR not in everything
    heading_fonts = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading_fonts is None or heading_fonts.get(qn("w:asciiTheme")) is None, "a theme font would win"


@pytest.mark.parametrize("with_template", [False, True])
def test_footer_numbers_pages_except_on_the_title_page(filled, with_template):
    concept, field = filled
    if with_template:
        services.upload_template(concept, filename="stadt.docx", data=municipal_template_docx())
    document = _open(exports.export_concept(concept))
    first = document.sections[0]
    assert first._sectPr.find(qn("w:titlePg")) is not None
    assert "Seite" not in "".join(p.text for p in first.first_page_footer.paragraphs)
    footer = first.footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions[-2:] == ["PAGE", "NUMPAGES"]
    assert "Seite 1 von 1" in "".join(p.text for p in first.footer.paragraphs)
    if with_template:
        assert "Rathausplatz 1" in "".join(p.text for p in first.footer.paragraphs)
    for later in document.sections[1:]:
        assert later._sectPr.find(qn("w:titlePg")) is None


def test_measures_tables_number_in_document_order_with_goals_and_indicators(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    measure_tables = [t for t in document.tables if tuple(c.text for c in t.rows[0].cells) == MEASURE_COLUMNS]
    assert len(measure_tables) == 2
    running, planned = measure_tables
    assert [r.cells[0].text for r in running.rows[1:]] + [r.cells[0].text for r in planned.rows[1:]] == ["1", "2", "3"]
    first = running.rows[1].cells
    assert first[1].text.startswith("Austauschplattform")
    assert "Umsetzungsschritte:" in first[1].text and "(1) Termine festlegen" in first[1].text
    assert "Ziel: Leitziel 1: Engagement stärken" in first[1].text
    assert "Indikator: Teilnehmende je Treffen: Ausgangswert 12\u00a0Personen · Ziel 25\u00a0Personen · aktuell " \
           "18\u00a0Personen (Stand 1. Oktober 2026)" in first[1].text
    assert first[2].text == "fortlaufend" and first[3].text == "im Rahmen vorhandener Mittel"
    assert first[4].text == "beratungsCentrum, SKFM"
    assert "Abgeschlossene Aktion (umgesetzt)" in running.rows[2].cells[1].text
    cost = planned.rows[1].cells[3].paragraphs[0]
    assert cost.text == "1.234,50\u00a0€" and cost.alignment == 2
    assert all("Gestrichen" not in c.text for t in measure_tables for r in t.rows for c in r.cells)
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    texts = [p.text for p in captions]
    assert "Tabelle 1: Bereits umgesetzt, laufende Aktivitäten" in texts and "Tabelle 2: Geplante Maßnahmen" in texts
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        header = rows[0].trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
        assert all(row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert "Stand der 3 Maßnahmen: 1 laufend, 1 umgesetzt, 1 geplant." in [p.text for p in document.paragraphs]


def test_captions_are_numbered_seq_fields_kept_with_their_object(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    body = document.element.body
    seq = [t.text.strip() for t in body.iter(qn("w:instrText")) if t.text.strip().startswith("SEQ")]
    assert seq.count("SEQ Abbildung \\* ARABIC") == len(document.inline_shapes) >= 3
    assert seq.count("SEQ Tabelle \\* ARABIC") == len(document.tables)
    children = list(body)
    for index, child in enumerate(children):
        style = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if child.tag == qn("w:p") and style is not None and style.get(qn("w:val")) == "Caption":
            text = "".join(t.text for t in child.iter(qn("w:t")))
            if text.startswith("Tabelle"):
                assert children[index + 1].tag == qn("w:tbl"), text
                assert child.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, text
            else:
                assert text.startswith("Abbildung ")
                picture = children[index - 1]
                assert picture.find(f".//{WP}inline") is not None
                assert picture.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, text
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Abbildung")]
    assert captions[0].startswith("Abbildung 1: ") and captions[1].startswith("Abbildung 2: ")


def test_column_widths_fit_the_text_width_of_their_section(filled):
    concept, field = filled
    for template in (None, municipal_template_docx()):
        concept.template_docx = template
        document = _open(exports.export_concept(concept))
        for table, text_width in _tables_with_text_width(document):
            grid = [int(col.get(qn("w:w"))) for col in table.find(qn("w:tblGrid"))]
            assert sum(grid) <= text_width
            assert table.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"


def test_wide_measures_tables_go_landscape_unless_the_author_says_portrait(filled, author_client):
    concept, field = filled
    plans.create_measure(concept, field, title="Quartiersarbeit", period="2027–2029", cost_amount="18000",
                         implemented_by="Wohnungsbaugesellschaft, Quartiersmanagement, Stadtteilkonferenz",
                         status="planned")
    document = _open(exports.export_concept(concept))
    orientations = [s.find(qn("w:pgSz")).get(qn("w:orient")) for _, s in section_widths(document)]
    assert orientations.count("landscape") == 1 and orientations[-1] != "landscape"
    landscape = [s for s in document.sections if s.orientation == 1][0]
    assert landscape.page_width > landscape.page_height
    response = author_client.get(f"/concept/{concept.project_id}/export.docx?orientation=portrait")
    portrait = _open(response.data)
    assert all(s.orientation == 0 for s in portrait.sections)
    empty = [p for p in document.paragraphs if not p.text.strip() and not p._p.xpath(".//w:drawing")
             and p._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None and not p.style.name.startswith("TOC")]
    assert not empty, "spacing comes from styles, not from empty paragraphs"


def test_goals_carry_priorities_evidence_and_serving_measures(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    texts = [p.text for p in document.paragraphs]
    goal_line = next(t for t in texts if t.startswith("Leitziel 1: Engagement stärken"))
    assert "Priorität: 11 Punkte" in goal_line and "(Maßnahmen Nr.\u00a01)" in goal_line
    assert any(t.startswith("Handlungsziel 1.1: Ehrenamtliche qualifizieren – Priorität: 4 Punkte") for t in texts)
    evidence = next(p for p in document.paragraphs if p.style.name == "Beleg")
    assert "Thema „Ehrenamt braucht Begleitung“ (6 Aussagen von 6 Befragten)" in evidence.text
    assert "„Nach schweren Gesprächen fühlt man sich allein.“ (Person" in evidence.text
    assert "Ehrenamtliches Engagement)" in evidence.text
    descriptions = [el.get("descr") for el in document.element.body.iter(f"{WP}docPr")]
    assert all(descriptions)
    assert any("Ehrenamt braucht Begleitung: 6 Aussagen" in d for d in descriptions)
    assert any("Engagement stärken: 11 Punkte" in d for d in descriptions)
    vorwort = [p for p in document.paragraphs if p.text == "Ein Vorwort."][0]
    assert any(r.bold and r.text == "Vorwort" for r in vorwort.runs)
    assert any(p.style.name == "List Bullet" and p.text == "Punkt eins" for p in document.paragraphs)
    assert any(p.style.name == "Quote" and p.text == "Ein Zitat" for p in document.paragraphs)
    arabic = next(p for p in document.paragraphs if p.text.startswith("مرحبا"))
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    assert german_date(date.today()) in " ".join(texts)


def test_charts_are_drawn_for_the_text_width_at_200_dpi_and_only_with_two_bars_or_more(filled):
    from PIL import Image

    concept, field = filled
    document = _open(exports.export_concept(concept))
    width_cm = Emu(document.sections[0].page_width - document.sections[0].left_margin
                   - document.sections[0].right_margin).cm
    for shape in document.inline_shapes:
        blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        image = Image.open(io.BytesIO(blob))
        assert abs(Emu(shape.width).cm - min(width_cm, 16.5)) < 0.05
        assert abs(image.width - Emu(shape.width).inches * 200) < 3, "printed at 200 dpi"
    titles = [el.get("title") for el in document.element.body.iter(f"{WP}docPr")]
    assert not any(t.startswith("Maßnahmen nach Status –") for t in titles), "no single-bar chart per field"


def test_monitoring_chapter_lists_indicators_and_optionally_the_success_factors(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    monitoring = next(p for p in _headings(document) if p.text == "Erfolge messen")
    assert monitoring.style.name == "Heading 1"
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["4.2 Nr.\u00a01: Austauschplattform", "Teilnehmende je Treffen", "12\u00a0Personen", "25\u00a0Personen",
            "18\u00a0Personen", "01.10.2026"] in rows
    assert not any(r[1:2] == ["Erfolge messen"] for r in rows)
    with_factors = _open(exports.export_concept(concept, success_factors=True))
    factor_rows = [[c.text for c in r.cells] for t in with_factors.tables for r in t.rows]
    assert ["9", "Erfolge messen", "Die Wirkung der Maßnahmen wird regelmäßig überprüft und berichtet."] in factor_rows


def test_appendix_lists_process_steps_and_participation(filled, make_voted_item):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    captions = [p.text.split(": ", 1)[1] for p in document.paragraphs if p.style.name == "Caption"]
    assert {"Prozessschritte", "Interviews je Akteursgruppe", "Teilnahme an den Workshops"} <= set(captions)
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert any(r[0] == "Entscheider-Workshop" and r[-1] == "36" for r in rows)
    jugend = next(t for t in document.tables if t.rows[0].cells[0].text == "Akteursgruppe")
    assert all(row.cells[1].paragraphs[0].alignment == 2 for row in jugend.rows[1:]), "numbers right-aligned"


def test_chapter_export_contains_only_that_field_numbered_as_in_the_concept(author_client, filled):
    concept, field = filled
    response = author_client.get(f"/concept/{concept.project_id}/export.docx?field={field.id}")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "Kapitel-4.2" in response.headers["Content-Disposition"]
    document = _open(response.data)
    headings = [(p.style.name, p.text) for p in _headings(document)]
    assert headings == [("Heading 1", "Stärkung des bürgerschaftlichen Engagements"),
                        ("Teilkapitel", "Stärken und Entwicklungspotentiale"),
                        ("Teilkapitel", "Leitziele und Handlungsziele"),
                        ("Teilkapitel", "Ideen und Maßnahmen")]
    assert simulate_heading_numbers(document) == ["4.2", "4.2 a)", "4.2 b)", "4.2 c)"]
    assert document.paragraphs[2].text == "Kapitel 4.2: Stärkung des bürgerschaftlichen Engagements"
    assert len([t for t in document.tables if t.rows[0].cells[0].text == "Lfd. Nr."]) == 2


def test_german_money_and_dates():
    assert german_money(Decimal("1234.5")) == "1.234,50\u00a0€"
    assert german_money(Decimal("2400.00")) == "2.400\u00a0€"
    assert german_money(None, "im Rahmen vorhandener Mittel") == "im Rahmen vorhandener Mittel"
    assert german_date(date(2026, 11, 21)) == "21. November 2026"


# --- templates ----------------------------------------------------------------------------------

def _corporate_template(font="Georgia") -> bytes:
    document = docx.Document()
    document.styles["Normal"].font.name = font
    document.styles["Heading 1"].font.name = font
    document.sections[0].header.paragraphs[0].text = "Stadt Monheim am Rhein – Integrationsbüro"
    document.add_paragraph("Dieser Text der Vorlage erscheint nicht im Export.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _as_dotx(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                payload = payload.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, payload)
    return out.getvalue()


def _without_styles(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "word/styles.xml":
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


def test_uploaded_template_styles_are_used(author_client, filled):
    concept, field = filled
    response = author_client.post(f"/concept/{concept.project_id}/template",
                                  data={"template": (io.BytesIO(_corporate_template()), "monheim.docx")},
                                  content_type="multipart/form-data")
    assert response.status_code == 302
    assert concept.template_filename == "monheim.docx"
    document = _open(exports.export_concept(concept))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.sections[0].header.paragraphs[0].text.startswith("Stadt Monheim am Rhein")
    assert all("Dieser Text der Vorlage" not in p.text for p in document.paragraphs)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][0] == "Vorwort"


def test_dotx_template_is_patched_so_it_opens(filled):
    concept, field = filled
    dotx = _as_dotx(_corporate_template("Verdana"))
    assert DOTX_MAIN.encode() in zipfile.ZipFile(io.BytesIO(dotx)).read("[Content_Types].xml")
    services.upload_template(concept, filename="Vorlage.dotx", data=dotx)
    assert DOTX_MAIN.encode() not in zipfile.ZipFile(io.BytesIO(concept.template_docx)).read("[Content_Types].xml")
    assert _open(exports.export_concept(concept)).styles["Normal"].font.name == "Verdana"


@pytest.mark.parametrize("name, payload, message", [
    ("bericht.docx", b"Das ist keine Word-Datei", "keine Word-Datei"),
    ("vorlage.pdf", b"%PDF-1.4", ".docx oder .dotx"),
    ("ohne-styles.docx", None, "keine Formatvorlagen"),
])
def test_bad_templates_are_refused_and_change_nothing(author_client, filled, name, payload, message):
    concept, field = filled
    services.upload_template(concept, filename="gut.docx", data=_corporate_template())
    before = concept.template_docx
    payload = payload if payload is not None else _without_styles(_corporate_template())
    response = author_client.post(f"/concept/{concept.project_id}/template",
                                  data={"template": (io.BytesIO(payload), name)}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.refresh(concept)
    assert concept.template_docx == before and concept.template_filename == "gut.docx"


def test_fifty_megabyte_template_is_refused(author_client, filled):
    concept, field = filled
    huge = b"\0" * (50 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        services.upload_template(concept, filename="riesig.docx", data=huge)
    assert "zu groß" in refused.value.message
    boundary = "konzeptwerk-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"template\"; filename=\"riesig.docx\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + huge + f"\r\n--{boundary}--\r\n".encode()
    response = author_client.post(f"/concept/{concept.project_id}/template", data=body,
                                  content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code in (413, 422)
    assert "zu groß" in response.get_data(as_text=True)
    db.session.refresh(concept)
    assert concept.template_docx is None


# --- command line and LibreOffice ----------------------------------------------------------------

def test_cli_export_whole_and_chapter(runner, filled, tmp_path):
    concept, field = filled
    target = tmp_path / "konzept.docx"
    result = runner.invoke(args=["concept", "export", "--project", str(concept.project_id), "--output", str(target)])
    assert result.exit_code == 0, result.output
    headings = [p.text for p in docx.Document(target).paragraphs if p.style.name.startswith("Heading ")]
    assert headings[0] == "Vorwort"
    chapter = tmp_path / "kapitel.docx"
    result = runner.invoke(args=["concept", "export", "--project", str(concept.project_id), "--output", str(chapter),
                                 "--field", "2"])
    assert result.exit_code == 0, result.output
    assert docx.Document(chapter).paragraphs[2].text == "Kapitel 4.2: Stärkung des bürgerschaftlichen Engagements"
    bad = runner.invoke(args=["concept", "export", "--project", str(concept.project_id), "--output", str(chapter),
                              "--field", "9"])
    assert bad.exit_code != 0 and "Handlungsfeld 9" in bad.output
    missing = runner.invoke(args=["concept", "export", "--project", "999", "--output", str(chapter)])
    assert missing.exit_code != 0
