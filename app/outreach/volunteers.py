"""The volunteer pool ("Lotsinnen und Lotsen"): people who agreed to be contacted, their languages and districts.

Staff add a person from an event registration or by hand, always with the consent they recorded
(who, when, the wording). Leads assign volunteers to measures. A withdrawn consent or an Art. 17
request deletes the person (journalled, replayed after a restore); an Art. 15 request downloads
everything stored; the project's retention period removes the whole pool, like respondents' contacts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, String, Table, Text, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.concept.models import Concept, Measure
from app.errors import ValidationError
from app.extensions import db
from app.languages.registry import participant_tags
from app.privacy.journal import fingerprint, record_deletion
from app.privacy.registry import Erasure, PersonalDataKind, add_erasure, add_personal_data
from app.projects.models import Project

#: How a person came into the pool.
VOLUNTEER_SOURCES = ("event", "survey", "manual")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^[0-9+()/ .\-]{3,40}$")

volunteer_measures = Table(
    "outreach_volunteer_measures",
    db.metadata,
    Column("volunteer_id", ForeignKey("outreach_volunteers.id", ondelete="CASCADE"), primary_key=True),
    Column("measure_id", ForeignKey("concept_measures.id", ondelete="CASCADE"), primary_key=True),
)


class Volunteer(db.Model):
    """A person in the volunteer pool: how to reach them, languages and districts, and their recorded consent."""

    __tablename__ = "outreach_volunteers"
    __table_args__ = (CheckConstraint("source IN ('event', 'survey', 'manual')", name="source_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    #: Tags of the languages the person speaks (participant languages, German included).
    languages: Mapped[list] = mapped_column(JSON, default=list)
    #: Districts the person is at home in or would go to.
    districts: Mapped[list] = mapped_column(JSON, default=list)
    #: One of VOLUNTEER_SOURCES; the event they were won at, if any.
    source: Mapped[str] = mapped_column(String(10), default="manual")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("outreach_events.id", ondelete="SET NULL"))
    #: Anything staff need to know to ask the person (no special categories).
    note: Mapped[str] = mapped_column(Text, default="")
    #: When the person agreed to be contacted, the wording they agreed to, and who recorded it.
    consented_at: Mapped[datetime] = mapped_column(default=utcnow)
    consent_text: Mapped[str] = mapped_column(Text, default="")
    consent_language: Mapped[str] = mapped_column(String(20), default="de")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship()
    event = relationship("Event")
    recorded_by = relationship("User")
    measures: Mapped[list[Measure]] = relationship(secondary=volunteer_measures, order_by="Measure.number")


# --- reads ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VolunteerFilter:
    """What the staff list is narrowed to (empty: everybody)."""

    language: str = ""
    district: str = ""


def list_volunteers(project: Project, wanted: VolunteerFilter = VolunteerFilter()) -> list[Volunteer]:
    """Return the project's volunteers by name, narrowed to a language and a district."""
    volunteers = db.session.scalars(select(Volunteer).where(Volunteer.project_id == project.id)
                                    .order_by(func.lower(Volunteer.name), Volunteer.id))
    return [v for v in volunteers
            if (not wanted.language or wanted.language in (v.languages or []))
            and (not wanted.district or wanted.district in (v.districts or []))]


def pool_districts(project: Project) -> list[str]:
    """Return every district named in the pool or at the project's events, sorted."""
    from app.outreach.models import Event

    named = {d for districts in db.session.scalars(select(Volunteer.districts).where(Volunteer.project_id == project.id))
             for d in districts or ()}
    named |= set(db.session.scalars(select(Event.district).where(Event.project_id == project.id, Event.district != "")))
    return sorted(named, key=str.lower)


def volunteer_or_404(project: Project, volunteer_id: int) -> Volunteer:
    """Return a volunteer of the project, or answer 404."""
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.project_id != project.id:
        abort(404)
    return volunteer


def volunteer_data(volunteer: Volunteer) -> dict:
    """Return everything stored about one volunteer (for a data subject access request)."""
    return {
        "project": {"id": volunteer.project_id, "title": volunteer.project.title},
        "name": volunteer.name,
        "email": volunteer.email,
        "phone": volunteer.phone,
        "languages": list(volunteer.languages or []),
        "districts": list(volunteer.districts or []),
        "source": volunteer.source,
        "event": ({"id": volunteer.event.id, "title": volunteer.event.title,
                   "starts_at": volunteer.event.starts_at.isoformat()} if volunteer.event else None),
        "note": volunteer.note,
        "consent": {"given_at": volunteer.consented_at.isoformat(), "text": volunteer.consent_text,
                    "language": volunteer.consent_language},
        "measures": [{"id": m.id, "title": m.title} for m in volunteer.measures],
        "created_at": volunteer.created_at.isoformat() if volunteer.created_at else None,
    }


def volunteer_csv(data: dict) -> bytes:
    """Return one volunteer's data (access request) as a two-column CSV."""
    from app.spreadsheets import build_csv

    rows = [[key, data.get(key) or ""] for key in ("name", "email", "phone", "source", "note", "created_at")]
    rows += [["languages", ", ".join(data["languages"])], ["districts", ", ".join(data["districts"])]]
    if data["event"]:
        rows.append(["event", f"{data['event']['title']} ({data['event']['starts_at']})"])
    rows += [["consent_given_at", data["consent"]["given_at"]], ["consent_text", data["consent"]["text"]],
             ["consent_language", data["consent"]["language"]]]
    rows += [["measure", measure["title"]] for measure in data["measures"]]
    return build_csv(["field", "value"], rows)


# --- writes --------------------------------------------------------------------------------------

def _clean_districts(districts) -> list[str]:
    if isinstance(districts, str):
        districts = districts.split(",")
    cleaned = []
    for district in districts or ():
        district = (district or "").strip()[:200]
        if district and district not in cleaned:
            cleaned.append(district)
    return cleaned


def _apply(volunteer: Volunteer, *, name: str, email: str, phone: str, languages, districts, note: str) -> None:
    name, email, phone = (name or "").strip(), (email or "").strip(), (phone or "").strip()
    if not name:
        raise ValidationError(_("Bitte einen Namen angeben."), "name")
    if len(name) > 200:
        raise ValidationError(_("Der Name ist zu lang."), "name")
    if email and (len(email) > 254 or not EMAIL_PATTERN.match(email)):
        raise ValidationError(_("Bitte geben Sie eine gültige E-Mail-Adresse an."), "email")
    if phone and not PHONE_PATTERN.match(phone):
        raise ValidationError(_("Bitte eine Telefonnummer aus Ziffern, Leerzeichen und + / - angeben."), "phone")
    if not email and not phone:
        raise ValidationError(_("Bitte eine E-Mail-Adresse oder eine Telefonnummer angeben: sonst kann niemand "
                                "die Person ansprechen."), "email")
    tags = list(participant_tags())
    if any(tag not in tags for tag in languages or ()):
        raise ValidationError(_("Unbekannte Sprache."), "languages")
    volunteer.name, volunteer.email, volunteer.phone = name, email, phone
    volunteer.languages = sorted(set(languages or ()), key=tags.index)
    volunteer.districts = _clean_districts(districts)
    volunteer.note = (note or "").strip()[:5000]


def add_volunteer(project: Project, *, name: str, email: str = "", phone: str = "", languages=(), districts=(),
                  note: str = "", source: str = "manual", event=None, has_consented: bool = False,
                  consent_text: str = "", consent_language: str = "de", recorded_by=None) -> Volunteer:
    """Add a person to the pool; refused unless staff record that the person agreed to be contacted."""
    if source not in VOLUNTEER_SOURCES:
        raise ValidationError(_("Unbekannte Herkunft."), "source")
    if event is not None and event.project_id != project.id:
        raise ValidationError(_("Bitte nur Veranstaltungen dieses Projekts angeben."), "source")
    if not has_consented or not (consent_text or "").strip():
        raise ValidationError(_("Ohne festgehaltene Einwilligung (mit ihrem Wortlaut) kann niemand aufgenommen "
                                "werden."), "has_consented")
    volunteer = Volunteer(project_id=project.id, project=project, source=source,
                          event_id=event.id if event is not None else None,
                          consent_text=consent_text.strip()[:5000], consent_language=(consent_language or "de")[:20],
                          recorded_by_id=getattr(recorded_by, "id", None))
    _apply(volunteer, name=name, email=email, phone=phone, languages=languages, districts=districts, note=note)
    db.session.add(volunteer)
    db.session.commit()
    return volunteer


def update_volunteer(volunteer: Volunteer, *, name: str, email: str = "", phone: str = "", languages=(),
                     districts=(), note: str = "") -> None:
    """Change how to reach a volunteer, their languages, districts and note."""
    _apply(volunteer, name=name, email=email, phone=phone, languages=languages, districts=districts, note=note)
    db.session.commit()


def assign_measures(volunteer: Volunteer, measure_ids) -> None:
    """Set the measures a volunteer helps with (measures of the project's concept only)."""
    wanted = {int(i) for i in measure_ids or ()}
    measures = list(db.session.scalars(select(Measure).join(Concept, Measure.concept_id == Concept.id)
                                       .where(Measure.id.in_(wanted), Concept.project_id == volunteer.project_id))) \
        if wanted else []
    if len(measures) != len(wanted):
        raise ValidationError(_("Bitte nur Maßnahmen dieses Projekts wählen."), "measure_ids")
    volunteer.measures = measures
    db.session.commit()


def volunteer_fingerprint(volunteer: Volunteer) -> str:
    """Return the journal fingerprint of a volunteer (id, project and creation time)."""
    return fingerprint("outreach_volunteers", volunteer.id, volunteer.project_id, volunteer.created_at)


def delete_volunteer(volunteer: Volunteer) -> None:
    """Delete a volunteer with everything stored (withdrawn consent or Art. 17); journalled for backups."""
    from app.surveys.respondent_records import erase_deleted_content

    record_deletion("outreach.volunteer", "art17", subject_id=volunteer.id, project_id=volunteer.project_id,
                    fingerprint=volunteer_fingerprint(volunteer))
    db.session.delete(volunteer)
    db.session.commit()
    erase_deleted_content()


# --- personal data -------------------------------------------------------------------------------

def count_volunteers(project_id: int) -> int:
    """Return how many volunteers the project keeps."""
    return db.session.scalar(select(func.count(Volunteer.id)).where(Volunteer.project_id == project_id))


def erase_volunteers(project_id: int) -> int:
    """Delete the project's whole pool (its retention period ended; no commit)."""
    ids = select(Volunteer.id).where(Volunteer.project_id == project_id)
    db.session.execute(delete(volunteer_measures).where(volunteer_measures.c.volunteer_id.in_(ids)))
    result = db.session.execute(delete(Volunteer).where(Volunteer.project_id == project_id)
                                .execution_options(synchronize_session=False))
    db.session.expire_all()
    return result.rowcount


def replay_volunteer(entry: dict) -> str:
    """Delete a journalled volunteer again (after a restore)."""
    volunteer = db.session.get(Volunteer, entry["subject_id"])
    if volunteer is None:
        return "gone"
    if volunteer_fingerprint(volunteer) != entry["fingerprint"]:
        return "mismatch"
    db.session.delete(volunteer)
    return "deleted"


def register_volunteer_data(app: Flask) -> None:
    """Tell retention and the deletion journal about the volunteer pool."""
    add_personal_data(app, PersonalDataKind("outreach.volunteers",
                                            _l("Lotsinnen und Lotsen (Name, Kontakt, Sprachen, Stadtteile)"),
                                            count_volunteers, erase_volunteers, order=45))
    add_erasure(app, Erasure("outreach.volunteer", _l("Lotsin oder Lotse"), replay_volunteer))
