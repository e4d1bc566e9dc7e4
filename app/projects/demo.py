"""The demo project: a concept revision shaped like Monheim's 2016 process."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.projects import services
from app.projects.models import Project

DEMO_TITLE = "Fortschreibung des Integrationskonzepts 2026"

#: The timeline of the demo, modelled on Monheim 2016 (kind, date, done, participants).
DEMO_TIMELINE = {
    "interview_study": (date(2026, 4, 15), True, 19),
    "steering_meeting": (date(2026, 3, 22), True, 5),
    "expert_workshop": (date(2026, 7, 5), True, 24),
    "interim_presentation": (date(2026, 8, 31), True, None),
    "decision_maker_workshop": (date(2026, 11, 25), True, 36),
    "council_resolution": (date(2027, 2, 10), False, None),
    "monitoring_report": (date(2029, 2, 1), False, None),
}


def load_demo_project() -> Project:
    """Create the demo project once (from the Monheim 2016 template) and return it."""
    project = db.session.scalar(select(Project).where(Project.title == DEMO_TITLE))
    if project is not None:
        return project
    project = services.create_project(
        title=DEMO_TITLE, municipality="Musterstadt am Rhein", period_start=date(2026, 3, 1),
        period_end=date(2027, 3, 31), status="running", template="monheim_2016",
        description="Die Stadt schreibt ihr Integrationskonzept gemeinsam mit Ehrenamtlichen, Trägern, "
                    "Integrationsrat, Jugendparlament, Moscheegemeinden, Migrantenorganisationen, Verwaltung "
                    "und Bürgerinnen und Bürgern mit Zuwanderungsgeschichte fort.")
    for step in project.process_steps:
        when, done, participants = DEMO_TIMELINE.get(step.kind, (None, False, None))
        step.date, step.is_done, step.participants = when, done, participants
    db.session.commit()
    return project
