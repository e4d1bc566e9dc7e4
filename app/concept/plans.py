"""What each field of action plans: goals, measures with their monitoring and indicators, adopted workshop items.

Every public function here owns its commit and raises ValidationError on bad input, changing nothing.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.concept import evidence
from app.concept.models import (GOAL_KINDS, MEASURE_STATUSES, MEASURE_TABLE_ORDER, Concept, Goal, Indicator,
                                IndicatorValue, Measure, MeasureUpdate, ThemeCitation)
from app.errors import ValidationError
from app.extensions import db
from app.projects.models import FieldOfAction


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
                                     recorded_by_id=getattr(user, "id", None)))
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
                           note=(note or "").strip(), recorded_by_id=getattr(user, "id", None))
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
                           recorded_by_id=getattr(user, "id", None))
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
