"""Personal data the surveys keep, for retention and the deletion journal (see ``app/privacy``).

Retention deletes the identity side only: contact details and personal invitation links.
Pseudonymous answers stay, they are the study's material. Art. 17 deletions of a respondent
or of contact details are journalled and replayed after a backup is restored.
"""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, null, select, update

from app.extensions import db
from app.mail.outbox import delete_outbox_files, project_outbox_files
from app.privacy.journal import fingerprint
from app.privacy.registry import Erasure, PersonalDataKind, add_erasure, add_personal_data
from app.surveys.models import Respondent, RespondentContact, Survey


def respondent_fingerprint(respondent: Respondent) -> str:
    """Return the journal fingerprint of a respondent (id, survey and creation time)."""
    return fingerprint("survey_respondents", respondent.id, respondent.survey_id, respondent.created_at)


def legacy_respondent_fingerprint(respondent: Respondent) -> str:
    """Return the fingerprint of journal entries migration 0005_retention made from earlier deletions (no time)."""
    return fingerprint("survey_respondents", respondent.id, respondent.survey_id)


def _respondent_ids(project_id: int):
    return (select(Respondent.id).join(Survey, Respondent.survey_id == Survey.id)
            .where(Survey.project_id == project_id))


def count_contacts(project_id: int) -> int:
    """Return how many respondents of the project have contact details on record."""
    return db.session.scalar(select(func.count(RespondentContact.id))
                             .where(RespondentContact.respondent_id.in_(_respondent_ids(project_id))))


def erase_contacts(project_id: int) -> int:
    """Delete the contact details of every respondent of the project (no commit)."""
    result = db.session.execute(delete(RespondentContact)
                                .where(RespondentContact.respondent_id.in_(_respondent_ids(project_id)))
                                .execution_options(synchronize_session=False))
    db.session.expire_all()
    return result.rowcount


def count_invitations(project_id: int) -> int:
    """Return how many personal invitation links of the project still work."""
    return db.session.scalar(select(func.count(Respondent.id))
                             .where(Respondent.id.in_(_respondent_ids(project_id)), Respondent.token_hash.is_not(None)))


def erase_invitations(project_id: int) -> int:
    """Invalidate every personal invitation link of the project (no commit)."""
    result = db.session.execute(update(Respondent)
                                .where(Respondent.id.in_(_respondent_ids(project_id)), Respondent.token_hash.is_not(None))
                                .values(token_hash=None, token_expires_at=None)
                                .execution_options(synchronize_session=False))
    db.session.expire_all()
    return result.rowcount


def count_outbox_mails(project_id: int) -> int:
    """Return how many mails of the project lie in instance/outbox/ (they hold names and addresses)."""
    return len(project_outbox_files(project_id))


def erase_outbox_mails(project_id: int) -> int:
    """Delete the project's mails in instance/outbox/."""
    return delete_outbox_files(project_id)


def _transcript_ids(project_id: int):
    from app.surveys.models import Transcript

    return select(Transcript.id).where(Transcript.respondent_id.in_(_respondent_ids(project_id)))


def count_transcript_originals(project_id: int) -> int:
    """Return how many transcripts of the project still hold wording from before pseudonymisation."""
    from app.surveys.models import Transcript, TranscriptTurn

    with_turns = select(TranscriptTurn.transcript_id).where(
        TranscriptTurn.transcript_id.in_(_transcript_ids(project_id)), TranscriptTurn.original_text.is_not(None))
    return db.session.scalar(select(func.count(Transcript.id)).where(
        Transcript.id.in_(_transcript_ids(project_id)),
        (Transcript.id.in_(with_turns)) | (Transcript.original_metadata_lines.is_not(None))))


def erase_transcript_originals(project_id: int) -> int:
    """Delete the original wording of the project's pseudonymised transcripts (no commit)."""
    from app.surveys.models import Transcript, TranscriptTurn

    count = count_transcript_originals(project_id)
    ids = list(db.session.scalars(_transcript_ids(project_id)))
    if ids:
        db.session.execute(update(TranscriptTurn).where(TranscriptTurn.transcript_id.in_(ids))
                           .values(original_text=None).execution_options(synchronize_session=False))
        db.session.execute(update(Transcript).where(Transcript.id.in_(ids))
                           .values(original_metadata_lines=null()).execution_options(synchronize_session=False))
    db.session.expire_all()
    return count


def _journalled_respondent(entry: dict) -> Respondent | str:
    respondent = db.session.get(Respondent, entry["subject_id"])
    if respondent is None:
        return "gone"
    if entry["fingerprint"] not in (respondent_fingerprint(respondent), legacy_respondent_fingerprint(respondent)):
        return "mismatch"
    return respondent


def replay_respondent_deletion(entry: dict) -> str:
    """Delete a journalled respondent again (after a restore)."""
    from app.surveys.respondent_records import erase_respondent

    respondent = _journalled_respondent(entry)
    if isinstance(respondent, str):
        return respondent
    project_id = respondent.survey.project_id
    erase_respondent(respondent)
    delete_outbox_files(project_id, entry["subject_id"])
    return "deleted"


def replay_contact_deletion(entry: dict) -> str:
    """Delete a journalled respondent's contact details again (after a restore)."""
    respondent = _journalled_respondent(entry)
    if isinstance(respondent, str):
        return respondent
    deleted = db.session.execute(delete(RespondentContact).where(RespondentContact.respondent_id == respondent.id)
                                 .execution_options(synchronize_session=False)).rowcount
    db.session.expire(respondent, ["contact"])
    return "deleted" if deleted else "gone"


def register_personal_data(app: Flask) -> None:
    """Tell retention and the deletion journal about the surveys' personal data."""
    add_personal_data(app, PersonalDataKind("surveys.contacts", _l("Kontaktdaten von Befragten (Name, E-Mail)"),
                                            count_contacts, erase_contacts, order=10))
    add_personal_data(app, PersonalDataKind("surveys.invitations", _l("Persönliche Einladungslinks zu Befragungen"),
                                            count_invitations, erase_invitations, order=20))
    add_personal_data(app, PersonalDataKind("surveys.outbox", _l("E-Mails an Befragte im Postausgang (instance/outbox)"),
                                            count_outbox_mails, erase_outbox_mails, order=30))
    add_personal_data(app, PersonalDataKind("surveys.transcript_originals",
                                            _l("Originalwortlaut pseudonymisierter Interviewtranskripte"),
                                            count_transcript_originals, erase_transcript_originals, order=35))
    add_erasure(app, Erasure("surveys.respondent", _l("Befragte Person mit Antworten"), replay_respondent_deletion))
    add_erasure(app, Erasure("surveys.contact", _l("Kontaktdaten einer befragten Person"), replay_contact_deletion))
