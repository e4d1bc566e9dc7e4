"""Factories for workshop tests: workshops with items, rounds and joined participants."""
from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def make_workshop(make_project) -> Callable:
    """Return a factory creating a workshop (default: decision-maker, in a fresh Monheim project)."""
    from app.workshops import services

    def make(project=None, title="Entscheider-Workshop", kind="decision_maker", **kwargs):
        return services.create_workshop(project or make_project(), title=title, kind=kind, **kwargs)

    return make


@pytest.fixture
def make_items() -> Callable:
    """Return a factory adding ``count`` guiding goals spread over the project's fields of action."""
    from app.workshops import services

    def make(workshop, count=4, kind="guiding_goal"):
        fields = workshop.project.fields_of_action
        return [services.create_item(workshop, kind=kind, title=f"Ziel {n + 1}",
                                     field_of_action_id=fields[n % len(fields)].id if fields else None)
                for n in range(count)]

    return make


@pytest.fixture
def make_round(make_items) -> Callable:
    """Return a factory creating a round over new items (default: open dot voting, 5 dots, 2 per item)."""
    from app.workshops import services

    def make(workshop, method="dots", budget=5, max_per_item=2, items=None, is_open=True, **kwargs):
        if method == "proposals":
            items = []
        elif items is None:
            items = make_items(workshop)
        voting_round = services.create_round(workshop, title=f"Runde {method}", method=method,
                                             item_ids=[i.id for i in items], budget=budget,
                                             max_per_item=max_per_item, **kwargs)
        if is_open:
            services.open_round(voting_round)
        return voting_round

    return make


@pytest.fixture
def join() -> Callable:
    """Return a function joining a workshop; gives (participant, token)."""
    from app.workshops import participation

    def do_join(workshop, **kwargs):
        return participation.join_workshop(workshop, **kwargs)

    return do_join


@pytest.fixture
def make_theme() -> Callable:
    """Return a factory storing an analysis theme of a project (the table goal candidates refer to)."""
    from app.analysis.models import Analysis, Theme
    from app.extensions import db

    def make(project, label="Sprache", field_of_action=None, definition=""):
        analysis = Analysis(project_id=project.id, title="Interviews", scope="field_of_action")
        db.session.add(analysis)
        db.session.flush()
        theme = Theme(analysis_id=analysis.id, label=label, definition=definition,
                      field_of_action_id=field_of_action.id if field_of_action else None)
        db.session.add(theme)
        db.session.commit()
        return theme

    return make
