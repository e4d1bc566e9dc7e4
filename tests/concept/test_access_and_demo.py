"""Who may use the concept pages, every page renders, and the demo concept loads idempotently."""
from __future__ import annotations

from app.concept import plans


def test_anonymous_is_sent_to_login_and_facilitator_is_refused(client, make_concept, make_user, login):
    concept = make_concept()
    response = client.get(f"/concept/{concept.project_id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    login(make_user(roles=("facilitator",)))
    assert client.get(f"/concept/{concept.project_id}").status_code == 403
    assert client.get(f"/concept/{concept.project_id}/export.docx").status_code == 403


def test_project_lead_may_author(lead_client, make_project):
    project = make_project()
    assert "Konzept anlegen" in lead_client.get(f"/concept/{project.id}").get_data(as_text=True)
    assert lead_client.post(f"/concept/{project.id}/create").status_code == 302
    assert "4.5 c)" in lead_client.get(f"/concept/{project.id}").get_data(as_text=True)


def test_every_page_renders(author_client, make_concept):
    concept = make_concept()
    field = concept.project.fields_of_action[0]
    goal = plans.create_goal(concept, field, kind="guiding_goal", title="Dialog")
    measure = plans.create_measure(concept, field, title="Forum", goal_ids=[goal.id])
    base = f"/concept/{concept.project_id}"
    for url in (base, f"{base}/sections/{concept.sections[0].id}", f"{base}/fields/{field.id}",
                f"{base}/fields/{field.id}/goals/new", f"{base}/goals/{goal.id}", f"{base}/goals/{goal.id}/edit",
                f"{base}/fields/{field.id}/measures/new", f"{base}/measures/{measure.id}",
                f"{base}/measures/{measure.id}/edit", f"{base}/evidence", f"{base}/monitoring", f"{base}/template"):
        assert author_client.get(url).status_code == 200, url


def test_other_projects_records_are_not_found(author_client, make_concept):
    mine = make_concept()
    other = make_concept()
    goal = plans.create_goal(other, other.project.fields_of_action[0], kind="guiding_goal", title="Fremd")
    assert author_client.get(f"/concept/{mine.project_id}/goals/{goal.id}").status_code == 404
    assert author_client.get(f"/concept/{mine.project_id}/sections/{other.sections[0].id}").status_code == 404


def test_demo_concept_is_idempotent(app):
    from app.auth.services import ensure_roles
    from app.concept import queries
    from app.concept.demo import load_demo
    from app.concept.models import Concept, Goal, Measure
    from app.extensions import db
    from app.projects.demo import load_demo_project

    from app.workshops.demo import load_demo as load_workshops_demo

    ensure_roles()
    project = load_demo_project()
    load_workshops_demo(project)
    load_demo(project)
    counts = (db.session.query(Concept).count(), db.session.query(Goal).count(), db.session.query(Measure).count())
    load_demo(project)
    assert (db.session.query(Concept).count(), db.session.query(Goal).count(),
            db.session.query(Measure).count()) == counts
    measures = db.session.query(Measure).all()
    assert len(measures) >= 30
    assert {m.status for m in measures} >= {"running", "planned"}
    assert any("Jobcenter" in m.implemented_by for m in measures)
    assert any(m.indicators for m in measures)
    goals = db.session.query(Goal).all()
    assert {g.kind for g in goals} == {"guiding_goal", "action_goal"}
    guiding = [g for g in goals if g.kind == "guiding_goal"]
    assert all(any(a.parent_id == g.id for a in goals) for g in guiding), "every guiding goal has Handlungsziele"
    priorities = queries.goal_priorities(db.session.query(Concept).one(), goals)
    assert all(priorities[g.id].dots for g in goals), "the decision-maker workshop weighted every goal"
    for field_id in {m.field_of_action_id for m in measures}:
        numbers = sorted(m.number for m in measures if m.field_of_action_id == field_id)
        assert numbers == list(range(1, len(numbers) + 1))
    concept = db.session.query(Concept).one()
    titles = {s.title: s for s in concept.sections}
    assert titles["Vorwort"].body and titles["Prozessschritte"].body and titles["Integrationsverständnis"].body
