"""The reporting cycle: reports for a committee with a covering memo; the next one starts where the last ended."""
from __future__ import annotations

import io
from datetime import date, timedelta

import docx
import pytest
from docx.oxml.ns import qn

from app.concept import plans, queries, reporting
from app.errors import ValidationError


@pytest.fixture
def monitored(make_concept):
    concept = make_concept()
    field = concept.project.fields_of_action[0]
    today = date.today()
    finished = plans.create_measure(concept, field, title="Willkommensordner", status="planned")
    plans.record_measure_update(finished, status="running", recorded_on=today - timedelta(days=500), note="Start")
    plans.record_measure_update(finished, status="done", recorded_on=today - timedelta(days=20), note="Fertig")
    running = plans.create_measure(concept, field, title="Elternlotsen", status="running")
    indicator = plans.add_indicator(running, name="Begleitete Elternabende", baseline="0", target="40",
                                    current="8", current_on=today - timedelta(days=400))
    plans.record_indicator_value(indicator, value="23", recorded_on=today - timedelta(days=10))
    return concept, finished, running, indicator


def test_the_progress_report_names_new_and_finished_measures_and_indicator_movements(monitored):
    concept, finished, running, indicator = monitored
    today = date.today()
    report = queries.progress_report(concept, today - timedelta(days=100), today)
    assert [m.title for m in report.finished_measures] == ["Willkommensordner"]
    assert {m.title for m in report.new_measures} == {"Willkommensordner", "Elternlotsen"}
    [movement] = report.movements
    assert (movement.indicator.name, movement.before, movement.after) == ("Begleitete Elternabende", 8, 23)


def test_a_report_for_the_integrationsrat_is_stored_with_a_drafted_memo(author_client, monitored):
    concept, *_ = monitored
    today = date.today()
    page = author_client.get(f"/concept/{concept.project_id}/reports").get_data(as_text=True)
    assert "Noch kein Bericht an ein Gremium." in page
    response = author_client.post(f"/concept/{concept.project_id}/reports", data={
        "committee": "integration_council", "committee_name": "", "period_start": "2025-01-01",
        "period_end": today.isoformat(), "memo": ""})
    assert response.status_code == 302
    [record] = reporting.list_reports(concept)
    assert (record.committee, record.period_start) == ("integration_council", date(2025, 1, 1))
    assert record.created_by_id == author_client.user.id
    assert "Die Verwaltung legt den Integrationsrat" not in record.memo
    assert record.memo.startswith("Die Verwaltung legt dem Integrationsrat den Umsetzungsbericht")
    edit = author_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dies ist der erste Bericht an ein Gremium." in edit and "Willkommensordner" in edit
    changed = author_client.post(response.headers["Location"], data={
        "committee": "integration_council", "committee_name": "", "period_start": "2025-01-01",
        "period_end": today.isoformat(), "memo": "Sehr geehrte Mitglieder des Integrationsrats,\n\nneu."})
    assert changed.status_code == 302
    assert record.memo.startswith("Sehr geehrte Mitglieder")


def test_the_next_report_starts_the_day_after_the_last_one_ended(author_client, monitored):
    concept, *_ = monitored
    reporting.create_report(concept, committee="integration_council", period_start=date(2024, 1, 1),
                            period_end=date(2025, 6, 30))
    page = author_client.get(f"/concept/{concept.project_id}/reports").get_data(as_text=True)
    assert 'value="2025-07-01"' in page and f'value="{date.today().isoformat()}"' in page
    second = reporting.create_report(concept, committee="council_committee", period_start=date(2025, 7, 1),
                                     period_end=date.today(), committee_name="Ausschuss für Soziales")
    assert reporting.previous_report(concept, second).period_end == date(2025, 6, 30)
    text = author_client.get(f"/concept/{concept.project_id}/reports/{second.id}").get_data(as_text=True)
    assert "Was sich seit dem letzten Bericht verändert hat" in text
    assert "Ausschuss für Soziales" in text


def test_a_period_ending_before_it_starts_is_refused(monitored):
    concept, *_ = monitored
    with pytest.raises(ValidationError):
        reporting.create_report(concept, committee="integration_council", period_start=date(2025, 2, 1),
                                period_end=date(2025, 1, 1))
    with pytest.raises(ValidationError):
        reporting.create_report(concept, committee="press", period_start=date(2025, 1, 1),
                                period_end=date(2025, 2, 1))


def test_the_word_report_opens_with_the_memo_on_a_page_of_its_own(author_client, monitored):
    concept, *_ = monitored
    record = reporting.create_report(concept, committee="integration_council", period_start=date(2025, 1, 1),
                                     period_end=date.today(),
                                     memo="Sehr geehrte Damen und Herren,\n\n**Beschlussvorschlag:** Kenntnisnahme.")
    response = author_client.get(f"/concept/{concept.project_id}/reports/{record.id}/report.docx")
    assert response.status_code == 200
    assert "Integrationsrat" in response.headers["Content-Disposition"] or \
        "integration" in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "Vorlage für den Integrationsrat"
    assert texts.index("Sehr geehrte Damen und Herren,") < texts.index(f"Umsetzungsbericht zum {concept.title}")
    breaks = [i for i, p in enumerate(document.paragraphs)
              if any(br.get(qn("w:type")) == "page" for br in p._p.iter(qn("w:br")))]
    assert breaks and breaks[0] < texts.index(f"Umsetzungsbericht zum {concept.title}")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Neue und umgesetzte Maßnahmen im Berichtszeitraum" in headings
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Willkommensordner" in cells and "Begleitete Elternabende" in cells


def test_the_public_page_offers_the_period_last_reported_without_the_memo(client, monitored):
    from app.outreach import services as outreach_services

    concept, *_ = monitored
    page = outreach_services.ensure_public_page(concept.project)
    outreach_services.update_public_page(page, slug="musterstadt", is_published=True, registration_retention_days=30,
                                         shows_report=True)
    reporting.create_report(concept, committee="integration_council", period_start=date(2025, 1, 1),
                            period_end=date(2025, 12, 31), memo="Interne Vorlage für die Sitzung")
    response = client.get("/p/musterstadt/report.docx")
    assert response.status_code == 200
    assert "2025-01-01-2025-12-31" in response.headers["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert "1. Januar 2025 bis 31. Dezember 2025" in text
    assert "Interne Vorlage" not in text
