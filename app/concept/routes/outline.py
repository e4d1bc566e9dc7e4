"""The concept overview and its outline: create, settings, chapters per field, sections."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.concept import queries, services
from app.concept.forms import (MEASURE_STATUS_LABELS, ConceptForm, ConfirmForm, ExportForm, NewSectionForm,
                               RenameSectionForm)
from app.concept.routes.common import bp, flash_error, load_concept
from app.errors import ValidationError
from app.projects.queries import get_project_or_404


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
                           counts=counts, missing_fields=missing_fields, export_form=ExportForm(formdata=None))


@bp.post("/<int:project_id>/create")
def create_concept(project_id: int):
    """Create the concept with Monheim's outline and a chapter per field of action."""
    project = get_project_or_404(project_id)
    try:
        services.create_concept(project, current_user)
    except ValidationError as error:
        flash_error(error)
    else:
        flash(_("Das Konzept wurde mit der Gliederung angelegt."), "success")
    return redirect(url_for("concept.show_concept", project_id=project.id))


@bp.post("/<int:project_id>/settings")
def update_concept(project_id: int):
    """Change the title and subtitle of the concept document."""
    project, concept = load_concept(project_id)
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
    project, concept = load_concept(project_id)
    added = services.sync_field_chapters(concept, current_user)
    flash(_("%(n)s Kapitel ergänzt.", n=added), "success")
    return redirect(url_for("concept.show_concept", project_id=project.id))


@bp.post("/<int:project_id>/sections")
def add_section(project_id: int):
    """Add a text section to the outline."""
    project, concept = load_concept(project_id)
    form = NewSectionForm()
    form.parent_id.choices = [(0, "")] + [(s.id, s.title) for s in concept.sections]
    if form.validate_on_submit():
        parent = queries.get_section_or_404(concept, form.parent_id.data) if form.parent_id.data else None
        try:
            section = services.add_section(concept, title=form.title.data, parent=parent, user=current_user)
        except ValidationError as error:
            flash_error(error)
        else:
            flash(_("Der Abschnitt wurde hinzugefügt."), "success")
            return redirect(url_for("concept.edit_section", project_id=project.id, section_id=section.id))
    else:
        flash(_("Bitte einen Titel für den Abschnitt angeben."), "error")
    return redirect(url_for("concept.show_concept", project_id=project.id))


@bp.post("/<int:project_id>/sections/<int:section_id>/rename")
def rename_section(project_id: int, section_id: int):
    """Rename a section."""
    project, concept = load_concept(project_id)
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
    project, concept = load_concept(project_id)
    section = queries.get_section_or_404(concept, section_id)
    try:
        services.move_section(section, direction)
    except ValidationError as error:
        flash_error(error)
    return redirect(url_for("concept.show_concept", project_id=project.id) + f"#section-{section.id}")


@bp.post("/<int:project_id>/sections/<int:section_id>/delete")
def delete_section(project_id: int, section_id: int):
    """Delete a free text section."""
    project, concept = load_concept(project_id)
    section = queries.get_section_or_404(concept, section_id)
    try:
        services.delete_section(section)
    except ValidationError as error:
        flash_error(error)
    else:
        flash(_("Der Abschnitt wurde gelöscht."), "success")
    return redirect(url_for("concept.show_concept", project_id=project.id))
