"""Interviewers see and enter only the interviews their project lead assigned to them."""
from __future__ import annotations

from app.extensions import db
from app.projects.models import ProjectMember
from tests.conftest import TEST_PASSWORD


def _interviewer(app, project, email="interview@example.org"):
    from app.auth import services as auth_services

    person = auth_services.create_user(email, TEST_PASSWORD, [], full_name="Ida Interview")
    db.session.add(ProjectMember(project_id=project.id, user_id=person.id, role="interviewer"))
    db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": email, "password": TEST_PASSWORD})
    return person, client


def test_lead_assigns_a_respondent_and_a_group_and_the_interviewer_sees_only_those(app, lead_client, make_survey):
    from app.surveys import respondent_records

    survey = make_survey()
    project = survey.project
    group = project.stakeholder_groups[1]
    mine = respondent_records.add_respondent(survey, pseudonym="I-01")
    by_group = respondent_records.add_respondent(survey, pseudonym="I-02", stakeholder_group_id=group.id)
    other = respondent_records.add_respondent(survey, pseudonym="I-03")
    person, interviewer = _interviewer(app, project)

    page = lead_client.get(f"/surveys/{survey.id}/assignments")
    assert page.status_code == 200 and "Ida Interview" in page.get_data(as_text=True)
    assert lead_client.post(f"/surveys/{survey.id}/assignments",
                            data={"interviewer_id": person.id, "respondent_id": mine.id,
                                  "stakeholder_group_id": 0}).status_code == 302
    assert lead_client.post(f"/surveys/{survey.id}/assignments",
                            data={"interviewer_id": person.id, "respondent_id": 0,
                                  "stakeholder_group_id": group.id}).status_code == 302
    both = lead_client.post(f"/surveys/{survey.id}/assignments",
                            data={"interviewer_id": person.id, "respondent_id": other.id,
                                  "stakeholder_group_id": group.id})
    assert both.status_code == 422 and "entweder" in both.get_data(as_text=True)

    start = interviewer.get("/projects/").get_data(as_text=True)
    assert "Meine Interviews" in start and "I-01" in start and "I-02" in start and "I-03" not in start
    assert interviewer.get(f"/surveys/{survey.id}/respondents/{mine.id}/interview").status_code == 200
    assert interviewer.get(f"/surveys/{survey.id}/respondents/{by_group.id}/interview").status_code == 200
    assert interviewer.get(f"/surveys/{survey.id}/respondents/{other.id}/interview").status_code == 404
    assert interviewer.post(f"/surveys/{survey.id}/respondents/{other.id}/interview/autosave",
                            data={}).status_code == 404
    assert interviewer.get(f"/surveys/{survey.id}/respondents").status_code == 403
    assert interviewer.get(f"/surveys/{survey.id}/export.csv").status_code == 403
    assert interviewer.get(f"/projects/{project.id}").status_code == 403


def test_taking_an_assignment_back_ends_the_interviewers_access(app, lead_client, make_survey):
    from app.surveys import respondent_records
    from app.surveys.models import InterviewAssignment

    survey = make_survey()
    respondent = respondent_records.add_respondent(survey, pseudonym="I-09")
    person, interviewer = _interviewer(app, survey.project)
    lead_client.post(f"/surveys/{survey.id}/assignments",
                     data={"interviewer_id": person.id, "respondent_id": respondent.id, "stakeholder_group_id": 0})
    url = f"/surveys/{survey.id}/respondents/{respondent.id}/interview"
    assert interviewer.get(url).status_code == 200
    assignment = db.session.query(InterviewAssignment).one()
    assert lead_client.post(f"/surveys/{survey.id}/assignments/{assignment.id}/delete").status_code == 302
    assert interviewer.get(url).status_code == 404
    assert "I-09" not in interviewer.get("/projects/").get_data(as_text=True)


def test_only_interviewers_of_the_project_can_be_assigned(app, lead_client, make_survey, make_user):
    from app.surveys import respondent_records

    survey = make_survey()
    respondent = respondent_records.add_respondent(survey, pseudonym="I-10")
    outsider = make_user(roles=(), email="aussen@example.org")
    refused = lead_client.post(f"/surveys/{survey.id}/assignments",
                               data={"interviewer_id": outsider.id, "respondent_id": respondent.id,
                                     "stakeholder_group_id": 0})
    assert refused.status_code == 422
