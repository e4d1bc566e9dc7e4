"""Writes on workshops: create and prepare workshops, items and rounds; moderate proposals.

Every service owns its commit and raises ValidationError (message in the user's
language, field name for forms) for input it refuses, changing nothing. What participants do
(personal codes, joining, proposals) is written in ``participation``.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.auth.models import utcnow
from app.database_ids import as_database_id
from app.errors import ValidationError
from app.extensions import db
from app.languages.registry import participant_tags
from app.projects.models import FieldOfAction, Project
from app.tokens import issue_short_code
from app.workshops.models import (ITEM_KINDS, ROUND_METHODS, WORKSHOP_KINDS, WORKSHOP_STATUSES, Proposal, RoundItem,
                                  VotingRound, Workshop, WorkshopItem)

#: Longest texts accepted from the forms and the API.
TITLE_MAX, TEXT_MAX, NAME_MAX = 300, 5000, 100


def collapse_spaces(text: str | None) -> str:
    """Return the text on one line, with single spaces between words."""
    return " ".join((text or "").split())


def _check_title(title: str | None, field: str = "title", limit: int = TITLE_MAX) -> str:
    title = collapse_spaces(title)
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
                        place=collapse_spaces(place)[:300], agenda=_check_text(agenda, "agenda"),
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
    workshop.place = collapse_spaces(place)[:300]
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
