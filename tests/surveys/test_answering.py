"""Validation of every question kind, shared by pages, API and imports."""
from __future__ import annotations

import pytest

from app.surveys.answering import AnswerRefused, normalise_answer


def _refusal(question, value) -> str:
    with pytest.raises(AnswerRefused) as caught:
        normalise_answer(question, value)
    return caught.value.problem.key


def test_free_text_is_trimmed_and_limited(make_survey, questions):
    q = questions(make_survey())["free_text"]
    assert normalise_answer(q, "  Mehr Sprachkurse.\r\n ") == "Mehr Sprachkurse."
    assert normalise_answer(q, "   ") is None
    assert _refusal(q, 12) == "error_type"
    assert _refusal(q, "x" * 50_001) == "error_too_long"


def test_single_choice_accepts_values_and_labels_only(make_survey, questions):
    q = questions(make_survey())["single_choice"]
    assert normalise_answer(q, "mail") == "mail"
    assert normalise_answer(q, "Veranstaltung") == "event"
    assert normalise_answer(q, "By e-mail") == "mail"
    assert _refusal(q, "fax") == "error_choice"
    assert _refusal(q, ["mail"]) == "error_type"


def test_multiple_choice_keeps_option_order_and_refuses_unknown(make_survey, questions):
    q = questions(make_survey())["multiple_choice"]
    assert normalise_answer(q, ["youth", "sport"]) == ["sport", "youth"]
    assert normalise_answer(q, "Sport; Jugend") == ["sport", "youth"]
    assert normalise_answer(q, []) is None
    assert _refusal(q, ["sport", "chess"]) == "error_choice"
    assert _refusal(q, 3) == "error_type"


def test_scale_needs_an_integer_in_range(make_survey, questions):
    q = questions(make_survey())["scale"]
    assert normalise_answer(q, 1) == 1
    assert normalise_answer(q, "5") == 5
    assert _refusal(q, 6) == "error_scale"
    assert _refusal(q, 0) == "error_scale"
    assert _refusal(q, 2.5) == "error_type"
    assert _refusal(q, True) == "error_type"


def test_ranking_is_an_ordered_list_without_repeats(make_survey, questions):
    q = questions(make_survey())["ranking"]
    assert normalise_answer(q, ["work", "language"]) == ["work", "language"]
    assert normalise_answer(q, "Arbeit > Sprache > Kita") == ["work", "language", "childcare"]
    assert _refusal(q, ["work", "work"]) == "error_ranking"
    assert _refusal(q, ["work", "golf"]) == "error_choice"
    assert _refusal(q, {"work": 1}) == "error_type"


def test_required_question_blocks_submission(make_survey, invite):
    from app.surveys import submissions

    survey = make_survey()
    respondent, _token = invite(survey)
    submissions.record_consent(respondent, language="de", channel="online")
    with pytest.raises(submissions.AnswersRefused) as caught:
        submissions.submit_answers(respondent)
    required = [q.id for q in survey.questions if q.is_required]
    assert list(caught.value.problems) == required
    assert respondent.status == "started"


def test_a_bad_value_in_a_batch_saves_nothing(make_survey, invite, questions):
    from app.surveys import submissions

    survey = make_survey()
    kinds = questions(survey)
    respondent, _token = invite(survey)
    with pytest.raises(submissions.AnswersRefused):
        submissions.save_answers(respondent, {kinds["free_text"].id: "Gut", kinds["scale"].id: 9})
    assert respondent.answers == []
