"""Interviewer mode: staff type answers, consent recorded by the interviewer, who entered what is kept."""
from __future__ import annotations

from app.extensions import db


def _form(survey, kinds, text):
    rank = kinds["ranking"]
    return {"action": "save", f"q-{kinds['free_text'].id}": text, f"q-{kinds['scale'].id}": "3",
            f"q-{rank.id}-rank-childcare": "1"}


def test_interviewer_enters_answers_and_is_recorded(app, client, make_user, login, make_survey, questions):
    from app.surveys import respondent_records

    survey = make_survey()
    kinds = questions(survey)
    respondent = respondent_records.add_respondent(survey, pseudonym="I-07", channel="interview")
    facilitator = make_user(roles=("facilitator",))
    login(facilitator)
    url = f"/surveys/{survey.id}/respondents/{respondent.id}/interview"
    assert client.get(url).status_code == 404  # an interviewer enters only the interviews assigned to them
    from app.surveys import assignments

    assignments.assign(survey.project, facilitator.id, respondent=respondent)
    assert client.get(url).status_code == 200

    no_consent = client.post(url, data=_form(survey, kinds, "Notizen"))
    assert no_consent.status_code == 422
    assert respondent.answers == []

    long_text = "Erste Zeile aus den Notizen.\n\n" + "Sehr lange Antwort. " * 500
    saved = client.post(url, data={**_form(survey, kinds, long_text), "consent": "yes", "consent_language": "en"})
    assert saved.status_code == 302
    db.session.refresh(respondent)
    assert {a.entered_by_id for a in respondent.answers} == {facilitator.id}
    assert {a.question_id: a.value for a in respondent.answers}[kinds["free_text"].id] == long_text.strip()
    (consent,) = respondent.consents
    assert (consent.channel, consent.language, consent.recorded_by_id) == ("interviewer", "en", facilitator.id)

    autosave = client.post(url + "/autosave", data={f"q-{kinds['free_text'].id}": "Ergänzt."})
    assert autosave.status_code == 200 and "gespeichert" in autosave.get_data(as_text=True)

    done = client.post(url, data={**_form(survey, kinds, "Ergänzt."), "action": "complete"})
    assert done.status_code == 302
    db.session.refresh(respondent)
    assert respondent.status == "completed"


def test_facilitator_cannot_manage_the_guide(client, make_user, login, make_survey):
    survey = make_survey()
    login(make_user(roles=("facilitator",)))
    assert client.get(f"/surveys/{survey.id}/guide").status_code == 403
    assert client.get(f"/surveys/{survey.id}/export.csv").status_code == 403


def test_logged_out_staff_pages_send_to_login(client, make_survey):
    survey = make_survey()
    response = client.get(f"/surveys/{survey.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_interviewer_answers_count_for_analysis_before_completion(lead_client, make_survey, questions):
    from app.surveys import respondent_records
    from app.surveys.queries import free_text_answers

    survey = make_survey()
    kinds = questions(survey)
    respondent = respondent_records.add_respondent(survey, pseudonym="I-01", channel="interview")
    url = f"/surveys/{survey.id}/respondents/{respondent.id}/interview"
    lead_client.post(url, data={"consent": "yes", f"q-{kinds['free_text'].id}": "Mehr Begegnung."})
    records = free_text_answers(survey.project_id)
    assert [(r.pseudonym, r.text) for r in records] == [("I-01", "Mehr Begegnung.")]
