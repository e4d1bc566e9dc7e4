"""The outbox: without ``MAIL_SERVER`` every mail is written as an .eml file to ``instance/outbox/``.

A newcomer running ``make run`` sees exactly what would have been sent. File names start with
the project they belong to (``p12-…``) so that retention and deletions can remove them with the
contact details they contain.
"""
from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend

from app.auth.models import utcnow

#: What an outbox file name may look like (no path parts, nothing a browser could misread).
OUTBOX_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,150}\.eml")


def outbox_dir() -> Path:
    """Return the folder the outbox writes to (``MAIL_OUTBOX_DIR``, default instance/outbox/; created on first use)."""
    path = Path(current_app.config.get("MAIL_OUTBOX_DIR") or Path(current_app.instance_path) / "outbox")
    path.mkdir(parents=True, exist_ok=True)
    return path


def outbox_file_name(prefix: str) -> str:
    """Return a new unique file name for a mail, e.g. ``p3-r17-20261202-130501-ab12cd.eml``."""
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return f"{prefix}-{stamp}-{secrets.token_hex(3)}.eml"


def outbox_path(name: str) -> Path | None:
    """Return the path of an outbox file by its name, or None for names that are not ours or missing files."""
    if not OUTBOX_NAME.fullmatch(name or ""):
        return None
    path = outbox_dir() / name
    return path if path.is_file() else None


def project_outbox_files(project_id: int, respondent_id: int | None = None) -> list[Path]:
    """Return the outbox files of a project (or of one respondent of it)."""
    pattern = f"p{project_id}-r{respondent_id}-*.eml" if respondent_id is not None else f"p{project_id}-*.eml"
    return sorted(outbox_dir().glob(pattern))


def delete_outbox_files(project_id: int, respondent_id: int | None = None) -> int:
    """Delete the outbox files of a project (or of one respondent); return how many."""
    files = project_outbox_files(project_id, respondent_id)
    for path in files:
        path.unlink(missing_ok=True)
    return len(files)


class EmailBackend(BaseEmailBackend):
    """A Flask-Mailman backend that writes each message as an .eml file into the outbox."""

    def send_messages(self, email_messages) -> int:
        """Write every message to its own file; a message's ``outbox_name`` names the file."""
        count = 0
        for message in email_messages:
            name = getattr(message, "outbox_name", None) or outbox_file_name("staff")
            message.outbox_name = name
            (outbox_dir() / name).write_bytes(message.message().as_bytes(linesep="\r\n"))
            count += 1
        return count
