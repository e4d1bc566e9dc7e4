"""Writes on the concept: outline, section texts (optimistic locking), drafts from evidence, the Word template.

Every public function here owns its commit and raises ValidationError (or EditConflict) on bad
input, changing nothing. Goals, measures and monitoring are written in ``plans``.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.auth.models import utcnow
from app.concept import drafting, evidence
from app.concept.markup import block_count
from app.concept.models import (GOAL_KINDS, SECTION_STATUSES, Concept, ConceptSection, DraftProposal, EditConflict,
                                Goal, SectionRevision, SectionSource)
from app.concept.templates_docx import validate_template
from app.errors import ValidationError
from app.extensions import db
from app.projects.models import FieldOfAction, Project


#: The outline of a new concept (Monheim 2016): (title, kind, children).
STANDARD_OUTLINE = (
    ("Vorwort", "text", ()),
    ("Einführung", "text", (("Prozessschritte", "process_steps"),)),
    ("Integrationsverständnis, Leitlinien und Voraussetzungen", "text", (
        ("Integrationsverständnis", "text"),
        ("Milieuspezifischer Blick", "text"),
        ("Voraussetzungen gelingender Integration", "text"),
    )),
    ("Handlungsfelder, Ziele und Maßnahmen", "text", ()),
    ("Erfolge messen", "monitoring", ()),
    ("Anhang", "appendix", ()),
)
#: The parts of every field-of-action chapter.
FIELD_PARTS = (
    ("Stärken und Entwicklungspotentiale", "strengths"),
    ("Leitziele und Handlungsziele", "goals"),
    ("Ideen und Maßnahmen", "measures"),
)
FIELDS_PARENT_TITLE = "Handlungsfelder, Ziele und Maßnahmen"


def _user_id(user) -> int | None:
    return getattr(user, "id", None)


def _next_position(concept: Concept, parent: ConceptSection | None) -> int:
    siblings = [s for s in concept.sections if s.parent_id == (parent.id if parent else None)]
    return max((s.position for s in siblings), default=-1) + 1


def _new_section(concept, title, kind, parent=None, field=None, user=None, position=None) -> ConceptSection:
    section = ConceptSection(concept=concept, title=title, kind=kind, parent=parent, field_of_action=field,
                             position=_next_position(concept, parent) if position is None else position,
                             updated_by_id=_user_id(user))
    db.session.add(section)
    db.session.flush()
    return section


def create_concept(project: Project, user=None, *, title: str | None = None) -> Concept:
    """Create the project's concept with Monheim's outline and one chapter per field of action."""
    existing = db.session.scalar(select(Concept).where(Concept.project_id == project.id))
    if existing is not None:
        raise ValidationError(_("Für dieses Projekt gibt es bereits ein Konzept."))
    concept = Concept(project=project, title=title or f"Integrationskonzept {project.municipality}",
                      subtitle=project.title)
    db.session.add(concept)
    db.session.flush()
    for position, (section_title, kind, children) in enumerate(STANDARD_OUTLINE):
        section = _new_section(concept, section_title, kind, user=user, position=position)
        for child_position, (child_title, child_kind) in enumerate(children):
            _new_section(concept, child_title, child_kind, parent=section, user=user, position=child_position)
    _add_missing_field_chapters(concept, user)
    db.session.commit()
    return concept


def _fields_parent(concept: Concept) -> ConceptSection:
    for section in concept.sections:
        if section.parent_id is None and any(child.kind == "field_chapter" for child in section.children):
            return section
    for section in concept.sections:
        if section.parent_id is None and section.title == FIELDS_PARENT_TITLE:
            return section
    following = next((s for s in concept.sections if s.kind in ("monitoring", "appendix") and s.parent_id is None),
                     None)
    return _new_section(concept, FIELDS_PARENT_TITLE, "text",
                        position=following.position if following else None)


def _add_missing_field_chapters(concept: Concept, user=None) -> int:
    db.session.flush()
    db.session.refresh(concept)
    covered = {s.field_of_action_id for s in concept.sections if s.kind == "field_chapter"}
    missing = [f for f in concept.project.fields_of_action if f.id not in covered]
    if not missing:
        return 0
    parent = _fields_parent(concept)
    for field in missing:
        chapter = _new_section(concept, field.name, "field_chapter", parent=parent, field=field, user=user)
        for position, (title, kind) in enumerate(FIELD_PARTS):
            _new_section(concept, title, kind, parent=chapter, field=field, user=user, position=position)
    return len(missing)


def sync_field_chapters(concept: Concept, user=None) -> int:
    """Add chapters for fields of action created after the concept; return how many were added."""
    added = _add_missing_field_chapters(concept, user)
    db.session.commit()
    return added


def update_concept(concept: Concept, *, title: str, subtitle: str = "") -> None:
    """Change the document title and subtitle shown on the title page."""
    if not (title or "").strip():
        raise ValidationError(_("Bitte einen Titel angeben."), "title")
    concept.title = title.strip()[:300]
    concept.subtitle = (subtitle or "").strip()[:300]
    db.session.commit()


def add_section(concept: Concept, *, title: str, parent: ConceptSection | None = None, user=None) -> ConceptSection:
    """Add a text section at the end of the outline (or under ``parent``)."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Bitte einen Titel für den Abschnitt angeben."), "title")
    if parent is not None and parent.concept_id != concept.id:
        raise ValidationError(_("Der übergeordnete Abschnitt gehört nicht zu diesem Konzept."), "parent")
    if parent is not None and _depth(parent) >= 3:
        raise ValidationError(_("Abschnitte lassen sich höchstens drei Ebenen tief gliedern."), "parent")
    section = _new_section(concept, title[:300], "text", parent=parent, user=user)
    db.session.commit()
    return section


def _depth(section: ConceptSection) -> int:
    depth = 1
    while section.parent is not None:
        section = section.parent
        depth += 1
    return depth


def rename_section(section: ConceptSection, title: str, user=None) -> None:
    """Rename a section (its number follows from its place in the outline)."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Bitte einen Titel für den Abschnitt angeben."), "title")
    section.title = title[:300]
    section.updated_at = utcnow()
    section.updated_by_id = _user_id(user)
    db.session.commit()


def move_section(section: ConceptSection, direction: str) -> None:
    """Move a section one place up or down among its siblings."""
    siblings = [s for s in section.concept.sections if s.parent_id == section.parent_id]
    siblings.sort(key=lambda s: (s.position, s.id))
    index = siblings.index(section)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(siblings):
        raise ValidationError(_("Der Abschnitt lässt sich nicht weiter verschieben."))
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        sibling.position = position
    db.session.commit()


def delete_section(section: ConceptSection) -> None:
    """Delete a free section with its subsections (chapters of existing fields of action stay)."""
    if section.is_fixed:
        raise ValidationError(_("Dieser Abschnitt gehört zur festen Gliederung (Handlungsfeld, Prozessschritte oder "
                                "Anhang) und kann nur umbenannt oder verschoben werden."))
    pending = list(section.children)
    while pending:
        child = pending.pop()
        if child.is_fixed:
            raise ValidationError(_("Der Abschnitt enthält Kapitel der Handlungsfelder und kann nicht gelöscht "
                                    "werden."))
        pending.extend(child.children)
    db.session.delete(section)
    db.session.commit()


def save_section(section: ConceptSection, *, body: str, status: str, expected_version: int, user=None,
                 title: str | None = None) -> ConceptSection:
    """Save a section's text and status; refuse when someone saved since ``expected_version``."""
    if status not in SECTION_STATUSES:
        raise ValidationError(_("Unbekannter Status."), "status")
    if len(body or "") > 200_000:
        raise ValidationError(_("Der Text ist zu lang (höchstens 200.000 Zeichen)."), "body")
    db.session.refresh(section)
    section.check_version(expected_version)
    new_body = (body or "").replace("\r\n", "\n")
    if new_body != section.body:
        _shift_sources(section, section.body, new_body)
    section.body = new_body
    section.status = status
    if title is not None and title.strip():
        section.title = title.strip()[:300]
    _bump(section, user)
    _commit_section(section)
    return section


def _commit_section(section: ConceptSection) -> None:
    """Commit, turning a save that lost a race against another save into an EditConflict."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        db.session.refresh(section)
        raise EditConflict(section) from None


def _bump(section: ConceptSection, user) -> None:
    section.version += 1
    section.updated_at = utcnow()
    section.updated_by_id = _user_id(user)
    db.session.add(SectionRevision(section=section, version=section.version, title=section.title, body=section.body,
                                   status=section.status, changed_by_id=_user_id(user), changed_at=section.updated_at))


def _shift_sources(section: ConceptSection, old: str, new: str) -> None:
    """Keep drafted sources attached to their paragraphs when the author edits around them."""
    from app.concept.markup import parse

    old_blocks = [b.plain_text for b in parse(old)]
    new_blocks = [b.plain_text for b in parse(new)]
    for source in list(section.sources):
        if source.paragraph >= len(old_blocks):
            continue
        text = old_blocks[source.paragraph]
        if source.paragraph < len(new_blocks) and new_blocks[source.paragraph] == text:
            continue
        if text in new_blocks:
            source.paragraph = new_blocks.index(text)
        else:
            nearest = min(source.paragraph, max(0, len(new_blocks) - 1))
            if not new_blocks:
                db.session.delete(source)
            else:
                source.paragraph = nearest


# --- drafting from evidence -------------------------------------------------------------------

def _part(concept: Concept, field: FieldOfAction, kind: str) -> ConceptSection:
    section = next((s for s in concept.sections if s.field_of_action_id == field.id and s.kind == kind), None)
    if section is None:
        _add_missing_field_chapters(concept)
        section = next(s for s in concept.sections if s.field_of_action_id == field.id and s.kind == kind)
    return section


def goal_candidates(concept: Concept, field: FieldOfAction) -> list[drafting.GoalCandidate]:
    """Return the field's concept goals and not yet adopted workshop goals, with their votes."""
    goals = list(db.session.scalars(select(Goal).where(Goal.concept_id == concept.id,
                                                       Goal.field_of_action_id == field.id)))
    items = evidence.item_priorities(concept.project_id)
    priorities = evidence.priorities_for(goals, "concept_goal", concept.project_id, items)
    matched = {item_id for p in priorities.values() for item_id in p.item_ids}
    candidates = []
    for goal in goals:
        p = priorities[goal.id]
        candidates.append(drafting.GoalCandidate(goal.kind, goal.title, "goal", goal.id, p.dots, p.mean_rating,
                                                 p.voters, ("goal", goal.parent_id) if goal.parent_id else None,
                                                 ("goal", goal.id)))
    for item in items:
        if (item.field_of_action_id == field.id and item.kind in GOAL_KINDS and item.item_id not in matched):
            candidates.append(drafting.GoalCandidate(item.kind, item.title, "workshop_item", item.item_id, item.dots,
                                                     item.mean_rating, item.voters, None, ("item", item.item_id)))
    return candidates


def draft_from_evidence(concept: Concept, field: FieldOfAction, part: str, user=None) -> DraftProposal:
    """Draft a field's strengths (from themes) or goals (from workshop votes) as a proposal to accept."""
    if field.project_id != concept.project_id:
        raise ValidationError(_("Das Handlungsfeld gehört nicht zu diesem Projekt."))
    if part == "strengths":
        body, sources = drafting.draft_strengths(field.name, evidence.themes(concept.project_id, field.id))
    elif part == "goals":
        body, sources = drafting.draft_goals(field.name, goal_candidates(concept, field))
    else:
        raise ValidationError(_("Für diesen Abschnitt gibt es keinen Entwurf aus der Evidenz."))
    section = _part(concept, field, part)
    for old in section.proposals:
        if old.state == "pending":
            old.state = "dismissed"
    proposal = DraftProposal(section=section, body=body, sources=sources, created_by_id=_user_id(user))
    db.session.add(proposal)
    db.session.commit()
    return proposal


def accept_proposal(proposal: DraftProposal, *, mode: str, expected_version: int, user=None) -> ConceptSection:
    """Take a drafted text into its section: replace the text (only with consent) or append it."""
    if proposal.state != "pending":
        raise ValidationError(_("Dieser Entwurf wurde bereits übernommen oder verworfen."))
    if mode not in ("append", "replace"):
        raise ValidationError(_("Bitte wählen Sie, ob der Entwurf angehängt oder eingesetzt werden soll."), "mode")
    section = proposal.section
    db.session.refresh(section)
    section.check_version(expected_version)
    if mode == "replace" or not section.body.strip():
        offset = 0
        for source in list(section.sources):
            db.session.delete(source)
        section.body = proposal.body
    else:
        offset = block_count(section.body)
        section.body = section.body.rstrip() + "\n\n" + proposal.body
    for source in proposal.sources:
        db.session.add(SectionSource(section=section, paragraph=offset + int(source["paragraph"]),
                                     source_kind=source["kind"], source_id=int(source["id"]),
                                     label=str(source.get("label", ""))[:300]))
    proposal.state = "accepted"
    _bump(section, user)
    _commit_section(section)
    return section


def dismiss_proposal(proposal: DraftProposal) -> None:
    """Discard a drafted text without touching the section."""
    if proposal.state != "pending":
        raise ValidationError(_("Dieser Entwurf wurde bereits übernommen oder verworfen."))
    proposal.state = "dismissed"
    db.session.commit()


# --- Word template ----------------------------------------------------------------------------

def upload_template(concept: Concept, *, filename: str, data: bytes, user=None) -> None:
    """Store the municipality's Word template after checking it (refusals change nothing)."""
    normalised = validate_template(filename, data)
    concept.template_docx = normalised
    concept.template_filename = (filename or "vorlage.docx")[-255:]
    concept.template_uploaded_at = utcnow()
    concept.template_uploaded_by_id = _user_id(user)
    db.session.commit()


def remove_template(concept: Concept) -> None:
    """Go back to the built-in styles."""
    concept.template_docx = None
    concept.template_filename = None
    concept.template_uploaded_at = None
    concept.template_uploaded_by_id = None
    db.session.commit()
