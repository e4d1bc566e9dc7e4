"""The demo's year of implementation: events held and upcoming, budgets of its measures, a published page.

Dates are relative to the day the demo is loaded, so the upcoming events stay upcoming.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from app.auth.models import utcnow
from app.concept.models import Concept, Measure
from app.extensions import db
from app.outreach import services
from app.outreach.models import Event

#: (days from today, hour, kind, title, place, district, languages, attendance per group position, notes)
PAST_EVENTS = [
    (-330, 10, "intercultural_breakfast", "Offenes interkulturelles Frühstück", "Bürgerhaus Mitte", "Mitte",
     ["tr", "ar"], {0: 9, 4: 14, 6: 6}, "Viele wünschen sich Deutschkurse mit Kinderbetreuung. Drei Personen "
     "möchten als Lotsinnen und Lotsen mitmachen."),
    (-270, 18, "district_tour", "Integrationsrat auf Tour: Berliner Viertel", "Jugendzentrum", "Berliner Viertel",
     ["tr", "ar", "ru"], {2: 5, 4: 21, 3: 7}, "Wenig Treffpunkte für Jugendliche am Abend; die Sprechstunde im "
     "Rathaus ist vielen unbekannt."),
    (-200, 16, "consultation_hour", "Interkulturelle Bürgersprechstunde", "Rathaus, Raum 104", "Mitte",
     ["tr", "ar", "fa"], {4: 8}, "Fragen zu Anerkennung von Berufsabschlüssen und zu Kita-Plätzen."),
    (-150, 19, "association_evening", "Informationsabend im Deutsch-Türkischen Kulturverein", "Vereinsheim",
     "Baumberg", ["tr"], {6: 18, 4: 11, 0: 3}, "Der Verein möchte Räume für Hausaufgabenhilfe anbieten."),
    (-90, 14, "festival", "Fest der Kulturen", "Rathausplatz", "Mitte", ["tr", "ar", "uk", "ru"],
     {0: 25, 1: 12, 4: 60, 6: 20, 3: 9}, "Großer Zuspruch; Wunsch nach einem Fest auch im Berliner Viertel."),
    (-40, 17, "round_table", "Runder Tisch Sprache und Bildung", "Volkshochschule", "Mitte", [],
     {1: 6, 7: 5, 6: 2}, "Träger stimmen ihre Kursangebote ab; eine gemeinsame Übersicht der Kurse fehlt."),
]

#: (days from today, hour, kind, title, place, district, languages, capacity or None, translations)
UPCOMING_EVENTS = [
    (12, 10, "intercultural_breakfast", "Offenes interkulturelles Frühstück im Winter", "Bürgerhaus Mitte", "Mitte",
     ["tr", "ar", "uk"], 30, {"tr": "Kış mevsiminde açık kültürlerarası kahvaltı",
                               "ar": "فطور مفتوح متعدد الثقافات في الشتاء",
                               "en": "Open intercultural breakfast in winter"}),
    (40, 18, "district_tour", "Integrationsrat auf Tour: Baumberg", "Grundschule am Lerchenweg", "Baumberg",
     ["tr", "ru"], None, {"tr": "Uyum Meclisi yolda: Baumberg", "en": "Integration council on tour: Baumberg"}),
    (75, 16, "consultation_hour", "Interkulturelle Bürgersprechstunde im Frühjahr", "Rathaus, Raum 104", "Mitte",
     ["tr", "ar", "fa"], 12, {"tr": "İlkbaharda kültürlerarası vatandaş danışma saati",
                               "en": "Intercultural citizens' consultation hour in spring"}),
]

FOLLOW_UPS = {
    0: [("Deutschkurs mit Kinderbetreuung im Bürgerhaus anbieten", "Volkshochschule")],
    1: [("Sprechstunde im Berliner Viertel bekannt machen (Plakate in vier Sprachen)", "Integrationsbüro")],
    5: [("Gemeinsame Kursübersicht aller Träger erstellen", "Integrationsbüro")],
}


def _at(days: int, hour: int) -> datetime:
    day = (utcnow() + timedelta(days=days)).date()
    return datetime.combine(day, time(hour - 1))  # local winter time (UTC+1) to UTC


def _demo_measures(project) -> list[Measure]:
    concept = db.session.scalar(select(Concept).where(Concept.project_id == project.id))
    if concept is None:
        return []
    return list(db.session.scalars(select(Measure).where(Measure.concept_id == concept.id).order_by(Measure.id)))


#: (measure position, funding source, planned, spent this year, planned next year, note)
BUDGETS = [
    (0, "municipal", "2400", "1850", "2400", ""),
    (1, "state_or_federal", "12000", "7300", "12000", "KOMM-AN NRW"),
    (1, "municipal", "1500", "1500", "1500", "Eigenanteil"),
    (2, "foundation", "5000", "2100", "0", "Bürgerstiftung"),
    (3, "municipal", "800", "0", "800", ""),
    (4, "other", "600", "600", "0", "Spenden beim Fest der Kulturen"),
]


def load_demo(project) -> None:
    """Create the demo's events, budgets and published page once; running it again changes nothing."""
    _load_events(project)
    _load_budgets(project)
    _publish_results(project)
    load_round_tables_and_factors(project)


def _publish_results(project) -> None:
    """Publish the themes the concept cites, the timeline and the report (once: a lead's later choice stays)."""
    from app.concept.models import ThemeCitation
    from app.outreach.results import offered_themes

    page = services.ensure_public_page(project)
    if page.shows_results or page.published_theme_ids:
        return
    offered = {theme.id for theme in offered_themes(project)}
    cited = list(dict.fromkeys(theme_id for theme_id in db.session.scalars(
        select(ThemeCitation.theme_id).order_by(ThemeCitation.id)) if theme_id in offered))
    if not cited:
        return
    services.update_public_page(page, slug=page.slug, is_published=True,
                                registration_retention_days=page.registration_retention_days, shows_timeline=True,
                                shows_results=True, shows_report=True, theme_ids=cited[:6])


def _load_budgets(project) -> None:
    from app.outreach.budgets import project_budgets

    measures = _demo_measures(project)
    if not measures or project_budgets(project):
        return
    year = utcnow().year
    for position, source, planned, spent, next_planned, note in BUDGETS:
        measure = measures[position % len(measures)]
        services.save_budget(project, measure_id=measure.id, year=year, funding_source=source, planned=planned,
                             spent=spent, note=note)
        if next_planned != "0":
            services.save_budget(project, measure_id=measure.id, year=year + 1, funding_source=source,
                                 planned=next_planned, spent="0", note=note)


def _load_events(project) -> None:
    if db.session.scalar(select(Event.id).where(Event.project_id == project.id).limit(1)) is not None:
        return
    page = services.ensure_public_page(project)
    services.update_public_page(page, slug=page.slug, is_published=True, registration_retention_days=30)
    fields = project.fields_of_action
    groups = project.stakeholder_groups
    measures = _demo_measures(project)
    for index, (days, hour, kind, title, place, district, languages, counts, notes) in enumerate(PAST_EVENTS):
        event = services.create_event(
            project, title=title, kind=kind, starts_at=_at(days, hour), ends_at=_at(days, hour + 2), place=place,
            district=district, languages=languages, organiser="Integrationsrat und Integrationsbüro",
            field_ids=[fields[index % len(fields)].id], is_public=True,
            measure_ids=[measures[index % len(measures)].id] if measures else [])
        services.record_attendance(event, {groups[position].id: count for position, count in counts.items()
                                           if position < len(groups)})
        services.save_notes(event, notes)
        for follow_title, responsible in FOLLOW_UPS.get(index, ()):
            services.add_follow_up(event, title=follow_title, responsible=responsible)
    for days, hour, kind, title, place, district, languages, capacity, titles in UPCOMING_EVENTS:
        event = services.create_event(
            project, title=title, kind=kind, starts_at=_at(days, hour), ends_at=_at(days, hour + 2), place=place,
            district=district, languages=languages, organiser="Integrationsrat", is_public=True,
            has_registration=capacity is not None, capacity=capacity,
            description="Alle sind willkommen. Es gibt Tee, Kaffee und Zeit für Fragen.")
        event.translations = {tag: {"title": text} for tag, text in titles.items()}
    db.session.commit()


# --- round tables and success factors ------------------------------------------------------------

#: The demo's annual needs round table: organisations (never persons), minutes, and decisions that link to
#: (goal position, measure position) of the demo concept.
ROUND_TABLE_ORGANISATIONS = ("Integrationsrat", "Volkshochschule", "Caritasverband", "Diakonie",
                             "Deutsch-Türkischer Kulturverein", "Jobcenter", "Integrationsbüro der Stadt")
ROUND_TABLE_MINUTES = (
    "Die Träger berichten, dass die Deutschkurse mit Kinderbetreuung ausgebucht sind; die Wartelisten "
    "wachsen vor allem im Berliner Viertel.\n"
    "Der Kulturverein bietet Räume für Hausaufgabenhilfe an, sucht aber Ehrenamtliche.\n"
    "Das Jobcenter sieht Bedarf an berufsbezogenen Sprachkursen in Teilzeit.\n"
    "Eine gemeinsame Übersicht aller Kursangebote fehlt weiterhin.")
ROUND_TABLE_DECISIONS = (
    ("Die Volkshochschule richtet einen zweiten Deutschkurs mit Kinderbetreuung im Berliner Viertel ein.",
     "Volkshochschule", 0, 0),
    ("Das Integrationsbüro erstellt bis zum Sommer eine gemeinsame Kursübersicht aller Träger in vier Sprachen.",
     "Integrationsbüro", None, 1),
    ("Der Kulturverein und die Lotsinnen und Lotsen starten eine Hausaufgabenhilfe in den Vereinsräumen.",
     "Deutsch-Türkischer Kulturverein", 1, None),
)
#: Ratings of the nine factors last year and this year, with the evidence of this year.
FACTOR_RATINGS = ((3, 4), (2, 3), (3, 3), (3, 4), (2, 3), (3, 4), (1, 2), (2, 2), (2, 3))
FACTOR_EVIDENCE = (
    "Über 100 Menschen haben sich an Befragung und Workshops beteiligt.",
    "Eine Koordinierungsrunde der Fachbereiche tagt vierteljährlich.",
    "Der Rat hat das Konzept einstimmig beschlossen.",
    "Der Runde Tisch zur Bedarfsermittlung bringt sieben Organisationen zusammen.",
    "Stadtteiltouren im Berliner Viertel und in Baumberg.",
    "Maßnahmen laufen in allen Handlungsfeldern.",
    "Erste interkulturelle Fortbildung für die Verwaltung geplant.",
    "Die Bürgersprechstunde ist mehrsprachig; Formulare sind noch nicht übersetzt.",
    "Indikatoren sind für alle Maßnahmen festgelegt; der erste Bericht liegt vor.",
)


def load_round_tables_and_factors(project) -> None:
    """Create the demo's needs round table and two years of success-factor assessments (once)."""
    from app.outreach import round_tables, success_factors

    measures = _demo_measures(project)
    if not round_tables.list_round_tables(project):
        goals = round_tables.project_goals(project)
        template = round_tables.needs_assessment_template(project, (utcnow() - timedelta(days=60)).year)
        round_table = round_tables.create_round_table(
            project, held_on=(utcnow() - timedelta(days=60)).date(), place="Rathaus, Ratssaal",
            organisations=list(ROUND_TABLE_ORGANISATIONS), minutes=ROUND_TABLE_MINUTES, **template)
        for text, responsible, goal, measure in ROUND_TABLE_DECISIONS:
            round_tables.add_decision(
                round_table, text=text, responsible=responsible,
                goal_ids=[goals[goal % len(goals)].id] if goal is not None and goals else [],
                measure_ids=[measures[measure % len(measures)].id] if measure is not None and measures else [])
        round_tables.create_round_table(
            project, title="Runder Tisch Arbeit und Ausbildung", held_on=(utcnow() + timedelta(days=50)).date(),
            place="Jobcenter", agenda="Berufsbezogene Sprachkurse\nAnerkennung ausländischer Abschlüsse",
            organisations=["Jobcenter", "Agentur für Arbeit", "Handwerkskammer", "Integrationsbüro der Stadt"])
    success_factors.adopt_factors(project)
    if success_factors.assessed_years(project):
        return
    year = utcnow().year
    for index, factor in enumerate(success_factors.list_factors(project)):
        before, now = FACTOR_RATINGS[index % len(FACTOR_RATINGS)]
        linked = [measures[index % len(measures)].id] if measures else []
        success_factors.save_assessment(factor, year=year - 1, rating=before, evidence="", measure_ids=[])
        success_factors.save_assessment(factor, year=year, rating=now,
                                        evidence=FACTOR_EVIDENCE[index % len(FACTOR_EVIDENCE)], measure_ids=linked)
