"""Survey pages: list, create, show, edit, open, close and reopen a survey."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.errors import ValidationError, apply_to_form
from app.projects.queries import get_project_or_404
from app.surveys import invitations, queries, services
from app.surveys.forms import ActionForm, SurveyForm
from app.surveys.routes.common import bp, form_status, get_survey_or_404, invite_form


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
                special_consent_text=form.special_consent_text.data or "",
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
            survey = services.create_survey(project, **_survey_values(form), is_draft=True)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Befragung wurde als Entwurf angelegt. Legen Sie jetzt den Leitfaden an und öffnen Sie "
                    "sie, wenn Fragen, Einwilligungstexte und Zeitraum stehen."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return render_template("surveys/form.html", project=project, form=form, survey=None), form_status(form)


@bp.get("/<int:survey_id>")
def show_survey(survey_id: int):
    """Show a survey: status, links, progress per stakeholder group."""
    survey = get_survey_or_404(survey_id)
    return render_template("surveys/show.html", project=survey.project, survey=survey,
                           counts=queries.survey_counts(survey), progress=queries.survey_group_progress(survey),
                           answer_count=queries.answer_count(survey), action_form=ActionForm(),
                           invite_form=invite_form(survey),
                           public_url=invitations.public_url(survey) if survey.has_public_link else None)


@bp.route("/<int:survey_id>/edit", methods=["GET", "POST"])
def edit_survey(survey_id: int):
    """Change a survey's settings."""
    survey = get_survey_or_404(survey_id)
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
    return render_template("surveys/form.html", project=survey.project, form=form, survey=survey), form_status(form)


@bp.post("/<int:survey_id>/open")
def open_survey(survey_id: int):
    """Open a draft for respondents (refused while it is not ready)."""
    try:
        services.open_survey(get_survey_or_404(survey_id))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Befragung ist geöffnet. Befragte können jetzt antworten."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey_id))


@bp.post("/<int:survey_id>/close")
def close_survey(survey_id: int):
    """Stop accepting answers."""
    services.close_survey(get_survey_or_404(survey_id))
    flash(_("Die Befragung ist geschlossen."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey_id))


@bp.post("/<int:survey_id>/reopen")
def reopen_survey(survey_id: int):
    """Accept answers again."""
    try:
        services.reopen_survey(get_survey_or_404(survey_id))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Befragung ist wieder geöffnet."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey_id))
