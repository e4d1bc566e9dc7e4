"""Staff pages of success factors under /outreach/<project>/success-factors: the list and the yearly assessment."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.access import project_roles, protect
from app.auth.models import utcnow
from app.errors import ValidationError, apply_to_form
from app.outreach import round_tables, success_factors
from app.outreach.forms import ConfirmForm
from app.outreach.round_table_forms import AssessmentForm, SuccessFactorForm
from app.projects.queries import get_project_or_404

bp = Blueprint("success_factors", __name__, url_prefix="/outreach")
protect(bp, "lead", "author", "facilitator")


def _status(*forms) -> int:
    return 422 if any(f.errors or f.form_errors for f in forms) else 200


def _render_list(project, form: SuccessFactorForm | None = None, status: int = 200):
    years = success_factors.assessed_years(project)
    return render_template("outreach/success_factors.html", project=project, years=years,
                           rows=success_factors.rating_table(project, years),
                           form=form or SuccessFactorForm(prefix="factor"), confirm_form=ConfirmForm(),
                           rating_labels=success_factors.RATING_LABELS, this_year=utcnow().year), status


@bp.get("/<int:project_id>/success-factors")
def list_success_factors(project_id: int):
    """Show the success factors with their ratings over the years."""
    return _render_list(get_project_or_404(project_id))


@bp.post("/<int:project_id>/success-factors")
@project_roles("lead", "author")
def add_success_factor(project_id: int):
    """Add a success factor."""
    project = get_project_or_404(project_id)
    form = SuccessFactorForm(prefix="factor")
    if form.validate_on_submit():
        try:
            success_factors.add_factor(project, name=form.name.data, description=form.description.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Erfolgsfaktor wurde hinzugefügt."), "success")
            return redirect(url_for("success_factors.list_success_factors", project_id=project.id))
    return _render_list(project, form, 422)


@bp.post("/<int:project_id>/success-factors/adopt")
@project_roles("lead", "author")
def adopt_success_factors(project_id: int):
    """Start with the nine success factors of Neuss."""
    project = get_project_or_404(project_id)
    if ConfirmForm().validate_on_submit():
        count = success_factors.adopt_factors(project)
        if count:
            flash(_("%(count)s Erfolgsfaktoren wurden übernommen.", count=count), "success")
    return redirect(url_for("success_factors.list_success_factors", project_id=project.id))


@bp.route("/<int:project_id>/success-factors/<int:factor_id>/edit", methods=["GET", "POST"])
@project_roles("lead", "author")
def edit_success_factor(project_id: int, factor_id: int):
    """Rename a success factor or change its description."""
    project = get_project_or_404(project_id)
    factor = success_factors.factor_or_404(project, factor_id)
    form = SuccessFactorForm(obj=factor) if request.method == "GET" else SuccessFactorForm()
    if form.validate_on_submit():
        try:
            success_factors.update_factor(factor, name=form.name.data, description=form.description.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("success_factors.list_success_factors", project_id=project.id))
    return render_template("outreach/success_factor_form.html", project=project, factor=factor,
                           form=form), _status(form)


@bp.post("/<int:project_id>/success-factors/<int:factor_id>/delete")
@project_roles("lead", "author")
def delete_success_factor(project_id: int, factor_id: int):
    """Remove a success factor with its assessments."""
    project = get_project_or_404(project_id)
    factor = success_factors.factor_or_404(project, factor_id)
    if ConfirmForm().validate_on_submit():
        success_factors.delete_factor(factor)
        flash(_("Der Erfolgsfaktor wurde entfernt."), "success")
    return redirect(url_for("success_factors.list_success_factors", project_id=project.id))


def _year() -> int:
    year = request.args.get("year", type=int)
    return year if year is not None and 2000 <= year <= 2100 else utcnow().year


@bp.route("/<int:project_id>/success-factors/<int:factor_id>/assessment", methods=["GET", "POST"])
@project_roles("lead", "author")
def assess_success_factor(project_id: int, factor_id: int):
    """Rate a success factor for a year, with evidence and the measures that support it."""
    project = get_project_or_404(project_id)
    factor = success_factors.factor_or_404(project, factor_id)
    year = _year()
    existing = factor.assessment_in(year)
    form = AssessmentForm()
    form.rating.choices = [(value, f"{value} – {label}") for value, label in success_factors.RATING_LABELS.items()]
    form.measure_ids.choices = round_tables.measure_choices(project)
    if request.method == "GET":
        form.year.data = year
        if existing is not None:
            form.rating.data, form.evidence.data = existing.rating, existing.evidence
            form.measure_ids.data = [m.id for m in existing.measures]
    if form.validate_on_submit():
        try:
            success_factors.save_assessment(factor, year=form.year.data, rating=form.rating.data,
                                            evidence=form.evidence.data, measure_ids=form.measure_ids.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Einschätzung wurde gespeichert."), "success")
            return redirect(url_for("success_factors.list_success_factors", project_id=project.id))
    return render_template("outreach/factor_assessment.html", project=project, factor=factor, form=form,
                           year=year), _status(form)
