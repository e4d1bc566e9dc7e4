"""The members page of a project: the lead adds existing accounts with roles, changes roles, removes people."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.projects.models import ProjectAuditEvent, ProjectMember
from tests.conftest import TEST_PASSWORD


def _roles(project, user):
    return set(db.session.scalars(select(ProjectMember.role).where(ProjectMember.project_id == project.id,
                                                                   ProjectMember.user_id == user.id)))


def _lead_of_new_project(client, make_user, login, make_project):
    lead = make_user(roles=("project_lead",), email="leitung@example.org", member_everywhere=False)
    project = make_project(title="Mitgliederprojekt")
    db.session.add(ProjectMember(project_id=project.id, user_id=lead.id, role="lead"))
    db.session.commit()
    login(lead)
    return lead, project


def test_lead_adds_an_account_with_roles_and_it_can_work_at_once(app, client, make_user, login, make_project):
    lead, project = _lead_of_new_project(client, make_user, login, make_project)
    person = make_user(roles=(), email="Interview@Example.org", full_name="Ida Interview")
    page = client.get(f"/projects/{project.id}/members")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Neue Konten legt die Administration an" in html and "leitung@example.org" in html
    response = client.post(f"/projects/{project.id}/members",
                           data={"add-email": "interview@example.org", "add-roles": ["interviewer", "observer"]})
    assert response.status_code == 302
    assert _roles(project, person) == {"interviewer", "observer"}
    colleague = app.test_client()
    colleague.post("/login", data={"email": person.email, "password": TEST_PASSWORD})
    assert colleague.get(f"/projects/{project.id}").status_code == 200
    assert colleague.get(f"/projects/{project.id}/members").status_code == 403
    logged = db.session.scalars(select(ProjectAuditEvent.subject).where(
        ProjectAuditEvent.project_id == project.id, ProjectAuditEvent.action == "members_changed")).all()
    assert logged == [f"added user={person.id} roles=interviewer,observer"]


def test_an_unknown_address_or_no_role_changes_nothing_and_says_why(client, make_user, login, make_project):
    _lead, project = _lead_of_new_project(client, make_user, login, make_project)
    unknown = client.post(f"/projects/{project.id}/members",
                          data={"add-email": "niemand@example.org", "add-roles": ["author"]})
    assert unknown.status_code == 422
    assert "kein Konto mit dieser E-Mail-Adresse" in unknown.get_data(as_text=True)
    person = make_user(roles=(), email="ohne-rolle@example.org")
    roleless = client.post(f"/projects/{project.id}/members", data={"add-email": person.email})
    assert roleless.status_code == 422 and "mindestens eine Rolle" in roleless.get_data(as_text=True)
    assert _roles(project, person) == set()


def test_lead_changes_roles_but_cannot_leave_the_project_without_a_lead(client, make_user, login, make_project):
    lead, project = _lead_of_new_project(client, make_user, login, make_project)
    person = make_user(roles=(), email="autorin@example.org")
    db.session.add(ProjectMember(project_id=project.id, user_id=person.id, role="author"))
    db.session.commit()
    changed = client.post(f"/projects/{project.id}/members/{person.id}",
                          data={f"member-{person.id}-roles": ["author", "analyst"]})
    assert changed.status_code == 302 and _roles(project, person) == {"author", "analyst"}
    demoted = client.post(f"/projects/{project.id}/members/{lead.id}", data={f"member-{lead.id}-roles": ["observer"]})
    assert demoted.status_code == 422
    assert "mindestens eine Projektleitung" in demoted.get_data(as_text=True)
    assert _roles(project, lead) == {"lead"}


def test_a_removed_member_loses_access_with_the_next_request(app, client, make_user, login, make_project):
    _lead, project = _lead_of_new_project(client, make_user, login, make_project)
    person = make_user(roles=(), email="moderation@example.org")
    db.session.add(ProjectMember(project_id=project.id, user_id=person.id, role="facilitator"))
    db.session.commit()
    colleague = app.test_client()
    colleague.post("/login", data={"email": person.email, "password": TEST_PASSWORD})
    assert colleague.get(f"/workshops/projects/{project.id}/").status_code == 200
    assert client.post(f"/projects/{project.id}/members/{person.id}/remove").status_code == 302
    assert colleague.get(f"/workshops/projects/{project.id}/").status_code == 404
    assert "Mitgliederprojekt" not in colleague.get("/projects/").get_data(as_text=True)


def test_members_of_other_projects_are_not_found_here(client, make_user, login, make_project):
    _lead, project = _lead_of_new_project(client, make_user, login, make_project)
    stranger = make_user(roles=(), email="fremd@example.org")
    assert client.post(f"/projects/{project.id}/members/{stranger.id}",
                       data={f"member-{stranger.id}-roles": ["lead"]}).status_code == 404
    assert client.post(f"/projects/{project.id}/members/{stranger.id}/remove").status_code == 404
    assert _roles(project, stranger) == set()
