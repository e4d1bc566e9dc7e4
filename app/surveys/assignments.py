"""Which interviews an interviewer does: the lead assigns respondents, or a whole stakeholder group, to them.

An interviewer sees only these interviews (their start page lists them) and interviewer mode opens only
for them; a lead of the project (and an administrator) may enter any interview.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_security import current_user
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.auth import access
from app.auth.models import User
from app.errors import ValidationError
from app.extensions import db
from app.projects.models import Project, ProjectMember, StakeholderGroup
from app.surveys.models import InterviewAssignment, Respondent, Survey
from app.surveys.queries import get_respondent_or_404


@dataclass(frozen=True)
class Assignment:
    """An assignment as the lead's page shows it."""

    id: int
    interviewer: User
    respondent: Respondent | None
    group: StakeholderGroup | None


def interviewers(project: Project) -> list[User]:
    """Return the project's members holding the interviewer role, by name."""
    users = db.session.scalars(select(User).join(ProjectMember, ProjectMember.user_id == User.id).where(
        ProjectMember.project_id == project.id, ProjectMember.role == "interviewer"))
    return sorted(users, key=lambda u: (u.display_name.lower(), u.id))


def list_assignments(project: Project) -> list[Assignment]:
    """Return the project's assignments, by interviewer."""
    rows = db.session.scalars(select(InterviewAssignment).where(InterviewAssignment.project_id == project.id)
                              .order_by(InterviewAssignment.user_id, InterviewAssignment.id))
    return [Assignment(a.id, db.session.get(User, a.user_id),
                       db.session.get(Respondent, a.respondent_id) if a.respondent_id else None,
                       db.session.get(StakeholderGroup, a.stakeholder_group_id) if a.stakeholder_group_id else None)
            for a in rows]


def assign(project: Project, interviewer_id: int, *, respondent: Respondent | None = None,
           group: StakeholderGroup | None = None) -> InterviewAssignment:
    """Give an interviewer of the project one respondent or a stakeholder group; refuse repeats."""
    interviewer = db.session.get(User, interviewer_id) if interviewer_id else None
    if interviewer is None or "interviewer" not in access.member_roles(project, interviewer):
        raise ValidationError(_l("Bitte eine Person mit der Rolle Interviewerin / Interviewer wählen."), "interviewer_id")
    if (respondent is None) == (group is None):
        raise ValidationError(_l("Bitte entweder eine befragte Person oder eine Akteursgruppe wählen."),
                              "respondent_id")
    exists = select(InterviewAssignment.id).where(
        InterviewAssignment.user_id == interviewer.id,
        InterviewAssignment.respondent_id == respondent.id if respondent else
        InterviewAssignment.stakeholder_group_id == group.id)
    if db.session.scalar(exists):
        raise ValidationError(_l("Diese Zuweisung gibt es schon."), "respondent_id")
    assignment = InterviewAssignment(project_id=project.id, user_id=interviewer.id,
                                     respondent_id=respondent.id if respondent else None,
                                     stakeholder_group_id=group.id if group else None)
    db.session.add(assignment)
    db.session.commit()
    return assignment


def remove_assignment(project: Project, assignment_id: int) -> None:
    """Take an assignment back (404 when it is not the project's)."""
    assignment = db.session.get(InterviewAssignment, assignment_id)
    if assignment is None or assignment.project_id != project.id:
        abort(404)
    db.session.delete(assignment)
    db.session.commit()


def _assigned_filter(user: User):
    """Return a condition on Respondent: assigned to ``user`` directly or through a stakeholder group."""
    own = select(InterviewAssignment.respondent_id).where(InterviewAssignment.user_id == user.id,
                                                          InterviewAssignment.respondent_id.is_not(None))
    groups = select(InterviewAssignment.stakeholder_group_id).where(
        InterviewAssignment.user_id == user.id, InterviewAssignment.stakeholder_group_id.is_not(None))
    return or_(Respondent.id.in_(own), Respondent.stakeholder_group_id.in_(groups))


def is_assigned(user: User, respondent: Respondent) -> bool:
    """Return whether the respondent is one of the user's interviews."""
    return db.session.scalar(select(Respondent.id).where(Respondent.id == respondent.id,
                                                         _assigned_filter(user))) is not None


def my_interviews(user: User) -> list[Respondent]:
    """Return the interviews assigned to ``user`` in projects where they are still an interviewer."""
    if not user.is_authenticated:
        return []
    still_interviewer = select(ProjectMember.project_id).where(ProjectMember.user_id == user.id,
                                                               ProjectMember.role == "interviewer")
    return list(db.session.scalars(
        select(Respondent).join(Survey, Survey.id == Respondent.survey_id)
        .where(_assigned_filter(user), Survey.project_id.in_(still_interviewer))
        .order_by(Survey.project_id, Survey.id, Respondent.pseudonym, Respondent.id)))


@dataclass(frozen=True)
class InterviewRow:
    """One line of an interviewer's start page."""

    project: str
    survey: str
    pseudonym: str
    group: str
    status: str
    url: str


def my_interview_rows(user: User) -> list[InterviewRow]:
    """Return the user's assigned interviews as start-page rows, with links into interviewer mode."""
    from flask import url_for

    from app.surveys.forms import STATUS_LABELS

    return [InterviewRow(r.survey.project.title, r.survey.title, r.pseudonym,
                         db.session.get(StakeholderGroup, r.stakeholder_group_id).name if r.stakeholder_group_id else "",
                         str(STATUS_LABELS.get(r.status, r.status)),
                         url_for("surveys.enter_answers", survey_id=r.survey_id, respondent_id=r.id))
            for r in my_interviews(user)]


def get_interview_or_404(survey: Survey, respondent_id: int) -> Respondent:
    """Return a respondent of the survey the current person may interview: any for leads, else assigned ones."""
    respondent = get_respondent_or_404(survey, respondent_id)
    if access.may(survey.project_id, "lead"):
        return respondent
    if not is_assigned(current_user, respondent):
        abort(404)
    return respondent
