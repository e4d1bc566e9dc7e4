"""Wire privacy into the app: the retention page, ``flask retention``, and the overview notice."""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Register the retention page, its command, and ``retention_state(project)`` for templates."""
    from app.privacy.cli import retention_cli
    from app.privacy.retention import project_retention
    from app.privacy.routes import bp

    app.register_blueprint(bp)
    app.cli.add_command(retention_cli)
    app.jinja_env.globals["retention_state"] = project_retention
