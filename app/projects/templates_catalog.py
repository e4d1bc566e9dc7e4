"""Starting points for a new project: Monheim 2016, Neuss, or empty."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

PROCESS_STEP_LABELS = {
    "interview_study": _l("Interviewstudie"),
    "expert_workshop": _l("Experten-Workshop"),
    "steering_meeting": _l("Projektleitungsrunde"),
    "interim_presentation": _l("Zwischenstand im Integrationsrat"),
    "decision_maker_workshop": _l("Entscheider-Workshop"),
    "council_resolution": _l("Ratsbeschluss"),
    "monitoring_report": _l("Monitoringbericht"),
    "other": _l("Sonstiger Schritt"),
}

#: The nine success factors of municipal integration policy (BMI and Bertelsmann Stiftung) on which Neuss
#: builds its concept (seed 004): (name, what it means).
NEUSS_SUCCESS_FACTORS = (
    ("Ein Konzept gemeinschaftlich entwickeln – mit allen für alle",
     "Ein umfassender Zielkatalog für die Integrationspolitik wird unter Beteiligung aller relevanten Vertreterinnen "
     "und Vertreter der Zugewanderten sowie der Aufnahmegesellschaft entwickelt."),
    ("Integration als Querschnittsaufgabe verankern",
     "Integration wird als gesamtstädtische und ressortübergreifende Aufgabe verankert; die Koordinierung "
     "garantiert eine zentrale Stelle (Integrationsbüro)."),
    ("Integration muss Chefsache sein",
     "Kommunalpolitik und Verwaltung gewährleisten eine klare politische Verbindlichkeit; Ziel ist eine "
     "fraktionsübergreifende Zusammenarbeit."),
    ("Akteure vernetzen",
     "Alle relevanten Akteure werden in die Netzwerkarbeit eingebunden; regelmäßiger Austausch und der Aufbau von "
     "Vertrauen sind die notwendige Grundlage."),
    ("Für den Stadtteil planen und arbeiten",
     "Die Stadtteile werden besonders berücksichtigt: direkter Kontakt zu den Bürgerinnen und Bürgern und "
     "angepasste Maßnahmen."),
    ("Ein breites Angebot schaffen",
     "Möglichst in allen Handlungsfeldern integrationsorientierte Maßnahmen, besonders in Bildung und Sprache, "
     "Beschäftigung, Beteiligung und Dialog."),
    ("Kommune als Arbeitgeber: Zeichen setzen",
     "Den Anteil der Beschäftigten mit Zuwanderungsgeschichte in der Verwaltung erhöhen und das übrige Personal "
     "interkulturell fortbilden."),
    ("Dienstleistungen für alle öffnen",
     "Zugangsbarrieren für Zugewanderte abbauen; die Ausländerbehörde baut ihre Rolle als Integrationsbehörde aus."),
    ("Erfolge messen",
     "Die Wirkung der Strategien und Maßnahmen wird fortlaufend auf Erfolg und Misserfolg untersucht."),
)

STANDARD_STEPS = ("interview_study", "expert_workshop", "steering_meeting", "interim_presentation",
                  "decision_maker_workshop", "council_resolution", "monitoring_report")


@dataclass(frozen=True)
class ProjectTemplate:
    """Fields of action, stakeholder groups (name, target interviews) and timeline steps to start with."""

    key: str
    label: str
    fields_of_action: tuple[str, ...] = ()
    stakeholder_groups: tuple[tuple[str, int], ...] = ()
    process_steps: tuple[str, ...] = field(default=STANDARD_STEPS)
    #: Success factors (name, description) the project starts with (outreach creates them, see
    #: ``app.extensions["project_created"]``).
    success_factors: tuple[tuple[str, str], ...] = ()


PROJECT_TEMPLATES: dict[str, ProjectTemplate] = {
    "monheim_2016": ProjectTemplate(
        key="monheim_2016",
        label="Monheim 2016",
        fields_of_action=(
            "Für ein gelingendes Miteinander einsetzen – Dialogkultur weiterentwickeln",
            "Stärkung des bürgerschaftlichen Engagements",
            "Interkulturelle Öffnung von zivilgesellschaftlichen Organisationen, Vereinen und Gruppen",
            "Bildung und Prävention",
            "Arbeitsmarktintegration",
        ),
        stakeholder_groups=(
            ("Ehrenamtliches Engagement", 3),
            ("Freie Träger der Wohlfahrtspflege", 3),
            ("Integrationsrat", 2),
            ("Jugendparlament", 2),
            ("Bürgerinnen und Bürger mit Zuwanderungsgeschichte", 3),
            ("Moscheegemeinden", 2),
            ("Migrantenorganisationen", 2),
            ("Verwaltung", 2),
        ),
    ),
    "neuss": ProjectTemplate(
        key="neuss",
        label="Neuss",
        fields_of_action=(
            "Wohnen",
            "Zusammenleben und soziale Infrastruktur",
            "Bildung und Qualifizierung",
            "Kultur und Netzwerke",
        ),
        success_factors=NEUSS_SUCCESS_FACTORS,
    ),
    "empty": ProjectTemplate(key="empty", label="", process_steps=()),
}


def template_choices() -> list[tuple[str, str]]:
    """Return the template choices for the new-project form."""
    return [
        ("monheim_2016", _l("Vorlage „Monheim 2016“: 5 Handlungsfelder, 8 Akteursgruppen, Prozessschritte")),
        ("neuss", _l("Vorlage „Neuss“: 4 Handlungsfelder, 9 Erfolgsfaktoren, Prozessschritte")),
        ("empty", _l("Leeres Projekt")),
    ]
