"""Our own validation error, raised by services and mapped back onto forms by routes."""
from __future__ import annotations

from collections.abc import Callable

from flask import flash

from app.extensions import db


class ValidationError(Exception):
    """A business rule refused an input; ``field`` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def apply_to_form(form, error: ValidationError) -> None:
    """Attach a service's validation error to the matching form field (or the whole form)."""
    target = getattr(form, error.field, None) if error.field else None
    if target is not None and hasattr(target, "errors"):
        target.errors = list(target.errors) + [error.message]
    else:
        form.form_errors.append(error.message)


def save_form(form, save: Callable[[], object], done_message: str) -> bool:
    """Save a valid submitted form with ``save`` and flash ``done_message``; show a refusal on the form.

    A refused save keeps nothing (the session is rolled back). Return True when saved (the view then
    redirects), False when the form is to be shown again.
    """
    if not form.validate_on_submit():
        return False
    try:
        save()
    except ValidationError as error:
        db.session.rollback()
        apply_to_form(form, error)
        return False
    flash(done_message, "success")
    return True
