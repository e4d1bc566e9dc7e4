"""Mail to staff accounts (password reset, account invitations), sent by a job like every other mail.

Flask-Security renders its mails (reset instructions, notices) and hands them to ``QueuedMailUtil``,
which starts a job instead of talking to the relay inside the request. The job removes the message
from its own arguments once sent, so a reset link does not stay in the jobs table.
"""
from __future__ import annotations

from flask_security import MailUtil


class QueuedMailUtil(MailUtil):
    """Flask-Security's mail hook: queue the rendered message as a background job."""

    def send_mail(self, template, subject, recipient, sender, body, html, **kwargs) -> None:
        """Start a job that sends the plain-text message (the HTML part is not needed)."""
        queue_staff_mail(str(recipient), str(subject), body or "")


def queue_staff_mail(to: str, subject: str, body: str):
    """Start a job that sends one plain-text mail to a staff member; return the job."""
    from app.jobs.services import enqueue_job

    return enqueue_job("mail.staff", "app.mail.staff:send_staff_mail", to=to, subject=subject, body=body)


def send_staff_mail(job_id: int, to: str, subject: str, body: str) -> dict:
    """Job: send one staff mail (retried on temporary failures), then forget its content."""
    from sqlalchemy import update

    from app.extensions import db
    from app.jobs.models import Job
    from app.mail.delivery import MailSender, OutgoingMail
    from app.mail.outbox import outbox_file_name

    with MailSender() as sender:
        delivery = sender.send(OutgoingMail(to, subject, body, {"Auto-Submitted": "auto-generated"},
                                            outbox_name=outbox_file_name("staff")))
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(arguments={}))
    if not delivery.sent:
        raise RuntimeError(delivery.error)
    return {"sent": 1}
