"""The workshop part of the JSON API under /api/v1: join, list open rounds, cast a ballot, read results.

The models in ``app.workshops.schemas`` check each request and document it: 422 for a request the schema
refuses, 409 for one the workshop or round as it stands refuses (its budget, its items, a closed round).
"""
from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request
from flask_security import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, raiseload

from app.api.errors import ApiError, bearer_token
from app.api.schemas import DatabaseId, operation
from app.auth import access
from app.errors import ValidationError
from app.extensions import client_address_key, db, limiter, participant_or_address_key
from app.languages.catalog import _p
from app.languages.registry import find_language, language, participant_tags
from app.languages.selection import participant_language, use_participant_language
from app.lean import is_lean_request, lean_json
from app.tokens import hash_token
from app.workshops import participation, queries, snapshots
from app.workshops.limits import limit_joins_per_address
from app.workshops.models import Participant, RoundItem, VotingRound, Workshop
from app.workshops.schemas import (JoinCode, Joined, OpenRounds, ProposalIn, ProposalRecorded, RoundResults,
                                   StoredBallot, WorkshopBallot, WorkshopJoin)
from app.workshops.voting import RoundClosedError, cast_ballot, find_ballot_round

bp = Blueprint("workshops_api", __name__)

# Rate limits: the default key is the participant once their bearer token has been checked, else the
# address (any other Bearer value counts against the address). Joining has no token yet: failed attempts
# (unknown code, wrong personal code) are limited per address, and all joins per address widely enough
# for a whole room behind one address (pages and API together), and per workshop. Reading the open rounds is limited per participant, and
# generously per address for a room polling without tokens; unknown codes count against the address.


@bp.before_request
def use_requested_language():
    """Answer in the language asked for (``?lang=``, else the browser's Accept-Language), German otherwise.

    A participant's own choice, once known from the token, takes over unless ``?lang=`` is given.
    """
    chosen = find_language(request.args.get("lang"))
    if chosen is None:
        chosen = find_language(request.accept_languages.best_match(participant_tags()))
    if chosen is not None:
        use_participant_language(chosen)


def _failed(response) -> bool:
    return response.status_code >= 400


def _not_found(response) -> bool:
    return response.status_code == 404


def _read_limit() -> str:
    """Return the limit for polling reads: per participant, or per address for callers without a valid token."""
    return "120 per minute" if participant_or_address_key().startswith("participant:") else "1200 per minute"


def _join_code_key() -> str:
    from flask import request

    return "workshop-join:" + (request.view_args or {}).get("code", "").upper()[:16]


def token_holder() -> queries.TokenHolder | None:
    """Return who the bearer token of this request belongs to (looked up once per request, no ORM), or None."""
    if "api_token_holder" not in g:
        token = bearer_token()
        g.api_token_holder = queries.find_token_holder(hash_token(token)) if token else None
    return g.api_token_holder


def token_participant() -> Participant | None:
    """Return the participant whose bearer token this request carries, as an ORM object, or None."""
    holder = token_holder()
    return db.session.get(Participant, holder.id) if holder is not None else None


def _speak(participant: Participant | queries.TokenHolder | None = None) -> str:
    """Answer in ``?lang=``, else the participant's own language, else the browser's, else German; return the tag.

    The lean path runs no language hook, so each view settles its language here (no session involved).
    """
    chosen = find_language(request.args.get("lang"))
    if chosen is None and participant is not None:
        chosen = find_language(participant.language)
    if chosen is None:
        chosen = find_language(request.accept_languages.best_match(participant_tags()))
    chosen = chosen or language(None)
    use_participant_language(chosen)
    return chosen.tag


def _holder() -> queries.TokenHolder:
    """Return the token's holder and settle the answer's language; 401 without a valid token."""
    holder = token_holder()
    _speak(holder)
    if holder is None:
        raise ApiError(_p("Ungültiges oder fehlendes Teilnahme-Token."), 401)
    return holder


def _participant() -> Participant:
    _holder()
    return token_participant()


def _send_snapshot(snapshot: snapshots.Snapshot, *, varies_by_language: bool = False):
    """Answer with a snapshot's body, or 304 when the client already holds it (If-None-Match)."""
    g.may_revalidate = True
    if request.if_none_match.contains(snapshot.etag):
        response = current_app.response_class(status=304)
    else:
        response = current_app.response_class(snapshot.body, mimetype="application/json")
    response.set_etag(snapshot.etag)
    if varies_by_language:
        response.vary.add("Accept-Language")
    return response


def _ballot_round(round_id: int) -> VotingRound:
    """Load a round with the ids of its items in one query (what checking a ballot needs, nothing more)."""
    voting_round = db.session.scalar(
        select(VotingRound).where(VotingRound.id == round_id)
        .options(joinedload(VotingRound.round_items).raiseload(RoundItem.item), raiseload(VotingRound.workshop)))
    if voting_round is None:
        raise ApiError(_p("Diese Runde gibt es nicht."), 404)
    return voting_round


def _open_workshop(code: str):
    workshop = queries.find_workshop_by_code(code)
    if workshop is None or workshop.status == "done":
        raise ApiError(_p("Zu diesem Code gibt es keinen offenen Workshop."), 404)
    return workshop


def _round(round_id: int) -> VotingRound:
    voting_round = db.session.get(VotingRound, round_id)
    if voting_round is None:
        raise ApiError(_p("Diese Runde gibt es nicht."), 404)
    return voting_round


def _participant_and_round(load_round, round_id: int) -> tuple[Participant, VotingRound]:
    """Return the token's participant and the round loaded by ``load_round``; 403 for another workshop's round."""
    participant = _participant()
    voting_round = load_round(round_id)
    if participant.workshop_id != voting_round.workshop_id:
        raise ApiError(_p("Diese Runde gehört zu einem anderen Workshop."), 403)
    return participant, voting_round


@bp.post("/workshops/<code>/join")
@limit_joins_per_address
@limiter.limit("30 per minute", deduct_when=_failed)
@limiter.limit("2000 per minute", key_func=_join_code_key)
@operation("Join a workshop", tag="workshops", ok={201: ("Joined: the participant token", Joined)},
           errors={404: "No open workshop with this code",
                   409: "The personal code is wrong or used, or the group is not one of the project's"},
           language=_speak)
def join_workshop(code: JoinCode, body: WorkshopJoin):
    """Join a workshop and return the participant token."""
    workshop = _open_workshop(code)
    try:
        _participant_row, token = participation.join_workshop(
            workshop, display_name=body.name or "", stakeholder_group_id=_group_id(workshop, body.group),
            personal_code=body.code or "", language=participant_language().tag)
    except ValidationError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409, {error.field or "name": error.message}) from None
    return jsonify({"token": token, "workshop": {"title": workshop.title, "join_code": workshop.join_code}}), 201


def _group_id(workshop, group: str | int | None) -> int | None:
    """Return the id of the group given by id or name (None for none); an unknown name is refused (409)."""
    if isinstance(group, int):
        return group
    if group is None or not group.strip():
        return None
    for candidate in workshop.project.stakeholder_groups:
        if candidate.name.casefold() == group.strip().casefold():
            return candidate.id
    raise ApiError(_p("Unbekannte Akteursgruppe."), 409, {"group": _p("Unbekannte Akteursgruppe.")})


@bp.get("/workshops/<code>/rounds")
@lean_json(reads_only=True)
@limiter.limit(_read_limit)
@limiter.limit("30 per minute", key_func=client_address_key, deduct_when=_not_found)
@operation("List the open rounds", tag="workshops",
           ok={200: ("Open rounds", OpenRounds), 304: ("Unchanged since the ETag sent in If-None-Match", None)},
           errors={404: "No open workshop with this code"}, language=_speak)
def list_open_rounds(code: JoinCode):
    """List the workshop's open rounds with their items (a snapshot per state of the rounds, 304 when unchanged)."""
    tag = _speak()
    found = snapshots.find_open_rounds(code)
    if found is None or found.status == "done":
        raise ApiError(_p("Zu diesem Code gibt es keinen offenen Workshop."), 404)
    return _send_snapshot(snapshots.open_rounds_snapshot(found, tag), varies_by_language=True)


def _ballot_json(round_id: int, method: str, budget: int | None, values: dict[int, int], comment: str = "") -> dict:
    body: dict = {"round_id": round_id, "method": method, "comment": comment}
    if method == "dots":
        body["dots"] = {str(k): v for k, v in values.items()}
        body["remaining"] = (budget or 0) - sum(values.values())
    elif method == "rating":
        body["ratings"] = {str(k): v for k, v in values.items()}
    else:
        body["ranking"] = [k for k, _v in sorted(values.items(), key=lambda pair: pair[1])]
    return body


@bp.put("/rounds/<int:round_id>/ballot")
@lean_json()
@limiter.limit("120 per minute")
@operation("Cast or replace a ballot", tag="workshops", ok={200: ("The stored ballot", StoredBallot)},
           errors={401: "Missing or unknown participant token", 403: "A round of another workshop",
                   404: "No such round", 409: "The round refuses the ballot (its method, budget, items) or is "
                                                 "closed or not yet open"},
           needs_token=True, language=_speak)
def put_ballot(round_id: DatabaseId, body: WorkshopBallot):
    """Store (or replace) the participant's ballot in a round and return it."""
    holder = _holder()
    voting_round = find_ballot_round(round_id)
    if voting_round is None:
        raise ApiError(_p("Diese Runde gibt es nicht."), 404)
    if holder.workshop_id != voting_round.workshop_id:
        raise ApiError(_p("Diese Runde gehört zu einem anderen Workshop."), 403)
    comment = body.comment or ""
    try:
        values = cast_ballot(voting_round, holder, dots=body.dots, ratings=body.ratings,
                             ranking=body.ranking, comment=comment)
    except RoundClosedError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409) from None
    except ValidationError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409, {error.field or "ballot": error.message}) from None
    return jsonify(_ballot_json(voting_round.id, voting_round.method, voting_round.budget, values, comment.strip()))


@bp.get("/rounds/<int:round_id>/ballot")
@lean_json()
@limiter.limit("120 per minute")
@operation("Read the stored ballot", tag="workshops", ok={200: ("The stored ballot", StoredBallot)},
           errors={401: "Missing or unknown participant token", 403: "A round of another workshop",
                   404: "No such round, or no ballot in it yet"}, needs_token=True, language=_speak)
def get_ballot(round_id: DatabaseId):
    """Return the participant's stored ballot in a round."""
    participant, voting_round = _participant_and_round(_ballot_round, round_id)
    ballot = queries.find_ballot(voting_round, participant)
    if ballot is None:
        raise ApiError(_p("Sie haben in dieser Runde noch nicht abgestimmt."), 404)
    return jsonify(_ballot_json(voting_round.id, voting_round.method, voting_round.budget,
                                queries.ballot_values(voting_round, participant), ballot.comment))


@bp.post("/rounds/<int:round_id>/proposals")
@limiter.limit("30 per minute")
@operation("Propose a goal or measure", tag="workshops", ok={201: ("Recorded for moderation", ProposalRecorded)},
           errors={401: "Missing or unknown participant token", 403: "A round of another workshop",
                   404: "No such round", 409: "The round collects no proposals, is closed, or has enough from "
                                                 "this participant; or the field of action is not the project's"},
           needs_token=True, language=_speak)
def post_proposal(round_id: DatabaseId, body: ProposalIn):
    """Record a participant's proposal for moderation."""
    participant, voting_round = _participant_and_round(_round, round_id)
    try:
        proposal = participation.submit_proposal(
            voting_round, participant, kind=body.kind, title=body.title, description=body.description or "",
            field_of_action_id=body.field_of_action_id)
    except RoundClosedError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409) from None
    except ValidationError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409, {error.field or "proposal": error.message}) from None
    return jsonify({"id": proposal.id, "status": proposal.status}), 201


def staff_may_see_workshop(workshop: Workshop) -> bool:
    """Return whether the logged-in staff member may see this workshop's results (its project's lead, facilitators, observers)."""
    return bool(current_user.is_authenticated and access.may(workshop.project_id, "lead", "facilitator", "observer"))


@bp.get("/rounds/<int:round_id>/results")
@lean_json(lambda: bearer_token() is not None, reads_only=True)
@limiter.limit("120 per minute")
@operation("Read a round's results", tag="workshops",
           ok={200: ("Results, best first", RoundResults), 304: ("Unchanged since the ETag sent in If-None-Match",
                                                                  None)},
           errors={401: "Missing or unknown participant token (and no staff sign-in)",
                   404: "No such round for this participant"}, needs_token=True, language=_speak,
           description="For participants of the round's workshop (their token) and signed-in staff of its "
                       "project. While a round is open with hidden results, items is empty and is_hidden true "
                       "(staff always see the results).")
def get_results(round_id: DatabaseId):
    """Return a round's results to its workshop's participants and staff (hidden while open if the facilitator chose so).

    Served from a snapshot per state of the round (304 when unchanged): a vote shows at the next poll.
    """
    participant = token_holder()
    _speak(participant)
    if participant is None and (is_lean_request() or not current_user.is_authenticated):
        raise ApiError(_p("Ungültiges oder fehlendes Teilnahme-Token."), 401)
    state = snapshots.find_round_state(round_id)
    is_member = state is not None and participant is not None and participant.workshop_id == state.workshop_id
    is_staff = (state is not None and participant is None
                and staff_may_see_workshop(db.session.get(Workshop, state.workshop_id)))
    if state is None or state.status == "draft" or not (is_staff or is_member):
        raise ApiError(_p("Diese Runde gibt es nicht."), 404)
    return _send_snapshot(snapshots.results_snapshot(state, is_hidden=not state.shows_results_now and not is_staff))
