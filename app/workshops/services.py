"""Writes on workshops: create and prepare workshops, items, rounds, personal codes; join; moderate proposals.

Every service owns its commit and raises ValidationError (message in the user's
language, field name for forms) for input it refuses, changing nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.auth.models import utcnow
from app.database_ids import as_database_id
from app.errors import ValidationError
from app.extensions import db
from app.languages.catalog import _pl, _pnl
from app.languages.registry import participant_tags
from app.projects.models import FieldOfAction, Project, StakeholderGroup
from app.tokens import hash_token, issue_short_code, issue_token
from app.workshops.models import (ITEM_KINDS, ROUND_METHODS, WORKSHOP_KINDS, WORKSHOP_STATUSES, Participant,
                                  PersonalCode, Proposal, RoundItem, VotingRound, Workshop, WorkshopItem)

#: Longest texts accepted from the forms and the API.
TITLE_MAX, TEXT_MAX, NAME_MAX = 300, 5000, 100
#: Most personal codes generated at once (a printable sheet per batch).
PERSONAL_CODES_MAX = 500
#: Most proposals one participant may make in one round.
PROPOSALS_MAX = 20


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _check_title(title: str | None, field: str = "title", limit: int = TITLE_MAX) -> str:
    title = _clean(title)
    if not title:
        raise ValidationError(_l("Bitte einen Titel angeben."), field)
    if len(title) > limit:
        raise ValidationError(_l("Der Titel ist zu lang (höchstens %(n)s Zeichen).", n=limit), field)
    return title


def _check_text(text: str | None, field: str = "description") -> str:
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(_l("Der Text ist zu lang (höchstens %(n)s Zeichen).", n=TEXT_MAX), field)
    return text


def _check_field_of_action(project_id: int, field_of_action_id: int | None) -> int | None:
    if field_of_action_id in (None, "", 0):
        return None
    field_id = as_database_id(field_of_action_id)
    field = db.session.get(FieldOfAction, field_id) if field_id else None
    if field is None or field.project_id != project_id:
        raise ValidationError(_l("Unbekanntes Handlungsfeld."), "field_of_action_id")
    return field.id


def _new_join_code() -> str:
    for _attempt in range(20):
        code = issue_short_code(6)
        if db.session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is None:
            return code
    raise RuntimeError("no free join code found")


def _check_languages(languages) -> list[str]:
    offered = participant_tags()
    chosen = [tag for tag in dict.fromkeys(languages or []) if tag in offered and tag != "de"]
    return ["de", *chosen]


def create_workshop(project: Project, *, title: str, kind: str, date: date | None = None, place: str = "",
                    agenda: str = "", requires_personal_code: bool = False, attendance: int | None = None,
                    join_code: str | None = None, instructions: str = "", languages=None) -> Workshop:
    """Create a workshop in the project with a fresh join code."""
    if kind not in WORKSHOP_KINDS:
        raise ValidationError(_l("Unbekannte Art von Workshop."), "kind")
    if attendance is not None and attendance < 0:
        raise ValidationError(_l("Die Teilnehmendenzahl darf nicht negativ sein."), "attendance")
    code = join_code.upper() if join_code else _new_join_code()
    if join_code and db.session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is not None:
        raise ValidationError(_l("Dieser Teilnahme-Code ist schon vergeben."), "join_code")
    workshop = Workshop(project_id=project.id, title=_check_title(title, limit=200), kind=kind, date=date,
                        place=_clean(place)[:300], agenda=_check_text(agenda, "agenda"),
                        requires_personal_code=bool(requires_personal_code), attendance=attendance,
                        join_code=code, instructions=_check_text(instructions, "instructions"),
                        languages=_check_languages(languages))
    db.session.add(workshop)
    db.session.commit()
    return workshop


def update_workshop(workshop: Workshop, *, title: str, kind: str, date: date | None, place: str, agenda: str,
                    requires_personal_code: bool, status: str, attendance: int | None,
                    instructions: str | None = None, languages=None) -> None:
    """Change a workshop's details, status and counted attendance."""
    if kind not in WORKSHOP_KINDS:
        raise ValidationError(_l("Unbekannte Art von Workshop."), "kind")
    if status not in WORKSHOP_STATUSES:
        raise ValidationError(_l("Unbekannter Status."), "status")
    if attendance is not None and attendance < 0:
        raise ValidationError(_l("Die Teilnehmendenzahl darf nicht negativ sein."), "attendance")
    workshop.title = _check_title(title, limit=200)
    workshop.kind, workshop.date, workshop.status, workshop.attendance = kind, date, status, attendance
    workshop.place = _clean(place)[:300]
    workshop.agenda = _check_text(agenda, "agenda")
    workshop.requires_personal_code = bool(requires_personal_code)
    if instructions is not None:
        workshop.instructions = _check_text(instructions, "instructions")
    if languages is not None:
        workshop.languages = _check_languages(languages)
    db.session.commit()


def delete_workshop(workshop: Workshop) -> None:
    """Delete a workshop with its items, rounds, participants and ballots."""
    db.session.delete(workshop)
    db.session.commit()


def _build_item(workshop: Workshop, *, kind: str, title: str, field_of_action_id: int | None, description: str,
                parent: WorkshopItem | None, theme_id: int | None, source: str | None) -> WorkshopItem:
    if kind not in ITEM_KINDS:
        raise ValidationError(_l("Unbekannte Art von Eintrag."), "kind")
    field_id = _check_field_of_action(workshop.project_id, field_of_action_id)
    if parent is not None:
        if kind != "action_goal":
            raise ValidationError(_l("Nur Handlungsziele stehen unter einem Leitziel."), "parent_id")
        if parent.workshop_id != workshop.id or parent.kind != "guiding_goal":
            raise ValidationError(_l("Bitte ein Leitziel dieses Workshops wählen."), "parent_id")
        field_id = field_id or parent.field_of_action_id
    position = (db.session.scalar(select(func.max(WorkshopItem.position))
                                  .where(WorkshopItem.workshop_id == workshop.id)) or 0) + 1
    return WorkshopItem(workshop_id=workshop.id, kind=kind, title=_check_title(title),
                        description=_check_text(description), field_of_action_id=field_id,
                        parent_id=parent.id if parent is not None else None, theme_id=theme_id,
                        source=(source or None) and str(source)[:60], position=position)


def create_item(workshop: Workshop, *, kind: str, title: str, field_of_action_id: int | None = None,
                description: str = "", parent: WorkshopItem | None = None, theme_id: int | None = None,
                source: str | None = None) -> WorkshopItem:
    """Create a guiding goal, action goal (under ``parent``) or measure idea in the workshop."""
    item = _build_item(workshop, kind=kind, title=title, field_of_action_id=field_of_action_id,
                       description=description, parent=parent, theme_id=theme_id, source=source)
    db.session.add(item)
    db.session.commit()
    return item


def update_item(item: WorkshopItem, *, kind: str, title: str, field_of_action_id: int | None, description: str,
                parent: WorkshopItem | None) -> None:
    """Change an item's kind, title, field of action, description and guiding goal."""
    if parent is not None and parent.id == item.id:
        raise ValidationError(_l("Ein Eintrag kann nicht unter sich selbst stehen."), "parent_id")
    checked = _build_item(item.workshop, kind=kind, title=title, field_of_action_id=field_of_action_id,
                          description=description, parent=parent, theme_id=item.theme_id, source=item.source)
    item.kind, item.title, item.description = checked.kind, checked.title, checked.description
    item.field_of_action_id, item.parent_id = checked.field_of_action_id, checked.parent_id
    db.session.commit()


def delete_item(item: WorkshopItem) -> None:
    """Delete an item unless votes were already cast on it."""
    from app.workshops.models import BallotEntry

    if db.session.scalar(select(BallotEntry.id).where(BallotEntry.item_id == item.id).limit(1)) is not None:
        raise ValidationError(_l("Für diesen Eintrag wurde schon abgestimmt; er kann nicht mehr gelöscht werden."))
    db.session.delete(item)
    db.session.commit()


def item_source_candidates(project: Project) -> dict[str, list[dict]]:
    """Return the candidates offered by downstream providers (e.g. the concept), by provider name."""
    providers: dict[str, Callable] = current_app.extensions.get("workshop_item_sources", {})
    return {name: list(provider(project)) for name, provider in sorted(providers.items())}


def import_source_items(workshop: Workshop, provider_name: str, sources: list[str]) -> list[WorkshopItem]:
    """Copy the chosen candidates of a provider (by their ``source``) into the workshop; skip ones already there."""
    providers = current_app.extensions.get("workshop_item_sources", {})
    if provider_name not in providers:
        raise ValidationError(_l("Unbekannte Quelle."), "sources")
    wanted = set(sources)
    existing = set(db.session.scalars(select(WorkshopItem.source).where(WorkshopItem.workshop_id == workshop.id,
                                                                        WorkshopItem.source.is_not(None))))
    created = []
    for candidate in providers[provider_name](workshop.project):
        source = candidate.get("source")
        if source not in wanted or source in existing:
            continue
        kind = candidate.get("kind") if candidate.get("kind") in ITEM_KINDS else "measure"
        item = _build_item(workshop, kind=kind, title=str(candidate.get("title", ""))[:TITLE_MAX],
                           field_of_action_id=candidate.get("field_of_action_id"),
                           description=str(candidate.get("description") or "")[:TEXT_MAX], parent=None,
                           theme_id=None, source=source)
        db.session.add(item)
        db.session.flush()
        existing.add(source)
        created.append(item)
    if not created:
        raise ValidationError(_l("Bitte mindestens einen neuen Eintrag auswählen."), "sources")
    db.session.commit()
    return created


def import_theme_items(workshop: Workshop, theme_ids: list[int], *, kind: str = "guiding_goal") -> list[WorkshopItem]:
    """Add the chosen analysis themes as goal candidates (keeping theme_id); skip themes already imported."""
    from app.analysis.queries import themes_for_project

    if kind not in ITEM_KINDS:
        raise ValidationError(_l("Unbekannte Art von Eintrag."), "kind")
    themes = {theme.id: theme for theme in themes_for_project(workshop.project_id)}
    wanted = []
    for theme_id in theme_ids:
        try:
            theme = themes.get(int(theme_id))
        except (TypeError, ValueError):
            theme = None
        if theme is None:
            raise ValidationError(_l("Unbekanntes Thema."), "theme_ids")
        wanted.append(theme)
    present = set(db.session.scalars(select(WorkshopItem.theme_id).where(WorkshopItem.workshop_id == workshop.id,
                                                                         WorkshopItem.theme_id.is_not(None))))
    created = []
    for theme in wanted:
        if theme.id in present:
            continue
        item = _build_item(workshop, kind=kind, title=theme.label[:TITLE_MAX], field_of_action_id=theme.field_of_action_id,
                           description=(theme.definition or "")[:TEXT_MAX], parent=None, theme_id=theme.id,
                           source=f"theme:{theme.id}")
        db.session.add(item)
        db.session.flush()
        present.add(theme.id)
        created.append(item)
    if not created:
        raise ValidationError(_l("Bitte mindestens ein noch nicht übernommenes Thema auswählen."), "theme_ids")
    db.session.commit()
    return created


def create_round(workshop: Workshop, *, title: str, method: str, item_ids: list[int] | None = None,
                 budget: int | None = None, max_per_item: int | None = None,
                 hide_results_while_open: bool = False) -> VotingRound:
    """Create a voting round in draft over the given items of the workshop."""
    if method not in ROUND_METHODS:
        raise ValidationError(_l("Unbekanntes Abstimmungsverfahren."), "method")
    voting_round = VotingRound(workshop_id=workshop.id, title=_check_title(title, limit=200), method=method,
                               hide_results_while_open=bool(hide_results_while_open))
    _apply_round_settings(voting_round, workshop, method, item_ids or [], budget, max_per_item)
    voting_round.position = (db.session.scalar(select(func.max(VotingRound.position))
                                               .where(VotingRound.workshop_id == workshop.id)) or 0) + 1
    db.session.add(voting_round)
    db.session.commit()
    return voting_round


def update_round(voting_round: VotingRound, *, title: str, item_ids: list[int], budget: int | None,
                 max_per_item: int | None, hide_results_while_open: bool) -> None:
    """Change a round; its items and limits only while it is a draft."""
    voting_round.title = _check_title(title, limit=200)
    voting_round.hide_results_while_open = bool(hide_results_while_open)
    if voting_round.status == "draft":
        _apply_round_settings(voting_round, voting_round.workshop, voting_round.method, item_ids, budget,
                              max_per_item)
    db.session.commit()


def _apply_round_settings(voting_round: VotingRound, workshop: Workshop, method: str, item_ids: list[int],
                          budget: int | None, max_per_item: int | None) -> None:
    if method == "proposals":
        voting_round.budget = voting_round.max_per_item = None
        voting_round.round_items = []
        return
    known = {item.id: item for item in workshop.items}
    chosen = []
    for item_id in item_ids:
        if int(item_id) not in known:
            raise ValidationError(_l("Unbekannter Eintrag."), "item_ids")
        if int(item_id) not in chosen:
            chosen.append(int(item_id))
    if method == "dots":
        if not budget or budget < 1 or budget > 100:
            raise ValidationError(_l("Bitte die Zahl der Punkte je Person angeben (1 bis 100)."), "budget")
        if max_per_item is not None and (max_per_item < 1 or max_per_item > budget):
            raise ValidationError(_l("Die Punkte je Eintrag müssen zwischen 1 und der Zahl der Punkte liegen."),
                                  "max_per_item")
        voting_round.budget, voting_round.max_per_item = budget, max_per_item or budget
    elif method == "ranking":
        if chosen and len(chosen) > 15:
            raise ValidationError(_l("Eine Rangfolge umfasst höchstens 15 Einträge (eine kurze Liste)."), "item_ids")
        if budget is not None and budget < 1:
            raise ValidationError(_l("Bitte eine positive Zahl von Plätzen angeben."), "budget")
        voting_round.budget = min(budget, len(chosen)) if budget and chosen else budget
        voting_round.max_per_item = None
    else:
        voting_round.budget = voting_round.max_per_item = None
    current = {ri.item_id: ri for ri in voting_round.round_items}
    voting_round.round_items = [current.get(item_id) or RoundItem(item_id=item_id) for item_id in chosen]
    for position, round_item in enumerate(voting_round.round_items):
        round_item.position = position


def open_round(voting_round: VotingRound) -> None:
    """Open a round for votes (several may be open in parallel) and mark the workshop as running."""
    voting_round.open()
    if voting_round.workshop.status == "planned":
        voting_round.workshop.status = "running"
    db.session.commit()


def close_round(voting_round: VotingRound) -> None:
    """Close a round: later votes are refused."""
    voting_round.close()
    db.session.commit()


def advance_round(workshop: Workshop) -> VotingRound | None:
    """Move the room on: close the open rounds and open the next prepared round after them; return it (or None).

    Phones show the open rounds, so the next round appears on them by itself.
    """
    rounds = list(workshop.rounds)
    reached = [index for index, voting_round in enumerate(rounds) if voting_round.status != "draft"]
    start = (max(reached) + 1) if reached else 0
    following = next((r for r in rounds[start:] if r.status == "draft"), None)
    if following is None and not workshop.open_rounds:
        raise ValidationError(_l("Es gibt keine weitere vorbereitete Runde."))
    for voting_round in workshop.open_rounds:
        voting_round.close()
    if following is not None:
        following.open()
        if workshop.status == "planned":
            workshop.status = "running"
    db.session.commit()
    return following


def set_results_hidden(voting_round: VotingRound, is_hidden: bool) -> None:
    """Hide or show the results of an open round on the projector and the public API."""
    voting_round.hide_results_while_open = bool(is_hidden)
    db.session.commit()


def delete_round(voting_round: VotingRound) -> None:
    """Delete a round that has no ballots and no proposals yet."""
    if voting_round.ballots or voting_round.proposals:
        raise ValidationError(_l("In dieser Runde wurde schon abgestimmt; sie kann nicht mehr gelöscht werden."))
    db.session.delete(voting_round)
    db.session.commit()


def generate_personal_codes(workshop: Workshop, count: int, labels: list[str] | None = None) -> list[tuple[str, str]]:
    """Create ``count`` personal codes and return (code, label) pairs once: only hashes are stored."""
    if count < 1 or count > PERSONAL_CODES_MAX:
        raise ValidationError(_l("Bitte zwischen 1 und %(n)s Codes erzeugen.", n=PERSONAL_CODES_MAX), "count")
    labels = [_clean(label)[:200] for label in (labels or [])]
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
    name = _clean(display_name)
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
    title = _clean(title)
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


def accept_proposal(proposal: Proposal, *, title: str | None = None) -> WorkshopItem:
    """Accept a proposal (optionally with an edited title): it becomes an item with source ``proposal:<id>``."""
    if proposal.status == "accepted" and proposal.item is not None:
        return proposal.item
    workshop = proposal.round.workshop
    item = _build_item(workshop, kind=proposal.kind, title=title or proposal.title,
                       field_of_action_id=proposal.field_of_action_id, description=proposal.description,
                       parent=None, theme_id=None, source=f"proposal:{proposal.id}")
    db.session.add(item)
    db.session.flush()
    proposal.status, proposal.item_id, proposal.moderated_at = "accepted", item.id, utcnow()
    db.session.commit()
    return item


def reject_proposal(proposal: Proposal) -> None:
    """Reject a proposal: it is not shown to the room (an item made from it earlier stays)."""
    if proposal.status == "accepted":
        raise ValidationError(_l("Ein angenommener Vorschlag kann nicht mehr abgelehnt werden."))
    proposal.status, proposal.moderated_at = "rejected", utcnow()
    db.session.commit()
