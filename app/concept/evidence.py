"""The upstream evidence the concept cites, read through analysis' and workshops' public read APIs.

Concept is the last capability downstream, so it may import both; it still loads (showing no
evidence) where either is not installed, and it tolerates ids that no longer exist upstream.
"""
from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field

from flask import current_app


def _module(name: str):
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name)


def has_analysis() -> bool:
    """Return whether the analysis capability (themes) is installed."""
    module = _module("app.analysis.queries")
    return module is not None and hasattr(module, "themes_for_project")


def has_workshops() -> bool:
    """Return whether the workshops capability (items and votes) is installed."""
    module = _module("app.workshops.queries")
    return module is not None and hasattr(module, "item_priorities")


def themes(project_id: int, field_of_action_id: int | None = None) -> list:
    """Return the analysis themes of a project (optionally of one field of action), largest first."""
    module = _module("app.analysis.queries")
    if module is None or not hasattr(module, "themes_for_project"):
        return []
    found = module.themes_for_project(project_id, field_of_action_id=field_of_action_id)
    return sorted(found, key=lambda theme: (-theme.size, theme.label))


def theme_summary(theme_id: int):
    """Return one theme's summary (quotes, group shares) or None."""
    module = _module("app.analysis.queries")
    if module is None or not hasattr(module, "get_theme_summary"):
        return None
    return module.get_theme_summary(theme_id)


def theme_summaries(theme_ids: list[int]) -> dict[int, object]:
    """Return {theme_id: summary} for the themes that still exist, reading each analysis once."""
    module = _module("app.analysis.queries")
    if module is None or not hasattr(module, "theme_summaries"):
        return {}
    return module.theme_summaries(list(theme_ids))


def theme_belongs_to(project_id: int, theme_id: int) -> bool:
    """Return whether the theme comes from an analysis of this project."""
    models = _module("app.analysis.models")
    if models is None:
        return False
    from sqlalchemy import select

    from app.extensions import db

    owner = db.session.scalar(select(models.Analysis.project_id).join(models.Theme, models.Theme.analysis_id ==
                                                                      models.Analysis.id)
                              .where(models.Theme.id == theme_id))
    return owner == project_id


def item_priorities(project_id: int) -> list:
    """Return the workshop items of a project with their votes."""
    module = _module("app.workshops.queries")
    if module is None or not hasattr(module, "item_priorities"):
        return []
    return list(module.item_priorities(project_id))


def workshop_attendance(project_id: int) -> list:
    """Return the workshops of a project with their participant numbers."""
    module = _module("app.workshops.queries")
    if module is None or not hasattr(module, "workshop_attendance"):
        return []
    return list(module.workshop_attendance(project_id))


def interview_counts(project) -> list:
    """Return interviews per stakeholder group (target, invited, started, completed)."""
    from app.projects.queries import interview_progress

    return interview_progress(project)


@dataclass
class Priority:
    """The workshop votes behind a concept goal or measure, summed over the items it matches."""

    dots: int = 0
    voters: int = 0
    mean_rating: float | None = None
    rank_points: int | None = None
    item_ids: list[int] = field(default_factory=list)
    workshops: list[str] = field(default_factory=list)
    theme_ids: list[int] = field(default_factory=list)
    is_accepted_proposal: bool = False

    @property
    def has_votes(self) -> bool:
        """Return whether any workshop voted on the goal."""
        return bool(self.item_ids)

    def add(self, item) -> None:
        """Add one voted workshop item to the sum."""
        ratings = [] if self.mean_rating is None else [(self.mean_rating, max(1, self.voters))]
        self.item_ids.append(item.item_id)
        self.dots += item.dots or 0
        if item.mean_rating is not None:
            ratings.append((item.mean_rating, max(1, item.voters)))
            weight = sum(w for _, w in ratings)
            self.mean_rating = round(sum(r * w for r, w in ratings) / weight, 2)
        if item.rank_points is not None:
            self.rank_points = (self.rank_points or 0) + item.rank_points
        self.voters += item.voters or 0
        if item.workshop_title not in self.workshops:
            self.workshops.append(item.workshop_title)
        if item.theme_id and item.theme_id not in self.theme_ids:
            self.theme_ids.append(item.theme_id)
        self.is_accepted_proposal = self.is_accepted_proposal or bool(item.is_accepted_proposal)


def priorities_for(records, prefix: str, project_id: int, priorities: list | None = None) -> dict[int, Priority]:
    """Match workshop items to concept goals/measures (by ``<prefix>:<id>`` source or adoption)."""
    priorities = item_priorities(project_id) if priorities is None else priorities
    by_item = {record.workshop_item_id: record.id for record in records if record.workshop_item_id}
    wanted = {record.id for record in records}
    result: dict[int, Priority] = {record.id: Priority() for record in records}
    for item in priorities:
        target = None
        source = item.source or ""
        if source.startswith(prefix + ":"):
            try:
                candidate = int(source.split(":", 1)[1])
            except ValueError:
                candidate = None
            if candidate in wanted:
                target = candidate
        if target is None:
            target = by_item.get(item.item_id)
        if target is not None:
            result[target].add(item)
    return result


def app_has_provider(name: str) -> bool:
    """Return whether an extension provider is registered."""
    return name in current_app.extensions
