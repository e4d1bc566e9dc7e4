"""Reads on projects and their overview figures."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app
from sqlalchemy import select

from app.extensions import db
from app.projects.models import FieldOfAction, ProcessStep, Project, ProjectAuditEvent, StakeholderGroup


@dataclass(frozen=True)
class GroupProgress:
    """Interview progress of one stakeholder group: target against invited, started, completed."""

    group_id: int
    name: str
    target: int
    invited: int = 0
    started: int = 0
    completed: int = 0

    @property
    def percent(self) -> int:
        """Return completed interviews as a percentage of the target (0–100)."""
        if self.target <= 0:
            return 100 if self.completed else 0
        return min(100, round(100 * self.completed / self.target))


def list_projects() -> list[Project]:
    """Return all projects, newest first."""
    return list(db.session.scalars(select(Project).order_by(Project.created_at.desc(), Project.id.desc())))


def list_projects_of(user) -> list[Project]:
    """Return the projects a user is a member of, newest first (all of them for an administrator)."""
    from app.auth.access import member_project_ids

    ids = member_project_ids(user)
    query = select(Project).order_by(Project.created_at.desc(), Project.id.desc())
    if ids is not None:
        query = query.where(Project.id.in_(ids))
    return list(db.session.scalars(query))


#: The audit page shows the newest events up to this many.
AUDIT_PAGE_SIZE = 500


def audit_events(project: Project) -> list[ProjectAuditEvent]:
    """Return the project's newest audit events (who touched personal data, and when)."""
    return list(db.session.scalars(select(ProjectAuditEvent).where(ProjectAuditEvent.project_id == project.id)
                                   .order_by(ProjectAuditEvent.at.desc(), ProjectAuditEvent.id.desc())
                                   .limit(AUDIT_PAGE_SIZE)))


def get_project_or_404(project_id: int) -> Project:
    """Return the project or answer 404."""
    return db.session.get(Project, project_id) or abort(404)


def get_field_or_404(project: Project, field_id: int) -> FieldOfAction:
    """Return a field of action of this project or answer 404."""
    field = db.session.get(FieldOfAction, field_id)
    if field is None or field.project_id != project.id:
        abort(404)
    return field


def get_group_or_404(project: Project, group_id: int) -> StakeholderGroup:
    """Return a stakeholder group of this project or answer 404."""
    group = db.session.get(StakeholderGroup, group_id)
    if group is None or group.project_id != project.id:
        abort(404)
    return group


def get_step_or_404(project: Project, step_id: int) -> ProcessStep:
    """Return a process step of this project or answer 404."""
    step = db.session.get(ProcessStep, step_id)
    if step is None or step.project_id != project.id:
        abort(404)
    return step


def interview_progress(project: Project) -> list[GroupProgress]:
    """Return target against invited/started/completed per stakeholder group.

    The counts come from the surveys capability when it registered a provider
    (``app.extensions["interview_counts"]``: project -> {group_id: (invited, started, completed)});
    without it every count is zero.
    """
    provider = current_app.extensions.get("interview_counts")
    counts = provider(project) if provider else {}
    return [GroupProgress(g.id, g.name, g.target_interviews, *counts.get(g.id, (0, 0, 0)))
            for g in project.stakeholder_groups]
