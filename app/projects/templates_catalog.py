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
    ),
    "empty": ProjectTemplate(key="empty", label="", process_steps=()),
}


def template_choices() -> list[tuple[str, str]]:
    """Return the template choices for the new-project form."""
    return [
        ("monheim_2016", _l("Vorlage „Monheim 2016“: 5 Handlungsfelder, 8 Akteursgruppen, Prozessschritte")),
        ("neuss", _l("Vorlage „Neuss“: 4 Handlungsfelder, Prozessschritte")),
        ("empty", _l("Leeres Projekt")),
    ]
