"""Concurrent submissions of one participant: one ballot row, never more dots than the budget (threads)."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.workshops.models import Ballot, BallotEntry, VotingRound
from app.workshops.voting import cast_ballot


@pytest.mark.parametrize("threads", [8])
def test_parallel_ballots_of_one_participant_never_exceed_the_budget(app, make_workshop, make_round, join, threads):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    participant, _token = join(workshop)
    item_ids = [item.id for item in voting_round.items]
    round_id, participant_id = voting_round.id, participant.id
    db.session.remove()
    ballots = [{item_ids[n % 4]: 2, item_ids[(n + 1) % 4]: 2, item_ids[(n + 2) % 4]: 1} for n in range(threads)]
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def submit(ballot):
        with app.app_context():
            try:
                from app.workshops.models import Participant

                voting = db.session.get(VotingRound, round_id)
                person = db.session.get(Participant, participant_id)
                barrier.wait()
                cast_ballot(voting, person, dots=ballot)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    workers = [threading.Thread(target=submit, args=(ballot,)) for ballot in ballots]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert db.session.scalar(select(func.count(Ballot.id)).where(Ballot.round_id == round_id)) == 1
    total = db.session.scalar(select(func.sum(BallotEntry.value)).join(Ballot).where(Ballot.round_id == round_id))
    assert total == 5
    stored = dict(db.session.execute(select(BallotEntry.item_id, BallotEntry.value)).all())
    assert stored in [{k: v for k, v in ballot.items()} for ballot in ballots]


def test_parallel_ballots_of_many_participants_are_all_stored(app, make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    people = [join(workshop)[0].id for _n in range(10)]
    first_item, round_id = voting_round.items[0].id, voting_round.id
    db.session.remove()
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def submit(participant_id):
        with app.app_context():
            try:
                from app.workshops.models import Participant

                voting = db.session.get(VotingRound, round_id)
                person = db.session.get(Participant, participant_id)
                barrier.wait()
                cast_ballot(voting, person, dots={first_item: 2})
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    workers = [threading.Thread(target=submit, args=(pid,)) for pid in people]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert db.session.scalar(select(func.count(Ballot.id)).where(Ballot.round_id == round_id)) == 10
    assert db.session.scalar(select(func.sum(BallotEntry.value))) == 20


def test_no_ballot_enters_a_round_after_it_closed(app, make_workshop, make_round, join):
    """Ballots racing the facilitator's close: each is either acknowledged and counted, or refused and absent."""
    from app.workshops import services
    from app.workshops.voting import RoundClosedError

    workshop = make_workshop()
    voting_round = make_round(workshop)
    people = [join(workshop)[0].id for _n in range(12)]
    first_item, round_id = voting_round.items[0].id, voting_round.id
    db.session.remove()
    barrier = threading.Barrier(len(people) + 1)
    acknowledged: list[int] = []
    refused: list[int] = []
    errors: list[BaseException] = []
    at_close: list[int] = []

    def submit(participant_id):
        with app.app_context():
            try:
                from app.workshops.models import Participant

                voting = db.session.get(VotingRound, round_id)
                person = db.session.get(Participant, participant_id)
                barrier.wait()
                for _attempt in range(5):
                    cast_ballot(voting, person, dots={first_item: 1})
                acknowledged.append(participant_id)
            except RoundClosedError:
                refused.append(participant_id)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    def close():
        with app.app_context():
            try:
                voting = db.session.get(VotingRound, round_id)
                barrier.wait()
                services.close_round(voting)
                # What the room sees the moment the close committed: nothing may be added afterwards.
                at_close.append(db.session.scalar(select(func.count(Ballot.id)).where(Ballot.round_id == round_id)))
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    workers = [threading.Thread(target=submit, args=(pid,)) for pid in people] + [threading.Thread(target=close)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert len(acknowledged) + len(refused) == len(people)
    stored = set(db.session.scalars(select(Ballot.participant_id).where(Ballot.round_id == round_id)))
    assert set(acknowledged) <= stored
    assert db.session.scalar(select(func.count(Ballot.id)).where(Ballot.round_id == round_id)) == at_close[0]
