"""Analysis pages (``/analysis/projects/<id>/…``), one module per part of the work.

Project leads and authors analyse; facilitators may read everything but change nothing.
Importing the modules registers their views on the one ``analysis`` blueprint.
"""
from app.analysis.routes import coding, context, reports, runs, themes  # noqa: F401
from app.analysis.routes.common import bp

__all__ = ["bp"]
