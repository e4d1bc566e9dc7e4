"""The evidence chain in both directions, and drafting texts from it."""
from __future__ import annotations

import pytest

from app.concept import plans, queries, services
from app.concept.models import SectionSource
from app.errors import ValidationError
from app.extensions import db

QUOTES = [("Abends gibt es keine Sprachkurse für Berufstätige.", "Verwaltung"),
          ("Die Kurse sind voll, man wartet Monate.", "Verwaltung"),
          ("Ohne Kinderbetreuung kann ich nicht zum Kurs.", "Bürgerinnen und Bürger mit Zuwanderungsgeschichte"),
          ("Wir bräuchten Kurse direkt im Stadtteil.", "Verwaltung"),
          ("Sprachkurse mit Praxisbezug fehlen.", "Verwaltung"),
          ("Mehr Lernorte im Quartier wären gut.", "Verwaltung")]


@pytest.fixture
def evidence_setup(make_concept, make_theme, make_voted_item):
    concept = make_concept()
    project = concept.project
    field = project.fields_of_action[4]
    theme = make_theme(project, field, "Sprachkurse passen nicht zum Alltag", QUOTES,
                       definition="Zeiten, Orte und Betreuung der Kurse")
    small = make_theme(project, field, "Anerkennung von Abschlüsse dauert",
                       [("Seit zwei Jahren warte ich.", "Verwaltung")])
    goal = plans.create_goal(concept, field, kind="guiding_goal", title="Sprache und Beruf verbinden",
                             theme_ids=[theme.id])
    item = make_voted_item(project, field, kind="action_goal", title="Kurse mit Kinderbetreuung", theme_id=small.id,
                           dots=9, voters=3)
    action = plans.adopt_workshop_item(concept, item.id, parent=goal)
    measure = plans.create_measure(concept, field, title="Berufssprachkurse mit Betreuung",
                                   goal_ids=[goal.id, action.id], status="planned")
    return concept, field, theme, small, goal, action, measure


def test_chain_from_measure_to_goals_votes_themes_and_quotes(author_client, evidence_setup):
    concept, field, theme, small, goal, action, measure = evidence_setup
    chain = queries.measure_evidence(concept, measure)
    assert [g.goal for g in chain.goals] == [goal, action]
    assert [t.id for t in chain.goals[0].themes] == [theme.id]
    assert chain.goals[1].priority.dots == 9 and [t.id for t in chain.goals[1].themes] == [small.id]
    page = author_client.get(f"/concept/{concept.project_id}/measures/{measure.id}").get_data(as_text=True)
    assert "Sprache und Beruf verbinden" in page and "9 Punkte" in page
    goal_page = author_client.get(f"/concept/{concept.project_id}/goals/{goal.id}").get_data(as_text=True)
    assert "Berufssprachkurse mit Betreuung" in goal_page
    assert "Abends gibt es keine Sprachkurse" in goal_page or "Kurse sind voll" in goal_page
    theme_page = author_client.get(f"/concept/{concept.project_id}/themes/{theme.id}").get_data(as_text=True)
    assert "Person" in theme_page and "Verwaltung" in theme_page
    assert "weniger als 5" in theme_page


def test_chain_backwards_from_theme_to_goals_and_measures(author_client, evidence_setup):
    concept, field, theme, small, goal, action, measure = evidence_setup
    backwards = queries.theme_evidence(concept, small.id)
    assert backwards.goals == [action]
    assert backwards.measures == [measure]
    direct = queries.theme_evidence(concept, theme.id)
    assert direct.goals == [goal] and direct.measures == [measure]
    page = author_client.get(f"/concept/{concept.project_id}/themes/{small.id}").get_data(as_text=True)
    assert "Kurse mit Kinderbetreuung" in page and "Berufssprachkurse mit Betreuung" in page
    overview = author_client.get(f"/concept/{concept.project_id}/evidence").get_data(as_text=True)
    assert "Sprachkurse passen nicht zum Alltag" in overview
    assert author_client.get(f"/concept/{concept.project_id}/themes/99999").status_code == 404


def test_draft_strengths_from_themes_with_sources(evidence_setup):
    concept, field, theme, small, goal, action, measure = evidence_setup
    proposal = services.draft_from_evidence(concept, field, "strengths")
    body = proposal.body
    assert "**Sprachkurse passen nicht zum Alltag** (6 Aussagen von 6 Befragten)" in body
    assert "> „" in body and "“ (Person" in body and ", Verwaltung)" in body
    assert body.index("Sprachkurse passen") < body.index("Anerkennung von")
    assert {s["id"] for s in proposal.sources} == {theme.id, small.id}
    section = proposal.section
    assert section.body == ""
    services.accept_proposal(proposal, mode="append", expected_version=section.version)
    assert section.body == body
    sources = db.session.query(SectionSource).filter_by(section_id=section.id).all()
    assert {s.source_id for s in sources} == {theme.id, small.id}
    assert min(s.paragraph for s in sources if s.source_id == theme.id) == 1


def test_draft_never_overwrites_without_consent(evidence_setup):
    concept, field, theme, small, goal, action, measure = evidence_setup
    section = queries.field_part(concept, field, "strengths")
    services.save_section(section, body="Eigener Text der Autorin.", status="draft", expected_version=1)
    proposal = services.draft_from_evidence(concept, field, "strengths")
    assert section.body == "Eigener Text der Autorin."
    services.accept_proposal(proposal, mode="append", expected_version=section.version)
    assert section.body.startswith("Eigener Text der Autorin.\n\n")
    first_theme_source = min(s.paragraph for s in section.sources if s.source_id == theme.id)
    assert first_theme_source == 2
    again = services.draft_from_evidence(concept, field, "strengths")
    with pytest.raises(ValidationError):
        services.accept_proposal(again, mode="append", expected_version=1)
    services.accept_proposal(again, mode="replace", expected_version=section.version)
    assert not section.body.startswith("Eigener Text")


def test_draft_goals_ordered_by_workshop_votes(make_concept, make_voted_item):
    concept = make_concept()
    project, field = concept.project, concept.project.fields_of_action[0]
    low = plans.create_goal(concept, field, kind="guiding_goal", title="Wenig gewählt")
    high = plans.create_goal(concept, field, kind="guiding_goal", title="Viel gewählt")
    make_voted_item(project, field, title="Viel gewählt", source=f"concept_goal:{high.id}", dots=12, voters=4)
    make_voted_item(project, field, title="Wenig gewählt", source=f"concept_goal:{low.id}", dots=2)
    make_voted_item(project, field, kind="action_goal", title="Noch nicht übernommen", dots=5)
    proposal = services.draft_from_evidence(concept, field, "goals")
    body = proposal.body
    assert body.index("**Leitziel 1:** Viel gewählt (12 Punkte") < body.index("**Leitziel 2:** Wenig gewählt")
    assert "Noch nicht übernommen (5 Punkte" in body
    kinds = {(s["kind"], s["label"]) for s in proposal.sources}
    assert ("goal", "Viel gewählt") in kinds and ("workshop_item", "Noch nicht übernommen") in kinds


def test_draft_button_and_accept_in_the_editor(author_client, evidence_setup):
    concept, field, theme, small, goal, action, measure = evidence_setup
    response = author_client.post(f"/concept/{concept.project_id}/fields/{field.id}/draft/strengths")
    assert response.status_code == 302
    section = queries.field_part(concept, field, "strengths")
    page = author_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Entwurfsvorschlag" in page
    proposal = section.proposals[0]
    accepted = author_client.post(f"/concept/{concept.project_id}/proposals/{proposal.id}/accept",
                                  data={"mode": "append", "version": section.version})
    assert accepted.status_code == 302
    page = author_client.get(f"/concept/{concept.project_id}/sections/{section.id}").get_data(as_text=True)
    assert "Quellen der Absätze" in page and f"/themes/{theme.id}" in page


def test_theme_of_another_project_is_not_shown_or_cited(author_client, evidence_setup, make_concept, make_theme):
    concept, field, theme, small, goal, action, measure = evidence_setup
    other = make_concept()
    foreign = make_theme(other.project, other.project.fields_of_action[0], "Fremdes Thema",
                         [("Anderswo gesagt.", "Verwaltung")])
    assert author_client.get(f"/concept/{concept.project_id}/themes/{foreign.id}").status_code == 404
    response = author_client.post(f"/concept/{concept.project_id}/goals/{goal.id}/edit",
                                  data={"kind": "guiding_goal", "title": goal.title, "parent_id": "0",
                                        "theme_ids": [str(theme.id), str(foreign.id)]})
    assert response.status_code == 302
    assert [c.theme_id for c in goal.citations] == [theme.id]


def test_goal_whose_cited_theme_was_removed_upstream_says_so(author_client, evidence_setup):
    from app.analysis.models import Theme

    concept, field, theme, small, goal, action, measure = evidence_setup
    removed_id = theme.id
    db.session.delete(db.session.get(Theme, removed_id))
    db.session.commit()
    chain = queries.goal_evidence(concept, goal)
    assert chain.themes == [] and chain.missing_theme_ids == [removed_id]
    page = author_client.get(f"/concept/{concept.project_id}/goals/{goal.id}").get_data(as_text=True)
    assert "zitierte Themen gibt es in der Auswertung nicht mehr" in page
