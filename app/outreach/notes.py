"""What was raised at an event, taken into the analysis like survey answers.

Each paragraph of an event's notes becomes the answer of one anonymous "respondent" of a closed survey
that belongs to the event ("Notizen: <title> (<date>)", one free-text question, answers imported with
the survey import service, channel ``import``). The analysis then groups these texts with the survey
answers of the project; the survey's title and the pseudonyms ``VA<event>-<n>`` mark where they come
from. Taking the notes over again adds only paragraphs that are new since the last time.
"""
from __future__ import annotations

import re
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.outreach.models import Event

#: The question every event's notes answer.
NOTES_QUESTION = "Was wurde bei der Veranstaltung angesprochen?"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class EventNotesSurvey(db.Model):
    """The survey an event's notes were taken into (one per event), and when they were taken over last."""

    __tablename__ = "outreach_event_notes_surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outreach_events.id", ondelete="CASCADE"), unique=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), unique=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id", ondelete="CASCADE"))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship()
    survey = relationship("Survey")
    question = relationship("Question")


def note_paragraphs(notes: str) -> list[str]:
    """Return the paragraphs of an event's notes (blank lines separate them), without empty ones."""
    return [" ".join(part.split()) for part in _PARAGRAPH_BREAK.split((notes or "").replace("\r\n", "\n"))
            if part.strip()]


def notes_survey(event: Event) -> EventNotesSurvey | None:
    """Return where the event's notes went into the analysis, if they did."""
    return db.session.scalar(select(EventNotesSurvey).where(EventNotesSurvey.event_id == event.id))


def _create_notes_survey(event: Event) -> EventNotesSurvey:
    from app.surveys import guides, services as survey_services

    day = event.starts_at.date().strftime("%d.%m.%Y")
    survey = survey_services.create_survey(
        event.project, title=_("Notizen: %(title)s (%(day)s)", title=event.title, day=day)[:200],
        purpose=_("Aus den Notizen der Veranstaltung „%(title)s“ am %(day)s übernommen (Umsetzung › "
                  "Veranstaltungen); jede Antwort ist ein Absatz der Notizen, keine einzelne Person.",
                  title=event.title, day=day),
        mode="interview", asks_migration_history=False)
    fields = event.fields_of_action
    question = guides.add_question(survey.sections[0], kind="free_text", text=_(NOTES_QUESTION),
                                   field_of_action_id=fields[0].id if len(fields) == 1 else None)
    survey.is_closed = True
    record = EventNotesSurvey(event_id=event.id, survey_id=survey.id, question_id=question.id)
    db.session.add(record)
    db.session.flush()
    return record


def import_event_notes(event: Event, *, entered_by) -> int:
    """Take the event's note paragraphs into the analysis as answers; return how many were new."""
    from app.surveys.imports import ParsedSheet, plan_import, run_import
    from app.surveys.models import Answer

    paragraphs = note_paragraphs(event.notes)
    if not paragraphs:
        raise ValidationError(_("Die Veranstaltung hat noch keine Notizen."), "notes")
    record = notes_survey(event) or _create_notes_survey(event)
    taken = set(db.session.scalars(select(Answer.value).where(Answer.question_id == record.question_id)))
    new = [text for text in dict.fromkeys(paragraphs) if text not in taken]
    if new:
        first = len(record.survey.respondents) + 1
        sheet = ParsedSheet(header=["pseudonym", "text"],
                            rows=[[f"VA{event.id}-{number}", text] for number, text in enumerate(new, start=first)])
        plan = plan_import(record.survey, sheet, {0: "pseudonym", 1: f"q:{record.question_id}"})
        record.imported_at = utcnow()
        run_import(record.survey, plan, entered_by=entered_by)
    else:
        db.session.commit()
    return len(new)
