"""JSON API for kiosk tablets and other front ends: read a survey, save answers, submit (under /api/v1).

A personal token (or one obtained from a public link) identifies the answer sheet. The models in
``app.surveys.schemas`` check each request and document it. Errors come as ``{"error": message,
"fields": {...}}`` in the respondent's language: 422 for a request the schema refuses, 409 for one the
survey as it stands refuses; unknown and expired tokens get the same answer.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from app.api.errors import ApiError
from app.api.schemas import operation
from app.extensions import client_address_key, limiter
from app.languages.catalog import _p
from app.languages.registry import find_language
from app.languages.selection import use_participant_language
from app.surveys import invitations, submissions
from app.surveys.answering import problem_message
from app.surveys.consent import consent_wording
from app.surveys.models import Respondent
from app.surveys.schemas import AnswerState, AnswersUpdate, PublicCode, PublicSheet, SurveyForRespondent, Token

bp = Blueprint("surveys_api", __name__)


def _address_limit() -> str:
    return current_app.config.get("SURVEYS_API_ADDRESS_LIMIT", "2000 per minute")


def _failed_lookup(response) -> bool:
    return response.status_code == 404


def rate_limited(view):
    """Limit a view per answer sheet (a valid token; others count for their address), unknown tokens and codes
    per address, and all requests of an address generously (a kiosk room shares one address)."""
    per_client = limiter.limit("120 per minute")
    per_address_failures = limiter.limit("30 per minute", key_func=client_address_key, deduct_when=_failed_lookup)
    per_address = limiter.limit(_address_limit, key_func=client_address_key)
    return per_client(per_address_failures(per_address(view)))


def _requested_language() -> None:
    """Use the language of ``?lang=`` for a request refused before its token is read (the schema's refusals)."""
    chosen = find_language(request.args.get("lang"))
    if chosen is not None:
        use_participant_language(chosen)


def _language(respondent: Respondent | None = None) -> str:
    """Settle the language of the answer (``?lang=``, else the respondent's choice, else German) and use it.

    A language given with ``?lang=`` is the respondent's choice and is stored with them.
    """
    chosen = find_language(request.args.get("lang"))
    if chosen is not None and respondent is not None and not respondent.is_submitted:
        submissions.set_respondent_language(respondent, chosen.tag)
    if chosen is None and respondent is not None:
        chosen = find_language(respondent.language)
    chosen = chosen or find_language("de")
    use_participant_language(chosen)
    return chosen.tag


def _invalid_link() -> ApiError:
    _language()
    return ApiError(_p("Dieser Link ist ungültig oder abgelaufen."), 404)


def _respondent(token: str) -> Respondent:
    respondent = invitations.resolve_token(token)
    if respondent is None:
        raise _invalid_link()
    return respondent


def _check_open(respondent: Respondent) -> None:
    if respondent.is_submitted:
        raise ApiError(_p("Diese Antworten wurden bereits abgeschickt."), 409)
    if not respondent.survey.is_open:
        raise ApiError(_p("Diese Befragung ist derzeit nicht geöffnet."), 403)


def _question_json(question, language: str) -> dict:
    item = {"id": question.id, "type": question.kind, "text": question.text_in(language),
            "help": question.help_in(language), "required": question.is_required,
            "options": question.options_in(language), "min": None, "max": None}
    if question.kind == "scale":
        item["min"], item["max"] = question.scale_min, question.scale_max
        item["options"] = [{"value": str(point), "label": question.scale_labels_in(language).get(str(point), str(point))}
                           for point in range(question.scale_min, question.scale_max + 1)]
    return item


def _state(respondent: Respondent, language: str) -> dict:
    return {"status": respondent.status, "language": language,
            "consent": respondent.has_consent,
            "answers": {str(a.question_id): a.value for a in respondent.answers}}


@bp.get("/survey/<token>")
@rate_limited
@operation("Read a survey in the respondent's language", tag="surveys",
           ok={200: ("Survey and questions", SurveyForRespondent)}, errors={404: "Unknown or expired token"}, language=_requested_language)
def get_survey(token: Token):
    """Return the survey and its questions in the respondent's language."""
    respondent = _respondent(token)
    survey = respondent.survey
    language = _language(respondent)
    consent_text, special_consent_text = consent_wording(survey, language)
    return jsonify({
        "survey": {"title": survey.title_in(language), "languages": survey.languages, "status": survey.status,
                   "purpose": survey.text_in("purpose", language), "is_anonymous": respondent.is_anonymous,
                   "consent_text": consent_text, "consent_text_language": consent_text.lang,
                   "special_consent_text": special_consent_text, "consent_version": survey.consent_version,
                   "asks_migration_history": survey.asks_migration_history},
        "language": language,
        "respondent": _state(respondent, language),
        "questions": [_question_json(q, language) for q in survey.ordered_questions()],
    })


def _problems_json(problems: dict) -> dict:
    return {str(k): p.message for k, p in problems.items()}


@bp.put("/survey/<token>/answers")
@rate_limited
@operation("Save answers (partial allowed)", tag="surveys", ok={200: ("Saved state", AnswerState)},
           errors={403: "Consent missing, or the survey is not open", 404: "Unknown or expired token",
                   409: "Already submitted, or answers the questions refuse (listed in fields)"},
           language=_requested_language)
def save_answers(token: Token, body: AnswersUpdate):
    """Save answers (partial allowed) and return the saved state; give consent with ``"consent": true``."""
    respondent = _respondent(token)
    language = _language(respondent)
    _check_open(respondent)
    try:
        if not respondent.has_consent:
            if not body.consent:
                raise ApiError(problem_message("error_consent"), 403, {"consent": problem_message("consent_required")})
            submissions.record_consent(respondent, language=language, channel="online",
                                       covers_migration_history=body.migration_consent)
        submissions.save_answers(respondent, body.answers)
    except submissions.AnswersRefused as refusal:
        raise ApiError(_p("Bitte korrigieren Sie die folgenden Angaben:"), 409,
                       _problems_json(refusal.problems)) from None
    except submissions.AlreadySubmitted:
        raise ApiError(_p("Diese Antworten wurden bereits abgeschickt."), 409) from None
    return jsonify(_state(respondent, language))


@bp.post("/survey/<token>/submit")
@rate_limited
@operation("Submit the answers", tag="surveys", ok={200: ("Submitted state", AnswerState)},
           errors={403: "Consent missing, or the survey is not open", 404: "Unknown or expired token",
                   409: "Already submitted, or required answers missing (listed in fields)"},
           language=_requested_language)
def submit(token: Token):
    """Submit the answers; 409 lists missing required answers, or says they were already submitted."""
    respondent = _respondent(token)
    language = _language(respondent)
    _check_open(respondent)
    if not respondent.has_consent:
        raise ApiError(problem_message("error_consent"), 403, {"consent": problem_message("consent_required")})
    try:
        submissions.submit_answers(respondent)
    except submissions.AnswersRefused as refusal:
        raise ApiError(_p("Es fehlen Antworten auf Pflichtfragen."), 409, _problems_json(refusal.problems)) from None
    except submissions.AlreadySubmitted:
        raise ApiError(_p("Diese Antworten wurden bereits abgeschickt."), 409) from None
    return jsonify(_state(respondent, language))


@bp.post("/survey/public/<code>")
@rate_limited
@invitations.limit_new_public_sheets
@operation("Open an anonymous answer sheet from a public link", tag="surveys",
           ok={201: ("Token of the new answer sheet", PublicSheet)}, errors={404: "Unknown or closed public link"},
           language=_requested_language)
def start_public(code: PublicCode):
    """Open an anonymous answer sheet from a public link and return its token (for kiosk tablets)."""
    started = invitations.start_public_respondent(code)
    if started is None:
        raise _invalid_link()
    respondent, token = started
    return jsonify({"token": token, "respondent": _state(respondent, _language(respondent))}), 201
