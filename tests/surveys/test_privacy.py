"""Data protection: contact data apart, deletion leaves only counts, access export, QR sheet shows links once."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from app.extensions import db


def test_deleting_a_respondent_removes_answers_and_contact_but_keeps_counts(lead_client, make_survey, invite,
                                                                            full_answers):
    from app.surveys import respondent_records, submissions
    from app.surveys.models import Answer, ConsentRecord, RespondentContact, RespondentDeletion
    from app.surveys.queries import respondent_counts, survey_counts

    survey = make_survey()
    group = survey.project.stakeholder_groups[0]
    respondent, _token = invite(survey, group=group)
    respondent_records.save_contact(respondent, name="Ayşe Beispiel", email="ayse@example.org")
    submissions.record_consent(respondent, language="de", channel="online")
    submissions.save_answers(respondent, full_answers(survey))
    submissions.submit_answers(respondent)
    respondent_id = respondent.id
    assert respondent_counts(survey.project_id)[group.id] == (1, 1, 1)

    response = lead_client.post(f"/surveys/{survey.id}/respondents/{respondent_id}/delete")
    assert response.status_code == 302
    for model in (Answer, RespondentContact, ConsentRecord):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0
    (log,) = db.session.scalars(select(RespondentDeletion)).all()
    assert (log.respondent_id, log.stakeholder_group_id, log.status) == (respondent_id, group.id, "completed")
    assert "Ayşe" not in str(log.__dict__)
    assert respondent_counts(survey.project_id)[group.id] == (1, 1, 1)
    assert survey_counts(survey)["deleted"] == 1
    overview = lead_client.get(f"/projects/{survey.project_id}").get_data(as_text=True)
    assert group.name in overview


def test_contact_data_is_deletable_on_its_own_and_never_beside_answers(lead_client, make_survey, invite,
                                                                       full_answers):
    from app.surveys import submissions

    survey = make_survey()
    respondent, _token = invite(survey)
    submissions.save_answers(respondent, full_answers(survey))
    lead_client.post(f"/surveys/{survey.id}/respondents/{respondent.id}/contact",
                     data={"contact-name": "Max Muster", "contact-email": "max@example.org"})
    db.session.refresh(respondent)
    assert respondent.contact.email == "max@example.org"
    for path in ("/respondents", f"/respondents/{respondent.id}/interview", "/export.csv"):
        body = lead_client.get(f"/surveys/{survey.id}{path}").get_data(as_text=True)
        assert "max@example.org" not in body and "Max Muster" not in body
    lead_client.post(f"/surveys/{survey.id}/respondents/{respondent.id}/contact/delete")
    db.session.refresh(respondent)
    assert respondent.contact is None and len(respondent.answers) == 5


def test_lead_exports_one_respondents_data_on_request(lead_client, make_survey, invite, full_answers):
    from app.surveys import respondent_records, submissions

    survey = make_survey()
    respondent, _token = invite(survey, pseudonym="I-03")
    respondent_records.save_contact(respondent, name="Max Muster", email="max@example.org")
    submissions.record_consent(respondent, language="en", channel="online")
    submissions.save_answers(respondent, full_answers(survey))
    data = json.loads(lead_client.get(f"/surveys/{survey.id}/respondents/{respondent.id}/data.json").data)
    assert data["pseudonym"] == "I-03" and data["contact"]["email"] == "max@example.org"
    assert data["consents"][0]["language"] == "en" and len(data["answers"]) == 5
    csv_body = lead_client.get(f"/surveys/{survey.id}/respondents/{respondent.id}/data.csv").data.decode("utf-8-sig")
    assert "I-03" in csv_body and "Gut, aber es fehlen Sprachkurse." in csv_body


def test_personal_links_are_shown_once_and_stored_only_as_hashes(lead_client, make_survey):
    from app.surveys.models import Respondent
    from app.tokens import hash_token

    survey = make_survey()
    group = survey.project.stakeholder_groups[1]
    sheet = lead_client.post(f"/surveys/{survey.id}/invitations",
                             data={"count": "3", "stakeholder_group_id": group.id, "prefix": "I"})
    assert sheet.status_code == 200
    body = sheet.get_data(as_text=True)
    assert body.count("<svg") == 3
    tokens = sorted(set(part.split("<")[0].split('"')[0] for part in body.split("/s/")[1:]))
    respondents = db.session.scalars(select(Respondent)).all()
    assert len(respondents) == 3 and {r.stakeholder_group_id for r in respondents} == {group.id}
    hashes = {r.token_hash for r in respondents}
    assert {hash_token(t) for t in tokens} == hashes
    assert all(t not in str([(r.token_hash, r.pseudonym) for r in respondents]) for t in tokens)
    assert lead_client.get(f"/s/{tokens[0]}").status_code == 200

    (first,) = [r for r in respondents if r.token_hash == hash_token(tokens[0])]
    reissued = lead_client.post(f"/surveys/{survey.id}/links", data={"respondent_id": [str(first.id)]})
    assert reissued.status_code == 200
    assert lead_client.get(f"/s/{tokens[0]}").status_code == 404
    assert lead_client.get(f"/s/{tokens[1]}").status_code == 200
