"""Each free-text answer's sentence vector and language, computed once in the background and kept in sync.

When answers arrive, change or are imported, surveys send ``answers_changed``; the analysis
starts one background job per project (``analysis.vectors``) unless one is already waiting or
running. The job encodes every answer whose vector is missing or stale (text or encoder changed)
in batches, commits each batch and reports progress, and repeats until none is left, so answers
arriving while it runs are picked up too. Deleting an answer deletes its vector (foreign key).
Staff can recompute all of a project's vectors with a progress bar (``start_recompute``).

Grouping reads what is stored (``stored_vectors``) and never waits for encoding.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from flask import current_app
from sqlalchemy import select

from app.analysis.models import AnswerVector
from app.analysis.nlp.embeddings import MODEL_NAME, encode_texts, vector_from_bytes, vector_to_bytes
from app.analysis.nlp.languages import detect_language
from app.auth.models import utcnow
from app.extensions import db
from app.jobs.services import enqueue_job, report_progress

Progress = Callable[[float, str], None]

JOB_KIND = "analysis.vectors"
#: Answers encoded and committed together.
BATCH = 64
#: Rounds of "find what is missing, encode it" one job makes before it stops.
MAX_ROUNDS = 20


def text_digest(text: str) -> str:
    """Return the SHA-256 of an answer text as the vector's record of what it was computed from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class VectorState:
    """How many of a project's free-text answers have an up-to-date vector."""

    total: int
    current: int
    job: object | None  #: the waiting or running vector job, if any

    @property
    def missing(self) -> int:
        """Return how many answers have no up-to-date vector."""
        return self.total - self.current


def _free_text_answers(project_id: int):
    """(answer id, text, respondent language) of the project's free-text answers with a non-empty text."""
    from app.surveys.models import Answer, Question, Respondent, Survey

    rows = db.session.execute(
        select(Answer.id, Answer.value, Respondent.language)
        .join(Respondent, Answer.respondent_id == Respondent.id)
        .join(Question, Answer.question_id == Question.id)
        .join(Survey, Question.survey_id == Survey.id)
        .where(Survey.project_id == project_id, Question.kind == "free_text")
        .order_by(Answer.id))
    for answer_id, value, language in rows:
        text = value.strip() if isinstance(value, str) else ""
        if text:
            yield answer_id, text, language


def _stored(answer_ids: Iterable[int]) -> dict[int, AnswerVector]:
    ids = list(answer_ids)
    found: dict[int, AnswerVector] = {}
    for start in range(0, len(ids), 500):
        for row in db.session.scalars(select(AnswerVector).where(AnswerVector.answer_id.in_(ids[start:start + 500]))):
            found[row.answer_id] = row
    return found


def _stale(project_id: int, *, everything: bool = False) -> list[tuple[int, str, str]]:
    answers = list(_free_text_answers(project_id))
    if everything:
        return answers
    stored = _stored(a for a, _t, _l in answers)
    return [(a, t, lang) for a, t, lang in answers
            if a not in stored or stored[a].digest != text_digest(t) or stored[a].model != MODEL_NAME]


def vector_state(project_id: int) -> VectorState:
    """Return how many free-text answers of the project have an up-to-date vector, and the running job."""
    from app.jobs.models import Job

    answers = list(_free_text_answers(project_id))
    stored = _stored(a for a, _t, _l in answers)
    current = sum(1 for a, t, _l in answers
                  if a in stored and stored[a].digest == text_digest(t) and stored[a].model == MODEL_NAME)
    job = db.session.scalars(select(Job).where(Job.project_id == project_id, Job.kind == JOB_KIND,
                                               Job.status.in_(("queued", "running"))).order_by(Job.id.desc())).first()
    return VectorState(len(answers), current, job)


def store_vectors(items: list[tuple[int, str, str]], progress: Progress | None = None) -> int:
    """Encode (answer id, text, participant language) items, detect languages, store; returns how many."""
    if not items:
        return 0
    texts = [t for _a, t, _l in items]
    vectors = encode_texts(texts)
    stored = _stored(a for a, _t, _l in items)
    for (answer_id, text, hint), vector in zip(items, vectors, strict=True):
        language = detect_language(text, hint=None)
        source = "detected"
        if language == "und":
            language, source = (hint or "und"), "participant"
        row = stored.get(answer_id)
        if row is None:
            row = AnswerVector(answer_id=answer_id)
            db.session.add(row)
        row.digest, row.model, row.vector = text_digest(text), MODEL_NAME, vector_to_bytes(vector)
        row.language, row.language_source, row.updated_at = language, source, utcnow()
    db.session.commit()
    return len(items)


def encode_project(project_id: int, progress: Progress | None = None, *, everything: bool = False) -> dict:
    """Encode every answer of the project whose vector is missing or stale (all of them if ``everything``)."""
    done = 0
    for round_number in range(MAX_ROUNDS):
        todo = _stale(project_id, everything=everything and round_number == 0)
        if not todo:
            break
        for start in range(0, len(todo), BATCH):
            done += store_vectors(todo[start:start + BATCH])
            if progress is not None:
                progress(min(0.99, (start + BATCH) / len(todo)),
                         f"{min(start + BATCH, len(todo))} / {len(todo)}")
    if progress is not None:
        progress(1.0, "")
    return {"project_id": project_id, "encoded": done}


def encode_project_job(job_id: int, project: int, everything: bool = False) -> dict:
    """Background job: bring the vectors of project ``project`` up to date."""
    return encode_project(project, lambda f, m: report_progress(job_id, f, m), everything=everything)


def request_vectors(project_id: int, user_id: int | None = None, *, everything: bool = False):
    """Start the vector job for a project unless one is already waiting or running; return the job (or None)."""
    state_job = vector_state(project_id).job
    if state_job is not None and not everything:
        return state_job
    arguments = {"everything": True} if everything else {}
    return enqueue_job(JOB_KIND, "app.analysis.vectors:encode_project_job", project_id=project_id, user_id=user_id,
                       project=project_id, **arguments)


def on_answers_changed(sender, project_id: int, **_extra) -> None:
    """Receiver of ``answers_changed``: start encoding in the background (config ANSWER_VECTORS on/off)."""
    if current_app.config.get("ANSWER_VECTORS", "on") != "on":
        return
    try:
        request_vectors(project_id)
    except Exception:  # noqa: BLE001 - answers are stored; vectors follow with the next change or a recompute
        current_app.logger.exception("could not start the answer vector job for project %s", project_id)
        db.session.rollback()


def stored_vectors(answer_ids: list[int], texts: list[str]) -> tuple[np.ndarray, list[str]]:
    """Up-to-date vectors (zero rows where missing or stale) and languages ("" where unknown) of these answers."""
    stored = _stored(answer_ids)
    vectors = np.zeros((len(answer_ids), 384), dtype=np.float32)
    languages = [""] * len(answer_ids)
    for row, (answer_id, text) in enumerate(zip(answer_ids, texts, strict=True)):
        found = stored.get(answer_id)
        if found is not None and found.model == MODEL_NAME:
            languages[row] = found.language
            if found.digest == text_digest(text):
                vectors[row] = vector_from_bytes(found.vector)
    return vectors, languages
