"""Group comparison: figures on a small known table, Holm correction, suppression of small cells; contract 2."""
from __future__ import annotations

import pytest
from scipy.stats import fisher_exact

from app.analysis.comparison import compare_groups, holm_adjust


def _people(groups: dict[str, int]) -> dict[str, str]:
    membership = {}
    for group, size in groups.items():
        for i in range(size):
            membership[f"{group}-{i}"] = group
    return membership


def test_counts_shares_lift_and_fisher_on_a_known_table():
    membership = _people({"A": 10, "B": 10})
    mentions = {"t": {f"A-{i}" for i in range(8)} | {f"B-{i}" for i in range(2)}}
    result = compare_groups(membership, mentions, {"t": "Thema"}, min_cell_size=2)
    row = result.rows[0]
    a, b = row.cells
    assert (row.total, row.share) == (10, 0.5)
    assert (a.count, a.share, a.lift) == (8, 0.8, pytest.approx(1.6))
    assert (b.count, b.share, b.lift) == (2, 0.2, pytest.approx(0.4))
    assert a.p_value == pytest.approx(0.023014, abs=1e-5)
    assert a.p_value == pytest.approx(fisher_exact([[8, 2], [2, 8]]).pvalue)
    assert a.p_adjusted == pytest.approx(2 * a.p_value)
    assert a.is_significant and b.is_significant
    assert result.tested_cells == 2
    assert row.chi_square_p is not None


def test_holm_adjustment():
    assert holm_adjust([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm_adjust([0.5, 0.9]) == pytest.approx([1.0, 1.0])


def test_chi_square_only_when_expected_counts_allow():
    membership = _people({"A": 6, "B": 6})
    mentions = {"t": {"A-0", "A-1", "A-2", "A-3", "A-4", "B-0"}}
    row = compare_groups(membership, mentions, {"t": "T"}, min_cell_size=1).rows[0]
    assert row.chi_square_p is None and row.chi_square_note == "expected_below_5"


def test_small_cells_and_small_groups_are_suppressed_with_their_complement():
    membership = _people({"A": 20, "B": 20, "C": 3})
    mentions = {
        # B has 2 (small): B must be hidden, and one more cell too, or B = total − A − C would show.
        "t1": {f"A-{i}" for i in range(10)} | {"B-0", "B-1"},
        # Every visible cell is large enough; only the small group C is hidden (and a second cell with it).
        "t2": {f"A-{i}" for i in range(6)} | {f"B-{i}" for i in range(7)} | {"C-0"},
    }
    result = compare_groups(membership, mentions, {"t1": "T1", "t2": "T2"}, min_cell_size=5)
    assert [g.is_suppressed for g in result.groups] == [False, False, True]
    t1 = {c.group: c for c in result.rows[0].cells}
    assert t1["B"].is_suppressed and t1["B"].count is None and t1["B"].share is None and t1["B"].lift is None
    assert t1["C"].is_suppressed
    assert t1["A"].count == 10
    t2 = {c.group: c for c in result.rows[1].cells}
    assert t2["C"].is_suppressed
    assert sum(1 for c in t2.values() if c.is_suppressed) >= 2
    assert t2["A"].is_suppressed and t2["B"].count == 7


def test_single_suppressed_cell_gets_a_complementary_partner():
    membership = _people({"A": 10, "B": 10, "D": 10})
    mentions = {"t": {f"A-{i}" for i in range(6)} | {f"B-{i}" for i in range(8)} | {"D-0", "D-1"}}
    cells = {c.group: c for c in compare_groups(membership, mentions, {"t": "T"}, min_cell_size=5).rows[0].cells}
    assert cells["D"].is_suppressed and cells["A"].is_suppressed and not cells["B"].is_suppressed
    assert cells["B"].count == 8


def test_theme_summaries_contract(app, analysed):
    from app.analysis import board, services
    from app.analysis.queries import GroupShare, Quote, ThemeSummary, get_theme_summary, themes_for_project

    project, _survey, analysis = analysed
    summaries = themes_for_project(project.id)
    assert len(summaries) == 3
    first = summaries[0]
    assert isinstance(first, ThemeSummary)
    assert first.size == 10 and first.respondent_count == 10
    assert 1 <= len(first.quotes) <= 5 and all(isinstance(q, Quote) for q in first.quotes)
    assert all(q.pseudonym.startswith("I-") for q in first.quotes)
    assert all(isinstance(g, GroupShare) for g in first.groups)
    assert {g.name for g in first.groups} == {project.stakeholder_groups[0].name, project.stakeholder_groups[1].name}
    assert all(g.count is None and g.is_suppressed or g.count >= analysis.min_cell_size for g in first.groups)

    field = project.fields_of_action[0]
    board.tie_theme_to_field(analysis.themes[0], field.id)
    tied = themes_for_project(project.id, field_of_action_id=field.id)
    assert [s.id for s in tied] == [analysis.themes[0].id]
    assert get_theme_summary(analysis.themes[0].id).field_of_action_id == field.id
    assert get_theme_summary(987654) is None


def test_theme_summary_suppresses_small_groups(app, make_project, make_survey):
    from app.analysis import board, services
    from app.analysis.queries import themes_for_project

    project = make_project()
    people = [("kita", 0, "no")] * 8 + [("kita", 1, "no")] * 2 + [("verein", 0, "no")] * 8 + [("verein", 1, "no")] * 8
    make_survey(project, people)
    analysis = services.create_analysis(project, title="Klein", scope="survey",
                                        survey_id=project_survey_id(project), theme_count=2)
    services.run_analysis(analysis)
    kita = next(s for s in themes_for_project(project.id) if "Kita" in s.quotes[0].text)
    shares = {g.name: g for g in kita.groups}
    small = shares[project.stakeholder_groups[1].name]
    assert small.is_suppressed and small.count is None and small.share is None


def project_survey_id(project):
    from app.surveys.models import Survey

    return Survey.query.filter_by(project_id=project.id).one().id


def test_comparison_page_shows_tables_charts_and_migration_view(app, lead_client, analysed):
    project, _survey, analysis = analysed
    page = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/comparison?attribute=migration_history")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "mit Zuwanderungsgeschichte" in html and "ohne Zuwanderungsgeschichte" in html
    assert "Fishers exaktem Test" in html and "Holm" in html
    assert 'class="bar-chart"' in html and "<caption" in html
    assert lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/comparison?attribute=stakeholder_group"
                           ).status_code == 200
    assert lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/comparison?attribute=nonsense"
                           ).status_code == 404
