"""Reads on surveys: the READ API for analysis, progress counts, and lookups for the pages."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from app.extensions import db
from app.projects.models import StakeholderGroup
from app.surveys.models import Answer, Question, Respondent, RespondentDeletion, Section, Survey


@dataclass(frozen=True)
class AnswerRecord:
    """A non-empty free-text answer with the pseudonymous context analysis needs."""

    answer_id: int
    respondent_id: int
    pseudonym: str
    stakeholder_group_id: int | None
    stakeholder_group: str | None
    attributes: dict[str, str] = field(hash=False)
    survey_id: int
    question_id: int
    question_text: str
    field_of_action_id: int | None
    text: str


def _is_counted_respondent():
    """Return the condition for respondents whose answers count: submitted, or entered by staff."""
    staff_answer = aliased(Answer)
    entered = (exists().where(and_(staff_answer.respondent_id == Respondent.id,
                                   staff_answer.entered_by_id.is_not(None)))
               .correlate(Respondent))
    return or_(Respondent.status == "completed", entered)


def free_text_answers(project_id: int, *, survey_id: int | None = None, question_id: int | None = None,
                      field_of_action_id: int | None = None) -> list[AnswerRecord]:
    """Return the non-empty free-text answers of submitted (or staff-entered) respondents of a project."""
    stmt = (
        select(Answer.id, Answer.value, Respondent.id, Respondent.pseudonym, Respondent.stakeholder_group_id,
               StakeholderGroup.name, Respondent.migration_history, Respondent.district, Respondent.age_band,
               Survey.id, Question.id, Question.text, Question.field_of_action_id)
        .join(Respondent, Answer.respondent_id == Respondent.id)
        .join(Question, Answer.question_id == Question.id)
        .join(Survey, Question.survey_id == Survey.id)
        .outerjoin(StakeholderGroup, Respondent.stakeholder_group_id == StakeholderGroup.id)
        .where(Survey.project_id == project_id, Question.kind == "free_text", _is_counted_respondent())
        .order_by(Survey.id, Question.position, Question.id, Respondent.id)
    )
    if survey_id is not None:
        stmt = stmt.where(Survey.id == survey_id)
    if question_id is not None:
        stmt = stmt.where(Question.id == question_id)
    if field_of_action_id is not None:
        stmt = stmt.where(Question.field_of_action_id == field_of_action_id)
    records = []
    for (answer_id, value, respondent_id, pseudonym, group_id, group_name, migration, district, age_band,
         s_id, q_id, q_text, foa_id) in db.session.execute(stmt):
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            continue
        attributes = {"migration_history": migration or "not_stated", "district": district or "",
                      "age_band": age_band or ""}
        records.append(AnswerRecord(answer_id, respondent_id, pseudonym, group_id, group_name, attributes,
                                    s_id, q_id, q_text, foa_id, text))
    return records


def respondent_counts(project_id: int) -> dict[int, tuple[int, int, int]]:
    """Return {stakeholder_group_id: (invited, started, completed)} over all surveys of a project.

    Every respondent counts as invited; started includes completed. Deleted respondents
    still count through their anonymous deletion record.
    """
    counts: dict[int, list[int]] = {}

    def add(group_id, status, number):
        if group_id is None:
            return
        row = counts.setdefault(group_id, [0, 0, 0])
        row[0] += number
        if status in ("started", "completed"):
            row[1] += number
        if status == "completed":
            row[2] += number

    live = (select(Respondent.stakeholder_group_id, Respondent.status, func.count())
            .join(Survey, Respondent.survey_id == Survey.id)
            .where(Survey.project_id == project_id)
            .group_by(Respondent.stakeholder_group_id, Respondent.status))
    deleted = (select(RespondentDeletion.stakeholder_group_id, RespondentDeletion.status, func.count())
               .join(Survey, RespondentDeletion.survey_id == Survey.id)
               .where(Survey.project_id == project_id)
               .group_by(RespondentDeletion.stakeholder_group_id, RespondentDeletion.status))
    for stmt in (live, deleted):
        for group_id, status, number in db.session.execute(stmt):
            add(group_id, status, number)
    return {group_id: tuple(row) for group_id, row in counts.items()}


def survey_counts(survey: Survey) -> dict[str, int]:
    """Return invited / started / completed / deleted counts of one survey."""
    return surveys_counts([survey.id])[survey.id]


def surveys_counts(survey_ids: list[int]) -> dict[int, dict[str, int]]:
    """Return {survey_id: invited / started / completed / deleted counts} in two queries."""
    by_status: dict[int, dict[str, int]] = {survey_id: {} for survey_id in survey_ids}
    for survey_id, status, number in db.session.execute(
            select(Respondent.survey_id, Respondent.status, func.count())
            .where(Respondent.survey_id.in_(survey_ids)).group_by(Respondent.survey_id, Respondent.status)):
        by_status[survey_id][status] = number
    deleted = dict(db.session.execute(
        select(RespondentDeletion.survey_id, func.count()).where(RespondentDeletion.survey_id.in_(survey_ids))
        .group_by(RespondentDeletion.survey_id)).all())
    counts = {}
    for survey_id, rows in by_status.items():
        completed = rows.get("completed", 0)
        counts[survey_id] = {"invited": sum(rows.values()), "started": rows.get("started", 0) + completed,
                             "completed": completed, "deleted": deleted.get(survey_id, 0)}
    return counts


def survey_group_progress(survey: Survey) -> list[dict]:
    """Return per stakeholder group of the project: target, invited, started, completed in this survey."""
    rows = db.session.execute(select(Respondent.stakeholder_group_id, Respondent.status, func.count())
                              .where(Respondent.survey_id == survey.id)
                              .group_by(Respondent.stakeholder_group_id, Respondent.status)).all()
    per_group: dict = {}
    for group_id, status, number in rows:
        row = per_group.setdefault(group_id, {"invited": 0, "started": 0, "completed": 0})
        row["invited"] += number
        if status in ("started", "completed"):
            row["started"] += number
        if status == "completed":
            row["completed"] += number
    result = []
    for group in survey.project.stakeholder_groups:
        row = per_group.get(group.id, {"invited": 0, "started": 0, "completed": 0})
        result.append({"id": group.id, "name": group.name, "target": group.target_interviews, **row})
    if None in per_group:
        result.append({"id": None, "name": None, "target": 0, **per_group[None]})
    return result


def list_surveys(project_id: int) -> list[Survey]:
    """Return the surveys of a project, oldest first."""
    return list(db.session.scalars(select(Survey).where(Survey.project_id == project_id).order_by(Survey.id)))


def list_other_surveys(survey: Survey) -> list[Survey]:
    """Return all surveys except this one (sources for copying a guide), with their projects."""
    return list(db.session.scalars(select(Survey).where(Survey.id != survey.id).order_by(Survey.project_id,
                                                                                         Survey.id)))


def get_survey_or_404(project_id: int, survey_id: int) -> Survey:
    """Return a survey of this project or answer 404."""
    survey = db.session.get(Survey, survey_id)
    if survey is None or survey.project_id != project_id:
        abort(404)
    return survey


def get_section_or_404(survey: Survey, section_id: int) -> Section:
    """Return a section of this survey or answer 404."""
    section = db.session.get(Section, section_id)
    if section is None or section.survey_id != survey.id:
        abort(404)
    return section


def get_question_or_404(survey: Survey, question_id: int) -> Question:
    """Return a question of this survey or answer 404."""
    question = db.session.get(Question, question_id)
    if question is None or question.survey_id != survey.id:
        abort(404)
    return question


def get_respondent_or_404(survey: Survey, respondent_id: int) -> Respondent:
    """Return a respondent of this survey or answer 404."""
    respondent = db.session.get(Respondent, respondent_id)
    if respondent is None or respondent.survey_id != survey.id:
        abort(404)
    return respondent


def list_respondents(survey: Survey, *, group_id: int | None = None, status: str | None = None) -> list[Respondent]:
    """Return the respondents of a survey by pseudonym, optionally filtered."""
    stmt = select(Respondent).where(Respondent.survey_id == survey.id)
    if group_id is not None:
        stmt = stmt.where(Respondent.stakeholder_group_id == group_id)
    if status:
        stmt = stmt.where(Respondent.status == status)
    return list(db.session.scalars(stmt.order_by(Respondent.pseudonym, Respondent.id)))


def answer_count(survey: Survey) -> int:
    """Return how many answers the survey holds."""
    return db.session.scalar(select(func.count()).select_from(Answer).join(Question)
                             .where(Question.survey_id == survey.id)) or 0


def question_answer_count(question: Question) -> int:
    """Return how many answers a question holds."""
    return db.session.scalar(select(func.count()).select_from(Answer).where(Answer.question_id == question.id)) or 0


def answers_by_question(respondent: Respondent) -> dict[int, object]:
    """Return {question_id: value} of one respondent."""
    return {a.question_id: a.value for a in respondent.answers}


def find_respondent_by_token(token: str) -> Respondent | None:
    """Return the respondent of a personal link token, or None (the hash lookup hides timing)."""
    from app.tokens import hash_token, token_matches

    if not token or len(token) > 128:
        return None
    digest = hash_token(token)
    respondent = db.session.scalar(
        select(Respondent).where(Respondent.token_hash == digest)
        .options(joinedload(Respondent.survey).selectinload(Survey.questions),
                 selectinload(Respondent.answers), selectinload(Respondent.consents)))
    if respondent is None or not token_matches(token, respondent.token_hash):
        return None
    return respondent


def find_survey_by_public_code(code: str) -> Survey | None:
    """Return the survey of a public link code, or None."""
    if not code or len(code) > 64:
        return None
    return db.session.scalar(select(Survey).where(Survey.public_code == code))


# --- transcripts ---------------------------------------------------------------------------------------------

@dataclass
class TranscriptContext:
    """A passage of an answer found in its transcript: the turns around it and where it was said."""

    pseudonym: str
    #: The turns shown (the passage's turns and a few on either side), in order.
    turns: list
    #: Positions of the turns the passage comes from.
    hits: set[int]
    #: Time of the first of them ("" when the transcript has no timestamps).
    timestamp: str
    metadata_lines: list = field(default_factory=list)


def _answer_turn_hits(turns: list, answer_text: str, start: int, end: int) -> list[int]:
    """Return positions of the answer turns that hold characters start..end of the answer text."""
    if "\n\n".join(t.text for t in turns) == answer_text:
        hits, offset = [], 0
        for turn in turns:
            if offset < end and start < offset + len(turn.text):
                hits.append(turn.position)
            offset += len(turn.text) + 2
        return hits
    # The answer was edited after the import: find the turn that holds the passage's opening words.
    probe = answer_text[start:end].strip()[:40]
    return [t.position for t in turns if probe and probe in t.text][:1]


def turns_of_answer(turns: list, question_id: int, *, is_off_guide: bool = False) -> list:
    """Return the turns an answer of a transcript was made of, in order (off-guide: its free passages)."""
    from app.surveys.transcript_mapping import is_free_passage

    if is_off_guide:
        return [t for t in turns if t.placement == "off_guide" and is_free_passage(t.text)]
    return [t for t in turns if t.placement == "answer" and t.question_id == question_id]


def transcript_context(answer_id: int, start: int, end: int, *, around: int = 3) -> TranscriptContext | None:
    """Return the turns around a passage (characters start..end of an answer), or None without a transcript."""
    from app.surveys.models import Transcript

    answer = db.session.get(Answer, answer_id)
    if answer is None:
        return None
    transcript = db.session.scalar(select(Transcript).where(Transcript.respondent_id == answer.respondent_id))
    if transcript is None:
        return None
    own = turns_of_answer(transcript.turns, answer.question_id, is_off_guide=answer.question.is_off_guide)
    hits = _answer_turn_hits(own, str(answer.value or ""), start, end)
    if not hits:
        return None
    first, last = min(hits), max(hits)
    shown = [t for t in transcript.turns if first - around <= t.position <= last + around]
    stamp = next((t.timestamp for t in transcript.turns if t.position == first), "")
    return TranscriptContext(answer.respondent.pseudonym, shown, set(hits), stamp, list(transcript.metadata_lines))


def answers_with_transcript(answer_ids) -> set[int]:
    """Return which of these answers belong to a respondent whose transcript is stored."""
    from app.surveys.models import Transcript

    ids = list({int(i) for i in answer_ids})
    if not ids:
        return set()
    return set(db.session.scalars(select(Answer.id).join(Transcript, Transcript.respondent_id == Answer.respondent_id)
                                  .where(Answer.id.in_(ids))))


def cite_passage(answer_id: int, start: int, end: int) -> str | None:
    """Return where a passage was said, e.g. "Interview I-12, 00:04:09" (None without a transcript)."""
    from flask_babel import gettext as _

    context = transcript_context(answer_id, start, end, around=0)
    if context is None:
        return None
    if not context.timestamp:
        return _("Interview %(code)s", code=context.pseudonym)
    return _("Interview %(code)s, %(time)s", code=context.pseudonym, time=context.timestamp)


@dataclass
class TranscriptDocument:
    """A transcript as one plain text (header lines, then "[time] speaker: text" per turn), for exchange files."""

    text: str
    #: Where each turn's own text starts in ``text``, by turn position.
    turn_offsets: dict[int, int]
    #: Answer turns per question, in order: [(position, turn text)].
    answer_turns: dict[int, list[tuple[int, str]]]

    def locate(self, question_id: int, answer_text: str, start: int, end: int) -> tuple[int, int] | None:
        """Return where characters start..end of an answer stand in ``text`` (None when the answer was edited)."""
        turns = self.answer_turns.get(question_id) or []
        if not turns or "\n\n".join(text for _position, text in turns) != answer_text:
            return None
        found_start = found_end = None
        offset = 0
        for position, text in turns:
            if found_start is None and start < offset + len(text):
                found_start = self.turn_offsets[position] + max(0, start - offset)
            if end <= offset + len(text):
                found_end = self.turn_offsets[position] + max(0, end - offset)
                break
            offset += len(text) + 2
        if found_start is None or found_end is None or found_end <= found_start:
            return None
        return found_start, found_end


def transcript_documents(respondent_ids) -> dict[int, TranscriptDocument]:
    """Return the stored transcripts of these respondents as plain texts, by respondent id."""
    from app.surveys.models import Transcript

    ids = list({int(i) for i in respondent_ids})
    if not ids:
        return {}
    documents = {}
    # The off-guide question of each respondent's survey, in one query for all transcripts.
    off_guide_of = dict(db.session.execute(
        select(Respondent.id, Question.id).join(Question, Question.survey_id == Respondent.survey_id)
        .where(Respondent.id.in_(ids), Question.is_off_guide)).all())
    for transcript in db.session.scalars(select(Transcript).where(Transcript.respondent_id.in_(ids))
                                         .options(selectinload(Transcript.turns))):
        pieces = [line + "\n" for line in transcript.metadata_lines]
        if pieces:
            pieces.append("\n")
        offset = sum(len(p) for p in pieces)
        offsets: dict[int, int] = {}
        answers: dict[int, list[tuple[int, str]]] = {}
        off_guide_id = off_guide_of.get(transcript.respondent_id)
        if off_guide_id is not None:
            answers[off_guide_id] = [(t.position, t.text) for t in
                                     turns_of_answer(transcript.turns, off_guide_id, is_off_guide=True)]
        for turn in transcript.turns:
            label = " ".join(filter(None, [f"[{turn.timestamp}]" if turn.timestamp else "", turn.speaker or "?"]))
            prefix = f"{label}: "
            offsets[turn.position] = offset + len(prefix)
            line = prefix + turn.text + "\n"
            pieces.append(line)
            offset += len(line)
            if turn.placement == "answer" and turn.question_id is not None:
                answers.setdefault(turn.question_id, []).append((turn.position, turn.text))
        documents[transcript.respondent_id] = TranscriptDocument("".join(pieces), offsets, answers)
    return documents
