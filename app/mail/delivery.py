"""Send mail from background jobs: one connection per job, throttled, retried on temporary failures.

Nothing here runs inside a web request: sending is always a job (``app/jobs``). Temporary
failures (an SMTP 4xx answer, a dropped or refused connection) are retried with growing
pauses; permanent ones (5xx: unknown mailbox, refused sender) are reported at once.
"""
from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app
from flask_mailman import EmailMessage, Mail

log = logging.getLogger(__name__)

mail = Mail()

#: The outbox backend used when no MAIL_SERVER is configured.
OUTBOX_BACKEND = "app.mail.outbox.EmailBackend"


def init_mail(app: Flask) -> None:
    """Set up Flask-Mailman: SMTP when ``MAIL_SERVER`` is set, else the outbox in ``instance/outbox/``."""
    if not app.config.get("MAIL_BACKEND"):
        app.config["MAIL_BACKEND"] = "smtp" if app.config.get("MAIL_SERVER") else OUTBOX_BACKEND
    mail.init_app(app)


def uses_outbox() -> bool:
    """Return whether mails are written to the outbox instead of being sent."""
    return current_app.config.get("MAIL_BACKEND") == OUTBOX_BACKEND


@dataclass
class OutgoingMail:
    """One message to send: plain text, extra headers, optional attachments (name, bytes, type)."""

    to: str
    subject: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    #: File name in the outbox (only used when mails go to the outbox).
    outbox_name: str | None = None


@dataclass
class Delivery:
    """What became of one message: sent (or written to the outbox), or failed with a reason."""

    sent: bool
    error: str = ""
    attempts: int = 1
    outbox_name: str | None = None


class TemporaryFailure(Exception):
    """The relay asked to try again later, or the connection failed."""


class PermanentFailure(Exception):
    """The relay refused the message for good."""


def classify(error: Exception) -> Exception:
    """Return a TemporaryFailure or PermanentFailure describing an SMTP or network error (without addresses)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        text = "; ".join(f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
                         for code, message in error.recipients.values())
        kind = TemporaryFailure if codes and all(400 <= c < 500 for c in codes) else PermanentFailure
        return kind(f"recipient refused: {text}"[:300])
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
        kind = TemporaryFailure if 400 <= error.smtp_code < 500 else PermanentFailure
        return kind(f"{error.smtp_code} {message}"[:300])
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError,
                          OSError)):
        return TemporaryFailure(f"connection: {type(error).__name__}: {error}"[:300])
    return PermanentFailure(f"{type(error).__name__}: {error}"[:300])


class Throttle:
    """Space messages out to at most ``per_minute`` a minute (0: no limit)."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self.next_at: float | None = None

    def wait(self) -> None:
        """Wait until the next message may go out."""
        if not self.interval:
            return
        now = self.clock()
        if self.next_at is not None and now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


class MailSender:
    """Send messages over one connection per job, throttled and retried; use as a context manager."""

    def __init__(self, *, sleep: Callable[[float], None] = time.sleep):
        config = current_app.config
        self.attempts = max(1, int(config.get("MAIL_ATTEMPTS", 4)))
        self.retry_seconds = float(config.get("MAIL_RETRY_SECONDS", 30))
        self.sender = config.get("MAIL_DEFAULT_SENDER")
        self.sleep = sleep
        self.throttle = Throttle(int(config.get("MAIL_PER_MINUTE", 60)), sleep=sleep)
        self.connection = None

    def __enter__(self) -> MailSender:
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001 - a connection that broke cannot be closed politely
                pass
            self.connection = None

    def _message(self, outgoing: OutgoingMail) -> EmailMessage:
        message = EmailMessage(outgoing.subject, outgoing.body, self.sender, [outgoing.to],
                               headers=dict(outgoing.headers), connection=self.connection)
        for name, content, mimetype in outgoing.attachments:
            message.attach(name, content, mimetype)
        message.outbox_name = outgoing.outbox_name
        return message

    def send(self, outgoing: OutgoingMail) -> Delivery:
        """Send one message; retry temporary failures with growing pauses; never raises for mail errors."""
        self.throttle.wait()
        failure: Exception | None = None
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                self.sleep(self.retry_seconds * 2 ** (attempt - 2))
            try:
                if self.connection is None:
                    self.connection = mail.get_connection(fail_silently=False)
                    self.connection.open()
                message = self._message(outgoing)
                message.send(fail_silently=False)
                return Delivery(True, attempts=attempt, outbox_name=getattr(message, "outbox_name", None)
                                if uses_outbox() else None)
            except Exception as error:  # noqa: BLE001 - sorted into temporary and permanent below
                failure = classify(error)
                self._close()
                log.info("mail: attempt %d failed (%s)", attempt, type(failure).__name__)
                if isinstance(failure, PermanentFailure):
                    break
        return Delivery(False, error=str(failure), attempts=attempt)
