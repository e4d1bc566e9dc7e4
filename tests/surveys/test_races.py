"""Parallel requests on one answer sheet (real threads, each with its own app context and database connection).

Seen before: twenty parallel saves gave 500s on the unique answer constraint, several consent rows for
one respondent, and up to seven accepted submits on PostgreSQL.
"""
from __future__ import annotations

import threading
from collections import Counter

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.extensions import db

PARALLEL = 20


def _in_parallel(app, requests: list) -> list:
    """Run each ``request(client)`` in its own thread and client, all released at once; return the responses."""
    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)

    def run(number, request):
        client = FlaskClient(app, app.response_class, use_cookies=True)
        with app.app_context():
            barrier.wait()
            try:
                responses[number] = request(client)
            except BaseException as error:  # noqa: BLE001 - reported as the thread's answer
                responses[number] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n, r)) for n, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def _statuses(responses) -> Counter:
    return Counter(r.status_code if hasattr(r, "status_code") else repr(r) for r in responses)


def _consent_rows(respondent_id: int) -> int:
    from app.surveys.models import ConsentRecord

    return db.session.scalar(select(func.count()).select_from(ConsentRecord)
                             .where(ConsentRecord.respondent_id == respondent_id))


@pytest.fixture
def sheet(make_survey, invite, full_answers):
    """A personal link of a fresh survey: (respondent id, token, valid answers)."""
    survey = make_survey()
    respondent, token = invite(survey)
    answers = full_answers(survey)
    respondent_id = respondent.id
    db.session.remove()
    return respondent_id, token, answers


def test_twenty_parallel_api_saves_store_one_consent_and_one_answer_per_question(app, sheet):
    from app.surveys.models import Answer, Respondent

    respondent_id, token, answers = sheet
    responses = _in_parallel(app, [
        lambda client, n=n: client.put(f"/api/v1/survey/{token}/answers", json={
            "consent": True, "answers": {key: (f"Antwort {n}" if n % 2 else value)
                                         if isinstance(value, str) and " " in value else value
                                         for key, value in answers.items()}})
        for n in range(PARALLEL)])
    assert _statuses(responses) == {200: PARALLEL}
    assert _consent_rows(respondent_id) == 1
    stored = db.session.scalars(select(Answer).where(Answer.respondent_id == respondent_id)).all()
    assert sorted(a.question_id for a in stored) == sorted(int(k) for k in answers)
    assert db.session.get(Respondent, respondent_id).status == "started"


def test_twenty_parallel_api_submits_accept_exactly_one(app, client, sheet):
    from app.surveys.models import Respondent

    respondent_id, token, answers = sheet
    assert client.put(f"/api/v1/survey/{token}/answers", json={"consent": True, "answers": answers}).status_code == 200
    responses = _in_parallel(app, [lambda c: c.post(f"/api/v1/survey/{token}/submit")] * PARALLEL)
    assert _statuses(responses) == {200: 1, 409: PARALLEL - 1}
    refused = next(r for r in responses if r.status_code == 409)
    assert refused.get_json()["error"] == "Diese Antworten wurden bereits abgeschickt."
    respondent = db.session.get(Respondent, respondent_id)
    assert respondent.status == "completed" and respondent.completed_at is not None


def test_parallel_saves_and_submits_never_fail_and_submit_once(app, client, sheet):
    from app.surveys.models import Answer, Respondent

    respondent_id, token, answers = sheet
    assert client.put(f"/api/v1/survey/{token}/answers", json={"consent": True, "answers": answers}).status_code == 200
    free_text = next(k for k, v in answers.items() if isinstance(v, str) and " " in v)
    requests = []
    for number in range(PARALLEL):
        if number % 2:
            requests.append(lambda c: c.post(f"/api/v1/survey/{token}/submit"))
        else:
            requests.append(lambda c, n=number: c.put(f"/api/v1/survey/{token}/answers",
                                                      json={"answers": {free_text: f"Geändert {n}"}}))
    statuses = [r.status_code for r in _in_parallel(app, requests)]
    submits = [s for n, s in enumerate(statuses) if n % 2]
    assert set(statuses) <= {200, 409}
    assert submits.count(200) == 1
    assert db.session.get(Respondent, respondent_id).status == "completed"
    assert db.session.scalar(select(func.count()).select_from(Answer).where(Answer.respondent_id == respondent_id)) \
        == len(answers)


def test_twenty_parallel_consents_on_the_web_page_store_one(app, sheet):
    respondent_id, token, _answers = sheet
    responses = _in_parallel(app, [lambda c: c.post(f"/s/{token}", data={"consent": "yes"})] * PARALLEL)
    assert _statuses(responses) == {302: PARALLEL}
    assert _consent_rows(respondent_id) == 1


def test_twenty_parallel_saves_of_one_page_on_the_web_never_fail(app, client, sheet, questions):
    from app.surveys.models import Answer, Respondent

    respondent_id, token, _answers = sheet
    assert client.post(f"/s/{token}", data={"consent": "yes"}).status_code == 302
    survey = db.session.get(Respondent, respondent_id).survey
    first = {q.kind: q for q in survey.sections[0].questions}
    form = {f"q-{first['free_text'].id}": "Mehr Sprachkurse", f"q-{first['single_choice'].id}": "mail",
            "action": "next"}
    responses = _in_parallel(app, [lambda c: c.post(f"/s/{token}/page/1", data=form)] * PARALLEL)
    assert _statuses(responses) == {302: PARALLEL}
    stored = dict(db.session.execute(select(Answer.question_id, Answer.value)
                                     .where(Answer.respondent_id == respondent_id)).all())
    assert stored == {first["free_text"].id: "Mehr Sprachkurse", first["single_choice"].id: "mail"}


def test_twenty_parallel_web_submits_thank_exactly_once(app, client, sheet):
    from app.surveys.models import Respondent

    respondent_id, token, answers = sheet
    assert client.put(f"/api/v1/survey/{token}/answers", json={"consent": True, "answers": answers}).status_code == 200
    responses = _in_parallel(app, [lambda c: c.post(f"/s/{token}/review")] * PARALLEL)
    assert _statuses(responses) == {200: 1, 409: PARALLEL - 1}
    refused = next(r for r in responses if r.status_code == 409)
    assert "bereits abgeschickt" in refused.get_data(as_text=True)
    assert db.session.get(Respondent, respondent_id).status == "completed"
