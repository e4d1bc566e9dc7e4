"""Participant pages under the short public prefix /w (no account): join with a code, vote, propose.

The participant's token lives in the signed session cookie and only its hash in
the database, so a phone left on the page for hours still votes. A vote form
whose CSRF token is missing or stale is shown again with the choices kept.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError

from app.auth.access import public_blueprint
from app.errors import ValidationError
from app.extensions import db, limiter
from app.languages.catalog import _p
from app.languages.registry import find_language
from app.languages.selection import (participant_language, remembered_language, requested_language,
                                     serve_participants, use_participant_language)
from app.tokens import hash_token
from app.workshops import participation, queries
from app.workshops.limits import limit_joins_per_address
from app.workshops.models import Participant, VotingRound, Workshop
from app.workshops.snapshots import PHONE_REFRESH_SECONDS
from app.workshops.voting import cast_ballot, ranking_from_places

bp = Blueprint("workshops_public", __name__, url_prefix="/w")
public_blueprint(bp)  # the join code and participant token are the key
serve_participants(bp)

#: Session key holding {workshop_id: participant token}.
SESSION_TOKENS = "workshop_tokens"


@bp.before_request
def protect_code():
    """Keep join codes out of Referer headers."""
    g.referrer_policy = "no-referrer"


def _settle_language(participant: Participant) -> str:
    """Store the language this browser chose with the participant; without a choice, keep theirs. Return the tag."""
    chosen = requested_language() or remembered_language()
    if chosen is not None:
        participation.set_participant_language(participant, chosen.tag)
    else:
        chosen = find_language(participant.language)
        if chosen is not None:
            use_participant_language(chosen)
    return participant_language().tag


def _failed(response) -> bool:
    return response.status_code >= 400


def _workshop_or_unknown(code: str) -> Workshop | None:
    workshop = queries.find_workshop_by_code(code)
    if workshop is None or workshop.status == "done":
        return None
    return workshop


def current_participant(workshop: Workshop) -> Participant | None:
    """Return the participant this browser joined the workshop as, or None."""
    token = (session.get(SESSION_TOKENS) or {}).get(str(workshop.id))
    if not token:
        return None
    return queries.find_participant(workshop.id, hash_token(token))


def participant_rate_limit_subject() -> str | None:
    """Return the rate-limit key of the participant whose token (API bearer or this browser's session) is valid."""
    participant = None
    if request.blueprint == "api.workshops_api":
        from app.workshops.api import token_holder

        participant = token_holder()
    elif request.blueprint == bp.name:
        for workshop_id, token in list((session.get(SESSION_TOKENS) or {}).items())[:5]:
            participant = queries.find_participant(int(workshop_id), hash_token(str(token)))
            if participant is not None:
                break
    return f"participant:{participant.id}" if participant is not None else None


def _remember(workshop: Workshop, token: str) -> None:
    tokens = dict(session.get(SESSION_TOKENS) or {})
    tokens[str(workshop.id)] = token
    session[SESSION_TOKENS] = tokens
    session.permanent = True


def _render(template: str, status: int = 200, **context):
    context.setdefault("language", participant_language().tag)
    return render_template(f"workshops/participate/{template}", **context), status


def _unknown_code_page(code: str = ""):
    return _render("enter_code.html", 404, code=code, workshop=None,
                   error=_p("Zu diesem Code gibt es keinen offenen Workshop. Bitte prüfen Sie die Eingabe."))


@bp.route("/", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"], deduct_when=_failed)
def enter_code():
    """Ask for the join code (the QR code on the projector skips this step)."""
    if request.method == "POST":
        code = request.form.get("code", "")
        if not code.strip():
            return _render("enter_code.html", 422, code="", workshop=None,
                           error=_p("Bitte geben Sie den Teilnahme-Code ein."))
        workshop = _workshop_or_unknown(code)
        if workshop is None:
            return _unknown_code_page(code)
        return redirect(url_for("workshops_public.join_workshop", code=workshop.join_code))
    return _render("enter_code.html", code="", workshop=None, error=None)


@bp.route("/<code>", methods=["GET", "POST"])
@limit_joins_per_address
@limiter.limit("60 per minute", deduct_when=lambda response: response.status_code == 404)
def join_workshop(code: str):
    """Join a workshop: optional name and stakeholder group, personal code where required."""
    workshop = _workshop_or_unknown(code)
    if workshop is None:
        return _unknown_code_page(code)
    if code != workshop.join_code:
        return redirect(url_for("workshops_public.join_workshop", code=workshop.join_code))
    joined = current_participant(workshop)
    if joined is not None:
        _settle_language(joined)
    if request.method == "GET" and joined is not None:
        return redirect(url_for("workshops_public.show_ballots", code=workshop.join_code))
    errors: dict[str, str] = {}
    values = {"name": "", "group": 0, "personal_code": ""}
    status = 200
    if request.method == "POST":
        values = {"name": request.form.get("name", ""), "group": request.form.get("group", type=int) or 0,
                  "personal_code": request.form.get("personal_code", "")}
        try:
            _participant, token = participation.join_workshop(
                workshop, display_name=values["name"], stakeholder_group_id=values["group"] or None,
                personal_code=values["personal_code"], language=participant_language().tag)
        except ValidationError as error:
            errors[error.field or "name"] = str(error.message)
            status = 422
        else:
            _remember(workshop, token)
            return redirect(url_for("workshops_public.show_ballots", code=workshop.join_code))
    return _render("join.html", status, workshop=workshop, values=values, errors=errors,
                   groups=workshop.project.stakeholder_groups)


def _round_views(workshop: Workshop, participant: Participant, submitted: dict | None = None) -> list[dict]:
    """Shape each open round for the ballot page: stored or just-submitted values, and messages."""
    submitted = submitted or {}
    views = []
    for voting_round in workshop.open_rounds:
        stored = queries.ballot_values(voting_round, participant)
        entry = submitted.get(voting_round.id, {})
        values = entry.get("values", stored)
        used = sum(v for v in values.values() if isinstance(v, int)) if voting_round.method == "dots" else 0
        views.append({
            "round": voting_round, "values": values, "has_ballot": bool(stored), "error": entry.get("error"),
            "notice": entry.get("notice"), "comment": entry.get("comment", _stored_comment(voting_round, participant)),
            "remaining": max(0, (voting_round.budget or 0) - used),
            "proposals": queries.participant_proposals(voting_round, participant)
            if voting_round.method == "proposals" else [],
            "proposal": entry.get("proposal", {}),
        })
    return views


def _stored_comment(voting_round: VotingRound, participant: Participant) -> str:
    ballot = queries.find_ballot(voting_round, participant)
    return ballot.comment if ballot else ""


def _render_ballots(workshop: Workshop, participant: Participant, submitted: dict | None = None, status: int = 200):
    views = _round_views(workshop, participant, submitted)
    return _render("ballots.html", status, workshop=workshop, participant=participant, views=views,
                   open_ids=",".join(str(v["round"].id) for v in views), fields=workshop.project.fields_of_action,
                   refresh_seconds=PHONE_REFRESH_SECONDS)


def _joined_or_redirect(code: str):
    workshop = _workshop_or_unknown(code)
    if workshop is None:
        return None, _unknown_code_page(code)
    participant = current_participant(workshop)
    if participant is None:
        flash(_p("Bitte treten Sie dem Workshop zuerst bei."), "info")
        return workshop, redirect(url_for("workshops_public.join_workshop", code=workshop.join_code))
    _settle_language(participant)
    return workshop, participant


@bp.get("/<code>/vote")
def show_ballots(code: str):
    """Show the open rounds with this participant's current ballots."""
    workshop, participant = _joined_or_redirect(code)
    if not isinstance(participant, Participant):
        return participant
    return _render_ballots(workshop, participant)


@bp.get("/<code>/vote/state")
def show_round_state(code: str):
    """Return a notice (for htmx polling) once the open rounds differ from those on the page."""
    workshop = _workshop_or_unknown(code)
    if workshop is None:
        return "", 204
    seen = request.args.get("open", "")
    current = ",".join(str(r.id) for r in workshop.open_rounds)
    if seen == current:
        return "", 204
    # 286 tells htmx to stop polling: the notice is shown (and announced) once.
    return _render("_state.html", 286, workshop=workshop)


def _submitted_values(voting_round: VotingRound) -> dict:
    """Read a ballot form into {item_id: value} as typed (for re-showing it) and the service's arguments."""
    form = request.form
    values: dict[int, object] = {}
    for item in voting_round.items:
        raw = form.get(f"item-{item.id}", "").strip()
        if raw == "":
            continue
        try:
            values[item.id] = int(raw)
        except ValueError:
            values[item.id] = raw
    return values


@bp.post("/<code>/rounds/<int:round_id>")
@limiter.limit("120 per minute")
def cast_ballot_from_form(code: str, round_id: int):
    """Store the participant's ballot for one round and come back to the ballot page."""
    workshop, participant = _joined_or_redirect(code)
    if not isinstance(participant, Participant):
        return participant
    voting_round = db.session.get(VotingRound, round_id)
    if voting_round is None or voting_round.workshop_id != workshop.id:
        abort(404)
    values = _submitted_values(voting_round)
    comment = request.form.get("comment", "")
    try:
        if voting_round.method == "dots":
            cast_ballot(voting_round, participant, dots=values, comment=comment)
        elif voting_round.method == "rating":
            cast_ballot(voting_round, participant, ratings=values, comment=comment)
        elif voting_round.method == "ranking":
            cast_ballot(voting_round, participant, ranking=ranking_from_places(values), comment=comment)
        else:
            abort(404)
    except ValidationError as error:
        db.session.rollback()
        kept = {voting_round.id: {"values": values, "error": str(error.message), "comment": comment}}
        if voting_round.status != "open":
            return _closed_page(workshop, participant, voting_round, str(error.message))
        return _render_ballots(workshop, participant, kept, 422)
    flash(_p("Ihre Stimme ist gespeichert. Sie können sie ändern, bis die Runde geschlossen wird."), "success")
    return redirect(url_for("workshops_public.show_ballots", code=workshop.join_code) + f"#round-{voting_round.id}")


def _closed_page(workshop, participant, voting_round, message):
    return _render("closed.html", 409, workshop=workshop, participant=participant, voting_round=voting_round,
                   message=message)


@bp.post("/<code>/rounds/<int:round_id>/proposals")
@limiter.limit("30 per minute")
def submit_proposal(code: str, round_id: int):
    """Record a participant's proposal for moderation."""
    workshop, participant = _joined_or_redirect(code)
    if not isinstance(participant, Participant):
        return participant
    voting_round = db.session.get(VotingRound, round_id)
    if voting_round is None or voting_round.workshop_id != workshop.id:
        abort(404)
    proposal = {"kind": request.form.get("kind", "measure"), "title": request.form.get("title", ""),
                "description": request.form.get("description", ""),
                "field_of_action_id": request.form.get("field_of_action_id", type=int) or None}
    try:
        participation.submit_proposal(voting_round, participant, **proposal)
    except ValidationError as error:
        db.session.rollback()
        if voting_round.status != "open":
            return _closed_page(workshop, participant, voting_round, str(error.message))
        kept = {voting_round.id: {"proposal": proposal, "error": str(error.message)}}
        return _render_ballots(workshop, participant, kept, 422)
    flash(_p("Danke! Ihr Vorschlag wird geprüft, bevor er gezeigt wird."), "success")
    return redirect(url_for("workshops_public.show_ballots", code=workshop.join_code) + f"#round-{voting_round.id}")


@bp.errorhandler(CSRFError)
def keep_choices_when_form_expired(error):
    """Show the form again with the participant's choices kept instead of losing them."""
    view_args = request.view_args or {}
    code = view_args.get("code", "")
    workshop = _workshop_or_unknown(code) if code else None
    expired = _p("Die Seite war lange geöffnet und musste erneuert werden. Ihre Auswahl ist erhalten – bitte "
                 "prüfen Sie sie und senden Sie noch einmal.")
    if workshop is None:
        return _render("enter_code.html", 400, code="", workshop=None, error=expired)
    participant = current_participant(workshop)
    round_id = view_args.get("round_id")
    voting_round = db.session.get(VotingRound, round_id) if round_id else None
    if participant is None or voting_round is None or voting_round.workshop_id != workshop.id:
        values = {"name": request.form.get("name", ""), "group": request.form.get("group", type=int) or 0,
                  "personal_code": request.form.get("personal_code", "")}
        return _render("join.html", 400, workshop=workshop, values=values, errors={"form": expired},
                       groups=workshop.project.stakeholder_groups)
    if request.endpoint == "workshops_public.submit_proposal":
        kept = {"proposal": {"kind": request.form.get("kind", "measure"), "title": request.form.get("title", ""),
                             "description": request.form.get("description", ""),
                             "field_of_action_id": request.form.get("field_of_action_id", type=int)}}
    else:
        kept = {"values": _submitted_values(voting_round), "comment": request.form.get("comment", "")}
    kept["notice"] = expired
    return _render_ballots(workshop, participant, {voting_round.id: kept}, 400)
