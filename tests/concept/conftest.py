"""Factories for concept tests; upstream data (themes, workshop votes) is made through its own models/services."""
from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def author_client(client, make_user, login):
    """A client logged in as an author."""
    user = make_user(roles=("author",), full_name="Anna Autorin")
    login(user)
    client.user = user
    return client


@pytest.fixture
def make_concept(make_project) -> Callable:
    """Return a factory creating a project (Monheim template) with its concept."""
    from app.concept import services

    def make(project=None, **kwargs):
        project = project or make_project(**kwargs)
        return services.create_concept(project)

    return make


def build_theme(project, field, label, quotes, definition="", number=1):
    """Create an analysis theme with passages (quotes) from respondents of the given groups.

    ``quotes`` is a list of (text, stakeholder group name); each gets its own respondent.
    """
    from app.analysis.models import AnalysedAnswer, Analysis, Passage, Theme, ThemeAssignment
    from app.extensions import db
    from app.surveys.models import Answer, Question, Respondent, Survey

    survey = Survey(project_id=project.id, title=f"Interviews {number}")
    db.session.add(survey)
    db.session.flush()
    question = Question(survey_id=survey.id, kind="free_text", text="Was gelingt, was fehlt?",
                        field_of_action_id=field.id)
    analysis = Analysis(project_id=project.id, title=f"Auswertung {number}", scope="field_of_action",
                        field_of_action_id=field.id, status="ready")
    db.session.add_all([question, analysis])
    db.session.flush()
    theme = Theme(analysis_id=analysis.id, label=label, definition=definition, field_of_action_id=field.id,
                  is_human=True, is_label_human=True)
    db.session.add(theme)
    db.session.flush()
    groups = {g.name: g for g in project.stakeholder_groups}
    for index, (text, group_name) in enumerate(quotes):
        group = groups.get(group_name)
        respondent = Respondent(survey_id=survey.id, pseudonym=f"Person {number:02d}-{index + 1:02d}",
                                stakeholder_group_id=group.id if group else None, status="completed")
        db.session.add(respondent)
        db.session.flush()
        answer = Answer(respondent_id=respondent.id, question_id=question.id, value=text)
        db.session.add(answer)
        db.session.flush()
        copy = AnalysedAnswer(analysis_id=analysis.id, answer_id=answer.id, respondent_id=respondent.id,
                              pseudonym=respondent.pseudonym, stakeholder_group_id=group.id if group else None,
                              stakeholder_group=group_name, attributes={}, survey_id=survey.id,
                              question_id=question.id, question_text=question.text, field_of_action_id=field.id,
                              text=text)
        db.session.add(copy)
        db.session.flush()
        passage = Passage(analysis_id=analysis.id, analysed_answer_id=copy.id, start=0, end=len(text), text=text)
        db.session.add(passage)
        db.session.flush()
        db.session.add(ThemeAssignment(passage_id=passage.id, theme_id=theme.id, source="human"))
    db.session.commit()
    return theme


@pytest.fixture
def make_theme(app) -> Callable:
    """Return a factory creating an analysis theme with quotes (see ``build_theme``)."""
    counter = {"n": 0}

    def make(project, field, label, quotes, definition=""):
        counter["n"] += 1
        return build_theme(project, field, label, quotes, definition, counter["n"])

    return make


@pytest.fixture
def make_voted_item(app) -> Callable:
    """Return a factory creating a workshop item and giving it ``dots`` from ``voters`` participants."""
    from app.workshops import participation, services as workshop_services
    from app.workshops.voting import cast_ballot

    state = {"workshop": None}

    def make(project, field, *, kind="guiding_goal", title="Ziel aus dem Workshop", source=None, theme_id=None,
             dots=0, voters=1):
        if state["workshop"] is None or state["workshop"].project_id != project.id:
            state["workshop"] = workshop_services.create_workshop(project, title="Entscheider-Workshop",
                                                                  kind="decision_maker", attendance=36)
        workshop = state["workshop"]
        item = workshop_services.create_item(workshop, kind=kind, title=title, field_of_action_id=field.id,
                                             source=source, theme_id=theme_id)
        if dots:
            voting_round = workshop_services.create_round(workshop, title=f"Punkte für {item.id}", method="dots",
                                                          item_ids=[item.id], budget=max(dots, 1),
                                                          max_per_item=max(dots, 1))
            workshop_services.open_round(voting_round)
            per_voter = [dots // voters + (1 if i < dots % voters else 0) for i in range(voters)]
            for share in per_voter:
                participant, _ = participation.join_workshop(workshop, display_name="")
                if share:
                    cast_ballot(voting_round, participant, dots={item.id: share})
            workshop_services.close_round(voting_round)
        return item

    return make


@pytest.fixture
def filled(make_concept, make_theme, make_voted_item):
    """A concept with themes, voted goals, measures in every state, an indicator and a varied foreword."""
    from datetime import date
    from decimal import Decimal

    from app.concept import plans, services

    concept = make_concept(municipality="Monheim am Rhein")
    project = concept.project
    field = project.fields_of_action[1]
    theme = make_theme(project, field, "Ehrenamt braucht Begleitung",
                       [("Nach schweren Gesprächen fühlt man sich allein.", "Ehrenamtliches Engagement")] * 6)
    make_theme(project, field, "Anerkennung fehlt", [("Niemand sagt einmal danke.", "Integrationsrat")] * 3)
    goal = plans.create_goal(concept, field, kind="guiding_goal", title="Engagement stärken", theme_ids=[theme.id])
    action = plans.create_goal(concept, field, kind="action_goal", title="Ehrenamtliche qualifizieren",
                               parent=goal)
    make_voted_item(project, field, title=goal.title, source=f"concept_goal:{goal.id}", dots=11, voters=4)
    make_voted_item(project, field, kind="action_goal", title=action.title, source=f"concept_goal:{action.id}",
                    dots=4, voters=2)
    measure = plans.create_measure(concept, field, title="Austauschplattform",
                                   description="Gruppengespräche mit **Input**.", steps="Termine festlegen\nEinladen",
                                   period="fortlaufend", cost_text="im Rahmen vorhandener Mittel",
                                   implemented_by="beratungsCentrum, SKFM", status="running", goal_ids=[goal.id])
    plans.add_indicator(measure, name="Teilnehmende je Treffen", unit="Personen", baseline="12", target="25",
                        current="18", current_on=date(2026, 10, 1))
    plans.create_measure(concept, field, title="Handlungskonzept Ehrenamt", period="2027–2028",
                         cost_amount=Decimal("1234.5"), implemented_by="Ehrenamtsbörse", status="planned")
    plans.create_measure(concept, field, title="Abgeschlossene Aktion", status="done")
    plans.create_measure(concept, field, title="Gestrichen", status="dropped")
    foreword = next(s for s in concept.sections if s.title == "Vorwort")
    services.save_section(foreword, body="Ein **Vorwort**.\n\n- Punkt eins\n\n> Ein Zitat\n\nمرحبا بكم في مدينتنا",
                          status="final", expected_version=1)
    return concept, field
