"""Respondent pages without JavaScript: link lifecycle, consent, answering, review, submit, languages."""
from __future__ import annotations

import re
from datetime import timedelta

from app.auth.models import utcnow
from app.extensions import db


def _without_csrf(response) -> str:
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", response.get_data(as_text=True))


def test_unknown_and_expired_links_get_the_same_page_and_status(client, make_survey, invite):
    survey = make_survey()
    respondent, token = invite(survey)
    respondent.token_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    expired = client.get(f"/s/{token}")
    unknown = client.get("/s/this-token-does-not-exist-at-all-xyz")
    assert expired.status_code == unknown.status_code == 404
    assert _without_csrf(expired) == _without_csrf(unknown)
    assert "ungültig oder abgelaufen" in unknown.get_data(as_text=True)
    assert expired.headers["Referrer-Policy"] == "no-referrer"


def test_respondent_answers_saves_resumes_and_submits(client, make_survey, invite, questions):
    survey = make_survey()
    kinds = questions(survey)
    respondent, token = invite(survey)

    welcome = client.get(f"/s/{token}")
    assert welcome.status_code == 200
    assert welcome.headers["Referrer-Policy"] == "no-referrer"
    assert "persönliche Einladung" in welcome.get_data(as_text=True)

    refused = client.post(f"/s/{token}", data={})
    assert refused.status_code == 422
    assert "error-summary" in refused.get_data(as_text=True)

    started = client.post(f"/s/{token}", data={"consent": "yes"})
    assert started.status_code == 302 and started.headers["Location"].endswith(f"/s/{token}/page/1")

    missing = client.post(f"/s/{token}/page/1", data={"action": "next", f"q-{kinds['single_choice'].id}": "fax"})
    assert missing.status_code == 422
    assert 'href="#q-%d"' % kinds["single_choice"].id in missing.get_data(as_text=True)

    later = client.post(f"/s/{token}/page/1", data={"action": "later", f"q-{kinds['free_text'].id}": "Gut so."})
    assert later.status_code == 200 and "später weitermachen" in later.get_data(as_text=True)
    resumed = client.get(f"/s/{token}")
    assert resumed.status_code == 302 and resumed.headers["Location"].endswith("/page/2")

    rank = kinds["ranking"]
    page_two = client.post(f"/s/{token}/page/2", data={
        "action": "next", f"q-{kinds['multiple_choice'].id}": ["sport", "culture"], f"q-{kinds['scale'].id}": "4",
        f"q-{rank.id}-rank-work": "1", f"q-{rank.id}-rank-language": "2", f"q-{rank.id}-rank-childcare": ""})
    assert page_two.status_code == 302
    client.post(f"/s/{token}/page/3", data={"action": "next", "district": "Mitte", "age_band": "18–29"})

    review = client.get(f"/s/{token}/review")
    review_page = review.get_data(as_text=True)
    assert "Gut so." in review_page
    ranking = re.search(r'<ol class="surveys-ranking[^"]*">(.*?)</ol>', review_page, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", ranking) == ["Arbeit", "Sprache"]
    done = client.post(f"/s/{token}/review")
    assert done.status_code == 200 and "Vielen Dank" in done.get_data(as_text=True)

    db.session.refresh(respondent)
    assert respondent.status == "completed"
    assert respondent.district == "Mitte"
    answers = {a.question_id: a.value for a in respondent.answers}
    assert answers[rank.id] == ["work", "language"]
    assert answers[kinds["scale"].id] == 4
    assert all(a.entered_by_id is None for a in respondent.answers)

    again = client.get(f"/s/{token}")
    assert again.status_code == 200 and "bereits abgeschickt" in again.get_data(as_text=True)
    twice = client.post(f"/s/{token}/review")
    assert twice.status_code == 409 and "bereits abgeschickt" in twice.get_data(as_text=True)
    assert respondent.status == "completed"


def test_review_shows_a_scale_answer_with_its_label_in_the_respondents_language(client, make_survey, invite, questions):
    survey = make_survey()
    kinds = questions(survey)
    scale = kinds["scale"]
    scale.translations = {**scale.translations, "en": {"text": "How well does it work?", "scale_labels": {"1": "not at all"}}}
    db.session.commit()
    respondent, token = invite(survey)
    client.post(f"/s/{token}", data={"consent": "yes"})
    client.post(f"/s/{token}/page/1", data={"action": "next", f"q-{kinds['free_text'].id}": "Gut so."})
    client.post(f"/s/{token}/page/2", data={"action": "next", f"q-{scale.id}": "1"})

    def answer_shown(page: str) -> str:
        answer = re.search(r'<dt[^>]*>[^<]*(?:Wie gut gelingt es\?|How well does it work\?)</dt>\s*<dd[^>]*>(.*?)</dd>', page, re.S)
        return re.sub(r"<[^>]+>", "", answer.group(1)).strip()

    assert answer_shown(client.get(f"/s/{token}/review").get_data(as_text=True)) == "1 – gar nicht"
    assert answer_shown(client.get(f"/s/{token}/review?lang=en").get_data(as_text=True)) == "1 – not at all"


def test_ranking_with_a_repeated_rank_is_refused(client, make_survey, invite, questions):
    survey = make_survey()
    rank = questions(survey)["ranking"]
    respondent, token = invite(survey)
    client.post(f"/s/{token}", data={"consent": "yes"})
    response = client.post(f"/s/{token}/page/2", data={"action": "next", f"q-{rank.id}-rank-work": "1",
                                                       f"q-{rank.id}-rank-language": "1"})
    assert response.status_code == 422
    assert "jeden Rang nur einmal" in response.get_data(as_text=True)
    assert respondent.answers == []


def test_consent_records_time_version_language_and_channel(client, make_survey, invite):
    from app.surveys import services

    survey = make_survey()
    services.update_survey(survey, title=survey.title, purpose="", mode="both", opens_on=None, closes_on=None,
                           consent_text="Neuer Text, Version 2.", languages=["en", "ar"], asks_migration_history=True)
    respondent, token = invite(survey)
    client.get(f"/s/{token}?lang=en")
    before = utcnow() - timedelta(seconds=1)
    client.post(f"/s/{token}", data={"consent": "yes", "lang": "en"})
    db.session.refresh(respondent)
    (consent,) = respondent.consents
    assert (consent.text_version, consent.language, consent.channel) == (2, "en", "online")
    assert consent.covers_migration_history is False
    assert before <= consent.given_at <= utcnow()


def test_migration_history_needs_its_own_consent_and_not_stated_is_offered(client, make_survey, invite):
    survey = make_survey()
    respondent, token = invite(survey)
    client.post(f"/s/{token}", data={"consent": "yes"})
    about = client.get(f"/s/{token}/page/3").get_data(as_text=True)
    assert "Zuwanderungsgeschichte" not in about
    client.post(f"/s/{token}/page/3", data={"action": "next", "migration_history": "yes"})
    db.session.refresh(respondent)
    assert respondent.migration_history == "not_stated"

    other, other_token = invite(survey)
    client.post(f"/s/{other_token}", data={"consent": "yes", "migration_consent": "yes"})
    page = client.get(f"/s/{other_token}/page/3").get_data(as_text=True)
    assert "Zuwanderungsgeschichte" in page and "Keine Angabe" in page
    client.post(f"/s/{other_token}/page/3", data={"action": "next", "migration_history": "yes"})
    db.session.refresh(other)
    assert other.migration_history == "yes"
    assert other.consents[0].covers_migration_history is True


def test_public_round_stores_no_address_and_only_the_day(client, make_survey):
    from app.surveys.models import Respondent

    survey = make_survey(has_public_link=True)
    first = client.get(f"/s/p/{survey.public_code}", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert first.status_code == 200
    assert "anonyme Befragung" in first.get_data(as_text=True)
    assert first.headers["Referrer-Policy"] == "no-referrer"
    started = client.post(f"/s/p/{survey.public_code}", data={"consent": "yes"},
                          environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert started.status_code == 302
    token = started.headers["Location"].split("/s/")[1].split("/")[0]
    client.post(f"/s/{token}/page/1", data={"action": "next", f"q-{survey.ordered_questions()[0].id}": "Mehr Kitas"})
    respondent = db.session.query(Respondent).one()
    assert respondent.channel == "public"
    stamps = [respondent.created_at, respondent.started_at, respondent.consents[0].given_at,
              respondent.answers[0].updated_at]
    assert all((s.hour, s.minute, s.second, s.microsecond) == (0, 0, 0, 0) for s in stamps)
    for table in db.metadata.sorted_tables:
        if table.name.startswith("survey"):
            for row in db.session.execute(table.select()):
                assert "203.0.113.9" not in str(tuple(row))
    resumed = client.get(f"/s/p/{survey.public_code}")
    assert resumed.status_code == 302 and token in resumed.headers["Location"]


def test_arabic_page_is_right_to_left_with_translated_questions(client, make_survey, invite):
    survey = make_survey()
    _respondent, token = invite(survey)
    client.post(f"/s/{token}?lang=ar", data={"consent": "yes", "lang": "ar"})
    page = client.get(f"/s/{token}/page/1").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "كيف تعيش التعايش المشترك؟" in page
    assert "bootstrap.rtl.min.css" in page


def test_closed_survey_refuses_answers(client, make_survey, invite):
    from app.surveys import services

    survey = make_survey()
    _respondent, token = invite(survey)
    services.close_survey(survey)
    response = client.get(f"/s/{token}")
    assert response.status_code == 403 and "Die Befragung ist beendet" in response.get_data(as_text=True)


def test_leichte_sprache_uses_its_own_texts(client, make_survey, invite):
    survey = make_survey(languages=["de-x-ls"])
    _respondent, token = invite(survey)
    page = client.get(f"/s/{token}?lang=de-x-ls").get_data(as_text=True)
    assert "Ich mache mit." in page
    assert '<html lang="de" dir="ltr">' in page


def test_guessing_links_is_rate_limited(client):
    statuses = [client.get(f"/s/guess-{number:04d}").status_code for number in range(305)]
    assert statuses[0] == 404 and statuses[-1] == 429
