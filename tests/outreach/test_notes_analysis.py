"""What was raised at an event goes into the analysis as answers of the event's own notes survey."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db

NOTES = ("Viele wünschen sich Deutschkurse mit Kinderbetreuung.\n\n"
         "Die Sprechstunde im Rathaus ist vielen unbekannt.\n  \nZu wenig Treffpunkte für Jugendliche am Abend.")


def _answers(survey):
    return sorted(a.value for r in survey.respondents for a in r.answers)


def test_each_paragraph_becomes_an_answer_of_the_events_notes_survey(lead_client, make_project, make_event):
    from app.outreach import notes, services

    project = make_project()
    event = make_event(project, days=-2, title="Offenes Frühstück", field_ids=[project.fields_of_action[1].id])
    services.save_notes(event, NOTES)
    response = lead_client.post(f"/outreach/{project.id}/events/{event.id}/notes/analysis")
    assert response.status_code == 302
    page = lead_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 neue Absätze" in page
    assert "Zuletzt in die Analyse übernommen" in page and "Notizen: Offenes Frühstück" in page
    record = notes.notes_survey(event)
    survey = record.survey
    assert survey.title.startswith("Notizen: Offenes Frühstück") and survey.is_closed
    assert survey.project_id == project.id
    assert record.question.kind == "free_text"
    assert record.question.field_of_action_id == project.fields_of_action[1].id
    assert _answers(survey) == sorted(notes.note_paragraphs(NOTES))
    assert {r.channel for r in survey.respondents} == {"import"}
    assert all(r.pseudonym.startswith(f"VA{event.id}-") for r in survey.respondents)

    services.save_notes(event, NOTES + "\n\nDer Verein bietet Räume für Hausaufgabenhilfe an.")
    again = lead_client.post(f"/outreach/{project.id}/events/{event.id}/notes/analysis")
    assert "1 neue Absätze" in lead_client.get(again.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert len(_answers(survey)) == 4, "paragraphs taken over before are not taken twice"


def test_the_analysis_gathers_the_notes_with_the_fields_answers(app, make_project, make_event, make_user):
    from app.outreach import notes, services
    from app.surveys.queries import free_text_answers

    user = make_user()
    project = make_project()
    field = project.fields_of_action[0]
    event = make_event(project, days=-2, field_ids=[field.id])
    services.save_notes(event, NOTES)
    notes.import_event_notes(event, entered_by=user)
    texts = [record.text for record in free_text_answers(project.id, field_of_action_id=field.id)]
    assert sorted(texts) == sorted(notes.note_paragraphs(NOTES))
    by_survey = free_text_answers(project.id, survey_id=notes.notes_survey(event).survey_id)
    assert len(by_survey) == 3


def test_an_event_without_notes_or_a_non_lead_changes_nothing(client, make_user, login, make_project, make_event):
    from app.outreach import notes
    from app.surveys.models import Survey

    facilitator = make_user(roles=("facilitator",))
    project = make_project()
    event = make_event(project, days=-2)
    login(facilitator)
    assert client.post(f"/outreach/{project.id}/events/{event.id}/notes/analysis").status_code == 403
    assert notes.notes_survey(event) is None
    surveys_before = db.session.scalars(select(Survey.id).where(Survey.project_id == project.id)).all()
    from app.errors import ValidationError

    try:
        notes.import_event_notes(event, entered_by=facilitator)
    except ValidationError as error:
        assert "noch keine Notizen" in error.message
    else:
        raise AssertionError("an event without notes must be refused")
    assert db.session.scalars(select(Survey.id).where(Survey.project_id == project.id)).all() == surveys_before
