"""Fields of action: goals, measures, indicators and the evidence chain behind them."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.concept import evidence, plans, queries
from app.concept.forms import (AdoptItemForm, ConfirmForm, GoalForm, IndicatorForm, IndicatorValueForm, MeasureForm,
                               MeasureUpdateForm)
from app.concept.routes.common import bp, chosen_themes, flash_error, form_status, load_concept, theme_choices
from app.errors import ValidationError, apply_to_form, save_form
from app.projects.queries import get_field_or_404


@bp.get("/<int:project_id>/fields/<int:field_id>")
def show_field(project_id: int, field_id: int):
    """Show a field of action: its chapter parts, goals with priorities, measures, adoptable workshop items."""
    project, concept = load_concept(project_id)
    field = get_field_or_404(project, field_id)
    items = evidence.item_priorities(project.id)
    goals = queries.goals_of_field(concept, field)
    measures = queries.measures_of_field(concept, field)
    adoptable = queries.adoptable_items(concept, field, items)
    adopt_forms = {}
    for item in adoptable:
        adopt_form = AdoptItemForm(prefix=f"adopt-{item.item_id}")
        adopt_form.item_id.data = item.item_id
        adopt_form.as_kind.data = item.kind
        adopt_forms[item.item_id] = adopt_form
    return render_template(
        "concept/field.html", project=project, concept=concept, field=field, goals=goals,
        priorities=queries.goal_priorities(concept, goals, items), measures=measures,
        measure_priorities=queries.measure_priorities(concept, measures, items),
        parts={kind: queries.field_part(concept, field, kind) for kind in ("strengths", "goals", "measures")},
        chapter=queries.field_chapter(concept, field), adoptable=adoptable, adopt_forms=adopt_forms,
        confirm_form=ConfirmForm(), themes=evidence.themes(project.id, field.id),
        has_analysis=evidence.has_analysis(), has_workshops=evidence.has_workshops())


@bp.post("/<int:project_id>/fields/<int:field_id>/adopt")
def adopt_item(project_id: int, field_id: int):
    """Adopt a workshop item (incl. an accepted proposal) as a concept goal or measure."""
    project, concept = load_concept(project_id)
    field = get_field_or_404(project, field_id)
    item_id = request.form.get("item_id", type=int)
    prefix = next((k[:-len("-item_id")] for k in request.form if k.endswith("-item_id")), None)
    if prefix:
        item_id = request.form.get(f"{prefix}-item_id", type=int)
        as_kind = request.form.get(f"{prefix}-as_kind")
    else:
        as_kind = request.form.get("as_kind")
    try:
        record = plans.adopt_workshop_item(concept, item_id or 0, as_kind=as_kind)
    except ValidationError as error:
        flash_error(error)
    else:
        flash(_("„%(title)s“ wurde ins Konzept übernommen.", title=record.title), "success")
    return redirect(url_for("concept.show_field", project_id=project.id, field_id=field.id))


def _goal_form(concept, field, goal=None, formdata=None):
    form = GoalForm(obj=goal) if formdata is None else GoalForm()
    form.parent_id.choices = [(0, _("– kein Leitziel –"))] + [
        (g.id, g.title[:120]) for g in queries.goals_of_field(concept, field)
        if g.kind == "guiding_goal" and (goal is None or g.id != goal.id)]
    form.theme_ids.choices = theme_choices(concept.project_id)
    if request.method == "GET" and goal is not None:
        form.parent_id.data = goal.parent_id or 0
        form.theme_ids.data = [c.theme_id for c in goal.citations]
    return form


@bp.route("/<int:project_id>/fields/<int:field_id>/goals/new", methods=["GET", "POST"])
def create_goal(project_id: int, field_id: int):
    """Add a guiding or action goal to a field of action."""
    project, concept = load_concept(project_id)
    field = get_field_or_404(project, field_id)
    form = _goal_form(concept, field, formdata=request.form if request.method == "POST" else None)
    if request.method == "GET" and request.args.get("parent", type=int):
        form.kind.data = "action_goal"
        form.parent_id.data = request.args.get("parent", type=int)
    if form.validate_on_submit():
        parent = queries.get_goal_or_404(concept, form.parent_id.data) if form.parent_id.data else None
        try:
            plans.create_goal(concept, field, kind=form.kind.data, title=form.title.data,
                              description=form.description.data, parent=parent, theme_ids=chosen_themes(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Das Ziel wurde angelegt."), "success")
            return redirect(url_for("concept.show_field", project_id=project.id, field_id=field.id) + "#goals-title")
    return render_template("concept/goal_form.html", project=project, concept=concept, field=field, form=form,
                           goal=None), form_status(form)


@bp.route("/<int:project_id>/goals/<int:goal_id>/edit", methods=["GET", "POST"])
def edit_goal(project_id: int, goal_id: int):
    """Change a goal's wording, kind, guiding goal and cited themes."""
    project, concept = load_concept(project_id)
    goal = queries.get_goal_or_404(concept, goal_id)
    field = goal.field_of_action
    form = _goal_form(concept, field, goal, formdata=request.form if request.method == "POST" else None)
    if save_form(form, lambda: plans.update_goal(
            goal, kind=form.kind.data, title=form.title.data, description=form.description.data,
            parent=queries.get_goal_or_404(concept, form.parent_id.data) if form.parent_id.data else None,
            theme_ids=chosen_themes(form)), _("Die Änderungen wurden gespeichert.")):
        return redirect(url_for("concept.show_goal", project_id=project.id, goal_id=goal.id))
    return render_template("concept/goal_form.html", project=project, concept=concept, field=field, form=form,
                           goal=goal), form_status(form)


@bp.post("/<int:project_id>/goals/<int:goal_id>/delete")
def delete_goal(project_id: int, goal_id: int):
    """Delete a goal."""
    project, concept = load_concept(project_id)
    goal = queries.get_goal_or_404(concept, goal_id)
    field_id = goal.field_of_action_id
    plans.delete_goal(goal)
    flash(_("Das Ziel wurde gelöscht."), "success")
    return redirect(url_for("concept.show_field", project_id=project.id, field_id=field_id))


@bp.get("/<int:project_id>/goals/<int:goal_id>")
def show_goal(project_id: int, goal_id: int):
    """Show a goal's evidence: workshop votes, the themes behind it and the measures serving it."""
    project, concept = load_concept(project_id)
    goal = queries.get_goal_or_404(concept, goal_id)
    return render_template("concept/goal.html", project=project, concept=concept, goal=goal,
                           chain=queries.goal_evidence(concept, goal), confirm_form=ConfirmForm())


def _measure_form(concept, field, measure=None, is_post=False):
    form = MeasureForm() if is_post else MeasureForm(obj=measure)
    form.goal_ids.choices = [(g.id, ("» " if g.kind == "action_goal" else "") + g.title[:120])
                             for g in queries.goals_of_field(concept, field)]
    form.theme_ids.choices = theme_choices(concept.project_id)
    if not is_post and measure is not None:
        form.goal_ids.data = [g.id for g in measure.goals]
        form.theme_ids.data = [c.theme_id for c in measure.citations]
        form.cost_amount.data = (f"{measure.cost_amount:.2f}".replace(".", ",") if measure.cost_amount is not None
                                 else "")
    return form


def _measure_data(form) -> dict:
    return {"number": form.number.data, "title": form.title.data, "description": form.description.data,
            "steps": form.steps.data, "period": form.period.data, "cost_amount": form.cost_amount.data,
            "cost_text": form.cost_text.data, "implemented_by": form.implemented_by.data, "status": form.status.data,
            "goal_ids": form.goal_ids.data, "theme_ids": chosen_themes(form)}


@bp.route("/<int:project_id>/fields/<int:field_id>/measures/new", methods=["GET", "POST"])
def create_measure(project_id: int, field_id: int):
    """Add a measure to a field of action."""
    project, concept = load_concept(project_id)
    field = get_field_or_404(project, field_id)
    form = _measure_form(concept, field, is_post=request.method == "POST")
    if request.method == "GET":
        form.number.data = plans.next_measure_number(field)
        if request.args.get("goal", type=int):
            form.goal_ids.data = [request.args.get("goal", type=int)]
    if form.validate_on_submit():
        try:
            measure = plans.create_measure(concept, field, current_user, **_measure_data(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Maßnahme wurde angelegt."), "success")
            return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id))
    return render_template("concept/measure_form.html", project=project, concept=concept, field=field, form=form,
                           measure=None), form_status(form)


@bp.route("/<int:project_id>/measures/<int:measure_id>/edit", methods=["GET", "POST"])
def edit_measure(project_id: int, measure_id: int):
    """Change a measure."""
    project, concept = load_concept(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    form = _measure_form(concept, measure.field_of_action, measure, is_post=request.method == "POST")
    if save_form(form, lambda: plans.update_measure(measure, current_user, **_measure_data(form)),
                 _("Die Änderungen wurden gespeichert.")):
        return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id))
    return render_template("concept/measure_form.html", project=project, concept=concept,
                           field=measure.field_of_action, form=form, measure=measure), form_status(form)


@bp.post("/<int:project_id>/measures/<int:measure_id>/delete")
def delete_measure(project_id: int, measure_id: int):
    """Delete a measure."""
    project, concept = load_concept(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    field_id = measure.field_of_action_id
    plans.delete_measure(measure)
    flash(_("Die Maßnahme wurde gelöscht."), "success")
    return redirect(url_for("concept.show_field", project_id=project.id, field_id=field_id) + "#measures-title")


def _render_measure(project, concept, measure, status=200, **forms):
    update_form = forms.get("update_form") or MeasureUpdateForm(prefix="update", status=measure.status,
                                                                recorded_on=date.today())
    indicator_form = forms.get("indicator_form") or IndicatorForm(prefix="indicator")
    value_forms = {}
    for indicator in measure.indicators:
        value_forms[indicator.id] = (forms.get("value_forms", {}).get(indicator.id)
                                     or IndicatorValueForm(prefix=f"value-{indicator.id}", recorded_on=date.today()))
    return render_template("concept/measure.html", project=project, concept=concept, measure=measure,
                           chain=queries.measure_evidence(concept, measure), update_form=update_form,
                           indicator_form=indicator_form, value_forms=value_forms, confirm_form=ConfirmForm()), status


@bp.get("/<int:project_id>/measures/<int:measure_id>")
def show_measure(project_id: int, measure_id: int):
    """Show a measure with its goals, evidence, indicators and monitoring history."""
    project, concept = load_concept(project_id)
    return _render_measure(project, concept, queries.get_measure_or_404(concept, measure_id))


@bp.post("/<int:project_id>/measures/<int:measure_id>/updates")
def record_measure_update(project_id: int, measure_id: int):
    """Record the measure's status on a date with a note."""
    project, concept = load_concept(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    form = MeasureUpdateForm(prefix="update")
    if save_form(form, lambda: plans.record_measure_update(measure, status=form.status.data, note=form.note.data,
                                                           recorded_on=form.recorded_on.data, user=current_user),
                 _("Der Stand wurde erfasst.")):
        return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id)
                        + "#history-title")
    return _render_measure(project, concept, measure, 422, update_form=form)


@bp.post("/<int:project_id>/measures/<int:measure_id>/indicators")
def add_indicator(project_id: int, measure_id: int):
    """Add a success indicator to a measure."""
    project, concept = load_concept(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    form = IndicatorForm(prefix="indicator")
    if save_form(form, lambda: plans.add_indicator(measure, name=form.name.data, unit=form.unit.data,
                                                   baseline=form.baseline.data, target=form.target.data,
                                                   current=form.current.data),
                 _("Der Indikator wurde angelegt.")):
        return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id)
                        + "#indicators-title")
    return _render_measure(project, concept, measure, 422, indicator_form=form)


@bp.post("/<int:project_id>/indicators/<int:indicator_id>/values")
def record_indicator_value(project_id: int, indicator_id: int):
    """Record a new measured value of an indicator."""
    project, concept = load_concept(project_id)
    indicator = queries.get_indicator_or_404(concept, indicator_id)
    form = IndicatorValueForm(prefix=f"value-{indicator.id}")
    if save_form(form, lambda: plans.record_indicator_value(indicator, value=form.value.data, note=form.note.data,
                                                            recorded_on=form.recorded_on.data, user=current_user),
                 _("Der Wert wurde erfasst.")):
        return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=indicator.measure_id)
                        + "#indicators-title")
    return _render_measure(project, concept, indicator.measure, 422, value_forms={indicator.id: form})


@bp.post("/<int:project_id>/indicators/<int:indicator_id>/delete")
def delete_indicator(project_id: int, indicator_id: int):
    """Delete an indicator."""
    project, concept = load_concept(project_id)
    indicator = queries.get_indicator_or_404(concept, indicator_id)
    measure_id = indicator.measure_id
    plans.delete_indicator(indicator)
    flash(_("Der Indikator wurde gelöscht."), "success")
    return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure_id))


# --- evidence ---------------------------------------------------------------------------------

@bp.get("/<int:project_id>/evidence")
def show_evidence(project_id: int):
    """List the analysis themes with the goals and measures that cite them."""
    project, concept = load_concept(project_id)
    themes = evidence.themes(project.id)
    goals = queries.goals_of_concept(concept)
    priorities = queries.goal_priorities(concept, goals)
    measures = queries.measures_of_concept(concept)
    usage = {theme.id: queries.citing_theme(theme.id, goals, priorities, measures) for theme in themes}
    fields = {f.id: f for f in project.fields_of_action}
    return render_template("concept/evidence.html", project=project, concept=concept, themes=themes, usage=usage,
                           fields=fields, has_analysis=evidence.has_analysis())


@bp.get("/<int:project_id>/themes/<int:theme_id>")
def show_theme(project_id: int, theme_id: int):
    """Show a theme's quotes and stakeholder groups, and the goals and measures citing it."""
    project, concept = load_concept(project_id)
    chain = queries.theme_evidence(concept, theme_id)
    if chain is None:
        abort(404)
    return render_template("concept/theme.html", project=project, concept=concept, chain=chain)
