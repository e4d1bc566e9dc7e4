"""The audit log of a project: who viewed, exported, downloaded or deleted personal data, and when; no content."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.projects.models import ProjectAuditEvent, ProjectMember
from tests.conftest import TEST_PASSWORD


def test_exports_downloads_and_deletions_are_logged_for_the_lead_to_read(app, lead_client, make_survey, make_user):
    from app.surveys import respondent_records, submissions

    survey = make_survey()
    question = survey.ordered_questions()[0]
    respondent = respondent_records.add_respondent(survey, pseudonym="A-1")
    submissions.save_answers(respondent, {str(question.id): "Geheime Antwort über meine Familie"})
    gone = respondent_records.add_respondent(survey, pseudonym="A-2").id

    assert lead_client.get(f"/surveys/{survey.id}/export.csv").status_code == 200
    assert lead_client.get(f"/surveys/{survey.id}/respondents/{respondent.id}/data.json").status_code == 200
    assert lead_client.post(f"/surveys/{survey.id}/respondents/{gone}/delete").status_code == 302
    assert lead_client.get(f"/surveys/{survey.id}/export.csv?x=1", headers={}).status_code == 200
    assert lead_client.get(f"/surveys/{survey.id}/respondents/999999/data.json").status_code == 404

    events = db.session.scalars(select(ProjectAuditEvent).where(ProjectAuditEvent.project_id == survey.project_id)
                                .order_by(ProjectAuditEvent.id)).all()
    assert [(e.action, e.subject, e.user_id) for e in events] == [
        ("exported", f"surveys.export_answers fmt=csv survey_id={survey.id}", lead_client.user.id),
        ("downloaded", f"surveys.export_respondent_data fmt=json respondent_id={respondent.id} survey_id={survey.id}",
         lead_client.user.id),
        ("deleted", f"surveys.delete_respondent respondent_id={gone} survey_id={survey.id}", lead_client.user.id),
        ("exported", f"surveys.export_answers fmt=csv survey_id={survey.id}", lead_client.user.id),
    ]
    page = lead_client.get(f"/projects/{survey.project_id}/audit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "heruntergeladen" in html and "gelöscht" in html and lead_client.user.email in html
    assert "Geheime Antwort" not in html

    observer = make_user(roles=(), email="beobachtung@example.org")
    db.session.add(ProjectMember(project_id=survey.project_id, user_id=observer.id, role="observer"))
    db.session.commit()
    other = app.test_client()
    other.post("/login", data={"email": observer.email, "password": TEST_PASSWORD})
    assert other.get(f"/projects/{survey.project_id}/audit").status_code == 403
