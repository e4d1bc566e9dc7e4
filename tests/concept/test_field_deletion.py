"""A field of action that concept goals or measures belong to cannot be deleted from the project setup."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.projects.models import FieldOfAction


def _fields():
    return db.session.scalar(select(func.count()).select_from(FieldOfAction))


def test_field_with_goals_and_measures_is_kept(lead_client, make_concept):
    from app.concept import plans
    from app.concept.models import Goal, Measure

    concept = make_concept()
    project = concept.project
    field = project.fields_of_action[0]
    plans.create_goal(concept, field, kind="guiding_goal", title="Sprache fördern")
    plans.create_measure(concept, field, title="Sprachcafé")
    response = lead_client.post(f"/projects/{project.id}/fields/{field.id}/delete", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "kann nicht gelöscht werden" in page and "1 Ziel" in page and "1 Maßnahme" in page
    assert _fields() == 5
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 1
    assert db.session.scalar(select(func.count()).select_from(Measure)) == 1


def test_field_without_concept_content_can_be_deleted(lead_client, make_concept):
    concept = make_concept()
    project = concept.project
    field = project.fields_of_action[-1]
    response = lead_client.post(f"/projects/{project.id}/fields/{field.id}/delete", follow_redirects=True)
    assert "Der Eintrag wurde gelöscht." in response.get_data(as_text=True)
    assert _fields() == 4
