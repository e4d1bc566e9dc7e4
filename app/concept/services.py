"""Writes on the concept: outline, section texts (optimistic locking), goals, measures, monitoring, drafts.

Every public function here owns its commit and raises ValidationError (or EditConflict) on bad
input, changing nothing.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from app.auth.models import utcnow
from app.concept import drafting, evidence
from app.concept.markup import block_count
from app.concept.models import (GOAL_KINDS, MEASURE_STATUSES, MEASURE_TABLE_ORDER, SECTION_STATUSES, Concept,
                                ConceptSection, DraftProposal, EditConflict, Goal, Indicator, IndicatorValue, Measure,
                                MeasureUpdate, SectionRevision, SectionSource, ThemeCitation)
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


# --- goals ------------------------------------------------------------------------------------

def _check_field(concept: Concept, field: FieldOfAction) -> None:
    if field is None or field.project_id != concept.project_id:
        raise ValidationError(_("Bitte ein Handlungsfeld dieses Projekts wählen."), "field_of_action_id")


def _set_citations(record, theme_ids, attribute: str) -> None:
    wanted = {int(t) for t in theme_ids or () if str(t).strip()}
    for citation in list(record.citations):
        if citation.theme_id not in wanted:
            record.citations.remove(citation)
    have = {c.theme_id for c in record.citations}
    for theme_id in sorted(wanted - have):
        record.citations.append(ThemeCitation(theme_id=theme_id))


def create_goal(concept: Concept, field: FieldOfAction, *, kind: str, title: str, description: str = "",
                parent: Goal | None = None, theme_ids=(), workshop_item_id: int | None = None) -> Goal:
    """Add a guiding or action goal to a field of action."""
    _check_field(concept, field)
    goal = Goal(concept_id=concept.id, field_of_action=field)
    _apply_goal(goal, concept, kind=kind, title=title, description=description, parent=parent)
    goal.workshop_item_id = workshop_item_id
    goal.position = (db.session.scalar(select(func.max(Goal.position)).where(
        Goal.concept_id == concept.id, Goal.field_of_action_id == field.id)) or 0) + 1
    db.session.add(goal)
    _set_citations(goal, theme_ids, "goal")
    db.session.commit()
    return goal


def _apply_goal(goal: Goal, concept: Concept, *, kind, title, description, parent) -> None:
    if kind not in GOAL_KINDS:
        raise ValidationError(_("Bitte Leitziel oder Handlungsziel wählen."), "kind")
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Bitte das Ziel formulieren."), "title")
    if parent is not None:
        if kind != "action_goal" or parent.kind != "guiding_goal" or parent.concept_id != concept.id:
            raise ValidationError(_("Ein Handlungsziel kann nur einem Leitziel zugeordnet werden."), "parent_id")
        field_id = goal.field_of_action.id if goal.field_of_action is not None else goal.field_of_action_id
        if parent.field_of_action_id != field_id:
            raise ValidationError(_("Das Leitziel gehört zu einem anderen Handlungsfeld."), "parent_id")
    goal.kind, goal.title, goal.description, goal.parent = kind, title[:500], (description or "").strip(), parent


def update_goal(goal: Goal, *, kind: str, title: str, description: str = "", parent: Goal | None = None,
                theme_ids=None) -> Goal:
    """Change a goal's wording, kind, guiding goal and cited themes."""
    concept = db.session.get(Concept, goal.concept_id)
    if parent is not None and parent.id == goal.id:
        raise ValidationError(_("Ein Ziel kann nicht sich selbst zugeordnet werden."), "parent_id")
    _apply_goal(goal, concept, kind=kind, title=title, description=description, parent=parent)
    if theme_ids is not None:
        _set_citations(goal, theme_ids, "goal")
    db.session.commit()
    return goal


def delete_goal(goal: Goal) -> None:
    """Delete a goal (its measures stay, losing the link)."""
    for child in db.session.scalars(select(Goal).where(Goal.parent_id == goal.id)):
        child.parent_id = None
    db.session.delete(goal)
    db.session.commit()


# --- measures ---------------------------------------------------------------------------------

def parse_amount(text) -> Decimal | None:
    """Parse a German amount like "1.234,50" or "1234.5" (empty -> None)."""
    if text is None or isinstance(text, Decimal):
        return text
    if isinstance(text, (int, float)):
        return Decimal(str(text))
    cleaned = str(text).replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "").strip()
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(_("Bitte einen Betrag wie 1.234,50 angeben."), "cost_amount") from None
    if value < 0 or value >= Decimal("10000000000"):
        raise ValidationError(_("Der Betrag muss zwischen 0 und 9.999.999.999,99 liegen."), "cost_amount")
    return value.quantize(Decimal("0.01"))


def next_measure_number(field: FieldOfAction) -> int:
    """Return the next free Lfd. Nr. in a field of action."""
    return (db.session.scalar(select(func.max(Measure.number)).where(Measure.field_of_action_id == field.id)) or 0) + 1


def renumber_measures(field: FieldOfAction, moved: Measure | None = None, wanted: int | None = None) -> None:
    """Number the field's measures 1, 2, 3 … in document order: running and done first, then planned.

    ``moved`` goes to position ``wanted`` within its table where the author asked for a number (it
    then comes before the measure holding that number); without a wish, a measure that changed table
    goes to the end of its new table. Does not commit.
    """
    measures = list(db.session.scalars(select(Measure).where(Measure.field_of_action_id == field.id)))
    if moved is not None and moved not in measures:
        measures.append(moved)

    def key(measure: Measure):
        rank = MEASURE_TABLE_ORDER.get(measure.status, 2)
        if measure is moved:
            return (rank, wanted - 0.5 if wanted is not None else float("inf"), 0)
        return (rank, measure.number or float("inf"), measure.id or 0)

    ordered = sorted(measures, key=key)
    if all(m.number == index for index, m in enumerate(ordered, start=1)):
        return
    offset = max([m.number or 0 for m in ordered] + [len(ordered)]) + 1
    with db.session.no_autoflush:
        for index, measure in enumerate(ordered):
            measure.number = offset + index
    db.session.flush()
    for index, measure in enumerate(ordered, start=1):
        measure.number = index
    db.session.flush()


def _apply_measure(measure: Measure, concept: Concept, data: dict) -> None:
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError(_("Bitte einen Titel für die Maßnahme angeben."), "title")
    status = data.get("status") or "planned"
    if status not in MEASURE_STATUSES:
        raise ValidationError(_("Unbekannter Status."), "status")
    number = data.get("number")
    if number is not None and int(number) < 1:
        raise ValidationError(_("Die laufende Nummer muss mindestens 1 sein."), "number")
    goal_ids = {int(g) for g in data.get("goal_ids") or ()}
    goals = list(db.session.scalars(select(Goal).where(Goal.id.in_(goal_ids)))) if goal_ids else []
    if any(g.concept_id != concept.id for g in goals):
        raise ValidationError(_("Bitte nur Ziele dieses Konzepts verknüpfen."), "goal_ids")
    measure.title = title[:500]
    measure.description = (data.get("description") or "").strip()
    measure.steps = (data.get("steps") or "").strip()
    measure.period = (data.get("period") or "").strip()[:200]
    measure.cost_amount = parse_amount(data.get("cost_amount"))
    measure.cost_text = (data.get("cost_text") or "").strip()[:300]
    measure.implemented_by = (data.get("implemented_by") or "").strip()[:500]
    measure.status = status
    measure.goals = goals


def create_measure(concept: Concept, field: FieldOfAction, user=None, **data) -> Measure:
    """Add a measure at the end of its table (or at the Lfd. Nr. given); the field is renumbered in order."""
    _check_field(concept, field)
    measure = Measure(concept_id=concept.id, field_of_action=field)
    with db.session.no_autoflush:
        _apply_measure(measure, concept, data)
        measure.number = next_measure_number(field)
    measure.workshop_item_id = data.get("workshop_item_id")
    db.session.add(measure)
    _set_citations(measure, data.get("theme_ids"), "measure")
    db.session.flush()
    wanted = data.get("number")
    renumber_measures(field, measure, int(wanted) if wanted is not None else None)
    db.session.commit()
    return measure


def update_measure(measure: Measure, user=None, **data) -> Measure:
    """Change a measure; a status change is recorded in its monitoring history."""
    concept = db.session.get(Concept, measure.concept_id)
    old_status, old_number = measure.status, measure.number
    with db.session.no_autoflush:
        _apply_measure(measure, concept, data)
    if "theme_ids" in data and data["theme_ids"] is not None:
        _set_citations(measure, data["theme_ids"], "measure")
    if measure.status != old_status:
        db.session.add(MeasureUpdate(measure=measure, recorded_on=date.today(), status=measure.status,
                                     previous_status=old_status, note=_("Status bei der Bearbeitung geändert."),
                                     recorded_by_id=_user_id(user)))
    wanted = data.get("number")
    if wanted is not None and int(wanted) != old_number:
        renumber_measures(measure.field_of_action, measure, int(wanted))
    elif MEASURE_TABLE_ORDER[measure.status] != MEASURE_TABLE_ORDER[old_status]:
        renumber_measures(measure.field_of_action, measure)
    db.session.commit()
    return measure


def delete_measure(measure: Measure) -> None:
    """Delete a measure with its indicators and history; the others close the gap in their numbers."""
    field = measure.field_of_action
    db.session.delete(measure)
    db.session.flush()
    renumber_measures(field)
    db.session.commit()


def record_measure_update(measure: Measure, *, status: str, recorded_on: date, note: str = "",
                          user=None) -> MeasureUpdate:
    """Record a monitoring entry: the measure's status on a date with a note (history kept)."""
    if status not in MEASURE_STATUSES:
        raise ValidationError(_("Unbekannter Status."), "status")
    if recorded_on is None:
        raise ValidationError(_("Bitte ein Datum angeben."), "recorded_on")
    if recorded_on > date.today():
        raise ValidationError(_("Das Datum darf nicht in der Zukunft liegen."), "recorded_on")
    latest = measure.updates[0] if measure.updates else None
    update = MeasureUpdate(measure=measure, recorded_on=recorded_on, status=status, previous_status=measure.status,
                           note=(note or "").strip(), recorded_by_id=_user_id(user))
    db.session.add(update)
    if latest is None or recorded_on >= latest.recorded_on:
        old_table = MEASURE_TABLE_ORDER[measure.status]
        measure.status = status
        if MEASURE_TABLE_ORDER[status] != old_table:
            renumber_measures(measure.field_of_action, measure)
    db.session.commit()
    return update


def _decimal(value, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return Decimal(str(value).replace(".", "").replace(",", ".") if isinstance(value, str) and "," in value
                       else str(value))
    except InvalidOperation:
        raise ValidationError(_("Bitte eine Zahl angeben."), field) from None


def add_indicator(measure: Measure, *, name: str, unit: str = "", baseline=None, target=None, current=None,
                  current_on: date | None = None) -> Indicator:
    """Add a success indicator (baseline, target, current value) to a measure."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Bitte den Indikator benennen."), "name")
    indicator = Indicator(measure=measure, name=name[:300], unit=(unit or "").strip()[:50],
                          baseline=_decimal(baseline, "baseline"), target=_decimal(target, "target"),
                          current=_decimal(current, "current"))
    if indicator.current is not None:
        indicator.current_on = current_on or date.today()
        indicator.values.append(IndicatorValue(recorded_on=indicator.current_on, value=indicator.current,
                                               note=_("Ausgangsstand")))
    db.session.add(indicator)
    db.session.commit()
    return indicator


def update_indicator(indicator: Indicator, *, name: str, unit: str = "", baseline=None, target=None) -> Indicator:
    """Change an indicator's name, unit, baseline and target."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Bitte den Indikator benennen."), "name")
    indicator.name, indicator.unit = name[:300], (unit or "").strip()[:50]
    indicator.baseline, indicator.target = _decimal(baseline, "baseline"), _decimal(target, "target")
    db.session.commit()
    return indicator


def delete_indicator(indicator: Indicator) -> None:
    """Delete an indicator with its measured values."""
    db.session.delete(indicator)
    db.session.commit()


def record_indicator_value(indicator: Indicator, *, value, recorded_on: date, note: str = "",
                           user=None) -> IndicatorValue:
    """Record a measured value; the newest value becomes the indicator's current value."""
    number = _decimal(value, "value")
    if number is None:
        raise ValidationError(_("Bitte einen Wert angeben."), "value")
    if recorded_on is None:
        raise ValidationError(_("Bitte ein Datum angeben."), "recorded_on")
    if recorded_on > date.today():
        raise ValidationError(_("Das Datum darf nicht in der Zukunft liegen."), "recorded_on")
    entry = IndicatorValue(indicator=indicator, recorded_on=recorded_on, value=number, note=(note or "").strip(),
                           recorded_by_id=_user_id(user))
    db.session.add(entry)
    if indicator.current_on is None or recorded_on >= indicator.current_on:
        indicator.current, indicator.current_on = number, recorded_on
    db.session.commit()
    return entry


# --- adopting workshop items ------------------------------------------------------------------

def adopt_workshop_item(concept: Concept, item_id: int, *, as_kind: str | None = None, parent: Goal | None = None):
    """Adopt a workshop item (incl. an accepted proposal) as a concept goal or measure."""
    item = next((i for i in evidence.item_priorities(concept.project_id) if i.item_id == item_id), None)
    if item is None:
        raise ValidationError(_("Diesen Workshop-Eintrag gibt es in diesem Projekt nicht."))
    kind = as_kind or item.kind
    if item.field_of_action_id is None:
        raise ValidationError(_("Der Eintrag ist keinem Handlungsfeld zugeordnet. Ordnen Sie ihn im Workshop zu."))
    field = db.session.get(FieldOfAction, item.field_of_action_id)
    already_goal = db.session.scalar(select(Goal).where(Goal.concept_id == concept.id,
                                                        Goal.workshop_item_id == item_id))
    already_measure = db.session.scalar(select(Measure).where(Measure.concept_id == concept.id,
                                                              Measure.workshop_item_id == item_id))
    if already_goal is not None or already_measure is not None:
        raise ValidationError(_("Dieser Workshop-Eintrag wurde bereits übernommen."))
    description = _item_description(item_id)
    themes = [item.theme_id] if item.theme_id else []
    if kind in GOAL_KINDS:
        return create_goal(concept, field, kind=kind, title=item.title, description=description, parent=parent,
                           theme_ids=themes, workshop_item_id=item_id)
    if kind == "measure":
        return create_measure(concept, field, title=item.title, description=description, status="planned",
                              theme_ids=themes, workshop_item_id=item_id)
    raise ValidationError(_("Bitte Leitziel, Handlungsziel oder Maßnahme wählen."))


def _item_description(item_id: int) -> str:
    try:
        from app.workshops.models import WorkshopItem
    except ImportError:
        return ""
    item = db.session.get(WorkshopItem, item_id)
    return (getattr(item, "description", "") or "") if item else ""


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
