"""Theme board actions through the pages, and who may do what."""
from __future__ import annotations

import pytest

from app.extensions import db


def _base(project, analysis):
    return f"/analysis/projects/{project.id}/{analysis.id}"


def test_board_lists_themes_with_sizes_quotes_and_tab(app, lead_client, analysed):
    project, _survey, analysis = analysed
    html = lead_client.get(_base(project, analysis)).get_data(as_text=True)
    assert "10 Passagen von 10 Befragten" in html
    assert "I-0" in html and "„" in html
    assert 'href="/analysis/projects/%d/"' % project.id in html
    overview = lead_client.get(f"/analysis/projects/{project.id}/").get_data(as_text=True)
    assert "Interviews" in overview


def test_rename_tie_split_merge_move_and_outlier_through_the_pages(app, lead_client, analysed):
    from app.analysis.models import Passage, Theme
    from app.analysis.queries import theme_board
    from app.extensions import db

    project, _survey, analysis = analysed
    base = _base(project, analysis)
    first, second, third = [t.id for t in analysis.themes]

    assert lead_client.post(f"{base}/themes/{first}/rename",
                            data={"label": "Wünsche an Kitas", "definition": "Alles zu Kitas"}).status_code == 302
    assert db.session.get(Theme, first).label == "Wünsche an Kitas"
    assert db.session.get(Theme, first).is_label_human
    lead_client.post(f"{base}/themes/{first}/rename", data={"label": "  "})
    assert db.session.get(Theme, first).label == "Wünsche an Kitas"

    field = project.fields_of_action[3]
    lead_client.post(f"{base}/themes/{first}/field", data={"field_of_action_id": field.id})
    assert db.session.get(Theme, first).field_of_action_id == field.id

    response = lead_client.post(f"{base}/themes/merge", data={"theme_ids": [second, third], "target_id": second})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Theme, third) is None
    board, _ = theme_board(analysis)
    assert sorted(len(b.passages) for b in board) == [10, 20]

    lead_client.post(f"{base}/themes/{second}/split")
    db.session.expire_all()
    board, _ = theme_board(analysis)
    assert len(board) == 3 and sorted(len(b.passages) for b in board)[-1] <= 20

    passage = Passage.query.first()
    target = next(t for t in db.session.get(type(analysis), analysis.id).themes if t.id != passage.theme_id)
    lead_client.post(f"{base}/passages/{passage.id}/move", data={"destination": f"theme:{target.id}"})
    db.session.expire_all()
    assert db.session.get(Passage, passage.id).theme_id == target.id
    lead_client.post(f"{base}/passages/{passage.id}/move", data={"destination": "outlier"})
    db.session.expire_all()
    assert db.session.get(Passage, passage.id).theme_id is None
    assert "Ausreißer" in lead_client.get(base).get_data(as_text=True)
    lead_client.post(f"{base}/passages/{passage.id}/move", data={"destination": "reset"})
    db.session.expire_all()
    assert db.session.get(Passage, passage.id).assignment("human") is None
    bad = lead_client.post(f"{base}/passages/{passage.id}/move", data={"destination": "theme:abc"},
                           follow_redirects=True)
    assert "wohin die Passage gehört" in bad.get_data(as_text=True)

    lead_client.post(f"{base}/themes/new", data={"new-label": "Wohnen", "new-definition": ""})
    assert Theme.query.filter_by(label="Wohnen").one().is_human


def test_theme_page_shows_passages_and_controls(app, lead_client, analysed):
    project, _survey, analysis = analysed
    theme = analysis.themes[0]
    html = lead_client.get(f"{_base(project, analysis)}/themes/{theme.id}").get_data(as_text=True)
    assert "In zwei Unterthemen aufteilen" in html and "Verschieben nach" in html
    assert lead_client.get(f"{_base(project, analysis)}/themes/99999").status_code == 404


def test_logged_out_visitors_go_to_login(app, client, analysed):
    project, _survey, analysis = analysed
    for url in (f"/analysis/projects/{project.id}/", _base(project, analysis), f"{_base(project, analysis)}/coding"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["facilitator"])
def test_facilitators_read_but_change_nothing(app, client, make_user, login, analysed, role):
    from app.analysis.models import Theme

    project, _survey, analysis = analysed
    login(make_user(roles=(role,)))
    base = _base(project, analysis)
    theme = analysis.themes[0]
    html = client.get(base).get_data(as_text=True)
    assert client.get(base).status_code == 200 and "Neu gruppieren" not in html
    for url in (f"{base}/comparison", f"{base}/codebook", f"{base}/search?q=Kita"):
        assert client.get(url).status_code == 200
    assert client.get(f"{base}/export.xlsx").status_code == 403  # passages leave the server with analysts only
    assert client.post(f"{base}/themes/{theme.id}/rename", data={"label": "X"}).status_code == 403
    assert client.post(f"{base}/run").status_code == 403
    assert client.post(f"{base}/codebook", data={"name": "X"}).status_code == 403
    assert client.get(f"/analysis/projects/{project.id}/new").status_code == 403
    assert Theme.query.filter_by(label="X").count() == 0


def test_authors_analyse(app, client, make_user, login, analysed):
    project, _survey, analysis = analysed
    login(make_user(roles=("author",)))
    response = client.post(f"{_base(project, analysis)}/codebook", data={"name": "Stärke", "definition": "läuft"})
    assert response.status_code == 302


def test_settings_change_and_delete(app, lead_client, analysed):
    from app.analysis.models import Analysis

    project, _survey, analysis = analysed
    base = _base(project, analysis)
    assert lead_client.post(f"{base}/settings", data={"title": "Neu", "theme_count": "", "min_cell_size": 8}
                            ).status_code == 302
    assert analysis.title == "Neu" and analysis.min_cell_size == 8 and analysis.theme_count is None
    for too_small in (0, 3):
        refused = lead_client.post(f"{base}/settings", data={"title": "Anders", "min_cell_size": too_small})
        assert refused.status_code == 422
        assert "damit niemand erkannt werden kann" in refused.get_data(as_text=True)
    db.session.refresh(analysis)
    assert (analysis.title, analysis.min_cell_size) == ("Neu", 8)
    lead_client.post(f"{base}/delete")
    assert Analysis.query.count() == 0


def test_another_projects_analysis_is_not_found(app, lead_client, analysed, make_project):
    _project, _survey, analysis = analysed
    other = make_project()
    assert lead_client.get(f"/analysis/projects/{other.id}/{analysis.id}").status_code == 404
