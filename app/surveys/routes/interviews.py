"""Interviewer mode: staff type a respondent's answers during or after the interview."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.auth import access
from app.auth.access import audited
from app.surveys import queries, submissions
from app.surveys.answering import AnswerProblem, answers_from_form
from app.surveys.assignments import get_interview_or_404
from app.surveys.forms import ActionForm
from app.surveys.routes.common import bp, get_survey_or_404, interviewers


def _after_interview(survey) -> str:
    """Return where a finished interview leads: the respondent list for leads, the start page for interviewers."""
    if access.may(survey.project_id, "lead"):
        return url_for("surveys.list_respondents", survey_id=survey.id)
    return url_for("projects.list_projects")


def _interview_context(survey, respondent, problems=None, values=None):
    answers = queries.answers_by_question(respondent)
    if values:
        answers.update(values)
    return dict(project=survey.project, survey=survey, respondent=respondent, answers=answers,
                problems=problems or {}, language="de", action_form=ActionForm())


def _save_interview(survey, respondent):
    """Record consent when ticked, then save the posted answers; return (problems, raw)."""
    questions = survey.ordered_questions()
    raw, problems = answers_from_form(questions, request.form)
    if not respondent.has_consent:
        if request.form.get("consent") != "yes":
            problems["consent"] = AnswerProblem("error_consent")
            return problems, raw
        submissions.record_consent(respondent, language=request.form.get("consent_language", "de")
                                   if request.form.get("consent_language") in survey.languages else "de",
                                   channel="interviewer",
                                   covers_migration_history=request.form.get("migration_consent") == "yes",
                                   recorded_by=current_user)
    if problems:
        return problems, raw
    try:
        submissions.save_answers(respondent, raw, entered_by=current_user)
    except submissions.AnswersRefused as refusal:
        return refusal.problems, raw
    return {}, raw


@bp.route("/<int:survey_id>/respondents/<int:respondent_id>/interview", methods=["GET", "POST"])
@audited("viewed")
@interviewers
def enter_answers(survey_id: int, respondent_id: int):
    """Let a staff member type a respondent's answers during or after the interview (saved per button)."""
    survey = get_survey_or_404(survey_id)
    respondent = get_interview_or_404(survey, respondent_id)
    if request.method == "POST":
        problems, raw = _save_interview(survey, respondent)
        if problems:
            return render_template("surveys/interview.html", **_interview_context(survey, respondent, problems,
                                                                                    raw)), 422
        if request.form.get("action") == "complete":
            submissions.complete_interview(respondent)
            flash(_("Das Interview %(code)s ist abgeschlossen.", code=respondent.pseudonym), "success")
            return redirect(_after_interview(survey))
        flash(_("Die Antworten wurden gespeichert."), "success")
        return redirect(url_for("surveys.enter_answers", survey_id=survey.id, respondent_id=respondent.id))
    return render_template("surveys/interview.html", **_interview_context(survey, respondent))


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/interview/autosave")
@interviewers
def autosave_answers(survey_id: int, respondent_id: int):
    """Save interview answers in the background (htmx) and answer with a short status line."""
    survey = get_survey_or_404(survey_id)
    respondent = get_interview_or_404(survey, respondent_id)
    problems, _raw = _save_interview(survey, respondent)
    return render_template("surveys/_autosave_status.html", problems=problems, survey=survey), (422 if problems else 200)


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/complete")
@interviewers
def complete_interview(survey_id: int, respondent_id: int):
    """Mark an interview as completed."""
    survey = get_survey_or_404(survey_id)
    respondent = get_interview_or_404(survey, respondent_id)
    if not respondent.has_consent:
        flash(_("Bitte erfassen Sie zuerst die Einwilligung."), "error")
    else:
        submissions.complete_interview(respondent)
        flash(_("Das Interview %(code)s ist abgeschlossen.", code=respondent.pseudonym), "success")
    return redirect(_after_interview(survey))


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/reopen")
def reopen_respondent(survey_id: int, respondent_id: int):
    """Reopen a completed interview for corrections."""
    survey = get_survey_or_404(survey_id)
    submissions.reopen_respondent(queries.get_respondent_or_404(survey, respondent_id))
    return redirect(url_for("surveys.enter_answers", survey_id=survey.id, respondent_id=respondent_id))
