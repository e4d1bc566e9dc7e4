"""The workshop part of the JSON API under /api/v1: join, list open rounds, cast a ballot, read results."""
from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request
from flask_security import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, raiseload

from app.api.errors import ApiError, bearer_token, json_body
from app.auth import access
from app.errors import ValidationError
from app.extensions import client_address_key, db, limiter, participant_or_address_key
from app.languages.catalog import _p
from app.languages.registry import find_language, language, participant_tags
from app.languages.selection import participant_language, use_participant_language
from app.lean import is_lean_request, lean_json
from app.tokens import hash_token
from app.workshops import queries, services, snapshots
from app.workshops.limits import limit_joins_per_address
from app.workshops.models import Participant, RoundItem, VotingRound, Workshop
from app.workshops.voting import RoundClosedError, cast_ballot

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


def token_participant() -> Participant | None:
    """Return the participant whose bearer token this request carries (looked up once per request), or None."""
    if "api_participant" not in g:
        token = bearer_token()
        g.api_participant = queries.find_participant_by_token_hash(hash_token(token)) if token else None
    return g.api_participant


def _speak(participant: Participant | None = None) -> str:
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


def _participant() -> Participant:
    participant = token_participant()
    _speak(participant)
    if participant is None:
        raise ApiError(_p("Ungültiges oder fehlendes Teilnahme-Token."), 401)
    return participant


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


@bp.post("/workshops/<code>/join")
@limit_joins_per_address
@limiter.limit("30 per minute", deduct_when=_failed)
@limiter.limit("2000 per minute", key_func=_join_code_key)
def join_workshop(code: str):
    """Join a workshop and return the participant token."""
    workshop = _open_workshop(code)
    data = json_body()
    try:
        _participant_row, token = services.join_workshop(
            workshop, display_name=str(data.get("name") or ""), stakeholder_group_id=_group_id(workshop, data),
            personal_code=str(data.get("code") or ""), language=participant_language().tag)
    except ValidationError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 422, {error.field or "name": error.message}) from None
    return jsonify({"token": token, "workshop": {"title": workshop.title, "join_code": workshop.join_code}}), 201


def _group_id(workshop, data: dict) -> int | None:
    group = data.get("group")
    if group in (None, "", 0):
        return None
    if isinstance(group, int) and not isinstance(group, bool):
        return group
    for candidate in workshop.project.stakeholder_groups:
        if candidate.name.casefold() == str(group).strip().casefold():
            return candidate.id
    raise ApiError(_p("Unbekannte Akteursgruppe."), 422, {"group": _p("Unbekannte Akteursgruppe.")})


@bp.get("/workshops/<code>/rounds")
@lean_json(reads_only=True)
@limiter.limit(_read_limit)
@limiter.limit("30 per minute", key_func=client_address_key, deduct_when=_not_found)
def list_open_rounds(code: str):
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
def put_ballot(round_id: int):
    """Store (or replace) the participant's ballot in a round and return it."""
    participant = _participant()
    voting_round = _ballot_round(round_id)
    if participant.workshop_id != voting_round.workshop_id:
        raise ApiError(_p("Diese Runde gehört zu einem anderen Workshop."), 403)
    data = json_body()
    comment = data.get("comment") or ""
    if not isinstance(comment, str):
        raise ApiError(_p("Der Kommentar muss ein Text sein."), 422, {"comment": _p("Der Kommentar muss ein Text sein.")})
    # Read before the commit expires the round: the answer needs no further query.
    shape = (voting_round.id, voting_round.method, voting_round.budget)
    try:
        values = cast_ballot(voting_round, participant, dots=data.get("dots"), ratings=data.get("ratings"),
                             ranking=data.get("ranking"), comment=comment)
    except RoundClosedError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409) from None
    except ValidationError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 422, {error.field or "ballot": error.message}) from None
    return jsonify(_ballot_json(*shape, values, comment.strip()))


@bp.get("/rounds/<int:round_id>/ballot")
@lean_json()
@limiter.limit("120 per minute")
def get_ballot(round_id: int):
    """Return the participant's stored ballot in a round."""
    participant = _participant()
    voting_round = _ballot_round(round_id)
    if participant.workshop_id != voting_round.workshop_id:
        raise ApiError(_p("Diese Runde gehört zu einem anderen Workshop."), 403)
    ballot = queries.find_ballot(voting_round, participant)
    if ballot is None:
        raise ApiError(_p("Sie haben in dieser Runde noch nicht abgestimmt."), 404)
    return jsonify(_ballot_json(voting_round.id, voting_round.method, voting_round.budget,
                                queries.ballot_values(voting_round, participant), ballot.comment))


@bp.post("/rounds/<int:round_id>/proposals")
@limiter.limit("30 per minute")
def post_proposal(round_id: int):
    """Record a participant's proposal for moderation."""
    participant = _participant()
    voting_round = _round(round_id)
    data = json_body()
    try:
        proposal = services.submit_proposal(
            voting_round, participant, kind=str(data.get("kind") or ""), title=str(data.get("title") or ""),
            description=str(data.get("description") or ""), field_of_action_id=data.get("field_of_action_id"))
    except RoundClosedError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409) from None
    except ValidationError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 422, {error.field or "proposal": error.message}) from None
    return jsonify({"id": proposal.id, "status": proposal.status}), 201


def staff_may_see_workshop(workshop: Workshop) -> bool:
    """Return whether the logged-in staff member may see this workshop's results (its project's lead, facilitators, observers)."""
    return bool(current_user.is_authenticated and access.may(workshop.project_id, "lead", "facilitator", "observer"))


@bp.get("/rounds/<int:round_id>/results")
@lean_json(lambda: bearer_token() is not None, reads_only=True)
@limiter.limit("120 per minute")
def get_results(round_id: int):
    """Return a round's results to its workshop's participants and staff (hidden while open if the facilitator chose so).

    Served from a snapshot per state of the round (304 when unchanged): a vote shows at the next poll.
    """
    participant = token_participant()
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


def _error_responses(*codes: int) -> dict:
    return {str(code): {"description": description, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}
        for code, description in ((c, API_ERRORS[c]) for c in codes)}


API_ERRORS = {400: "Not a JSON object", 401: "Missing or unknown participant token",
              403: "Round of another workshop", 404: "Unknown join code or round",
              409: "The round is closed or not yet open", 422: "Ballot breaks the round's rules",
              429: "Too many requests"}

ROUND_ID = {"name": "round_id", "in": "path", "required": True, "schema": {"type": "integer"}}
CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"},
        "description": "The workshop's join code, e.g. DEMO36."}

SPEC = {
    "paths": {
        "/workshops/{code}/join": {"post": {
            "summary": "Join a workshop", "operationId": "joinWorkshop", "tags": ["workshops"], "parameters": [CODE],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/WorkshopJoin"}}}},
            "responses": {"201": {"description": "Joined", "content": {"application/json": {"schema": {
                "type": "object", "required": ["token"], "properties": {"token": {"type": "string"},
                                                                        "workshop": {"type": "object"}}}}}},
                          **_error_responses(400, 404, 422, 429)}}},
        "/workshops/{code}/rounds": {"get": {
            "summary": "List the open rounds", "operationId": "listOpenRounds", "tags": ["workshops"],
            "parameters": [CODE],
            "responses": {"200": {"description": "Open rounds", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"rounds": {"type": "array", "items": {
                    "$ref": "#/components/schemas/WorkshopRound"}}}}}}}, **_error_responses(404, 429)}}},
        "/rounds/{round_id}/ballot": {
            "put": {"summary": "Cast or replace a ballot", "operationId": "putBallot", "tags": ["workshops"],
                    "security": [{"participantToken": []}], "parameters": [ROUND_ID],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/WorkshopBallot"}}}},
                    "responses": {"200": {"description": "The stored ballot", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/WorkshopBallot"}}}},
                        **_error_responses(400, 401, 403, 404, 409, 422, 429)}},
            "get": {"summary": "Read the stored ballot", "operationId": "getBallot", "tags": ["workshops"],
                    "security": [{"participantToken": []}], "parameters": [ROUND_ID],
                    "responses": {"200": {"description": "The stored ballot", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/WorkshopBallot"}}}},
                        **_error_responses(401, 403, 404)}}},
        "/rounds/{round_id}/proposals": {"post": {
            "summary": "Propose a goal or measure", "operationId": "postProposal", "tags": ["workshops"],
            "security": [{"participantToken": []}], "parameters": [ROUND_ID],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["kind", "title"], "properties": {
                    "kind": {"enum": ["guiding_goal", "action_goal", "measure"]}, "title": {"type": "string"},
                    "description": {"type": "string"}, "field_of_action_id": {"type": ["integer", "null"]}}}}}},
            "responses": {"201": {"description": "Recorded for moderation"},
                          **_error_responses(400, 401, 404, 409, 422, 429)}}},
        "/rounds/{round_id}/results": {"get": {
            "summary": "Read a round's results", "operationId": "getRoundResults", "tags": ["workshops"],
            "security": [{"participantToken": []}], "parameters": [ROUND_ID],
            "description": "For participants of the round's workshop (their token) and logged-in staff. While a "
                           "round is open with hidden results, items is empty and is_hidden true (logged-in "
                           "facilitators always see the results).",
            "responses": {"200": {"description": "Results, best first", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/WorkshopResults"}}}}, **_error_responses(401, 404, 429)}}},
    },
    "schemas": {
        "WorkshopJoin": {"type": "object", "properties": {
            "name": {"type": "string", "maxLength": 100},
            "group": {"type": ["string", "integer"], "description": "Stakeholder group name or id"},
            "code": {"type": "string", "description": "Personal code (decision-maker workshops)"}}},
        "WorkshopRound": {"type": "object", "required": ["id", "method", "status", "items"], "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"},
            "method": {"enum": ["dots", "rating", "ranking", "proposals"]},
            "budget": {"type": ["integer", "null"]}, "max_per_item": {"type": ["integer", "null"]},
            "status": {"enum": ["draft", "open", "closed"]}, "hide_results_while_open": {"type": "boolean"},
            "items": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "title": {"type": "string"}, "description": {"type": "string"},
                "kind": {"enum": ["guiding_goal", "action_goal", "measure"]},
                "field_of_action": {"type": ["string", "null"]}, "field_of_action_id": {"type": ["integer", "null"]},
                "parent_id": {"type": ["integer", "null"]}}}}}},
        "WorkshopBallot": {"type": "object", "description": "One of dots, ratings or ranking, by the round's method.",
                           "properties": {
                               "dots": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
                               "ratings": {"type": "object", "additionalProperties": {"type": "integer",
                                                                                      "minimum": 1, "maximum": 5}},
                               "ranking": {"type": "array", "items": {"type": "integer"}},
                               "comment": {"type": "string", "maxLength": 2000},
                               "round_id": {"type": "integer", "readOnly": True},
                               "remaining": {"type": "integer", "readOnly": True}}},
        "WorkshopResults": {"type": "object", "required": ["round_id", "participants", "items"], "properties": {
            "round_id": {"type": "integer"}, "method": {"type": "string"}, "status": {"type": "string"},
            "participants": {"type": "integer"}, "is_hidden": {"type": "boolean"},
            "items": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "title": {"type": "string"}, "kind": {"type": "string"},
                "field_of_action_id": {"type": ["integer", "null"]},
                "total": {"type": "integer", "description": "Dots, sum of ratings or rank points"},
                "votes": {"type": "integer"}, "mean": {"type": ["number", "null"]}}}}}},
    },
}
