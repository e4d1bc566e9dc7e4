"""Casting ballots: one participant, one ballot per round, replaced atomically until the round closes.

The dot budget, the per-item limit, the rating scale and the ranking places are
checked here on the server. Concurrent submissions of one participant are
serialised by first updating the participant's row inside the transaction (a
row lock on PostgreSQL, the database write lock on SQLite); the unique
constraint on (round_id, participant_id) backs this up, and a losing insert is
retried once against the ballot that won. The last statement raises the round's
``results_version`` only while the round is open: a ballot is acknowledged only
if it committed before the round closed, and the results snapshot moves on.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.languages.catalog import _pl, _pnl
from app.workshops.models import RATING_MAX, RATING_MIN, Ballot, BallotEntry, Participant, VotingRound

#: Longest comment accepted with a ballot.
COMMENT_MAX = 2000
_ATTEMPTS = 3


class RoundClosedError(ValidationError):
    """The round does not take votes (closed or not yet opened)."""


def check_round_takes_votes(voting_round: VotingRound, participant: Participant, *, method: str | None = None) -> None:
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


def _round_item_ids(voting_round: VotingRound) -> set[int]:
    return {ri.item_id for ri in voting_round.round_items}


def normalise_ballot(voting_round: VotingRound, *, dots: Mapping | None = None, ratings: Mapping | None = None,
                     ranking: Sequence | None = None) -> dict[int, int]:
    """Check a ballot against the round's rules and return it as {item_id: value} (dots, rating or rank)."""
    known = _round_item_ids(voting_round)
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


def cast_ballot(voting_round: VotingRound, participant: Participant, *, dots: Mapping | None = None,
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


def _replace_ballot(round_id: int, participant_id: int, values: dict[int, int], comment: str) -> None:
    session = db.session
    now = utcnow()
    # Taking the participant's row first serialises this participant's concurrent submissions.
    session.execute(update(Participant).where(Participant.id == participant_id).values(last_active_at=now))
    ballot_id = session.scalar(select(Ballot.id).where(Ballot.round_id == round_id,
                                                       Ballot.participant_id == participant_id))
    if ballot_id is None:
        result = session.execute(Ballot.__table__.insert().values(
            round_id=round_id, participant_id=participant_id, comment=comment, submitted_at=now, updated_at=now))
        ballot_id = result.inserted_primary_key[0]
    else:
        session.execute(delete(BallotEntry).where(BallotEntry.ballot_id == ballot_id))
        session.execute(update(Ballot).where(Ballot.id == ballot_id).values(comment=comment, updated_at=now))
    if values:
        session.execute(BallotEntry.__table__.insert(),
                        [{"ballot_id": ballot_id, "item_id": item_id, "value": value}
                         for item_id, value in values.items()])
    # Last, so the round's row is locked only until the commit: the ballot counts only while the round is
    # open (closing waits for this commit, or this sees the round closed), and the results snapshot moves on.
    rounds = VotingRound.__table__
    counted = session.execute(update(rounds).where(rounds.c.id == round_id, rounds.c.status == "open")
                              .values(results_version=rounds.c.results_version + 1))
    if counted.rowcount != 1:
        raise RoundClosedError(_pl("Diese Runde ist geschlossen. Ihre Stimme wurde nicht mehr gezählt."), "round")
