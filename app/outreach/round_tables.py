"""Round tables: plan them (the annual needs round table from a template), keep minutes and decisions.

Writes own their commit and raise ``ValidationError``; decisions link only to goals and measures of the
project's own concept. The progress report lists the round tables held in its period.
"""
from __future__ import annotations

from datetime import date

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select

from app.concept.models import Concept, Goal, Measure
from app.concept.report_parts import ReportPart
from app.concept.word.data import DocTable, german_date, german_number
from app.errors import ValidationError
from app.extensions import db
from app.outreach.round_table_models import RoundTable, RoundTableDecision
from app.projects.models import Project

MAX_ORGANISATIONS = 200
#: Agenda of the annual round table to determine needs (Neuss: "Jährlich wird ein Runder Tisch einberufen,
#: um die Bedarfe festzustellen"); German, like the minutes and the report it ends up in.
NEEDS_ASSESSMENT_AGENDA = (
    "Begrüßung und Vorstellung der teilnehmenden Organisationen",
    "Rückblick: Stand der Maßnahmen des Integrationskonzepts",
    "Berichte aus den Handlungsfeldern und Stadtteilen",
    "Neue Bedarfe: Was fehlt, was hat sich verändert?",
    "Prioritäten für das kommende Jahr",
    "Vereinbarungen und nächste Schritte",
)


def needs_assessment_template(project: Project, year: int) -> dict:
    """Return the pre-filled title and agenda of the annual needs round table of a year."""
    agenda = list(NEEDS_ASSESSMENT_AGENDA)
    if project.fields_of_action:
        agenda[2] = f"{agenda[2]}: " + "; ".join(f.name for f in project.fields_of_action)
    return {"title": f"Jährlicher Runder Tisch zur Bedarfsermittlung {year}", "agenda": "\n".join(agenda),
            "is_needs_assessment": True}


# --- reads ---------------------------------------------------------------------------------------

def list_round_tables(project: Project) -> list[RoundTable]:
    """Return the project's round tables, the latest first."""
    return list(db.session.scalars(select(RoundTable).where(RoundTable.project_id == project.id)
                                   .order_by(RoundTable.held_on.desc(), RoundTable.id.desc())))


def round_table_or_404(project: Project, round_table_id: int) -> RoundTable:
    """Return a round table of the project or answer 404."""
    round_table = db.session.get(RoundTable, round_table_id)
    if round_table is None or round_table.project_id != project.id:
        abort(404)
    return round_table


def decision_or_404(round_table: RoundTable, decision_id: int) -> RoundTableDecision:
    """Return a decision of the round table or answer 404."""
    decision = db.session.get(RoundTableDecision, decision_id)
    if decision is None or decision.round_table_id != round_table.id:
        abort(404)
    return decision


def project_goals(project: Project) -> list[Goal]:
    """Return the goals of the project's concept in field and document order."""
    return list(db.session.scalars(select(Goal).join(Concept, Goal.concept_id == Concept.id)
                                   .where(Concept.project_id == project.id)
                                   .order_by(Goal.field_of_action_id, Goal.position, Goal.id)))


def decisions_about(item) -> list[RoundTableDecision]:
    """Return the round-table decisions linked to a goal or a measure, the latest round table first."""
    table = RoundTableDecision.goals if isinstance(item, Goal) else RoundTableDecision.measures
    return list(db.session.scalars(select(RoundTableDecision).join(RoundTable)
                                   .where(table.any(id=item.id))
                                   .order_by(RoundTable.held_on.desc(), RoundTableDecision.position)))


# --- writes --------------------------------------------------------------------------------------

def _organisations(value) -> list[str]:
    lines = value.splitlines() if isinstance(value, str) else list(value or ())
    names = list(dict.fromkeys(line.strip()[:200] for line in lines if line and line.strip()))
    if len(names) > MAX_ORGANISATIONS:
        raise ValidationError(_("Bitte höchstens %(max)s Organisationen angeben.", max=MAX_ORGANISATIONS),
                              "organisations")
    return names


def _apply(round_table: RoundTable, data: dict) -> None:
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError(_("Bitte einen Titel angeben."), "title")
    held_on = data.get("held_on")
    if not isinstance(held_on, date):
        raise ValidationError(_("Bitte das Datum angeben."), "held_on")
    round_table.title, round_table.held_on = title[:300], held_on
    round_table.place = (data.get("place") or "").strip()[:300]
    round_table.agenda = "\n".join(line.strip() for line in (data.get("agenda") or "").splitlines() if line.strip())
    round_table.organisations = _organisations(data.get("organisations"))
    round_table.minutes = (data.get("minutes") or "").strip()[:100_000]
    round_table.is_needs_assessment = bool(data.get("is_needs_assessment"))


def create_round_table(project: Project, **data) -> RoundTable:
    """Plan or log a round table of the project."""
    round_table = RoundTable(project_id=project.id, project=project)
    _apply(round_table, data)
    db.session.add(round_table)
    db.session.commit()
    return round_table


def update_round_table(round_table: RoundTable, **data) -> RoundTable:
    """Change a round table's date, agenda, organisations or minutes."""
    _apply(round_table, data)
    db.session.commit()
    return round_table


def delete_round_table(round_table: RoundTable) -> None:
    """Delete a round table with its decisions."""
    db.session.delete(round_table)
    db.session.commit()


def _linked(project: Project, model, ids, field: str, message: str) -> list:
    wanted = {int(i) for i in ids or ()}
    if not wanted:
        return []
    found = list(db.session.scalars(select(model).join(Concept, model.concept_id == Concept.id)
                                    .where(model.id.in_(wanted), Concept.project_id == project.id)))
    if len(found) != len(wanted):
        raise ValidationError(message, field)
    return found


def add_decision(round_table: RoundTable, *, text: str, responsible: str = "", goal_ids=(),
                 measure_ids=()) -> RoundTableDecision:
    """Record a decision of the round table, linked to goals and measures of the project's concept."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Bitte den Beschluss beschreiben."), "text")
    project = round_table.project
    goals = _linked(project, Goal, goal_ids, "goal_ids", _("Bitte nur Ziele dieses Projekts verknüpfen."))
    measures = _linked(project, Measure, measure_ids, "measure_ids",
                       _("Bitte nur Maßnahmen dieses Projekts verknüpfen."))
    position = max((d.position for d in round_table.decisions), default=0) + 1
    decision = RoundTableDecision(text=text[:10_000], responsible=(responsible or "").strip()[:300],
                                  position=position, goals=goals, measures=measures)
    round_table.decisions.append(decision)
    db.session.commit()
    return decision


def delete_decision(decision: RoundTableDecision) -> None:
    """Remove a decision from its round table."""
    db.session.delete(decision)
    db.session.commit()


# --- progress report -----------------------------------------------------------------------------

def _links(decision: RoundTableDecision) -> str:
    parts = [f"Ziel: {goal.title}" for goal in decision.goals]
    parts += [f"Maßnahme {m.field_of_action.number}.{m.number}: {m.title}" for m in decision.measures]
    return "; ".join(parts) or "–"


def round_tables_report_part(concept, start: date, end: date) -> ReportPart | None:
    """Return the round tables held in the period with their organisations and decisions."""
    held = list(db.session.scalars(select(RoundTable).where(
        RoundTable.project_id == concept.project_id, RoundTable.held_on >= start,
        RoundTable.held_on <= min(end, date.today())).order_by(RoundTable.held_on, RoundTable.id)))
    if not held:
        return None
    overview = DocTable("Runde Tische im Berichtszeitraum", ["Datum", "Runder Tisch", "Beteiligte Organisationen",
                                                             "Beschlüsse"],
                        [[german_date(rt.held_on), rt.title, ", ".join(rt.organisations) or "–",
                          german_number(len(rt.decisions))] for rt in held],
                        align=["left", "left", "left", "right"])
    tables = [overview]
    decisions = [(rt, d) for rt in held for d in rt.decisions]
    if decisions:
        tables.append(DocTable("Beschlüsse der Runden Tische", ["Runder Tisch", "Beschluss", "Zuständig",
                                                                 "Bezug im Konzept"],
                               [[f"{rt.title} ({german_date(rt.held_on)})", d.text, d.responsible or "–",
                                 _links(d)] for rt, d in decisions]))
    organisations = {name for rt in held for name in rt.organisations}
    needs = sum(1 for rt in held if rt.is_needs_assessment)
    intro = (f"Im Berichtszeitraum tagten {german_number(len(held))} Runde Tische mit "
             f"{german_number(len(organisations))} beteiligten Organisationen; sie fassten "
             f"{german_number(len(decisions))} Beschlüsse.")
    if needs:
        intro += (" Einer davon diente der jährlichen Bedarfsermittlung." if needs == 1 else
                  f" {german_number(needs)} davon dienten der jährlichen Bedarfsermittlung.")
    return ReportPart("Runde Tische", intro, tables, order=30)


# --- choices of the forms ------------------------------------------------------------------------

def measure_choices(project: Project) -> list[tuple[int, str]]:
    """Return the measures of the project's concept as (id, "1.2 Title") in field and number order."""
    measures = db.session.scalars(select(Measure).join(Concept, Measure.concept_id == Concept.id)
                                  .where(Concept.project_id == project.id)
                                  .order_by(Measure.field_of_action_id, Measure.number))
    return [(m.id, f"{m.field_of_action.number}.{m.number} {m.title}") for m in measures]


def goal_choices(project: Project) -> list[tuple[int, str]]:
    """Return the goals of the project's concept as (id, "Handlungsfeld 1: Title")."""
    return [(g.id, _("Handlungsfeld %(number)s: %(title)s", number=g.field_of_action.number, title=g.title))
            for g in project_goals(project)]
