"""Demo workshops: a finished expert workshop (24 people) and the decision-maker workshop ``DEMO36``.

The decision-maker workshop was held with 36 people who weighted the goals with dots; its dot vote
stays open, so a visitor can join with ``DEMO36`` and add votes live.
"""
from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.languages.registry import participant_tags
from app.projects.models import Project
from app.workshops import participation, services
from app.workshops.models import Workshop
from app.workshops.voting import cast_ballot

DEMO_JOIN_CODE = "DEMO36"
EXPERT_JOIN_CODE = "EXPERT24"

#: Per field of action (by position): guiding goals with their action goals, and measure ideas.
DEMO_GOALS = (
    ((("Begegnung und Dialog zwischen allen Bevölkerungsgruppen fördern",
       ("Neue Begegnungsformate in jedem Stadtteil etablieren", "Konflikte im Zusammenleben frühzeitig moderieren")),
      ("Vielfalt sichtbar machen und Diskriminierung entgegentreten",
       ("Eine Anlaufstelle bei Diskriminierung einrichten", "Vielfalt in der städtischen Öffentlichkeitsarbeit zeigen"))),
     ("Stadtteilcafés als offene Treffpunkte mit Sprachpatenschaften",)),
    ((("Ehrenamtliches Engagement von und für Menschen mit Zuwanderungsgeschichte stärken",
       ("Ehrenamtliche qualifizieren und begleiten", "Menschen mit Zuwanderungsgeschichte für Leitungsrollen gewinnen")),
      ("Haupt- und Ehrenamt besser vernetzen", ("Regelmäßigen Austausch zwischen Ehren- und Hauptamtlichen sichern",))),
     ("Austauschplattform zwischen Ehren- und Hauptamtlichen weiterentwickeln",)),
    ((("Vereine und Gruppen öffnen sich für alle",
       ("Vereine bei der interkulturellen Öffnung beraten",
        "Mehrsprachige Informationen über Vereinsangebote bereitstellen")),
      ("Migrantenorganisationen als Partner stärken", ("Migrantenorganisationen bei Förderanträgen unterstützen",))),
     ("Fortbildungsreihe interkulturelle Kompetenz für Vereinsvorstände",)),
    ((("Bildungschancen von Anfang an sichern",
       ("Sprachförderung in Kitas ausbauen", "Übergänge Kita–Schule und Schule–Beruf begleiten")),
      ("Prävention gegen Diskriminierung und Radikalisierung",
       ("Demokratiebildung in Schulen und Jugendarbeit verankern",))),
     ("Elterncafés mit Sprachmittlung in Kitas und Grundschulen",)),
    ((("Zugang zu Ausbildung und Arbeit verbessern",
       ("Anerkennung ausländischer Abschlüsse beschleunigen", "Berufsbezogene Sprachförderung ausbauen")),
      ("Frauen mit Zuwanderungsgeschichte beim Berufseinstieg unterstützen",
       ("Teilzeitqualifizierungen mit Kinderbetreuung anbieten",))),
     ("Patenschaften zwischen Betrieben und Geflüchteten für Praktika und Ausbildung",)),
)
#: Participants of the decision-maker workshop (Monheim 2016: 36) and their dots each.
DECISION_PARTICIPANTS, DOTS_EACH = 36, 5


def _add_goals(workshop: Workshop, project: Project) -> list:
    goals = []
    for field, (guiding_goals, measures) in zip(project.fields_of_action, DEMO_GOALS, strict=False):
        for guiding, actions in guiding_goals:
            parent = services.create_item(workshop, kind="guiding_goal", title=guiding, field_of_action_id=field.id)
            goals.append(parent)
            for action in actions:
                goals.append(services.create_item(workshop, kind="action_goal", title=action, parent=parent))
        for measure in measures:
            services.create_item(workshop, kind="measure", title=measure, field_of_action_id=field.id)
    return goals


def _load_expert_workshop(project: Project) -> None:
    workshop = services.create_workshop(
        project, title="Experten-Workshop zu den Ergebnissen der Interviewstudie", kind="expert",
        date=date(2026, 7, 5), place="Ratssaal, Rathaus", attendance=24, join_code=EXPERT_JOIN_CODE,
        agenda="Vorstellung der Interviewergebnisse, Diskussion in Gruppen je Handlungsfeld, "
               "Bewertung der Leitziele.")
    guiding = [item for item in _add_goals(workshop, project) if item.kind == "guiding_goal"]
    voting_round = services.create_round(workshop, title="Bewertung der Leitziele", method="rating",
                                         item_ids=[g.id for g in guiding])
    services.open_round(voting_round)
    chance = random.Random(24)
    groups = project.stakeholder_groups
    for person in range(24):
        participant, _token = participation.join_workshop(
            workshop, stakeholder_group_id=groups[person % len(groups)].id if groups else None)
        cast_ballot(voting_round, participant,
                    ratings={g.id: min(5, max(1, round(chance.gauss(4.1 - 0.3 * n, 0.8))))
                             for n, g in enumerate(guiding)})
    services.close_round(voting_round)
    workshop.status = "done"
    db.session.commit()


def _cast_demo_dots(workshop: Workshop, dots, goals: list, project: Project) -> None:
    """Let the 36 participants spend their dots, each field's goals favoured differently (reproducible)."""
    chance = random.Random(DECISION_PARTICIPANTS)
    weights = [1.0 + ((index * 7) % 5) for index in range(len(goals))]
    groups = project.stakeholder_groups
    for person in range(DECISION_PARTICIPANTS):
        participant, _token = participation.join_workshop(
            workshop, stakeholder_group_id=groups[person % len(groups)].id if groups else None)
        given: dict[int, int] = {}
        while sum(given.values()) < DOTS_EACH:
            goal = chance.choices(goals, weights=weights)[0]
            if given.get(goal.id, 0) < 2:
                given[goal.id] = given.get(goal.id, 0) + 1
        cast_ballot(dots, participant, dots=given)


def _load_decision_maker_workshop(project: Project) -> None:
    workshop = services.create_workshop(
        project, title="Entscheider-Workshop zum Integrationskonzept", kind="decision_maker",
        date=date(2026, 11, 25), place="Bürgerhaus, großer Saal", attendance=DECISION_PARTICIPANTS,
        join_code=DEMO_JOIN_CODE,
        agenda="Begrüßung; Ziele je Handlungsfeld priorisieren (Punkte kleben); Maßnahmen ergänzen; "
               "Ausblick auf den Ratsbeschluss.",
        instructions="Heute entscheiden Sie mit, welche Ziele in das Integrationskonzept kommen. Sie haben 5 Punkte; "
                     "ein Ziel kann höchstens 2 Punkte bekommen. Danach können Sie eigene Ideen für Maßnahmen "
                     "vorschlagen.",
        languages=list(participant_tags()))
    goals = _add_goals(workshop, project)
    dots = services.create_round(workshop, title="Welche Ziele sind Ihnen am wichtigsten?", method="dots",
                                 item_ids=[g.id for g in goals], budget=DOTS_EACH, max_per_item=2)
    services.open_round(dots)
    _cast_demo_dots(workshop, dots, goals, project)
    services.create_round(workshop, title="Ihre Ideen für Maßnahmen", method="proposals")
    workshop.status = "running"
    db.session.commit()


def load_demo(project: Project) -> None:
    """Add the demo workshops to the demo project once (running twice changes nothing)."""
    codes = set(db.session.scalars(select(Workshop.join_code).where(Workshop.project_id == project.id)))
    if EXPERT_JOIN_CODE not in codes:
        _load_expert_workshop(project)
    if DEMO_JOIN_CODE not in codes:
        _load_decision_maker_workshop(project)
