"""A real SMTP server for mail tests (aiosmtpd on a free port) that can answer "try later" or refuse a mailbox."""
from __future__ import annotations

import email
import socket
import threading
from email.policy import default

import pytest


class RecordingHandler:
    """Keeps every accepted message; ``temporary_failures`` DATA commands get 451, ``refused`` mailboxes 550."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.temporary_failures = 0
        self.refused: set[str] = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.temporary_failures > 0:
                self.temporary_failures -= 1
                return "451 4.3.0 Please try again later"
            message = email.message_from_bytes(envelope.original_content, policy=default)
            self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list:
        """Return the messages that went to one address."""
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(app):
    """Start an SMTP server, point the app's mail at it (no throttle pauses, no retry pauses); yield its handler."""
    from aiosmtpd.controller import Controller

    from app.mail.delivery import init_mail

    handler = RecordingHandler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_BACKEND="smtp", MAIL_PER_MINUTE=0,
                      MAIL_RETRY_SECONDS=0, MAIL_USE_TLS=False, MAIL_USE_SSL=False, MAIL_TIMEOUT=10)
    init_mail(app)
    yield handler
    controller.stop()
