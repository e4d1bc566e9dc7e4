"""Shape the concept's data for the Word builder (the document is written in German).

The whole chain goes into the document: per goal its workshop priority, the evidence it rests on
(themes with pseudonymised quotes) and the measures serving it; per measure the goals it serves and
its indicators; the chapter "Erfolge messen" lists every indicator, as Neuss reports on its measures.
"""
from __future__ import annotations

import re
from datetime import date

from app.concept import evidence, queries
from app.concept.models import MEASURE_TABLE_ORDER, Concept, Goal, Measure
from app.concept.report_parts import ReportPart, report_parts
from app.concept.word import (ConceptDocument, DocChart, DocEvidence, DocGoal, DocIndicator, DocMeasure, DocQuote,
                              DocSection, DocTable, MonitoringDocument, ReportFieldRow, build_concept_docx,
                              build_monitoring_docx, german_date, german_money, german_number)
from app.projects.models import FieldOfAction
from app.projects.templates_catalog import PROCESS_STEP_LABELS

#: Status names as they appear in the German document.
STATUS_TEXT = {"running": "laufend", "planned": "geplant", "done": "umgesetzt", "dropped": "entfallen"}
WORKSHOP_KIND_TEXT = {"expert": "Experten-Workshop", "decision_maker": "Entscheider-Workshop"}
#: How many goals the priority chart shows, and how many themes and quotes a goal cites.
PRIORITY_CHART_LIMIT = 12
EVIDENCE_THEMES, EVIDENCE_QUOTES = 2, 1
#: The success factors of municipal integration policy (BMI and Bertelsmann Stiftung), as Neuss builds on them.
SUCCESS_FACTORS = (
    ("Ein Konzept gemeinschaftlich entwickeln – mit allen für alle",
     "Ziele unter Beteiligung der Zugewanderten und der Aufnahmegesellschaft entwickeln."),
    ("Integration als Querschnittsaufgabe verankern",
     "Gesamtstädtisch und ressortübergreifend; eine zentrale Stelle koordiniert."),
    ("Integration muss Chefsache sein", "Klare politische Verbindlichkeit, fraktionsübergreifende Zusammenarbeit."),
    ("Akteure vernetzen", "Alle relevanten Akteure einbinden; regelmäßiger Austausch schafft Vertrauen."),
    ("Für den Stadtteil planen und arbeiten", "Direkter Kontakt zu den Menschen und angepasste Maßnahmen."),
    ("Ein breites Angebot schaffen", "Maßnahmen in allen Handlungsfeldern, besonders Bildung, Arbeit und Dialog."),
    ("Kommune als Arbeitgeber: Zeichen setzen", "Mehr Beschäftigte mit Zuwanderungsgeschichte, Fortbildung."),
    ("Dienstleistungen für alle öffnen", "Zugangsbarrieren abbauen."),
    ("Erfolge messen", "Die Wirkung der Maßnahmen wird regelmäßig überprüft und berichtet."),
)
MONITORING_TEXT = (
    "Jede Maßnahme nennt, woran sich ihr Erfolg ablesen lässt. Das Integrationsbüro erhebt die Indikatoren, "
    "hält den Stand der Maßnahmen fest und berichtet dem Integrationsrat und den Fachausschüssen alle zwei Jahre. "
    "Die folgende Tabelle zeigt Ausgangswert, Ziel und den zuletzt gemessenen Wert.")


def priority_text(priority) -> str:
    """Return a goal's workshop priority as German text, e.g. "Priorität: 12 Punkte, Ø Bewertung 4,2"."""
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
    return "Priorität: " + ", ".join(parts)


def measure_reference(chapter: str, measure: Measure) -> str:
    """Return how the documents cite a measure: "4.2 Nr. 3" (the number the concept's table prints)."""
    return f"{chapter} Nr.\u00a0{measure.number}"


def _value(number, unit: str) -> str:
    if number is None:
        return ""
    return german_number(number, 2) + (f"\u00a0{unit}" if unit else "")


def _indicators(measure: Measure) -> list[DocIndicator]:
    return [DocIndicator(i.name, _value(i.baseline, i.unit), _value(i.target, i.unit), _value(i.current, i.unit),
                         german_date(i.current_on)) for i in measure.indicators]


def _goal_labels(goals: list[Goal]) -> dict[int, str]:
    """Return {goal id: "Leitziel 1" / "Handlungsziel 1.2"} as the document numbers them."""
    labels, guiding, children = {}, 0, {}
    for goal in goals:
        if goal.kind == "guiding_goal":
            guiding += 1
            labels[goal.id] = f"Leitziel {guiding}"
        elif goal.parent_id in labels:
            children[goal.parent_id] = children.get(goal.parent_id, 0) + 1
            labels[goal.id] = f"Handlungsziel {labels[goal.parent_id].split()[1]}.{children[goal.parent_id]}"
        else:
            labels[goal.id] = "Handlungsziel"
    return labels


def _doc_measure(measure: Measure, labels: dict[int, str]) -> DocMeasure:
    goals = [f"{labels[g.id]}: {g.title}" for g in measure.goals if g.id in labels]
    return DocMeasure(number=measure.number, title=measure.title, description=measure.description,
                      steps=[line.strip().lstrip("-•").strip() for line in measure.steps.splitlines() if line.strip()],
                      period=measure.period, cost=german_money(measure.cost_amount, measure.cost_text),
                      cost_is_amount=measure.cost_amount is not None, implemented_by=measure.implemented_by,
                      status_note="umgesetzt" if measure.status == "done" else "", goals=goals,
                      indicators=_indicators(measure))


def _evidence(themes) -> list[DocEvidence]:
    return [DocEvidence(t.label, t.size, t.respondent_count,
                        [DocQuote(q.text, q.pseudonym, q.stakeholder_group or "", q.cited_as)
                         for q in t.quotes[:EVIDENCE_QUOTES]])
            for t in themes[:EVIDENCE_THEMES]]


def _goals(concept: Concept, field: FieldOfAction, items) -> tuple[list[DocGoal], list, list[str]]:
    goals = queries.goals_of_field(concept, field)
    chains = {chain.goal.id: chain for chain in queries.goals_evidence(concept, goals, items)}
    by_id: dict[int, DocGoal] = {}
    top: list[DocGoal] = []
    for goal in goals:
        chain = chains[goal.id]
        cited = chain.themes
        if goal.parent_id in chains:
            parent_themes = {t.id for t in chains[goal.parent_id].themes}
            cited = [t for t in cited if t.id not in parent_themes]
        doc_goal = DocGoal(goal.kind, goal.title, goal.description, priority_text(chain.priority),
                           evidence=_evidence(cited),
                           measures=[f"Nr.\u00a0{m.number}" for m in chain.measures if m.status != "dropped"])
        by_id[goal.id] = doc_goal
        if goal.kind == "action_goal" and goal.parent_id in by_id:
            by_id[goal.parent_id].children.append(doc_goal)
        else:
            top.append(doc_goal)
    ranked = sorted(((goal, chains[goal.id].priority) for goal in goals if chains[goal.id].priority.dots),
                    key=lambda pair: (-pair[1].dots, -(pair[1].mean_rating or 0)))
    workshops = list(dict.fromkeys(w for chain in chains.values() for w in chain.priority.workshops))
    return top, ranked[:PRIORITY_CHART_LIMIT], workshops


def _bars(title: str, pairs: list[tuple[str, float]], unit: str) -> DocChart | None:
    """Return a bar chart where it carries information: two bars or more."""
    if len(pairs) < 2:
        return None
    alt = title + ": " + "; ".join(f"{label}: {german_number(value)} {unit}" for label, value in pairs)
    return DocChart(title, alt, [label for label, _ in pairs], [value for _, value in pairs], unit)


def _status_chart(rows: list[tuple[str, dict]], title: str) -> DocChart | None:
    if len(rows) < 2 or not any(sum(counts.values()) for _, counts in rows):
        return None
    alt = title + ": " + "; ".join(
        f"{name}: " + ", ".join(f"{german_number(counts.get(s, 0))} {STATUS_TEXT[s]}" for s in STATUS_TEXT)
        for name, counts in rows)
    series = {STATUS_TEXT[s]: [counts.get(s, 0) for _, counts in rows] for s in ("running", "done", "planned")}
    return DocChart(title, alt, [name for name, _ in rows], value_label="Anzahl Maßnahmen", series=series)


def _status_counts(measures: list[Measure]) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_TEXT}
    for measure in measures:
        counts[measure.status] += 1
    return counts


def _status_line(measures: list[Measure]) -> str:
    counts = _status_counts(measures)
    parts = [f"{german_number(counts[s])} {STATUS_TEXT[s]}" for s in ("running", "done", "planned") if counts[s]]
    return f"Stand der {german_number(sum(counts[s] for s in ('running', 'done', 'planned')))} Maßnahmen: " \
           + ", ".join(parts) + "." if parts else ""


def appendix_tables(concept: Concept) -> list[DocTable]:
    """Return the appendix tables: process steps, interviews per stakeholder group, workshop attendance."""
    project = concept.project
    steps = DocTable("Prozessschritte", ["Schritt", "Datum", "Teilnehmende", "Stand"],
                     [[step.title, german_date(step.date) or "offen",
                       german_number(step.participants) if step.participants is not None else "–",
                       "erledigt" if step.is_done else "geplant"] for step in project.process_steps],
                     align=["left", "left", "right", "left"])
    progress = evidence.interview_counts(project)
    interviews = DocTable("Interviews je Akteursgruppe", ["Akteursgruppe", "Geplant", "Eingeladen", "Geführt"],
                          [[row.name, german_number(row.target), german_number(row.invited),
                            german_number(row.completed)] for row in progress], align=["left"] + ["right"] * 3)
    if progress:
        interviews.rows.append(["Gesamt", german_number(sum(r.target for r in progress)),
                                german_number(sum(r.invited for r in progress)),
                                german_number(sum(r.completed for r in progress))])
    tables = [steps, interviews]
    attendance = evidence.workshop_attendance(project.id)
    if attendance:
        tables.append(DocTable("Teilnahme an den Workshops", ["Workshop", "Art", "Datum", "Teilnehmende"],
                               [[w.title, WORKSHOP_KIND_TEXT.get(w.kind, w.kind or ""), german_date(w.date),
                                 german_number(w.participants)] for w in attendance],
                               align=["left", "left", "left", "right"]))
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


def short_date(value: date | None) -> str:
    """Return a date like "02.11.2026" for narrow table columns."""
    return value.strftime("%d.%m.%Y") if value else ""


def _monitoring_tables(measures: list[Measure], chapters: dict[int, str], success_factors: bool) -> list[DocTable]:
    rows = [[f"{measure_reference(chapters.get(m.field_of_action_id, ''), m)}: {m.title}", i.name,
             _value(i.baseline, i.unit), _value(i.target, i.unit), _value(i.current, i.unit),
             short_date(i.current_on)]
            for m in measures if m.status != "dropped" for i in m.indicators]
    tables = [DocTable("Indikatoren der Maßnahmen", ["Maßnahme", "Indikator", "Ausgangswert", "Ziel", "Aktuell",
                                                     "Stand"], rows,
                       align=["left", "left", "right", "right", "right", "right"])] if rows else []
    if success_factors:
        tables.append(DocTable("Erfolgsfaktoren kommunaler Integrationspolitik", ["Nr.", "Erfolgsfaktor",
                                                                                  "Was er verlangt"],
                               [[str(n), name, text] for n, (name, text) in enumerate(SUCCESS_FACTORS, start=1)],
                               align=["right", "left", "left"]))
    return tables


def _select_chapter(entries, concept: Concept, field: FieldOfAction):
    chapter = queries.field_chapter(concept, field)
    if chapter is None:
        return [], ""
    start = next(i for i, e in enumerate(entries) if e.section.id == chapter.id)
    depth = entries[start].depth
    selected = [entries[start]]
    for entry in entries[start + 1:]:
        if entry.depth <= depth:
            break
        selected.append(entry)
    return [queries.OutlineEntry(e.section, e.number, e.depth - depth + 1) for e in selected], entries[start].number


def shape_concept_document(concept: Concept, field: FieldOfAction | None = None, issued_on: date | None = None, *,
                           orientation: str = "auto", success_factors: bool = False) -> ConceptDocument:
    """Collect the whole concept (or one field's chapter) into the builder's data classes."""
    entries = queries.outline(concept)
    chapters = {e.section.field_of_action_id: e.number for e in entries if e.section.kind == "field_chapter"}
    chapter_number = ""
    if field is not None:
        entries, chapter_number = _select_chapter(entries, concept, field)
    items = evidence.item_priorities(concept.project_id)
    all_measures = queries.measures_of_concept(concept)
    all_measures.sort(key=lambda m: (m.field_of_action_id, MEASURE_TABLE_ORDER[m.status], m.number))
    has_strengths = any(e.section.kind == "strengths" and e.section.field_of_action for e in entries)
    all_themes = evidence.themes(concept.project_id) if has_strengths else []
    sections: list[DocSection] = []
    for entry in entries:
        section = entry.section
        doc = DocSection(entry.number, section.title, entry.depth, section.body, kind=section.kind)
        owner = section.field_of_action
        if section.kind == "strengths" and owner is not None:
            themes = [t for t in all_themes if t.field_of_action_id == owner.id][:12]
            chart = _bars(f"Themen der Befragung im Handlungsfeld „{owner.name}“",
                          [(t.label, t.size) for t in themes], "Aussagen")
            doc.charts += [chart] if chart else []
        elif section.kind == "goals" and owner is not None:
            doc.goals, ranked, workshops = _goals(concept, owner, items)
            if workshops:
                doc.summary_lines = [f"Die Prioritäten stammen aus: {', '.join(workshops)}."]
            chart = _bars(f"Priorität der Ziele im Workshop – „{owner.name}“",
                          [(goal.title, p.dots) for goal, p in ranked], "Punkte")
            doc.charts += [chart] if chart else []
        elif section.kind == "measures" and owner is not None:
            measures = [m for m in all_measures if m.field_of_action_id == owner.id and m.status != "dropped"]
            labels = _goal_labels(queries.goals_of_field(concept, owner))
            doc.running = [_doc_measure(m, labels) for m in measures if m.is_running_or_done]
            doc.planned = [_doc_measure(m, labels) for m in measures if m.status == "planned"]
            doc.summary_lines = [line for line in [_status_line(measures)] if line]
        elif section.kind == "process_steps":
            doc.bullet_lines = process_step_lines(concept)
        elif section.kind == "monitoring":
            doc.body = section.body or MONITORING_TEXT
            doc.tables = _monitoring_tables(all_measures, chapters, success_factors)
            rows = [(f.name, _status_counts([m for m in all_measures if m.field_of_action_id == f.id]))
                    for f in concept.project.fields_of_action]
            chart = _status_chart(rows, "Maßnahmen je Handlungsfeld nach Status")
            doc.charts += [chart] if chart else []
            with_indicator = sum(1 for m in all_measures if m.status != "dropped" and m.indicators)
            total = sum(1 for m in all_measures if m.status != "dropped")
            doc.summary_lines = [f"{german_number(with_indicator)} von {german_number(total)} Maßnahmen haben "
                                 "bereits einen Indikator."] if total else []
        elif section.kind == "appendix":
            doc.tables = appendix_tables(concept)
        sections.append(doc)
    project = concept.project
    subtitle = f"Kapitel {chapter_number}: {field.name}" if field is not None else concept.subtitle
    return ConceptDocument(municipality=project.municipality, title=concept.title, subtitle=subtitle,
                           issued_on=issued_on or date.today(), sections=sections,
                           author=project.municipality, subject=concept.subtitle or project.title,
                           keywords=f"Integrationskonzept; {project.municipality}; Handlungsfelder; Maßnahmen; Erfolge messen",
                           orientation=orientation)


def export_concept(concept: Concept, field: FieldOfAction | None = None, *, orientation: str = "auto",
                   success_factors: bool = False):
    """Return the concept (or one chapter) as a .docx in a BytesIO."""
    data = shape_concept_document(concept, field, orientation=orientation, success_factors=success_factors)
    return build_concept_docx(data, concept.template_docx)


def export_filename(concept: Concept, field: FieldOfAction | None = None, suffix: str = "") -> str:
    """Return a safe file name like "Integrationskonzept-Musterstadt-Kapitel-4.2.docx"."""
    base = re.sub(r"[^A-Za-z0-9ÄÖÜäöüß_-]+", "-", concept.title).strip("-")[:80] or "Integrationskonzept"
    if field is not None:
        chapter = next((e.number for e in queries.outline(concept)
                        if e.section.kind == "field_chapter" and e.section.field_of_action_id == field.id),
                       f"4.{field.number}")
        base += f"-Kapitel-{chapter}"
    return f"{base}{suffix}.docx"


def shape_monitoring_document(concept: Concept, report: queries.ProgressReport) -> MonitoringDocument:
    """Collect a progress report into the builder's data classes."""
    chapters = {e.section.field_of_action_id: e.number for e in queries.outline(concept)
                if e.section.kind == "field_chapter"}
    rows = [ReportFieldRow(r.field.name, dict(r.counts)) for r in report.fields]
    changes = DocTable("Statusänderungen im Berichtszeitraum",
                       ["Datum", "Maßnahme", "Titel", "Änderung", "Vermerk"],
                       [[german_date(u.recorded_on), measure_reference(chapters.get(u.measure.field_of_action_id, ""),
                                                                       u.measure),
                         u.measure.title, f"{STATUS_TEXT[u.previous_status]} → {STATUS_TEXT[u.status]}", u.note]
                        for u in report.updates])
    indicators = DocTable("Indikatoren der Maßnahmen", ["Maßnahme", "Indikator", "Ausgangswert", "Zielwert",
                                                        "Aktueller Wert", "Stand"],
                          [[f"{measure_reference(chapters.get(i.measure.field_of_action_id, ''), i.measure)}: "
                            f"{i.measure.title}", i.name, _value(i.baseline, i.unit), _value(i.target, i.unit),
                            _value(i.current, i.unit), short_date(i.current_on)]
                           for i in report.indicators],
                          align=["left", "left", "right", "right", "right", "right"])
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
                              indicators=indicators, chart=chart, intro=intro,
                              parts=report_parts(concept, report.start, report.end))


def export_monitoring(concept: Concept, report: queries.ProgressReport):
    """Return the progress report as a .docx in a BytesIO."""
    data = shape_monitoring_document(concept, report)
    part = changes_part(concept, report)
    data.parts = [part] + list(data.parts)
    return build_monitoring_docx(data, concept.template_docx)


# --- the reporting cycle --------------------------------------------------------------------------

def _number_value(indicator, number) -> str:
    return "–" if number is None else _value(number, indicator.unit)


def changes_part(concept: Concept, report: queries.ProgressReport, previous=None) -> ReportPart | None:
    """Return the chapter "what changed since the last report": new and finished measures, indicator movements."""
    chapters = {e.section.field_of_action_id: e.number for e in queries.outline(concept)
                if e.section.kind == "field_chapter"}

    def reference(measure: Measure) -> str:
        return measure_reference(chapters.get(measure.field_of_action_id, ""), measure)

    tables = []
    if report.new_measures:
        tables.append(DocTable("Neu aufgenommene Maßnahmen", ["Maßnahme", "Titel", "Status", "Umsetzung durch"],
                               [[reference(m), m.title, STATUS_TEXT[m.status], m.implemented_by or ""]
                                for m in report.new_measures]))
    if report.finished_measures:
        tables.append(DocTable("Umgesetzte Maßnahmen", ["Maßnahme", "Titel", "Umsetzung durch"],
                               [[reference(m), m.title, m.implemented_by or ""] for m in report.finished_measures]))
    if report.movements:
        tables.append(DocTable("Entwicklung der Indikatoren", ["Maßnahme", "Indikator", "Vorher", "Jetzt", "Ziel"],
                               [[reference(move.indicator.measure), move.indicator.name,
                                 _number_value(move.indicator, move.before), _number_value(move.indicator, move.after),
                                 _number_value(move.indicator, move.indicator.target)] for move in report.movements],
                               align=["left", "left", "right", "right", "right"]))
    since = (f"Seit dem letzten Bericht (bis {german_date(previous.period_end)}, {previous.committee_label})"
             if previous is not None else "Im Berichtszeitraum")
    intro = (f"{since} wurden {german_number(len(report.new_measures))} Maßnahmen neu aufgenommen und "
             f"{german_number(len(report.finished_measures))} umgesetzt; für "
             f"{german_number(len(report.movements))} Indikatoren liegen neue Messungen vor. Die Veranstaltungen "
             "und die eingesetzten Mittel stehen in den folgenden Kapiteln.")
    title = ("Was sich seit dem letzten Bericht verändert hat" if previous is not None
             else "Neue und umgesetzte Maßnahmen im Berichtszeitraum")
    return ReportPart(title, intro, tables, order=0)


def add_memo_page(buffer, *, municipality: str, committee: str, subject: str, memo: str, issued_on: date,
                  author: str = ""):
    """Put the covering memo on a first page of its own in front of a built report; return the new .docx."""
    import io

    from docx import Document
    from docx.enum.text import WD_BREAK

    from app.concept.word.builder import add_markup, add_text

    document = Document(buffer)
    body = document.element.body
    first = body[0]
    before = set(body)
    add_text(document, municipality, "Subtitle")
    add_text(document, f"Vorlage für {committee}", "Title")
    add_text(document, f"Betreff: {subject}", bold=True)
    add_text(document, f"Datum: {german_date(issued_on)}" + (f" · {author}" if author else ""))
    add_markup(document, memo)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for element in [e for e in body if e not in before]:
        first.addprevious(element)
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    return out


def export_committee_report(concept: Concept, record):
    """Return a stored committee report as .docx: the memo page, then the progress report of its period."""
    from app.concept.reporting import COMMITTEE_TEXT, previous_report

    report = queries.progress_report(concept, record.period_start, record.period_end)
    data = shape_monitoring_document(concept, report)
    part = changes_part(concept, report, previous_report(concept, record))
    if part is not None:
        data.parts = [part] + list(data.parts)
    committee = f"den {record.committee_name}" if record.committee_name else COMMITTEE_TEXT[record.committee]
    built = build_monitoring_docx(data, concept.template_docx)
    return add_memo_page(built, municipality=concept.project.municipality, committee=committee,
                         subject=f"{data.title}, Berichtszeitraum {data.period_label}", memo=record.memo,
                         issued_on=record.created_at.date() if record.created_at else date.today())


def committee_report_filename(record) -> str:
    """Return the Word file name of a committee report."""
    committee = re.sub(r"[^A-Za-z0-9]+", "-", record.committee).strip("-")
    return f"Umsetzungsbericht-{committee}-{record.period_start.isoformat()}-{record.period_end.isoformat()}.docx"
