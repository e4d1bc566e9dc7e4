"""Invitation and reminder mails to respondents: texts per language, queueing, sending as a job, opting out.

Each respondent gets their own personal link in their own language (the participant catalogs
give the default wording, staff may rewrite it per survey and language). Sending never happens
inside a request: ``queue_survey_mails`` marks the chosen contacts ``queued`` and starts a job;
the job claims each contact with a conditional update (``queued`` → ``sending``), so two jobs
never mail the same person twice. A mail carries no answer content; logs hold counts only.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update

from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.languages.catalog import _p
from app.languages.registry import Language, find_language, language
from app.mail.delivery import MailSender, OutgoingMail
from app.mail.outbox import outbox_file_name
from app.surveys.models import MAIL_KINDS, Respondent, RespondentContact, Survey

log = logging.getLogger(__name__)

#: Placeholders staff may use in subjects and texts.
PLACEHOLDERS = ("salutation", "link", "closing_date", "contact_person", "survey_title")
_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
#: Longest subject and text staff may write.
MAX_SUBJECT, MAX_BODY = 200, 10_000
#: Days after the last mail before a reminder is due when the survey sets none (a shell run may say --min-days 0).
DEFAULT_REMINDER_DAYS = 3
#: Contacts that may not be queued again while a job holds them.
BUSY = ("queued", "sending")


def _default_texts(kind: str) -> tuple[str, str]:
    """Return the default subject and text of a mail kind in the current (forced) language."""
    if kind == "reminder":
        return (_p("Erinnerung: {survey_title}"),
                _p("{salutation}\n\nvor einiger Zeit haben wir Sie zu unserer Befragung „{survey_title}“ "
                   "eingeladen. Wir würden uns sehr freuen, wenn Sie noch mitmachen. Die Befragung läuft bis "
                   "{closing_date}.\n\nIhr persönlicher Link:\n{link}\n\nBei Fragen wenden Sie sich bitte an: "
                   "{contact_person}\n\nMit freundlichen Grüßen"))
    return (_p("Einladung zur Befragung: {survey_title}"),
            _p("{salutation}\n\nwir laden Sie herzlich zu unserer Befragung „{survey_title}“ ein. Ihre Meinung "
               "hilft uns, das Zusammenleben in unserer Stadt zu gestalten. Die Befragung läuft bis "
               "{closing_date}.\n\nIhr persönlicher Link:\n{link}\n\nDer Link gilt nur für Sie. Bei Fragen "
               "wenden Sie sich bitte an: {contact_person}\n\nMit freundlichen Grüßen"))


def mail_text(survey: Survey, kind: str, tag: str) -> tuple[str, str, bool]:
    """Return (subject, text, is_own) of a kind in a language: what staff wrote, else the catalog's default."""
    own = ((survey.mail_texts or {}).get(kind) or {}).get(tag) or {}
    if own.get("subject") and own.get("body"):
        return own["subject"], own["body"], True
    with force_locale(language(tag).locale):
        subject, body = _default_texts(kind)
    return subject, body, False


def check_mail_text(subject: str, body: str) -> None:
    """Refuse an empty or overlong text, unknown placeholders, and a text without the personal link."""
    if not subject.strip():
        raise ValidationError(_("Bitte geben Sie einen Betreff an."), "subject")
    if not body.strip():
        raise ValidationError(_("Bitte geben Sie einen Text an."), "body")
    if len(subject) > MAX_SUBJECT:
        raise ValidationError(_("Der Betreff ist zu lang (höchstens %(max)s Zeichen).", max=MAX_SUBJECT), "subject")
    if len(body) > MAX_BODY:
        raise ValidationError(_("Der Text ist zu lang (höchstens %(max)s Zeichen).", max=MAX_BODY), "body")
    for field, text in (("subject", subject), ("body", body)):
        unknown = sorted({name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
        if unknown:
            raise ValidationError(_("Unbekannter Platzhalter: %(names)s. Erlaubt sind: %(allowed)s.",
                                    names=", ".join("{%s}" % n for n in unknown),
                                    allowed=", ".join("{%s}" % n for n in PLACEHOLDERS)), field)
    if "{link}" not in body:
        raise ValidationError(_("Der Text muss den Platzhalter {link} enthalten: Jede Person braucht ihren "
                                "persönlichen Link."), "body")


def save_mail_settings(survey: Survey, *, kind: str, tag: str, subject: str, body: str, contact: str,
                       reminder_after_days: int | None, reminder_limit: int) -> None:
    """Store a kind's text in one language, the contact person and the reminder rules; or refuse and change nothing."""
    if kind not in MAIL_KINDS:
        raise ValidationError(_("Unbekannte Art von E-Mail."), "kind")
    if find_language(tag) is None:
        raise ValidationError(_("Unbekannte Sprache."), "language")
    subject, body, contact = (subject or "").strip(), (body or "").replace("\r\n", "\n").strip(), (contact or "").strip()
    check_mail_text(subject, body)
    if len(contact) > 500:
        raise ValidationError(_("Die Kontaktangabe ist zu lang (höchstens 500 Zeichen)."), "contact")
    if reminder_after_days is not None and not 1 <= reminder_after_days <= 365:
        raise ValidationError(_("Erinnern nach 1 bis 365 Tagen."), "reminder_after_days")
    if not 0 <= reminder_limit <= 10:
        raise ValidationError(_("Höchstens 0 bis 10 Erinnerungen je Person."), "reminder_limit")
    texts = {k: dict(v) for k, v in (survey.mail_texts or {}).items()}
    default_subject, default_body, _own = mail_text(Survey(mail_texts={}), kind, tag)
    if subject == default_subject and body == default_body:
        texts.get(kind, {}).pop(tag, None)
    else:
        texts.setdefault(kind, {})[tag] = {"subject": subject, "body": body}
    survey.mail_texts = texts
    survey.mail_contact = contact
    survey.reminder_after_days = reminder_after_days
    survey.reminder_limit = reminder_limit
    db.session.commit()


def _fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def opt_out_serializer() -> URLSafeSerializer:
    """Return the signer of opt-out links (no database lookup needed to check one)."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="konzeptwerk-survey-opt-out")


def opt_out_token(respondent: Respondent) -> str:
    """Return the token of a respondent's one-click opt-out link."""
    return opt_out_serializer().dumps([respondent.id, respondent.survey_id])


def resolve_opt_out(token: str) -> Respondent | None:
    """Return the respondent an opt-out token belongs to, or None for a forged token or a deleted person."""
    try:
        respondent_id, survey_id = opt_out_serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    respondent = db.session.get(Respondent, respondent_id) if isinstance(respondent_id, int) else None
    return respondent if respondent is not None and respondent.survey_id == survey_id else None


def opt_out(respondent: Respondent) -> None:
    """Stop every further mail about this survey to the respondent (kept with the contact, shown to staff)."""
    if respondent.contact is not None and respondent.contact.opted_out_at is None:
        respondent.contact.opted_out_at = utcnow()
        db.session.commit()


@dataclass(frozen=True)
class RenderedMail:
    """A mail as one respondent (or the test recipient) would get it."""

    language: Language
    subject: str
    body: str


def render_mail(survey: Survey, kind: str, tag: str, *, name: str, link: str, opt_out_url: str) -> RenderedMail:
    """Return subject and text in a language with every placeholder filled and the opt-out line below."""
    lang = language(tag)
    subject, body, _own = mail_text(survey, kind, lang.tag)
    with force_locale(lang.locale):
        salutation = _p("Guten Tag %(name)s,", name=name) if name else _p("Guten Tag,")
        closing = format_date(survey.closes_on, format="long") if survey.closes_on else \
            _p("zum Ende der Befragung")
        values = {"salutation": salutation, "link": link, "closing_date": closing,
                  "contact_person": survey.mail_contact or _p("das Projektteam"),
                  "survey_title": str(survey.title_in(lang.tag))}
        footer = _p("Sie möchten keine E-Mails mehr zu dieser Befragung? Abmelden mit einem Klick: %(url)s",
                    url=opt_out_url)
    return RenderedMail(lang, _fill(subject, values).replace("\n", " "), _fill(body, values) + "\n\n-- \n" + footer)


def link_base() -> str:
    """Return the address links in mails start with: BASE_URL, else the address of the current request."""
    from flask import has_request_context, request

    configured = current_app.config.get("BASE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.url_root.rstrip("/")
    from app.surveys.invitations import base_url

    return base_url()


# --- who gets mail ---------------------------------------------------------------------------------------------

def _mailable(survey: Survey):
    return (select(RespondentContact.id).join(Respondent, RespondentContact.respondent_id == Respondent.id)
            .where(Respondent.survey_id == survey.id, RespondentContact.email != "",
                   RespondentContact.opted_out_at.is_(None), Respondent.status != "completed",
                   RespondentContact.mail_status.not_in(BUSY)))


def recipients_query(survey: Survey, kind: str, *, again: bool = False, min_days: int | None = None):
    """Return the select of contact ids a kind of mail would go to now.

    Invitations: everyone with an address not yet mailed (or failed), all of them again with ``again``.
    Reminders: those mailed at least ``min_days`` ago (else the survey's setting, else DEFAULT_REMINDER_DAYS) who have
    not submitted,
    fewer reminders than the survey's limit. Never anyone who submitted or opted out.
    """
    query = _mailable(survey)
    if kind == "invitation":
        if not again:
            query = query.where(RespondentContact.invited_at.is_(None))
        return query
    days = min_days if min_days is not None else (survey.reminder_after_days or DEFAULT_REMINDER_DAYS)
    cutoff = utcnow() - timedelta(days=days)
    return query.where(RespondentContact.invited_at.is_not(None), RespondentContact.last_mailed_at <= cutoff,
                       RespondentContact.reminder_count < survey.reminder_limit)


def count_recipients(survey: Survey, kind: str, *, again: bool = False, min_days: int | None = None) -> int:
    """Return how many people a kind of mail would go to now."""
    return len(db.session.scalars(recipients_query(survey, kind, again=again, min_days=min_days)).all())


@dataclass(frozen=True)
class QueuedMails:
    """How many mails were queued, and the job sending them (None when nobody was due)."""

    count: int
    job: object | None


def queue_survey_mails(survey: Survey, kind: str, *, again: bool = False, min_days: int | None = None,
                       user_id: int | None = None, base: str | None = None) -> QueuedMails:
    """Mark the due contacts ``queued`` and start one job that sends their mails; return how many."""
    from app.jobs.services import enqueue_job

    if kind not in MAIL_KINDS:
        raise ValidationError(_("Unbekannte Art von E-Mail."), "kind")
    if not survey.is_open:
        raise ValidationError(_("Die Befragung ist nicht geöffnet. Öffnen Sie sie, bevor Sie Einladungen oder "
                                "Erinnerungen senden."), "kind")
    ids = list(db.session.scalars(recipients_query(survey, kind, again=again, min_days=min_days)))
    if not ids:
        return QueuedMails(0, None)
    # A conditional update: a contact another request queued meanwhile is not taken twice.
    result = db.session.execute(update(RespondentContact)
                                .where(RespondentContact.id.in_(ids), RespondentContact.mail_status.not_in(BUSY))
                                .values(mail_status="queued", mail_kind=kind, mail_error="")
                                .execution_options(synchronize_session=False))
    db.session.commit()
    queued = result.rowcount
    if not queued:
        return QueuedMails(0, None)
    log.info("survey %s: %d %s mails queued", survey.id, queued, kind)
    job = enqueue_job("surveys.mail", "app.surveys.mailing:send_survey_mails", project_id=survey.project_id,
                      user_id=user_id, survey_id=survey.id, mail_kind=kind, base=base or link_base())
    return QueuedMails(queued, job)


def queue_scheduled_reminders() -> dict[int, int]:
    """Queue the reminders that are due in every open survey with automatic reminders; return {survey id: count}."""
    from app.surveys.invitations import base_url

    queued = {}
    for survey in db.session.scalars(select(Survey).where(Survey.reminder_after_days.is_not(None))
                                     .order_by(Survey.id)):
        if survey.is_open and count_recipients(survey, "reminder"):
            queued[survey.id] = queue_survey_mails(survey, "reminder", base=base_url()).count
    log.info("scheduled reminders: %d surveys, %d mails queued", len(queued), sum(queued.values()))
    return queued


def _claim(contact_id: int, kind: str) -> bool:
    result = db.session.execute(update(RespondentContact)
                                .where(RespondentContact.id == contact_id, RespondentContact.mail_status == "queued",
                                       RespondentContact.mail_kind == kind)
                                .values(mail_status="sending")
                                .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def _outgoing(survey: Survey, respondent: Respondent, kind: str, base: str) -> OutgoingMail:
    """Build one respondent's mail with a fresh personal link (the newest mail's link is the one that works)."""
    from app.surveys.invitations import issue_link

    contact = respondent.contact
    token = issue_link(respondent)
    lang = language(respondent.language)
    link = base + url_for("respond.start", token=token, lang=lang.tag)
    opt_out_url = base + url_for("mail_opt_out.opt_out", token=opt_out_token(respondent))
    rendered = render_mail(survey, kind, lang.tag, name=contact.name, link=link, opt_out_url=opt_out_url)
    headers = {"List-Unsubscribe": f"<{opt_out_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
               "Content-Language": lang.html_lang, "Auto-Submitted": "auto-generated"}
    return OutgoingMail(contact.email, rendered.subject, rendered.body, headers,
                        outbox_name=outbox_file_name(f"p{survey.project_id}-r{respondent.id}"))


def send_survey_mails(job_id: int, survey_id: int, mail_kind: str, base: str) -> dict:
    """Job: send the queued mails of a survey, one claimed contact at a time, with progress; return counts."""
    from app.jobs.services import report_progress

    kind = mail_kind
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        return {"sent": 0, "failed": 0}
    ids = list(db.session.scalars(
        select(RespondentContact.id).join(Respondent, RespondentContact.respondent_id == Respondent.id)
        .where(Respondent.survey_id == survey_id, RespondentContact.mail_status == "queued",
               RespondentContact.mail_kind == kind).order_by(RespondentContact.id)))
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    with current_app.test_request_context(base_url=base), MailSender() as sender:
        for number, contact_id in enumerate(ids, start=1):
            if not _claim(contact_id, kind):
                continue  # another job took it
            contact = db.session.get(RespondentContact, contact_id)
            respondent = contact.respondent
            if contact.opted_out_at is not None or respondent.is_submitted or not contact.email:
                contact.mail_status = "sent" if contact.invited_at else "not_mailed"
                db.session.commit()
                counts["skipped"] += 1
                continue
            outgoing = _outgoing(survey, respondent, kind, base)
            db.session.commit()  # the new link's hash is stored before the mail names it
            delivery = sender.send(outgoing)
            now = utcnow()
            if delivery.sent:
                contact.mail_status, contact.mail_error, contact.last_mailed_at = "sent", "", now
                contact.outbox_file = delivery.outbox_name or ""
                if kind == "invitation":
                    contact.invited_at = contact.invited_at or now
                else:
                    contact.reminder_count += 1
                counts["sent"] += 1
            else:
                contact.mail_status, contact.mail_error = "failed", delivery.error[:300]
                counts["failed"] += 1
            db.session.commit()
            report_progress(job_id, number / len(ids),
                            _("%(done)s von %(total)s E-Mails bearbeitet", done=number, total=len(ids)))
    log.info("survey %s: %s mails: %d sent, %d failed, %d skipped", survey_id, kind, counts["sent"],
             counts["failed"], counts["skipped"])
    with current_app.test_request_context(base_url=base):
        counts["url"] = url_for("surveys.show_mail", survey_id=survey_id)
    return counts


def queue_test_mail(survey: Survey, kind: str, tag: str, to: str, *, user_id: int | None = None,
                    base: str | None = None):
    """Start a job that sends one sample mail (sample link, sample name) to a staff member's own address."""
    from app.jobs.services import enqueue_job

    if kind not in MAIL_KINDS or find_language(tag) is None:
        raise ValidationError(_("Unbekannte Art von E-Mail oder Sprache."), "kind")
    if not to:
        raise ValidationError(_("Ihr Konto hat keine E-Mail-Adresse."), "kind")
    return enqueue_job("surveys.mail_test", "app.surveys.mailing:send_test_mail", project_id=survey.project_id,
                       user_id=user_id, survey_id=survey.id, mail_kind=kind, tag=tag, to=to, base=base or link_base())


def sample_mail(survey: Survey, kind: str, tag: str, base: str) -> RenderedMail:
    """Return the mail as a respondent named "Alex Beispiel" would get it (preview and test mail)."""
    return render_mail(survey, kind, tag, name="Alex Beispiel", link=f"{base}/s/BEISPIEL-LINK?lang={tag}",
                       opt_out_url=f"{base}/mail/opt-out/BEISPIEL")


def send_test_mail(job_id: int, survey_id: int, mail_kind: str, tag: str, to: str, base: str) -> dict:
    """Job: send the sample mail to one address; fail the job with the relay's reason."""
    survey = db.session.get(Survey, survey_id)
    rendered = sample_mail(survey, mail_kind, tag, base)
    outgoing = OutgoingMail(to, "[Test] " + rendered.subject, rendered.body,
                            {"Content-Language": rendered.language.html_lang, "Auto-Submitted": "auto-generated"},
                            outbox_name=outbox_file_name(f"p{survey.project_id}-test"))
    with MailSender() as sender:
        delivery = sender.send(outgoing)
    if not delivery.sent:
        raise RuntimeError(delivery.error)
    with current_app.test_request_context(base_url=base):
        return {"url": url_for("surveys.show_mail", survey_id=survey_id)}


def respondents_by_mail_state(survey: Survey) -> dict[str, int]:
    """Return how many contacts with an address are in each mail state (for the status page and logs)."""
    counts: dict[str, int] = {}
    for contact in db.session.scalars(select(RespondentContact).join(Respondent)
                                      .where(Respondent.survey_id == survey.id, RespondentContact.email != "")):
        counts[contact.mail_state] = counts.get(contact.mail_state, 0) + 1
    return counts

