"""Retention: when a project's personal data is deleted, what goes in the next days, and the daily run.

A project keeps personal data (contact details, invitation links, later transcripts, audio and
event registrations: whatever capabilities register in :mod:`app.privacy.registry`) until
``retention_months`` after the end of its participation process (``period_end``). Without an
end date or a period nothing is deleted automatically; the retention page says so.
"""
from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from app.auth.models import utcnow
from app.extensions import db
from app.privacy.journal import fingerprint, record_deletion
from app.privacy.registry import PersonalDataKind, expiries, personal_data_kinds
from app.projects.models import Project

log = logging.getLogger(__name__)

#: How far ahead the lead is told what will be deleted.
NOTICE_DAYS = 30
#: Longest retention period a project may set.
MAX_RETENTION_MONTHS = 120


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deletion_date(project: Project) -> date | None:
    """Return the day the project's personal data is deleted, or None when no end or period is set."""
    if project.period_end is None or project.retention_months is None:
        return None
    return add_months(project.period_end, project.retention_months)


@dataclass
class StoredData:
    """How many items of one kind of personal data a project keeps now."""

    kind: PersonalDataKind
    count: int


@dataclass
class ProjectRetention:
    """A project's retention state: when its personal data goes and what is stored now."""

    project: Project
    deletion_date: date | None
    today: date
    stored: list[StoredData] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Return how many items of personal data are stored."""
        return sum(item.count for item in self.stored)

    @property
    def days_left(self) -> int | None:
        """Return the days until deletion (0 or less: due now)."""
        return None if self.deletion_date is None else (self.deletion_date - self.today).days

    @property
    def is_due(self) -> bool:
        """Return whether the deletion date has come."""
        return self.days_left is not None and self.days_left <= 0

    @property
    def is_upcoming(self) -> bool:
        """Return whether data will be deleted within the notice period (or is due now)."""
        return self.days_left is not None and self.days_left <= NOTICE_DAYS and self.total > 0


def project_retention(project: Project, today: date | None = None) -> ProjectRetention:
    """Return when the project's personal data is deleted and how much of each kind is stored now."""
    today = today or utcnow().date()
    return ProjectRetention(project, deletion_date(project), today,
                            [StoredData(kind, kind.count(project.id)) for kind in personal_data_kinds()])


def _projects_with_deletion_date() -> list[Project]:
    return list(db.session.scalars(select(Project).where(Project.period_end.is_not(None),
                                                         Project.retention_months.is_not(None))
                                   .order_by(Project.id)))


def upcoming_deletions(today: date | None = None, days: int = NOTICE_DAYS) -> list[ProjectRetention]:
    """Return the projects whose personal data is deleted within ``days`` (or is due now), soonest first."""
    today = today or utcnow().date()
    found = []
    for project in _projects_with_deletion_date():
        if deletion_date(project) <= today + timedelta(days=days):
            state = project_retention(project, today)
            if state.total:
                found.append(state)
    return sorted(found, key=lambda state: (state.deletion_date, state.project.id))


@dataclass(frozen=True)
class RetentionDeletion:
    """What one run deleted (or, dry, would delete) of one kind in one project: a count, never content."""

    project_id: int
    kind: str
    count: int


def run_retention(today: date | None = None, *, dry_run: bool = False) -> list[RetentionDeletion]:
    """Delete the personal data of every project whose deletion date has come; journal and log the counts.

    One commit per project and kind, each together with its journal entry. Then each registered
    :class:`~app.privacy.registry.Expiry` deletes the items past their own deadline (one commit each).
    Running twice deletes nothing more (the second run finds nothing stored).
    """
    today = today or utcnow().date()
    done: list[RetentionDeletion] = []
    for project in _projects_with_deletion_date():
        if deletion_date(project) > today:
            continue
        for kind in personal_data_kinds():
            stored = kind.count(project.id)
            if not stored:
                continue
            if dry_run:
                done.append(RetentionDeletion(project.id, kind.key, stored))
                continue
            deleted = kind.erase(project.id)
            record_deletion(kind.key, "retention", subject_id=project.id, project_id=project.id, count=deleted,
                            fingerprint=fingerprint("projects", project.id, project.created_at))
            db.session.commit()
            log.info("retention: project %s: %s deleted: %d", project.id, kind.key, deleted)
            done.append(RetentionDeletion(project.id, kind.key, deleted))
    for expiry in expiries():
        counts = expiry.expire(today, dry_run)
        if not dry_run:
            db.session.commit()
        for project_id, count in sorted(counts.items()):
            if not dry_run:
                log.info("retention: project %s: %s deleted: %d", project_id, expiry.key, count)
            done.append(RetentionDeletion(project_id, expiry.key, count))
    return done
