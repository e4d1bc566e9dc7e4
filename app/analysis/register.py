"""Wire the analysis capability into the app."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def register(app: Flask, api_children: list) -> None:
    """Register the analysis blueprint and its project tab."""
    from app.analysis.routes import bp
    from app.analysis.routes.common import ANALYST_ROLES
    from app.analysis.vectors import JOB_KIND as VECTOR_JOB, on_answers_changed
    from app.auth.access import register_job_roles
    from app.projects.navigation import add_project_section
    from app.surveys.signals import answers_changed

    app.register_blueprint(bp)
    # One receiver for every app (connecting the same function again changes nothing); it reads current_app.
    answers_changed.connect(on_answers_changed, weak=False)
    add_project_section(app, "analysis", _l("Auswertung"), "analysis.list_analyses", 20)
    register_job_roles("analysis.run", *ANALYST_ROLES)
    register_job_roles("analysis.suggest", *ANALYST_ROLES)
    # Started by staff recomputing on the board; on arrival of answers it runs without a starter.
    register_job_roles(VECTOR_JOB, *ANALYST_ROLES)
