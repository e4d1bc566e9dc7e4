"""Answer exports: the service shapes a table (pseudonyms only), pure builders return CSV or Excel bytes."""
from __future__ import annotations

import io
from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.spreadsheets import Sheet, build_csv as build_csv_bytes, build_xlsx as build_xlsx_bytes
from app.surveys.models import Answer, Respondent, Survey

RESPONDENT_COLUMNS = ("pseudonym", "stakeholder_group", "migration_history", "district", "age_band", "status",
                      "channel", "language")


@dataclass(frozen=True)
class AnswerTable:
    """Everything an export file holds: header, one row per respondent, and the codebook."""

    title: str
    header: list[str]
    rows: list[list]
    codebook: list[list[str]]


def question_code(question) -> str:
    """Return the column code of a question ("q12"), stable across exports."""
    return f"q{question.id}"


def _cell_text(kind: str, labels: dict, value):
    """Return an answer as export cell text (option labels; numbers stay numbers)."""
    if value is None or value == "" or value == []:
        return ""
    if kind == "scale" and isinstance(value, int):
        return value
    if kind == "single_choice":
        return labels.get(str(value), str(value))
    if kind == "multiple_choice":
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    if kind == "ranking":
        return " > ".join(labels.get(str(v), str(v)) for v in value)
    return str(value)


def answer_table(survey: Survey) -> AnswerTable:
    """Shape all answers of a survey: one row per respondent, one column per question, pseudonyms only.

    Reads plain rows (no ORM objects) and streams the answers in respondent order, so
    ten thousand answer sheets stay light.
    """
    from app.projects.models import StakeholderGroup

    questions = survey.ordered_questions()
    column_of = {q.id: index for index, q in enumerate(questions)}
    kinds = [q.kind for q in questions]
    labels = [{str(o["value"]): o["label"] for o in q.options} for q in questions]
    respondents = db.session.execute(
        select(Respondent.id, Respondent.pseudonym, StakeholderGroup.name, Respondent.migration_history,
               Respondent.district, Respondent.age_band, Respondent.status, Respondent.channel, Respondent.language)
        .outerjoin(StakeholderGroup, Respondent.stakeholder_group_id == StakeholderGroup.id)
        .where(Respondent.survey_id == survey.id).order_by(Respondent.pseudonym, Respondent.id)).all()
    values: dict[int, list] = {row[0]: [""] * len(questions) for row in respondents}
    answers = db.session.execute(
        select(Answer.respondent_id, Answer.question_id, Answer.value).join(Respondent)
        .where(Respondent.survey_id == survey.id).execution_options(yield_per=5000))
    for respondent_id, question_id, value in answers:
        index = column_of.get(question_id)
        if index is None:
            continue
        values[respondent_id][index] = _cell_text(kinds[index], labels[index], value)
    rows = [[pseudonym, group or "", migration, district, age_band, status, channel, language, *values[rid]]
            for rid, pseudonym, group, migration, district, age_band, status, channel, language in respondents]
    codebook = [["code", "section", "position", "type", "required", "field_of_action", "question", "options"]]
    for number, question in enumerate(questions, start=1):
        if question.kind == "scale":
            options = f"{question.scale_min}–{question.scale_max}" + "".join(
                f"; {k} = {v}" for k, v in sorted(question.scale_labels.items()))
        else:
            options = "; ".join(f"{o['value']} = {o['label']}" for o in question.options)
        codebook.append([question_code(question), question.section.title if question.section else "", str(number),
                         question.kind, "yes" if question.is_required else "no",
                         question.field_of_action.name if question.field_of_action else "", question.text, options])
    header = list(RESPONDENT_COLUMNS) + [question_code(q) for q in questions]
    return AnswerTable(survey.title, header, rows, codebook)


def build_csv(table: AnswerTable) -> bytes:
    """Return the answer table as CSV (UTF-8 with BOM, semicolon-separated)."""
    return build_csv_bytes(table.header, table.rows)


def build_codebook_csv(table: AnswerTable) -> bytes:
    """Return the codebook alone as CSV."""
    return build_csv_bytes(None, table.codebook)


def build_xlsx(table: AnswerTable) -> io.BytesIO:
    """Return the table as an Excel workbook with the sheets "Antworten" and "Codebuch"."""
    codebook = Sheet("Codebuch", table.codebook[0], table.codebook[1:])
    return io.BytesIO(build_xlsx_bytes([Sheet("Antworten", table.header, table.rows), codebook]))


def build_respondent_csv(data: dict) -> bytes:
    """Return one respondent's data (access request) as a two-column CSV."""
    rows = [[key, data.get(key) or ""] for key in (
        "pseudonym", "stakeholder_group", "migration_history", "district", "age_band", "status", "channel",
        "language", "created_at", "started_at", "completed_at")]
    if data.get("contact"):
        rows += [["contact_name", data["contact"]["name"]], ["contact_email", data["contact"]["email"]]]
    for consent in data["consents"]:
        rows.append(["consent", f"{consent['given_at']} v{consent['text_version']} {consent['language']} "
                                f"{consent['channel']} migration={consent['covers_migration_history']}"])
    rows += [[answer["question"], answer["answer"]] for answer in data["answers"]]
    return build_csv_bytes(["field", "value"], rows)
