"""Factories for survey tests: a survey with one question of every kind, respondents with personal links."""
from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def make_survey(app, make_project) -> Callable:
    """Return a factory creating a survey whose guide has one question of each kind."""
    from app.surveys import guides, services

    def make(project=None, *, with_guide=True, languages=("en", "ar"), **kwargs):
        project = project or make_project()
        values = dict(title="Interviewstudie", purpose="Wie lebt es sich hier?", mode="both",
                      consent_text="Ich bin einverstanden.", languages=list(languages),
                      districts=["Mitte", "Baumberg"], age_bands=["18–29", "30–49"])
        values.update(kwargs)
        survey = services.create_survey(project, **values)
        if with_guide:
            section = survey.sections[0]
            field = project.fields_of_action[0] if project.fields_of_action else None
            guides.add_question(section, kind="free_text", text="Wie erleben Sie das Zusammenleben?",
                                is_required=True, field_of_action_id=field.id if field else None,
                                translations={"en": {"text": "How do you experience living together?"},
                                              "ar": {"text": "كيف تعيش التعايش المشترك؟"}})
            guides.add_question(section, kind="single_choice", text="Wie informiert?",
                                options="mail = Per E-Mail\nevent = Veranstaltung",
                                translations={"en": {"text": "How informed?",
                                                     "options": {"mail": "By e-mail", "event": "Event"}}})
            second = guides.add_section(survey, title="Bildung")
            guides.add_question(second, kind="multiple_choice", text="Welche Bereiche?",
                                options="sport = Sport\nculture = Kultur\nyouth = Jugend")
            guides.add_question(second, kind="scale", text="Wie gut gelingt es?", scale_min=1, scale_max=5,
                                scale_labels={"1": "gar nicht", "5": "sehr gut"})
            guides.add_question(second, kind="ranking", text="Was ist am dringendsten?",
                                options="language = Sprache\nchildcare = Kita\nwork = Arbeit")
        return survey

    return make


@pytest.fixture
def questions() -> Callable:
    """Return a function giving a survey's questions by kind."""

    def by_kind(survey):
        return {q.kind: q for q in survey.ordered_questions()}

    return by_kind


@pytest.fixture
def invite(app) -> Callable:
    """Return a factory adding a respondent with a personal link; gives (respondent, token)."""
    from app.extensions import db
    from app.surveys import invitations, respondent_records

    def make(survey, *, group=None, pseudonym="", channel="personal"):
        respondent = respondent_records.add_respondent(
            survey, pseudonym=pseudonym, stakeholder_group_id=group.id if group else None, channel=channel)
        token = invitations.issue_link(respondent)
        db.session.commit()
        return respondent, token

    return make


@pytest.fixture
def full_answers() -> Callable:
    """Return valid answers for every question of a make_survey guide, keyed by question id."""

    def make(survey):
        values = {"free_text": "Gut, aber es fehlen Sprachkurse.", "single_choice": "mail",
                  "multiple_choice": ["sport", "youth"], "scale": 4, "ranking": ["work", "language", "childcare"]}
        return {str(q.id): values[q.kind] for q in survey.ordered_questions()}

    return make
