"""Wire the analysis capability into the app."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def register(app: Flask, api_children: list) -> None:
    """Register the analysis blueprint and its project tab."""
    from app.analysis.routes import bp
    from app.analysis.routes.common import ANALYST_ROLES
    from app.auth.access import register_job_roles
    from app.projects.navigation import add_project_section

    app.register_blueprint(bp)
    add_project_section(app, "analysis", _l("Auswertung"), "analysis.list_analyses", 20)
    register_job_roles("analysis.run", *ANALYST_ROLES)
    register_job_roles("analysis.suggest", *ANALYST_ROLES)
