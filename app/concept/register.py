"""Wire the concept capability into the app: blueprint, project tab, CLI, workshop item provider."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def concept_item_sources(project) -> list[dict]:
    """Offer the concept's goals and measures to facilitators preparing workshop items."""
    from sqlalchemy import select

    from app.concept.models import Concept, Goal, Measure
    from app.extensions import db

    concept = db.session.scalar(select(Concept).where(Concept.project_id == project.id))
    if concept is None:
        return []
    goals = db.session.scalars(select(Goal).where(Goal.concept_id == concept.id)
                               .order_by(Goal.field_of_action_id, Goal.position, Goal.id))
    measures = db.session.scalars(select(Measure).where(Measure.concept_id == concept.id)
                                  .order_by(Measure.field_of_action_id, Measure.number))
    rows = [{"title": g.title, "description": g.description, "kind": g.kind,
             "field_of_action_id": g.field_of_action_id, "source": g.source} for g in goals]
    rows += [{"title": m.title, "description": m.description, "kind": "measure",
              "field_of_action_id": m.field_of_action_id, "source": m.source} for m in measures]
    return rows


def describe_field_usage(field) -> str | None:
    """Say how many concept goals and measures belong to a field of action (None when there are none)."""
    from flask_babel import ngettext
    from sqlalchemy import func, select

    from app.concept.models import Goal, Measure
    from app.extensions import db

    goals = db.session.scalar(select(func.count()).select_from(Goal).where(Goal.field_of_action_id == field.id))
    measures = db.session.scalar(select(func.count()).select_from(Measure)
                                 .where(Measure.field_of_action_id == field.id))
    parts = []
    if goals:
        parts.append(ngettext("%(num)s Ziel", "%(num)s Ziele", goals))
    if measures:
        parts.append(ngettext("%(num)s Maßnahme", "%(num)s Maßnahmen", measures))
    return ", ".join(parts) or None


def register(app: Flask, api_children: list) -> None:
    """Register the concept blueprint, its tab, its CLI and its workshop item provider."""
    from app.concept import models  # noqa: F401 - tables must be known to create_all and migrations
    from app.concept.cli import concept_cli
    from app.concept.markup import is_right_to_left
    from app.concept.routes import bp
    from app.projects.navigation import add_project_section

    app.register_blueprint(bp)
    add_project_section(app, "concept", _l("Konzept"), "concept.show_concept", 40)
    app.cli.add_command(concept_cli)
    app.extensions.setdefault("workshop_item_sources", {})["concept"] = concept_item_sources
    app.extensions.setdefault("field_of_action_usage", {})["concept"] = describe_field_usage
    app.jinja_env.tests["concept_rtl"] = lambda text: is_right_to_left(text or "")
