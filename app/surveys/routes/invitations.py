"""Invitations: personal links, reissued links and the printable QR sheets."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.errors import ValidationError
from app.projects.queries import get_group_or_404
from app.surveys import invitations, queries
from app.surveys.routes.common import bp, get_survey_or_404, invite_form


@bp.post("/<int:survey_id>/invitations")
def invite_respondents(survey_id: int):
    """Create respondents with personal links and show them once as a printable QR sheet."""
    survey = get_survey_or_404(survey_id)
    form = invite_form(survey, request.form)
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
    survey = get_survey_or_404(survey_id)
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
                           public=None, invitation_texts=invitations.invitation_instructions(survey))


@bp.get("/<int:survey_id>/public-sheet")
def show_public_sheet(survey_id: int):
    """Show the public link with a large QR code for posters and flyers."""
    from app.qr import qr_svg

    survey = get_survey_or_404(survey_id)
    if not survey.has_public_link:
        abort(404)
    url = invitations.public_url(survey)
    return render_template("surveys/qr_sheet.html", project=survey.project, survey=survey, links=[], codes={},
                           public={"url": url, "qr": qr_svg(url, scale=8, title=survey.title)},
                           invitation_texts=invitations.invitation_instructions(survey))
