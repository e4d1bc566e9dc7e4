"""Our own validation error, raised by services and mapped back onto forms by routes."""
from __future__ import annotations


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
