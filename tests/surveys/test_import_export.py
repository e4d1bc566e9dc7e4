"""Import from CSV, Excel and .docx (with checks) and export as CSV/Excel with a codebook, injection-safe."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from app.extensions import db


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, survey, name, data):
    return client.post(f"/surveys/{survey.id}/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _upload_id(response) -> str:
    return response.get_data(as_text=True).split('name="upload_id" type="hidden" value="')[1].split('"')[0]


def _mapping_form(response, upload_id, action):
    body = response.get_data(as_text=True)
    form = {"upload_id": upload_id, "action": action}
    for part in body.split('<select class="form-select" id="map-')[1:]:
        index = part.split('"')[0]
        selected = part.split("</select>")[0]
        value = selected.split('selected>')[0].rsplit('value="', 1)[1].split('"')[0] if "selected" in selected else ""
        form[f"map-{index}"] = value
    return form


def test_csv_import_with_mapping_preview(lead_client, make_survey, questions):
    from app.surveys.models import Answer, Respondent

    survey = make_survey()
    kinds = questions(survey)
    group = survey.project.stakeholder_groups[0]
    text = (f"Kürzel;Akteursgruppe;Zuwanderungsgeschichte;q{kinds['free_text'].id};{kinds['scale'].text};"
            f"q{kinds['multiple_choice'].id};q{kinds['ranking'].id}\n"
            f"I-01;{group.name};ja;\"Mehr Kitas; und Sprachkurse\";4;\"Sport; Jugend\";Arbeit > Kita\n"
            f"I-02;;keine Angabe;Begegnung;2;;\n")
    checked = _upload(lead_client, survey, "antworten.csv", ("\ufeff" + text).encode("utf-8"))
    assert checked.status_code == 200
    assert "I-01" in checked.get_data(as_text=True)
    upload_id = _upload_id(checked)
    form = _mapping_form(checked, upload_id, "import")
    assert form["map-0"] == "pseudonym" and form["map-4"] == f"q:{kinds['scale'].id}"
    done = lead_client.post(f"/surveys/{survey.id}/import/mapping", data=form)
    assert done.status_code == 302
    respondents = {r.pseudonym: r for r in db.session.scalars(select(Respondent))}
    assert set(respondents) == {"I-01", "I-02"}
    first = respondents["I-01"]
    assert first.stakeholder_group_id == group.id and first.migration_history == "yes"
    values = {a.question_id: a.value for a in first.answers}
    assert values[kinds["free_text"].id] == "Mehr Kitas; und Sprachkurse"
    assert values[kinds["multiple_choice"].id] == ["sport", "youth"]
    assert values[kinds["ranking"].id] == ["work", "childcare"]
    assert values[kinds["scale"].id] == 4
    assert all(a.entered_by_id == lead_client.user.id for a in db.session.scalars(select(Answer)))


def test_xlsx_import_with_comma_free_sheet(lead_client, make_survey, questions):
    from app.surveys.models import Respondent

    survey = make_survey()
    kinds = questions(survey)
    data = _xlsx([["pseudonym", f"q{kinds['free_text'].id}", f"q{kinds['scale'].id}"], ["X-1", "Gut", 5]])
    checked = _upload(lead_client, survey, "antworten.xlsx", data)
    assert checked.status_code == 200
    form = _mapping_form(checked, _upload_id(checked), "import")
    assert lead_client.post(f"/surveys/{survey.id}/import/mapping", data=form).status_code == 302
    (respondent,) = db.session.scalars(select(Respondent)).all()
    assert {a.value for a in respondent.answers} == {"Gut", 5}


def test_bad_rows_are_listed_and_nothing_is_imported(lead_client, make_survey, questions):
    from app.surveys.models import Respondent

    survey = make_survey()
    kinds = questions(survey)
    text = f"pseudonym;q{kinds['scale'].id};q{kinds['single_choice'].id}\nA-1;9;mail\nA-1;3;fax\n"
    checked = _upload(lead_client, survey, "a.csv", text.encode("utf-8"))
    response = lead_client.post(f"/surveys/{survey.id}/import/mapping",
                                data=_mapping_form(checked, _upload_id(checked), "import"))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Zeile 2" in body and "Zeile 3" in body and "schon vergeben" in body
    assert _count(Respondent) == 0


def test_wrong_columns_are_refused(lead_client, make_survey):
    from app.surveys.models import Respondent

    survey = make_survey()
    checked = _upload(lead_client, survey, "a.csv", b"Name,Stadt\nAnna,Monheim\n")
    assert checked.status_code == 200
    response = lead_client.post(f"/surveys/{survey.id}/import/mapping",
                                data=_mapping_form(checked, _upload_id(checked), "import"))
    assert response.status_code == 422
    assert "Die Spalten passen nicht" in response.get_data(as_text=True)
    assert _count(Respondent) == 0


def test_wrong_encoding_names_the_expected_one(lead_client, make_survey):
    survey = make_survey()
    response = _upload(lead_client, survey, "a.csv", "pseudonym;Antwort\nI-1;Größe\n".encode("cp1252"))
    assert response.status_code == 422
    assert "UTF-8" in response.get_data(as_text=True)


@pytest.mark.parametrize("name, data, message", [
    ("antworten.xlsx", b"pseudonym;q1\nI-1;x\n", "Die Datei ist keine Excel-Arbeitsmappe (.xlsx)."),
    ("antworten.xlsx", b"PK\x03\x04 not really a zip", "Die Datei ist keine Excel-Arbeitsmappe (.xlsx)."),
    ("antworten.xls", b"\xd0\xcf\x11\xe0 old excel", "Bitte laden Sie eine CSV-Datei (UTF-8) oder eine Excel-Datei"),
])
def test_non_xlsx_files_are_refused(lead_client, make_survey, name, data, message):
    survey = make_survey()
    response = _upload(lead_client, survey, name, data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_50_mb_upload_is_refused_with_413_and_changes_nothing(lead_client, make_survey):
    from app.surveys.models import Answer, Respondent

    survey = make_survey()
    before = (_count(Respondent), _count(Answer))
    big = b"pseudonym;q1\n" + b"I-1;" + b"x" * (50 * 1024 * 1024) + b"\n"
    body = (b'--KWBOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            b"Content-Type: text/csv\r\n\r\n" + big + b"\r\n--KWBOUNDARY--\r\n")
    response = lead_client.post(f"/surveys/{survey.id}/import", data=body,
                                content_type="multipart/form-data; boundary=KWBOUNDARY")
    assert response.status_code == 413
    assert "zu groß" in response.get_data(as_text=True)
    assert (_count(Respondent), _count(Answer)) == before


def test_docx_transcript_import(lead_client, make_survey, questions):
    import docx

    from app.surveys.models import Respondent

    survey = make_survey()
    kinds = questions(survey)
    document = docx.Document()
    document.add_heading("Interview mit I-09", level=1)
    document.add_heading("1. Wie erleben Sie das Zusammenleben?", level=2)
    document.add_paragraph("Im Viertel kennt man sich.")
    document.add_paragraph("Aber es fehlt ein Treffpunkt.")
    document.add_heading("Eine Frage, die es nicht gibt", level=2)
    document.add_paragraph("Wird nicht übernommen.")
    buffer = io.BytesIO()
    document.save(buffer)
    group = survey.project.stakeholder_groups[5]
    preview = lead_client.post(f"/surveys/{survey.id}/transcripts", data={
        "transcript-file": (io.BytesIO(buffer.getvalue()), "i09.docx"), "transcript-pseudonym": "I-09",
        "transcript-stakeholder_group_id": str(group.id)}, content_type="multipart/form-data")
    assert preview.status_code == 200
    body = preview.get_data(as_text=True)
    assert "Aber es fehlt ein Treffpunkt." in body and "Eine Frage, die es nicht gibt" in body
    upload_id = body.split('name="upload_id" type="hidden" value="')[1].split('"')[0]
    done = lead_client.post(f"/surveys/{survey.id}/transcripts/confirm",
                            data={"upload_id": upload_id, "pseudonym": "I-09", "group_id": str(group.id)})
    assert done.status_code == 302
    (respondent,) = db.session.scalars(select(Respondent)).all()
    assert respondent.pseudonym == "I-09" and respondent.stakeholder_group_id == group.id
    assert respondent.status == "completed"
    assert {a.entered_by_id for a in respondent.answers} == {lead_client.user.id}
    assert {a.question_id: a.value for a in respondent.answers} == {
        kinds["free_text"].id: "Im Viertel kennt man sich.\n\nAber es fehlt ein Treffpunkt."}


def test_transcript_that_is_not_docx_is_refused(lead_client, make_survey):
    survey = make_survey()
    response = lead_client.post(f"/surveys/{survey.id}/transcripts", data={
        "transcript-file": (io.BytesIO(b"plain text"), "i09.docx")}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Word" in response.get_data(as_text=True)


def test_exports_have_one_row_per_respondent_pseudonyms_and_a_codebook(lead_client, make_survey, invite,
                                                                       full_answers, questions):
    from openpyxl import load_workbook

    from app.surveys import respondent_records, submissions

    survey = make_survey()
    kinds = questions(survey)
    respondent, _token = invite(survey, pseudonym="I-01")
    respondent_records.save_contact(respondent, name="Max Muster", email="max@example.org")
    answers = full_answers(survey)
    answers[str(kinds["free_text"].id)] = "=HYPERLINK(\"http://evil\",\"klick\")"
    submissions.save_answers(respondent, answers)
    other, _ = invite(survey, pseudonym="@SUM(A1)")
    submissions.save_answers(other, {kinds["free_text"].id: "-2+3", kinds["multiple_choice"].id: ["sport"]})

    csv_text = lead_client.get(f"/surveys/{survey.id}/export.csv").data.decode("utf-8-sig")
    assert "Max Muster" not in csv_text and "max@example.org" not in csv_text
    lines = csv_text.splitlines()
    assert len(lines) == 3
    assert "'=HYPERLINK" in csv_text and "'-2+3" in csv_text and "'@SUM(A1)" in csv_text
    assert ";=" not in csv_text and not any(line.startswith(("=", "+", "-", "@")) for line in lines)

    workbook = load_workbook(io.BytesIO(lead_client.get(f"/surveys/{survey.id}/export.xlsx").data), read_only=True)
    assert workbook.sheetnames == ["Antworten", "Codebuch"]
    rows = [list(r) for r in workbook["Antworten"].iter_rows(values_only=True)]
    header = rows[0]
    assert header[0] == "pseudonym" and f"q{kinds['free_text'].id}" in header
    cells = [c for row in rows[1:] for c in row if isinstance(c, str)]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=HYPERLINK(\"http://evil\",\"klick\")" in cells
    row = next(r for r in rows if r[0] == "I-01")
    assert row[header.index(f"q{kinds['ranking'].id}")] == "Arbeit > Sprache > Kita"
    assert row[header.index(f"q{kinds['scale'].id}")] == 4
    codebook = [list(r) for r in workbook["Codebuch"].iter_rows(values_only=True)]
    assert codebook[0][0] == "code" and len(codebook) == 1 + len(survey.questions)
    assert any("mail = Per E-Mail" in (r[-1] or "") for r in codebook)
    assert not any("Max Muster" in str(c) for r in rows for c in r)
