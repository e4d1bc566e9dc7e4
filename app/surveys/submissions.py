"""Writes from an answer sheet: consent, language, details, answers, submission, completed interviews. Owns the commit."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import case, delete, func, select, update

from app.errors import ValidationError
from app.extensions import db
from app.languages.registry import participant_tags
from app.surveys.answering import AnswerProblem, check_answers, is_empty, missing_required
from app.surveys.consent import keep_wording_shown
from app.surveys.models import MIGRATION_HISTORY_VALUES, Answer, ConsentRecord, Respondent
from app.surveys.signals import notify_answers_changed


class AnswersRefused(Exception):
    """Some answers of a batch were refused; nothing was saved. ``problems``: {question_id: AnswerProblem}."""

    def __init__(self, problems: dict):
        super().__init__("answers refused")
        self.problems = problems


# Several requests for one answer sheet may arrive at once (a double click, a kiosk retrying, twenty tabs).
# Every write first claims the respondent's row with one UPDATE: PostgreSQL then holds a row lock and SQLite
# its write lock until the commit, so writes to one sheet run one after the other and each sees the last.
# Answers are upserted, consent is inserted once per text version, and a submit is an UPDATE that only
# succeeds while the sheet is not yet submitted, so exactly one of many parallel submits wins.


class AlreadySubmitted(ValidationError):
    """The answers were submitted already (possibly by a parallel request a moment ago): HTTP 409."""


def _insert(model):
    """Return an INSERT for the session's database that supports ``on_conflict_…`` (PostgreSQL or SQLite)."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def _claim_for_writing(respondent: Respondent, *, start: bool, allow_submitted: bool) -> None:
    """Lock the respondent's row until the commit (marking it started when asked); refuse a submitted sheet unless allowed."""
    db.session.flush()
    statement = update(Respondent).where(Respondent.id == respondent.id)
    if not allow_submitted:
        statement = statement.where(Respondent.status != "completed")
    if start:
        is_new = Respondent.status == "invited"
        statement = statement.values(status=case((is_new, "started"), else_=Respondent.status),
                                     started_at=case((is_new, respondent.stamp()), else_=Respondent.started_at))
    else:
        statement = statement.values(status=Respondent.status)
    claimed = db.session.execute(statement.execution_options(synchronize_session=False)).rowcount
    if not claimed:
        db.session.rollback()
        raise AlreadySubmitted(_("Diese Antworten wurden bereits abgeschickt."))
    db.session.expire(respondent, ["status", "started_at", "completed_at", "consents", "answers"])


def record_consent(respondent: Respondent, *, language: str, channel: str, covers_migration_history: bool = False,
                   recorded_by=None, migration_history: str | None = None) -> ConsentRecord:
    """Record consent (when, the wording shown and its version, language, channel) once per text version;
    mark the respondent started."""
    survey = respondent.survey
    covers = bool(covers_migration_history and survey.asks_migration_history)
    wording = keep_wording_shown(survey, language)
    _claim_for_writing(respondent, start=True, allow_submitted=recorded_by is not None)
    db.session.execute(_insert(ConsentRecord).values(
        respondent_id=respondent.id, given_at=respondent.stamp(), text_version=survey.consent_version,
        language=language, channel=channel, covers_migration_history=covers, consent_text_id=wording.id,
        recorded_by_id=recorded_by.id if recorded_by is not None else None,
    ).on_conflict_do_nothing(index_elements=[ConsentRecord.respondent_id, ConsentRecord.text_version]))
    respondent.language = language
    if migration_history is not None:
        respondent.migration_history = migration_history if covers and migration_history in MIGRATION_HISTORY_VALUES \
            else "not_stated"
    record = db.session.scalar(select(ConsentRecord).where(ConsentRecord.respondent_id == respondent.id,
                                                           ConsentRecord.text_version == survey.consent_version))
    db.session.commit()
    return record


def set_respondent_language(respondent: Respondent, language: str) -> None:
    """Remember the participant language a respondent chose (the language of their answers for the analysis)."""
    if language in participant_tags() and respondent.language != language:
        respondent.language = language
        db.session.commit()


def set_respondent_details(respondent: Respondent, *, migration_history: str | None = None,
                           district: str | None = None, age_band: str | None = None) -> None:
    """Store the attributes a respondent gives about themself; migration history only with its own consent."""
    survey = respondent.survey
    if migration_history is not None:
        if migration_history not in MIGRATION_HISTORY_VALUES:
            raise AnswersRefused({"migration_history": AnswerProblem("error_choice")})
        if migration_history != "not_stated" and not respondent.has_special_category_consent:
            migration_history = "not_stated"
        respondent.migration_history = migration_history
    if district is not None:
        if district and district not in survey.districts:
            raise AnswersRefused({"district": AnswerProblem("error_choice")})
        respondent.district = district
    if age_band is not None:
        if age_band and age_band not in survey.age_bands:
            raise AnswersRefused({"age_band": AnswerProblem("error_choice")})
        respondent.age_band = age_band
    db.session.commit()


def save_answers(respondent: Respondent, raw: dict, *, entered_by=None, commit: bool = True,
                 off_guide: bool = False) -> dict[int, object]:
    """Check and store a batch of answers (partial allowed); on any problem store nothing and raise AnswersRefused.

    A respondent cannot change submitted answers (AlreadySubmitted); staff entering an interview can.
    Only a transcript import (``off_guide``) fills the survey's off-guide question.
    """
    questions = {q.id: q for q in respondent.survey.questions if off_guide or not q.is_off_guide}
    values, problems = check_answers(questions, raw)
    if problems:
        raise AnswersRefused(problems)
    _claim_for_writing(respondent, start=bool(values), allow_submitted=entered_by is not None)
    stored = dict(db.session.execute(select(Answer.question_id, Answer.value)
                                     .where(Answer.respondent_id == respondent.id)).all())
    stamp = respondent.stamp()
    entered_by_id = entered_by.id if entered_by is not None else None
    for question_id, value in values.items():
        if is_empty(value):
            if question_id in stored:
                db.session.execute(delete(Answer).where(Answer.respondent_id == respondent.id,
                                                        Answer.question_id == question_id))
            continue
        if question_id in stored and stored[question_id] == value:
            continue
        upsert = _insert(Answer).values(respondent_id=respondent.id, question_id=question_id, value=value,
                                        updated_at=stamp, entered_by_id=entered_by_id)
        db.session.execute(upsert.on_conflict_do_update(
            index_elements=[Answer.respondent_id, Answer.question_id],
            set_={"value": upsert.excluded.value, "updated_at": upsert.excluded.updated_at,
                  # A respondent's own save keeps the name of the staff member who typed the answer earlier.
                  "entered_by_id": func.coalesce(upsert.excluded.entered_by_id, Answer.entered_by_id)}))
    for answer in list(respondent.__dict__.get("answers") or []):
        db.session.expire(answer)
    db.session.expire(respondent, ["answers"])
    if commit:
        project_id = respondent.survey.project_id
        db.session.commit()
        if values:
            notify_answers_changed(project_id)
    return {a.question_id: a.value for a in respondent.answers}


def _mark_submitted(respondent: Respondent) -> bool:
    """Mark the answers as submitted unless they already are; return whether this call did it (one wins)."""
    db.session.flush()
    stamp = respondent.stamp()
    done = db.session.execute(
        update(Respondent).where(Respondent.id == respondent.id, Respondent.status != "completed")
        .values(status="completed", completed_at=stamp, started_at=func.coalesce(Respondent.started_at, stamp))
        .execution_options(synchronize_session=False)).rowcount
    db.session.expire(respondent, ["status", "started_at", "completed_at"])
    return bool(done)


def submit_answers(respondent: Respondent) -> None:
    """Submit a respondent's answers; refuse when required answers are missing or they were already submitted."""
    if not _mark_submitted(respondent):
        db.session.rollback()
        raise AlreadySubmitted(_("Diese Antworten wurden bereits abgeschickt."))
    answers = dict(db.session.execute(select(Answer.question_id, Answer.value)
                                      .where(Answer.respondent_id == respondent.id)).all())
    missing = missing_required(respondent.survey.ordered_questions(), answers)
    if missing:
        db.session.rollback()
        raise AnswersRefused({q.id: AnswerProblem("error_required") for q in missing})
    project_id = respondent.survey.project_id
    db.session.commit()
    notify_answers_changed(project_id)


def complete_interview(respondent: Respondent) -> None:
    """Mark an interviewer-entered respondent as completed (required questions may stay open in interviews)."""
    _mark_submitted(respondent)
    project_id = respondent.survey.project_id
    db.session.commit()
    notify_answers_changed(project_id)


def reopen_respondent(respondent: Respondent) -> None:
    """Let staff reopen a completed interview for corrections."""
    if respondent.status == "completed":
        respondent.status = "started"
        respondent.completed_at = None
        db.session.commit()
