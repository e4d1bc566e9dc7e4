"""Demo concept: the outline with drafted chapters, goals and 30+ measures for the five fields of action."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.concept import evidence, plans, queries, services
from app.concept.models import Concept, Goal, IndicatorValue, Measure, MeasureUpdate
from app.extensions import db

TEXTS = {
    "Vorwort": (
        "Musterstadt am Rhein ist eine Stadt, in der Menschen aus mehr als 120 Nationen zu Hause sind. "
        "Vielfalt ist bei uns Alltag – in der Kita, im Sportverein, am Arbeitsplatz und in der Nachbarschaft.\n\n"
        "Mit der Fortschreibung des Integrationskonzepts wollen wir festhalten, was in den vergangenen Jahren "
        "gewachsen ist, und gemeinsam festlegen, wohin wir in den nächsten Jahren wollen. Entstanden ist das "
        "Konzept nicht am Schreibtisch, sondern im Gespräch: mit Ehrenamtlichen, Trägern der Wohlfahrtspflege, "
        "dem Integrationsrat, dem Jugendparlament, den Moscheegemeinden, Migrantenorganisationen, der Verwaltung "
        "und mit Bürgerinnen und Bürgern mit Zuwanderungsgeschichte.\n\n"
        "Allen, die ihre Erfahrungen und Ideen eingebracht haben, danke ich herzlich. Das Konzept ist ein "
        "Arbeitsprogramm – an seiner Umsetzung wollen wir uns messen lassen.\n\n"
        "*Die Bürgermeisterin*"),
    "Einführung": (
        "Das erste Integrationskonzept der Stadt wurde vor zehn Jahren beschlossen. Seitdem haben sich die "
        "Zuwanderung, die Angebote in der Stadt und die Erwartungen an Integrationsarbeit spürbar verändert. "
        "Der Integrationsrat hat die Verwaltung deshalb beauftragt, das Konzept fortzuschreiben.\n\n"
        "Die Fortschreibung folgt drei Grundsätzen:\n\n"
        "- **Beteiligung:** Wer von Integration betroffen ist, gestaltet sie mit.\n"
        "- **Evidenz:** Ziele und Maßnahmen stützen sich auf das, was die Befragten berichtet haben.\n"
        "- **Verbindlichkeit:** Jede Maßnahme hat einen Zeitraum, eine Zuständigkeit und – wo möglich – "
        "einen Indikator, an dem sich ihr Erfolg ablesen lässt."),
    "Prozessschritte": (
        "Die Fortschreibung wurde von einer Projektleitungsrunde aus fünf Personen gesteuert. Sie umfasste "
        "eine Interviewstudie mit Vertreterinnen und Vertretern von acht Akteursgruppen, einen "
        "Experten-Workshop zur Diskussion der Ergebnisse und einen Entscheider-Workshop, in dem Leitziele, "
        "Handlungsziele und Maßnahmen gewichtet und ergänzt wurden. Der Zwischenstand wurde im "
        "Integrationsrat vorgestellt.\n\n"
        "Die einzelnen Schritte im Überblick:"),
    "Integrationsverständnis, Leitlinien und Voraussetzungen": (
        "Dieses Kapitel beschreibt, was die Stadt unter Integration versteht, welche Blickrichtung die "
        "Fortschreibung leitet und unter welchen Voraussetzungen Integration gelingen kann."),
    "Integrationsverständnis": (
        "Integration ist für Musterstadt eine Aufgabe der ganzen Stadtgesellschaft. Ziel ist, dass alle "
        "Menschen – unabhängig von Herkunft, Religion, Geschlecht, Alter, Behinderung oder sozialer Lage – "
        "**gleichberechtigt teilhaben** können. Grundlage ist das Grundgesetz; auf dieser Grundlage achten wir "
        "die Vielfalt der Lebensweisen und sehen die Fähigkeiten jedes Einzelnen.\n\n"
        "- Integration ist ein wechselseitiger Prozess: Alteingesessene und Zugewanderte bewegen sich "
        "aufeinander zu.\n"
        "- Integration endet nicht: Sie verändert sich mit jeder Generation und jeder neuen Zuwanderung.\n"
        "- Integration heißt miteinander leben, nicht nebeneinander."),
    "Milieuspezifischer Blick": (
        "Menschen mit Zuwanderungsgeschichte sind so verschieden wie die Gesamtbevölkerung. Ob jemand "
        "Angebote nutzt, hängt oft weniger von der Herkunft ab als von Bildung, Lebenslage und Werten. Die "
        "Auswertung der Befragung vergleicht deshalb die Sicht von Befragten mit und ohne "
        "Zuwanderungsgeschichte und achtet auf Unterschiede zwischen den Akteursgruppen.\n\n"
        "Für die Maßnahmen folgt daraus: Zielgruppen werden genau beschrieben, Zugänge werden über "
        "vertraute Personen und Orte gesucht, und eine Maßnahme für alle ist nicht automatisch eine Maßnahme, "
        "die alle erreicht."),
    "Voraussetzungen gelingender Integration": (
        "- Begegnung und Verständigung im Alltag\n"
        "- gemeinsame Verantwortung: alle bewegen sich aufeinander zu\n"
        "- eine Willkommenskultur, in der sich neu Zugezogene angenommen fühlen\n"
        "- gute Kenntnisse der deutschen Sprache – und Wertschätzung der Herkunftssprachen\n"
        "- Achtung der Werte und Normen der Verfassung"),
    "Handlungsfelder, Ziele und Maßnahmen": (
        "Die Fortschreibung ordnet Ziele und Maßnahmen fünf Handlungsfeldern zu. Jedes Kapitel beschreibt "
        "zuerst die **Stärken und Entwicklungspotentiale**, die sich aus Befragung und Workshops ergeben, "
        "dann die **Leitziele und Handlungsziele** und schließlich die **Ideen und Maßnahmen** – getrennt nach "
        "bereits laufenden und geplanten Aktivitäten.\n\n"
        "Die Stadtverwaltung übernimmt eine koordinierende, ermöglichende und begleitende Rolle; der "
        "Integrationsrat gibt Impulse und vermittelt Kontakte zu Schlüsselakteuren."),
    "Anhang": "Der Anhang dokumentiert den Beteiligungsprozess und die Beteiligung an Befragung und Workshops.",
}

STRENGTHS = [
    "Die Befragten beschreiben eine lebendige Begegnungskultur: Stadtteilfeste, das Interkulturelle Frühstück "
    "und die Nachbarschaftscafés werden häufig genannt. Gleichzeitig berichten mehrere Befragte, dass "
    "Begegnungen oft unter „Gleichgesinnten“ bleiben und Neuzugezogene schwer Anschluss finden.\n\n"
    "> „Bei den Festen sind immer dieselben Leute – die, die wir eigentlich erreichen wollen, kommen nicht.“ "
    "(Person 07, Freie Träger der Wohlfahrtspflege)\n\n"
    "Entwicklungspotential sehen die Befragten vor allem in Gesprächsformaten, die Konflikte im Zusammenleben "
    "aufgreifen, bevor sie sich verfestigen.",
    "Viele Menschen engagieren sich ehrenamtlich – in der Begleitung Geflüchteter, in Vereinen und in den "
    "Moscheegemeinden. Die Befragten loben die Ehrenamtsbörse und die Patenschaftsprogramme. Kritisch gesehen "
    "wird, dass Engagierte mit Zuwanderungsgeschichte selten in Leitungsrollen sind und Ehrenamtliche sich "
    "nach belastenden Erfahrungen allein gelassen fühlen.",
    "Sportvereine, Kulturvereine und Feuerwehr öffnen sich zunehmend; einige haben mehrsprachige "
    "Ansprechpersonen. Kleinere Vereine wünschen sich Unterstützung, um neue Mitglieder zu gewinnen, und "
    "berichten von Unsicherheit im Umgang mit religiöser und kultureller Vielfalt.",
    "Kitas und Schulen sind die Orte, an denen Integration am frühesten gelingt. Die Befragten nennen "
    "Sprachförderung, Familienzentren und Elternbegleiter als Stärken. Entwicklungspotential besteht bei "
    "Übergängen (Kita–Schule, Schule–Beruf) und bei der Prävention von Diskriminierung und Radikalisierung.",
    "Jobcenter, Arbeitsagentur und Kammern arbeiten eng zusammen. Hürden sehen die Befragten bei der "
    "Anerkennung ausländischer Abschlüsse, bei berufsbezogenem Deutsch und bei der Vereinbarkeit von "
    "Sprachkurs, Arbeit und Familie – besonders für Frauen.",
]

#: Per field: (title, description, steps, period, cost amount, cost text, implemented by, status).
MEASURES = [
    [
        ("Interkulturelles Frühstück in den Stadtteilen",
         "Einmal im Monat laden Integrationsrat und Nachbarschaftscafés "
         "zum offenen Frühstück ein.", "", "fortlaufend", "2400", "", "Integrationsrat, Nachbarschaftscafés",
         "running"),
        ("Stadtteilfeste mit Migrantenorganisationen gemeinsam planen", "", "Planungsgruppe je Stadtteil bilden\n"
         "Programm gemeinsam gestalten", "jährlich", None, "im Rahmen vorhandener Mittel",
         "Kulturamt, Migrantenorganisationen", "running"),
        ("Dialogforum „Zusammenleben im Quartier“", "Moderierte Gesprächsabende zu Konflikten im Wohnumfeld.",
         "Moderatorinnen und Moderatoren schulen\nPilot im Berliner Viertel\nAuswertung und Ausweitung", "2027–2028",
         "8500", "", "Integrationsbüro, Quartiersmanagement, Wohnungsbaugesellschaft", "planned"),
        ("Anlauf- und Beratungsstelle bei Diskriminierung", "",
         "Trägerschaft klären\nBeratung zweimal wöchentlich anbieten",
         "ab 2027", "35000", "Förderung durch das Land beantragt", "Integrationsbüro, Caritas", "planned"),
        ("Vielfaltskampagne der Stadt", "Porträts von Menschen aus Musterstadt auf Plakaten und online.", "",
         "2027", "12000", "", "Pressestelle, Integrationsrat", "planned"),
        ("Mehrsprachiger Willkommensordner für Neuzugezogene", "", "", "fortlaufend", None,
         "im Rahmen vorhandener Mittel",
         "Bürgerbüro, Integrationsbüro", "running"),
        ("Interreligiöser Gesprächskreis", "", "", "fortlaufend", None, "ehrenamtlich",
         "Moscheegemeinden, Kirchengemeinden", "done"),
    ],
    [
        ("Austauschplattform zwischen Ehren- und Hauptamtlichen", "Regelmäßige Gruppengespräche mit thematischen "
         "Impulsen und Reflexion; Einzelgespräche bei Bedarf.", "", "alle zwei bis drei Monate", None,
         "im Rahmen vorhandener Mittel", "beratungsCentrum, SKFM, Sozialamt", "running"),
        ("Handlungskonzept zur Gewinnung und Qualifizierung Ehrenamtlicher", "",
         "Überblick über Anlauf- und Unterstützungsstellen bei der Ehrenamtsbörse\nInterkulturelle Ausrichtung der "
         "Anlaufstellen weiterentwickeln\nPromotoren und Multiplikatoren gewinnen", "2027–2028", "6000", "",
         "Ehrenamtsbörse, beratungsCentrum, SKFM", "planned"),
        ("Supervision für Ehrenamtliche in der Flüchtlingshilfe", "", "", "fortlaufend", "4800", "",
         "SKFM, Diakonie", "running"),
        ("Mentoring für Engagierte mit Zuwanderungsgeschichte in Vereinsvorständen", "", "", "2027–2029", "3000", "",
         "Ehrenamtsbörse, Integrationsrat", "planned"),
        ("Anerkennungsabend für Ehrenamtliche", "", "", "jährlich im Dezember", "2500", "",
         "Bürgermeisterin, Ehrenamtsbörse", "running"),
        ("Ehrenamtskarte mehrsprachig bewerben", "", "", "2027", None, "im Rahmen vorhandener Mittel",
         "Ehrenamtsbörse", "planned"),
    ],
    [
        ("Beratung „Verein für alle“", "Vereine erhalten eine Erstberatung zur interkulturellen Öffnung.",
         "Beratungsangebot bekannt machen\nzehn Vereine pro Jahr beraten", "2027–2029", "9000", "",
         "Sportbund, Integrationsbüro", "planned"),
        ("Mehrsprachiger Vereinsführer", "", "", "2027", "4000", "", "Integrationsbüro, Stadtsportverband", "planned"),
        ("Schnuppertage in Sportvereinen für geflüchtete Jugendliche", "", "", "fortlaufend", "1500", "",
         "Stadtsportverband, Jugendmigrationsdienst", "running"),
        ("Förderlotse für Migrantenorganisationen", "Hilfe bei Förderanträgen und Vereinsgründung.", "", "ab 2027",
         "7500", "", "Integrationsbüro, Kommunales Integrationszentrum", "planned"),
        ("Interkulturelle Schulung für Übungsleitungen", "", "", "halbjährlich", "2000", "",
         "Stadtsportverband, VHS", "running"),
        ("Feuerwehr-Infotag in mehreren Sprachen", "", "", "jährlich", None, "im Rahmen vorhandener Mittel",
         "Feuerwehr", "done"),
    ],
    [
        ("Alltagsintegrierte Sprachbildung in allen städtischen Kitas", "", "", "fortlaufend", None,
         "Landesmittel", "Jugendamt, Kita-Träger", "running"),
        ("Elternbegleiterinnen und Elternbegleiter", "Geschulte Eltern begleiten andere Eltern bei Fragen rund um Kita "
         "und Schule.", "", "fortlaufend", "18000", "", "Familienzentren, Kommunales Integrationszentrum", "running"),
        ("Übergangscoaching Schule–Beruf", "", "Coaching an beiden Gesamtschulen\nAusweitung auf die Realschule",
         "2027–2029", "24000", "", "Schulamt, Jobcenter, Agentur für Arbeit", "planned"),
        ("Demokratie-Werkstatt in der Jugendarbeit", "", "", "2027–2028", "5000", "", "Jugendamt, Jugendparlament",
         "planned"),
        ("Herkunftssprachlicher Unterricht sichtbar machen", "", "", "2027", None, "im Rahmen vorhandener Mittel",
         "Schulamt, Integrationsrat", "planned"),
        ("Lernpatenschaften für Grundschulkinder", "", "", "fortlaufend", "3000", "", "Ehrenamtsbörse, Grundschulen",
         "running"),
        ("Fortbildung „Vielfalt im Klassenzimmer“", "", "", "jährlich", "2500", "",
         "Kommunales Integrationszentrum, VHS", "running"),
    ],
    [
        ("Anerkennungsberatung im Rathaus", "Wöchentliche Sprechstunde zur Anerkennung ausländischer Abschlüsse.",
         "", "fortlaufend", None, "im Rahmen vorhandener Mittel", "Integrationsbüro, IQ-Netzwerk, Kammern", "running"),
        ("Job-Speeddating mit örtlichen Betrieben", "", "", "jährlich", "3500", "",
         "Wirtschaftsförderung, Jobcenter", "running"),
        ("Berufssprachkurse mit Kinderbetreuung", "", "Kursräume mit Betreuung ausstatten\nKurse in Teilzeit anbieten",
         "2027–2028", "42000", "", "VHS, Jobcenter, Familienzentren", "planned"),
        ("Praktikumsbörse für Geflüchtete", "", "", "2027", "2000", "", "Wirtschaftsförderung, Jobcenter", "planned"),
        ("Interkulturelle Öffnung der Stadtverwaltung als Arbeitgeberin", "Ausbildungsmarketing mehrsprachig; "
         "Fortbildung der Personalabteilung.", "", "2027–2029", "10000", "", "Personalamt, Integrationsbüro",
         "planned"),
        ("Frauenfrühstück „Beruf und Familie“", "", "", "monatlich", "1200", "",
         "Gleichstellungsstelle, Migrantinnenverein", "running"),
    ],
]

#: Per field and measure: which of the field's action goals the measure serves.
GOAL_REFS = [[0, 0, 1, 2, 3, 0, 0], [2, 0, 0, 1, 0, 0], [0, 1, 0, 2, 0, 1], [0, 0, 1, 2, 0, 1, 2], [0, 1, 2, 1, 0, 2]]

INDICATORS = {
    (1, 0): ("Teilnehmende Ehrenamtliche je Treffen", "Personen", "12", "25", "18"),
    (1, 1): ("Qualifizierte Ehrenamtliche", "Personen", "0", "60", "0"),
    (3, 1): ("Begleitete Familien pro Jahr", "Familien", "80", "150", "112"),
    (4, 0): ("Beratungen zur Anerkennung pro Jahr", "Beratungen", "40", "100", "65"),
    (4, 2): ("Teilnehmerinnen in Teilzeitkursen", "Personen", "0", "48", "0"),
    (2, 0): ("Beratene Vereine", "Vereine", "0", "30", "4"),
}


def load_demo(project) -> None:
    """Create the demo concept once; running it again changes nothing."""
    if db.session.scalar(select(Concept).where(Concept.project_id == project.id)) is not None:
        return
    concept = services.create_concept(project, title="Integrationskonzept Musterstadt am Rhein")
    concept.subtitle = "Fortschreibung 2026"
    for entry in queries.outline(concept):
        section = entry.section
        text = TEXTS.get(section.title)
        if text and section.field_of_action_id is None:
            section.body, section.status = text, "in_review"
    fields = list(project.fields_of_action)
    for index, field in enumerate(fields):
        strengths = queries.field_part(concept, field, "strengths")
        strengths.body, strengths.status = STRENGTHS[index % len(STRENGTHS)], "draft"
        measures_part = queries.field_part(concept, field, "measures")
        measures_part.body = ("Die Tabellen zeigen zuerst die bereits laufenden Aktivitäten, danach die geplanten "
                              "Maßnahmen mit Zeitraum, Kosten und Zuständigkeit.")
        goals_part = queries.field_part(concept, field, "goals")
        goals_part.body = "Im Entscheider-Workshop wurden die folgenden Ziele gewichtet und ergänzt."
    db.session.commit()
    themes_by_field = {field.id: evidence.themes(project.id, field.id) for field in fields}
    for index, field in enumerate(fields[:len(MEASURES)]):
        action_goals = _adopt_decision_goals(concept, field, themes_by_field.get(field.id) or [])
        _add_measures(concept, index, field, action_goals)
    _add_history(concept)
    first = fields[0] if fields else None
    if first is not None and themes_by_field.get(first.id):
        services.draft_from_evidence(concept, first, "strengths")


def _add_measures(concept, field_index: int, field, action_goals: list[Goal]) -> None:
    refs = GOAL_REFS[field_index % len(GOAL_REFS)]
    for measure_index, row in enumerate(MEASURES[field_index % len(MEASURES)]):
        title, description, steps, period, amount, cost_text, by, status = row
        ref = refs[measure_index]
        goal_ids = [action_goals[ref].id] if ref < len(action_goals) else []
        measure = plans.create_measure(concept, field, title=title, description=description, steps=steps,
                                       period=period, cost_amount=Decimal(amount) if amount else None,
                                       cost_text=cost_text, implemented_by=by, status=status, goal_ids=goal_ids)
        indicator = INDICATORS.get((field_index, measure_index))
        if indicator:
            name, unit, baseline, target, current = indicator
            plans.add_indicator(measure, name=name, unit=unit, baseline=baseline, target=target, current=current,
                                current_on=date.today() - timedelta(days=30))


def _decision_items(concept, field) -> list:
    """Return the decision-maker workshop's goals of a field in their order (workshops' read model)."""
    try:
        from app.workshops.models import Workshop, WorkshopItem
    except ImportError:
        return []
    return list(db.session.scalars(
        select(WorkshopItem).join(Workshop, WorkshopItem.workshop_id == Workshop.id)
        .where(Workshop.project_id == concept.project_id, Workshop.kind == "decision_maker",
               WorkshopItem.kind.in_(("guiding_goal", "action_goal")))
        .order_by(WorkshopItem.id)))


def _adopt_decision_goals(concept, field, themes) -> list[Goal]:
    """Adopt the goals the decision-maker workshop weighted (each guiding goal with its action goals).

    Each guiding goal cites one of the field's themes as its evidence; return the action goals in order.
    """
    items = _decision_items(concept, field)
    guiding_items = [i for i in items if i.kind == "guiding_goal" and i.field_of_action_id == field.id]
    action_goals: list[Goal] = []
    for position, item in enumerate(guiding_items):
        guiding = plans.adopt_workshop_item(concept, item.id)
        if position < len(themes):
            plans.update_goal(guiding, kind=guiding.kind, title=guiding.title, description=guiding.description,
                              theme_ids=[themes[position].id])
        for child in (i for i in items if i.parent_id == item.id):
            action_goals.append(plans.adopt_workshop_item(concept, child.id, parent=guiding))
    return action_goals


def _add_history(concept) -> None:
    """Give some measures a monitoring history (planned → running → done) for the progress report."""
    today = date.today()
    measures = list(db.session.scalars(select(Measure).where(Measure.concept_id == concept.id).order_by(Measure.id)))
    for measure in measures:
        if measure.status == "running" and measure.number % 2 == 0:
            db.session.add(MeasureUpdate(measure=measure, recorded_on=today - timedelta(days=200), status="running",
                                         previous_status="planned", note="Start nach Beschluss im Fachausschuss."))
        if measure.status == "done":
            db.session.add(MeasureUpdate(measure=measure, recorded_on=today - timedelta(days=400), status="running",
                                         previous_status="planned", note="Gestartet."))
            db.session.add(MeasureUpdate(measure=measure, recorded_on=today - timedelta(days=60), status="done",
                                         previous_status="running",
                                         note="Abgeschlossen und in die Regelarbeit überführt."))
    for indicator_measure in measures:
        for indicator in indicator_measure.indicators:
            has_change = indicator.current is not None and indicator.baseline is not None
            if has_change and indicator.current != indicator.baseline:
                middle = (indicator.baseline + indicator.current) / 2
                db.session.add(IndicatorValue(indicator=indicator, recorded_on=today - timedelta(days=180),
                                              value=middle.quantize(Decimal("0.01")), note="Halbjahreswert"))
    db.session.commit()
    db.session.expire_all()
