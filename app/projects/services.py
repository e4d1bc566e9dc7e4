"""Writes on projects: create from a template, edit, and keep ordered lists in order."""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.errors import ValidationError
from app.extensions import db
from app.projects.models import (PROCESS_STEP_KINDS, PROJECT_STATUSES, FieldOfAction, ProcessStep, Project, ProjectMember,
                                 StakeholderGroup)
from app.projects.templates_catalog import PROCESS_STEP_LABELS, PROJECT_TEMPLATES


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _check_title(title: str, project_id: int | None = None) -> str:
    title = _clean(title)
    if not title:
        raise ValidationError(_l("Bitte einen Titel angeben."), "title")
    clash = db.session.scalar(select(Project.id).where(func.lower(Project.title) == title.lower()))
    if clash is not None and clash != project_id:
        raise ValidationError(_l("Es gibt bereits ein Projekt mit diesem Titel."), "title")
    return title


def _check_period(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationError(_l("Das Ende darf nicht vor dem Beginn liegen."), "period_end")


def create_project(*, title: str, municipality: str, period_start: date | None = None,
                   period_end: date | None = None, description: str = "", status: str = "planning",
                   template: str = "empty", creator=None) -> Project:
    """Create a project, filled from a template's fields of action, groups and timeline; its creator leads it.

    Capabilities that fill in more of a template (outreach: the success factors) register
    ``app.extensions["project_created"]`` (project, template -> None).
    """
    if template not in PROJECT_TEMPLATES:
        raise ValidationError(_l("Unbekannte Vorlage."), "template")
    if status not in PROJECT_STATUSES:
        raise ValidationError(_l("Unbekannter Status."), "status")
    municipality = _clean(municipality)
    if not municipality:
        raise ValidationError(_l("Bitte die Kommune angeben."), "municipality")
    _check_period(period_start, period_end)
    project = Project(title=_check_title(title), municipality=municipality, period_start=period_start,
                      period_end=period_end, description=(description or "").strip(), status=status)
    chosen = PROJECT_TEMPLATES[template]
    project.fields_of_action = [FieldOfAction(name=name, position=i) for i, name in enumerate(chosen.fields_of_action)]
    project.stakeholder_groups = [StakeholderGroup(name=name, target_interviews=target, position=i)
                                  for i, (name, target) in enumerate(chosen.stakeholder_groups)]
    project.process_steps = [ProcessStep(kind=kind, title=str(PROCESS_STEP_LABELS[kind]), position=i)
                             for i, kind in enumerate(chosen.process_steps)]
    db.session.add(project)
    if creator is not None:
        db.session.flush()
        if db.session.get(ProjectMember, (project.id, creator.id, "lead")) is None:
            db.session.add(ProjectMember(project_id=project.id, user_id=creator.id, role="lead",
                                         added_by_id=creator.id))
    db.session.commit()
    for fill in current_app.extensions.get("project_created", {}).values():
        fill(project, chosen)
    return project


def update_project(project: Project, *, title: str, municipality: str, period_start: date | None,
                   period_end: date | None, description: str, status: str) -> None:
    """Change a project's title, municipality, period, description and status."""
    if status not in PROJECT_STATUSES:
        raise ValidationError(_l("Unbekannter Status."), "status")
    municipality = _clean(municipality)
    if not municipality:
        raise ValidationError(_l("Bitte die Kommune angeben."), "municipality")
    _check_period(period_start, period_end)
    project.title = _check_title(title, project.id)
    project.municipality = municipality
    project.period_start, project.period_end = period_start, period_end
    project.description = (description or "").strip()
    project.status = status
    db.session.commit()


def _next_position(items) -> int:
    return max((item.position for item in items), default=-1) + 1


def _check_unique_name(items, name: str, current=None, field: str = "name") -> str:
    name = _clean(name)
    if not name:
        raise ValidationError(_l("Bitte einen Namen angeben."), field)
    if any(item is not current and item.name.lower() == name.lower() for item in items):
        raise ValidationError(_l("Dieser Name kommt in diesem Projekt schon vor."), field)
    return name


def add_field_of_action(project: Project, name: str, description: str = "") -> FieldOfAction:
    """Append a field of action to the project."""
    name = _check_unique_name(project.fields_of_action, name)
    field = FieldOfAction(name=name, description=(description or "").strip(),
                          position=_next_position(project.fields_of_action))
    project.fields_of_action.append(field)
    db.session.commit()
    return field


def update_field_of_action(field: FieldOfAction, name: str, description: str = "") -> None:
    """Rename a field of action or change its description."""
    field.name = _check_unique_name(field.project.fields_of_action, name, field)
    field.description = (description or "").strip()
    db.session.commit()


def add_stakeholder_group(project: Project, name: str, target_interviews: int = 0) -> StakeholderGroup:
    """Append a stakeholder group with its interview target."""
    name = _check_unique_name(project.stakeholder_groups, name)
    group = StakeholderGroup(name=name, target_interviews=_check_target(target_interviews),
                             position=_next_position(project.stakeholder_groups))
    project.stakeholder_groups.append(group)
    db.session.commit()
    return group


def _check_target(target) -> int:
    if target is None or int(target) < 0:
        raise ValidationError(_l("Die Zahl der geplanten Interviews darf nicht negativ sein."), "target_interviews")
    return int(target)


def update_stakeholder_group(group: StakeholderGroup, name: str, target_interviews: int) -> None:
    """Rename a stakeholder group or change its interview target."""
    group.name = _check_unique_name(group.project.stakeholder_groups, name, group)
    group.target_interviews = _check_target(target_interviews)
    db.session.commit()


def _check_step(kind: str, participants: int | None) -> None:
    if kind not in PROCESS_STEP_KINDS:
        raise ValidationError(_l("Unbekannte Art des Schritts."), "kind")
    if participants is not None and participants < 0:
        raise ValidationError(_l("Die Zahl der Teilnehmenden darf nicht negativ sein."), "participants")


def add_process_step(project: Project, *, kind: str, title: str = "", date: date | None = None,
                     participants: int | None = None, is_done: bool = False) -> ProcessStep:
    """Add a step to the project's timeline."""
    _check_step(kind, participants)
    step = ProcessStep(kind=kind, title=_clean(title) or str(PROCESS_STEP_LABELS[kind]), date=date,
                       participants=participants, is_done=bool(is_done),
                       position=_next_position(project.process_steps))
    project.process_steps.append(step)
    _place_by_date(project.process_steps, step)
    db.session.commit()
    return step


def _place_by_date(steps: list[ProcessStep], step: ProcessStep) -> None:
    """Move a dated step only as far as its date demands among the other dated steps.

    The timeline shows the order the template or the people gave (``position``); steps without a date
    keep their place, and a step whose date fits where it stands stays there.
    """
    if step.date is None:
        return
    everything = sorted(steps, key=lambda s: (s.position, s.id or 0))
    index = everything.index(step)
    ordered = [s for s in everything if s is not step]
    later_before = [i for i, other in enumerate(ordered[:index]) if other.date is not None and other.date > step.date]
    earlier_after = [index + i for i, other in enumerate(ordered[index:])
                     if other.date is not None and other.date < step.date]
    if later_before:
        index = later_before[0]
    elif earlier_after:
        index = earlier_after[-1] + 1
    ordered.insert(index, step)
    for position, item in enumerate(ordered):
        item.position = position


def update_process_step(step: ProcessStep, *, kind: str, title: str, date: date | None,
                        participants: int | None, is_done: bool) -> None:
    """Change a timeline step's kind, title, date, participants or done flag."""
    _check_step(kind, participants)
    date_changed = step.date != date
    step.kind = kind
    step.title = _clean(title) or str(PROCESS_STEP_LABELS[kind])
    step.date, step.participants, step.is_done = date, participants, bool(is_done)
    if date_changed:
        _place_by_date(step.project.process_steps, step)
    db.session.commit()


def move_entry(items: list, entry, direction: str) -> None:
    """Move a field, group or step one place up or down in its list."""
    ordered = sorted(items, key=lambda item: item.position)
    index = ordered.index(entry)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        item.position = position
    db.session.commit()


def delete_entry(entry) -> None:
    """Delete a field of action, stakeholder group or process step.

    A field of action that concept goals or measures still belong to is kept: the
    capabilities that hold such content register ``app.extensions["field_of_action_usage"]``
    (field -> short description of what depends on it, or None).
    """
    if isinstance(entry, FieldOfAction):
        usages = [describe(entry) for describe in current_app.extensions.get("field_of_action_usage", {}).values()]
        usages = [usage for usage in usages if usage]
        if usages:
            raise ValidationError(_("Das Handlungsfeld kann nicht gelöscht werden, solange %(usage)s dazu gehören.",
                                    usage=", ".join(usages)))
    db.session.delete(entry)
    db.session.commit()
