"""The demo has a year of outreach and prints the address of its published public page."""
from __future__ import annotations

import re


def test_the_demo_has_past_and_upcoming_events_and_a_published_page(runner, app, client, tmp_path):
    from app.extensions import db
    from app.outreach import queries
    from app.projects.models import Project

    app.instance_path = str(tmp_path)
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    path = re.search(r"Public project page \(no login\): (/p/[a-z0-9-]+)", result.output).group(1)
    project = db.session.scalars(db.select(Project)).one()
    upcoming, past = queries.list_events(project)
    assert len(past) >= 6 and len(upcoming) >= 3
    assert len({e.kind for e in past}) >= 5
    assert queries.attendance_by_group(project).total > 100
    page = client.get(path).get_data(as_text=True)
    assert all(event.title in page for event in upcoming)
    assert "Sie haben gesagt – wir haben gehandelt" in page and "Aktueller Umsetzungsbericht" in page
    assert client.get(path + "/report.docx").status_code == 200
    turkish = client.get(path + "?lang=tr").get_data(as_text=True)
    assert "Kış mevsiminde açık kültürlerarası kahvaltı" in turkish
