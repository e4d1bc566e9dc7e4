"""Exports: CSV and Excel safe from formula injection, REFI-QDA archive with codes and exact selections."""
from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

NS = {"q": "urn:QDA-XML:project:1.0"}
DANGEROUS = "=HYPERLINK(\"http://evil.example\",\"klick\") und mehr Kita-Plätze bitte"


@pytest.fixture
def analysed_with_formula(app, make_project, make_survey, standard_respondents, make_user):
    from app.analysis import codebook, services
    from app.extensions import db
    from app.surveys.models import Answer

    project = make_project()
    survey = make_survey(project, standard_respondents)
    answer = Answer.query.first()
    answer.value = DANGEROUS
    db.session.commit()
    analysis = services.create_analysis(project, title="Export", scope="survey", survey_id=survey.id, theme_count=3)
    services.run_analysis(analysis)
    code = codebook.create_code(analysis, name="-Lücke", definition="+fehlt etwas")
    person = make_user(roles=("author",), full_name="Ana Lyse")
    for passage in analysis.answers[1].passages + analysis.answers[2].passages:
        codebook.set_passage_codes(passage, [code.id], person)
    return project, analysis, code


def test_csv_export_neutralises_formulas(app, lead_client, analysed_with_formula):
    project, analysis, _code = analysed_with_formula
    response = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/export/passages.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Passage"
    texts = [row[-1] for row in rows[1:]]
    assert "'" + DANGEROUS in texts
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    codes = list(csv.reader(io.StringIO(lead_client.get(
        f"/analysis/projects/{project.id}/{analysis.id}/export/codes.csv").get_data().decode("utf-8-sig")),
        delimiter=";"))
    assert codes[1][1] == "'-Lücke" and codes[1][2] == "'+fehlt etwas" and codes[1][3] == "2"


def test_excel_export_has_three_sheets_and_no_formulas(app, lead_client, analysed_with_formula):
    from openpyxl import load_workbook

    project, analysis, _code = analysed_with_formula
    response = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.get_data()))
    assert workbook.sheetnames == ["Themen", "Codes", "Passagen"]
    values = [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert "'" + DANGEROUS in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert workbook["Themen"].max_row == 4


def test_qdpx_archive_opens_parses_and_has_codes_and_exact_selections(app, lead_client, analysed_with_formula):
    from app.analysis.models import Passage

    project, analysis, code = analysed_with_formula
    response = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/export.qdpx")
    assert response.status_code == 200 and response.get_data()[:2] == b"PK"
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    names = archive.namelist()
    assert "project.qde" in names
    root = ET.fromstring(archive.read("project.qde"))
    assert root.tag == "{urn:QDA-XML:project:1.0}Project" and root.get("name") == "Export"
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    assert "Ana Lyse" in users.values()
    codes = {c.get("guid"): c.get("name") for c in root.iter("{urn:QDA-XML:project:1.0}Code")}
    assert "-Lücke" in codes.values() and "Themen" in codes.values()
    assert len([n for n in codes.values()]) == 2 + len(analysis.themes) + 1
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert len(sources) == len(analysis.answers)
    all_passages = Passage.query.all()
    passages = {p.text for p in all_passages}
    checked = 0
    code_guid = next(g for g, n in codes.items() if n == "-Lücke")
    coded_by_person = 0
    for source in sources:
        path = source.get("plainTextPath")
        assert path.startswith("internal://")
        text = archive.read("sources/" + path[len("internal://"):]).decode("utf-8")
        assert source.find("q:PlainTextContent", NS).text == text
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert text[start:end] in passages
            refs = [ref.get("targetGUID") for ref in selection.iter("{urn:QDA-XML:project:1.0}CodeRef")]
            assert all(ref in codes for ref in refs)
            for coding in selection.findall("q:Coding", NS):
                assert coding.get("creatingUser") in users
            coded_by_person += code_guid in refs
            checked += 1
    assert checked == len(all_passages)
    assert coded_by_person == 2
    assert DANGEROUS in "".join(archive.read(n).decode("utf-8") for n in names if n.startswith("sources/"))


def test_builders_are_pure():
    from datetime import datetime

    from app.analysis.exports import Table, build_csv, build_xlsx
    from app.analysis.qdpx import QdaCode, QdaProject, QdaSelection, QdaSource, build_qdpx

    table = Table("t", ["a"], [["@SUM(1)"], ["ok"], [3]])
    assert build_csv(table).decode("utf-8-sig").splitlines() == ["a", "'@SUM(1)", "ok", "3"]
    assert build_xlsx([table])[:2] == b"PK"
    project = QdaProject("P", datetime(2026, 1, 1), [("U", "Person")], [QdaCode("C", "Code")],
                         [QdaSource("S", "I-01", "Hallo\x0bWelt", selections=[QdaSelection("X", 6, 10, [("C", "U")])])])
    archive = zipfile.ZipFile(io.BytesIO(build_qdpx(project)))
    assert archive.read("sources/S.txt").decode() == "Hallo Welt"
    ET.fromstring(archive.read("project.qde"))
