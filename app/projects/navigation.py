"""The tabs of a project page; each capability adds its own when the app is created."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app


@dataclass(frozen=True)
class ProjectSection:
    """A tab on the project page: its label and the endpoint taking ``project_id``."""

    key: str
    label: object
    endpoint: str
    order: int


def add_project_section(app: Flask, key: str, label, endpoint: str, order: int) -> None:
    """Register a tab (e.g. "Befragungen") shown on every project page."""
    sections = app.extensions.setdefault("project_sections", {})
    sections[key] = ProjectSection(key, label, endpoint, order)


def project_sections() -> list[ProjectSection]:
    """Return the registered project tabs in their order."""
    return sorted(current_app.extensions.get("project_sections", {}).values(), key=lambda s: s.order)
