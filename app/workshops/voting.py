"""Casting ballots: one participant, one ballot per round, replaced atomically until the round closes.

The dot budget, the per-item limit, the rating scale and the ranking places are
checked here on the server. Concurrent submissions of one participant are
serialised by first updating the participant's row inside the transaction (a
row lock on PostgreSQL, the database write lock on SQLite); the unique
constraint on (round_id, participant_id) backs this up (the ballot is an upsert).
The same first statement checks that the round is open, under a lock that every
ballot takes shared and a change of the round's status exclusively (PostgreSQL's
advisory locks; SQLite's write lock): a ballot is acknowledged only if it
committed while the round was open. Ballots do not write the round's row, so they
do not queue behind each other; the results snapshot follows them by time
(``snapshots.RESULTS_MAX_AGE_SECONDS``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, bindparam, delete, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError

from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.languages.catalog import _pl, _pnl
from app.workshops.models import RATING_MAX, RATING_MIN, Ballot, BallotEntry, Participant, RoundItem, VotingRound

#: Longest comment accepted with a ballot.
COMMENT_MAX = 2000
_ATTEMPTS = 3


class RoundClosedError(ValidationError):
    """The round does not take votes (closed or not yet opened)."""


def check_round_takes_votes(voting_round: VotingRound | BallotRound, participant, *, method: str | None = None) -> None:
    """Refuse when the round is not open, belongs to another workshop or uses another method."""
    if participant.workshop_id != voting_round.workshop_id:
        raise ValidationError(_pl("Diese Runde gehört zu einem anderen Workshop."), "round")
    if method and voting_round.method != method:
        raise ValidationError(_pl("In dieser Runde wird anders abgestimmt."), "round")
    if voting_round.status == "closed":
        raise RoundClosedError(_pl("Diese Runde ist geschlossen. Ihre Stimme wurde nicht mehr gezählt."), "round")
    if voting_round.status != "open":
        raise RoundClosedError(_pl("Diese Runde ist noch nicht geöffnet."), "round")


def _as_int(value, message, field="items") -> int:
    if isinstance(value, bool):
        raise ValidationError(message, field)
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        raise ValidationError(message, field) from None
    return number


@dataclass(frozen=True)
class BallotRound:
    """What checking and storing a ballot needs of a round (read in one query, no ORM objects)."""

    id: int
    workshop_id: int
    method: str
    budget: int | None
    max_per_item: int | None
    status: str
    item_ids: frozenset[int]


_BALLOT_ROUND = (
    select(VotingRound.id, VotingRound.workshop_id, VotingRound.method, VotingRound.budget, VotingRound.max_per_item,
           VotingRound.status, RoundItem.item_id)
    .outerjoin(RoundItem, RoundItem.round_id == VotingRound.id)
    .where(VotingRound.id == bindparam("round_id")))


def find_ballot_round(round_id: int) -> BallotRound | None:
    """Return the round with the ids of its items (one query), or None."""
    rows = db.session.connection().execute(_BALLOT_ROUND, {"round_id": round_id}).all()
    if not rows:
        return None
    return BallotRound(*rows[0][:6], frozenset(row.item_id for row in rows if row.item_id is not None))


def normalise_ballot(voting_round: VotingRound, *, dots: Mapping | None = None, ratings: Mapping | None = None,
                     ranking: Sequence | None = None) -> dict[int, int]:
    """Check a ballot against the round's rules and return it as {item_id: value} (dots, rating or rank)."""
    known = voting_round.item_ids
    unknown = _pl("Dieser Eintrag steht in dieser Runde nicht zur Wahl.")
    values: dict[int, int] = {}
    if voting_round.method == "dots":
        if not isinstance(dots, Mapping):
            raise ValidationError(_pl("Bitte verteilen Sie Ihre Punkte."), "dots")
        for raw_id, raw_value in dots.items():
            item_id = _as_int(raw_id, unknown)
            if item_id not in known:
                raise ValidationError(unknown, "dots")
            if raw_value in (None, ""):
                continue
            value = _as_int(raw_value, _pl("Punkte müssen ganze Zahlen sein."), "dots")
            if value < 0:
                raise ValidationError(_pl("Punkte dürfen nicht negativ sein."), "dots")
            limit = voting_round.max_per_item or voting_round.budget or 0
            if value > limit:
                raise ValidationError(_pnl("Höchstens %(num)s Punkt pro Eintrag.", "Höchstens %(num)s Punkte pro Eintrag.",
                                           limit), "dots")
            if value:
                values[item_id] = value
        total = sum(values.values())
        if total > (voting_round.budget or 0):
            raise ValidationError(_pnl("Zu viele Punkte: erlaubt ist höchstens %(num)s, Sie haben %(total)s vergeben.",
                                       "Zu viele Punkte: erlaubt sind höchstens %(num)s, Sie haben %(total)s vergeben.",
                                       voting_round.budget or 0, total=total), "dots")
        if not values:
            raise ValidationError(_pl("Bitte vergeben Sie mindestens einen Punkt."), "dots")
    elif voting_round.method == "rating":
        if not isinstance(ratings, Mapping):
            raise ValidationError(_pl("Bitte bewerten Sie mindestens einen Eintrag."), "ratings")
        for raw_id, raw_value in ratings.items():
            item_id = _as_int(raw_id, unknown)
            if item_id not in known:
                raise ValidationError(unknown, "ratings")
            if raw_value in (None, "", 0, "0"):
                continue
            value = _as_int(raw_value, _pl("Bewertungen gehen von 1 bis 5."), "ratings")
            if not RATING_MIN <= value <= RATING_MAX:
                raise ValidationError(_pl("Bewertungen gehen von 1 bis 5."), "ratings")
            values[item_id] = value
        if not values:
            raise ValidationError(_pl("Bitte bewerten Sie mindestens einen Eintrag."), "ratings")
    elif voting_round.method == "ranking":
        if isinstance(ranking, (str, bytes)) or not isinstance(ranking, Sequence):
            raise ValidationError(_pl("Bitte bringen Sie die Einträge in eine Reihenfolge."), "ranking")
        places = voting_round.budget or len(known)
        for position, raw_id in enumerate(ranking, start=1):
            item_id = _as_int(raw_id, unknown)
            if item_id not in known:
                raise ValidationError(unknown, "ranking")
            if item_id in values:
                raise ValidationError(_pl("Jeder Eintrag darf nur einen Platz bekommen."), "ranking")
            values[item_id] = position
        if len(values) > places:
            raise ValidationError(_pnl("Bitte vergeben Sie höchstens %(num)s Platz.",
                                       "Bitte vergeben Sie höchstens %(num)s Plätze.", places), "ranking")
        if not values:
            raise ValidationError(_pl("Bitte bringen Sie die Einträge in eine Reihenfolge."), "ranking")
    else:
        raise ValidationError(_pl("In dieser Runde werden Vorschläge gesammelt, keine Stimmen."), "round")
    return values


def ranking_from_places(places: Mapping) -> list:
    """Turn {item_id: place} from a form (places 1, 2, 3 …; blank = unranked) into an ordered list."""
    chosen = []
    for raw_id, raw_place in places.items():
        if raw_place in (None, ""):
            continue
        place = _as_int(raw_place, _pl("Plätze müssen ganze Zahlen sein."), "ranking")
        chosen.append((place, raw_id))
    chosen.sort(key=lambda pair: pair[0])
    if [place for place, _item in chosen] != list(range(1, len(chosen) + 1)):
        raise ValidationError(_pl("Bitte vergeben Sie die Plätze lückenlos ab 1 und jeden Platz nur einmal."),
                              "ranking")
    return [item_id for _place, item_id in chosen]


def cast_ballot(voting_round: VotingRound | BallotRound, participant, *, dots: Mapping | None = None,
                ratings: Mapping | None = None, ranking: Sequence | None = None, comment: str = "") -> dict[int, int]:
    """Store the participant's ballot in the round, replacing an earlier one; return what was stored."""
    check_round_takes_votes(voting_round, participant)
    values = normalise_ballot(voting_round, dots=dots, ratings=ratings, ranking=ranking)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(_pnl("Der Kommentar ist zu lang (höchstens %(num)s Zeichen).",
                                   "Der Kommentar ist zu lang (höchstens %(num)s Zeichen).", COMMENT_MAX), "comment")
    round_id, participant_id = voting_round.id, participant.id
    for attempt in range(_ATTEMPTS):
        try:
            _replace_ballot(round_id, participant_id, values, comment)
            db.session.commit()
            return values
        except (IntegrityError, OperationalError):
            db.session.rollback()
            if attempt == _ATTEMPTS - 1:
                raise
        except ValidationError:
            db.session.rollback()
            raise
    return values


_participants, _rounds = Participant.__table__, VotingRound.__table__
_ballots, _entries = Ballot.__table__, BallotEntry.__table__
#: Statements built once (building one costs more than running it); a ballot binds its values.
_TAKE_PARTICIPANT = (
    update(_participants)
    .where(_participants.c.id == bindparam("b_participant"),
           exists().where(_rounds.c.id == bindparam("b_round"), _rounds.c.status == "open"))
    .values(last_active_at=bindparam("b_now", type_=_participants.c.last_active_at.type)))
_DROP_ENTRIES = delete(_entries).where(_entries.c.ballot_id == bindparam("b_ballot"))
_ADD_ENTRY = _entries.insert()


def _upsert_ballot(insert):
    statement = insert(_ballots).values(
        round_id=bindparam("b_round"), participant_id=bindparam("b_participant"), comment=bindparam("b_comment"),
        submitted_at=bindparam("b_now", type_=_ballots.c.submitted_at.type),
        updated_at=bindparam("b_now", type_=_ballots.c.updated_at.type))
    return statement.on_conflict_do_update(
        index_elements=["round_id", "participant_id"],
        set_={"comment": statement.excluded.comment, "updated_at": statement.excluded.updated_at},
    ).returning(_ballots.c.id)


#: INSERT … ON CONFLICT DO UPDATE … RETURNING: PostgreSQL and SQLite both have it.
_UPSERT_BALLOT = {"postgresql": _upsert_ballot(postgresql_insert), "sqlite": _upsert_ballot(sqlite_insert)}


def _replace_ballot(round_id: int, participant_id: int, values: dict[int, int], comment: str) -> None:
    connection = db.session.connection()
    dialect = connection.dialect.name
    params = {"b_round": round_id, "b_participant": participant_id, "b_comment": comment, "b_now": utcnow()}
    if dialect == "postgresql":
        # Shared among ballots, exclusive for a change of the round's status (``lock_round_status``): a round
        # closes only between ballots, and a ballot that waited for the closing sees the round closed.
        connection.execute(_BALLOT_LOCK, {"round_id": round_id})
    # Taking the participant's row first serialises this participant's concurrent submissions; on SQLite it
    # takes the database's write lock. The same statement checks the round is open, so the ballot is counted
    # only while it is (the round's own row is only read: ballots do not queue behind each other on it).
    if connection.execute(_TAKE_PARTICIPANT, params).rowcount != 1:
        raise RoundClosedError(_pl("Diese Runde ist geschlossen. Ihre Stimme wurde nicht mehr gezählt."), "round")
    ballot_id = connection.execute(_UPSERT_BALLOT[dialect], params).scalar_one()
    connection.execute(_DROP_ENTRIES, {"b_ballot": ballot_id})
    if values:
        connection.execute(_ADD_ENTRY, [{"ballot_id": ballot_id, "item_id": item_id, "value": value}
                                        for item_id, value in values.items()])


#: Every ballot takes this lock shared; a change of a round's status takes it exclusively.
_ROUND_LOCK_CLASS = 1717
_BALLOT_LOCK = select(func.pg_advisory_xact_lock_shared(_ROUND_LOCK_CLASS, bindparam("round_id", type_=Integer)))


def lock_round_status(connection, round_id: int) -> None:
    """Wait for the ballots being cast in this round and hold new ones until the transaction ends (PostgreSQL).

    Called before a round's status changes; on SQLite the database's write lock already does this.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(_ROUND_LOCK_CLASS, round_id)))
