"""Writes on respondents as staff keep them: pseudonyms, attributes, contact, deletion and erasure. Owns the commit."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, text

from app.errors import ValidationError
from app.extensions import db
from app.languages.registry import participant_tags
from app.mail.outbox import delete_outbox_files
from app.privacy.journal import record_deletion
from app.projects.models import StakeholderGroup
from app.surveys.models import (MIGRATION_HISTORY_VALUES, Answer, ConsentRecord, Respondent, RespondentContact,
                                RespondentDeletion, Survey)
from app.surveys.personal_data import respondent_fingerprint


def next_pseudonym(survey: Survey, prefix: str = "I") -> str:
    """Return the next free pseudonym code like "I-07"."""
    taken = set(db.session.scalars(select(Respondent.pseudonym).where(Respondent.survey_id == survey.id)))
    number = len(taken) + 1
    while True:
        code = f"{prefix}-{number:02d}"
        if code not in taken:
            return code
        number += 1


def _check_attributes(survey: Survey, stakeholder_group_id, migration_history, district, age_band) -> None:
    if stakeholder_group_id is not None:
        group = db.session.get(StakeholderGroup, stakeholder_group_id)
        if group is None or group.project_id != survey.project_id:
            raise ValidationError(_("Diese Akteursgruppe gehört nicht zum Projekt."), "stakeholder_group_id")
    if migration_history not in MIGRATION_HISTORY_VALUES:
        raise ValidationError(_("Unbekannte Angabe zur Zuwanderungsgeschichte."), "migration_history")
    if district and survey.districts and district not in survey.districts:
        raise ValidationError(_("Unbekannter Stadtteil."), "district")
    if age_band and survey.age_bands and age_band not in survey.age_bands:
        raise ValidationError(_("Unbekannte Altersgruppe."), "age_band")


def add_respondent(survey: Survey, *, pseudonym: str = "", stakeholder_group_id: int | None = None,
                   migration_history: str = "not_stated", district: str = "", age_band: str = "",
                   channel: str = "interview", name: str = "", email: str = "", language: str = "de",
                   commit: bool = True) -> Respondent:
    """Add a respondent under a pseudonym; contact data (optional) goes to its own table."""
    pseudonym = (pseudonym or "").strip() or next_pseudonym(survey)
    if len(pseudonym) > 40:
        raise ValidationError(_("Das Kürzel ist zu lang (höchstens 40 Zeichen)."), "pseudonym")
    exists = db.session.scalar(select(func.count()).select_from(Respondent)
                               .where(Respondent.survey_id == survey.id, Respondent.pseudonym == pseudonym))
    if exists:
        raise ValidationError(_("Das Kürzel %(code)s ist in dieser Befragung schon vergeben.", code=pseudonym),
                              "pseudonym")
    _check_attributes(survey, stakeholder_group_id, migration_history, district, age_band)
    if language not in participant_tags():
        raise ValidationError(_("Unbekannte Sprache."), "language")
    respondent = Respondent(survey=survey, pseudonym=pseudonym, stakeholder_group_id=stakeholder_group_id,
                            migration_history=migration_history, district=district or "", age_band=age_band or "",
                            channel=channel, status="invited", language=language)
    if respondent.is_anonymous:
        respondent.created_at = respondent.stamp()
    db.session.add(respondent)
    if (name or "").strip() or (email or "").strip():
        respondent.contact = RespondentContact(name=(name or "").strip(), email=(email or "").strip())
    if commit:
        db.session.commit()
    return respondent


def update_respondent(respondent: Respondent, *, pseudonym: str, stakeholder_group_id: int | None,
                      migration_history: str, district: str, age_band: str) -> None:
    """Change a respondent's pseudonym and attributes."""
    pseudonym = (pseudonym or "").strip()
    if not pseudonym:
        raise ValidationError(_("Bitte geben Sie ein Kürzel an."), "pseudonym")
    clash = db.session.scalar(select(func.count()).select_from(Respondent).where(
        Respondent.survey_id == respondent.survey_id, Respondent.pseudonym == pseudonym,
        Respondent.id != respondent.id))
    if clash:
        raise ValidationError(_("Das Kürzel %(code)s ist in dieser Befragung schon vergeben.", code=pseudonym),
                              "pseudonym")
    _check_attributes(respondent.survey, stakeholder_group_id, migration_history, district, age_band)
    if migration_history != "not_stated" and respondent.channel in ("personal", "public") \
            and respondent.has_consent and not respondent.has_special_category_consent:
        raise ValidationError(_("Für die Angabe zur Zuwanderungsgeschichte fehlt die ausdrückliche Einwilligung."),
                              "migration_history")
    respondent.pseudonym = pseudonym
    respondent.stakeholder_group_id = stakeholder_group_id
    respondent.migration_history, respondent.district, respondent.age_band = migration_history, district, age_band
    db.session.commit()


def save_contact(respondent: Respondent, *, name: str, email: str) -> None:
    """Store or change a respondent's contact data (kept apart from the answers)."""
    name, email = (name or "").strip(), (email or "").strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise ValidationError(_("Bitte geben Sie eine gültige E-Mail-Adresse an."), "email")
    if not name and not email:
        delete_contact(respondent)
        return
    if respondent.contact is None:
        respondent.contact = RespondentContact(name=name, email=email)
    else:
        respondent.contact.name, respondent.contact.email = name, email
    db.session.commit()


def delete_contact(respondent: Respondent) -> None:
    """Delete a respondent's contact data only (journalled for backups); pseudonym and answers stay."""
    if respondent.contact is not None:
        record_deletion("surveys.contact", "art17", subject_id=respondent.id, project_id=respondent.survey.project_id,
                        fingerprint=respondent_fingerprint(respondent))
    db.session.execute(delete(RespondentContact).where(RespondentContact.respondent_id == respondent.id))
    db.session.expire(respondent, ["contact"])
    db.session.commit()
    delete_outbox_files(respondent.survey.project_id, respondent.id)
    erase_deleted_content()


def delete_respondent(respondent: Respondent) -> None:
    """Delete a respondent with answers, consent and contact; keep an anonymous count and a journal entry."""
    record_deletion("surveys.respondent", "art17", subject_id=respondent.id, project_id=respondent.survey.project_id,
                    fingerprint=respondent_fingerprint(respondent))
    project_id, respondent_id = respondent.survey.project_id, respondent.id
    erase_respondent(respondent)
    db.session.commit()
    delete_outbox_files(project_id, respondent_id)
    erase_deleted_content()


def erase_respondent(respondent: Respondent) -> None:
    """Remove a respondent's rows and add the anonymous count record, in the current transaction (no commit)."""
    db.session.add(RespondentDeletion(survey_id=respondent.survey_id, respondent_id=respondent.id,
                                      stakeholder_group_id=respondent.stakeholder_group_id,
                                      status=respondent.status))
    respondent_id = respondent.id
    for model in (Answer, ConsentRecord, RespondentContact):
        db.session.execute(delete(model).where(model.respondent_id == respondent_id))
    db.session.execute(delete(Respondent).where(Respondent.id == respondent_id))
    db.session.expunge(respondent)


def erase_deleted_content() -> None:
    """On SQLite, move the write-ahead log into the (zero-overwriting) database file and empty it.

    Until a checkpoint the WAL still holds the deleted rows' pages; ``PRAGMA secure_delete`` (set per
    connection in app/__init__.py) zeroes them in the database file. PostgreSQL needs no step here.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.commit()


def respondent_data(respondent: Respondent) -> dict:
    """Return everything stored about one respondent (for a data subject access request)."""
    from app.surveys.answering import display_value

    contact = respondent.contact
    return {
        "survey": {"id": respondent.survey_id, "title": respondent.survey.title},
        "pseudonym": respondent.pseudonym,
        "stakeholder_group": respondent.stakeholder_group.name if respondent.stakeholder_group else None,
        "migration_history": respondent.migration_history,
        "district": respondent.district,
        "age_band": respondent.age_band,
        "status": respondent.status,
        "channel": respondent.channel,
        "language": respondent.language,
        "created_at": respondent.created_at.isoformat() if respondent.created_at else None,
        "started_at": respondent.started_at.isoformat() if respondent.started_at else None,
        "completed_at": respondent.completed_at.isoformat() if respondent.completed_at else None,
        "contact": {"name": contact.name, "email": contact.email} if contact else None,
        "consents": [{"given_at": c.given_at.isoformat(), "text_version": c.text_version, "language": c.language,
                      "channel": c.channel, "covers_migration_history": c.covers_migration_history}
                     for c in respondent.consents],
        "answers": [{"question": a.question.text, "answer": display_value(a.question, a.value),
                     "value": a.value, "updated_at": a.updated_at.isoformat()}
                    for a in sorted(respondent.answers, key=lambda a: a.question.position)],
        "transcript": _transcript_data(respondent.transcript),
    }


def _transcript_data(transcript) -> dict | None:
    """Return a stored interview transcript as a data subject sees it (with the original wording where kept)."""
    if transcript is None:
        return None
    return {"metadata": list(transcript.metadata_lines),
            "original_metadata": transcript.original_metadata_lines,
            "turns": [{"time": t.timestamp, "speaker": t.speaker, "role": t.role, "text": t.text,
                       "original_text": t.original_text, "placement": t.placement,
                       "question": t.question.text if t.question is not None else None}
                      for t in transcript.turns]}
