"""Wire the analysis capability (and the generic background jobs it brings) into the app."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def register(app: Flask, api_children: list) -> None:
    """Register the analysis and jobs blueprints, the project tab and the ``flask jobs`` commands."""
    from app.analysis.routes import bp
    from app.jobs.cli import jobs_cli
    from app.jobs.routes import bp as jobs_bp
    from app.projects.navigation import add_project_section

    app.register_blueprint(bp)
    if "jobs" not in app.blueprints:
        app.register_blueprint(jobs_bp)
    if "jobs" not in app.cli.commands:
        app.cli.add_command(jobs_cli)
    add_project_section(app, "analysis", _l("Auswertung"), "analysis.list_analyses", 20)
