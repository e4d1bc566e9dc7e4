"""The demo workshops: DEMO36 with an open dot vote over goals in every field, and the expert workshop."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.workshops import queries
from app.workshops.models import Ballot, Workshop, WorkshopItem


def test_demo_workshops_load_once(app):
    from app.projects.demo import load_demo_project
    from app.workshops.demo import load_demo

    project = load_demo_project()
    load_demo(project)
    counts = (db.session.scalar(select(func.count(Workshop.id))), db.session.scalar(select(func.count(WorkshopItem.id))),
              db.session.scalar(select(func.count(Ballot.id))))
    load_demo(project)
    assert counts == (db.session.scalar(select(func.count(Workshop.id))),
                      db.session.scalar(select(func.count(WorkshopItem.id))),
                      db.session.scalar(select(func.count(Ballot.id))))
    demo = queries.find_workshop_by_code("demo36")
    assert demo.kind == "decision_maker"
    dots = demo.open_rounds[0]
    assert (dots.method, dots.budget, dots.max_per_item, dots.hide_results_while_open) == ("dots", 5, 2, False)
    goals = [i for i in dots.items if i.kind in ("guiding_goal", "action_goal")]
    assert len(goals) >= 12
    assert {i.field_of_action_id for i in goals} == {f.id for f in project.fields_of_action}
    attendance = {a.kind: a for a in queries.workshop_attendance(project.id)}
    assert attendance["expert"].participants == 24
    expert = db.session.get(Workshop, attendance["expert"].workshop_id)
    assert expert.status == "done"
    rated = [p for p in queries.item_priorities(project.id) if p.mean_rating is not None]
    assert rated and all(p.voters == 24 for p in rated)
