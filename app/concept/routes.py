"""Concept pages for authors: outline, section editor, goals, measures, evidence chain, monitoring, Word export."""
from __future__ import annotations

import difflib
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.auth.access import require_roles
from app.concept import evidence, exports, queries, services
from app.concept.forms import (GOAL_KIND_LABELS, ITEM_KIND_LABELS, MEASURE_STATUS_LABELS, SECTION_STATUS_LABELS,
                               AcceptProposalForm, AdoptItemForm, ConceptForm, ConfirmForm, GoalForm, IndicatorForm,
                               IndicatorValueForm, MeasureForm, MeasureUpdateForm, NewSectionForm, RenameSectionForm,
                               ReportPeriodForm, SectionForm, TemplateForm)
from app.concept.markup import to_html
from app.concept.models import EditConflict
from app.errors import ValidationError, apply_to_form
from app.projects.queries import get_field_or_404, get_project_or_404

bp = Blueprint("concept", __name__, url_prefix="/concept")
bp.before_request(require_roles("author", "project_lead"))

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.app_context_processor
def concept_labels():
    """Offer the concept's status and kind labels to its templates."""
    return {"section_status_labels": SECTION_STATUS_LABELS, "goal_kind_labels": GOAL_KIND_LABELS,
            "measure_status_labels": MEASURE_STATUS_LABELS, "item_kind_labels": ITEM_KIND_LABELS,
            "concept_markup": to_html}


def _load(project_id: int):
    project = get_project_or_404(project_id)
    return project, queries.get_concept_or_404(project)


def _status(*forms) -> int:
    return 422 if any(f.errors or f.form_errors for f in forms) else 200


def _flash_error(error: ValidationError) -> None:
    flash(error.message, "error")


def _theme_choices(project_id: int) -> list[tuple[int, str]]:
    return [(t.id, f"{t.label} ({t.size})") for t in evidence.themes(project_id)]


def _chosen_themes(form) -> list[int]:
    """Return the cited theme ids the form offered (ids of other projects are dropped)."""
    offered = {value for value, _ in form.theme_ids.choices}
    return [theme_id for theme_id in form.theme_ids.data or [] if theme_id in offered]


# --- overview and outline ---------------------------------------------------------------------

@bp.get("/<int:project_id>")
def show_concept(project_id: int):
    """Show the concept's outline with status per section, the fields of action and the exports."""
    project = get_project_or_404(project_id)
    concept = queries.get_concept(project)
    if concept is None:
        return render_template("concept/start.html", project=project, form=ConfirmForm())
    entries = queries.outline(concept)
    new_form = NewSectionForm()
    new_form.parent_id.choices = [(0, _("Oberste Ebene"))] + [
        (e.section.id, f"{e.number} {e.section.title}") for e in entries if e.depth < 3]
    measures = queries.measures_of_concept(concept)
    counts = {f.id: {s: 0 for s in MEASURE_STATUS_LABELS} for f in project.fields_of_action}
    for measure in measures:
        counts.setdefault(measure.field_of_action_id, {s: 0 for s in MEASURE_STATUS_LABELS})[measure.status] += 1
    missing_fields = [f for f in project.fields_of_action if queries.field_chapter(concept, f) is None]
    return render_template("concept/overview.html", project=project, concept=concept, entries=entries,
                           new_form=new_form, confirm_form=ConfirmForm(), settings_form=ConceptForm(obj=concept),
                           counts=counts, missing_fields=missing_fields)


@bp.post("/<int:project_id>/create")
def create_concept(project_id: int):
    """Create the concept with Monheim's outline and a chapter per field of action."""
    project = get_project_or_404(project_id)
    try:
        services.create_concept(project, current_user)
    except ValidationError as error:
        _flash_error(error)
    else:
        flash(_("Das Konzept wurde mit der Gliederung angelegt."), "success")
    return redirect(url_for("concept.show_concept", project_id=project.id))


@bp.post("/<int:project_id>/settings")
def update_concept(project_id: int):
    """Change the title and subtitle of the concept document."""
    project, concept = _load(project_id)
    form = ConceptForm()
    if form.validate_on_submit():
        services.update_concept(concept, title=form.title.data, subtitle=form.subtitle.data)
        flash(_("Die Änderungen wurden gespeichert."), "success")
    else:
        flash(_("Bitte einen Titel angeben."), "error")
    return redirect(url_for("concept.show_concept", project_id=project.id))


@bp.post("/<int:project_id>/sync")
def sync_field_chapters(project_id: int):
    """Add chapters for fields of action created after the concept."""
    project, concept = _load(project_id)
    added = services.sync_field_chapters(concept, current_user)
    flash(_("%(n)s Kapitel ergänzt.", n=added), "success")
    return redirect(url_for("concept.show_concept", project_id=project.id))


@bp.post("/<int:project_id>/sections")
def add_section(project_id: int):
    """Add a text section to the outline."""
    project, concept = _load(project_id)
    form = NewSectionForm()
    form.parent_id.choices = [(0, "")] + [(s.id, s.title) for s in concept.sections]
    if form.validate_on_submit():
        parent = queries.get_section_or_404(concept, form.parent_id.data) if form.parent_id.data else None
        try:
            section = services.add_section(concept, title=form.title.data, parent=parent, user=current_user)
        except ValidationError as error:
            _flash_error(error)
        else:
            flash(_("Der Abschnitt wurde hinzugefügt."), "success")
            return redirect(url_for("concept.edit_section", project_id=project.id, section_id=section.id))
    else:
        flash(_("Bitte einen Titel für den Abschnitt angeben."), "error")
    return redirect(url_for("concept.show_concept", project_id=project.id))


@bp.post("/<int:project_id>/sections/<int:section_id>/rename")
def rename_section(project_id: int, section_id: int):
    """Rename a section."""
    project, concept = _load(project_id)
    section = queries.get_section_or_404(concept, section_id)
    form = RenameSectionForm()
    if form.validate_on_submit():
        services.rename_section(section, form.title.data, current_user)
        flash(_("Der Abschnitt wurde umbenannt."), "success")
    else:
        flash(_("Bitte einen Titel angeben."), "error")
    return redirect(url_for("concept.show_concept", project_id=project.id) + f"#section-{section.id}")


@bp.post("/<int:project_id>/sections/<int:section_id>/move/<direction>")
def move_section(project_id: int, section_id: int, direction: str):
    """Move a section up or down among its siblings."""
    project, concept = _load(project_id)
    section = queries.get_section_or_404(concept, section_id)
    try:
        services.move_section(section, direction)
    except ValidationError as error:
        _flash_error(error)
    return redirect(url_for("concept.show_concept", project_id=project.id) + f"#section-{section.id}")


@bp.post("/<int:project_id>/sections/<int:section_id>/delete")
def delete_section(project_id: int, section_id: int):
    """Delete a free text section."""
    project, concept = _load(project_id)
    section = queries.get_section_or_404(concept, section_id)
    try:
        services.delete_section(section)
    except ValidationError as error:
        _flash_error(error)
    else:
        flash(_("Der Abschnitt wurde gelöscht."), "success")
    return redirect(url_for("concept.show_concept", project_id=project.id))


# --- section editor ---------------------------------------------------------------------------

def _number_of(concept, section) -> str:
    return next((e.number for e in queries.outline(concept) if e.section.id == section.id), "")


def text_diff(theirs: str, mine: str) -> list[tuple[str, str]]:
    """Return a line diff as (marker, line): "-" only in the stored text, "+" only in yours, " " in both."""
    result = []
    for line in difflib.ndiff((theirs or "").splitlines(), (mine or "").splitlines()):
        if line.startswith("? "):
            continue
        result.append((line[0], line[2:]))
    return result


@bp.route("/<int:project_id>/sections/<int:section_id>", methods=["GET", "POST"])
def edit_section(project_id: int, section_id: int):
    """Edit a section's text and status; a save based on an outdated version is refused with both texts."""
    project, concept = _load(project_id)
    section = queries.get_section_or_404(concept, section_id)
    form = SectionForm(obj=section)
    conflict = None
    status = 200
    if request.method == "GET":
        form.version.data = section.version
    elif form.validate_on_submit():
        try:
            expected = int(form.version.data or 0)
        except ValueError:
            expected = 0
        try:
            services.save_section(section, body=form.body.data, status=form.status.data, expected_version=expected,
                                  user=current_user, title=form.title.data)
        except EditConflict as error:
            current = error.section
            conflict = {"theirs": current.body, "mine": form.body.data, "by": current.updated_by,
                        "at": current.updated_at, "version": current.version,
                        "diff": text_diff(current.body, form.body.data)}
            form.version.data = current.version
            status = 409
        except ValidationError as error:
            apply_to_form(form, error)
            status = 422
        else:
            flash(_("Der Abschnitt wurde gespeichert (Version %(v)s).", v=section.version), "success")
            return redirect(url_for("concept.edit_section", project_id=project.id, section_id=section.id))
    else:
        status = 422
    pending = [p for p in section.proposals if p.state == "pending"]
    accept_form = AcceptProposalForm()
    accept_form.version.data = section.version
    return render_template("concept/section.html", project=project, concept=concept, section=section, form=form,
                           number=_number_of(concept, section), conflict=conflict, proposals=pending,
                           accept_form=accept_form, confirm_form=ConfirmForm(),
                           sources_by_paragraph=_sources_by_paragraph(section)), status


def _sources_by_paragraph(section) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for source in section.sources:
        grouped.setdefault(source.paragraph, []).append(source)
    return grouped


@bp.post("/<int:project_id>/fields/<int:field_id>/draft/<part>")
def draft_section(project_id: int, field_id: int, part: str):
    """Draft a field's strengths or goals from the evidence as a proposal beside the editor."""
    project, concept = _load(project_id)
    field = get_field_or_404(project, field_id)
    if part not in ("strengths", "goals"):
        abort(404)
    try:
        proposal = services.draft_from_evidence(concept, field, part, current_user)
    except ValidationError as error:
        _flash_error(error)
        return redirect(url_for("concept.show_field", project_id=project.id, field_id=field.id))
    flash(_("Ein Entwurf aus der Evidenz liegt bereit. Prüfen Sie ihn und übernehmen Sie ihn in den Text."), "success")
    return redirect(url_for("concept.edit_section", project_id=project.id, section_id=proposal.section_id)
                    + f"#proposal-{proposal.id}")


@bp.post("/<int:project_id>/proposals/<int:proposal_id>/accept")
def accept_proposal(project_id: int, proposal_id: int):
    """Take a drafted text into its section (append or replace, as the author chose)."""
    project, concept = _load(project_id)
    proposal = queries.get_proposal_or_404(concept, proposal_id)
    form = AcceptProposalForm()
    try:
        expected = int(form.version.data or 0)
    except ValueError:
        expected = 0
    try:
        services.accept_proposal(proposal, mode=form.mode.data, expected_version=expected, user=current_user)
    except EditConflict:
        flash(_("Der Abschnitt wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Text und übernehmen Sie den "
                "Entwurf dann erneut."), "error")
    except ValidationError as error:
        _flash_error(error)
    else:
        flash(_("Der Entwurf wurde übernommen. Die Quellen stehen neben dem Text."), "success")
    return redirect(url_for("concept.edit_section", project_id=project.id, section_id=proposal.section_id))


@bp.post("/<int:project_id>/proposals/<int:proposal_id>/dismiss")
def dismiss_proposal(project_id: int, proposal_id: int):
    """Discard a drafted text."""
    project, concept = _load(project_id)
    proposal = queries.get_proposal_or_404(concept, proposal_id)
    try:
        services.dismiss_proposal(proposal)
    except ValidationError as error:
        _flash_error(error)
    else:
        flash(_("Der Entwurf wurde verworfen."), "success")
    return redirect(url_for("concept.edit_section", project_id=project.id, section_id=proposal.section_id))


# --- fields of action: goals and measures -----------------------------------------------------

@bp.get("/<int:project_id>/fields/<int:field_id>")
def show_field(project_id: int, field_id: int):
    """Show a field of action: its chapter parts, goals with priorities, measures, adoptable workshop items."""
    project, concept = _load(project_id)
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
    project, concept = _load(project_id)
    field = get_field_or_404(project, field_id)
    item_id = request.form.get("item_id", type=int)
    prefix = next((k[:-len("-item_id")] for k in request.form if k.endswith("-item_id")), None)
    if prefix:
        item_id = request.form.get(f"{prefix}-item_id", type=int)
        as_kind = request.form.get(f"{prefix}-as_kind")
    else:
        as_kind = request.form.get("as_kind")
    try:
        record = services.adopt_workshop_item(concept, item_id or 0, as_kind=as_kind)
    except ValidationError as error:
        _flash_error(error)
    else:
        flash(_("„%(title)s“ wurde ins Konzept übernommen.", title=record.title), "success")
    return redirect(url_for("concept.show_field", project_id=project.id, field_id=field.id))


def _goal_form(concept, field, goal=None, formdata=None):
    form = GoalForm(obj=goal) if formdata is None else GoalForm()
    form.parent_id.choices = [(0, _("– kein Leitziel –"))] + [
        (g.id, g.title[:120]) for g in queries.goals_of_field(concept, field)
        if g.kind == "guiding_goal" and (goal is None or g.id != goal.id)]
    form.theme_ids.choices = _theme_choices(concept.project_id)
    if request.method == "GET" and goal is not None:
        form.parent_id.data = goal.parent_id or 0
        form.theme_ids.data = [c.theme_id for c in goal.citations]
    return form


@bp.route("/<int:project_id>/fields/<int:field_id>/goals/new", methods=["GET", "POST"])
def create_goal(project_id: int, field_id: int):
    """Add a guiding or action goal to a field of action."""
    project, concept = _load(project_id)
    field = get_field_or_404(project, field_id)
    form = _goal_form(concept, field, formdata=request.form if request.method == "POST" else None)
    if request.method == "GET" and request.args.get("parent", type=int):
        form.kind.data = "action_goal"
        form.parent_id.data = request.args.get("parent", type=int)
    if form.validate_on_submit():
        parent = queries.get_goal_or_404(concept, form.parent_id.data) if form.parent_id.data else None
        try:
            services.create_goal(concept, field, kind=form.kind.data, title=form.title.data,
                                 description=form.description.data, parent=parent, theme_ids=_chosen_themes(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Das Ziel wurde angelegt."), "success")
            return redirect(url_for("concept.show_field", project_id=project.id, field_id=field.id) + "#goals-title")
    return render_template("concept/goal_form.html", project=project, concept=concept, field=field, form=form,
                           goal=None), _status(form)


@bp.route("/<int:project_id>/goals/<int:goal_id>/edit", methods=["GET", "POST"])
def edit_goal(project_id: int, goal_id: int):
    """Change a goal's wording, kind, guiding goal and cited themes."""
    project, concept = _load(project_id)
    goal = queries.get_goal_or_404(concept, goal_id)
    field = goal.field_of_action
    form = _goal_form(concept, field, goal, formdata=request.form if request.method == "POST" else None)
    if form.validate_on_submit():
        parent = queries.get_goal_or_404(concept, form.parent_id.data) if form.parent_id.data else None
        try:
            services.update_goal(goal, kind=form.kind.data, title=form.title.data, description=form.description.data,
                                 parent=parent, theme_ids=_chosen_themes(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("concept.show_goal", project_id=project.id, goal_id=goal.id))
    return render_template("concept/goal_form.html", project=project, concept=concept, field=field, form=form,
                           goal=goal), _status(form)


@bp.post("/<int:project_id>/goals/<int:goal_id>/delete")
def delete_goal(project_id: int, goal_id: int):
    """Delete a goal."""
    project, concept = _load(project_id)
    goal = queries.get_goal_or_404(concept, goal_id)
    field_id = goal.field_of_action_id
    services.delete_goal(goal)
    flash(_("Das Ziel wurde gelöscht."), "success")
    return redirect(url_for("concept.show_field", project_id=project.id, field_id=field_id))


@bp.get("/<int:project_id>/goals/<int:goal_id>")
def show_goal(project_id: int, goal_id: int):
    """Show a goal's evidence: workshop votes, the themes behind it and the measures serving it."""
    project, concept = _load(project_id)
    goal = queries.get_goal_or_404(concept, goal_id)
    return render_template("concept/goal.html", project=project, concept=concept, goal=goal,
                           chain=queries.goal_evidence(concept, goal), confirm_form=ConfirmForm())


def _measure_form(concept, field, measure=None, is_post=False):
    form = MeasureForm() if is_post else MeasureForm(obj=measure)
    form.goal_ids.choices = [(g.id, ("» " if g.kind == "action_goal" else "") + g.title[:120])
                             for g in queries.goals_of_field(concept, field)]
    form.theme_ids.choices = _theme_choices(concept.project_id)
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
            "goal_ids": form.goal_ids.data, "theme_ids": _chosen_themes(form)}


@bp.route("/<int:project_id>/fields/<int:field_id>/measures/new", methods=["GET", "POST"])
def create_measure(project_id: int, field_id: int):
    """Add a measure to a field of action."""
    project, concept = _load(project_id)
    field = get_field_or_404(project, field_id)
    form = _measure_form(concept, field, is_post=request.method == "POST")
    if request.method == "GET":
        form.number.data = services.next_measure_number(field)
        if request.args.get("goal", type=int):
            form.goal_ids.data = [request.args.get("goal", type=int)]
    if form.validate_on_submit():
        try:
            measure = services.create_measure(concept, field, current_user, **_measure_data(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Maßnahme wurde angelegt."), "success")
            return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id))
    return render_template("concept/measure_form.html", project=project, concept=concept, field=field, form=form,
                           measure=None), _status(form)


@bp.route("/<int:project_id>/measures/<int:measure_id>/edit", methods=["GET", "POST"])
def edit_measure(project_id: int, measure_id: int):
    """Change a measure."""
    project, concept = _load(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    form = _measure_form(concept, measure.field_of_action, measure, is_post=request.method == "POST")
    if form.validate_on_submit():
        try:
            services.update_measure(measure, current_user, **_measure_data(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id))
    return render_template("concept/measure_form.html", project=project, concept=concept,
                           field=measure.field_of_action, form=form, measure=measure), _status(form)


@bp.post("/<int:project_id>/measures/<int:measure_id>/delete")
def delete_measure(project_id: int, measure_id: int):
    """Delete a measure."""
    project, concept = _load(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    field_id = measure.field_of_action_id
    services.delete_measure(measure)
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
    project, concept = _load(project_id)
    return _render_measure(project, concept, queries.get_measure_or_404(concept, measure_id))


@bp.post("/<int:project_id>/measures/<int:measure_id>/updates")
def record_measure_update(project_id: int, measure_id: int):
    """Record the measure's status on a date with a note."""
    project, concept = _load(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    form = MeasureUpdateForm(prefix="update")
    if form.validate_on_submit():
        try:
            services.record_measure_update(measure, status=form.status.data, recorded_on=form.recorded_on.data,
                                           note=form.note.data, user=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Stand wurde erfasst."), "success")
            return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id)
                            + "#history-title")
    return _render_measure(project, concept, measure, 422, update_form=form)


@bp.post("/<int:project_id>/measures/<int:measure_id>/indicators")
def add_indicator(project_id: int, measure_id: int):
    """Add a success indicator to a measure."""
    project, concept = _load(project_id)
    measure = queries.get_measure_or_404(concept, measure_id)
    form = IndicatorForm(prefix="indicator")
    if form.validate_on_submit():
        try:
            services.add_indicator(measure, name=form.name.data, unit=form.unit.data, baseline=form.baseline.data,
                                   target=form.target.data, current=form.current.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Indikator wurde angelegt."), "success")
            return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure.id)
                            + "#indicators-title")
    return _render_measure(project, concept, measure, 422, indicator_form=form)


@bp.post("/<int:project_id>/indicators/<int:indicator_id>/values")
def record_indicator_value(project_id: int, indicator_id: int):
    """Record a new measured value of an indicator."""
    project, concept = _load(project_id)
    indicator = queries.get_indicator_or_404(concept, indicator_id)
    form = IndicatorValueForm(prefix=f"value-{indicator.id}")
    if form.validate_on_submit():
        try:
            services.record_indicator_value(indicator, value=form.value.data, recorded_on=form.recorded_on.data,
                                            note=form.note.data, user=current_user)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Wert wurde erfasst."), "success")
            return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=indicator.measure_id)
                            + "#indicators-title")
    return _render_measure(project, concept, indicator.measure, 422, value_forms={indicator.id: form})


@bp.post("/<int:project_id>/indicators/<int:indicator_id>/delete")
def delete_indicator(project_id: int, indicator_id: int):
    """Delete an indicator."""
    project, concept = _load(project_id)
    indicator = queries.get_indicator_or_404(concept, indicator_id)
    measure_id = indicator.measure_id
    services.delete_indicator(indicator)
    flash(_("Der Indikator wurde gelöscht."), "success")
    return redirect(url_for("concept.show_measure", project_id=project.id, measure_id=measure_id))


# --- evidence ---------------------------------------------------------------------------------

@bp.get("/<int:project_id>/evidence")
def show_evidence(project_id: int):
    """List the analysis themes with the goals and measures that cite them."""
    project, concept = _load(project_id)
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
    project, concept = _load(project_id)
    chain = queries.theme_evidence(concept, theme_id)
    if chain is None:
        abort(404)
    return render_template("concept/theme.html", project=project, concept=concept, chain=chain)


# --- Word template and export -----------------------------------------------------------------

@bp.route("/<int:project_id>/template", methods=["GET", "POST"])
def manage_template(project_id: int):
    """Upload or replace the municipality's Word template."""
    project, concept = _load(project_id)
    form = TemplateForm()
    if form.validate_on_submit():
        upload = form.template.data
        if not upload or not getattr(upload, "filename", ""):
            form.template.errors = list(form.template.errors) + [_("Bitte eine Datei auswählen.")]
        else:
            try:
                services.upload_template(concept, filename=upload.filename, data=upload.read(), user=current_user)
            except ValidationError as error:
                apply_to_form(form, error)
            else:
                flash(_("Die Vorlage wurde gespeichert; der Export verwendet jetzt ihre Formatvorlagen."), "success")
                return redirect(url_for("concept.manage_template", project_id=project.id))
    return render_template("concept/template.html", project=project, concept=concept, form=form,
                           confirm_form=ConfirmForm()), _status(form)


@bp.post("/<int:project_id>/template/delete")
def remove_template(project_id: int):
    """Go back to the built-in Word styles."""
    project, concept = _load(project_id)
    services.remove_template(concept)
    flash(_("Die Vorlage wurde entfernt; der Export verwendet wieder die Standardformate."), "success")
    return redirect(url_for("concept.manage_template", project_id=project.id))


@bp.get("/<int:project_id>/export.docx")
def export_concept(project_id: int):
    """Send the whole concept, or one field's chapter (``?field=<id>``), as a Word document."""
    project, concept = _load(project_id)
    field_id = request.args.get("field", type=int)
    field = get_field_or_404(project, field_id) if field_id else None
    buffer = exports.export_concept(concept, field)
    return send_file(buffer, mimetype=DOCX_MIMETYPE, as_attachment=True,
                     download_name=exports.export_filename(concept, field))


# --- monitoring -------------------------------------------------------------------------------

def _report_period():
    form = ReportPeriodForm(request.args)
    today = date.today()
    start = form.start.data if form.validate() and form.start.data else date(today.year - 1, today.month, 1)
    end = form.end.data if form.end.data else today
    if end < start:
        start, end = end, start
    form.start.data, form.end.data = start, end
    return form, start, end


@bp.get("/<int:project_id>/monitoring")
def show_monitoring(project_id: int):
    """Show the progress report of a period: measures per field by status and what changed."""
    project, concept = _load(project_id)
    form, start, end = _report_period()
    report = queries.progress_report(concept, start, end)
    return render_template("concept/monitoring.html", project=project, concept=concept, form=form, report=report)


@bp.get("/<int:project_id>/monitoring.docx")
def export_monitoring(project_id: int):
    """Send the progress report of a period as a Word document."""
    project, concept = _load(project_id)
    _, start, end = _report_period()
    report = queries.progress_report(concept, start, end)
    return send_file(exports.export_monitoring(concept, report), mimetype=DOCX_MIMETYPE, as_attachment=True,
                     download_name=f"Umsetzungsbericht-{start.isoformat()}-{end.isoformat()}.docx")
