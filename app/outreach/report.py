"""Outreach's chapters of the progress report: budgets of the period's years and the events held in the period."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.auth.models import utcnow
from app.concept.report_parts import ReportPart
from app.concept.word.data import DocChart, DocTable, german_money, german_number
from app.extensions import db
from app.outreach.budgets import budget_overview
from app.outreach.models import Event
from app.outreach.suppression import suppress_counts

#: Kinds of events as the German report names them.
EVENT_KIND_TEXT = {"district_tour": "Stadtteiltouren", "intercultural_breakfast": "Interkulturelle Frühstücke",
                   "consultation_hour": "Bürgersprechstunden", "association_evening": "Informationsabende in Vereinen",
                   "round_table": "Runde Tische", "festival": "Feste", "other": "Sonstige Veranstaltungen"}


def _percent(line) -> str:
    return "–" if line.spent_percent is None else f"{line.spent_percent}\u00a0%"


def budget_report_part(concept, start: date, end: date) -> ReportPart | None:
    """Return the budgets of the years the period touches, per field of action and per funding source."""
    years = list(range(start.year, end.year + 1))
    overview = budget_overview(concept.project, years)
    if overview.is_empty:
        return None
    label = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    header = ["Geplant", "Ausgegeben", "Anteil ausgegeben"]
    by_field = DocTable(f"Mittel je Handlungsfeld {label}", ["Handlungsfeld"] + header,
                        [[line.label, german_money(line.planned), german_money(line.spent), _percent(line)]
                         for line in overview.by_field + [overview.total]],
                        align=["left", "right", "right", "right"])
    by_source = DocTable(f"Mittel je Finanzierungsquelle {label}", ["Finanzierungsquelle"] + header,
                         [[line.label, german_money(line.planned), german_money(line.spent), _percent(line)]
                          for line in overview.by_source + [overview.total]],
                         align=["left", "right", "right", "right"])
    fields = [line for line in overview.by_field if line.planned or line.spent]
    chart = DocChart(f"Geplante und ausgegebene Mittel je Handlungsfeld {label} (Euro)",
                     "Balkendiagramm: " + "; ".join(f"{line.label}: geplant {german_money(line.planned)}, "
                                                     f"ausgegeben {german_money(line.spent)}" for line in fields),
                     [line.label for line in fields], value_label="Euro",
                     series={"Ausgegeben": [float(line.spent) for line in fields],
                             "Noch offen": [float(max(line.planned - line.spent, 0)) for line in fields]})
    intro = (f"Für {label} sind {german_money(overview.total.planned)} geplant; ausgegeben wurden "
             f"{german_money(overview.total.spent)}.")
    return ReportPart("Mittel und Finanzierung", intro, [by_field, by_source], [chart], order=10)


def events_report_part(concept, start: date, end: date) -> ReportPart | None:
    """Return the events held in the period per kind, with attendance (small figures suppressed)."""
    since = datetime.combine(start, time.min)
    until = min(datetime.combine(end + timedelta(days=1), time.min), utcnow())
    events = list(db.session.scalars(select(Event).where(Event.project_id == concept.project_id,
                                                         Event.starts_at >= since, Event.starts_at < until)
                                     .order_by(Event.starts_at)))
    if not events:
        return None
    held: Counter = Counter(event.kind for event in events)
    people: dict = defaultdict(int)
    for event in events:
        people[event.kind] += sum(row.count for row in event.attendance)
    counts = suppress_counts([(kind, text, people[kind]) for kind, text in EVENT_KIND_TEXT.items() if held[kind]])
    rows = [[cell.label, german_number(held[cell.key]),
             f"unter {counts.min_size}" if cell.is_suppressed else german_number(cell.count)] for cell in counts.cells]
    rows.append(["Gesamt", german_number(len(events)),
                 f"unter {counts.min_size}" if counts.is_total_suppressed else german_number(counts.total)])
    table = DocTable("Veranstaltungen im Berichtszeitraum", ["Art", "Veranstaltungen", "Teilnehmende"], rows,
                     align=["left", "right", "right"])
    districts = sorted({event.district for event in events if event.district})
    intro = (f"Im Berichtszeitraum fanden {german_number(len(events))} Veranstaltungen statt"
             + (f", in den Stadtteilen {', '.join(districts)}." if districts else "."))
    return ReportPart("Öffentlichkeitsarbeit und Veranstaltungen", intro, [table], order=20)
