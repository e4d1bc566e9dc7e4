""""Sie haben gesagt – wir haben gehandelt": what became of people's input, as the public page shows it.

For each theme the lead published: how many people raised it (hidden below the minimum cell size),
the goals that cite it and the measures that serve it, with their status and indicator progress.
No quotes, no pseudonyms, no group figures: only the theme's label and one suppressed count.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app.concept import evidence
from app.concept.models import Measure, ThemeCitation
from app.extensions import db
from app.outreach.models import PublicPage
from app.outreach.suppression import MIN_CELL_SIZE
from app.projects.models import ProcessStep, Project


@dataclass(frozen=True)
class PublicMeasure:
    """A measure as the public reads it."""

    title: str
    status: str
    #: Average progress of its indicators from baseline to target (0–100), None without measurable ones.
    progress: int | None


@dataclass
class PublicTheme:
    """A published theme with what came of it."""

    label: str
    #: People who raised it; None when fewer than ``MIN_CELL_SIZE`` (then only "fewer than" is shown).
    respondents: int | None
    goals: list[str] = field(default_factory=list)
    measures: list[PublicMeasure] = field(default_factory=list)


def _public_measure(measure: Measure) -> PublicMeasure:
    shares = [i.progress_percent for i in measure.indicators if i.progress_percent is not None]
    return PublicMeasure(measure.title, measure.status, round(sum(shares) / len(shares)) if shares else None)


def offered_themes(project: Project) -> list:
    """Return the project's analysis themes the lead can choose to publish (largest first)."""
    return evidence.themes(project.id)


def published_results(page: PublicPage) -> list[PublicTheme]:
    """Return the published themes of the page's project with the goals and measures that came of them."""
    chosen = [int(i) for i in page.published_theme_ids or ()]
    themes = {t.id: t for t in offered_themes(page.project) if t.id in chosen}
    results = []
    for theme_id in chosen:
        theme = themes.get(theme_id)
        if theme is None:
            continue
        citations = list(db.session.scalars(select(ThemeCitation).where(ThemeCitation.theme_id == theme_id)))
        goals = [c.goal for c in citations if c.goal is not None]
        measures: list[Measure] = [c.measure for c in citations if c.measure is not None]
        for goal in goals:
            measures.extend(goal.measures)
        unique = list({m.id: m for m in measures if m.status != "dropped"}.values())
        unique.sort(key=lambda m: (m.field_of_action.position, m.number))
        count = theme.respondent_count
        results.append(PublicTheme(theme.label, count if count >= MIN_CELL_SIZE else None,
                                   [g.title for g in goals], [_public_measure(m) for m in unique]))
    return results


def current_step(project: Project) -> ProcessStep | None:
    """Return the first process step not yet done (the one the process is at)."""
    return next((step for step in project.process_steps if not step.is_done), None)


