"""Reads on workshops: round results, priorities of goals and measures for the concept, attendance."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask import abort
from sqlalchemy import bindparam, distinct, func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.projects.models import Project
from app.workshops.models import (Ballot, BallotEntry, Participant, PersonalCode, Proposal, RoundItem, VotingRound,
                                  Workshop, WorkshopItem)


@dataclass(frozen=True)
class ItemPriority:
    """How a workshop rated one goal or measure, summed over all its rounds (read by the concept)."""

    item_id: int
    workshop_id: int
    workshop_title: str
    kind: str
    field_of_action_id: int | None
    title: str
    source: str | None
    theme_id: int | None
    #: Dots over all dot-voting rounds.
    dots: int
    #: Mean approval (1–5) over all rating rounds, None when never rated.
    mean_rating: float | None
    #: Borda points over all ranking rounds (first of n places = n points), None when never ranked.
    rank_points: int | None
    #: Distinct participants who gave the item dots, a rating or a rank.
    voters: int
    is_accepted_proposal: bool


@dataclass(frozen=True)
class WorkshopAttendance:
    """How many people took part in a workshop (for the concept's appendix)."""

    workshop_id: int
    title: str
    kind: str
    date: date | None
    participants: int


@dataclass(frozen=True)
class ItemResult:
    """One item's result in one round."""

    item_id: int
    title: str
    kind: str
    field_of_action_id: int | None
    #: Dots (dot voting), sum of ratings (rating) or Borda points (ranking).
    total: int
    #: Ballots that gave the item a value.
    votes: int
    #: Mean rating (rating) or mean rank (ranking); None for dot voting or without votes.
    mean: float | None
    #: Counts per rating 1..5 (rating rounds only).
    distribution: tuple[int, ...] = ()


@dataclass(frozen=True)
class RoundResults:
    """The results of a round: ballots cast and per item totals, best first."""

    round_id: int
    method: str
    status: str
    participants: int
    items: list[ItemResult] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def get_workshop_or_404(project: Project, workshop_id: int) -> Workshop:
    """Return a workshop of this project or answer 404."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or workshop.project_id != project.id:
        abort(404)
    return workshop


def get_item_or_404(workshop: Workshop, item_id: int) -> WorkshopItem:
    """Return an item of this workshop or answer 404."""
    item = db.session.get(WorkshopItem, item_id)
    if item is None or item.workshop_id != workshop.id:
        abort(404)
    return item


def get_round_or_404(workshop: Workshop, round_id: int) -> VotingRound:
    """Return a round of this workshop or answer 404."""
    voting_round = db.session.get(VotingRound, round_id)
    if voting_round is None or voting_round.workshop_id != workshop.id:
        abort(404)
    return voting_round


def get_proposal_or_404(workshop: Workshop, proposal_id: int) -> Proposal:
    """Return a proposal made in this workshop or answer 404."""
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.round.workshop_id != workshop.id:
        abort(404)
    return proposal


def find_workshop_by_code(code: str) -> Workshop | None:
    """Return the workshop with this join code (case-insensitive), or None."""
    cleaned = "".join((code or "").split()).upper()[:16]
    if not cleaned:
        return None
    return db.session.scalar(select(Workshop).where(Workshop.join_code == cleaned))


def find_participant(workshop_id: int, token_hash: str) -> Participant | None:
    """Return the participant of this workshop whose token has this hash, or None."""
    return db.session.scalar(select(Participant).where(Participant.token_hash == token_hash,
                                                       Participant.workshop_id == workshop_id))


def find_participant_by_token_hash(token_hash: str) -> Participant | None:
    """Return the participant whose token has this hash, or None."""
    return db.session.scalar(select(Participant).where(Participant.token_hash == token_hash))


@dataclass(frozen=True)
class TokenHolder:
    """Who a participant token belongs to: what the JSON API's hot paths need, without loading a Participant."""

    id: int
    workshop_id: int
    language: str


_TOKEN_HOLDER = select(Participant.id, Participant.workshop_id, Participant.language).where(
    Participant.token_hash == bindparam("token_hash"))


def find_token_holder(token_hash: str) -> TokenHolder | None:
    """Return the participant whose token has this hash as a TokenHolder (one prepared query), or None."""
    row = db.session.connection().execute(_TOKEN_HOLDER, {"token_hash": token_hash}).first()
    return TokenHolder(*row) if row is not None else None


def list_workshops(project: Project) -> list[Workshop]:
    """Return the project's workshops, by date (undated last)."""
    return list(db.session.scalars(select(Workshop).where(Workshop.project_id == project.id)
                                   .order_by(Workshop.date.is_(None), Workshop.date, Workshop.id)))


def participant_count(workshop: Workshop) -> int:
    """Return how many participants joined the workshop online."""
    return db.session.scalar(select(func.count(Participant.id)).where(Participant.workshop_id == workshop.id)) or 0


def ballot_count(voting_round: VotingRound) -> int:
    """Return how many participants cast a ballot (or made a proposal) in the round."""
    if voting_round.method == "proposals":
        return db.session.scalar(select(func.count(distinct(Proposal.participant_id)))
                                 .where(Proposal.round_id == voting_round.id)) or 0
    return db.session.scalar(select(func.count(Ballot.id)).where(Ballot.round_id == voting_round.id)) or 0


def personal_code_counts(workshop: Workshop) -> tuple[int, int]:
    """Return (issued, used) personal codes of the workshop."""
    issued = db.session.scalar(select(func.count(PersonalCode.id)).where(PersonalCode.workshop_id == workshop.id))
    used = db.session.scalar(select(func.count(PersonalCode.id)).where(PersonalCode.workshop_id == workshop.id,
                                                                       PersonalCode.used_at.is_not(None)))
    return issued or 0, used or 0


def list_personal_codes(workshop: Workshop) -> list[PersonalCode]:
    """Return the workshop's personal codes (labels and use, never the codes) in the order issued."""
    return list(db.session.scalars(select(PersonalCode).where(PersonalCode.workshop_id == workshop.id)
                                   .order_by(PersonalCode.id)))


def get_personal_code_or_404(workshop: Workshop, code_id: int) -> PersonalCode:
    """Return a personal code of this workshop or answer 404."""
    code = db.session.get(PersonalCode, code_id)
    if code is None or code.workshop_id != workshop.id:
        abort(404)
    return code


def find_ballot(voting_round: VotingRound, participant: Participant) -> Ballot | None:
    """Return the participant's ballot in the round, or None."""
    return db.session.scalar(select(Ballot).where(Ballot.round_id == voting_round.id,
                                                  Ballot.participant_id == participant.id))


def ballot_values(voting_round: VotingRound, participant: Participant) -> dict[int, int]:
    """Return the participant's stored values in the round as {item_id: value}."""
    rows = db.session.execute(select(BallotEntry.item_id, BallotEntry.value).join(Ballot)
                              .where(Ballot.round_id == voting_round.id, Ballot.participant_id == participant.id))
    return {item_id: value for item_id, value in rows}


def round_results(voting_round: VotingRound, *, stakeholder_group_id: int | None = None) -> RoundResults:
    """Return the round's results per item, best first; optionally only one stakeholder group's ballots."""
    ballot_filter = [Ballot.round_id == voting_round.id]
    if stakeholder_group_id is not None:
        ballot_filter.append(Ballot.participant_id.in_(
            select(Participant.id).where(Participant.stakeholder_group_id == stakeholder_group_id)))
    if voting_round.method == "proposals":
        return _proposal_results(voting_round, stakeholder_group_id)
    participants = db.session.scalar(select(func.count(Ballot.id)).where(*ballot_filter)) or 0
    rows = db.session.execute(
        select(BallotEntry.item_id, BallotEntry.value, func.count(BallotEntry.id))
        .join(Ballot).where(*ballot_filter).group_by(BallotEntry.item_id, BallotEntry.value))
    values: dict[int, dict[int, int]] = defaultdict(dict)
    for item_id, value, count in rows:
        values[item_id][value] = count
    size = len(voting_round.round_items)
    results = []
    for item in voting_round.items:
        counts = values.get(item.id, {})
        votes = sum(counts.values())
        value_sum = sum(value * count for value, count in counts.items())
        if voting_round.method == "dots":
            results.append(ItemResult(item.id, item.title, item.kind, item.field_of_action_id, value_sum, votes, None))
        elif voting_round.method == "rating":
            mean = round(value_sum / votes, 2) if votes else None
            distribution = tuple(counts.get(v, 0) for v in range(1, 6))
            results.append(ItemResult(item.id, item.title, item.kind, item.field_of_action_id, value_sum, votes, mean,
                                      distribution))
        else:
            points = votes * (size + 1) - value_sum
            mean = round(value_sum / votes, 2) if votes else None
            results.append(ItemResult(item.id, item.title, item.kind, item.field_of_action_id, points, votes, mean))
    if voting_round.method == "rating":
        results.sort(key=lambda r: (-(r.mean or 0), -r.votes, r.title))
    else:
        results.sort(key=lambda r: (-r.total, r.title))
    comments = [c for c in db.session.scalars(select(Ballot.comment).where(*ballot_filter, Ballot.comment != "")
                                              .order_by(Ballot.id))]
    return RoundResults(voting_round.id, voting_round.method, voting_round.status, participants, results, comments)


def _proposal_results(voting_round: VotingRound, stakeholder_group_id: int | None) -> RoundResults:
    query = (select(Proposal).where(Proposal.round_id == voting_round.id, Proposal.status == "accepted")
             .options(selectinload(Proposal.item)))
    people = select(func.count(distinct(Proposal.participant_id))).where(Proposal.round_id == voting_round.id)
    if stakeholder_group_id is not None:
        in_group = Proposal.participant_id.in_(
            select(Participant.id).where(Participant.stakeholder_group_id == stakeholder_group_id))
        query, people = query.where(in_group), people.where(in_group)
    items = [ItemResult(p.item_id or 0, p.item.title if p.item else p.title, p.kind, p.field_of_action_id, 0, 0, None)
             for p in db.session.scalars(query.order_by(Proposal.id))]
    return RoundResults(voting_round.id, "proposals", voting_round.status, db.session.scalar(people) or 0, items)


def pending_proposals(workshop: Workshop) -> list[Proposal]:
    """Return the proposals waiting for moderation, oldest first."""
    return list(db.session.scalars(select(Proposal).join(VotingRound)
                                   .where(VotingRound.workshop_id == workshop.id, Proposal.status == "pending")
                                   .order_by(Proposal.id)))


def proposals_of(workshop: Workshop, status: str | None = None) -> list[Proposal]:
    """Return the workshop's proposals (optionally of one status), oldest first."""
    query = (select(Proposal).join(VotingRound).where(VotingRound.workshop_id == workshop.id)
             .options(selectinload(Proposal.round), selectinload(Proposal.item),
                      selectinload(Proposal.participant).selectinload(Participant.stakeholder_group)))
    if status:
        query = query.where(Proposal.status == status)
    return list(db.session.scalars(query.order_by(Proposal.id)))


def participant_proposals(voting_round: VotingRound, participant: Participant) -> list[Proposal]:
    """Return what this participant proposed in the round."""
    return list(db.session.scalars(select(Proposal).where(Proposal.round_id == voting_round.id,
                                                          Proposal.participant_id == participant.id)
                                   .order_by(Proposal.id)))


def item_priorities(project_id: int) -> list[ItemPriority]:
    """Return every workshop item of the project with its dots, mean rating, rank points and voters."""
    items = list(db.session.execute(
        select(WorkshopItem, Workshop.title).join(Workshop)
        .where(Workshop.project_id == project_id).order_by(Workshop.id, WorkshopItem.position, WorkshopItem.id)))
    if not items:
        return []
    round_size = (select(RoundItem.round_id, func.count(RoundItem.id).label("size"))
                  .group_by(RoundItem.round_id).subquery())
    rows = db.session.execute(
        select(BallotEntry.item_id, VotingRound.method, round_size.c.size,
               func.count(BallotEntry.id), func.sum(BallotEntry.value))
        .join(Ballot, BallotEntry.ballot_id == Ballot.id)
        .join(VotingRound, Ballot.round_id == VotingRound.id)
        .join(round_size, round_size.c.round_id == VotingRound.id)
        .join(Workshop, VotingRound.workshop_id == Workshop.id)
        .where(Workshop.project_id == project_id)
        .group_by(BallotEntry.item_id, VotingRound.id, VotingRound.method, round_size.c.size))
    dots: dict[int, int] = defaultdict(int)
    rating_sum: dict[int, int] = defaultdict(int)
    rating_count: dict[int, int] = defaultdict(int)
    rank_points: dict[int, int] = {}
    for item_id, method, size, count, value_sum in rows:
        if method == "dots":
            dots[item_id] += int(value_sum or 0)
        elif method == "rating":
            rating_sum[item_id] += int(value_sum or 0)
            rating_count[item_id] += count
        elif method == "ranking":
            rank_points[item_id] = rank_points.get(item_id, 0) + count * (size + 1) - int(value_sum or 0)
    voters = dict(db.session.execute(
        select(BallotEntry.item_id, func.count(distinct(Ballot.participant_id)))
        .join(Ballot, BallotEntry.ballot_id == Ballot.id)
        .join(VotingRound, Ballot.round_id == VotingRound.id)
        .join(Workshop, VotingRound.workshop_id == Workshop.id)
        .where(Workshop.project_id == project_id).group_by(BallotEntry.item_id)).all())
    return [
        ItemPriority(
            item_id=item.id, workshop_id=item.workshop_id, workshop_title=workshop_title, kind=item.kind,
            field_of_action_id=item.field_of_action_id, title=item.title, source=item.source,
            theme_id=item.theme_id, dots=dots.get(item.id, 0),
            mean_rating=round(rating_sum[item.id] / rating_count[item.id], 2) if rating_count.get(item.id) else None,
            rank_points=rank_points.get(item.id), voters=voters.get(item.id, 0),
            is_accepted_proposal=item.is_accepted_proposal)
        for item, workshop_title in items
    ]


def workshop_attendance(project_id: int) -> list[WorkshopAttendance]:
    """Return each workshop of the project with its number of participants, by date."""
    joined = dict(db.session.execute(
        select(Participant.workshop_id, func.count(Participant.id)).join(Workshop)
        .where(Workshop.project_id == project_id).group_by(Participant.workshop_id)).all())
    workshops = db.session.scalars(select(Workshop).where(Workshop.project_id == project_id)
                                   .order_by(Workshop.date.is_(None), Workshop.date, Workshop.id))
    return [WorkshopAttendance(w.id, w.title, w.kind, w.date,
                               w.attendance if w.attendance is not None else joined.get(w.id, 0))
            for w in workshops]
