"""The workshop part of the JSON API under /api/v1: join, list open rounds, cast a ballot, read results."""
from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_security import current_user

from app.api.errors import ApiError, bearer_token, json_body
from app.auth import access
from app.errors import ValidationError
from app.extensions import client_address_key, db, limiter, participant_or_address_key
from app.languages.catalog import _p
from app.languages.registry import find_language, participant_tags
from app.languages.selection import participant_language, use_participant_language
from app.tokens import hash_token
from app.workshops import queries, services
from app.workshops.limits import limit_joins_per_address
from app.workshops.models import Participant, VotingRound, Workshop
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


def _participant() -> Participant:
    token = bearer_token()
    participant = queries.find_participant_by_token_hash(hash_token(token)) if token else None
    if participant is None:
        raise ApiError(_p("Ungültiges oder fehlendes Teilnahme-Token."), 401)
    own = find_language(participant.language)
    if own is not None and request.args.get("lang") is None:
        use_participant_language(own)
    return participant


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


def round_json(voting_round: VotingRound, language: str = "de") -> dict:
    """Return an open round as the API describes it, its texts in ``language`` where translated."""
    return {
        "id": voting_round.id, "title": voting_round.title_in(language), "method": voting_round.method,
        "budget": voting_round.budget, "max_per_item": voting_round.max_per_item, "status": voting_round.status,
        "hide_results_while_open": voting_round.hide_results_while_open,
        "language": language,
        "items": [{"id": item.id, "title": item.title_in(language), "description": item.description_in(language),
                   "kind": item.kind,
                   "field_of_action": item.field_of_action.name_in(language) if item.field_of_action else None,
                   "field_of_action_id": item.field_of_action_id, "parent_id": item.parent_id}
                  for item in voting_round.items],
    }


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
@limiter.limit(_read_limit)
@limiter.limit("30 per minute", key_func=client_address_key, deduct_when=_not_found)
def list_open_rounds(code: str):
    """List the workshop's open rounds with their items."""
    workshop = _open_workshop(code)
    language = participant_language().tag
    return jsonify({"rounds": [round_json(r, language) for r in workshop.open_rounds]})


def _ballot_json(voting_round: VotingRound, values: dict[int, int], comment: str = "") -> dict:
    body: dict = {"round_id": voting_round.id, "method": voting_round.method, "comment": comment}
    if voting_round.method == "dots":
        body["dots"] = {str(k): v for k, v in values.items()}
        body["remaining"] = (voting_round.budget or 0) - sum(values.values())
    elif voting_round.method == "rating":
        body["ratings"] = {str(k): v for k, v in values.items()}
    else:
        body["ranking"] = [k for k, _v in sorted(values.items(), key=lambda pair: pair[1])]
    return body


@bp.put("/rounds/<int:round_id>/ballot")
@limiter.limit("120 per minute")
def put_ballot(round_id: int):
    """Store (or replace) the participant's ballot in a round and return it."""
    participant = _participant()
    voting_round = _round(round_id)
    if participant.workshop_id != voting_round.workshop_id:
        raise ApiError(_p("Diese Runde gehört zu einem anderen Workshop."), 403)
    data = json_body()
    comment = data.get("comment") or ""
    if not isinstance(comment, str):
        raise ApiError(_p("Der Kommentar muss ein Text sein."), 422, {"comment": _p("Der Kommentar muss ein Text sein.")})
    try:
        values = cast_ballot(voting_round, participant, dots=data.get("dots"), ratings=data.get("ratings"),
                             ranking=data.get("ranking"), comment=comment)
    except RoundClosedError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 409) from None
    except ValidationError as error:
        db.session.rollback()
        raise ApiError(str(error.message), 422, {error.field or "ballot": error.message}) from None
    return jsonify(_ballot_json(voting_round, values, comment.strip()))


@bp.get("/rounds/<int:round_id>/ballot")
@limiter.limit("120 per minute")
def get_ballot(round_id: int):
    """Return the participant's stored ballot in a round."""
    participant = _participant()
    voting_round = _round(round_id)
    if participant.workshop_id != voting_round.workshop_id:
        raise ApiError(_p("Diese Runde gehört zu einem anderen Workshop."), 403)
    ballot = queries.find_ballot(voting_round, participant)
    if ballot is None:
        raise ApiError(_p("Sie haben in dieser Runde noch nicht abgestimmt."), 404)
    return jsonify(_ballot_json(voting_round, queries.ballot_values(voting_round, participant), ballot.comment))


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


def _participant_or_none() -> Participant | None:
    token = bearer_token()
    return queries.find_participant_by_token_hash(hash_token(token)) if token else None


@bp.get("/rounds/<int:round_id>/results")
@limiter.limit("120 per minute")
def get_results(round_id: int):
    """Return a round's results to its workshop's participants and staff (hidden while open if the facilitator chose so)."""
    participant = _participant_or_none()
    if participant is None and not current_user.is_authenticated:
        raise ApiError(_p("Ungültiges oder fehlendes Teilnahme-Token."), 401)
    voting_round = db.session.get(VotingRound, round_id)
    is_staff = voting_round is not None and staff_may_see_workshop(voting_round.workshop)
    is_member = (voting_round is not None and participant is not None
                 and participant.workshop_id == voting_round.workshop_id)
    if voting_round is None or voting_round.status == "draft" or not (is_staff or is_member):
        raise ApiError(_p("Diese Runde gibt es nicht."), 404)
    if not voting_round.shows_results_now and not is_staff:
        return jsonify({"round_id": voting_round.id, "method": voting_round.method, "status": voting_round.status,
                        "participants": queries.ballot_count(voting_round), "is_hidden": True, "items": []})
    results = queries.round_results(voting_round)
    return jsonify({
        "round_id": voting_round.id, "method": voting_round.method, "status": voting_round.status,
        "participants": results.participants, "is_hidden": False,
        "items": [{"id": row.item_id, "title": row.title, "kind": row.kind,
                   "field_of_action_id": row.field_of_action_id, "total": row.total, "votes": row.votes,
                   "mean": row.mean} for row in results.items],
    })


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
