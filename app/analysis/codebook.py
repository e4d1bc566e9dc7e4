"""The codebook and coding: codes, a person's codings, and machine suggestions people accept or reject.

Suggestions are computed in a background job from the coded passages (``suggest_codes``); decided
suggestions stay as they are on every new computation.
"""
from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from sqlalchemy import delete, select

from app.analysis import grouping
from app.analysis.models import Analysis, Code, CodeSuggestion, Coding, Passage
from app.analysis.services import Progress, passage_vectors, progress_span
from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.jobs.services import enqueue_job, report_progress

#: Codes with fewer coded passages than this are suggested, but the codebook says they have too few examples.
FEW_EXAMPLES = 3
#: Suggestions below this confidence are not stored.
MIN_SUGGESTION_CONFIDENCE = 0.3

def create_code(analysis: Analysis, *, name: str, definition: str = "") -> Code:
    """Add a code with its definition to the codebook."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Bitte geben Sie einen Namen an."), "name")
    if any(c.name.lower() == name.lower() for c in analysis.codes):
        raise ValidationError(_("Diesen Code gibt es bereits."), "name")
    code = Code(analysis_id=analysis.id, name=name[:120], definition=(definition or "").strip(),
                position=max((c.position for c in analysis.codes), default=0) + 1)
    db.session.add(code)
    db.session.commit()
    return code


def update_code(code: Code, *, name: str, definition: str = "") -> None:
    """Change a code's name and definition."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Bitte geben Sie einen Namen an."), "name")
    if any(c.id != code.id and c.name.lower() == name.lower() for c in code.analysis.codes):
        raise ValidationError(_("Diesen Code gibt es bereits."), "name")
    code.name, code.definition = name[:120], (definition or "").strip()
    db.session.commit()


def delete_code(code: Code) -> None:
    """Remove a code with its codings and suggestions."""
    db.session.delete(code)
    db.session.commit()


def create_codes_from_themes(analysis: Analysis) -> int:
    """Add a code for every theme not yet in the codebook (label and definition); returns how many."""
    names = {c.name.lower() for c in analysis.codes}
    added = 0
    for theme in analysis.themes:
        if theme.label.lower() in names:
            continue
        names.add(theme.label.lower())
        added += 1
        db.session.add(Code(analysis_id=analysis.id, name=theme.label[:120], definition=theme.definition,
                            position=len(names)))
    db.session.commit()
    return added


def set_passage_codes(passage: Passage, code_ids: list[int], user) -> None:
    """Record which codes this person gives a passage (replacing their earlier choice)."""
    valid = {c.id for c in passage.answer.analysis.codes}
    wanted = {int(c) for c in code_ids}
    if not wanted <= valid:
        raise ValidationError(_("Bitte wählen Sie nur Codes aus dem Codebuch."), "code_ids")
    mine = [c for c in passage.codings if c.coder_id == user.id]
    for coding in mine:
        if coding.code_id not in wanted:
            passage.codings.remove(coding)
            db.session.delete(coding)
    have = {c.code_id for c in mine}
    for code_id in sorted(wanted - have):
        passage.codings.append(Coding(passage_id=passage.id, code_id=code_id, coder_id=user.id))
    for suggestion in passage.suggestions:
        if suggestion.status == "pending":
            suggestion.status = "accepted" if suggestion.code_id in wanted else "rejected"
            suggestion.decided_by_id, suggestion.decided_at = user.id, utcnow()
    db.session.commit()


def _accept(suggestion: CodeSuggestion, user) -> None:
    suggestion.status, suggestion.decided_by_id, suggestion.decided_at = "accepted", user.id, utcnow()
    exists = any(c.code_id == suggestion.code_id and c.coder_id == user.id for c in suggestion.passage.codings)
    if not exists:
        suggestion.passage.codings.append(Coding(passage_id=suggestion.passage_id, code_id=suggestion.code_id,
                                                 coder_id=user.id, is_from_suggestion=True))


def decide_suggestion(suggestion: CodeSuggestion, *, is_accepted: bool, user) -> None:
    """Accept (the code is given) or reject one suggestion."""
    if suggestion.status != "pending":
        raise ValidationError(_("Über diesen Vorschlag wurde bereits entschieden."))
    if is_accepted:
        _accept(suggestion, user)
    else:
        suggestion.status, suggestion.decided_by_id, suggestion.decided_at = "rejected", user.id, utcnow()
    db.session.commit()


def accept_suggestions_above(analysis: Analysis, threshold: float, user, *, code_id: int | None = None) -> int:
    """Accept every pending suggestion at or above a confidence; returns how many."""
    from app.analysis.queries import pending_suggestions

    if not 0.0 <= threshold <= 1.0:
        raise ValidationError(_("Die Schwelle muss zwischen 0 und 100 % liegen."), "threshold")
    accepted = 0
    for suggestion in pending_suggestions(analysis, min_confidence=threshold):
        if code_id is not None and suggestion.code_id != code_id:
            continue
        _accept(suggestion, user)
        accepted += 1
    db.session.commit()
    return accepted


def start_code_suggestions(analysis: Analysis, user=None):
    """Compute code suggestions as a background job and return the job."""
    if not analysis.codes:
        raise ValidationError(_("Legen Sie zuerst Codes im Codebuch an."))
    return enqueue_job("analysis.suggest", "app.analysis.codebook:suggest_codes_job", project_id=analysis.project_id,
                       user_id=getattr(user, "id", None), analysis_id=analysis.id)


def suggest_codes_job(job_id: int, analysis_id: int) -> dict:
    """Compute code suggestions inside a job."""
    analysis = db.session.get(Analysis, analysis_id)
    if analysis is None:
        raise ValidationError(_("Die Auswertung gibt es nicht mehr."))
    return suggest_codes(analysis, progress=lambda f, m: report_progress(job_id, f, m))


def suggest_codes(analysis: Analysis, progress: Progress | None = None) -> dict:
    """Suggest codes for uncoded passages from the coded ones; decided suggestions stay as they are.

    Also stores the code-next queue (passages whose coding would teach the suggester most)
    and how far the suggestions can be trusted (cross-validated kappa).
    """
    passages = list(db.session.scalars(select(Passage).where(Passage.analysis_id == analysis.id)
                                       .order_by(Passage.id)))
    index_of = {p.id: i for i, p in enumerate(passages)}
    given: dict[int, Counter] = {}
    for coding in db.session.scalars(select(Coding).join(Passage).where(Passage.analysis_id == analysis.id)):
        given.setdefault(index_of[coding.passage_id], Counter())[coding.code_id] += 1
    labels = {index: [code for code, _n in counts.most_common()] for index, counts in given.items()}
    decided: set[tuple[int, int]] = set()
    for suggestion in db.session.scalars(select(CodeSuggestion).join(Passage)
                                         .where(Passage.analysis_id == analysis.id)):
        if suggestion.status != "pending":
            decided.add((suggestion.passage_id, suggestion.code_id))
    db.session.commit()
    embeddings, languages, _missing = passage_vectors(analysis, passages, request_missing=False)
    db.session.commit()
    run = grouping.suggest_codes([p.text for p in passages], labels, language=analysis.language,
                                 minimum=MIN_SUGGESTION_CONFIDENCE, progress=progress_span(progress, 0.0, 0.9),
                                 embeddings=embeddings, languages=languages)
    db.session.execute(delete(CodeSuggestion).where(
        CodeSuggestion.status == "pending",
        CodeSuggestion.passage_id.in_(select(Passage.id).where(Passage.analysis_id == analysis.id))))
    valid_codes = {c.id for c in analysis.codes}
    stored = 0
    for suggestion in run.suggestions:
        passage = passages[suggestion.index]
        if (passage.id, suggestion.code) in decided or suggestion.code not in valid_codes:
            continue
        db.session.add(CodeSuggestion(passage_id=passage.id, code_id=suggestion.code,
                                      confidence=min(1.0, max(0.0, suggestion.confidence)), status="pending"))
        stored += 1
    analysis.coding_queue = [passages[i].id for i in run.queue]
    analysis.suggestion_report = {"kappa": run.kappa, "verdict": run.verdict, "is_trustworthy": run.is_trustworthy,
                                  "coded_count": run.coded_count}
    db.session.commit()
    return {"analysis_id": analysis.id, "suggestions": stored, "queue": len(analysis.coding_queue)}
