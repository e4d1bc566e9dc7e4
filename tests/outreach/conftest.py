"""Factories for outreach tests: events of a project and a published public page."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from app.auth.models import utcnow


@pytest.fixture
def make_event(make_project) -> Callable:
    """Return a factory creating an event (default: public, in a week, in a new Monheim-template project)."""
    from app.outreach import services

    def make(project=None, days=7, **data):
        project = project or make_project()
        values = {"title": "Interkulturelles Frühstück", "kind": "intercultural_breakfast",
                  "starts_at": (utcnow() + timedelta(days=days)).replace(microsecond=0), "place": "Bürgerhaus",
                  "district": "Nord", "is_public": True}
        values.update(data)
        return services.create_event(project, **values)

    return make


@pytest.fixture
def publish(app) -> Callable:
    """Return a function that publishes a project's public page under a slug and returns the page."""
    from app.outreach import services

    def do_publish(project, slug="musterstadt", retention_days=30):
        page = services.ensure_public_page(project)
        services.update_public_page(page, slug=slug, is_published=True, registration_retention_days=retention_days)
        return page

    return do_publish
