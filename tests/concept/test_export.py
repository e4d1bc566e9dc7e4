"""Word export: structure checked by reopening the file with python-docx; templates; CLI; LibreOffice."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn

from app.concept import exports, queries, services
from app.concept.docx_builder import MEASURE_COLUMNS, german_date, german_money
from app.concept.templates_docx import DOTX_MAIN
from app.errors import ValidationError
from app.extensions import db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def filled(make_concept, make_theme, make_voted_item):
    concept = make_concept(municipality="Monheim am Rhein")
    project = concept.project
    field = project.fields_of_action[1]
    make_theme(project, field, "Ehrenamt braucht Begleitung",
               [("Nach schweren Gesprächen fühlt man sich allein.", "Ehrenamtliches Engagement")] * 6)
    goal = services.create_goal(concept, field, kind="guiding_goal", title="Engagement stärken")
    services.create_goal(concept, field, kind="action_goal", title="Ehrenamtliche qualifizieren", parent=goal)
    make_voted_item(project, field, title=goal.title, source=f"concept_goal:{goal.id}", dots=11, voters=4)
    services.create_measure(concept, field, title="Austauschplattform", description="Gruppengespräche mit **Input**.",
                            steps="Termine festlegen\nEinladen", period="fortlaufend",
                            cost_text="im Rahmen vorhandener Mittel", implemented_by="beratungsCentrum, SKFM",
                            status="running", goal_ids=[goal.id])
    services.create_measure(concept, field, title="Handlungskonzept Ehrenamt", period="2027–2028",
                            cost_amount=Decimal("1234.5"), implemented_by="Ehrenamtsbörse", status="planned")
    services.create_measure(concept, field, title="Abgeschlossene Aktion", status="done")
    services.create_measure(concept, field, title="Gestrichen", status="dropped")
    foreword = next(s for s in concept.sections if s.title == "Vorwort")
    services.save_section(foreword, body="Ein **Vorwort**.\n\n- Punkt eins\n\n> Ein Zitat\n\nمرحبا بكم في مدينتنا",
                          status="final", expected_version=1)
    return concept, field


def _open(buffer) -> docx.Document:
    return docx.Document(io.BytesIO(buffer.getvalue() if hasattr(buffer, "getvalue") else buffer))


def test_whole_concept_structure(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading ")]
    expected = [f"{e.number} {e.section.title}" for e in queries.outline(concept)]
    assert headings == expected
    assert headings[0] == "1 Vorwort" and headings[-1] == "5 Anhang"
    levels = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading ")}
    assert levels["4.2 Stärkung des bürgerschaftlichen Engagements"] == "Heading 2"
    assert levels["4.2 c) Ideen und Maßnahmen"] == "Heading 3"
    assert document.paragraphs[1].text == concept.title
    assert "Monheim am Rhein" in document.paragraphs[0].text

    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any('TOC \\o "1-3" \\h \\z \\u' in text for text in instructions)
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_measures_table_in_monheims_columns_with_repeating_header(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    measure_tables = [t for t in document.tables if tuple(c.text for c in t.rows[0].cells) == MEASURE_COLUMNS]
    assert len(measure_tables) == 2
    running, planned = measure_tables
    assert [r.cells[0].text for r in running.rows[1:]] == ["1", "3"]
    first = running.rows[1].cells
    assert first[1].text.startswith("Austauschplattform")
    assert "Umsetzungsschritte:" in first[1].text and "(1) Termine festlegen" in first[1].text
    assert first[2].text == "fortlaufend" and first[3].text == "im Rahmen vorhandener Mittel"
    assert first[4].text == "beratungsCentrum, SKFM"
    assert "Abgeschlossene Aktion (umgesetzt)" in running.rows[2].cells[1].text
    assert planned.rows[1].cells[3].text == "1.234,50\u00a0€"
    assert all("Gestrichen" not in c.text for t in measure_tables for r in t.rows for c in r.cells)
    for table in measure_tables:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Bereits umgesetzt, laufende Aktivitäten" in captions and "Geplante Maßnahmen" in captions


def test_goals_priorities_charts_and_formatting(filled):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    texts = [p.text for p in document.paragraphs]
    goal_line = next(t for t in texts if t.startswith("Leitziel 1: Engagement stärken"))
    assert "11 Punkte" in goal_line
    assert "Handlungsziel 1.1: Ehrenamtliche qualifizieren" in texts
    descriptions = [el.get("descr") for el in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(document.inline_shapes) == len(descriptions) >= 4
    assert all(descriptions)
    assert any("Ehrenamt braucht Begleitung: 6 Aussagen" in d for d in descriptions)
    assert any("Engagement stärken: 11 Punkte" in d for d in descriptions)
    vorwort = [p for p in document.paragraphs if p.text == "Ein Vorwort."][0]
    assert any(r.bold and r.text == "Vorwort" for r in vorwort.runs)
    assert any(p.style.name == "List Bullet" and p.text == "Punkt eins" for p in document.paragraphs)
    assert any(p.style.name == "Quote" and p.text == "Ein Zitat" for p in document.paragraphs)
    arabic = next(p for p in document.paragraphs if p.text.startswith("مرحبا"))
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    assert german_date(concept.created_at.date()) in " ".join(texts)


def test_appendix_lists_process_steps_and_participation(filled, make_voted_item):
    concept, field = filled
    document = _open(exports.export_concept(concept))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert {"Prozessschritte", "Interviews je Akteursgruppe", "Teilnahme an den Workshops"} <= set(captions)
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["Entscheider-Workshop", "Entscheider-Workshop", "", "36"] in rows or any(
        r[0] == "Entscheider-Workshop" and r[-1] == "36" for r in rows)
    assert any(r[0] == "Jugendparlament" for r in rows)


def test_chapter_export_contains_only_that_field(author_client, filled):
    concept, field = filled
    response = author_client.get(f"/concept/{concept.project_id}/export.docx?field={field.id}")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "Kapitel-4.2" in response.headers["Content-Disposition"]
    document = _open(response.data)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading ")]
    assert headings == [("Heading 1", "4.2 Stärkung des bürgerschaftlichen Engagements"),
                        ("Heading 2", "4.2 a) Stärken und Entwicklungspotentiale"),
                        ("Heading 2", "4.2 b) Leitziele und Handlungsziele"),
                        ("Heading 2", "4.2 c) Ideen und Maßnahmen")]
    assert len(document.tables) == 2


def test_german_money_and_dates():
    from datetime import date

    assert german_money(Decimal("1234.5")) == "1.234,50\u00a0€"
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
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][0] == "1 Vorwort"


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
    assert headings[0] == "1 Vorwort"
    chapter = tmp_path / "kapitel.docx"
    result = runner.invoke(args=["concept", "export", "--project", str(concept.project_id), "--output", str(chapter),
                                 "--field", "2"])
    assert result.exit_code == 0, result.output
    assert docx.Document(chapter).paragraphs[2].text == "Kapitel 2: Stärkung des bürgerschaftlichen Engagements"
    bad = runner.invoke(args=["concept", "export", "--project", str(concept.project_id), "--output", str(chapter),
                              "--field", "9"])
    assert bad.exit_code != 0 and "Handlungsfeld 9" in bad.output
    missing = runner.invoke(args=["concept", "export", "--project", "999", "--output", str(chapter)])
    assert missing.exit_code != 0


def test_export_converts_with_libreoffice(filled, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    concept, field = filled
    source = tmp_path / "konzept.docx"
    source.write_bytes(exports.export_concept(concept).getvalue())
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "konzept.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
