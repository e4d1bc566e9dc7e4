"""Staff pages for surveys under /surveys: setup, guide, respondents, invitations, interviews, import, export.

Project leads manage everything; facilitators may also enter interview answers.
"""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, session,
                   url_for)
from flask_babel import gettext as _
from flask_security import current_user

from app.auth.access import require_roles
from app.errors import ValidationError, apply_to_form
from app.projects.queries import get_group_or_404, get_project_or_404
from app.surveys import exports, imports, invitations, queries, services
from app.surveys.answering import answers_from_form, display_value
from app.surveys.forms import (CHANNEL_LABELS, KIND_LABELS, MIGRATION_LABELS, MODE_LABELS, STATUS_LABELS,
                               SURVEY_STATUS_LABELS, ActionForm, ConfirmForm, ContactForm, CopyGuideForm, InviteForm,
                               QuestionForm, RespondentForm, SectionForm, SurveyForm, TranscriptForm, UploadForm)
from app.surveys.models import LANGUAGES, Survey
from app.surveys.texts import participant_text

bp = Blueprint("surveys", __name__, url_prefix="/surveys")

#: Views a facilitator may use besides project leads (interviewer mode).
INTERVIEWER_VIEWS = {"surveys.list_surveys", "surveys.show_survey", "surveys.list_respondents",
                     "surveys.enter_answers", "surveys.autosave_answers", "surveys.complete_interview"}


@bp.before_request
def check_roles():
    """Let project leads in everywhere and facilitators into interviewer mode."""
    roles = ("project_lead", "facilitator") if request.endpoint in INTERVIEWER_VIEWS else ("project_lead",)
    return require_roles(*roles)()


@bp.context_processor
def labels():
    """Make the label tables available to survey templates."""
    return {"kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS, "mode_labels": MODE_LABELS,
            "migration_labels": MIGRATION_LABELS, "channel_labels": CHANNEL_LABELS,
            "survey_status_labels": SURVEY_STATUS_LABELS, "language_names": LANGUAGES, "t": participant_text,
            "display_value": display_value}


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


def _survey(survey_id: int) -> Survey:
    from app.extensions import db

    return db.session.get(Survey, survey_id) or abort(404)


def _group_choices(project, blank):
    return [(0, blank)] + [(g.id, g.name) for g in project.stakeholder_groups]


# --- surveys -------------------------------------------------------------------------------------------------

@bp.get("/project/<int:project_id>")
def list_surveys(project_id: int):
    """List a project's surveys with their progress."""
    project = get_project_or_404(project_id)
    surveys = queries.list_surveys(project.id)
    return render_template("surveys/list.html", project=project, surveys=surveys,
                           counts=queries.surveys_counts([s.id for s in surveys]))


def _survey_values(form) -> dict:
    return dict(title=form.title.data, purpose=form.purpose.data or "", mode=form.mode.data,
                opens_on=form.opens_on.data, closes_on=form.closes_on.data, consent_text=form.consent_text.data or "",
                languages=form.languages.data or [], asks_migration_history=form.asks_migration_history.data,
                districts=form.districts.data, age_bands=form.age_bands.data,
                invitation_days=form.invitation_days.data or 60, has_public_link=form.has_public_link.data)


@bp.route("/project/<int:project_id>/new", methods=["GET", "POST"])
def create_survey(project_id: int):
    """Create a survey in a project."""
    project = get_project_or_404(project_id)
    form = SurveyForm()
    if request.method == "GET":
        form.consent_text.data = _("Ich bin damit einverstanden, dass meine Antworten für die Fortschreibung des "
                                   "Integrationskonzepts ausgewertet werden. Meine Antworten werden unter einem Kürzel "
                                   "gespeichert; Ergebnisse werden nur zusammengefasst veröffentlicht. Ich kann meine "
                                   "Einwilligung jederzeit widerrufen.")
    if form.validate_on_submit():
        try:
            survey = services.create_survey(project, **_survey_values(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Befragung wurde angelegt. Legen Sie jetzt den Leitfaden an."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return render_template("surveys/form.html", project=project, form=form, survey=None), _status(form)


@bp.get("/<int:survey_id>")
def show_survey(survey_id: int):
    """Show a survey: status, links, progress per stakeholder group."""
    survey = _survey(survey_id)
    return render_template("surveys/show.html", project=survey.project, survey=survey,
                           counts=queries.survey_counts(survey), progress=queries.survey_group_progress(survey),
                           answer_count=queries.answer_count(survey), action_form=ActionForm(),
                           invite_form=_invite_form(survey),
                           public_url=invitations.public_url(survey) if survey.has_public_link else None)


def _invite_form(survey: Survey, formdata=None) -> InviteForm:
    form = InviteForm(formdata=formdata) if formdata is not None else InviteForm()
    form.stakeholder_group_id.choices = _group_choices(survey.project, _("– ohne Gruppe –"))
    return form


@bp.route("/<int:survey_id>/edit", methods=["GET", "POST"])
def edit_survey(survey_id: int):
    """Change a survey's settings."""
    survey = _survey(survey_id)
    form = SurveyForm(obj=survey)
    if request.method == "GET":
        form.languages.data = [code for code in survey.languages if code != "de"]
        form.districts.data = "\n".join(survey.districts)
        form.age_bands.data = "\n".join(survey.age_bands)
        form.has_public_link.data = survey.has_public_link
    if form.validate_on_submit():
        try:
            services.update_survey(survey, **_survey_values(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("surveys.show_survey", survey_id=survey.id))
    return render_template("surveys/form.html", project=survey.project, form=form, survey=survey), _status(form)


@bp.post("/<int:survey_id>/close")
def close_survey(survey_id: int):
    """Stop accepting answers."""
    services.close_survey(_survey(survey_id))
    flash(_("Die Befragung ist geschlossen."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey_id))


@bp.post("/<int:survey_id>/reopen")
def reopen_survey(survey_id: int):
    """Accept answers again."""
    try:
        services.reopen_survey(_survey(survey_id))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Befragung ist wieder geöffnet."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey_id))


# --- the guide -----------------------------------------------------------------------------------------------

def _render_guide(survey: Survey, status: int = 200, section_form=None, copy_form=None):
    copy_form = copy_form or CopyGuideForm()
    copy_form.source_id.choices = [(s.id, f"{s.project.title} – {s.title}")
                                   for s in queries.list_other_surveys(survey)]
    answered = {q.id: queries.question_answer_count(q) for q in survey.questions}
    return render_template("surveys/guide.html", project=survey.project, survey=survey,
                           section_form=section_form or SectionForm(prefix="section"), copy_form=copy_form,
                           action_form=ActionForm(), answered=answered), status


@bp.get("/<int:survey_id>/guide")
def show_guide(survey_id: int):
    """Show the interview guide with its sections and questions."""
    return _render_guide(_survey(survey_id))


@bp.post("/<int:survey_id>/sections")
def add_section(survey_id: int):
    """Append a section to the guide."""
    survey = _survey(survey_id)
    form = SectionForm(prefix="section")
    if form.validate_on_submit():
        try:
            services.add_section(survey, title=form.title.data, intro=form.intro.data or "")
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Abschnitt wurde angelegt."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return _render_guide(survey, 422, section_form=form)


def _translation_fields(languages, keys, source: dict, form) -> dict:
    result = {}
    for language in languages:
        if language == "de":
            continue
        entry = {}
        for key in keys:
            value = (form.get(f"tr-{language}-{key}") or "").strip()
            if value:
                entry[key] = value
        if entry:
            result[language] = entry
    return result


@bp.route("/<int:survey_id>/sections/<int:section_id>/edit", methods=["GET", "POST"])
def edit_section(survey_id: int, section_id: int):
    """Change a section's title, intro and translations."""
    survey = _survey(survey_id)
    section = queries.get_section_or_404(survey, section_id)
    form = SectionForm(obj=section)
    if form.validate_on_submit():
        translations = _translation_fields(survey.languages, ("title", "intro"), section.translations, request.form)
        try:
            services.update_section(section, title=form.title.data, intro=form.intro.data or "",
                                    translations=translations)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Abschnitt wurde gespeichert."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return render_template("surveys/section_form.html", project=survey.project, survey=survey, section=section,
                           form=form), _status(form)


@bp.post("/<int:survey_id>/sections/<int:section_id>/delete")
def delete_section(survey_id: int, section_id: int):
    """Delete a section (refused while its questions have answers)."""
    survey = _survey(survey_id)
    try:
        services.delete_section(queries.get_section_or_404(survey, section_id))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Der Abschnitt wurde gelöscht."), "success")
    return redirect(url_for("surveys.show_guide", survey_id=survey.id))


@bp.post("/<int:survey_id>/sections/<int:section_id>/move/<direction>")
def move_section(survey_id: int, section_id: int, direction: str):
    """Move a section up or down."""
    survey = _survey(survey_id)
    services.move_section(queries.get_section_or_404(survey, section_id), -1 if direction == "up" else 1)
    return redirect(url_for("surveys.show_guide", survey_id=survey.id, _anchor=f"section-{section_id}"))


def _question_form(survey: Survey, question=None) -> QuestionForm:
    form = QuestionForm(obj=question) if question is not None else QuestionForm()
    form.section_id.choices = [(s.id, s.title) for s in survey.sections]
    form.field_of_action_id.choices = [(0, _("– kein Handlungsfeld –"))] + [
        (f.id, f"{f.number}. {f.name}") for f in survey.project.fields_of_action]
    if question is not None and request.method == "GET":
        form.options.data = "\n".join(f"{o['value']} = {o['label']}" for o in question.options)
        form.field_of_action_id.data = question.field_of_action_id or 0
        form.scale_min_label.data = question.scale_labels.get(str(question.scale_min), "")
        form.scale_max_label.data = question.scale_labels.get(str(question.scale_max), "")
    return form


def _question_values(form, survey, question=None) -> dict:
    scale_min = form.scale_min.data if form.scale_min.data is not None else 1
    scale_max = form.scale_max.data if form.scale_max.data is not None else 5
    keys = ("text", "help")
    translations = _translation_fields(survey.languages, keys, {}, request.form)
    options_source = services.parse_options(form.options.data or "") if form.kind.data in (
        "single_choice", "multiple_choice", "ranking") else []
    for language in survey.languages:
        if language == "de":
            continue
        labels = {o["value"]: request.form.get(f"tr-{language}-option-{o['value']}", "").strip()
                  for o in options_source}
        labels = {k: v for k, v in labels.items() if v}
        scale = {str(p): request.form.get(f"tr-{language}-scale-{p}", "").strip() for p in (scale_min, scale_max)}
        scale = {k: v for k, v in scale.items() if v}
        if labels:
            translations.setdefault(language, {})["options"] = labels
        if scale:
            translations.setdefault(language, {})["scale_labels"] = scale
    return dict(kind=form.kind.data, text=form.text.data, help=form.help.data or "", is_required=form.is_required.data,
                options=options_source, scale_min=scale_min, scale_max=scale_max,
                scale_labels={str(scale_min): form.scale_min_label.data or "",
                              str(scale_max): form.scale_max_label.data or ""},
                field_of_action_id=form.field_of_action_id.data or None, translations=translations)


@bp.route("/<int:survey_id>/questions/new", methods=["GET", "POST"])
def add_question(survey_id: int):
    """Add a question to a section of the guide."""
    survey = _survey(survey_id)
    form = _question_form(survey)
    if request.method == "GET" and request.args.get("section_id", type=int):
        form.section_id.data = request.args.get("section_id", type=int)
    if form.validate_on_submit():
        section = queries.get_section_or_404(survey, form.section_id.data)
        try:
            services.add_question(section, **_question_values(form, survey))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Frage wurde angelegt."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return render_template("surveys/question_form.html", project=survey.project, survey=survey, question=None,
                           form=form), _status(form)


@bp.route("/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(survey_id: int, question_id: int):
    """Change a question (refused when the change would orphan answers)."""
    survey = _survey(survey_id)
    question = queries.get_question_or_404(survey, question_id)
    form = _question_form(survey, question)
    if form.validate_on_submit():
        try:
            values = _question_values(form, survey, question)
            services.update_question(question, **values)
            if form.section_id.data != question.section_id:
                services.move_question_to_section(question, queries.get_section_or_404(survey, form.section_id.data))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Frage wurde gespeichert."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id, _anchor=f"question-{question.id}"))
    return render_template("surveys/question_form.html", project=survey.project, survey=survey, question=question,
                           form=form, answered=queries.question_answer_count(question)), _status(form)


@bp.post("/<int:survey_id>/questions/<int:question_id>/delete")
def delete_question(survey_id: int, question_id: int):
    """Delete a question (refused once it has answers)."""
    survey = _survey(survey_id)
    try:
        services.delete_question(queries.get_question_or_404(survey, question_id))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Frage wurde gelöscht."), "success")
    return redirect(url_for("surveys.show_guide", survey_id=survey.id))


@bp.post("/<int:survey_id>/questions/<int:question_id>/move/<direction>")
def move_question(survey_id: int, question_id: int, direction: str):
    """Move a question up or down."""
    survey = _survey(survey_id)
    services.move_question(queries.get_question_or_404(survey, question_id), -1 if direction == "up" else 1)
    return redirect(url_for("surveys.show_guide", survey_id=survey.id, _anchor=f"question-{question_id}"))


@bp.post("/<int:survey_id>/questions/<int:question_id>/duplicate")
def duplicate_question(survey_id: int, question_id: int):
    """Insert a copy of a question after it."""
    survey = _survey(survey_id)
    copy = services.duplicate_question(queries.get_question_or_404(survey, question_id))
    flash(_("Die Frage wurde kopiert."), "success")
    return redirect(url_for("surveys.edit_question", survey_id=survey.id, question_id=copy.id))


@bp.post("/<int:survey_id>/guide/copy")
def copy_guide(survey_id: int):
    """Copy the guide of another survey (of this or another project) into this one."""
    survey = _survey(survey_id)
    form = CopyGuideForm()
    form.source_id.choices = [(s.id, s.title) for s in queries.list_other_surveys(survey)]
    if form.validate_on_submit():
        try:
            count = services.copy_guide(_survey(form.source_id.data), survey)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("%(count)s Fragen wurden übernommen.", count=count), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return _render_guide(survey, 422, copy_form=form)


@bp.get("/<int:survey_id>/preview")
def preview_survey(survey_id: int):
    """Show the guide as a respondent sees it (nothing is saved)."""
    from app.surveys.respond import respondent_page_context

    survey = _survey(survey_id)
    language = request.args.get("lang", "de")
    if language not in survey.languages:
        language = "de"
    context = respondent_page_context(survey, language)
    return render_template("surveys/preview.html", project=survey.project, survey=survey,
                           **context)


# --- respondents ---------------------------------------------------------------------------------------------

@bp.get("/<int:survey_id>/respondents")
def list_respondents(survey_id: int):
    """List respondents by pseudonym, group and status (never with answers)."""
    survey = _survey(survey_id)
    group_id = request.args.get("group", type=int)
    status = request.args.get("status") if request.args.get("status") in STATUS_LABELS else None
    return render_template("surveys/respondents.html", project=survey.project, survey=survey,
                           respondents=queries.list_respondents(survey, group_id=group_id, status=status),
                           group_id=group_id, status=status, action_form=ActionForm(),
                           invite_form=_invite_form(survey))


def _respondent_form(survey, respondent=None, formdata=None):
    form = RespondentForm(obj=respondent) if respondent is not None else RespondentForm()
    form.stakeholder_group_id.choices = _group_choices(survey.project, _("– ohne Gruppe –"))
    form.district.choices = [("", _("– keine Angabe –"))] + [(d, d) for d in survey.districts]
    form.age_band.choices = [("", _("– keine Angabe –"))] + [(a, a) for a in survey.age_bands]
    if respondent is not None and request.method == "GET":
        form.stakeholder_group_id.data = respondent.stakeholder_group_id or 0
    return form


@bp.route("/<int:survey_id>/respondents/new", methods=["GET", "POST"])
def add_respondent(survey_id: int):
    """Add a respondent (pseudonym, group, attributes; contact optional and kept apart)."""
    survey = _survey(survey_id)
    form = _respondent_form(survey)
    if request.method == "GET":
        form.pseudonym.data = services.next_pseudonym(survey)
    if form.validate_on_submit():
        try:
            respondent = services.add_respondent(
                survey, pseudonym=form.pseudonym.data, stakeholder_group_id=form.stakeholder_group_id.data or None,
                migration_history=form.migration_history.data, district=form.district.data or "",
                age_band=form.age_band.data or "", channel="interview", name=form.name.data or "",
                email=form.email.data or "")
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("%(code)s wurde angelegt.", code=respondent.pseudonym), "success")
            return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent.id))
    return render_template("surveys/respondent_form.html", project=survey.project, survey=survey, respondent=None,
                           form=form), _status(form)


@bp.route("/<int:survey_id>/respondents/<int:respondent_id>", methods=["GET", "POST"])
def edit_respondent(survey_id: int, respondent_id: int):
    """Change a respondent's pseudonym and attributes; manage contact data, link and deletion."""
    survey = _survey(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    form = _respondent_form(survey, respondent)
    del form.name, form.email
    if form.validate_on_submit():
        try:
            services.update_respondent(respondent, pseudonym=form.pseudonym.data,
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
                           form=form, contact_form=contact_form, action_form=ActionForm()), _status(form)


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/contact")
def save_contact(survey_id: int, respondent_id: int):
    """Store a respondent's contact data."""
    survey = _survey(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    form = ContactForm(prefix="contact")
    if form.validate_on_submit():
        try:
            services.save_contact(respondent, name=form.name.data or "", email=form.email.data or "")
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Kontaktdaten wurden gespeichert."), "success")
            return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent.id))
    edit_form = _respondent_form(survey, respondent)
    del edit_form.name, edit_form.email
    return render_template("surveys/respondent.html", project=survey.project, survey=survey, respondent=respondent,
                           form=edit_form, contact_form=form, action_form=ActionForm()), 422


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/contact/delete")
def delete_contact(survey_id: int, respondent_id: int):
    """Delete a respondent's contact data only."""
    survey = _survey(survey_id)
    services.delete_contact(queries.get_respondent_or_404(survey, respondent_id))
    flash(_("Die Kontaktdaten wurden gelöscht. Kürzel und Antworten bleiben erhalten."), "success")
    return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent_id))


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/delete")
def delete_respondent(survey_id: int, respondent_id: int):
    """Delete a respondent with answers and contact data (only an anonymous count remains)."""
    survey = _survey(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    code = respondent.pseudonym
    services.delete_respondent(respondent)
    flash(_("%(code)s wurde mit allen Antworten und Kontaktdaten gelöscht.", code=code), "success")
    return redirect(url_for("surveys.list_respondents", survey_id=survey.id))


@bp.get("/<int:survey_id>/respondents/<int:respondent_id>/data.<fmt>")
def export_respondent_data(survey_id: int, respondent_id: int, fmt: str):
    """Download everything stored about one respondent (access request) as JSON or CSV."""
    survey = _survey(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    data = services.respondent_data(respondent)
    name = f"befragung-{survey.id}-{respondent.pseudonym}"
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        return send_file(_bytes(body), mimetype="application/json", as_attachment=True, download_name=name + ".json")
    if fmt == "csv":
        return send_file(_bytes(exports.build_respondent_csv(data)), mimetype="text/csv", as_attachment=True,
                         download_name=name + ".csv")
    abort(404)


def _bytes(body: bytes):
    import io

    return io.BytesIO(body)


# --- invitations ---------------------------------------------------------------------------------------------

@bp.post("/<int:survey_id>/invitations")
def invite_respondents(survey_id: int):
    """Create respondents with personal links and show them once as a printable QR sheet."""
    survey = _survey(survey_id)
    form = _invite_form(survey, request.form)
    if form.validate_on_submit():
        group = get_group_or_404(survey.project, form.stakeholder_group_id.data) \
            if form.stakeholder_group_id.data else None
        try:
            links = invitations.invite_respondents(survey, form.count.data, group=group,
                                                   prefix=form.prefix.data.strip())
        except ValidationError as error:
            flash(error.message, "error")
        else:
            return _qr_sheet(survey, links)
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")
    return redirect(url_for("surveys.list_respondents", survey_id=survey.id))


@bp.post("/<int:survey_id>/links")
def issue_links(survey_id: int):
    """Issue new personal links for chosen respondents (older links stop working) and show the QR sheet."""
    survey = _survey(survey_id)
    ids = {int(v) for v in request.form.getlist("respondent_id") if v.isdigit()}
    chosen = [r for r in queries.list_respondents(survey) if r.id in ids and not r.is_submitted]
    if not chosen:
        flash(_("Bitte wählen Sie mindestens eine Person aus, die noch nicht abgeschlossen hat."), "error")
        return redirect(url_for("surveys.list_respondents", survey_id=survey.id))
    return _qr_sheet(survey, invitations.issue_links(chosen))


def _qr_sheet(survey, links):
    from app.qr import qr_svg

    codes = {link.respondent_id: qr_svg(link.url, scale=4, title=link.pseudonym) for link in links}
    return render_template("surveys/qr_sheet.html", project=survey.project, survey=survey, links=links, codes=codes,
                           public=None)


@bp.get("/<int:survey_id>/public-sheet")
def show_public_sheet(survey_id: int):
    """Show the public link with a large QR code for posters and flyers."""
    from app.qr import qr_svg

    survey = _survey(survey_id)
    if not survey.has_public_link:
        abort(404)
    url = invitations.public_url(survey)
    return render_template("surveys/qr_sheet.html", project=survey.project, survey=survey, links=[], codes={},
                           public={"url": url, "qr": qr_svg(url, scale=8, title=survey.title)})


# --- interviewer mode ----------------------------------------------------------------------------------------

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
            problems["consent"] = services.AnswerProblem("error_consent")
            return problems, raw
        services.record_consent(respondent, language=request.form.get("consent_language", "de")
                                if request.form.get("consent_language") in survey.languages else "de",
                                channel="interviewer",
                                covers_migration_history=request.form.get("migration_consent") == "yes",
                                recorded_by=current_user)
    if problems:
        return problems, raw
    try:
        services.save_answers(respondent, raw, entered_by=current_user)
    except services.AnswersRefused as refusal:
        return refusal.problems, raw
    return {}, raw


@bp.route("/<int:survey_id>/respondents/<int:respondent_id>/interview", methods=["GET", "POST"])
def enter_answers(survey_id: int, respondent_id: int):
    """Let a staff member type a respondent's answers during or after the interview (saved per button)."""
    survey = _survey(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    if request.method == "POST":
        problems, raw = _save_interview(survey, respondent)
        if problems:
            return render_template("surveys/interview.html", **_interview_context(survey, respondent, problems,
                                                                                    raw)), 422
        if request.form.get("action") == "complete":
            services.complete_interview(respondent)
            flash(_("Das Interview %(code)s ist abgeschlossen.", code=respondent.pseudonym), "success")
            return redirect(url_for("surveys.list_respondents", survey_id=survey.id))
        flash(_("Die Antworten wurden gespeichert."), "success")
        return redirect(url_for("surveys.enter_answers", survey_id=survey.id, respondent_id=respondent.id))
    return render_template("surveys/interview.html", **_interview_context(survey, respondent))


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/interview/autosave")
def autosave_answers(survey_id: int, respondent_id: int):
    """Save interview answers in the background (htmx) and answer with a short status line."""
    survey = _survey(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    problems, _raw = _save_interview(survey, respondent)
    return render_template("surveys/_autosave_status.html", problems=problems, survey=survey,
                           t=participant_text), (422 if problems else 200)


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/complete")
def complete_interview(survey_id: int, respondent_id: int):
    """Mark an interview as completed."""
    survey = _survey(survey_id)
    respondent = queries.get_respondent_or_404(survey, respondent_id)
    if not respondent.has_consent:
        flash(_("Bitte erfassen Sie zuerst die Einwilligung."), "error")
    else:
        services.complete_interview(respondent)
        flash(_("Das Interview %(code)s ist abgeschlossen.", code=respondent.pseudonym), "success")
    return redirect(url_for("surveys.list_respondents", survey_id=survey.id))


@bp.post("/<int:survey_id>/respondents/<int:respondent_id>/reopen")
def reopen_respondent(survey_id: int, respondent_id: int):
    """Reopen a completed interview for corrections."""
    survey = _survey(survey_id)
    services.reopen_respondent(queries.get_respondent_or_404(survey, respondent_id))
    return redirect(url_for("surveys.enter_answers", survey_id=survey.id, respondent_id=respondent_id))


# --- export --------------------------------------------------------------------------------------------------

@bp.get("/<int:survey_id>/export.<fmt>")
def export_answers(survey_id: int, fmt: str):
    """Download all answers (pseudonyms only) as CSV or Excel with a codebook."""
    survey = _survey(survey_id)
    table = exports.answer_table(survey)
    name = f"befragung-{survey.id}-antworten"
    if fmt == "csv":
        return send_file(_bytes(exports.build_csv(table)), mimetype="text/csv", as_attachment=True,
                         download_name=name + ".csv")
    if fmt == "xlsx":
        return send_file(exports.build_xlsx(table), as_attachment=True, download_name=name + ".xlsx",
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if fmt == "codebook.csv":
        return send_file(_bytes(exports.build_codebook_csv(table)), mimetype="text/csv", as_attachment=True,
                         download_name=f"befragung-{survey.id}-codebuch.csv")
    abort(404)


# --- import --------------------------------------------------------------------------------------------------

def _upload_dir() -> Path:
    path = Path(current_app.instance_path) / "survey_uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


#: Uploads waiting for their mapping step are removed after this many seconds.
UPLOAD_LIFETIME = 24 * 3600


def _keep_upload(survey, filename: str, data: bytes) -> str:
    import time

    for stale in _upload_dir().iterdir():
        if stale.is_file() and time.time() - stale.stat().st_mtime > UPLOAD_LIFETIME:
            stale.unlink(missing_ok=True)
    upload_id = secrets.token_hex(16)
    (_upload_dir() / upload_id).write_bytes(data)
    session["survey_upload"] = {"id": upload_id, "survey_id": survey.id, "filename": filename}
    return upload_id


def _load_upload(survey, upload_id: str) -> tuple[str, bytes]:
    stored = session.get("survey_upload") or {}
    if not upload_id or stored.get("id") != upload_id or stored.get("survey_id") != survey.id:
        raise ValidationError(_("Die hochgeladene Datei ist nicht mehr verfügbar. Bitte laden Sie sie erneut hoch."),
                              "file")
    path = _upload_dir() / upload_id
    if not path.exists():
        raise ValidationError(_("Die hochgeladene Datei ist nicht mehr verfügbar. Bitte laden Sie sie erneut hoch."),
                              "file")
    return stored["filename"], path.read_bytes()


def _drop_upload(upload_id: str) -> None:
    path = _upload_dir() / upload_id
    if path.exists():
        os.remove(path)
    session.pop("survey_upload", None)


@bp.route("/<int:survey_id>/import", methods=["GET", "POST"])
def import_answers(survey_id: int):
    """Upload a CSV or Excel file of answers; the next step maps its columns."""
    survey = _survey(survey_id)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not upload.filename:
            form.file.errors = [_("Bitte wählen Sie eine Datei aus.")]
        else:
            data = upload.read()
            try:
                sheet = imports.read_table(upload.filename, data)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                upload_id = _keep_upload(survey, upload.filename, data)
                mapping = imports.suggest_mapping(survey, sheet.header)
                return _render_mapping(survey, upload_id, sheet, mapping)
    return render_template("surveys/import.html", project=survey.project, survey=survey, form=form,
                           transcript_form=_transcript_form(survey)), _status(form)


def _render_mapping(survey, upload_id, sheet, mapping, plan=None, error=None, status=200):
    return render_template("surveys/import_mapping.html", project=survey.project, survey=survey,
                           upload_id=upload_id, sheet=sheet, mapping=mapping, plan=plan, error=error,
                           preview=sheet.rows[:5], form=ConfirmForm(upload_id=upload_id)), status


@bp.post("/<int:survey_id>/import/mapping")
def map_import(survey_id: int):
    """Check the column mapping, show a preview with all problems, and import when asked and clean."""
    survey = _survey(survey_id)
    upload_id = request.form.get("upload_id", "")
    try:
        filename, data = _load_upload(survey, upload_id)
        sheet = imports.read_table(filename, data)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(url_for("surveys.import_answers", survey_id=survey.id))
    mapping = {i: request.form.get(f"map-{i}", "") for i in range(len(sheet.header))}
    try:
        plan = imports.plan_import(survey, sheet, mapping)
    except ValidationError as error:
        return _render_mapping(survey, upload_id, sheet, mapping, error=error.message, status=422)
    if request.form.get("action") == "import":
        if plan.problems:
            return _render_mapping(survey, upload_id, sheet, mapping, plan=plan,
                                   error=_("Die Datei enthält Fehler; es wurde nichts importiert."), status=422)
        count = imports.run_import(survey, plan, entered_by=current_user)
        _drop_upload(upload_id)
        flash(_("%(count)s Befragte wurden importiert.", count=count), "success")
        return redirect(url_for("surveys.list_respondents", survey_id=survey.id))
    return _render_mapping(survey, upload_id, sheet, mapping, plan=plan, status=422 if plan.problems else 200)


def _transcript_form(survey, formdata=None):
    form = TranscriptForm(prefix="transcript") if formdata is None else TranscriptForm(prefix="transcript",
                                                                                      formdata=formdata)
    form.stakeholder_group_id.choices = _group_choices(survey.project, _("– ohne Gruppe –"))
    return form


@bp.post("/<int:survey_id>/transcripts")
def import_transcript(survey_id: int):
    """Upload a .docx interview transcript and show which answers were found (import on confirmation)."""
    survey = _survey(survey_id)
    form = _transcript_form(survey)
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not upload.filename:
            form.file.errors = [_("Bitte wählen Sie eine Datei aus.")]
        elif not upload.filename.lower().endswith(".docx"):
            form.file.errors = [_("Bitte laden Sie ein Word-Dokument (.docx) hoch.")]
        else:
            data = upload.read()
            try:
                pairs = imports.read_transcript(data)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                answers, unmatched = imports.match_transcript(survey, pairs)
                upload_id = _keep_upload(survey, upload.filename, data)
                pseudonym = (form.pseudonym.data or "").strip() or services.next_pseudonym(survey)
                return render_template("surveys/transcript_preview.html", project=survey.project, survey=survey,
                                       answers=answers, unmatched=unmatched, upload_id=upload_id,
                                       pseudonym=pseudonym, group_id=form.stakeholder_group_id.data or 0,
                                       questions={q.id: q for q in survey.questions}, form=ConfirmForm(
                                           upload_id=upload_id))
    return render_template("surveys/import.html", project=survey.project, survey=survey, form=UploadForm(),
                           transcript_form=form), 422


@bp.post("/<int:survey_id>/transcripts/confirm")
def confirm_transcript(survey_id: int):
    """Store the answers found in an uploaded transcript as a completed interview."""
    survey = _survey(survey_id)
    upload_id = request.form.get("upload_id", "")
    try:
        _filename, data = _load_upload(survey, upload_id)
        answers, _unmatched = imports.match_transcript(survey, imports.read_transcript(data))
        respondent = imports.import_transcript(survey, answers, pseudonym=request.form.get("pseudonym", ""),
                                               stakeholder_group_id=request.form.get("group_id", type=int) or None,
                                               entered_by=current_user)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(url_for("surveys.import_answers", survey_id=survey.id))
    _drop_upload(upload_id)
    flash(_("Das Transkript wurde als %(code)s übernommen.", code=respondent.pseudonym), "success")
    return redirect(url_for("surveys.edit_respondent", survey_id=survey.id, respondent_id=respondent.id))
