"""Which language a participant sees: ?lang= (remembered), the browser's language, the stored choice; staff stay de/en."""
from __future__ import annotations

import re

from app.extensions import db


def _html(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', response.get_data(as_text=True))
    return match.group(1), match.group(2)


def test_first_visit_uses_the_browsers_language(client):
    page = client.get("/w/", headers={"Accept-Language": "uk-UA,uk;q=0.9,de;q=0.5"})
    assert _html(page) == ("uk", "ltr")
    assert "Взяти участь у семінарі" in page.get_data(as_text=True)


def test_lang_parameter_chooses_and_is_remembered_across_participant_pages(client):
    chosen = client.get("/w/?lang=ar", headers={"Accept-Language": "tr"})
    assert _html(chosen) == ("ar", "rtl")
    later = client.get("/w/", headers={"Accept-Language": "tr"})
    assert _html(later) == ("ar", "rtl") and "المشاركة في ورشة العمل" in later.get_data(as_text=True)
    unknown = client.get("/s/no-such-link-at-all")
    assert unknown.status_code == 404 and _html(unknown) == ("ar", "rtl")
    assert "هذا الرابط غير صالح" in unknown.get_data(as_text=True)


def test_an_unknown_language_is_ignored(client):
    assert _html(client.get("/w/?lang=xx")) == ("de", "ltr")


def test_staff_pages_keep_their_own_language(client):
    client.get("/w/?lang=ar")
    login = client.get("/login")
    assert _html(login) == ("de", "ltr") and "Anmelden" in login.get_data(as_text=True)


def test_errors_under_a_participant_address_come_in_the_participant_language(client):
    client.get("/w/?lang=tr")
    missing = client.get("/w/DOESNOTEXIST/vote/extra/path")
    assert missing.status_code == 404 and _html(missing)[0] == "tr"
    assert "Sayfa bulunamadı" in missing.get_data(as_text=True)
    assert "Seite" not in missing.get_data(as_text=True).split("<footer")[0]


def test_respondent_choice_is_stored_and_kept_on_another_device(app, client, seed_translated_project):
    from app.surveys import invitations, respondent_records
    from app.surveys.models import Respondent, Survey

    ids = seed_translated_project()
    survey = db.session.get(Survey, ids["survey_id"])
    respondent = respondent_records.add_respondent(survey, channel="personal")
    token = invitations.issue_link(respondent)
    db.session.commit()
    client.get(f"/s/{token}?lang=uk")
    assert db.session.get(Respondent, respondent.id).language == "uk"
    client.post(f"/s/{token}", data={"consent": "yes"})
    other_device = app.test_client()
    page = other_device.get(f"/s/{token}/page/1", headers={"Accept-Language": "tr"})
    assert _html(page) == ("uk", "ltr") and "Що має змінитися?" in page.get_data(as_text=True)
    (consent,) = db.session.get(Respondent, respondent.id).consents
    assert consent.language == "uk"


def test_workshop_participant_language_is_stored_when_joining_and_when_changed(client, seed_translated_project):
    from app.workshops.models import Participant

    ids = seed_translated_project()
    client.get("/w/?lang=tr")
    client.post(f"/w/{ids['join_code']}", data={"name": "Ayşe"})
    participant = db.session.query(Participant).one()
    assert participant.language == "tr"
    ballots = client.get(f"/w/{ids['join_code']}/vote?lang=ar")
    assert _html(ballots) == ("ar", "rtl") and "دعم اللغة مبكرًا" in ballots.get_data(as_text=True)
    db.session.refresh(participant)
    assert participant.language == "ar"
    client.get("/w/?lang=uk")
    again = client.get(f"/w/{ids['join_code']}/vote")
    assert _html(again) == ("uk", "ltr")
    db.session.refresh(participant)
    assert participant.language == "uk"


def test_participant_apis_answer_in_the_participants_language(client, seed_translated_project):
    from app.surveys import invitations, respondent_records
    from app.surveys.models import Respondent, Survey

    ids = seed_translated_project()
    unknown = client.get("/api/v1/survey/no-such-token?lang=uk")
    assert unknown.status_code == 404 and unknown.get_json()["error"] == "Це посилання недійсне або застаріле."
    survey = db.session.get(Survey, ids["survey_id"])
    respondent = respondent_records.add_respondent(survey, channel="personal")
    token = invitations.issue_link(respondent)
    db.session.commit()
    body = client.get(f"/api/v1/survey/{token}?lang=ar").get_json()
    assert body["survey"]["title"] == "العيش المشترك في الحي" and body["survey"]["consent_text_language"] == "ar"
    assert db.session.get(Respondent, respondent.id).language == "ar"
    refused = client.put(f"/api/v1/survey/{token}/answers", json={"answers": {}})
    assert refused.status_code == 403 and refused.get_json()["error"] == "يرجى الموافقة على المشاركة أولًا."
    no_workshop = client.post("/api/v1/workshops/NOPE99/join", json={}, headers={"Accept-Language": "tr"})
    assert no_workshop.get_json()["error"] == "Bu koda ait açık bir çalıştay yok."
