"""Writes on retention settings. Owns the commit."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.errors import ValidationError
from app.extensions import db
from app.privacy.retention import MAX_RETENTION_MONTHS
from app.projects.models import Project


def set_retention_period(project: Project, months: int | None, *,
                         keeps_transcript_originals: bool | None = None) -> None:
    """Set how many months the project keeps personal data after its end (None: no automatic deletion),
    and whether the original wording of pseudonymised transcripts is kept (None: unchanged)."""
    if months is not None and not 0 <= int(months) <= MAX_RETENTION_MONTHS:
        raise ValidationError(_l("Bitte eine Zahl von 0 bis 120 Monaten angeben."), "retention_months")
    project.retention_months = None if months is None else int(months)
    if keeps_transcript_originals is not None:
        project.keeps_transcript_originals = bool(keeps_transcript_originals)
    db.session.commit()
