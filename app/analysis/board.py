"""People's decisions on the theme board: name, tie, create, merge and split themes, move passages.

Every decision is a ``ThemeAssignment`` with ``source="human"`` (or a human flag on the theme), so a
re-run (``services.run_analysis``) keeps it and only replaces machine assignments.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.analysis import grouping
from app.analysis.models import Analysis, Passage, Theme, ThemeAssignment
from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db

def rename_theme(theme: Theme, *, label: str, definition: str = "") -> None:
    """Give a theme a person's label and definition (kept on every re-run)."""
    label = (label or "").strip()
    if not label:
        raise ValidationError(_("Bitte geben Sie eine Bezeichnung an."), "label")
    theme.label, theme.definition, theme.is_label_human = label[:200], (definition or "").strip(), True
    db.session.commit()


def tie_theme_to_field(theme: Theme, field_of_action_id: int | None) -> None:
    """Tie a theme to a field of action of its project (or untie it), as a person's decision."""
    if field_of_action_id is not None:
        from app.projects.models import FieldOfAction

        field = db.session.get(FieldOfAction, field_of_action_id)
        if field is None or field.project_id != theme.analysis.project_id:
            raise ValidationError(_("Bitte wählen Sie ein Handlungsfeld dieses Projekts."), "field_of_action_id")
    theme.field_of_action_id, theme.is_field_human = field_of_action_id, True
    db.session.commit()


def create_theme(analysis: Analysis, *, label: str, definition: str = "") -> Theme:
    """Create an empty theme a person can move passages into."""
    label = (label or "").strip()
    if not label:
        raise ValidationError(_("Bitte geben Sie eine Bezeichnung an."), "label")
    position = max((t.position for t in analysis.themes), default=0) + 1
    theme = Theme(analysis_id=analysis.id, label=label[:200], definition=(definition or "").strip(), is_human=True,
                  is_label_human=True, position=position, field_of_action_id=analysis.field_of_action_id)
    db.session.add(theme)
    db.session.commit()
    return theme


def _effective_passages(theme: Theme) -> list[Passage]:
    passages = db.session.scalars(select(Passage).join(ThemeAssignment).where(ThemeAssignment.theme_id == theme.id)
                                  .distinct()).all()
    return [p for p in passages if p.theme_id == theme.id]


def _decide(passage: Passage, theme: Theme | None, user, *, is_outlier: bool = False) -> None:
    decision = passage.assignment("human")
    if decision is None:
        decision = ThemeAssignment(passage_id=passage.id, source="human")
        db.session.add(decision)
        passage.assignments.append(decision)
    decision.theme_id = theme.id if theme is not None else None
    decision.is_outlier = is_outlier
    decision.decided_by_id = getattr(user, "id", None)
    decision.created_at = utcnow()


def merge_themes(target: Theme, others: list[Theme], user=None) -> int:
    """Merge other themes into ``target``: their passages become the target's; returns passages moved."""
    others = [t for t in others if t.id != target.id]
    if not others:
        raise ValidationError(_("Bitte wählen Sie mindestens ein weiteres Thema zum Zusammenführen."), "theme_ids")
    if any(t.analysis_id != target.analysis_id for t in others):
        raise ValidationError(_("Nur Themen derselben Auswertung lassen sich zusammenführen."), "theme_ids")
    moved = 0
    for passage in _effective_passages(target):
        _decide(passage, target, user)
    for theme in others:
        for passage in _effective_passages(theme):
            _decide(passage, target, user)
            moved += 1
    db.session.flush()
    keywords = list(target.keywords or [])
    for theme in others:
        keywords += [k for k in theme.keywords or [] if k not in keywords]
        db.session.delete(theme)
    target.keywords, target.is_human = keywords[:6], True
    db.session.commit()
    return moved


def split_theme(theme: Theme, user=None, parts: int = 2) -> list[Theme]:
    """Re-group a theme's passages into ``parts`` sub-themes (the first keeps the theme); returns them."""
    passages = _effective_passages(theme)
    if len(passages) < parts:
        raise ValidationError(_("Ein Thema braucht mindestens zwei Passagen, um es aufzuteilen."))
    analysis = theme.analysis
    result = grouping.group_texts([p.text for p in passages], theme_count=parts, language=analysis.language)
    position = max((t.position for t in analysis.themes), default=0)
    subthemes = [theme]
    for cluster in range(1, result.cluster_count):
        position += 1
        subthemes.append(Theme(analysis_id=analysis.id, label=result.label(cluster)[:200], is_human=True,
                               keywords=result.keywords[cluster], position=position,
                               field_of_action_id=theme.field_of_action_id))
        db.session.add(subthemes[-1])
    db.session.flush()
    if not theme.is_label_human and result.keywords[0]:
        theme.label = result.label(0)[:200]
    theme.keywords, theme.is_human = result.keywords[0], True
    for index, passage in enumerate(passages):
        _decide(passage, subthemes[max(result.clusters[index], 0)], user)
        passage.assignment("human").score = result.scores[index]
    db.session.commit()
    return subthemes


def move_passage(passage: Passage, theme: Theme | None, user=None) -> None:
    """Put a passage into a theme as a person's decision."""
    if theme is None or theme.analysis_id != passage.analysis_id:
        raise ValidationError(_("Bitte wählen Sie ein Thema dieser Auswertung."), "theme_id")
    _decide(passage, theme, user)
    db.session.commit()


def mark_outlier(passage: Passage, user=None) -> None:
    """Mark a passage as fitting no theme (a re-run keeps it out)."""
    _decide(passage, None, user, is_outlier=True)
    db.session.commit()


def assign_passages(passages: list[Passage], theme: Theme | None, user=None, *, is_outlier: bool = False) -> int:
    """Move several passages into a theme, or mark them all as outliers, as one decision; return how many."""
    if not passages:
        raise ValidationError(_("Bitte wählen Sie mindestens eine Passage aus."), "passage_id")
    if not is_outlier and (theme is None or any(p.analysis_id != theme.analysis_id for p in passages)):
        raise ValidationError(_("Bitte wählen Sie ein Thema dieser Auswertung."), "theme_id")
    for passage in passages:
        _decide(passage, None if is_outlier else theme, user, is_outlier=is_outlier)
    db.session.commit()
    return len(passages)


def reset_passage(passage: Passage) -> None:
    """Drop the person's decision on a passage so the machine proposal counts again."""
    decision = passage.assignment("human")
    if decision is not None:
        passage.assignments.remove(decision)
        db.session.delete(decision)
    db.session.commit()
