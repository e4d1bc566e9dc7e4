"""Import answers from CSV/Excel (one row per respondent, a mapping step with preview) and .docx transcripts.

Files are checked before anything is stored: UTF-8 (with or without BOM) CSV with ; or , as separator,
real .xlsx workbooks (read with openpyxl in read-only mode; defusedxml guards the XML), known columns.
An import runs in one transaction: any refused row changes nothing.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.errors import ValidationError
from app.extensions import db
from app.projects.models import StakeholderGroup
from app.surveys.answering import AnswerRefused, normalise_answer
from app.surveys.models import MIGRATION_HISTORY_VALUES, Respondent, Survey

#: Rows accepted in one import (a generous bound for an interview study or survey round).
MAX_ROWS = 20_000

ATTRIBUTE_TARGETS = ("pseudonym", "stakeholder_group", "migration_history", "district", "age_band")
MIGRATION_WORDS = {"ja": "yes", "yes": "yes", "nein": "no", "no": "no", "keine angabe": "not_stated",
                   "not_stated": "not_stated", "": "not_stated"}


@dataclass
class ParsedSheet:
    """A table read from an uploaded file: header and data rows as strings."""

    header: list[str]
    rows: list[list[str]]


@dataclass
class ImportPlan:
    """Checked rows ready to store, and the problems found (row number, column, message)."""

    respondents: list[dict] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_csv(data: bytes) -> ParsedSheet:
    """Read a UTF-8 CSV (BOM allowed; ; or , sniffed) or refuse with a message naming the expected encoding."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Die Datei ist nicht UTF-8-kodiert. Bitte speichern Sie sie als „CSV UTF-8“ "
                                "(mit oder ohne BOM) und laden Sie sie erneut hoch."), "file") from error
    if "\x00" in text:
        raise ValidationError(_("Die Datei ist keine Textdatei. Erwartet wird eine CSV-Datei in UTF-8."), "file")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    rows = [[_cell(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return _sheet(rows)


def read_xlsx(data: bytes) -> ParsedSheet:
    """Read the first sheet of a real .xlsx workbook or refuse (renamed files, old .xls, broken files)."""
    from openpyxl import load_workbook

    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(_("Die Datei ist keine Excel-Arbeitsmappe (.xlsx). Ältere .xls-Dateien oder "
                                "umbenannte Dateien bitte in Excel als .xlsx speichern."), "file")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken or foreign zip files
        raise ValidationError(_("Die Excel-Datei konnte nicht gelesen werden. Bitte speichern Sie sie als .xlsx "
                                "und versuchen Sie es erneut."), "file") from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(c) for c in row])
            if len(rows) > MAX_ROWS + 1:
                break
    finally:
        workbook.close()
    return _sheet(rows)


def _sheet(rows: list[list[str]]) -> ParsedSheet:
    rows = [r for r in rows if any(r)]
    if not rows:
        raise ValidationError(_("Die Datei enthält keine Zeilen."), "file")
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(_("Die Datei enthält mehr als %(max)s Zeilen.", max=MAX_ROWS), "file")
    header = rows[0]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    return ParsedSheet(header, [(r + [""] * width)[:width] for r in rows[1:]])


def read_table(filename: str, data: bytes) -> ParsedSheet:
    """Read an uploaded .csv or .xlsx file by its extension."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        return read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return read_csv(data)
    raise ValidationError(_("Bitte laden Sie eine CSV-Datei (UTF-8) oder eine Excel-Datei (.xlsx) hoch."), "file")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().casefold())


def suggest_mapping(survey: Survey, header: list[str]) -> dict[int, str]:
    """Guess a target for each column: respondent attributes by name, questions by code or text."""
    names = {
        "pseudonym": "pseudonym", "kürzel": "pseudonym", "code": "pseudonym", "id": "pseudonym",
        "stakeholder_group": "stakeholder_group", "akteursgruppe": "stakeholder_group", "gruppe": "stakeholder_group",
        "migration_history": "migration_history", "zuwanderungsgeschichte": "migration_history",
        "district": "district", "stadtteil": "district", "age_band": "age_band", "altersgruppe": "age_band",
        "alter": "age_band",
    }
    by_code = {f"q{q.id}": f"q:{q.id}" for q in survey.questions}
    by_text = {_norm(q.text): f"q:{q.id}" for q in survey.questions}
    mapping = {}
    for index, column in enumerate(header):
        key = _norm(column)
        mapping[index] = names.get(key) or by_code.get(key) or by_text.get(key) or ""
    return mapping


def check_mapping(survey: Survey, header: list[str], mapping: dict[int, str]) -> None:
    """Refuse a mapping without a pseudonym column, with a target twice, or with no question column."""
    targets = [t for t in mapping.values() if t]
    if "pseudonym" not in targets:
        raise ValidationError(_("Die Spalten passen nicht: Eine Spalte muss das Kürzel (Pseudonym) enthalten. "
                                "Gefunden: %(columns)s", columns=", ".join(header) or "–"), "mapping")
    doubled = sorted({t for t in targets if targets.count(t) > 1})
    if doubled:
        raise ValidationError(_("Jedes Ziel darf nur einer Spalte zugeordnet werden."), "mapping")
    if not any(t.startswith("q:") for t in targets):
        raise ValidationError(_("Die Spalten passen nicht: Keine Spalte ist einer Frage zugeordnet. Erwartet werden "
                                "Spalten mit dem Fragecode (z. B. q12) oder dem Fragetext."), "mapping")
    valid = set(ATTRIBUTE_TARGETS) | {f"q:{q.id}" for q in survey.questions}
    if any(t not in valid for t in targets):
        raise ValidationError(_("Unbekanntes Ziel in der Zuordnung."), "mapping")


def plan_import(survey: Survey, sheet: ParsedSheet, mapping: dict[int, str]) -> ImportPlan:
    """Check every row against the mapping; return respondents to create and all problems found."""
    from sqlalchemy import select

    check_mapping(survey, sheet.header, mapping)
    questions = {f"q:{q.id}": q for q in survey.questions}
    groups = {_norm(g.name): g.id for g in db.session.scalars(
        select(StakeholderGroup).where(StakeholderGroup.project_id == survey.project_id))}
    taken = set(db.session.scalars(select(Respondent.pseudonym).where(Respondent.survey_id == survey.id)))
    plan = ImportPlan()
    seen: set[str] = set()
    for number, row in enumerate(sheet.rows, start=2):
        entry = {"answers": {}, "migration_history": "not_stated", "district": "", "age_band": "",
                 "stakeholder_group_id": None, "pseudonym": ""}
        for index, target in mapping.items():
            if not target or index >= len(row):
                continue
            value = row[index]
            column = sheet.header[index]
            if target == "pseudonym":
                entry["pseudonym"] = value
            elif target == "stakeholder_group":
                if value and _norm(value) not in groups:
                    plan.problems.append((number, column, _("Unbekannte Akteursgruppe „%(name)s“.", name=value)))
                entry["stakeholder_group_id"] = groups.get(_norm(value))
            elif target == "migration_history":
                mapped = MIGRATION_WORDS.get(_norm(value), value if value in MIGRATION_HISTORY_VALUES else None)
                if mapped is None:
                    plan.problems.append((number, column, _("Erlaubt sind ja, nein oder keine Angabe.")))
                entry["migration_history"] = mapped or "not_stated"
            elif target in ("district", "age_band"):
                choices = survey.districts if target == "district" else survey.age_bands
                if value and choices and value not in choices:
                    plan.problems.append((number, column, _("Unbekannter Wert „%(value)s“.", value=value)))
                entry[target] = value
            else:
                question = questions[target]
                try:
                    normalised = normalise_answer(question, value if value != "" else None)
                except AnswerRefused as refusal:
                    plan.problems.append((number, column, refusal.problem.message))
                    continue
                if normalised is not None:
                    entry["answers"][question.id] = normalised
        code = entry["pseudonym"]
        if not code:
            plan.problems.append((number, "pseudonym", _("Das Kürzel fehlt.")))
        elif len(code) > 40:
            plan.problems.append((number, "pseudonym", _("Das Kürzel ist zu lang (höchstens 40 Zeichen).")))
        elif code in taken or code in seen:
            plan.problems.append((number, "pseudonym", _("Das Kürzel %(code)s ist schon vergeben.", code=code)))
        seen.add(code)
        plan.respondents.append(entry)
    return plan


def run_import(survey: Survey, plan: ImportPlan, *, entered_by) -> int:
    """Store a checked plan in one transaction (refused when it has problems); return the respondents created."""
    from app.auth.models import utcnow
    from app.surveys.models import Answer

    if plan.problems:
        raise ValidationError(_("Die Datei enthält Fehler; es wurde nichts importiert."), "file")
    now = utcnow()
    for entry in plan.respondents:
        respondent = Respondent(survey_id=survey.id, pseudonym=entry["pseudonym"],
                                stakeholder_group_id=entry["stakeholder_group_id"],
                                migration_history=entry["migration_history"], district=entry["district"],
                                age_band=entry["age_band"], channel="import", status="completed",
                                started_at=now, completed_at=now)
        for question_id, value in entry["answers"].items():
            respondent.answers.append(Answer(question_id=question_id, value=value, entered_by_id=entered_by.id,
                                             updated_at=now))
        db.session.add(respondent)
    db.session.commit()
    return len(plan.respondents)


# --- .docx transcripts ---------------------------------------------------------------------------------------

def read_transcript(data: bytes) -> list[tuple[str, str]]:
    """Read a .docx transcript into (heading, answer text) pairs: headings are Heading styles or bold lines."""
    import docx

    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(_("Die Datei ist kein Word-Dokument (.docx)."), "file")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for foreign zip files
        raise ValidationError(_("Das Word-Dokument konnte nicht gelesen werden. Bitte als .docx speichern."),
                              "file") from error
    pairs: list[tuple[str, list[str]]] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        is_bold = bool(paragraph.runs) and all(run.bold for run in paragraph.runs if run.text.strip())
        if style.startswith(("heading", "überschrift", "title")) or is_bold:
            pairs.append((text, []))
        elif pairs:
            pairs[-1][1].append(text)
    return [(heading, "\n\n".join(lines)) for heading, lines in pairs]


def match_transcript(survey: Survey, pairs: list[tuple[str, str]]) -> tuple[dict[int, str], list[str]]:
    """Match transcript headings to free-text questions (by code, number or text); return answers and unmatched."""
    questions = [q for q in survey.ordered_questions()]
    by_text = {_norm(q.text).rstrip("?:. "): q for q in questions}
    answers: dict[int, str] = {}
    unmatched: list[str] = []
    for heading, text in pairs:
        key = _norm(heading)
        question = None
        code = re.match(r"^(?:q|f|frage\s*)(\d+)\b", key)
        number = re.match(r"^(\d+)[.)]\s*", key)
        if code:
            wanted = int(code.group(1))
            question = next((q for q in questions if q.id == wanted), None) if key.startswith("q") else \
                (questions[wanted - 1] if 0 < wanted <= len(questions) else None)
        if question is None:
            stripped = re.sub(r"^(?:q\d+|f\d+|frage\s*\d+|\d+[.)])[:.\s-]*", "", key).rstrip("?:. ")
            question = by_text.get(stripped)
            if question is None and stripped:
                question = next((q for q in questions if _norm(q.text).startswith(stripped[:40])), None)
        if question is None and number:
            wanted = int(number.group(1))
            question = questions[wanted - 1] if 0 < wanted <= len(questions) else None
        if question is None or question.kind != "free_text" or not text:
            unmatched.append(heading)
            continue
        answers[question.id] = (answers[question.id] + "\n\n" + text) if question.id in answers else text
    return answers, unmatched


def import_transcript(survey: Survey, answers: dict[int, str], *, pseudonym: str, stakeholder_group_id: int | None,
                      entered_by) -> Respondent:
    """Store a transcript's answers as a completed interview of a new respondent (all or nothing)."""
    from app.surveys import services

    if not answers:
        raise ValidationError(_("Im Transkript wurden keine Antworten zu Freitextfragen gefunden."), "file")
    try:
        respondent = services.add_respondent(survey, pseudonym=pseudonym, stakeholder_group_id=stakeholder_group_id,
                                             channel="import", commit=False)
        services.save_answers(respondent, answers, entered_by=entered_by, commit=False)
        respondent.submit()
        db.session.commit()
    except (ValidationError, services.AnswersRefused) as error:
        db.session.rollback()
        if isinstance(error, ValidationError):
            raise
        raise ValidationError(_("Das Transkript enthält Antworten, die nicht passen; es wurde nichts gespeichert."),
                              "file") from error
    return respondent
