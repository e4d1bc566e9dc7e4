"""Concept pages for authors under /concept, one module per part of the work.

Outline, section editor, goals, measures, evidence chain, monitoring and Word export.
Importing the modules registers their views on the one ``concept`` blueprint.
"""
from app.concept.routes import documents, fields, outline, sections  # noqa: F401
from app.concept.routes.common import bp

__all__ = ["bp"]
