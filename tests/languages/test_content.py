"""Content in the participant's language where it exists, German otherwise, marked so that it reads right."""
from __future__ import annotations

import re

from app.extensions import db


def _survey_with_untranslated_question(seed):
    from app.surveys import guides, invitations, respondent_records
    from app.surveys.models import Survey

    ids = seed(languages=("uk", "ar"))
    survey = db.session.get(Survey, ids["survey_id"])
    guides.add_question(survey.sections[0], kind="free_text", text="Noch etwas?")
    respondent = respondent_records.add_respondent(survey, channel="personal")
    token = invitations.issue_link(respondent)
    db.session.commit()
    return token


def test_german_fallback_is_marked_and_isolated_on_a_right_to_left_page(client, seed_translated_project):
    token = _survey_with_untranslated_question(seed_translated_project)
    client.post(f"/s/{token}?lang=ar", data={"consent": "yes", "lang": "ar"})
    page = client.get(f"/s/{token}/page/1").get_data(as_text=True)
    assert '<span lang="de" dir="ltr">Noch etwas?</span>' in page
    assert "ما الذي ينبغي أن يتغير؟" in page and 'lang="de" dir="ltr">ما' not in page


def test_german_fallback_on_a_left_to_right_page_keeps_the_page_direction(client, seed_translated_project):
    token = _survey_with_untranslated_question(seed_translated_project)
    client.post(f"/s/{token}?lang=uk", data={"consent": "yes", "lang": "uk"})
    page = client.get(f"/s/{token}/page/1").get_data(as_text=True)
    assert '<span lang="de" dir="ltr">Noch etwas?</span>' in page


def test_rank_labels_isolate_a_german_option_inside_an_arabic_sentence(client, seed_translated_project):
    from app.surveys.models import Question, Survey

    ids = seed_translated_project(languages=("ar",))
    survey = db.session.get(Survey, ids["survey_id"])
    ranking = next(q for q in survey.questions if q.kind == "ranking")
    ranking.translations = {"ar": {"text": "ما الأكثر إلحاحًا؟", "options": {"language": "دورات اللغة"}}}
    db.session.commit()
    from app.surveys import invitations, respondent_records

    respondent = respondent_records.add_respondent(db.session.get(Survey, ids["survey_id"]), channel="personal")
    token = invitations.issue_link(respondent)
    db.session.commit()
    client.post(f"/s/{token}?lang=ar", data={"consent": "yes", "lang": "ar"})
    page = client.get(f"/s/{token}/page/2").get_data(as_text=True)
    assert "المرتبة لـ «دورات اللغة»" in page
    assert "المرتبة لـ «\u2068Arbeit\u2069»" in page
    assert db.session.get(Question, ranking.id).translations["ar"]["options"] == {"language": "دورات اللغة"}


def test_numbers_take_the_languages_plural_forms(client, seed_translated_project):
    from app.workshops.models import VotingRound

    ids = seed_translated_project()
    client.get("/w/?lang=uk")
    client.post(f"/w/{ids['join_code']}", data={})
    shown = {}
    for budget in (1, 2, 5):
        voting_round = db.session.get(VotingRound, ids["round_id"])
        voting_round.budget, voting_round.max_per_item = budget, 1
        db.session.commit()
        page = client.get(f"/w/{ids['join_code']}/vote").get_data(as_text=True)
        shown[budget] = re.search(r'class="workshops-remaining"[^>]*>([^<]+)<', page).group(1)
    assert shown == {1: "Залишилося 1 з 1 бала", 2: "Залишилося 2 з 2 балів", 5: "Залишилося 5 з 5 балів"}


def test_arabic_uses_six_plural_forms(app):
    from flask_babel import force_locale

    from app.languages.catalog import _pn

    with app.test_request_context(), force_locale("ar"):
        forms = {n: _pn("Der Name ist zu lang (höchstens %(num)s Zeichen).",
                        "Der Name ist zu lang (höchstens %(num)s Zeichen).", n) for n in (0, 1, 2, 3, 11, 100)}
    assert forms[3].endswith("3 أحرف).") and forms[11].endswith("11 حرفًا).") and forms[2].endswith("2 حرفين).")
    assert forms[100].endswith("100 حرف).")
