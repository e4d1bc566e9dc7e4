"""What participants do and what staff hand them: personal codes, joining, their language, proposals.

Messages a participant reads are participant texts (``_pl``/``_pnl``), in that person's language.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.auth.models import utcnow
from app.database_ids import as_database_id
from app.errors import ValidationError
from app.extensions import db
from app.languages.catalog import _pl, _pnl
from app.languages.registry import participant_tags
from app.projects.models import FieldOfAction, StakeholderGroup
from app.tokens import hash_token, issue_short_code, issue_token
from app.workshops.models import ITEM_KINDS, Participant, PersonalCode, Proposal, VotingRound, Workshop
from app.workshops.services import NAME_MAX, TEXT_MAX, TITLE_MAX, collapse_spaces

#: Most personal codes generated at once (a printable sheet per batch).
PERSONAL_CODES_MAX = 500
#: Most proposals one participant may make in one round.
PROPOSALS_MAX = 20


def generate_personal_codes(workshop: Workshop, count: int, labels: list[str] | None = None) -> list[tuple[str, str]]:
    """Create ``count`` personal codes and return (code, label) pairs once: only hashes are stored."""
    if count < 1 or count > PERSONAL_CODES_MAX:
        raise ValidationError(_l("Bitte zwischen 1 und %(n)s Codes erzeugen.", n=PERSONAL_CODES_MAX), "count")
    labels = [collapse_spaces(label)[:200] for label in (labels or [])]
    issued = []
    for index in range(count):
        code = "-".join(issue_short_code(4) for _part in range(3))
        label = labels[index] if index < len(labels) else ""
        db.session.add(PersonalCode(workshop_id=workshop.id, code_hash=hash_token(code), label=label))
        issued.append((code, label))
    db.session.commit()
    return issued


def release_personal_code(code: PersonalCode) -> None:
    """Let the person of a used code join again (e.g. after changing phones) as the same participant.

    The earlier phone loses access (its token is replaced on the next join), and the
    person keeps their ballots, so releasing never grants a second vote.
    """
    if code.used_at is None:
        raise ValidationError(_l("Dieser Code wurde noch nicht verwendet."))
    code.used_at = None
    db.session.commit()


def _normalise_personal_code(code: str) -> str:
    letters = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def join_workshop(workshop: Workshop, *, display_name: str = "", stakeholder_group_id: int | None = None,
                  personal_code: str | None = None, language: str = "de") -> tuple[Participant, str]:
    """Admit a participant and return it with its token (give the token out; only its hash is stored).

    Messages are participant texts: the person reads them in their language.
    """
    name = collapse_spaces(display_name)
    if len(name) > NAME_MAX:
        raise ValidationError(_pnl("Der Name ist zu lang (höchstens %(num)s Zeichen).",
                                   "Der Name ist zu lang (höchstens %(num)s Zeichen).", NAME_MAX), "name")
    language = language if language in participant_tags() else "de"
    group_id = None
    if stakeholder_group_id not in (None, "", 0):
        group_key = as_database_id(stakeholder_group_id)
        group = db.session.get(StakeholderGroup, group_key) if group_key else None
        if group is None or group.project_id != workshop.project_id:
            raise ValidationError(_pl("Unbekannte Akteursgruppe."), "group")
        group_id = group.id
    if workshop.status == "done":
        raise ValidationError(_pl("Dieser Workshop ist beendet."), "code")
    code_row = None
    if workshop.requires_personal_code:
        code_row = db.session.scalar(select(PersonalCode).where(
            PersonalCode.code_hash == hash_token(_normalise_personal_code(personal_code or "")),
            PersonalCode.workshop_id == workshop.id))
        if code_row is None:
            raise ValidationError(_pl("Dieser persönliche Code ist nicht gültig."), "personal_code")
        claimed = db.session.execute(
            PersonalCode.__table__.update()
            .where(PersonalCode.id == code_row.id, PersonalCode.used_at.is_(None))
            .values(used_at=utcnow()))
        if claimed.rowcount != 1:
            db.session.rollback()
            raise ValidationError(_pl("Dieser persönliche Code wurde schon verwendet."), "personal_code")
        earlier = db.session.scalar(select(Participant).where(Participant.personal_code_id == code_row.id))
        if earlier is not None:
            # A released code lets its person back in as the same participant, ballots and all.
            token, earlier.token_hash = issue_token()
            earlier.language = language
            db.session.commit()
            return earlier, token
    token, token_hash = issue_token()
    participant = Participant(workshop_id=workshop.id, token_hash=token_hash, display_name=name,
                              stakeholder_group_id=group_id, personal_code_id=code_row.id if code_row else None,
                              language=language)
    db.session.add(participant)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ValidationError(_pl("Dieser persönliche Code wurde schon verwendet."), "personal_code") from None
    return participant, token


def set_participant_language(participant: Participant, language: str) -> None:
    """Remember the participant language a person chose."""
    if language in participant_tags() and participant.language != language:
        participant.language = language
        db.session.commit()


def submit_proposal(voting_round: VotingRound, participant: Participant, *, kind: str, title: str,
                    description: str = "", field_of_action_id: int | None = None) -> Proposal:
    """Record a participant's proposal for moderation (refused once the round is closed)."""
    from app.workshops.voting import check_round_takes_votes

    check_round_takes_votes(voting_round, participant, method="proposals")
    if kind not in ITEM_KINDS:
        raise ValidationError(_pl("Bitte wählen Sie, ob Sie ein Ziel oder eine Maßnahme vorschlagen."), "kind")
    if field_of_action_id in (None, "", 0):
        field_id = None
    else:
        field_key = as_database_id(field_of_action_id)
        field = db.session.get(FieldOfAction, field_key) if field_key else None
        if field is None or field.project_id != voting_round.workshop.project_id:
            raise ValidationError(_pl("Dieses Handlungsfeld gibt es hier nicht."), "field_of_action_id")
        field_id = field.id
    title = collapse_spaces(title)
    if not title:
        raise ValidationError(_pl("Bitte schreiben Sie Ihren Vorschlag in das Feld."), "title")
    if len(title) > TITLE_MAX:
        raise ValidationError(_pnl("Der Vorschlag ist zu lang (höchstens %(num)s Zeichen).",
                                   "Der Vorschlag ist zu lang (höchstens %(num)s Zeichen).", TITLE_MAX), "title")
    description = (description or "").strip()
    if len(description) > TEXT_MAX:
        raise ValidationError(_pnl("Die Erläuterung ist zu lang (höchstens %(num)s Zeichen).",
                                   "Die Erläuterung ist zu lang (höchstens %(num)s Zeichen).", TEXT_MAX), "description")
    count = db.session.scalar(select(func.count(Proposal.id)).where(Proposal.round_id == voting_round.id,
                                                                    Proposal.participant_id == participant.id))
    if count >= PROPOSALS_MAX:
        raise ValidationError(_pnl("Sie haben in dieser Runde schon %(num)s Vorschlag gemacht; mehr geht nicht.",
                                   "Sie haben in dieser Runde schon %(num)s Vorschläge gemacht; mehr geht nicht.",
                                   PROPOSALS_MAX), "title")
    proposal = Proposal(round_id=voting_round.id, participant_id=participant.id, kind=kind,
                        title=title, description=description, field_of_action_id=field_id)
    db.session.add(proposal)
    db.session.commit()
    return proposal
