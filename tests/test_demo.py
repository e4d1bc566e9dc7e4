"""`flask demo load`: the demo account and project, idempotent, with the login printed."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db


def _row_counts():
    counts = {}
    for table in db.metadata.sorted_tables:
        if table.name in ("auth_events",):
            continue
        counts[table.name] = db.session.scalar(select(func.count()).select_from(table))
    return counts


def test_demo_load_twice_changes_nothing_and_prints_the_login(runner, app, tmp_path):
    app.instance_path = str(tmp_path)
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "demo@konzeptwerk.example" in first.output
    password = (tmp_path / "demo_password").read_text().strip()
    assert password in first.output
    counts = _row_counts()
    assert counts["projects"] == 1 and counts["fields_of_action"] == 5 and counts["stakeholder_groups"] == 8

    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    db.session.expire_all()
    assert _row_counts() == counts


def test_printed_demo_credentials_open_the_demo_project(runner, app, client, tmp_path):
    app.instance_path = str(tmp_path)
    runner.invoke(args=["demo", "load"])
    password = (tmp_path / "demo_password").read_text().strip()
    response = client.post("/login", data={"email": "demo@konzeptwerk.example", "password": password})
    assert response.status_code == 302
    page = client.get("/projects/1").get_data(as_text=True)
    assert "Fortschreibung des Integrationskonzepts 2026" in page
    assert "Arbeitsmarktintegration" in page
