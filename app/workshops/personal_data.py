"""Personal data the workshops keep, for retention (see ``app/privacy``).

Participants may give a name when they join, and personal voting codes may be printed for a
named person; both are cleared when the project's retention period ends. Ballots and
proposals stay: they carry no name.
"""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.extensions import db
from app.privacy.registry import PersonalDataKind, add_personal_data
from app.workshops.models import Participant, PersonalCode, Workshop


def _workshop_ids(project_id: int):
    return select(Workshop.id).where(Workshop.project_id == project_id)


def count_names(project_id: int) -> int:
    """Return how many participant names and code labels the project's workshops keep."""
    participants = db.session.scalar(select(func.count(Participant.id)).where(
        Participant.workshop_id.in_(_workshop_ids(project_id)), Participant.display_name != ""))
    codes = db.session.scalar(select(func.count(PersonalCode.id)).where(
        PersonalCode.workshop_id.in_(_workshop_ids(project_id)), PersonalCode.label != ""))
    return participants + codes


def erase_names(project_id: int) -> int:
    """Clear participant names and code labels in the project's workshops (no commit)."""
    cleared = db.session.execute(update(Participant).where(
        Participant.workshop_id.in_(_workshop_ids(project_id)), Participant.display_name != "")
        .values(display_name="").execution_options(synchronize_session=False)).rowcount
    cleared += db.session.execute(update(PersonalCode).where(
        PersonalCode.workshop_id.in_(_workshop_ids(project_id)), PersonalCode.label != "")
        .values(label="").execution_options(synchronize_session=False)).rowcount
    db.session.expire_all()
    return cleared


def register_personal_data(app: Flask) -> None:
    """Tell retention about the names workshops keep."""
    add_personal_data(app, PersonalDataKind("workshops.names",
                                            _l("Namen von Workshop-Teilnehmenden und Beschriftungen persönlicher Codes"),
                                            count_names, erase_names, order=30))
