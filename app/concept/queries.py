"""Reads on the concept: outline numbering, goals with priorities, the evidence chain, progress reports."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.concept import evidence
from app.concept.models import (MEASURE_STATUSES, Concept, ConceptSection, DraftProposal, Goal, Indicator,
                                IndicatorValue, Measure, MeasureUpdate, ThemeCitation)
from app.extensions import db
from app.projects.models import FieldOfAction, Project


@dataclass(frozen=True)
class OutlineEntry:
    """A section in document order with its number ("4.1", "4.1 b)") and depth (1–3)."""

    section: ConceptSection
    number: str
    depth: int


def get_concept(project: Project) -> Concept | None:
    """Return the project's concept, if one was created."""
    return db.session.scalar(select(Concept).where(Concept.project_id == project.id))


def get_concept_or_404(project: Project) -> Concept:
    """Return the project's concept or answer 404."""
    return get_concept(project) or abort(404)


def _owned_or_404(model, record_id: int, concept: Concept):
    record = db.session.get(model, record_id)
    if record is None or record.concept_id != concept.id:
        abort(404)
    return record


def get_section_or_404(concept: Concept, section_id: int) -> ConceptSection:
    """Return a section of this concept or answer 404."""
    return _owned_or_404(ConceptSection, section_id, concept)


def get_goal_or_404(concept: Concept, goal_id: int) -> Goal:
    """Return a goal of this concept or answer 404."""
    return _owned_or_404(Goal, goal_id, concept)


def get_measure_or_404(concept: Concept, measure_id: int) -> Measure:
    """Return a measure of this concept or answer 404."""
    return _owned_or_404(Measure, measure_id, concept)


def get_indicator_or_404(concept: Concept, indicator_id: int) -> Indicator:
    """Return an indicator of a measure of this concept or answer 404."""
    indicator = db.session.get(Indicator, indicator_id)
    if indicator is None or indicator.measure.concept_id != concept.id:
        abort(404)
    return indicator


def get_proposal_or_404(concept: Concept, proposal_id: int) -> DraftProposal:
    """Return a drafted proposal of this concept or answer 404."""
    proposal = db.session.get(DraftProposal, proposal_id)
    if proposal is None or proposal.section.concept_id != concept.id:
        abort(404)
    return proposal


def outline(concept: Concept) -> list[OutlineEntry]:
    """Return the sections in document order with their numbers."""
    children: dict[int | None, list[ConceptSection]] = {}
    for section in concept.sections:
        children.setdefault(section.parent_id, []).append(section)
    for siblings in children.values():
        siblings.sort(key=lambda s: (s.position, s.id))
    entries: list[OutlineEntry] = []

    def walk(parent_id, prefix: str, depth: int, parent_kind: str | None):
        for index, section in enumerate(children.get(parent_id, []), start=1):
            if parent_kind == "field_chapter":
                number = f"{prefix} {chr(ord('a') + index - 1)})"
                child_prefix = f"{prefix} {chr(ord('a') + index - 1)})"
            else:
                number = f"{prefix}.{index}" if prefix else str(index)
                child_prefix = number
            entries.append(OutlineEntry(section, number, depth))
            walk(section.id, child_prefix, depth + 1, section.kind)

    walk(None, "", 1, None)
    return entries


def field_chapter(concept: Concept, field: FieldOfAction) -> ConceptSection | None:
    """Return the chapter (4.n) of a field of action."""
    return next((s for s in concept.sections if s.kind == "field_chapter" and s.field_of_action_id == field.id), None)


def field_part(concept: Concept, field: FieldOfAction, kind: str) -> ConceptSection | None:
    """Return part a) strengths, b) goals or c) measures of a field's chapter."""
    return next((s for s in concept.sections if s.kind == kind and s.field_of_action_id == field.id), None)


def goals_of_field(concept: Concept, field: FieldOfAction) -> list[Goal]:
    """Return the field's goals: each guiding goal followed by its action goals, then loose action goals."""
    goals = list(db.session.scalars(select(Goal).where(Goal.concept_id == concept.id,
                                                       Goal.field_of_action_id == field.id)
                                    .order_by(Goal.position, Goal.id)))
    return order_goals(goals)


def order_goals(goals: list[Goal]) -> list[Goal]:
    """Order goals as guiding goal, its action goals, next guiding goal …, then loose action goals."""
    guiding = [g for g in goals if g.kind == "guiding_goal"]
    ordered: list[Goal] = []
    for goal in guiding:
        ordered.append(goal)
        ordered.extend(a for a in goals if a.kind == "action_goal" and a.parent_id == goal.id)
    ordered.extend(g for g in goals if g not in ordered)
    return ordered


def goals_of_concept(concept: Concept) -> list[Goal]:
    """Return all goals of the concept."""
    return list(db.session.scalars(select(Goal).where(Goal.concept_id == concept.id).order_by(Goal.position, Goal.id)))


def measures_of_field(concept: Concept, field: FieldOfAction) -> list[Measure]:
    """Return the field's measures by Lfd. Nr."""
    return list(db.session.scalars(
        select(Measure).where(Measure.concept_id == concept.id, Measure.field_of_action_id == field.id)
        .options(selectinload(Measure.goals), selectinload(Measure.indicators))
        .order_by(Measure.number)))


def measures_of_concept(concept: Concept) -> list[Measure]:
    """Return all measures of the concept."""
    return list(db.session.scalars(
        select(Measure).where(Measure.concept_id == concept.id)
        .options(selectinload(Measure.goals), selectinload(Measure.indicators), selectinload(Measure.updates))
        .order_by(Measure.field_of_action_id, Measure.number)))


def goal_priorities(concept: Concept, goals: list[Goal] | None = None, items: list | None = None):
    """Return {goal_id: Priority} from the workshop items matched to each goal."""
    goals = goals_of_concept(concept) if goals is None else goals
    return evidence.priorities_for(goals, "concept_goal", concept.project_id, items)


def measure_priorities(concept: Concept, measures: list[Measure], items: list | None = None):
    """Return {measure_id: Priority} from the workshop items matched to each measure."""
    return evidence.priorities_for(measures, "concept_measure", concept.project_id, items)


def theme_ids_of_goal(goal: Goal, priority) -> list[int]:
    """Return the themes behind a goal: cited directly or through the workshop items it matches."""
    ids = [c.theme_id for c in goal.citations]
    ids.extend(t for t in (priority.theme_ids if priority else []) if t not in ids)
    return ids


@dataclass
class GoalEvidence:
    """A goal with its votes, the themes behind it and the measures serving it."""

    goal: Goal
    priority: evidence.Priority
    themes: list
    missing_theme_ids: list[int]
    measures: list[Measure]


def goal_evidence(concept: Concept, goal: Goal) -> GoalEvidence:
    """Follow the chain from a goal to its workshop votes, themes and measures."""
    return goals_evidence(concept, [goal])[0]


def goals_evidence(concept: Concept, goals: list[Goal], items: list | None = None) -> list[GoalEvidence]:
    """Follow the chain for several goals, reading the workshop votes and each analysis once."""
    priorities = goal_priorities(concept, goals, items)
    theme_ids = {goal.id: theme_ids_of_goal(goal, priorities[goal.id]) for goal in goals}
    summaries = evidence.theme_summaries([t for ids in theme_ids.values() for t in ids])
    return [GoalEvidence(goal, priorities[goal.id], [summaries[t] for t in theme_ids[goal.id] if t in summaries],
                         [t for t in theme_ids[goal.id] if t not in summaries], list(goal.measures))
            for goal in goals]


@dataclass
class MeasureEvidence:
    """A measure with its goals (and their evidence) and the themes it cites directly."""

    measure: Measure
    goals: list[GoalEvidence]
    themes: list
    priority: evidence.Priority


def measure_evidence(concept: Concept, measure: Measure) -> MeasureEvidence:
    """Follow the chain from a measure to its goals, their votes and themes."""
    cited = evidence.theme_summaries([c.theme_id for c in measure.citations])
    themes = [cited[c.theme_id] for c in measure.citations if c.theme_id in cited]
    items = evidence.item_priorities(concept.project_id)
    priority = measure_priorities(concept, [measure], items)[measure.id]
    return MeasureEvidence(measure, goals_evidence(concept, list(measure.goals), items), themes, priority)


@dataclass
class ThemeEvidence:
    """A theme with its quotes and groups, and the goals and measures that cite it."""

    theme: object
    goals: list[Goal]
    measures: list[Measure]
    sections: list[ConceptSection] = field(default_factory=list)


def citing_theme(theme_id: int, goals: list[Goal], priorities: dict, measures: list[Measure]
                 ) -> tuple[list[Goal], list[Measure]]:
    """Return the goals citing a theme (directly or through their workshop items) and the measures serving them."""
    citing_goals = [g for g in goals if theme_id in theme_ids_of_goal(g, priorities[g.id])]
    citing_measures = [m for m in measures
                       if any(c.theme_id == theme_id for c in m.citations) or any(g in citing_goals for g in m.goals)]
    return citing_goals, citing_measures


def theme_evidence(concept: Concept, theme_id: int) -> ThemeEvidence | None:
    """Follow the chain backwards from a theme to the goals and measures that cite it."""
    if not evidence.theme_belongs_to(concept.project_id, theme_id):
        return None
    theme = evidence.theme_summary(theme_id)
    if theme is None:
        return None
    goals = goals_of_concept(concept)
    citing_goals, citing_measures = citing_theme(theme_id, goals, goal_priorities(concept, goals),
                                                 measures_of_concept(concept))
    from app.concept.models import SectionSource

    sections = list(db.session.scalars(
        select(ConceptSection).join(SectionSource).where(ConceptSection.concept_id == concept.id,
                                                         SectionSource.source_kind == "theme",
                                                         SectionSource.source_id == theme_id).distinct()))
    return ThemeEvidence(theme, citing_goals, citing_measures, sections)


def cited_theme_ids(concept: Concept) -> set[int]:
    """Return the ids of all themes cited by the concept's goals or measures."""
    rows = db.session.scalars(
        select(ThemeCitation.theme_id)
        .outerjoin(Goal, ThemeCitation.goal_id == Goal.id)
        .outerjoin(Measure, ThemeCitation.measure_id == Measure.id)
        .where(or_(Goal.concept_id == concept.id, Measure.concept_id == concept.id)))
    return set(rows)


def adoptable_items(concept: Concept, field: FieldOfAction | None = None, items: list | None = None) -> list:
    """Return workshop items (goals, measures, accepted proposals) not yet adopted into the concept."""
    items = evidence.item_priorities(concept.project_id) if items is None else items
    adopted = set(db.session.scalars(select(Goal.workshop_item_id).where(Goal.concept_id == concept.id,
                                                                         Goal.workshop_item_id.is_not(None))))
    adopted |= set(db.session.scalars(select(Measure.workshop_item_id).where(Measure.concept_id == concept.id,
                                                                             Measure.workshop_item_id.is_not(None))))
    own_sources = ("concept_goal:", "concept_measure:")
    items = [i for i in items
             if i.item_id not in adopted and not (i.source or "").startswith(own_sources)
             and (field is None or i.field_of_action_id == field.id)]
    return sorted(items, key=lambda i: (-(i.dots or 0), -(i.mean_rating or 0), i.title))


# --- monitoring -------------------------------------------------------------------------------

def status_on(measure: Measure, day: date) -> str | None:
    """Return a measure's status at the end of ``day`` (None if it did not exist yet)."""
    if measure.created_at and measure.created_at.date() > day and not measure.updates:
        return None
    earlier = [u for u in measure.updates if u.recorded_on <= day]
    if earlier:
        return max(earlier, key=lambda u: (u.recorded_on, u.id)).status
    if measure.updates:
        return min(measure.updates, key=lambda u: (u.recorded_on, u.id)).previous_status
    return measure.status


@dataclass
class FieldProgress:
    """Measures of one field of action by status at the end of the period, and changes within it."""

    field: FieldOfAction
    counts: Counter
    changed: int

    @property
    def total(self) -> int:
        """Return the number of measures counted."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class IndicatorMovement:
    """How an indicator moved in a period: the value before it (else the baseline) and the last value in it."""

    indicator: Indicator
    before: object
    after: object


def indicator_movements(values: list[IndicatorValue], start: date) -> list[IndicatorMovement]:
    """Return, per indicator measured in the period, its value before the period and its last value in it."""
    movements = []
    for indicator in dict.fromkeys(value.indicator for value in values):
        earlier = [v for v in indicator.values if v.recorded_on < start]
        before = max(earlier, key=lambda v: (v.recorded_on, v.id)).value if earlier else indicator.baseline
        after = max((v for v in values if v.indicator_id == indicator.id), key=lambda v: (v.recorded_on, v.id)).value
        movements.append(IndicatorMovement(indicator, before, after))
    return movements


@dataclass
class ProgressReport:
    """What happened to the measures in a period: per field counts, status changes, indicator values."""

    start: date
    end: date
    fields: list[FieldProgress]
    updates: list[MeasureUpdate]
    values: list[IndicatorValue]
    indicators: list[Indicator]
    #: Measures taken into the concept in the period, and measures finished ("done") in it.
    new_measures: list[Measure] = field(default_factory=list)
    finished_measures: list[Measure] = field(default_factory=list)
    #: Indicators measured in the period: where each stood before it and where it stands at its end.
    movements: list[IndicatorMovement] = field(default_factory=list)

    @property
    def totals(self) -> Counter:
        """Return the counts by status over all fields."""
        total: Counter = Counter()
        for row in self.fields:
            total.update(row.counts)
        return total


def progress_report(concept: Concept, start: date, end: date) -> ProgressReport:
    """Build the progress report of a period (e.g. the two-year report to the committees)."""
    measures = measures_of_concept(concept)
    updates = [u for m in measures for u in m.updates if start <= u.recorded_on <= end]
    updates.sort(key=lambda u: (u.recorded_on, u.id))
    changed_measures = Counter({u.measure_id: u.measure.field_of_action_id for u in updates}.values())
    rows = []
    for field_of_action in concept.project.fields_of_action:
        counts: Counter = Counter({status: 0 for status in MEASURE_STATUSES})
        for measure in measures:
            if measure.field_of_action_id == field_of_action.id:
                status = status_on(measure, end)
                if status is not None:
                    counts[status] += 1
        rows.append(FieldProgress(field_of_action, counts, changed_measures.get(field_of_action.id, 0)))
    values = list(db.session.scalars(
        select(IndicatorValue).join(Indicator).join(Measure)
        .where(Measure.concept_id == concept.id, IndicatorValue.recorded_on >= start, IndicatorValue.recorded_on <= end)
        .order_by(IndicatorValue.recorded_on, IndicatorValue.id)))
    indicators = list(db.session.scalars(
        select(Indicator).join(Measure).where(Measure.concept_id == concept.id)
        .order_by(Measure.field_of_action_id, Measure.number, Indicator.id)))
    new_measures = [m for m in measures if m.created_at and start <= m.created_at.date() <= end]
    finished = list({u.measure_id: u.measure for u in updates if u.status == "done"}.values())
    return ProgressReport(start, end, rows, updates, values, indicators, new_measures, finished,
                          indicator_movements(values, start))

