"""Demo workshops: a finished expert workshop (24 people) and the decision-maker workshop ``DEMO36`` with an open dot vote."""
from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.projects.models import Project
from app.workshops import services
from app.workshops.models import Workshop
from app.workshops.voting import cast_ballot

DEMO_JOIN_CODE = "DEMO36"
EXPERT_JOIN_CODE = "EXPERT24"

#: Per field of action (by position): guiding goal, its action goals, and measure ideas.
DEMO_GOALS = (
    ("Menschen unterschiedlicher Herkunft begegnen sich im Alltag auf Augenhöhe und kommen miteinander ins Gespräch.",
     ("Jährlich finden in jedem Stadtteil Begegnungsfeste und Dialogabende statt.",
      "Das interreligiöse Gespräch zwischen Kirchen- und Moscheegemeinden ist verstetigt."),
     ("Stadtteilcafés als offene Treffpunkte mit Sprachpatenschaften",)),
    ("Bürgerschaftliches Engagement von und für Menschen mit Zuwanderungsgeschichte wird gestärkt und anerkannt.",
     ("Ehrenamtliche werden interkulturell geschult und regelmäßig begleitet.",
      "Mehr Menschen mit Zuwanderungsgeschichte engagieren sich in Vereinen und Initiativen."),
     ("Austauschplattform zwischen Ehren- und Hauptamtlichen weiterentwickeln",)),
    ("Vereine, Verwaltung und Einrichtungen öffnen sich interkulturell und spiegeln die Vielfalt der Stadt wider.",
     ("Die Verwaltung gewinnt mehr Auszubildende mit Zuwanderungsgeschichte.",
      "Informationen der Stadt sind in leichter Sprache und den häufigsten Herkunftssprachen verfügbar."),
     ("Fortbildungsreihe interkulturelle Kompetenz für Vereinsvorstände",)),
    ("Alle Kinder und Jugendlichen haben von Anfang an gleiche Bildungschancen; Deutschkenntnisse werden früh gefördert.",
     ("Jedes Kind mit Förderbedarf erhält vor der Einschulung eine alltagsintegrierte Sprachförderung.",
      "Eltern mit Zuwanderungsgeschichte finden leicht einen Betreuungsplatz und werden an Kita und Schule beteiligt.",
      "Wohnungssuchende Familien werden bei der Suche nach bezahlbarem Wohnraum begleitet."),
     ("Elterncafés mit Sprachmittlung in Kitas und Grundschulen",)),
    ("Zugewanderte finden eine Arbeit, die ihren Fähigkeiten und Abschlüssen entspricht.",
     ("Ausländische Berufsabschlüsse werden schneller anerkannt; eine Lotsenstelle berät dazu.",
      "Berufsbezogene Sprachkurse mit Kinderbetreuung stehen wohnortnah zur Verfügung."),
     ("Patenschaften zwischen Betrieben und Geflüchteten für Praktika und Ausbildung",)),
)


def _add_goals(workshop: Workshop, project: Project) -> list:
    goals = []
    for field, (guiding, actions, measures) in zip(project.fields_of_action, DEMO_GOALS, strict=False):
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
        participant, _token = services.join_workshop(
            workshop, stakeholder_group_id=groups[person % len(groups)].id if groups else None)
        cast_ballot(voting_round, participant,
                    ratings={g.id: min(5, max(1, round(chance.gauss(4.1 - 0.3 * n, 0.8))))
                             for n, g in enumerate(guiding)})
    services.close_round(voting_round)
    workshop.status = "done"
    db.session.commit()


def _load_decision_maker_workshop(project: Project) -> None:
    workshop = services.create_workshop(
        project, title="Entscheider-Workshop zum Integrationskonzept", kind="decision_maker",
        date=date(2026, 11, 25), place="Bürgerhaus, großer Saal", join_code=DEMO_JOIN_CODE,
        agenda="Begrüßung; Ziele je Handlungsfeld priorisieren (Punkte kleben); Maßnahmen ergänzen; "
               "Ausblick auf den Ratsbeschluss.")
    goals = _add_goals(workshop, project)
    dots = services.create_round(workshop, title="Welche Ziele sind Ihnen am wichtigsten?", method="dots",
                                 item_ids=[g.id for g in goals], budget=5, max_per_item=2)
    services.open_round(dots)
    services.create_round(workshop, title="Ihre Ideen für Maßnahmen", method="proposals")


def load_demo(project: Project) -> None:
    """Add the demo workshops to the demo project once (running twice changes nothing)."""
    codes = set(db.session.scalars(select(Workshop.join_code).where(Workshop.project_id == project.id)))
    if EXPERT_JOIN_CODE not in codes:
        _load_expert_workshop(project)
    if DEMO_JOIN_CODE not in codes:
        _load_decision_maker_workshop(project)
