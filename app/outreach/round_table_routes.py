"""Staff pages of round tables under /outreach/<project>/round-tables: agenda, organisations, minutes, decisions."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.access import project_roles, protect
from app.auth.models import utcnow
from app.errors import ValidationError, apply_to_form
from app.outreach import round_tables
from app.outreach.forms import ConfirmForm
from app.outreach.round_table_forms import DecisionForm, RoundTableForm
from app.projects.queries import get_project_or_404

bp = Blueprint("round_tables", __name__, url_prefix="/outreach")
protect(bp, "lead", "author", "facilitator")


def _status(*forms) -> int:
    return 422 if any(f.errors or f.form_errors for f in forms) else 200


def _data(form: RoundTableForm) -> dict:
    return {"title": form.title.data, "held_on": form.held_on.data, "place": form.place.data,
            "agenda": form.agenda.data, "organisations": form.organisations.data, "minutes": form.minutes.data,
            "is_needs_assessment": form.is_needs_assessment.data}


def _decision_form(project, form: DecisionForm | None = None) -> DecisionForm:
    form = form or DecisionForm(prefix="decision")
    form.goal_ids.choices = round_tables.goal_choices(project)
    form.measure_ids.choices = round_tables.measure_choices(project)
    return form


@bp.get("/<int:project_id>/round-tables")
def list_round_tables(project_id: int):
    """Show the project's round tables, the latest first."""
    project = get_project_or_404(project_id)
    return render_template("outreach/round_tables.html", project=project,
                           round_tables=round_tables.list_round_tables(project), today=utcnow().date())


@bp.route("/<int:project_id>/round-tables/new", methods=["GET", "POST"])
def create_round_table(project_id: int):
    """Plan a round table (``?template=needs``: the annual needs round table, with its agenda filled in)."""
    project = get_project_or_404(project_id)
    form = RoundTableForm()
    if request.method == "GET" and request.args.get("template") == "needs":
        today = utcnow().date()
        for name, value in round_tables.needs_assessment_template(project, today.year).items():
            getattr(form, name).data = value
    if form.validate_on_submit():
        try:
            round_table = round_tables.create_round_table(project, **_data(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Runde Tisch wurde angelegt."), "success")
            return redirect(url_for("round_tables.show_round_table", project_id=project.id,
                                    round_table_id=round_table.id))
    return render_template("outreach/round_table_form.html", project=project, form=form,
                           round_table=None), _status(form)


@bp.route("/<int:project_id>/round-tables/<int:round_table_id>/edit", methods=["GET", "POST"])
def edit_round_table(project_id: int, round_table_id: int):
    """Change a round table's date, agenda, organisations or minutes."""
    project = get_project_or_404(project_id)
    round_table = round_tables.round_table_or_404(project, round_table_id)
    form = RoundTableForm(obj=round_table) if request.method == "GET" else RoundTableForm()
    if request.method == "GET":
        form.organisations.data = "\n".join(round_table.organisations)
    if form.validate_on_submit():
        try:
            round_tables.update_round_table(round_table, **_data(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("round_tables.show_round_table", project_id=project.id,
                                    round_table_id=round_table.id))
    return render_template("outreach/round_table_form.html", project=project, form=form,
                           round_table=round_table), _status(form)


def _render(project, round_table, decision_form=None, status=200):
    return render_template("outreach/round_table.html", project=project, round_table=round_table,
                           decision_form=_decision_form(project, decision_form), confirm_form=ConfirmForm()), status


@bp.get("/<int:project_id>/round-tables/<int:round_table_id>")
def show_round_table(project_id: int, round_table_id: int):
    """Show a round table: agenda, organisations, minutes and decisions."""
    project = get_project_or_404(project_id)
    return _render(project, round_tables.round_table_or_404(project, round_table_id))


@bp.post("/<int:project_id>/round-tables/<int:round_table_id>/decisions")
def add_decision(project_id: int, round_table_id: int):
    """Record a decision of the round table, linked to goals and measures."""
    project = get_project_or_404(project_id)
    round_table = round_tables.round_table_or_404(project, round_table_id)
    form = _decision_form(project)
    if form.validate_on_submit():
        try:
            round_tables.add_decision(round_table, text=form.text.data, responsible=form.responsible.data,
                                      goal_ids=form.goal_ids.data, measure_ids=form.measure_ids.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Beschluss wurde festgehalten."), "success")
            return redirect(url_for("round_tables.show_round_table", project_id=project.id,
                                    round_table_id=round_table.id) + "#decisions")
    return _render(project, round_table, form, 422)


@bp.post("/<int:project_id>/round-tables/<int:round_table_id>/decisions/<int:decision_id>/delete")
def delete_decision(project_id: int, round_table_id: int, decision_id: int):
    """Remove a decision from the round table."""
    project = get_project_or_404(project_id)
    round_table = round_tables.round_table_or_404(project, round_table_id)
    decision = round_tables.decision_or_404(round_table, decision_id)
    if ConfirmForm().validate_on_submit():
        round_tables.delete_decision(decision)
        flash(_("Der Beschluss wurde entfernt."), "success")
    return redirect(url_for("round_tables.show_round_table", project_id=project.id,
                            round_table_id=round_table.id) + "#decisions")


@bp.post("/<int:project_id>/round-tables/<int:round_table_id>/delete")
@project_roles("lead", "author")
def delete_round_table(project_id: int, round_table_id: int):
    """Delete a round table with its minutes and decisions."""
    project = get_project_or_404(project_id)
    round_table = round_tables.round_table_or_404(project, round_table_id)
    if ConfirmForm().validate_on_submit():
        round_tables.delete_round_table(round_table)
        flash(_("Der Runde Tisch wurde gelöscht."), "success")
    return redirect(url_for("round_tables.list_round_tables", project_id=project.id))
