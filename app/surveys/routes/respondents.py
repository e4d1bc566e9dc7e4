"""Respondents: pseudonyms, attributes, contact data kept apart, deletion and access requests."""
from __future__ import annotations

import json

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from app.auth.access import audited
from app.errors import ValidationError, apply_to_form
from app.projects.queries import get_group_or_404
from app.surveys import assignments, exports, queries, respondent_records
from app.surveys.forms import (STATUS_LABELS, ActionForm, AssignmentForm, ContactForm, RespondentForm,
                               participant_language_choices)
from app.surveys.routes.common import (as_file, bp, form_status, get_survey_or_404, group_choices,
                                       invite_form)


@bp.get("/<int:survey_id>/respondents")
def list_respondents(survey_id: int):
    """List respondents by pseudonym, group and status (never with answers)."""
    survey = get_survey_or_404(survey_id)
    group_id = request.args.get("group", type=int)
    status = request.args.get("status") if request.args.get("status") in STATUS_LABELS else None
    return render_template("surveys/respondents.html", project=survey.project, survey=survey,
                           respondents=queries.list_respondents(survey, group_id=group_id, status=status),
                           group_id=group_id, status=status, action_form=ActionForm(),
                           invite_form=invite_form(survey))


def _respondent_form(survey, respondent=None, formdata=None):
    form = RespondentForm(obj=respondent) if respondent is not None else RespondentForm()
    form.stakeholder_group_id.choices = group_choices(survey.project, _("– ohne Gruppe –"))
    form.district.choices = [("", _("– keine Angabe –"))] + [(d, d) for d in survey.districts]
    form.age_band.choices = [("", _("– keine Angabe –"))] + [(a, a) for a in survey.age_bands]
    form.language.choices = participant_language_choices()
    if respondent is not None and request.method == "GET":
        form.stakeholder_group_id.data = respondent.stakeholder_group_id or 0
    return form


@bp.route("/<int:survey_id>/respondents/new", methods=["GET", "POST"])
def add_respondent(survey_id: int):
    """Add a respondent (pseudonym, group, attributes; contact optional and kept apart)."""
    survey = get_survey_or_404(survey_id)
    form = _respondent_form(survey)
    if request.method == "GET":
        form.pseudonym.data = respondent_records.next_pseudonym(survey)
    if form.validate_on_submit():
        try:
            respondent = respondent_records.add_respondent(
                survey, pseudonym=form.pseudonym.data, stakeholder_group_id=form.stakeholder_group_id.data or None,
                migration_history=form.migration_history.data, district=form.district.data or "",
                age_band=form.age_band.data or "", channel="personal" if form.email.data else "interview",
                name=form.name.data or "", email=form.email.data or "", language=form.language.data or "de")
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("%(code)s wurde angelegt.", code=respondent.pseudonym), "success")
            return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent.id))
    return render_template("surveys/respondent_form.html", project=survey.project, survey=survey, respondent=None,
                           form=form), form_status(form)


@bp.route("/<int:survey_id>/respondents/<int:respondent_id>", methods=["GET", "POST"])
@audited("viewed")
def edit_respondent(survey_id: int, respondent_id: int):
    """Change a respondent's pseudonym and attributes; manage contact data, link and deletion."""
    survey = get_survey_or_404(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    form = _respondent_form(survey, respondent)
    del form.name, form.email, form.language
    if form.validate_on_submit():
        try:
            respondent_records.update_respondent(respondent, pseudonym=form.pseudonym.data,
                                                 stakeholder_group_id=form.stakeholder_group_id.data or None,
                                                 migration_history=form.migration_history.data,
                                                 district=form.district.data or "", age_band=form.age_band.data or "")
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent.id))
    contact_form = ContactForm(prefix="contact", obj=respondent.contact)
    return render_template("surveys/respondent.html", project=survey.project, survey=survey, respondent=respondent,
                           form=form, contact_form=contact_form, action_form=ActionForm()), form_status(form)


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/contact")
def save_contact(survey_id: int, respondent_id: int):
    """Store a respondent's contact data."""
    survey = get_survey_or_404(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    form = ContactForm(prefix="contact")
    if form.validate_on_submit():
        try:
            respondent_records.save_contact(respondent, name=form.name.data or "", email=form.email.data or "")
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Kontaktdaten wurden gespeichert."), "success")
            return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent.id))
    edit_form = _respondent_form(survey, respondent)
    del edit_form.name, edit_form.email, edit_form.language
    return render_template("surveys/respondent.html", project=survey.project, survey=survey, respondent=respondent,
                           form=edit_form, contact_form=form, action_form=ActionForm()), 422


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/contact/delete")
@audited("deleted")
def delete_contact(survey_id: int, respondent_id: int):
    """Delete a respondent's contact data only."""
    survey = get_survey_or_404(survey_id)
    respondent_records.delete_contact(queries.get_respondent_or_404(survey, respondent_id))
    flash(_("Die Kontaktdaten wurden gelöscht. Kürzel und Antworten bleiben erhalten."), "success")
    return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent_id))


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/delete")
@audited("deleted")
def delete_respondent(survey_id: int, respondent_id: int):
    """Delete a respondent with answers and contact data (only an anonymous count remains)."""
    survey = get_survey_or_404(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    code = respondent.pseudonym
    respondent_records.delete_respondent(respondent)
    flash(_("%(code)s wurde mit allen Antworten und Kontaktdaten gelöscht.", code=code), "success")
    return redirect(url_for("surveys.list_respondents", survey_id=survey.id))


@bp.get("/<int:survey_id>/respondents/<int:respondent_id>/data.<fmt>")
@audited("downloaded")
def export_respondent_data(survey_id: int, respondent_id: int, fmt: str):
    """Download everything stored about one respondent (access request) as JSON or CSV."""
    survey = get_survey_or_404(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    data = respondent_records.respondent_data(respondent)
    name = f"befragung-{survey.id}-{respondent.pseudonym}"
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        return send_file(as_file(body), mimetype="application/json", as_attachment=True, download_name=name + ".json")
    if fmt == "csv":
        return send_file(as_file(exports.build_respondent_csv(data)), mimetype="text/csv", as_attachment=True,
                         download_name=name + ".csv")
    abort(404)


def _assignment_form(survey, formdata=None):
    form = AssignmentForm(formdata=formdata) if formdata is not None else AssignmentForm()
    form.interviewer_id.choices = [(0, _("– bitte wählen –"))] + [
        (u.id, u.display_name) for u in assignments.interviewers(survey.project)]
    form.respondent_id.choices = [(0, _("– keine einzelne Person –"))] + [
        (r.id, r.pseudonym) for r in queries.list_respondents(survey)]
    form.stakeholder_group_id.choices = group_choices(survey.project, _("– keine Gruppe –"))
    return form


def _render_assignments(survey, form, status=200):
    return render_template("surveys/assignments.html", project=survey.project, survey=survey, form=form,
                           assignments=assignments.list_assignments(survey.project),
                           has_interviewers=len(form.interviewer_id.choices) > 1,
                           action_form=ActionForm()), status


@bp.route("/<int:survey_id>/assignments", methods=["GET", "POST"])
def assign_interviews(survey_id: int):
    """Show who interviews whom and assign respondents or stakeholder groups to interviewers."""
    survey = get_survey_or_404(survey_id)
    form = _assignment_form(survey)
    if form.validate_on_submit():
        respondent = (queries.get_respondent_or_404(survey, form.respondent_id.data)
                      if form.respondent_id.data else None)
        group = (get_group_or_404(survey.project, form.stakeholder_group_id.data)
                 if form.stakeholder_group_id.data else None)
        try:
            assignments.assign(survey.project, form.interviewer_id.data, respondent=respondent, group=group)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Interviews wurden zugewiesen."), "success")
            return redirect(url_for("surveys.assign_interviews", survey_id=survey.id))
    return _render_assignments(survey, form, form_status(form))


@bp.post("/<int:survey_id>/assignments/<int:assignment_id>/delete")
def remove_assignment(survey_id: int, assignment_id: int):
    """Take an assignment back; the interviewer no longer sees those interviews."""
    survey = get_survey_or_404(survey_id)
    if ActionForm().validate_on_submit():
        assignments.remove_assignment(survey.project, assignment_id)
        flash(_("Die Zuweisung wurde aufgehoben."), "success")
    return redirect(url_for("surveys.assign_interviews", survey_id=survey.id))
