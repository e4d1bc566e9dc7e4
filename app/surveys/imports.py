"""Import answers from CSV/Excel (one row per respondent, a mapping step with preview) and interview transcripts.

Files are checked before anything is stored: UTF-8 (with or without BOM) CSV with ; or , as separator,
real .xlsx workbooks (read with openpyxl in read-only mode; defusedxml guards the XML), known columns.
An import runs in one transaction: any refused row changes nothing.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.archives import check_archive
from app.errors import ValidationError
from app.extensions import db
from app.projects.models import StakeholderGroup
from app.surveys.answering import AnswerRefused, normalise_answer
from app.surveys.models import MIGRATION_HISTORY_VALUES, Respondent, Survey

#: Rows accepted in one import (a generous bound for an interview study or survey round).
MAX_ROWS = 20_000
#: Columns accepted in one import (attributes plus one column per question).
MAX_COLUMNS = 500
#: Cells accepted in one import (rows times columns), so a small file cannot fill the memory.
MAX_CELLS = 2_000_000

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
    try:
        lines = _CsvLines(text, delimiter)
        rows = _bounded_rows(csv.reader(lines, delimiter=delimiter), lines)
    except csv.Error as error:
        raise ValidationError(_("Die CSV-Datei ist fehlerhaft (etwa ein Anführungszeichen ohne Gegenstück oder ein "
                                "übergroßes Feld). Bitte speichern Sie sie erneut als „CSV UTF-8“."), "file") from error
    return _sheet(rows)


def read_xlsx(data: bytes) -> ParsedSheet:
    """Read the first sheet of a real .xlsx workbook or refuse (renamed files, old .xls, broken files)."""
    from openpyxl import load_workbook

    check_archive(data, field="file", not_an_archive=_(
        "Die Datei ist keine Excel-Arbeitsmappe (.xlsx). Ältere .xls-Dateien oder umbenannte Dateien bitte in "
        "Excel als .xlsx speichern."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken or foreign zip files
        raise ValidationError(_("Die Excel-Datei konnte nicht gelesen werden. Bitte speichern Sie sie als .xlsx "
                                "und versuchen Sie es erneut."), "file") from error
    try:
        sheet = workbook.worksheets[0]
        # Rows are padded to the declared width: refuse a wide sheet before reading, and read no wider anyway.
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise _too_wide()
        rows = _bounded_rows(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1))
    finally:
        workbook.close()
    return _sheet(rows)


def _too_wide() -> ValidationError:
    return ValidationError(_("Die Datei hat mehr als %(max)s Spalten.", max=MAX_COLUMNS), "file")


class _CsvLines:
    """The lines of a CSV text for ``csv.reader``, refusing a row with far more separators than columns allowed.

    ``csv.reader`` builds a whole row before anyone can count its fields, so a row of millions of
    separators is stopped here, while it is read.
    """

    #: Separators one row may contain (more than MAX_COLUMNS: quoted answers may contain separators too).
    LIMIT = MAX_COLUMNS + 10_000

    def __init__(self, text: str, delimiter: str):
        self.lines = iter(io.StringIO(text, newline=""))
        self.delimiter = delimiter
        self.in_row = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.in_row += line.count(self.delimiter)
        if self.in_row > self.LIMIT:
            raise _too_wide()
        return line

    def row_done(self) -> None:
        """Start counting for the next row."""
        self.in_row = 0


def _bounded_rows(source, lines: _CsvLines | None = None) -> list[list[str]]:
    """Read rows until one more than MAX_ROWS non-empty rows; refuse rows wider than MAX_COLUMNS, too many cells."""
    rows: list[list[str]] = []
    cells_read = 0
    for row in source:
        if lines is not None:
            lines.row_done()
        if len(row) > MAX_COLUMNS and any(row[MAX_COLUMNS:]):
            raise _too_wide()
        cells = [_cell(c) for c in row[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            cells_read += len(cells)
            if cells_read > MAX_CELLS:
                raise ValidationError(_("Die Datei enthält zu viele Zellen (mehr als %(max)s). Bitte teilen Sie sie "
                                        "auf.", max=f"{MAX_CELLS:,}".replace(",", ".")), "file")
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1:
                break
    return rows


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
    from app.surveys.signals import notify_answers_changed

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
    notify_answers_changed(survey.project_id)
    return len(plan.respondents)


# --- transcripts --------------------------------------------------------------------------------------------

@dataclass
class TranscriptPlan:
    """A read transcript with its proposed (or corrected) mapping onto the guide; nothing stored yet."""

    parsed: object  # transcripts.ParsedTranscript
    mapping: object  # transcript_mapping.TranscriptMapping
    questions: list = field(default_factory=list)  # free-text Question objects in guide order
    #: Pseudonymisation: the candidates found in the original wording, and the replacements applied.
    candidates: list = field(default_factory=list)
    replacements: dict = field(default_factory=dict)
    #: The wording before replacement: (speaker, text) per turn, and the header lines.
    original_turns: list = field(default_factory=list)
    original_metadata: list = field(default_factory=list)


#: Wording of the off-guide question (German, as guide questions are written; English for English-speaking staff).
OFF_GUIDE_TEXT = "Außerhalb des Leitfadens: was die befragte Person von sich aus angesprochen hat"
OFF_GUIDE_TRANSLATIONS = {"en": {"text": "Outside the guide: what the respondent raised of their own accord"}}


def off_guide_question(survey: Survey):
    """Return the survey's off-guide question, adding it (flushed, not committed) on the first transcript that needs it.

    Off-guide transcript turns are its answers, so a survey-wide analysis reads them as free passages of each
    interview; it is not part of the guide (no section; participants and the guide editor never see it).
    """
    from app.surveys.models import Question

    question = survey.off_guide_question
    if question is None:
        question = Question(survey=survey, section=None, kind="free_text", text=OFF_GUIDE_TEXT,
                            translations=OFF_GUIDE_TRANSLATIONS, is_off_guide=True, position=0)
        db.session.add(question)
        db.session.flush()
    return question


def free_text_questions(survey: Survey) -> list:
    """Return the guide's free-text questions in guide order (the ones a transcript can answer)."""
    return [q for q in survey.ordered_questions() if q.kind == "free_text"]


def plan_transcript(survey: Survey, filename: str, data: bytes, *, encoding: str | None = None,
                    interviewer_markers: str = "", respondent_markers: str = "",
                    choices: dict[int, str] | None = None, project_terms: list[tuple[str, str]] | None = None,
                    own_name: str = "", replacements: dict[str, str] | None = None,
                    shown_terms: set[str] | frozenset[str] = frozenset()) -> TranscriptPlan:
    """Read a transcript file, pseudonymise it and map its turns onto the survey's free-text questions.

    ``project_terms`` default to the project's list; ``replacements`` None proposes them (the project's terms
    and the respondent's own name), and proposed terms the preview did not show yet (``shown_terms``) are
    added to given replacements; staff choices of the preview are applied last.
    """
    from app.surveys.pseudonymise import find_candidates, replace_terms
    from app.surveys.transcript_mapping import map_turns
    from app.surveys.transcripts import SpeakerMarkers, read_transcript_file

    markers = SpeakerMarkers.from_text(interviewer_markers, respondent_markers)
    parsed = read_transcript_file(filename, data, encoding=encoding or None, markers=markers)
    questions = free_text_questions(survey)
    if project_terms is None:
        project_terms = [tuple(item) for item in survey.project.pseudonym_terms or []]
    original_turns = [(t.speaker, t.text) for t in parsed.turns]
    original_metadata = list(parsed.metadata)
    guide_words = {word for q in questions for word in re.findall(r"\w+", q.text)}
    candidates = find_candidates(original_metadata + [f"{s}: {t}" for s, t in original_turns],
                                 project_terms=project_terms, own_name=own_name, ignore=guide_words)
    proposed = {c.term: c.placeholder for c in candidates if c.is_proposed and c.term not in shown_terms}
    replacements = proposed if replacements is None else {**proposed, **replacements}
    if replacements:
        for turn in parsed.turns:
            turn.text = replace_terms(turn.text, replacements)
            turn.speaker = replace_terms(turn.speaker, replacements)
        parsed.metadata = [replace_terms(line, replacements) for line in parsed.metadata]
    mapping = map_turns(parsed.turns, [(q.id, q.text) for q in questions])
    if choices:
        mapping.apply(choices, {q.id for q in questions})
    return TranscriptPlan(parsed, mapping, questions, candidates, dict(replacements), original_turns,
                          original_metadata)


def transcript_record(parsed, mapping, *, filename: str = "", imported_by_id: int | None = None,
                      original_turns: list | None = None, original_metadata: list | None = None):
    """Return a new Transcript with one TranscriptTurn per mapped turn (not yet added to the session).

    ``original_turns``/``original_metadata`` (the wording before pseudonymisation) are kept only where they
    differ, and only when given (the project keeps originals).
    """
    from app.surveys.models import Transcript, TranscriptTurn

    transcript = Transcript(filename=(filename or "")[-255:], source_format=parsed.source_format,
                            encoding=parsed.encoding, metadata_lines=list(parsed.metadata),
                            imported_by_id=imported_by_id)
    if original_metadata is not None and list(original_metadata) != list(parsed.metadata):
        transcript.original_metadata_lines = list(original_metadata)
    for position, item in enumerate(mapping.turns):
        turn = TranscriptTurn(
            position=position, speaker=item.turn.speaker[:80], role=item.turn.role, at_ms=item.turn.at_ms,
            text=item.turn.text, placement=item.placement, question_id=item.question_id,
            confidence=None if item.moved else item.confidence)
        if original_turns is not None:
            speaker, text = original_turns[item.index]
            if (speaker, text) != (item.turn.speaker, item.turn.text):
                turn.original_text = f"{speaker}: {text}" if speaker != item.turn.speaker else text
        transcript.turns.append(turn)
    return transcript


def import_transcript(survey: Survey, plan: TranscriptPlan, *, pseudonym: str, stakeholder_group_id: int | None,
                      entered_by, filename: str = "", project_terms: list[tuple[str, str]] | None = None) -> Respondent:
    """Store a confirmed transcript: a completed interview of a new respondent with its turns (all or nothing)."""
    from app.surveys import respondent_records, submissions
    from app.surveys.signals import notify_answers_changed

    answers = plan.mapping.answers()
    if not answers:
        raise ValidationError(_("Im Transkript konnte keine Antwort einer Leitfadenfrage zugeordnet werden. "
                                "Es wurde nichts gespeichert."), "file")
    try:
        respondent = respondent_records.add_respondent(survey, pseudonym=pseudonym, channel="import", commit=False,
                                                       stakeholder_group_id=stakeholder_group_id)
        free = plan.mapping.free_passages()
        if free:
            answers = {**answers, off_guide_question(survey).id: free}
        submissions.save_answers(respondent, answers, entered_by=entered_by, commit=False, off_guide=True)
        from app.surveys.pseudonymise import replace_terms

        keep = bool(survey.project.keeps_transcript_originals)
        respondent.transcript = transcript_record(
            plan.parsed, plan.mapping, filename=replace_terms(filename or "", plan.replacements),
            imported_by_id=getattr(entered_by, "id", None),
            original_turns=plan.original_turns if keep else None,
            original_metadata=plan.original_metadata if keep else None)
        if project_terms is not None:
            survey.project.pseudonym_terms = [list(item) for item in project_terms]
        respondent.submit()
        db.session.commit()
        notify_answers_changed(survey.project_id)
    except (ValidationError, submissions.AnswersRefused) as error:
        db.session.rollback()
        if isinstance(error, ValidationError):
            raise
        raise ValidationError(_("Das Transkript enthält Antworten, die nicht passen; es wurde nichts gespeichert."),
                              "file") from error
    return respondent
