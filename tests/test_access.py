"""Per-project access: every staff route checks membership and project role in one place (``app/auth/access.py``).

The walk covers every rule of ``app.url_map``: an endpoint that declares no access rule fails here (and is
refused at runtime), and a staff member who is not in a project gets 403 or 404 on each of its routes,
with every id in the URL taken from that other project.
"""
from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select
from werkzeug.routing.converters import NumberConverter

from app.auth.access import PUBLIC, rule_for
from app.extensions import db
from app.projects.models import ProjectAuditEvent, ProjectMember
from tests.conftest import TEST_PASSWORD

#: Endpoints anyone may open (same list as tests/test_authorization.py): a new public endpoint must be named here.
PUBLIC_ENDPOINTS = ("index", "favicon", "static", "security.", "api.", "respond.", "mail_opt_out.",
                    "workshops_public.", "outreach_public.", "operations.",
                    "pages.show_accessibility_statement", "pages.show_easy_language", "pages.show_privacy_notice",
                    "pages.choose_language")
#: Staff pages outside any project that every signed-in staff member may open (they show only their projects).
OPEN_TO_ALL_STAFF = {"projects.list_projects"}
#: What an observer may open in their project: aggregate results, never respondents or participants.
OBSERVER_ENDPOINTS = {"projects.show_project", "workshops.list_workshops", "workshops.show_results",
                      "workshops.export_results_csv", "workshops.export_results_xlsx", "analysis.show_comparison"}


def _is_listed_public(endpoint: str) -> bool:
    return any(endpoint == p or (p.endswith(".") and endpoint.startswith(p)) for p in PUBLIC_ENDPOINTS)


@pytest.fixture
def foreign_project(make_user, make_project):
    """A second project with one object of each kind the staff routes take ids of, and a lead."""
    from app.concept import services as concept_services
    from app.jobs.models import Job
    from app.surveys import guides, respondent_records, services as survey_services
    from app.workshops import services as workshop_services

    lead = make_user(roles=(), email="fremd@example.org")
    project = make_project(title="Fremdes Projekt")
    db.session.add(ProjectMember(project_id=project.id, user_id=lead.id, role="lead"))
    survey = survey_services.create_survey(project, title="Fremde Befragung", purpose="", mode="both",
                                           consent_text="Ja.", languages=[], districts=[], age_bands=[])
    section = survey.sections[0]
    question = guides.add_question(section, kind="free_text", text="Was fehlt?")
    respondent = respondent_records.add_respondent(survey, pseudonym="F-1")
    workshop = workshop_services.create_workshop(project, title="Fremder Workshop", kind="expert")
    item = workshop_services.create_item(workshop, kind="guiding_goal", title="Ziel")
    voting_round = workshop_services.create_round(workshop, title="Runde", method="dots", item_ids=[item.id], budget=3)
    workshop_services.open_round(voting_round)
    concept_services.create_concept(project)
    job = Job(kind="analysis.run", target="tests.jobs.job_functions:count_to", project_id=project.id,
              status="done", progress=1.0, message="")
    db.session.add(job)
    db.session.commit()
    ids = {"project_id": project.id, "survey_id": survey.id, "section_id": section.id, "question_id": question.id,
           "respondent_id": respondent.id, "workshop_id": workshop.id, "item_id": item.id,
           "round_id": voting_round.id, "job_id": job.id, "field_id": project.fields_of_action[0].id,
           "group_id": project.stakeholder_groups[0].id, "step_id": project.process_steps[0].id,
           "entry_id": project.fields_of_action[0].id}
    return project, ids


def _url(app, rule, ids) -> str:
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, NumberConverter):
            values[name] = ids.get(name, 1)
        elif type(converter).__name__ == "AnyConverter":
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = {"fmt": "csv", "tag": "en", "part": "strengths", "direction": "up"}.get(name, "x")
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def _staff_rules(app):
    return [rule for rule in app.url_map.iter_rules() if not _is_listed_public(rule.endpoint)]


def test_every_endpoint_declares_who_may_use_it(app):
    undeclared = sorted({r.endpoint for r in app.url_map.iter_rules() if rule_for(r.endpoint, app) is None})
    assert not undeclared, f"endpoints without an access rule (see app/auth/access.py): {undeclared}"


def test_exactly_the_listed_endpoints_are_public(app):
    public = {r.endpoint for r in app.url_map.iter_rules() if rule_for(r.endpoint, app).scope == PUBLIC}
    listed = {r.endpoint for r in app.url_map.iter_rules() if _is_listed_public(r.endpoint)}
    assert public == listed


def test_an_endpoint_without_a_rule_is_refused(app, client, make_user, login):
    @app.get("/unchecked-page")
    def unchecked_page():
        return "secret"

    login(make_user(roles=("admin",)))
    assert client.get("/unchecked-page").status_code == 403


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_staff_member_outside_a_project_gets_403_or_404_on_every_route_of_it(app, client, make_user, login,
                                                                              make_project, foreign_project,
                                                                              method):
    """A colleague who leads another project (and may create projects) sees nothing of this one."""
    _project, ids = foreign_project
    own = make_project(title="Eigenes Projekt")
    outsider = make_user(roles=("project_lead",), email="aussen@example.org", member_everywhere=False)
    db.session.add_all(ProjectMember(project_id=own.id, user_id=outsider.id, role=role)
                       for role in ("lead", "author", "analyst", "facilitator", "interviewer", "observer"))
    db.session.commit()
    login(outsider)
    leaks, checked = [], 0
    for rule in _staff_rules(app):
        if method not in rule.methods or rule.endpoint in OPEN_TO_ALL_STAFF:
            continue
        if rule_for(rule.endpoint, app).scope != "project":
            continue  # instance pages: see the admin test below
        url = _url(app, rule, ids)
        response = client.open(url, method=method)
        checked += 1
        if response.status_code not in (403, 404):
            leaks.append(f"{method} {url} ({rule.endpoint}) -> {response.status_code}")
    assert checked > (40 if method == "GET" else 30)
    assert not leaks, "\n".join(leaks)


def test_instance_pages_need_their_instance_role(app, client, make_user, login):
    login(make_user(roles=()))
    leaks = []
    for rule in _staff_rules(app):
        declared = rule_for(rule.endpoint, app)
        if declared.scope != "instance" or not declared.roles or "GET" not in rule.methods:
            continue
        response = client.get(_url(app, rule, {}))
        if response.status_code != 403:
            leaks.append(f"{rule.endpoint} -> {response.status_code}")
    assert not leaks


def test_the_project_list_shows_only_the_users_projects(client, make_user, login, make_project, foreign_project):
    member = make_user(roles=())
    own = make_project(title="Mein Projekt")
    db.session.add(ProjectMember(project_id=own.id, user_id=member.id, role="observer"))
    db.session.commit()
    login(member)
    page = client.get("/projects/").get_data(as_text=True)
    assert "Mein Projekt" in page and "Fremdes Projekt" not in page


def test_an_observer_reads_aggregate_results_only(app, client, make_user, login, foreign_project):
    project, ids = foreign_project
    observer = make_user(roles=(), email="beobachtung@example.org")
    db.session.add(ProjectMember(project_id=project.id, user_id=observer.id, role="observer"))
    db.session.commit()
    login(observer)
    opened, refused = set(), []
    for rule in _staff_rules(app):
        if "GET" not in rule.methods or rule_for(rule.endpoint, app).scope != "project":
            continue
        status = client.get(_url(app, rule, ids)).status_code
        if status in (403, 404):
            refused.append(rule.endpoint)
        else:
            opened.add(rule.endpoint)
    assert opened <= OBSERVER_ENDPOINTS, sorted(opened - OBSERVER_ENDPOINTS)
    assert {"projects.show_project", "workshops.show_results"} <= opened
    assert "surveys.list_respondents" in refused and "surveys.export_answers" in refused
    assert "surveys.export_respondent_data" in refused


def test_a_member_without_the_role_gets_403_and_a_foreign_object_404(client, make_user, login, make_project,
                                                                      foreign_project):
    project, ids = foreign_project
    author = make_user(roles=())
    db.session.add(ProjectMember(project_id=project.id, user_id=author.id, role="author"))
    db.session.commit()
    login(author)
    assert client.get(f"/surveys/{ids['survey_id']}/export.csv").status_code == 403
    assert client.get(f"/concept/{project.id}").status_code == 200
    other = make_project(title="Drittes Projekt")
    assert client.get(f"/concept/{other.id}").status_code == 404
    assert client.get("/surveys/999999/export.csv").status_code == 404
    assert client.get("/jobs/999999").status_code == 404


def test_removing_a_member_ends_their_access_at_once(client, make_user, login, foreign_project):
    from app.projects import members

    project, ids = foreign_project
    analyst = make_user(roles=(), email="analyse@example.org")
    db.session.add(ProjectMember(project_id=project.id, user_id=analyst.id, role="analyst"))
    db.session.commit()
    login(analyst)
    assert client.get(f"/analysis/projects/{project.id}/").status_code == 200
    members.remove_member(project, analyst)
    assert client.get(f"/analysis/projects/{project.id}/").status_code == 404


def test_an_administrator_opens_every_project_and_each_access_is_logged(client, make_user, login, foreign_project):
    project, ids = foreign_project
    admin = make_user(roles=("admin",))
    login(admin)
    assert "Fremdes Projekt" in client.get("/projects/").get_data(as_text=True)
    assert client.get(f"/surveys/{ids['survey_id']}/respondents").status_code == 200
    logged = db.session.scalars(select(ProjectAuditEvent).where(ProjectAuditEvent.project_id == project.id,
                                                                ProjectAuditEvent.action == "admin_access")).all()
    assert [(e.user_id, e.subject) for e in logged] == [(admin.id, "GET surveys.list_respondents")]


def test_workshop_results_api_answers_staff_of_the_project_only(app, client, make_user, login, foreign_project):
    _project, ids = foreign_project
    login(make_user(roles=("project_lead",), email="andere-leitung@example.org", member_everywhere=False))
    assert client.get(f"/api/v1/rounds/{ids['round_id']}/results").status_code == 404
    member = app.test_client()
    member.post("/login", data={"email": "fremd@example.org", "password": TEST_PASSWORD})
    assert member.get(f"/api/v1/rounds/{ids['round_id']}/results").status_code == 200


def test_the_creator_of_a_project_becomes_its_lead(client, make_user, login):
    creator = make_user(roles=("project_lead",), email="gruenderin@example.org", member_everywhere=False)
    login(creator)
    response = client.post("/projects/new", data={"title": "Neues Konzept", "municipality": "Teststadt",
                                                  "status": "planning", "template": "empty"})
    assert response.status_code == 302
    project_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    roles = db.session.scalars(select(ProjectMember.role).where(ProjectMember.project_id == project_id,
                                                                ProjectMember.user_id == creator.id)).all()
    assert roles == ["lead"]
    assert client.get(f"/projects/{project_id}/setup").status_code == 200


def test_flask_projects_grants_lists_and_takes_project_roles(app, runner, make_user, make_project):
    project = make_project(title="Skriptprojekt")
    person = make_user(roles=(), email="skript@example.org")
    result = runner.invoke(args=["projects", "add-member", "--project", str(project.id), "--email", person.email,
                                 "--role", "interviewer", "--role", "observer"])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(args=["projects", "members", "--project", str(project.id)])
    assert "skript@example.org\tinterviewer, observer" in listing.output
    assert runner.invoke(args=["projects", "remove-member", "--project", str(project.id),
                               "--email", person.email]).exit_code == 0
    assert "skript@example.org" not in runner.invoke(args=["projects", "members", "--project",
                                                           str(project.id)]).output
    refused = runner.invoke(args=["projects", "add-member", "--project", str(project.id), "--email",
                                  "niemand@example.org", "--role", "author"])
    assert refused.exit_code != 0 and "kein Konto" in refused.output


def test_a_background_job_does_not_run_once_its_starter_left_the_project(app, make_user, foreign_project):
    from app.auth.access import register_job_roles
    from app.jobs.models import Job
    from app.jobs.services import run_job

    project, _ids = foreign_project
    register_job_roles("tests.sum", "analyst")
    analyst = make_user(roles=(), email="rechnet@example.org")
    db.session.add(ProjectMember(project_id=project.id, user_id=analyst.id, role="analyst"))
    jobs = [Job(kind="tests.sum", target="tests.jobs.job_functions:add_numbers", arguments={"a": 1, "b": 2},
                project_id=project.id, created_by_id=analyst.id, status="queued", progress=0.0, message="")
            for _ in range(2)]
    db.session.add_all(jobs)
    db.session.commit()
    run_job(jobs[0].id)
    db.session.execute(ProjectMember.__table__.delete().where(ProjectMember.user_id == analyst.id))
    db.session.commit()
    run_job(jobs[1].id)
    db.session.expire_all()
    assert db.session.get(Job, jobs[0].id).result["sum"] == 3
    refused = db.session.get(Job, jobs[1].id)
    assert refused.status == "failed" and refused.result is None and "access ended" in refused.error
