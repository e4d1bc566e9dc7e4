"""Writes on analyses: create, start and run them (theme decisions: ``board.py``; codes: ``codebook.py``).

A run reads the answers through the surveys READ API, copies them pseudonymised,
splits long answers into passages and groups them. Human decisions (theme
assignments with ``source="human"``, renamed/merged/split themes, codings and decided
suggestions) are never touched by a run; only machine assignments are replaced, and
new machine themes are matched to the existing ones by the passages they share.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from app.analysis import grouping
from app.analysis.models import (ANALYSIS_SCOPES, ANALYSIS_UNITS, DEFAULT_MIN_CELL_SIZE, AnalysedAnswer, Analysis,
                                 Passage, Theme, ThemeAssignment)
from app.analysis.nlp.preprocessing import Passage as SegmentedPassage
from app.analysis.nlp.preprocessing import segment_answer
from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.jobs.services import enqueue_job, report_progress

Progress = Callable[[float, str], None]

#: Minimum share of passages from one field of action for a theme to be tied to it automatically.
FIELD_MAJORITY = 0.6
#: Minimum overlap (Jaccard) for a new machine theme to continue an existing one.
THEME_MATCH_OVERLAP = 0.2
#: Answers shorter than twice this many characters stay one passage (the NLP library's default).
PASSAGE_MIN_CHARS = grouping.PASSAGE_MIN_CHARS


# Analyses ---------------------------------------------------------------------------------------

def _validate_scope(project, scope: str, survey_id, question_id, field_of_action_id):
    from app.surveys.models import Question, Survey

    if scope not in ANALYSIS_SCOPES:
        raise ValidationError(_("Bitte wählen Sie, was ausgewertet werden soll."), "scope")
    if scope == "survey":
        survey = db.session.get(Survey, survey_id) if survey_id else None
        if survey is None or survey.project_id != project.id:
            raise ValidationError(_("Bitte wählen Sie eine Befragung dieses Projekts."), "survey_id")
        return survey.id, None, None
    if scope == "question":
        question = db.session.get(Question, question_id) if question_id else None
        if question is None or question.survey.project_id != project.id or question.kind != "free_text":
            raise ValidationError(_("Bitte wählen Sie eine offene Frage dieses Projekts."), "question_id")
        return question.survey_id, question.id, question.field_of_action_id
    field = next((f for f in project.fields_of_action if f.id == field_of_action_id), None)
    if field is None:
        raise ValidationError(_("Bitte wählen Sie ein Handlungsfeld dieses Projekts."), "field_of_action_id")
    return None, None, field.id


def _checked_settings(title: str, theme_count: int | None, min_cell_size: int) -> str:
    """Refuse a missing title, a theme count outside 2–40 or a minimum group size outside 5–100; return the title."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Bitte geben Sie einen Titel an."), "title")
    if theme_count is not None and not 2 <= theme_count <= 40:
        raise ValidationError(_("Die Zahl der Themen muss zwischen 2 und 40 liegen."), "theme_count")
    if not DEFAULT_MIN_CELL_SIZE <= (min_cell_size or 0) <= 100:
        raise ValidationError(_("Die Mindestgröße muss zwischen 5 und 100 liegen, damit niemand erkannt werden kann."),
                              "min_cell_size")
    return title


def create_analysis(project, *, title: str, scope: str, survey_id: int | None = None, question_id: int | None = None,
                    field_of_action_id: int | None = None, theme_count: int | None = None, min_cell_size: int = 5,
                    language: str = "de", unit: str = "auto", user=None) -> Analysis:
    """Create an analysis of a survey, a question or a field of action across surveys.

    ``unit`` "answer" gives each whole answer a theme, "passage" each passage of long answers;
    "auto" chooses passages for interview surveys (transcripts) and whole answers otherwise.
    """
    title = _checked_settings(title, theme_count, min_cell_size)
    if language not in ("de", "en"):
        raise ValidationError(_("Bitte wählen Sie Deutsch oder Englisch."), "language")
    if unit not in ("auto", *ANALYSIS_UNITS):
        raise ValidationError(_("Bitte wählen Sie, was ein Thema bekommt."), "unit")
    survey_id, question_id, field_id = _validate_scope(project, scope, survey_id, question_id, field_of_action_id)
    if unit == "auto":
        from app.surveys.models import Survey

        survey = db.session.get(Survey, survey_id) if survey_id else None
        unit = "passage" if survey is not None and survey.mode == "interview" else "answer"
    analysis = Analysis(project_id=project.id, title=title[:200], scope=scope, survey_id=survey_id,
                        question_id=question_id, field_of_action_id=field_id, theme_count=theme_count,
                        min_cell_size=min_cell_size, language=language, unit=unit, status="new",
                        created_by_id=getattr(user, "id", None))
    db.session.add(analysis)
    db.session.commit()
    return analysis


def update_analysis_settings(analysis: Analysis, *, title: str, theme_count: int | None, min_cell_size: int) -> None:
    """Change an analysis's title, wanted number of themes and minimum group size."""
    title = _checked_settings(title, theme_count, min_cell_size)
    analysis.title, analysis.theme_count, analysis.min_cell_size = title[:200], theme_count, min_cell_size
    db.session.commit()


def delete_analysis(analysis: Analysis) -> None:
    """Delete an analysis with its copies, themes, codes and decisions."""
    db.session.delete(analysis)
    db.session.commit()


def start_analysis(analysis: Analysis, user=None):
    """Start (or repeat) the grouping as a background job and return the job."""
    from app.jobs.models import Job

    previous = db.session.get(Job, analysis.job_id) if analysis.job_id else None
    status_before = analysis.status
    analysis.start_run(is_job_active=previous is not None and not previous.is_finished)
    db.session.commit()
    try:
        job = enqueue_job("analysis.run", "app.analysis.services:run_analysis_job", project_id=analysis.project_id,
                          user_id=getattr(user, "id", None), analysis_id=analysis.id)
    except Exception as error:  # noqa: BLE001 - e.g. Redis unreachable: say so and change nothing
        db.session.rollback()
        analysis.status = status_before
        db.session.commit()
        raise ValidationError(_("Die Hintergrundaufgabe konnte nicht gestartet werden. Bitte versuchen Sie es "
                                "später erneut.")) from error
    analysis = db.session.get(Analysis, analysis.id)
    analysis.job_id = job.id
    db.session.commit()
    return job


def run_analysis_job(job_id: int, analysis_id: int) -> dict:
    """Run an analysis inside a job, reporting progress to the job."""
    return _run_guarded(analysis_id, lambda fraction, message: report_progress(job_id, fraction, message))


def _run_guarded(analysis_id: int, progress: Progress | None) -> dict:
    analysis = db.session.get(Analysis, analysis_id)
    if analysis is None:
        raise ValidationError(_("Die Auswertung gibt es nicht mehr."))
    try:
        return run_analysis(analysis, progress=progress)
    except Exception:
        db.session.rollback()
        analysis = db.session.get(Analysis, analysis_id)
        if analysis is not None:
            analysis.status = "failed"
            db.session.commit()
        raise


_STEP_MESSAGES = {"Preparing texts": "Texte vorbereiten", "Building vectors": "Texte vergleichen",
                  "Grouping": "Themen bilden", "Grouping answers": "Themen bilden", "Naming themes": "Themen benennen",
                  "Done": "Fertig",
                  "Suggesting codes": "Codes vorschlagen"}


def progress_span(progress: Progress | None, start: float, end: float) -> Progress:
    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(start + (end - start) * fraction, _STEP_MESSAGES.get(message, message))

    return report


def run_analysis(analysis: Analysis, progress: Progress | None = None) -> dict:
    """Read the answers, refresh passages and regroup them, keeping every human decision."""
    report = progress_span(progress, 0.0, 1.0)
    report(0.02, "Antworten lesen")
    analysis.status = "running"
    _refresh_answers(analysis)
    db.session.commit()
    report(0.1, "Antworten gelesen")

    passages = list(db.session.scalars(select(Passage).where(Passage.analysis_id == analysis.id)
                                       .order_by(Passage.analysed_answer_id, Passage.start)))
    human = {a.passage_id: a for a in db.session.scalars(
        select(ThemeAssignment).join(Passage).where(Passage.analysis_id == analysis.id,
                                                    ThemeAssignment.source == "human"))}
    previous_machine: dict[int, set[int]] = {}
    for assignment in db.session.scalars(select(ThemeAssignment).join(Passage).where(
            Passage.analysis_id == analysis.id, ThemeAssignment.source == "machine")):
        if assignment.theme_id is not None:
            previous_machine.setdefault(assignment.theme_id, set()).add(assignment.passage_id)

    pinned_themes: list[int] = []
    fixed: list[int] = []
    for passage in passages:
        decision = human.get(passage.id)
        if decision is None:
            fixed.append(grouping.FREE)
        elif decision.is_outlier:
            fixed.append(grouping.EXCLUDED)
        else:
            if decision.theme_id not in pinned_themes:
                pinned_themes.append(decision.theme_id)
            fixed.append(pinned_themes.index(decision.theme_id))
    db.session.commit()

    embeddings, languages, missing = passage_vectors(analysis, passages)
    db.session.commit()
    result = grouping.group_texts([p.text for p in passages], fixed=fixed, theme_count=analysis.theme_count,
                                  language=analysis.language, progress=progress_span(report, 0.1, 0.85),
                                  embeddings=embeddings, languages=languages)
    analysis.run_info = {"vector_source": result.vector_source, "missing_vectors": missing,
                         "languages": dict(Counter(a.language or "und" for a in analysis.answers).most_common())}
    report(0.88, "Ergebnisse speichern")
    themes = {t.id: t for t in analysis.themes}
    cluster_theme: dict[int, Theme] = {c: themes[t] for c, t in enumerate(pinned_themes)}
    members = {c: {passages[i].id for i, cl in enumerate(result.clusters) if cl == c}
               for c in range(result.cluster_count)}
    candidates = sorted(
        ((len(members[c] & old) / len(members[c] | old), c, theme_id)
         for c in range(len(pinned_themes), result.cluster_count)
         for theme_id, old in previous_machine.items() if theme_id not in pinned_themes and members[c] | old),
        key=lambda item: (-item[0], item[1], item[2]))
    used = set(pinned_themes)
    for overlap, cluster, theme_id in candidates:
        if overlap < THEME_MATCH_OVERLAP or cluster in cluster_theme or theme_id in used or theme_id not in themes:
            continue
        cluster_theme[cluster] = themes[theme_id]
        used.add(theme_id)
    position = max((t.position for t in themes.values()), default=0)
    for cluster in range(result.cluster_count):
        if cluster not in cluster_theme and members[cluster]:
            position += 1
            theme = Theme(analysis_id=analysis.id, label=result.label(cluster)[:200], position=position)
            db.session.add(theme)
            cluster_theme[cluster] = theme
    db.session.flush()

    db.session.execute(delete(ThemeAssignment).where(
        ThemeAssignment.source == "machine",
        ThemeAssignment.passage_id.in_(select(Passage.id).where(Passage.analysis_id == analysis.id))))
    for index, passage in enumerate(passages):
        cluster = result.clusters[index]
        if fixed[index] == grouping.FREE and cluster >= 0:
            db.session.add(ThemeAssignment(passage_id=passage.id, theme_id=cluster_theme[cluster].id,
                                           source="machine", score=result.scores[index]))
        elif fixed[index] == grouping.FREE:
            db.session.add(ThemeAssignment(passage_id=passage.id, theme_id=None, source="machine", is_outlier=True))
        elif fixed[index] >= 0 and passage.id in human:
            human[passage.id].score = result.scores[index]
    for cluster, theme in cluster_theme.items():
        theme.keywords = result.keywords[cluster]
        if not theme.is_label_human and result.keywords[cluster]:
            theme.label = result.label(cluster)[:200]
    db.session.flush()
    _tidy_themes(analysis)
    db.session.flush()
    db.session.expire(analysis, ["themes"])
    analysis.status, analysis.run_count, analysis.last_run_at = "ready", analysis.run_count + 1, utcnow()
    db.session.commit()
    report(1.0, "Fertig")
    return {"analysis_id": analysis.id, "passages": len(passages), "themes": len(analysis.themes)}


def passage_vectors(analysis: Analysis, passages: list[Passage], *, request_missing: bool = True):
    """Stored sentence vectors and languages per passage (a passage shares its answer's), and how many are missing.

    Also copies each answer's language onto the analysed answer. Nothing is encoded here:
    when vectors are missing, the vector job is started for next time and the run groups by words.
    """
    from app.analysis.vectors import request_vectors, stored_vectors

    answers = list(analysis.answers)
    vectors, codes = stored_vectors([a.answer_id for a in answers], [a.text for a in answers])
    row_of = {a.id: row for row, a in enumerate(answers)}
    for answer, code in zip(answers, codes, strict=True):
        answer.language = code
    missing = int((~vectors.any(axis=1)).sum()) if len(answers) else 0
    if missing and request_missing and current_app.config.get("ANSWER_VECTORS", "on") == "on":
        try:
            request_vectors(analysis.project_id)
        except Exception:  # noqa: BLE001 - the run goes on with words; staff can start encoding on the board
            current_app.logger.exception("could not start the vector job for project %s", analysis.project_id)
    rows = [row_of[p.analysed_answer_id] for p in passages]
    return vectors[rows], [codes[r] for r in rows], missing


def _refresh_answers(analysis: Analysis) -> None:
    from app.surveys.queries import free_text_answers

    filters = {}
    if analysis.scope == "field_of_action":
        filters["field_of_action_id"] = analysis.field_of_action_id
    elif analysis.scope == "question":
        filters["question_id"] = analysis.question_id
    else:
        filters["survey_id"] = analysis.survey_id
    if all(v is None for v in filters.values()):
        raise ValidationError(_("Die ausgewertete Befragung, Frage oder das Handlungsfeld gibt es nicht mehr."))
    records = free_text_answers(analysis.project_id, **filters)
    existing = {a.answer_id: a for a in db.session.scalars(
        select(AnalysedAnswer).where(AnalysedAnswer.analysis_id == analysis.id))}
    seen = set()
    for record in records:
        seen.add(record.answer_id)
        copy = existing.get(record.answer_id)
        if copy is not None and copy.text != record.text:
            db.session.delete(copy)
            db.session.flush()
            copy = None
        if copy is None:
            copy = AnalysedAnswer(analysis_id=analysis.id, answer_id=record.answer_id, text=record.text)
            _copy_context(copy, record)
            db.session.add(copy)
            db.session.flush()
            for piece in _pieces(analysis, record):
                if piece.end > piece.start:
                    db.session.add(Passage(analysis_id=analysis.id, analysed_answer_id=copy.id, start=piece.start,
                                           end=piece.end, text=piece.text))
        else:
            _copy_context(copy, record)
    for answer_id, copy in existing.items():
        if answer_id not in seen:
            db.session.delete(copy)
    db.session.flush()


def _pieces(analysis: Analysis, record):
    """The passages of an answer: the whole answer, or (unit "passage") parts of long answers."""
    if analysis.unit == "passage":
        return segment_answer(str(record.answer_id), record.text, min_chars=PASSAGE_MIN_CHARS)
    text = record.text
    stripped = text.strip()
    start = text.find(stripped) if stripped else 0
    return [SegmentedPassage(str(record.answer_id), start, start + len(stripped), stripped)]


def _copy_context(copy: AnalysedAnswer, record) -> None:
    """Copy the pseudonymous context of an answer record (never contact data)."""
    copy.respondent_id, copy.pseudonym = record.respondent_id, record.pseudonym
    copy.stakeholder_group_id, copy.stakeholder_group = record.stakeholder_group_id, record.stakeholder_group
    copy.attributes = {k: str(v) for k, v in (record.attributes or {}).items() if v not in (None, "")}
    copy.survey_id, copy.question_id = record.survey_id, record.question_id
    copy.question_text, copy.field_of_action_id = record.question_text, record.field_of_action_id


def _tidy_themes(analysis: Analysis) -> None:
    """Remove machine themes left empty and tie themes to their field of action where obvious."""
    counts: Counter = Counter()
    fields: dict[int, Counter] = {}
    rows = db.session.execute(
        select(Passage.id, AnalysedAnswer.field_of_action_id, ThemeAssignment.theme_id, ThemeAssignment.source,
               ThemeAssignment.is_outlier)
        .join(AnalysedAnswer, Passage.analysed_answer_id == AnalysedAnswer.id)
        .join(ThemeAssignment, ThemeAssignment.passage_id == Passage.id)
        .where(Passage.analysis_id == analysis.id))
    effective: dict[int, tuple] = {}
    for passage_id, field_id, theme_id, source, is_outlier in rows:
        if source == "human" or passage_id not in effective:
            effective[passage_id] = (None if is_outlier else theme_id, field_id)
    for theme_id, field_id in effective.values():
        if theme_id is not None:
            counts[theme_id] += 1
            fields.setdefault(theme_id, Counter())[field_id] += 1
    for theme in db.session.scalars(select(Theme).where(Theme.analysis_id == analysis.id)).all():
        if counts[theme.id] == 0 and not theme.is_kept_on_rerun:
            db.session.delete(theme)
            continue
        if theme.is_field_human:
            continue
        if analysis.field_of_action_id is not None:
            theme.field_of_action_id = analysis.field_of_action_id
        elif theme.id in fields:
            field_id, number = fields[theme.id].most_common(1)[0]
            if field_id is not None and number / counts[theme.id] >= FIELD_MAJORITY:
                theme.field_of_action_id = field_id


def __getattr__(name: str):
    """Jobs queued before the codebook moved name ``app.analysis.services:suggest_codes_job``."""
    if name == "suggest_codes_job":
        from app.analysis.codebook import suggest_codes_job

        return suggest_codes_job
    raise AttributeError(name)
