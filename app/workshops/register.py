"""Wire the workshops capability into the app: pages, participant pages, project tab, API, CLI and personal data."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.projects.navigation import add_project_section


def register(app: Flask, api_children: list) -> None:
    """Register the workshop blueprints, the project tab and the JSON API part."""
    from app.extensions import register_rate_limit_subject
    from app.workshops import api, participate, routes, snapshots
    from app.workshops.cli import workshops_cli
    from app.workshops.personal_data import register_personal_data

    app.register_blueprint(routes.bp)
    app.register_blueprint(participate.bp)
    add_project_section(app, "workshops", _l("Workshops"), "workshops.list_workshops", 30)
    app.cli.add_command(workshops_cli)
    api_children.append(api.bp)
    register_personal_data(app)
    register_rate_limit_subject(app, participate.participant_rate_limit_subject)
    snapshots.listen_for_round_changes()
