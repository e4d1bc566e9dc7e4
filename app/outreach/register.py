"""Wire outreach into the app: staff and public blueprints, the project tab, the registrations' personal data."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def register(app: Flask, api_children: list) -> None:
    """Register the outreach blueprints, its tab, its personal data and ``public_page_path(project)``."""
    from app.outreach import models  # noqa: F401 - tables must be known to create_all and migrations
    from app.outreach import queries
    from app.outreach.personal_data import register_personal_data
    from app.outreach.public import bp as public_bp
    from app.outreach.routes import bp
    from app.projects.navigation import add_project_section

    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    add_project_section(app, "outreach", _l("Veranstaltungen"), "outreach.list_events", 50)
    register_personal_data(app)
    app.extensions["public_page_path"] = queries.public_page_path
