"""Factories for analysis tests: a survey with free-text answers on three recognisable topics."""
from __future__ import annotations

import pytest

#: Answers on three topics; each respondent gets one, cycling through the list.
TOPIC_ANSWERS = {
    "kita": [
        "Es fehlen Kita-Plätze, die Betreuung der Kinder ist schwierig.",
        "Mehr Kita-Plätze und längere Betreuung am Nachmittag wären wichtig.",
        "Die Kita im Stadtteil hat keine Plätze, Betreuung fehlt.",
        "Eltern warten lange auf einen Kita-Platz für die Betreuung.",
    ],
    "sprache": [
        "Sprachkurse am Abend für berufstätige Eltern anbieten.",
        "Mehr Sprachkurse und Deutschkurse mit Kinderbetreuung.",
        "Die Sprachkurse sind voll, es braucht mehr Deutschkurse.",
        "Sprachkurse für Frauen mit Kinderbetreuung wären gut.",
    ],
    "verein": [
        "Der Sportverein ist offen, aber wenige Migranten sind im Verein.",
        "Vereine sollten sich interkulturell öffnen und Mitglieder werben.",
        "Im Verein fühlen sich neue Mitglieder oft nicht willkommen.",
        "Vereine und Ehrenamt brauchen mehr Vielfalt bei den Mitgliedern.",
    ],
}


def create_survey(project, respondents, *, title="Interviewstudie", question="Was läuft gut, was fehlt?",
                  field_index=None):
    """Create a survey with one free-text question and completed respondents (see ``make_survey``)."""
    from app.extensions import db
    from app.surveys.models import Answer, Question, Respondent, RespondentContact, Survey

    survey = Survey(project_id=project.id, title=title)
    db.session.add(survey)
    db.session.flush()
    field_id = project.fields_of_action[field_index].id if field_index is not None else None
    q = Question(survey_id=survey.id, position=1, kind="free_text", text=question, field_of_action_id=field_id)
    db.session.add(q)
    db.session.flush()
    used = {k: 0 for k in TOPIC_ANSWERS}
    for number, (topic, group_index, migration) in enumerate(respondents, start=1):
        group = project.stakeholder_groups[group_index] if group_index is not None else None
        person = Respondent(survey_id=survey.id, pseudonym=f"I-{number:02d}", status="completed",
                            stakeholder_group_id=group.id if group else None, migration_history=migration)
        db.session.add(person)
        db.session.flush()
        db.session.add(RespondentContact(respondent_id=person.id, name=contact_name(number),
                                         email=contact_email(number)))
        texts = TOPIC_ANSWERS[topic]
        db.session.add(Answer(respondent_id=person.id, question_id=q.id, value=texts[used[topic] % len(texts)]))
        used[topic] += 1
    db.session.commit()
    return survey


def contact_name(number: int) -> str:
    """Return the real name on record for respondent ``number`` (it must never reach analysis output)."""
    return f"Kontaktname Klarname{number:02d}"


def contact_email(number: int) -> str:
    """Return the e-mail on record for respondent ``number`` (it must never reach analysis output)."""
    return f"klarname{number:02d}@beispiel.example"


def standard_people() -> list[tuple[str, int, str]]:
    """Thirty respondents: ten per topic, spread over two groups and migration history."""
    people = []
    for topic in ("kita", "sprache", "verein"):
        for i in range(10):
            migration = "yes" if (topic == "sprache" and i < 8) or (topic != "sprache" and i < 3) else "no"
            people.append((topic, i % 2, migration))
    return people


@pytest.fixture
def make_survey(app):
    """Return a factory: a survey with one free-text question and completed respondents.

    ``respondents`` is a list of (topic, group_index, migration_history); each gets one
    answer taken from TOPIC_ANSWERS[topic] in turn.
    """
    return create_survey


@pytest.fixture
def standard_respondents():
    """Thirty respondents: ten per topic, spread over two groups and migration history."""
    return standard_people()


@pytest.fixture
def analysed(app, make_project, make_survey, standard_respondents):
    """Return (project, survey, analysis) after a synchronous grouping into three themes."""
    from app.analysis import services

    project = make_project()
    survey = make_survey(project, standard_respondents)
    analysis = services.create_analysis(project, title="Interviews", scope="survey", survey_id=survey.id,
                                        theme_count=3)
    services.run_analysis(analysis)
    return project, survey, analysis
