"""Decompression bombs and oversized tables: refused before parsing, cheaply, with a clear message; nothing kept."""
from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from tests.zip_bombs import MIB, many_parts, office_bomb

#: A real bomb: about 1.2 MB packed, 1.2 GB unpacked.
BOMB_MIB = 1150


def _xlsx_with_marker() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Kürzel", "q1"])
    workbook.active.append(["I-01", "BOMB"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _docx_with_marker() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("1. Wie erleben Sie das Zusammenleben?", level=2)
    document.add_paragraph("BOMB")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _kept_uploads(app) -> set[str]:
    folder = Path(app.instance_path) / "survey_uploads"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _respondents() -> int:
    from app.surveys.models import Respondent

    return db.session.scalar(select(func.count()).select_from(Respondent))


def _post_file(client, url, field, filename, payload):
    """Post one file as multipart/form-data built here (the test client would spool big bodies to an unclosed file)."""
    body = (f'--KWBOUNDARY\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode() + payload + b"\r\n--KWBOUNDARY--\r\n"
    return client.post(url, data=body, content_type="multipart/form-data; boundary=KWBOUNDARY")


def _post_measured(client, url, field, filename, payload):
    """Post a file and return (response, peak of Python memory allocated meanwhile, in MiB)."""
    tracemalloc.start()
    try:
        response = _post_file(client, url, field, filename, payload)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak / MIB


def test_the_bomb_is_what_the_issue_describes():
    bomb = office_bomb(_xlsx_with_marker(), "xl/worksheets/sheet1.xml", BOMB_MIB)
    import zipfile

    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert len(bomb) < 1.5 * MIB and unpacked > 1.2e9


def test_an_xlsx_bomb_is_refused_in_little_memory_and_not_kept(app, lead_client, make_survey):
    survey = make_survey()
    bomb = office_bomb(_xlsx_with_marker(), "xl/worksheets/sheet1.xml", BOMB_MIB)
    before = _kept_uploads(app)
    response, peak_mib = _post_measured(lead_client, f"/surveys/{survey.id}/import", "file", "antworten.xlsx", bomb)
    assert response.status_code == 422
    assert "Die Datei ist entpackt zu groß (mehr als 100 MB)" in response.get_data(as_text=True)
    assert peak_mib < 50
    assert _kept_uploads(app) == before
    assert _respondents() == 0


def test_the_refusal_speaks_the_users_language(lead_client, make_survey):
    survey = make_survey()
    bomb = office_bomb(_xlsx_with_marker(), "xl/worksheets/sheet1.xml", 120)
    lead_client.get("/pages/language/en")
    response = _post_file(lead_client, f"/surveys/{survey.id}/import", "file", "answers.xlsx", bomb)
    assert response.status_code == 422
    assert "The file is too large when unpacked (more than 100 MB)" in response.get_data(as_text=True)


def test_a_docx_transcript_bomb_is_refused_in_little_memory_and_not_kept(app, lead_client, make_survey):
    survey = make_survey()
    bomb = office_bomb(_docx_with_marker(), "word/document.xml", BOMB_MIB)
    before = _kept_uploads(app)
    response, peak_mib = _post_measured(lead_client, f"/surveys/{survey.id}/transcripts", "transcript-file",
                                        "i09.docx", bomb)
    assert response.status_code == 422
    assert "Die Datei ist entpackt zu groß" in response.get_data(as_text=True)
    assert peak_mib < 50
    assert _kept_uploads(app) == before
    assert _respondents() == 0


def test_an_archive_of_too_many_parts_is_refused(lead_client, make_survey):
    survey = make_survey()
    crowded = many_parts(_xlsx_with_marker(), 1200)
    response = lead_client.post(f"/surveys/{survey.id}/import", data={"file": (io.BytesIO(crowded), "a.xlsx")},
                                content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Die Datei besteht aus zu vielen Teilen (mehr als 1000)" in response.get_data(as_text=True)


def test_a_word_template_bomb_is_refused_by_the_same_check(app):
    from app.concept.templates_docx import validate_template
    from app.errors import ValidationError

    bomb = office_bomb(_docx_with_marker(), "word/document.xml", 150)
    with pytest.raises(ValidationError) as refused:
        validate_template("vorlage.docx", bomb)
    assert "entpackt zu groß" in str(refused.value.message) and refused.value.field == "template"
    with pytest.raises(ValidationError) as crowded:
        validate_template("vorlage.docx", many_parts(_docx_with_marker(), 1200))
    assert "zu vielen Teilen" in str(crowded.value.message)


def test_a_sheet_declaring_thousands_of_columns_is_refused(lead_client, make_survey):
    from openpyxl import Workbook

    survey = make_survey()
    workbook = Workbook()
    workbook.active.append(["Kürzel", "q1"])
    workbook.active.cell(row=2, column=16000, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = lead_client.post(f"/surveys/{survey.id}/import",
                                data={"file": (io.BytesIO(buffer.getvalue()), "breit.xlsx")},
                                content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Die Datei hat mehr als 500 Spalten." in response.get_data(as_text=True)


def test_a_csv_row_of_millions_of_separators_is_refused_while_reading(lead_client, make_survey):
    survey = make_survey()
    wide = b"pseudonym;q1\n" + b";" * (5 * MIB) + b"\n"
    response, peak_mib = _post_measured(lead_client, f"/surveys/{survey.id}/import", "file", "breit.csv", wide)
    assert response.status_code == 422
    assert "Die Datei hat mehr als 500 Spalten." in response.get_data(as_text=True)
    assert peak_mib < 50


def test_a_broken_csv_gets_a_message_not_an_error_page(lead_client, make_survey):
    survey = make_survey()
    huge_field = b'pseudonym;q1\nI-1;"' + b"x" * 200_000 + b'"\n'
    response = lead_client.post(f"/surveys/{survey.id}/import", data={"file": (io.BytesIO(huge_field), "a.csv")},
                                content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Die CSV-Datei ist fehlerhaft" in response.get_data(as_text=True)


def test_a_stored_upload_that_fails_later_is_deleted(app, lead_client, make_survey):
    from tests.surveys.test_import_export import _upload, _upload_id

    survey = make_survey()
    checked = _upload(lead_client, survey, "antworten.csv", b"pseudonym;q1\nI-01;x\n")
    upload_id = _upload_id(checked)
    assert upload_id in _kept_uploads(app)
    (Path(app.instance_path) / "survey_uploads" / upload_id).write_bytes(b"\xff\xfe not utf-8")
    response = lead_client.post(f"/surveys/{survey.id}/import/mapping", data={"upload_id": upload_id})
    assert response.status_code == 302
    assert upload_id not in _kept_uploads(app)


def test_a_new_upload_replaces_the_one_waiting_for_its_mapping(app, lead_client, make_survey):
    from tests.surveys.test_import_export import _upload, _upload_id

    survey = make_survey()
    first = _upload_id(_upload(lead_client, survey, "a.csv", b"pseudonym;q1\nI-01;x\n"))
    second = _upload_id(_upload(lead_client, survey, "b.csv", b"pseudonym;q1\nI-02;y\n"))
    kept = _kept_uploads(app)
    assert second in kept and first not in kept
