"""JSON API: read in the respondent's language, save partial answers, submit; errors as JSON; OpenAPI."""
from __future__ import annotations

from datetime import timedelta

from app.auth.models import utcnow
from app.extensions import db


def test_openapi_lists_the_survey_paths(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/survey/{token}", "/survey/{token}/answers", "/survey/{token}/submit"):
        assert path in paths
    assert "put" in paths["/survey/{token}/answers"]


def test_get_survey_in_the_chosen_language(client, make_survey, invite):
    survey = make_survey()
    _respondent, token = invite(survey)
    body = client.get(f"/api/v1/survey/{token}?lang=en").get_json()
    assert body["language"] == "en"
    assert body["survey"]["title"] == "Interviewstudie"
    assert body["survey"]["languages"] == ["de", "en", "ar"]
    assert body["survey"]["status"] == "open"
    first, choice = body["questions"][0], body["questions"][1]
    assert first["type"] == "free_text" and first["text"] == "How do you experience living together?"
    assert first["required"] is True
    assert choice["options"] == [{"value": "mail", "label": "By e-mail"}, {"value": "event", "label": "Event"}]
    scale = next(q for q in body["questions"] if q["type"] == "scale")
    assert (scale["min"], scale["max"]) == (1, 5)
    assert {q["type"] for q in body["questions"]} == {"free_text", "single_choice", "multiple_choice", "scale",
                                                      "ranking"}


def test_save_partial_answers_then_submit(client, make_survey, invite, full_answers):
    survey = make_survey()
    respondent, token = invite(survey)
    answers = full_answers(survey)
    first_id = next(iter(answers))
    no_consent = client.put(f"/api/v1/survey/{token}/answers", json={"answers": {first_id: "Hallo"}})
    assert no_consent.status_code == 403 and "consent" in no_consent.get_json()["fields"]

    partial = {k: v for k, v in answers.items() if k != first_id}
    saved = client.put(f"/api/v1/survey/{token}/answers", json={"answers": partial, "consent": True})
    assert saved.status_code == 200
    assert saved.get_json()["answers"] == partial

    missing = client.post(f"/api/v1/survey/{token}/submit?lang=en")
    assert missing.status_code == 409
    body = missing.get_json()
    assert body["error"] == "Answers to required questions are missing."
    assert body["fields"] == {first_id: "Please answer this question."}

    client.put(f"/api/v1/survey/{token}/answers", json={"answers": {first_id: "Gut."}})
    assert client.post(f"/api/v1/survey/{token}/submit").status_code == 200
    db.session.refresh(respondent)
    assert respondent.status == "completed" and len(respondent.answers) == 5
    assert respondent.consents[0].channel == "online"

    again = client.post(f"/api/v1/survey/{token}/submit")
    assert again.status_code == 409 and "error" in again.get_json()
    assert client.put(f"/api/v1/survey/{token}/answers", json={"answers": {}}).status_code == 409


def test_invalid_values_are_listed_per_field_and_nothing_is_saved(client, make_survey, invite, questions):
    survey = make_survey()
    kinds = questions(survey)
    respondent, token = invite(survey)
    response = client.put(f"/api/v1/survey/{token}/answers?lang=ar", json={"consent": True, "answers": {
        str(kinds["scale"].id): 7, str(kinds["free_text"].id): "ok", "99999": "x"}})
    assert response.status_code == 409
    fields = response.get_json()["fields"]
    assert set(fields) == {str(kinds["scale"].id), "99999"}
    assert "1" in fields[str(kinds["scale"].id)] and "5" in fields[str(kinds["scale"].id)]
    assert respondent.answers == []


def test_unknown_and_expired_tokens_get_the_same_json(client, make_survey, invite):
    survey = make_survey()
    respondent, token = invite(survey)
    respondent.token_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expired = client.get(f"/api/v1/survey/{token}")
    unknown = client.get("/api/v1/survey/nope-nope-nope-nope-nope")
    assert expired.status_code == unknown.status_code == 404
    assert expired.get_json() == unknown.get_json() == {"error": "Dieser Link ist ungültig oder abgelaufen."}
    put_unknown = client.put("/api/v1/survey/nope/answers", json={"answers": {}})
    assert put_unknown.status_code == 404 and "Traceback" not in put_unknown.get_data(as_text=True)


def test_bad_json_is_a_clear_error(client, make_survey, invite):
    _respondent, token = invite(make_survey())
    response = client.put(f"/api/v1/survey/{token}/answers", data="not json", content_type="application/json")
    assert response.status_code == 400 and "error" in response.get_json()


def test_public_link_gives_a_kiosk_token(client, make_survey):
    survey = make_survey(has_public_link=True)
    started = client.post(f"/api/v1/survey/public/{survey.public_code}")
    assert started.status_code == 201
    token = started.get_json()["token"]
    assert client.get(f"/api/v1/survey/{token}").get_json()["survey"]["title"] == "Interviewstudie"
    assert client.post("/api/v1/survey/public/unknown-code").status_code == 404


def test_api_is_rate_limited_per_token(client, make_survey, invite):
    _respondent, token = invite(make_survey(with_guide=False))
    statuses = [client.get(f"/api/v1/survey/{token}").status_code for _ in range(125)]
    assert statuses[0] == 200 and statuses[-1] == 429


def test_bodies_that_break_the_schema_get_422_per_field_in_the_participants_language(client, make_survey, invite):
    respondent, token = invite(make_survey())
    url = f"/api/v1/survey/{token}/answers"
    cases = [
        ({"answers": ["not", "an", "object"], "consent": True}, "answers", "Diese Angabe hat nicht das erwartete Format."),
        ({"answers": {}, "consent": "yes"}, "consent", "Diese Angabe hat nicht das erwartete Format."),
        ({"answers": {"abc": "x"}, "consent": True}, "answers.abc", "Diese Angabe hat nicht das erwartete Format."),
        ({"answers": {str(2**31): "x"}, "consent": True}, f"answers.{2**31}",
         "Diese Angabe hat nicht das erwartete Format."),
        ({"answers": {}, "consent": True, "admin": True}, "admin", "Diese Angabe ist hier nicht vorgesehen."),
        ({"answers": {"1": "x" * 50_001}, "consent": True}, "answers.1", "Höchstens 50000 Zeichen."),
    ]
    for body, field, message in cases:
        response = client.put(url, json=body)
        assert response.status_code == 422, body
        assert response.get_json() == {"error": "Bitte korrigieren Sie die folgenden Angaben:", "fields": {field: message}}
    english = client.put(url + "?lang=en", json={"answers": {}, "consent": 1})
    assert english.get_json()["fields"] == {"consent": "This entry is not in the expected format."}
    assert respondent.answers == [] and not respondent.has_consent


def test_a_token_longer_than_the_schema_allows_is_not_found(client):
    response = client.get("/api/v1/survey/" + "x" * 201)
    assert response.status_code == 404 and response.get_json()["error"]


def test_schema_valid_answers_the_survey_refuses_get_409_as_documented(client, make_survey, invite, questions):
    """Regression (Schemathesis): schema-valid answers and submits were answered 422, which the document
    reserves for requests that break the schema; the survey's own refusals are 409 and documented."""
    survey = make_survey()
    kinds = questions(survey)
    _respondent, token = invite(survey)
    document = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "409" in document["/survey/{token}/answers"]["put"]["responses"]
    assert "409" in document["/survey/{token}/submit"]["post"]["responses"]
    refused = client.put(f"/api/v1/survey/{token}/answers", json={"consent": True, "answers": {
        str(kinds["single_choice"].id): "no-such-option"}})
    assert refused.status_code == 409 and list(refused.get_json()["fields"]) == [str(kinds["single_choice"].id)]
    incomplete = client.post(f"/api/v1/survey/{token}/submit")
    assert incomplete.status_code == 409 and incomplete.get_json()["fields"]


def test_openapi_is_generated_from_the_request_models(client):
    document = client.get("/api/v1/openapi.json").get_json()
    update = document["components"]["schemas"]["AnswersUpdate"]
    assert update["additionalProperties"] is False
    answers = update["properties"]["answers"]
    assert answers["additionalProperties"] is False and len(answers["patternProperties"]) == 1
    token = document["paths"]["/survey/{token}"]["get"]["parameters"][0]
    assert token["name"] == "token" and token["schema"]["maxLength"] == 200
    for path in ("/survey/{token}", "/survey/{token}/answers", "/survey/{token}/submit", "/survey/public/{code}"):
        for operation in document["paths"][path].values():
            assert operation["responses"]["429"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"}
