"""What every concept page shares: the blueprint, its access check, labels and small helpers."""
from __future__ import annotations

from flask import Blueprint, flash

from app.auth.access import protect
from app.concept import evidence, queries
from app.concept.forms import GOAL_KIND_LABELS, ITEM_KIND_LABELS, MEASURE_STATUS_LABELS, SECTION_STATUS_LABELS
from app.concept.markup import to_html
from app.errors import ValidationError
from app.projects.queries import get_project_or_404

bp = Blueprint("concept", __name__, url_prefix="/concept")
protect(bp, "lead", "author")

@bp.app_context_processor
def concept_labels():
    """Offer the concept's status and kind labels to its templates."""
    return {"section_status_labels": SECTION_STATUS_LABELS, "goal_kind_labels": GOAL_KIND_LABELS,
            "measure_status_labels": MEASURE_STATUS_LABELS, "item_kind_labels": ITEM_KIND_LABELS,
            "concept_markup": to_html}


def load_concept(project_id: int):
    """Return the project and its concept, or answer 404."""
    project = get_project_or_404(project_id)
    return project, queries.get_concept_or_404(project)


def form_status(*forms) -> int:
    """Return 422 when any submitted form has errors, else 200."""
    return 422 if any(f.errors or f.form_errors for f in forms) else 200


def flash_error(error: ValidationError) -> None:
    """Show a refused change's message on the next page."""
    flash(error.message, "error")


def theme_choices(project_id: int) -> list[tuple[int, str]]:
    """Return the project's analysis themes as select choices with their sizes."""
    return [(t.id, f"{t.label} ({t.size})") for t in evidence.themes(project_id)]


def chosen_themes(form) -> list[int]:
    """Return the cited theme ids the form offered (ids of other projects are dropped)."""
    offered = {value for value, _ in form.theme_ids.choices}
    return [theme_id for theme_id in form.theme_ids.data or [] if theme_id in offered]
