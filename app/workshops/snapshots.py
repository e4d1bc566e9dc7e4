"""Snapshots of what every phone and the projector poll: the open rounds and a round's results.

A snapshot is the finished JSON body, built once per state of its rounds and kept in the process
(a small LRU). Its key comes from the database, so that several instances agree on it: each round
carries ``version`` (what participants see of it: opened, closed, an item, a translation or a
field of action edited) and ``results_version`` (that, and every proposal). A poll costs one small
query for the key; the body is rebuilt only when the key changed. Ballots leave the round's row
alone (so that they do not queue behind each other on it): results bodies are rebuilt every
``RESULTS_MAX_AGE_SECONDS`` at most, so a vote shows within one refresh of the
projector. The ETag is a hash of the body, so a client whose body is still current gets a 304.

The versions rise in one place: a session listener (``bump_round_versions``) sees every ORM change
to rounds, their items, items, fields of action and proposals, whichever page or import made it.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import and_, bindparam, event, select, update
from sqlalchemy.orm import Session, selectinload

from app.extensions import db
from app.languages.content import translated
from app.projects.models import FieldOfAction
from app.workshops.models import Proposal, RoundItem, VotingRound, Workshop, WorkshopItem
from app.workshops.voting import lock_round_status

#: Changes whenever the shape of a payload changes, so that no client keeps a body of an older release.
PAYLOAD_FORMAT = "2"
#: Bodies kept per process (each a few kB): every open round in every language, results of recent rounds.
CACHE_SIZE = 512
#: Seconds between two polls of the projector view; results may lag a vote by at most this much.
PRESENTER_REFRESH_SECONDS = 2
#: Seconds between two polls of a phone for the facilitator's next round.
PHONE_REFRESH_SECONDS = 3
#: Oldest a results body may be: ballots do not change the round's key, so results are rebuilt at most this
#: often while votes come in (a vote shows within one refresh of the projector).
RESULTS_MAX_AGE_SECONDS = PRESENTER_REFRESH_SECONDS
#: Wall-clock seconds (the same on every instance); tests move it on.
clock = time.time

#: Round columns whose change participants do not see (they would only churn the snapshots).
_UNSEEN_ROUND_COLUMNS = {"version", "results_version", "position"}


@dataclass(frozen=True)
class Snapshot:
    """A finished JSON body and its ETag (without quotes)."""

    etag: str
    body: bytes


class SnapshotCache:
    """A small thread-safe LRU of snapshots by key."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._items: OrderedDict[Hashable, Snapshot] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], bytes]) -> Snapshot:
        """Return the snapshot for ``key``, building (and keeping) it when missing."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        body = build()
        snapshot = Snapshot(etag_for(body), body)
        with self._lock:
            self._items[key] = snapshot
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return snapshot

    def clear(self) -> None:
        """Forget every snapshot (tests)."""
        with self._lock:
            self._items.clear()


def cache() -> SnapshotCache:
    """Return this app's snapshot cache (one per app: keys are only unique within one database)."""
    found = current_app.extensions.get("workshop_snapshots")
    if found is None:
        found = current_app.extensions.setdefault("workshop_snapshots", SnapshotCache())
    return found


def etag_for(body: bytes) -> str:
    """Return a short opaque ETag for a body: the same body has the same ETag on every instance and at any time."""
    return hashlib.blake2b(PAYLOAD_FORMAT.encode() + b"\0" + body, digest_size=12).hexdigest()


def _dumps(payload: dict) -> bytes:
    return current_app.json.dumps(payload).encode() + b"\n"


def _clean_code(code: str) -> str:
    return "".join((code or "").split()).upper()[:16]


# -- open rounds -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenRounds:
    """A workshop found by its join code, and the key of its open rounds."""

    workshop_id: int
    status: str
    #: (round id, version, opened_at) of each open round, in order.
    rounds: tuple[tuple[int, int, datetime | None], ...]


#: Built once: a poll only binds the code (building a select costs more than running it).
_OPEN_ROUNDS = (
    select(Workshop.id, Workshop.status, VotingRound.id, VotingRound.version, VotingRound.opened_at)
    .select_from(Workshop)
    .outerjoin(VotingRound, and_(VotingRound.workshop_id == Workshop.id, VotingRound.status == "open"))
    .where(Workshop.join_code == bindparam("code"))
    .order_by(VotingRound.position, VotingRound.id))


def find_open_rounds(code: str) -> OpenRounds | None:
    """Return the workshop with this join code and its open rounds' versions (one query), or None."""
    cleaned = _clean_code(code)
    if not cleaned:
        return None
    rows = db.session.execute(_OPEN_ROUNDS, {"code": cleaned}).all()
    if not rows:
        return None
    return OpenRounds(rows[0][0], rows[0][1], tuple((r[2], r[3], r[4]) for r in rows if r[2] is not None))


_ROUND_PAYLOAD = (
    select(VotingRound.id, VotingRound.title, VotingRound.translations, VotingRound.method, VotingRound.budget,
           VotingRound.max_per_item, VotingRound.status, VotingRound.hide_results_while_open,
           VotingRound.version, VotingRound.opened_at,
           WorkshopItem.id.label("item_id"), WorkshopItem.title.label("item_title"),
           WorkshopItem.description, WorkshopItem.translations.label("item_translations"), WorkshopItem.kind,
           WorkshopItem.field_of_action_id, WorkshopItem.parent_id,
           FieldOfAction.name.label("field_name"), FieldOfAction.translations.label("field_translations"))
    .select_from(VotingRound)
    .outerjoin(RoundItem, RoundItem.round_id == VotingRound.id)
    .outerjoin(WorkshopItem, WorkshopItem.id == RoundItem.item_id)
    .outerjoin(FieldOfAction, FieldOfAction.id == WorkshopItem.field_of_action_id)
    .order_by(VotingRound.position, VotingRound.id, RoundItem.position, RoundItem.id)
)


def open_rounds_snapshot(found: OpenRounds, language: str) -> Snapshot:
    """Return the body of ``GET /workshops/<code>/rounds`` in ``language`` for these open rounds."""
    key = ("rounds", found.workshop_id, language, found.rounds)
    return cache().get_or_build(key, lambda: _dumps({"rounds": _build_rounds(found, language)}))


def _build_rounds(found: OpenRounds, language: str) -> list[dict]:
    """Load the open rounds with their items in one query and shape them as the API describes them."""
    wanted = {(round_id, version, opened_at) for round_id, version, opened_at in found.rounds}
    rounds: dict[int, dict] = {}
    rows = db.session.execute(_ROUND_PAYLOAD.where(VotingRound.id.in_([r[0] for r in found.rounds])))
    for row in rows:
        if (row.id, row.version, row.opened_at) not in wanted or row.status != "open":
            # Changed since the key was read: leave it out rather than file a newer body under an older key.
            continue
        shaped = rounds.get(row.id)
        if shaped is None:
            shaped = rounds[row.id] = {
                "id": row.id, "title": str(translated(row.translations, language, "title", row.title)),
                "method": row.method, "budget": row.budget, "max_per_item": row.max_per_item,
                "status": row.status, "hide_results_while_open": row.hide_results_while_open,
                "language": language, "items": []}
        if row.item_id is not None:
            shaped["items"].append({
                "id": row.item_id,
                "title": str(translated(row.item_translations, language, "title", row.item_title)),
                "description": str(translated(row.item_translations, language, "description", row.description)),
                "kind": row.kind,
                "field_of_action": (str(translated(row.field_translations, language, "name", row.field_name))
                                    if row.field_name is not None else None),
                "field_of_action_id": row.field_of_action_id, "parent_id": row.parent_id})
    return list(rounds.values())


# -- results ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundState:
    """What decides who may see a round's results and which snapshot they get."""

    round_id: int
    workshop_id: int
    status: str
    method: str
    hide_results_while_open: bool
    version: int
    results_version: int
    opened_at: datetime | None

    @property
    def shows_results_now(self) -> bool:
        """Return whether results may be shown to the room (the same rule as ``VotingRound``)."""
        return not (self.status == "open" and self.hide_results_while_open) and self.status != "draft"


_ROUND_STATE = select(
    VotingRound.id, VotingRound.workshop_id, VotingRound.status, VotingRound.method,
    VotingRound.hide_results_while_open, VotingRound.version, VotingRound.results_version,
    VotingRound.opened_at).where(VotingRound.id == bindparam("round_id"))


def find_round_state(round_id: int) -> RoundState | None:
    """Return a round's state and versions (one query), or None."""
    row = db.session.execute(_ROUND_STATE, {"round_id": round_id}).first()
    return RoundState(*row) if row is not None else None


def results_snapshot(state: RoundState, *, is_hidden: bool) -> Snapshot:
    """Return the body of ``GET /rounds/<id>/results`` for this state (items empty when hidden)."""
    key = ("results", state.round_id, state.opened_at, state.version, state.results_version, is_hidden,
           int(clock() // RESULTS_MAX_AGE_SECONDS))
    return cache().get_or_build(key, lambda: _dumps(_build_results(state, is_hidden)))


def _build_results(state: RoundState, is_hidden: bool) -> dict:
    from app.workshops import queries

    voting_round = db.session.scalar(
        select(VotingRound).where(VotingRound.id == state.round_id)
        .options(selectinload(VotingRound.round_items).joinedload(RoundItem.item)))
    if is_hidden:
        return {"round_id": state.round_id, "method": state.method, "status": state.status,
                "participants": queries.ballot_count(voting_round), "is_hidden": True, "items": []}
    results = queries.round_results(voting_round)
    return {
        "round_id": state.round_id, "method": state.method, "status": state.status,
        "participants": results.participants, "is_hidden": False,
        "items": [{"id": row.item_id, "title": row.title, "kind": row.kind,
                   "field_of_action_id": row.field_of_action_id, "total": row.total, "votes": row.votes,
                   "mean": row.mean} for row in results.items],
    }


# -- versions --------------------------------------------------------------------------------------------------


def _changed_columns(obj) -> set[str]:
    state = db.inspect(obj)
    return {attr.key for attr in state.attrs if attr.history.has_changes()}


def bump_round_versions(session: Session, _flush_context, _instances) -> None:
    """Raise the versions of every round whose participants would see a change in this flush (before_flush)."""
    seen: set[int] = set()
    results_only: set[int] = set()
    items: set[int] = set()
    fields: set[int] = set()
    for obj in list(session.dirty) + list(session.new) + list(session.deleted):
        if isinstance(obj, VotingRound):
            changed = _changed_columns(obj) if obj in session.dirty else set()
            if "status" in changed:
                # Wait for the ballots being cast; later ones see the new status (``voting.py``).
                lock_round_status(session.connection(), obj.id)
            if changed - _UNSEEN_ROUND_COLUMNS:
                obj.version = VotingRound.version + 1
                obj.results_version = VotingRound.results_version + 1
        elif isinstance(obj, RoundItem) and obj.round_id is not None:
            seen.add(obj.round_id)
        elif isinstance(obj, WorkshopItem) and obj.id is not None and obj not in session.new:
            items.add(obj.id)
        elif isinstance(obj, FieldOfAction) and obj.id is not None and obj in session.dirty:
            fields.add(obj.id)
        elif isinstance(obj, Proposal) and obj.round_id is not None:
            results_only.add(obj.round_id)
    if not (seen or results_only or items or fields):
        return
    connection = session.connection()
    if items:
        seen |= set(connection.scalars(select(RoundItem.round_id).where(RoundItem.item_id.in_(sorted(items)))))
    if fields:
        seen |= set(connection.scalars(
            select(RoundItem.round_id).join(WorkshopItem, WorkshopItem.id == RoundItem.item_id)
            .where(WorkshopItem.field_of_action_id.in_(sorted(fields)))))
    rounds = VotingRound.__table__
    if seen:
        connection.execute(update(rounds).where(rounds.c.id.in_(sorted(seen)))
                           .values(version=rounds.c.version + 1, results_version=rounds.c.results_version + 1))
    if results_only - seen:
        connection.execute(update(rounds).where(rounds.c.id.in_(sorted(results_only - seen)))
                           .values(results_version=rounds.c.results_version + 1))


def listen_for_round_changes() -> None:
    """Register the session listener that keeps round versions current (once per process)."""
    if not event.contains(Session, "before_flush", bump_round_versions):
        event.listen(Session, "before_flush", bump_round_versions)
