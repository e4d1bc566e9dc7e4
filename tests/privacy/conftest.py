"""A project with personal data in surveys and workshops, ended on a given day."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest


@pytest.fixture
def project_with_personal_data(app, make_project) -> Callable:
    """Return a factory: a project ended on ``period_end`` with two respondents (contact, link, answers)
    and a workshop participant with a name; gives (project, respondents)."""
    from app.extensions import db
    from app.surveys import invitations
    from app.surveys import guides, respondent_records, services as surveys, submissions
    from app.workshops import participation, services as workshops

    def make(period_end: date | None, retention_months: int | None = 12, title=None):
        project = make_project(title=title)
        project.period_end, project.retention_months = period_end, retention_months
        db.session.commit()
        survey = surveys.create_survey(project, title="Interviewstudie", consent_text="Einverstanden.")
        question = guides.add_question(survey.sections[0], kind="free_text", text="Was fehlt?")
        respondents = []
        for number, (name, email) in enumerate((("Ayşe Beispiel", "ayse@example.org"),
                                                ("Max Muster", "max@example.org"))):
            respondent = respondent_records.add_respondent(survey, pseudonym=f"I-{number + 1}")
            invitations.issue_link(respondent)
            db.session.commit()
            respondent_records.save_contact(respondent, name=name, email=email)
            submissions.save_answers(respondent, {str(question.id): f"Sprachkurse am Abend ({number})"})
            respondents.append(respondent)
        workshop = workshops.create_workshop(project, title="Expertenworkshop", kind="expert")
        participation.join_workshop(workshop, display_name="Frau Yılmaz")
        return project, respondents

    return make
