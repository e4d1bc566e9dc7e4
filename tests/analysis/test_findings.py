"""The group comparison says in plain German what stands out, and explains its method briefly."""
from __future__ import annotations

from app.analysis.comparison import compare_groups
from app.analysis.findings import notable_findings


def _people(groups: dict[str, int]) -> dict[str, str]:
    return {f"{group}-{i}": group for group, size in groups.items() for i in range(size)}


def test_a_sentence_per_notable_cell_in_plain_german(app):
    membership = _people({"yes": 30, "no": 30})
    mentions = {"kita": {f"yes-{i}" for i in range(21)} | {f"no-{i}" for i in range(9)},
                "verein": {f"yes-{i}" for i in range(5)} | {f"no-{i}" for i in range(6)}}
    comparison = compare_groups(membership, mentions, {"kita": "Kinderbetreuung", "verein": "Vereinsleben"},
                                attribute="migration_history")
    with app.test_request_context():
        findings = notable_findings(comparison)
    assert findings == [
        "Befragte mit Zuwanderungsgeschichte sprechen das Thema „Kinderbetreuung“ 1,4-mal so oft an wie alle "
        "Befragten (70 % gegenüber 50 %); das ist kaum durch Zufall zu erklären (p = 0,02).",
        "Befragte ohne Zuwanderungsgeschichte sprechen das Thema „Kinderbetreuung“ seltener an als alle "
        "Befragten (30 % gegenüber 50 %); das ist kaum durch Zufall zu erklären (p = 0,02).",
    ]


def test_no_sentence_for_chance_differences_or_suppressed_cells(app):
    membership = _people({"Integrationsrat": 12, "Verwaltung": 3})
    mentions = {"t": {f"Integrationsrat-{i}" for i in range(6)} | {"Verwaltung-0"}}
    comparison = compare_groups(membership, mentions, {"t": "Thema"}, attribute="stakeholder_group")
    with app.test_request_context():
        assert notable_findings(comparison) == []


def test_comparison_page_has_findings_and_method_help(lead_client, analysed):
    project, _survey, analysis = analysed
    html = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/comparison?attribute=migration_history"
                           ).get_data(as_text=True)
    assert "Was auffällt" in html and "So wird verglichen" in html and "Ein Lift von 2 heißt" in html
    assert "sprechen das Thema" in html or "können Zufall sein" in html
