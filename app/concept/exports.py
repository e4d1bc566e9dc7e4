"""Shape the concept's data for the Word builder (the document is written in German)."""
from __future__ import annotations

from datetime import date

from app.concept import charts, evidence, queries
from app.concept.docx_builder import (ConceptDocument, DocChart, DocGoal, DocMeasure, DocSection, DocTable,
                                      MonitoringDocument, ReportFieldRow, build_concept_docx, build_monitoring_docx,
                                      german_date, german_money, german_number)
from app.concept.models import Concept, Measure
from app.projects.models import FieldOfAction
from app.projects.templates_catalog import PROCESS_STEP_LABELS

#: Status names as they appear in the German document.
STATUS_TEXT = {"running": "laufend", "planned": "geplant", "done": "umgesetzt", "dropped": "entfallen"}
WORKSHOP_KIND_TEXT = {"expert": "Experten-Workshop", "decision_maker": "Entscheider-Workshop"}
#: How many goals the priority chart shows.
PRIORITY_CHART_LIMIT = 12


def priority_text(priority) -> str:
    """Return a goal's workshop priority as German text, e.g. "12 Punkte, Ø 4,2 (Entscheider-Workshop)"."""
    if priority is None or not priority.has_votes:
        return ""
    parts = []
    if priority.dots:
        parts.append(f"{german_number(priority.dots)} Punkte")
    if priority.mean_rating is not None:
        parts.append(f"Ø Bewertung {german_number(priority.mean_rating, 1)}")
    if priority.rank_points:
        parts.append(f"{german_number(priority.rank_points)} Rangpunkte")
    if not parts:
        parts.append(f"{german_number(priority.voters)} Abstimmende")
    text = "Priorität im Workshop: " + ", ".join(parts)
    if priority.workshops:
        text += f" ({', '.join(priority.workshops)})"
    return text


def _doc_measure(measure: Measure) -> DocMeasure:
    return DocMeasure(number=measure.number, title=measure.title, description=measure.description,
                      steps=[line.strip().lstrip("-•").strip() for line in measure.steps.splitlines() if line.strip()],
                      period=measure.period, cost=german_money(measure.cost_amount, measure.cost_text),
                      implemented_by=measure.implemented_by,
                      status_note="umgesetzt" if measure.status == "done" else "")


def _goals(concept: Concept, field: FieldOfAction, items) -> tuple[list[DocGoal], list]:
    goals = queries.goals_of_field(concept, field)
    priorities = queries.goal_priorities(concept, goals, items)
    by_id: dict[int, DocGoal] = {}
    top: list[DocGoal] = []
    for goal in goals:
        doc_goal = DocGoal(goal.kind, goal.title, goal.description, priority_text(priorities[goal.id]))
        by_id[goal.id] = doc_goal
        if goal.kind == "action_goal" and goal.parent_id in by_id:
            by_id[goal.parent_id].children.append(doc_goal)
        else:
            top.append(doc_goal)
    ranked = sorted(((goal, priorities[goal.id]) for goal in goals if priorities[goal.id].has_votes),
                    key=lambda pair: (-pair[1].dots, -(pair[1].mean_rating or 0)))
    return top, ranked[:PRIORITY_CHART_LIMIT]


def _theme_chart(field: FieldOfAction, themes) -> DocChart | None:
    if not themes:
        return None
    labels = [t.label for t in themes[:12]]
    values = [t.size for t in themes[:12]]
    title = f"Themen der Befragung im Handlungsfeld „{field.name}“"
    alt = title + ": " + "; ".join(f"{label}: {german_number(value)} Aussagen" for label, value in zip(labels, values, strict=True))
    return DocChart(title, charts.horizontal_bars_png(labels, values, title=title, value_label="Aussagen"), alt)


def _priority_chart(field: FieldOfAction, ranked) -> DocChart | None:
    ranked = [(goal, p) for goal, p in ranked if p.dots]
    if not ranked:
        return None
    labels = [goal.title for goal, _ in ranked]
    values = [p.dots for _, p in ranked]
    title = f"Priorität der Ziele im Workshop – „{field.name}“"
    alt = title + ": " + "; ".join(f"{label}: {german_number(value)} Punkte" for label, value in zip(labels, values, strict=True))
    return DocChart(title, charts.horizontal_bars_png(labels, values, title=title, value_label="Punkte"), alt)


def _status_chart(rows: list[tuple[str, dict]], title: str) -> DocChart | None:
    if not any(sum(counts.values()) for _, counts in rows):
        return None
    alt = title + ": " + "; ".join(
        f"{name}: " + ", ".join(f"{german_number(counts.get(s, 0))} {STATUS_TEXT[s]}" for s in STATUS_TEXT)
        for name, counts in rows)
    return DocChart(title, charts.status_bars_png(rows, STATUS_TEXT, title=title), alt)


def _status_counts(measures: list[Measure]) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_TEXT}
    for measure in measures:
        counts[measure.status] += 1
    return counts


def appendix_tables(concept: Concept) -> list[DocTable]:
    """Return the appendix tables: process steps, interviews per stakeholder group, workshop attendance."""
    project = concept.project
    steps = DocTable("Prozessschritte", ["Schritt", "Datum", "Teilnehmende", "Stand"],
                     [[step.title, german_date(step.date) or "offen",
                       german_number(step.participants) if step.participants is not None else "–",
                       "erledigt" if step.is_done else "geplant"] for step in project.process_steps])
    progress = evidence.interview_counts(project)
    interviews = DocTable("Interviews je Akteursgruppe", ["Akteursgruppe", "Geplant", "Eingeladen", "Geführt"],
                          [[row.name, german_number(row.target), german_number(row.invited),
                            german_number(row.completed)] for row in progress])
    if progress:
        interviews.rows.append(["Gesamt", german_number(sum(r.target for r in progress)),
                                german_number(sum(r.invited for r in progress)),
                                german_number(sum(r.completed for r in progress))])
    tables = [steps, interviews]
    attendance = evidence.workshop_attendance(project.id)
    if attendance:
        tables.append(DocTable("Teilnahme an den Workshops", ["Workshop", "Art", "Datum", "Teilnehmende"],
                               [[w.title, WORKSHOP_KIND_TEXT.get(w.kind, w.kind or ""), german_date(w.date),
                                 german_number(w.participants)] for w in attendance]))
    return tables


def process_step_lines(concept: Concept) -> list[str]:
    """Return the project's process steps as lines for section 2.1."""
    lines = []
    for step in concept.project.process_steps:
        details = [german_date(step.date)] if step.date else []
        if step.participants is not None:
            details.append(f"{german_number(step.participants)} Personen")
        label = step.title or str(PROCESS_STEP_LABELS.get(step.kind, step.kind))
        lines.append(label + (f" ({', '.join(details)})" if details else ""))
    return lines


def shape_concept_document(concept: Concept, field: FieldOfAction | None = None,
                           issued_on: date | None = None) -> ConceptDocument:
    """Collect the whole concept (or one field's chapter) into the builder's data classes."""
    entries = queries.outline(concept)
    if field is not None:
        chapter = queries.field_chapter(concept, field)
        if chapter is None:
            entries = []
        else:
            start = next(i for i, e in enumerate(entries) if e.section.id == chapter.id)
            depth = entries[start].depth
            selected = [entries[start]]
            for entry in entries[start + 1:]:
                if entry.depth <= depth:
                    break
                selected.append(entry)
            entries = [queries.OutlineEntry(e.section, e.number, e.depth - depth + 1) for e in selected]
    items = evidence.item_priorities(concept.project_id)
    all_measures = queries.measures_of_concept(concept)
    has_strengths = any(e.section.kind == "strengths" and e.section.field_of_action for e in entries)
    all_themes = evidence.themes(concept.project_id) if has_strengths else []
    sections: list[DocSection] = []
    for entry in entries:
        section = entry.section
        doc = DocSection(entry.number, section.title, entry.depth, section.body)
        owner = section.field_of_action
        if section.kind == "strengths" and owner is not None:
            chart = _theme_chart(owner, [t for t in all_themes if t.field_of_action_id == owner.id])
            if chart:
                doc.charts.append(chart)
        elif section.kind == "goals" and owner is not None:
            doc.goals, ranked = _goals(concept, owner, items)
            chart = _priority_chart(owner, ranked)
            if chart:
                doc.charts.append(chart)
        elif section.kind == "measures" and owner is not None:
            measures = [m for m in all_measures if m.field_of_action_id == owner.id and m.status != "dropped"]
            doc.running = [_doc_measure(m) for m in measures if m.is_running_or_done]
            doc.planned = [_doc_measure(m) for m in measures if m.status == "planned"]
            chart = _status_chart([(owner.name, _status_counts(measures))],
                                  f"Maßnahmen nach Status – „{owner.name}“")
            if chart:
                doc.charts.append(chart)
        elif section.kind == "process_steps":
            doc.bullet_lines = process_step_lines(concept)
        elif section.kind == "appendix":
            doc.tables = appendix_tables(concept)
            rows = [(f.name, _status_counts([m for m in all_measures if m.field_of_action_id == f.id]))
                    for f in concept.project.fields_of_action]
            chart = _status_chart(rows, "Maßnahmen je Handlungsfeld nach Status")
            if chart:
                doc.charts.append(chart)
        sections.append(doc)
    title = concept.title
    subtitle = concept.subtitle
    if field is not None:
        subtitle = f"Kapitel {field.number}: {field.name}"
    return ConceptDocument(municipality=concept.project.municipality, title=title, subtitle=subtitle,
                           issued_on=issued_on or date.today(), sections=sections)


def export_concept(concept: Concept, field: FieldOfAction | None = None):
    """Return the concept (or one chapter) as a .docx in a BytesIO."""
    return build_concept_docx(shape_concept_document(concept, field), concept.template_docx)


def export_filename(concept: Concept, field: FieldOfAction | None = None, suffix: str = "") -> str:
    """Return a safe file name like "Integrationskonzept-Musterstadt-Kapitel-4.2.docx"."""
    import re

    base = re.sub(r"[^A-Za-z0-9ÄÖÜäöüß_-]+", "-", concept.title).strip("-")[:80] or "Integrationskonzept"
    if field is not None:
        base += f"-Kapitel-4.{field.number}"
    return f"{base}{suffix}.docx"


def shape_monitoring_document(concept: Concept, report: queries.ProgressReport) -> MonitoringDocument:
    """Collect a progress report into the builder's data classes."""
    rows = [ReportFieldRow(r.field.name, dict(r.counts)) for r in report.fields]
    changes = DocTable("Statusänderungen im Berichtszeitraum",
                       ["Datum", "Handlungsfeld", "Maßnahme", "Änderung", "Vermerk"],
                       [[german_date(u.recorded_on), f"4.{u.measure.field_of_action.number}",
                         f"{u.measure.number}. {u.measure.title}",
                         f"{STATUS_TEXT[u.previous_status]} → {STATUS_TEXT[u.status]}", u.note]
                        for u in report.updates])
    indicators = DocTable("Indikatoren der Maßnahmen", ["Maßnahme", "Indikator", "Ausgangswert", "Zielwert",
                                                        "Aktueller Wert", "Stand"],
                          [[f"4.{i.measure.field_of_action.number} / {i.measure.number}. {i.measure.title}",
                            i.name + (f" ({i.unit})" if i.unit else ""), german_number(i.baseline, 2),
                            german_number(i.target, 2), german_number(i.current, 2), german_date(i.current_on)]
                           for i in report.indicators])
    chart = _status_chart([(r.name, r.counts) for r in rows], "Maßnahmen je Handlungsfeld am Ende des Zeitraums")
    changed = len({u.measure_id for u in report.updates})
    totals = report.totals
    intro = (f"Im Berichtszeitraum wurden für {german_number(changed)} Maßnahmen Veränderungen erfasst. "
             f"Am Ende des Zeitraums sind {german_number(totals['running'])} Maßnahmen in Umsetzung, "
             f"{german_number(totals['done'])} umgesetzt, {german_number(totals['planned'])} geplant und "
             f"{german_number(totals['dropped'])} entfallen. Für {german_number(len(report.values))} "
             "Indikatorwerte wurden neue Messungen eingetragen.")
    return MonitoringDocument(municipality=concept.project.municipality,
                              title=f"Umsetzungsbericht zum {concept.title}",
                              period_label=f"{german_date(report.start)} bis {german_date(report.end)}",
                              issued_on=date.today(), status_labels=STATUS_TEXT, rows=rows, changes=changes,
                              indicators=indicators, chart=chart, intro=intro)


def export_monitoring(concept: Concept, report: queries.ProgressReport):
    """Return the progress report as a .docx in a BytesIO."""
    return build_monitoring_docx(shape_monitoring_document(concept, report), concept.template_docx)
