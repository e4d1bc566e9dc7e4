"""Staff pages for surveys under /surveys, one module per part of the work.

Project leads manage everything; facilitators may also enter interview answers.
Importing the modules registers their views on the one ``surveys`` blueprint.
"""
from app.surveys.routes import guide, interviews, invitations, mail, respondents, surveys, transfer  # noqa: F401
from app.surveys.routes.common import bp

__all__ = ["bp"]
