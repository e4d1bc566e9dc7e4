"""Mail to respondents: contacts import, invitation and reminder texts with preview, sending, statuses."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_security import current_user
from sqlalchemy import select

from app.errors import ValidationError, apply_to_form
from app.extensions import db
from app.languages.registry import find_language, participant_languages
from app.mail.delivery import uses_outbox
from app.mail.outbox import outbox_path
from app.surveys import contacts, mailing
from app.surveys.forms import MAIL_KIND_LABELS, MAIL_STATE_LABELS, ActionForm, ContactImportForm, MailTextForm
from app.surveys.models import MAIL_KINDS, Respondent, RespondentContact
from app.surveys.routes.common import bp, form_status, get_survey_or_404


def _contacts(survey):
    return list(db.session.scalars(select(RespondentContact).join(Respondent)
                                   .where(Respondent.survey_id == survey.id, RespondentContact.email != "")
                                   .order_by(Respondent.pseudonym)))


@bp.get("/<int:survey_id>/mail")
def show_mail(survey_id: int):
    """Show who has an address, the status of their mails, and what can be sent now."""
    survey = get_survey_or_404(survey_id)
    return render_template("surveys/mail.html", project=survey.project, survey=survey, contacts=_contacts(survey),
                           state_labels=MAIL_STATE_LABELS, kind_labels=MAIL_KIND_LABELS,
                           counts=mailing.respondents_by_mail_state(survey),
                           due={"invitation": mailing.count_recipients(survey, "invitation"),
                                "invitation_again": mailing.count_recipients(survey, "invitation", again=True),
                                "reminder": mailing.count_recipients(survey, "reminder")},
                           languages=participant_languages(), uses_outbox=uses_outbox(),
                           default_reminder_days=mailing.DEFAULT_REMINDER_DAYS,
                           import_form=ContactImportForm(), action_form=ActionForm())


@bp.post("/<int:survey_id>/contacts/import")
def import_contacts(survey_id: int):
    """Add respondents with contact details from a CSV or Excel file (all rows or none)."""
    survey = get_survey_or_404(survey_id)
    form = ContactImportForm()
    upload = request.files.get("file")
    if form.validate_on_submit() and upload and upload.filename:
        try:
            done = contacts.import_contacts(survey, upload.filename, upload.read())
        except ValidationError as error:
            flash(error.message, "error")
        else:
            flash(_("%(added)s Personen hinzugefügt, %(skipped)s Adressen waren schon vorhanden.",
                    added=done.added, skipped=done.skipped), "success")
    elif not (upload and upload.filename):
        flash(_("Bitte wählen Sie eine Datei aus."), "error")
    return redirect(url_for("surveys.show_mail", survey_id=survey.id))


@bp.post("/<int:survey_id>/mail/send")
def send_mails(survey_id: int):
    """Queue invitations (only the not yet mailed, or everyone again) or reminders; a job sends them."""
    survey = get_survey_or_404(survey_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    kind = request.form.get("kind", "")
    again = request.form.get("again") == "1"
    try:
        queued = mailing.queue_survey_mails(survey, kind, again=again, user_id=current_user.id)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(url_for("surveys.show_mail", survey_id=survey.id))
    if queued.job is None:
        flash(_("Niemand ist gerade an der Reihe: Alle mit Adresse wurden schon angeschrieben, haben abgeschlossen "
                "oder sich abgemeldet."), "info")
        return redirect(url_for("surveys.show_mail", survey_id=survey.id))
    flash(_("%(num)s E-Mails werden im Hintergrund gesendet.", num=queued.count), "success")
    return redirect(url_for("jobs.show_job", job_id=queued.job.id,
                            next=url_for("surveys.show_mail", survey_id=survey.id)))


def _language_or_404(tag: str):
    return find_language(tag) or abort(404)


@bp.route("/<int:survey_id>/mail/<kind>/<tag>", methods=["GET", "POST"])
def edit_mail_text(survey_id: int, kind: str, tag: str):
    """Edit an invitation or reminder in one language, with a preview; "Vorschau" shows it without saving."""
    survey = get_survey_or_404(survey_id)
    if kind not in MAIL_KINDS:
        abort(404)
    lang = _language_or_404(tag)
    subject, body, is_own = mailing.mail_text(survey, kind, lang.tag)
    form = MailTextForm(data={"subject": subject, "body": body, "contact": survey.mail_contact,
                              "reminder_after_days": survey.reminder_after_days,
                              "reminder_limit": survey.reminder_limit})
    preview = None
    if form.validate_on_submit():
        try:
            if request.form.get("action") == "preview":
                mailing.check_mail_text(form.subject.data or "", form.body.data or "")
                draft = {k: dict(v) for k, v in (survey.mail_texts or {}).items()}
                draft.setdefault(kind, {})[lang.tag] = {"subject": form.subject.data.strip(),
                                                        "body": form.body.data.replace("\r\n", "\n").strip()}
                preview = _preview(survey, kind, lang.tag, texts=draft, contact=form.contact.data or "")
            else:
                mailing.save_mail_settings(survey, kind=kind, tag=lang.tag, subject=form.subject.data or "",
                                           body=form.body.data or "", contact=form.contact.data or "",
                                           reminder_after_days=form.reminder_after_days.data,
                                           reminder_limit=form.reminder_limit.data)
                flash(_("Der Text wurde gespeichert."), "success")
                return redirect(url_for("surveys.edit_mail_text", survey_id=survey.id, kind=kind, tag=lang.tag))
        except ValidationError as error:
            apply_to_form(form, error)
    if preview is None and not form.errors:
        preview = _preview(survey, kind, lang.tag)
    return render_template("surveys/mail_text.html", project=survey.project, survey=survey, form=form, kind=kind,
                           lang=lang, is_own=is_own, preview=preview, kind_labels=MAIL_KIND_LABELS,
                           languages=participant_languages(), action_form=ActionForm()), form_status(form)


def _preview(survey, kind, tag, *, texts=None, contact=None):
    if texts is None:
        return mailing.sample_mail(survey, kind, tag, mailing.link_base())
    saved_texts, saved_contact = survey.mail_texts, survey.mail_contact
    try:
        survey.mail_texts, survey.mail_contact = texts, contact
        return mailing.sample_mail(survey, kind, tag, mailing.link_base())
    finally:
        survey.mail_texts, survey.mail_contact = saved_texts, saved_contact
        db.session.expire(survey, ["mail_texts", "mail_contact"])


@bp.post("/<int:survey_id>/mail/<kind>/<tag>/test")
def send_test_mail(survey_id: int, kind: str, tag: str):
    """Send the saved text as a sample to the signed-in staff member's own address (as a job)."""
    survey = get_survey_or_404(survey_id)
    lang = _language_or_404(tag)
    if not ActionForm().validate_on_submit() or kind not in MAIL_KINDS:
        abort(400)
    try:
        job = mailing.queue_test_mail(survey, kind, lang.tag, current_user.email, user_id=current_user.id)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(url_for("surveys.edit_mail_text", survey_id=survey.id, kind=kind, tag=lang.tag))
    flash(_("Die Test-E-Mail an %(email)s wird im Hintergrund gesendet.", email=current_user.email), "success")
    return redirect(url_for("jobs.show_job", job_id=job.id,
                            next=url_for("surveys.edit_mail_text", survey_id=survey.id, kind=kind, tag=lang.tag)))


@bp.get("/<int:survey_id>/mail/outbox/<name>")
def show_outbox_mail(survey_id: int, name: str):
    """Download a mail of this survey's project from instance/outbox/ (when no mail server is configured)."""
    survey = get_survey_or_404(survey_id)
    path = outbox_path(name) if name.startswith(f"p{survey.project_id}-") else None
    if path is None:
        abort(404)
    return send_file(path, mimetype="message/rfc822", as_attachment=True, download_name=name)
