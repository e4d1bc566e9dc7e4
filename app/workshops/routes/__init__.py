"""Facilitator pages under /workshops, one module per part of the work.

Prepare a workshop and its items, run its rounds, moderate what participants send, present and export results.
Importing the modules registers their views on the one ``workshops`` blueprint.
"""
from app.workshops.routes import items, participants, results, rounds, workshops  # noqa: F401
from app.workshops.routes.common import bp

__all__ = ["bp"]
