"""A theme of a large survey: passages page by page, a compact view, and moving many passages in one action."""
from __future__ import annotations

import re

from app.extensions import db


def _base(project, analysis):
    return f"/analysis/projects/{project.id}/{analysis.id}"


def _members(analysis):
    from app.analysis.queries import theme_board

    board, outliers = theme_board(analysis)
    return {entry.theme.id: {p.passage_id for p in entry.passages} for entry in board}, {p.passage_id for p in outliers}


def test_passages_come_page_by_page_and_in_a_compact_view(lead_client, analysed, monkeypatch):
    from app.analysis.routes import themes

    monkeypatch.setattr(themes, "PASSAGES_PER_PAGE", 4)
    project, _survey, analysis = analysed
    theme = analysis.themes[0]
    members, _outliers = _members(analysis)
    url = f"{_base(project, analysis)}/themes/{theme.id}"
    total = len(members[theme.id])
    pages = [lead_client.get(f"{url}?page={n}").get_data(as_text=True) for n in (1, 2, 3)]
    shown = [set(map(int, re.findall(r'id="passage-(\d+)"', html))) for html in pages]
    assert [len(s) for s in shown] == [4, 4, total - 8]
    assert set().union(*shown) == members[theme.id]
    assert f"Passagen 1–4 von {total}" in pages[0] and 'aria-current="page"' in pages[0]
    assert re.findall(r'id="passage-(\d+)"', lead_client.get(f"{url}?page=99").get_data(as_text=True)) == \
        re.findall(r'id="passage-(\d+)"', pages[2])
    compact = lead_client.get(f"{url}?view=compact").get_data(as_text=True)
    assert "is-compact" in compact and "Ausführliche Ansicht" in compact and "is-compact" not in pages[0]


def test_many_passages_move_to_a_theme_or_become_outliers_in_one_action(lead_client, analysed):
    project, _survey, analysis = analysed
    first, second, _third = analysis.themes
    members, _outliers = _members(analysis)
    chosen = sorted(members[first.id])[:3]
    url = f"{_base(project, analysis)}/themes/{first.id}/passages"

    moved = lead_client.post(url, data={"passage_id": [str(i) for i in chosen], "destination": f"theme:{second.id}",
                                        "action": "move"}, follow_redirects=True)
    assert "3 Passagen wurden nach" in moved.get_data(as_text=True)
    after, _outliers = _members(analysis)
    assert set(chosen) <= after[second.id] and not set(chosen) & after[first.id]

    rest = sorted(after[first.id])[:2]
    marked = lead_client.post(url, data={"passage_id": [str(i) for i in rest], "destination": f"theme:{second.id}",
                                         "action": "outlier"}, follow_redirects=True)
    assert "2 Passagen sind jetzt als Ausreißer markiert." in marked.get_data(as_text=True)
    final, outliers = _members(analysis)
    assert set(rest) <= outliers and not set(rest) & (final[first.id] | final[second.id])

    nothing = lead_client.post(url, data={"destination": f"theme:{second.id}", "action": "move"},
                               follow_redirects=True)
    assert "mindestens eine Passage" in nothing.get_data(as_text=True)
    nowhere = lead_client.post(url, data={"passage_id": [str(sorted(final[first.id])[0])], "destination": "",
                                          "action": "move"}, follow_redirects=True)
    assert "Bitte wählen Sie ein Thema dieser Auswertung." in nowhere.get_data(as_text=True)
    assert _members(analysis) == (final, outliers)


def test_next_passage_skips_the_one_on_screen(lead_client, analysed):
    from app.analysis import codebook, services

    project, _survey, analysis = analysed
    for name in ("Kinderbetreuung", "Sprache"):
        codebook.create_code(analysis, name=name)
    first = lead_client.get(f"{_base(project, analysis)}/coding")
    current = int(first.headers["Location"].rstrip("/").split("/")[-1])
    skipped = lead_client.get(f"{_base(project, analysis)}/coding?skip={current}")
    assert int(skipped.headers["Location"].rstrip("/").split("/")[-1]) != current
    page = lead_client.get(first.headers["Location"]).get_data(as_text=True)
    assert 'data-shortcut="next"' in page and 'aria-keyshortcuts="1"' in page and "Tastenkürzel" in page
