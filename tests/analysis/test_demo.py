"""The analysis demo loader: surveys come analysed, with recognisable themes and human codes, once."""
from __future__ import annotations


def _counts():
    from app.analysis.models import Analysis, Code, CodeSuggestion, Coding, Theme, ThemeAssignment

    return tuple(model.query.count() for model in (Analysis, Theme, ThemeAssignment, Code, Coding, CodeSuggestion))


def test_demo_analyses_each_survey_once(app, make_project, make_survey, standard_respondents, make_user):
    from app.analysis.demo import load_demo
    from app.analysis.models import Analysis, Coding
    from app.analysis.queries import compare_themes, themes_for_project
    from app.demo import DEMO_EMAIL

    make_user(roles=("admin",), email=DEMO_EMAIL)
    project = make_project()
    make_survey(project, standard_respondents)
    load_demo(project)
    analysis = Analysis.query.one()
    assert analysis.status == "ready" and analysis.title.endswith("Themen")
    labels = {t.label for t in analysis.themes}
    assert "Kinderbetreuung und Kita-Plätze" in labels and "Sprachkurse und Deutschlernen" in labels
    assert "Interkulturelle Öffnung der Vereine" in labels
    fields = {t.label: t.field_of_action_id for t in analysis.themes}
    education = next(f for f in project.fields_of_action if "Bildung" in f.name)
    assert fields["Kinderbetreuung und Kita-Plätze"] == education.id
    assert [c.name for c in analysis.codes] == ["Stärke", "Lücke", "Wunsch"]
    assert Coding.query.count() > 0
    assert themes_for_project(project.id, field_of_action_id=education.id)
    comparison = compare_themes(analysis, "migration_history")
    assert {g.name for g in comparison.groups} == {"yes", "no"}

    before = _counts()
    load_demo(project)
    assert _counts() == before


def test_demo_without_surveys_does_nothing(app, make_project):
    from app.analysis.demo import load_demo
    from app.analysis.models import Analysis

    load_demo(make_project())
    assert Analysis.query.count() == 0
