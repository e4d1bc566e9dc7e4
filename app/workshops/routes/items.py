"""A workshop's items: goals and measures to vote on, added by hand or imported from sources and themes."""
from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _

from app.errors import ValidationError, apply_to_form, save_form
from app.extensions import db
from app.workshops import queries, services
from app.workshops.forms import ActionForm, ImportSourcesForm, ImportThemesForm, ItemForm
from app.workshops.routes.common import back_to_workshop, bp, form_status, load_workshop, run_action


def _item_form(workshop, item=None) -> ItemForm:
    form = ItemForm(obj=item) if item is not None else ItemForm()
    form.field_of_action_id.choices = [(0, _("– ohne –"))] + [
        (f.id, f"{f.number}. {f.name}") for f in workshop.project.fields_of_action]
    form.parent_id.choices = [(0, _("– keins –"))] + [
        (i.id, i.title) for i in workshop.items if i.kind == "guiding_goal" and (item is None or i.id != item.id)]
    if item is not None and request.method == "GET":
        form.field_of_action_id.data = item.field_of_action_id or 0
        form.parent_id.data = item.parent_id or 0
    return form


def _item_values(workshop, form) -> dict:
    """Return what the item form says, with its parent goal looked up in the workshop (404 when foreign)."""
    parent = queries.get_item_or_404(workshop, form.parent_id.data) if form.parent_id.data else None
    return {"kind": form.kind.data, "title": form.title.data, "description": form.description.data,
            "field_of_action_id": form.field_of_action_id.data or None, "parent": parent}


@bp.route("/projects/<int:project_id>/<int:workshop_id>/items/new", methods=["GET", "POST"])
def create_item(project_id: int, workshop_id: int):
    """Add a guiding goal, action goal or measure idea by hand."""
    project, workshop = load_workshop(project_id, workshop_id)
    form = _item_form(workshop)
    if request.method == "GET":
        form.kind.data = request.args.get("kind", "guiding_goal")
        form.field_of_action_id.data = request.args.get("field", 0, type=int)
        form.parent_id.data = request.args.get("parent", 0, type=int)
    if save_form(form, lambda: services.create_item(workshop, **_item_values(workshop, form)),
                 _("Der Eintrag wurde angelegt.")):
        return back_to_workshop(workshop, "items")
    return render_template("workshops/item_form.html", project=project, workshop=workshop, form=form,
                           item=None), form_status(form)


@bp.route("/projects/<int:project_id>/<int:workshop_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(project_id: int, workshop_id: int, item_id: int):
    """Change an item."""
    project, workshop = load_workshop(project_id, workshop_id)
    item = queries.get_item_or_404(workshop, item_id)
    form = _item_form(workshop, item)
    if save_form(form, lambda: services.update_item(item, **_item_values(workshop, form)),
                 _("Die Änderungen wurden gespeichert.")):
        return back_to_workshop(workshop, "items")
    return render_template("workshops/item_form.html", project=project, workshop=workshop, form=form, item=item,
                           delete_form=ActionForm()), form_status(form)


@bp.post("/projects/<int:project_id>/<int:workshop_id>/items/<int:item_id>/delete")
def delete_item(project_id: int, workshop_id: int, item_id: int):
    """Delete an item that has no votes yet."""
    _project, workshop = load_workshop(project_id, workshop_id)
    item = queries.get_item_or_404(workshop, item_id)
    run_action(lambda: services.delete_item(item), _("Der Eintrag wurde gelöscht."))
    return back_to_workshop(workshop, "items")


def _import_forms(workshop):
    from app.analysis.queries import themes_for_project

    themes = themes_for_project(workshop.project_id)
    imported_themes = {i.theme_id for i in workshop.items if i.theme_id}
    theme_form = ImportThemesForm(prefix="themes")
    theme_form.theme_ids.choices = [(t.id, t.label) for t in themes if t.id not in imported_themes]
    candidates = services.item_source_candidates(workshop.project)
    present = {i.source for i in workshop.items if i.source}
    source_forms = {}
    for name, rows in candidates.items():
        form = ImportSourcesForm(prefix=f"source-{name}")
        form.provider.data = name
        form.sources.choices = [(row["source"], row["title"]) for row in rows if row.get("source") not in present]
        source_forms[name] = (form, [row for row in rows if row.get("source") not in present])
    return themes, theme_form, source_forms


@bp.route("/projects/<int:project_id>/<int:workshop_id>/items/import", methods=["GET", "POST"])
def import_items(project_id: int, workshop_id: int):
    """Take over analysis themes as goal candidates or copy goals and measures from the concept."""
    project, workshop = load_workshop(project_id, workshop_id)
    themes, theme_form, source_forms = _import_forms(workshop)
    status = 200
    if request.method == "POST":
        chosen = request.form.get("import", "")
        try:
            if chosen == "themes" and theme_form.validate_on_submit():
                created = services.import_theme_items(workshop, theme_form.theme_ids.data, kind=theme_form.kind.data)
            elif chosen in source_forms and source_forms[chosen][0].validate_on_submit():
                created = services.import_source_items(workshop, chosen, source_forms[chosen][0].sources.data)
            else:
                raise ValidationError(_("Bitte mindestens einen Eintrag auswählen."))
        except ValidationError as error:
            db.session.rollback()
            target = theme_form if chosen == "themes" else source_forms.get(chosen, (theme_form,))[0]
            apply_to_form(target, error)
            status = 422
        else:
            flash(_("%(n)s Einträge wurden übernommen.", n=len(created)), "success")
            return back_to_workshop(workshop, "items")
    themes_by_id = {t.id: t for t in themes}
    return render_template("workshops/import.html", project=project, workshop=workshop, theme_form=theme_form,
                           themes_by_id=themes_by_id, source_forms=source_forms), status
