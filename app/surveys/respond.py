"""Respondent pages under the short public prefix /s: personal links /s/<token>, public links /s/p/<code>.

Works without JavaScript. Unknown and expired links get the same page and status (404), so links
cannot be probed; every page under a token sends ``Referrer-Policy: no-referrer``.
"""
from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, request, session, url_for

from app.errors import ValidationError
from app.extensions import db, limiter
from app.surveys import invitations, services
from app.surveys.answering import AnswerProblem, answers_from_form, check_answers, display_value, is_empty
from app.surveys.models import MIGRATION_HISTORY_VALUES, LANGUAGES, Respondent, Survey
from app.surveys.queries import find_survey_by_public_code
from app.surveys.texts import interface_locale, is_rtl, participant_text

bp = Blueprint("respond", __name__, url_prefix="/s")


def _link_key() -> str:
    args = request.view_args or {}
    return "survey-link:" + str(args.get("token") or args.get("code") or "")[:64]


limiter.limit("120 per minute", key_func=_link_key)(bp)
limiter.limit("300 per minute")(bp)


@bp.before_request
def protect_link():
    """Keep the link out of Referer headers."""
    g.referrer_policy = "no-referrer"


def _use_language(survey: Survey, respondent: Respondent | None = None) -> str:
    wanted = request.args.get("lang") or request.form.get("lang")
    if wanted in survey.languages:
        language = wanted
        if respondent is not None and respondent.language != wanted:
            respondent.language = wanted
            db.session.commit()
        elif respondent is None:
            session["survey_language"] = wanted
    elif respondent is not None and respondent.language in survey.languages:
        language = respondent.language
    elif session.get("survey_language") in survey.languages:
        language = session["survey_language"]
    else:
        language = survey.languages[0] if survey.languages else "de"
    g.locale_override = interface_locale(language)
    return language


def _pages(survey: Survey) -> list:
    """Return the answering steps: the sections with questions, then "about you" when attributes are asked."""
    pages = [s for s in survey.sections if s.questions]
    if survey.asks_migration_history or survey.districts or survey.age_bands:
        pages.append("about")
    return pages


def respondent_page_context(survey: Survey, language: str) -> dict:
    """Return what the respondent templates need to show all sections (used by the staff preview)."""
    return {"sections": [s for s in survey.sections if s.questions], "answers": {}, "problems": {},
            "language": language, "t": participant_text, "language_names": LANGUAGES, "is_rtl": is_rtl}


def _render(template: str, status: int = 200, **context):
    context.setdefault("t", participant_text)
    context.setdefault("language_names", LANGUAGES)
    context.setdefault("display_value", display_value)
    return render_template(f"surveys/respond/{template}", **context), status


def _invalid(language: str = "de"):
    g.locale_override = interface_locale(language if language in LANGUAGES else "de")
    return _render("invalid.html", 404, language=language if language in LANGUAGES else "de")


def _respondent_or_page(token: str):
    """Return (respondent, language) or a finished response for invalid, submitted or closed links."""
    respondent = invitations.resolve_token(token)
    if respondent is None:
        return None, _invalid(request.args.get("lang", "de"))
    survey = respondent.survey
    language = _use_language(survey, respondent)
    if respondent.is_submitted:
        return None, _render("submitted.html", language=language, survey=survey)
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
            problems["consent"] = "consent_required"
        else:
            services.record_consent(respondent, language=language, channel="online",
                                    covers_migration_history=request.form.get("migration_consent") == "yes")
            if not _pages(survey):
                return redirect(url_for("respond.review", token=token))
            return redirect(url_for("respond.answer_page", token=token, number=1))
    return _render("welcome.html", 422 if problems else 200, survey=survey, language=language, token=token,
                   code=None, problems=problems, is_anonymous=respondent.is_anonymous)


@bp.route("/p/<code>", methods=["GET", "POST"])
def start_public(code: str):
    """Welcome a respondent of an open round (public link); consent creates their anonymous answer sheet."""
    survey = find_survey_by_public_code(code)
    if survey is None:
        return _invalid(request.args.get("lang", "de"))
    language = _use_language(survey)
    if not survey.is_open or not survey.allows_online:
        return _render("closed.html", 403, language=language, survey=survey)
    resume = (session.get("survey_public") or {}).get(code)
    if resume and request.method == "GET":
        respondent = invitations.resolve_token(resume)
        if respondent is not None and not respondent.is_submitted:
            return redirect(url_for("respond.start", token=resume, lang=language))
    problems = {}
    if request.method == "POST":
        if request.form.get("consent") != "yes":
            problems["consent"] = "consent_required"
        else:
            started = invitations.start_public_respondent(code)
            if started is None:
                return _render("closed.html", 403, language=language, survey=survey)
            respondent, token = started
            services.record_consent(respondent, language=language, channel="online",
                                    covers_migration_history=request.form.get("migration_consent") == "yes")
            session["survey_public"] = {**(session.get("survey_public") or {}), code: token}
            return redirect(url_for("respond.answer_page", token=token, number=1))
    return _render("welcome.html", 422 if problems else 200, survey=survey, language=language, token=None,
                   code=code, problems=problems, is_anonymous=True)


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
                services.set_respondent_details(
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
                    answers = services.save_answers(respondent, raw)
                else:
                    answers.update({k: v for k, v in raw.items() if k not in problems})
        except services.AnswersRefused as refusal:
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
            services.submit_answers(respondent)
        except services.AnswersRefused as refusal:
            problems = refusal.problems
        except ValidationError:
            return _render("submitted.html", language=language, survey=survey)
        else:
            session.pop("survey_language", None)
            return _render("thanks.html", language=language, survey=survey)
    pages = _pages(survey)
    page_of = {q.id: n for n, p in enumerate(pages, start=1) if p != "about" for q in p.questions}
    answers = {a.question_id: a.value for a in respondent.answers}
    return _render("review.html", 422 if problems else 200, survey=survey, respondent=respondent, language=language,
                   token=token, sections=[p for p in pages if p != "about"], answers=answers, problems=problems,
                   page_of=page_of, total=len(pages), is_empty=is_empty)
