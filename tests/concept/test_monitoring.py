"""Monitoring: status updates with history, indicator values over time, the progress report (page and Word)."""
from __future__ import annotations

import io
from datetime import date, timedelta

import docx
import pytest
from docx.oxml.ns import qn

from app.concept import plans, queries
from app.errors import ValidationError


@pytest.fixture
def monitored(make_concept):
    concept = make_concept()
    first, second = concept.project.fields_of_action[:2]
    today = date.today()
    running = plans.create_measure(concept, first, title="Frühstück", status="planned")
    plans.record_measure_update(running, status="running", recorded_on=today - timedelta(days=100),
                                note="Gestartet")
    finished = plans.create_measure(concept, first, title="Willkommensordner", status="planned")
    plans.record_measure_update(finished, status="running", recorded_on=today - timedelta(days=500), note="Start")
    plans.record_measure_update(finished, status="done", recorded_on=today - timedelta(days=20), note="Fertig")
    planned = plans.create_measure(concept, second, title="Mentoring", status="planned")
    indicator = plans.add_indicator(running, name="Teilnehmende je Treffen", baseline="10", target="30",
                                    current="12", current_on=today - timedelta(days=300))
    plans.record_indicator_value(indicator, value="21", recorded_on=today - timedelta(days=10), note="Zählung")
    return concept, first, second, running, finished, planned, indicator


def test_updates_keep_history_and_set_status(monitored):
    concept, first, second, running, finished, planned, indicator = monitored
    assert finished.status == "done"
    assert [(u.previous_status, u.status) for u in finished.updates] == [("running", "done"), ("planned", "running")]
    assert indicator.current == 21 and len(indicator.values) == 2
    plans.record_indicator_value(indicator, value="15", recorded_on=date.today() - timedelta(days=200))
    assert indicator.current == 21, "an older value does not replace the current one"
    with pytest.raises(ValidationError):
        plans.record_measure_update(planned, status="running", recorded_on=date.today() + timedelta(days=3))
    with pytest.raises(ValidationError):
        plans.record_measure_update(planned, status="paused", recorded_on=date.today())


def test_progress_report_counts_status_at_period_end_and_changes(monitored):
    concept, first, second, running, finished, planned, indicator = monitored
    today = date.today()
    report = queries.progress_report(concept, today - timedelta(days=365), today)
    rows = {row.field.id: row for row in report.fields}
    assert rows[first.id].counts["running"] == 1 and rows[first.id].counts["done"] == 1
    assert rows[second.id].counts["planned"] == 1
    assert rows[first.id].changed == 2
    assert [u.note for u in report.updates] == ["Gestartet", "Fertig"]
    assert [str(v.value) for v in report.values] == ["12.00", "21.00"]
    earlier = queries.progress_report(concept, today - timedelta(days=700), today - timedelta(days=200))
    earlier_rows = {row.field.id: row for row in earlier.fields}
    assert earlier_rows[first.id].counts["running"] == 1 and earlier_rows[first.id].counts["planned"] == 1
    assert earlier_rows[first.id].counts["done"] == 0


def test_monitoring_page_and_word_report(author_client, monitored):
    concept, first, second, running, finished, planned, indicator = monitored
    start = (date.today() - timedelta(days=365)).isoformat()
    page = author_client.get(f"/concept/{concept.project_id}/monitoring?start={start}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Willkommensordner" in text and "Fertig" in text
    response = author_client.get(f"/concept/{concept.project_id}/monitoring.docx?start={start}")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Stand der Maßnahmen je Handlungsfeld", "Veränderungen im Berichtszeitraum",
                        "Erfolge messen: Indikatoren", "Neue und umgesetzte Maßnahmen im Berichtszeitraum"]
    assert document.styles["Heading 1"].element.pPr.find(qn("w:numPr")) is not None, "numbered by Word"
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "laufend → umgesetzt" in cells and "Teilnehmende je Treffen" in cells
    assert f"4.1 Nr.\u00a0{finished.number}" in cells, "cited with the number the concept's table prints"
    assert len(document.inline_shapes) == 1


def test_measure_page_records_update_and_value(author_client, monitored):
    concept, first, second, running, finished, planned, indicator = monitored
    base = f"/concept/{concept.project_id}"
    response = author_client.post(f"{base}/measures/{planned.id}/updates",
                                  data={"update-status": "running", "update-recorded_on": date.today().isoformat(),
                                        "update-note": "Auftakt mit 12 Mentees"})
    assert response.status_code == 302 and planned.status == "running"
    response = author_client.post(f"{base}/indicators/{indicator.id}/values",
                                  data={f"value-{indicator.id}-value": "24,5",
                                        f"value-{indicator.id}-recorded_on": date.today().isoformat()})
    assert response.status_code == 302 and float(indicator.current) == 24.5
    bad = author_client.post(f"{base}/measures/{planned.id}/updates", data={"update-status": "running"})
    assert bad.status_code == 422 and "Bitte ein Datum angeben" in bad.get_data(as_text=True)
