"""Respondent pages under the short public prefix /s: personal links /s/<token>, public links /s/p/<code>.

Works without JavaScript. Unknown and expired links get the same page and status (404), so links
cannot be probed; every page under a token sends ``Referrer-Policy: no-referrer``.
"""
from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from markupsafe import Markup

from app.auth.access import public_blueprint
from app.extensions import client_address_key, limiter
from app.languages.registry import SOURCE_TAG, find_language
from app.languages.registry import language as participant_language_for
from app.languages.selection import (participant_language, remembered_language, requested_language,
                                     serve_participants, use_participant_language)
from app.surveys import invitations, submissions
from app.surveys.answering import AnswerProblem, answers_from_form, check_answers, is_empty
from app.surveys.consent import consent_wording
from app.surveys.models import MIGRATION_HISTORY_VALUES, Respondent, Survey
from app.surveys.queries import find_survey_by_public_code

bp = Blueprint("respond", __name__, url_prefix="/s")
public_blueprint(bp)  # the personal link or public code is the key
serve_participants(bp)


def _failed_lookup(response) -> bool:
    return response.status_code == 404


# Each client is limited on its own: a valid personal link counts for its answer sheet, everybody else for
# their address (unknown links and codes count against the address, so links cannot be probed), and nobody
# can use up a limit of a link they do not hold.
limiter.limit("300 per minute")(bp)
limiter.limit("30 per minute", key_func=client_address_key, deduct_when=_failed_lookup)(bp)


@bp.before_request
def protect_link():
    """Keep the link out of Referer headers."""
    g.referrer_policy = "no-referrer"


def _use_language(respondent: Respondent | None = None) -> str:
    """Settle the page language and return its tag.

    A choice this browser made (on this request or remembered) is stored with the respondent. Without
    one, a respondent who has started (or chose before, on another device) keeps their language;
    everyone else gets the browser's language, else German.
    """
    chosen = requested_language() or remembered_language()
    if respondent is not None and chosen is not None:
        if not respondent.is_submitted:
            submissions.set_respondent_language(respondent, chosen.tag)
    elif respondent is not None and (respondent.status != "invited" or respondent.language != SOURCE_TAG):
        chosen = find_language(respondent.language)
    if chosen is not None:
        use_participant_language(chosen)
    return participant_language().tag


def _pages(survey: Survey) -> list:
    """Return the answering steps: the sections with questions, then "about you" when attributes are asked."""
    pages = [s for s in survey.sections if s.questions]
    if survey.asks_migration_history or survey.districts or survey.age_bands:
        pages.append("about")
    return pages


def render_preview(survey: Survey, language: str) -> Markup:
    """Render the welcome and every section as a respondent sees them in ``language`` (the staff preview)."""
    lang = participant_language_for(language)
    consent_text, special_consent = consent_wording(survey, lang.tag)
    with force_locale(lang.locale):
        return Markup(render_template("surveys/respond/_preview.html", survey=survey, language=lang.tag,
                                      sections=[s for s in survey.sections if s.questions],
                                      consent_text=consent_text, special_consent=special_consent))


def _render(template: str, status: int = 200, **context):
    return render_template(f"surveys/respond/{template}", **context), status


def _invalid():
    return _render("invalid.html", 404, language=participant_language().tag, survey=None)


def _submitted_meanwhile(survey: Survey, language: str):
    """Answer a write that lost to a submit (another tab or a double click) with the "already submitted" page."""
    return _render("submitted.html", 409, language=language, survey=survey)


def _respondent_or_page(token: str):
    """Return (respondent, language) or a finished response for invalid, submitted or closed links."""
    respondent = invitations.resolve_token(token)
    if respondent is None:
        return None, _invalid()
    survey = respondent.survey
    language = _use_language(respondent)
    if respondent.is_submitted:
        # A write to submitted answers (a second tab, a double click) is refused as a conflict.
        return None, _render("submitted.html", 409 if request.method == "POST" else 200, language=language,
                             survey=survey)
    if not survey.is_open or not survey.allows_online:
        return None, _render("closed.html", 403, language=language, survey=survey)
    return (respondent, language), None


def _next_page_number(respondent: Respondent) -> int:
    """Return the page after the last one that holds an answer (1 when nothing is answered yet)."""
    pages = _pages(respondent.survey)
    answered = {a.question_id for a in respondent.answers}
    last = 0
    for number, page in enumerate(pages, start=1):
        if page != "about" and any(q.id in answered for q in page.questions):
            last = number
    return min(last + 1, len(pages) + 1) if last else 1


@bp.route("/<token>", methods=["GET", "POST"])
def start(token: str):
    """Welcome a respondent: language, what kind of round this is, consent; then continue where they left off."""
    found, page = _respondent_or_page(token)
    if page is not None:
        return page
    respondent, language = found
    survey = respondent.survey
    if request.method == "GET" and respondent.has_consent:
        number = _next_page_number(respondent)
        if number > len(_pages(survey)):
            return redirect(url_for("respond.review", token=token))
        return redirect(url_for("respond.answer_page", token=token, number=number))
    problems = {}
    if request.method == "POST":
        if request.form.get("consent") != "yes":
            problems["consent"] = AnswerProblem("consent_required")
        else:
            try:
                submissions.record_consent(respondent, language=language, channel="online",
                                           covers_migration_history=request.form.get("migration_consent") == "yes")
            except submissions.AlreadySubmitted:
                return _submitted_meanwhile(survey, language)
            if not _pages(survey):
                return redirect(url_for("respond.review", token=token))
            return redirect(url_for("respond.answer_page", token=token, number=1))
    return _welcome(survey, language, problems, token=token, code=None, is_anonymous=respondent.is_anonymous)


def _welcome(survey: Survey, language: str, problems: dict, **context):
    consent_text, special_consent = consent_wording(survey, language)
    return _render("welcome.html", 422 if problems else 200, survey=survey, language=language, problems=problems,
                   consent_text=consent_text, special_consent=special_consent, **context)


@bp.route("/p/<code>", methods=["GET", "POST"])
@invitations.limit_new_public_sheets
def start_public(code: str):
    """Welcome a respondent of an open round (public link); consent creates their anonymous answer sheet."""
    survey = find_survey_by_public_code(code)
    if survey is None:
        return _invalid()
    language = _use_language()
    if not survey.is_open or not survey.allows_online:
        return _render("closed.html", 403, language=language, survey=survey)
    resume = (session.get("survey_public") or {}).get(code)
    if resume and request.method == "GET":
        respondent = invitations.resolve_token(resume)
        if respondent is not None and not respondent.is_submitted:
            return redirect(url_for("respond.start", token=resume))
    problems = {}
    if request.method == "POST":
        if request.form.get("consent") != "yes":
            problems["consent"] = AnswerProblem("consent_required")
        else:
            started = invitations.start_public_respondent(code)
            if started is None:
                return _render("closed.html", 403, language=language, survey=survey)
            respondent, token = started
            submissions.record_consent(respondent, language=language, channel="online",
                                       covers_migration_history=request.form.get("migration_consent") == "yes")
            session["survey_public"] = {**(session.get("survey_public") or {}), code: token}
            return redirect(url_for("respond.answer_page", token=token, number=1))
    return _welcome(survey, language, problems, token=None, code=code, is_anonymous=True)


def _is_blank(question, value) -> bool:
    return is_empty(value.strip() if isinstance(value, str) else value)


@bp.route("/<token>/page/<int:number>", methods=["GET", "POST"])
def answer_page(token: str, number: int):
    """Show one section of questions; save on every button (next, back, save and continue later)."""
    found, page = _respondent_or_page(token)
    if page is not None:
        return page
    respondent, language = found
    survey = respondent.survey
    if not respondent.has_consent:
        return redirect(url_for("respond.start", token=token))
    pages = _pages(survey)
    if not 1 <= number <= len(pages):
        abort(404)
    current = pages[number - 1]
    answers = {a.question_id: a.value for a in respondent.answers}
    problems: dict = {}
    if request.method == "POST":
        raw: dict = {}
        try:
            if current == "about":
                submissions.set_respondent_details(
                    respondent,
                    migration_history=request.form.get("migration_history", "not_stated")
                    if respondent.has_special_category_consent else None,
                    district=request.form.get("district", "") if survey.districts else None,
                    age_band=request.form.get("age_band", "") if survey.age_bands else None)
            else:
                raw, problems = answers_from_form(current.questions, request.form)
                problems.update(check_answers({q.id: q for q in current.questions},
                                              {k: v for k, v in raw.items() if k not in problems})[1])
                if request.form.get("action", "next") == "next":
                    problems.update({q.id: AnswerProblem("error_required") for q in current.questions
                                     if q.is_required and q.id not in problems and _is_blank(q, raw.get(q.id))})
                if not problems:
                    answers = submissions.save_answers(respondent, raw)
                else:
                    answers.update({k: v for k, v in raw.items() if k not in problems})
        except submissions.AlreadySubmitted:
            return _submitted_meanwhile(survey, language)
        except submissions.AnswersRefused as refusal:
            problems = refusal.problems
            answers.update({k: v for k, v in raw.items() if k not in problems})
        if not problems:
            action = request.form.get("action", "next")
            if action == "later":
                return _render("saved.html", survey=survey, language=language, token=token)
            if action == "back":
                target = number - 1
                return redirect(url_for("respond.answer_page", token=token, number=target) if target >= 1
                                else url_for("respond.start", token=token))
            if number < len(pages):
                return redirect(url_for("respond.answer_page", token=token, number=number + 1))
            return redirect(url_for("respond.review", token=token))
    return _render("page.html", 422 if problems else 200, survey=survey, respondent=respondent, language=language,
                   token=token, number=number, total=len(pages), section=None if current == "about" else current,
                   answers=answers, problems=problems, migration_values=MIGRATION_HISTORY_VALUES)


@bp.route("/<token>/review", methods=["GET", "POST"])
def review(token: str):
    """Show all answers for a last check; submitting needs every required answer."""
    found, page = _respondent_or_page(token)
    if page is not None:
        return page
    respondent, language = found
    survey = respondent.survey
    if not respondent.has_consent:
        return redirect(url_for("respond.start", token=token))
    problems: dict = {}
    if request.method == "POST":
        try:
            submissions.submit_answers(respondent)
        except submissions.AnswersRefused as refusal:
            problems = refusal.problems
        except submissions.AlreadySubmitted:
            return _submitted_meanwhile(survey, language)
        else:
            return _render("thanks.html", language=language, survey=survey)
    pages = _pages(survey)
    page_of = {q.id: n for n, p in enumerate(pages, start=1) if p != "about" for q in p.questions}
    answers = {a.question_id: a.value for a in respondent.answers}
    return _render("review.html", 422 if problems else 200, survey=survey, respondent=respondent, language=language,
                   token=token, sections=[p for p in pages if p != "about"], answers=answers, problems=problems,
                   page_of=page_of, total=len(pages), is_empty=is_empty)
