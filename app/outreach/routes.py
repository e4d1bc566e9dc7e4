"""Staff pages of outreach under /outreach: plan and log events, follow-ups, registrations, page settings."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.access import audited, project_roles, protect
from app.concept.queries import get_concept
from app.errors import ValidationError, apply_to_form
from app.outreach import budgets, queries, results, services
from app.outreach.forms import (EVENT_KIND_LABELS, FUNDING_SOURCE_LABELS, REGISTRATION_STATE_LABELS, BudgetForm,
                                ConfirmForm, EventForm, FollowUpForm, FollowUpMeasureForm, NotesForm, PublicPageForm,
                                local_to_utc, utc_to_local)
from app.outreach.queries import UNASSIGNED
from app.outreach.suppression import MIN_CELL_SIZE
from app.projects.queries import get_project_or_404

bp = Blueprint("outreach", __name__, url_prefix="/outreach")
protect(bp, "lead", "author", "facilitator")


@bp.app_context_processor
def outreach_labels():
    """Offer the outreach labels to its templates."""
    return {"event_kind_labels": EVENT_KIND_LABELS, "registration_state_labels": REGISTRATION_STATE_LABELS,
            "funding_source_labels": FUNDING_SOURCE_LABELS}


def _status(*forms) -> int:
    return 422 if any(f.errors or f.form_errors for f in forms) else 200


def _measure_choices(project) -> list[tuple[int, str]]:
    concept = get_concept(project)
    if concept is None:
        return []
    from sqlalchemy import select

    from app.concept.models import Measure
    from app.extensions import db

    measures = db.session.scalars(select(Measure).where(Measure.concept_id == concept.id)
                                  .order_by(Measure.field_of_action_id, Measure.number))
    return [(m.id, f"{m.field_of_action.number}.{m.number} {m.title}") for m in measures]


def _event_form(project, event=None) -> EventForm:
    form = EventForm(obj=event) if event is not None and request.method == "GET" else EventForm()
    form.field_ids.choices = [(f.id, f.name) for f in project.fields_of_action]
    form.measure_ids.choices = _measure_choices(project)
    if event is not None and request.method == "GET":
        form.starts_at.data, form.ends_at.data = utc_to_local(event.starts_at), utc_to_local(event.ends_at)
        form.field_ids.data = [f.id for f in event.fields_of_action]
        form.measure_ids.data = [m.id for m in event.measures]
    return form


def _event_data(form: EventForm) -> dict:
    return {"title": form.title.data, "kind": form.kind.data, "starts_at": local_to_utc(form.starts_at.data),
            "ends_at": local_to_utc(form.ends_at.data), "place": form.place.data, "district": form.district.data,
            "organiser": form.organiser.data, "languages": form.languages.data, "field_ids": form.field_ids.data,
            "measure_ids": form.measure_ids.data, "description": form.description.data,
            "is_public": form.is_public.data, "has_registration": form.has_registration.data,
            "capacity": form.capacity.data}


@bp.get("/<int:project_id>/events")
def list_events(project_id: int):
    """Show the project's upcoming and past events with attendance overviews."""
    project = get_project_or_404(project_id)
    upcoming, past = queries.list_events(project)
    return render_template("outreach/events.html", project=project, upcoming=upcoming, past=past,
                           page=queries.get_public_page(project),
                           by_group=queries.attendance_by_group(project),
                           by_kind=queries.attendance_by_kind(project, EVENT_KIND_LABELS))


@bp.route("/<int:project_id>/events/new", methods=["GET", "POST"])
def create_event(project_id: int):
    """Plan a new event."""
    project = get_project_or_404(project_id)
    form = _event_form(project)
    if form.validate_on_submit():
        try:
            event = services.create_event(project, **_event_data(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Veranstaltung wurde angelegt."), "success")
            return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id))
    return render_template("outreach/event_form.html", project=project, form=form, event=None), _status(form)


@bp.route("/<int:project_id>/events/<int:event_id>/edit", methods=["GET", "POST"])
def edit_event(project_id: int, event_id: int):
    """Change an event's plan."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    form = _event_form(project, event)
    if form.validate_on_submit():
        try:
            services.update_event(event, **_event_data(form))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id))
    return render_template("outreach/event_form.html", project=project, form=form, event=event), _status(form)


def _render_event(project, event, status=200, **forms):
    follow_up_measure_form = FollowUpMeasureForm()
    follow_up_measure_form.field_id.choices = [(f.id, f.name) for f in project.fields_of_action]
    context = {"notes_form": NotesForm(notes=event.notes), "follow_up_form": FollowUpForm(prefix="follow-up"),
               "follow_up_measure_form": follow_up_measure_form, "confirm_form": ConfirmForm(),
               "attendance": queries.event_attendance(event), "has_concept": get_concept(project) is not None,
               "attendance_values": {row.stakeholder_group_id: row.count for row in event.attendance},
               "attendance_error": None}
    context.update(forms)
    return render_template("outreach/event.html", project=project, event=event, **context), status


@bp.get("/<int:project_id>/events/<int:event_id>")
def show_event(project_id: int, event_id: int):
    """Show an event: plan, attendance, notes, follow-ups and registrations."""
    project = get_project_or_404(project_id)
    return _render_event(project, queries.event_or_404(project, event_id))


@bp.post("/<int:project_id>/events/<int:event_id>/attendance")
def record_attendance(project_id: int, event_id: int):
    """Record how many people of each stakeholder group came."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    counts, typed = {}, {}
    keys = [(group.id, f"group-{group.id}") for group in project.stakeholder_groups] + [(None, f"group-{UNASSIGNED}")]
    for group_id, name in keys:
        raw = (request.form.get(name) or "").strip()
        typed[group_id] = raw
        if not raw:
            continue
        if not raw.isdigit():
            return _render_event(project, event, 422, attendance_values=typed,
                                 attendance_error=_("Bitte ganze Zahlen ab 0 angeben."))
        counts[group_id] = int(raw)
    try:
        services.record_attendance(event, counts)
    except ValidationError as error:
        return _render_event(project, event, 422, attendance_values=typed, attendance_error=error.message)
    flash(_("Die Teilnehmendenzahlen wurden gespeichert."), "success")
    return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id) + "#attendance")


@bp.post("/<int:project_id>/events/<int:event_id>/notes")
def save_notes(project_id: int, event_id: int):
    """Keep what was raised at the event."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    form = NotesForm()
    if not form.validate_on_submit():
        return _render_event(project, event, 422, notes_form=form)
    services.save_notes(event, form.notes.data)
    flash(_("Die Notizen wurden gespeichert."), "success")
    return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id) + "#notes")


@bp.post("/<int:project_id>/events/<int:event_id>/follow-ups")
def add_follow_up(project_id: int, event_id: int):
    """Note a task that came out of the event."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    form = FollowUpForm(prefix="follow-up")
    if form.validate_on_submit():
        try:
            services.add_follow_up(event, title=form.title.data, responsible=form.responsible.data,
                                   due_on=form.due_on.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Aufgabe wurde notiert."), "success")
            return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id) + "#follow-ups")
    return _render_event(project, event, 422, follow_up_form=form)


@bp.post("/<int:project_id>/events/<int:event_id>/follow-ups/<int:follow_up_id>/state")
def set_follow_up_state(project_id: int, event_id: int, follow_up_id: int):
    """Mark a follow-up done or open again."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    follow_up = queries.follow_up_or_404(event, follow_up_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.set_follow_up_state(follow_up, request.form.get("state", ""))
        except ValidationError as error:
            flash(error.message, "error")
    return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id) + "#follow-ups")


@bp.post("/<int:project_id>/events/<int:event_id>/follow-ups/<int:follow_up_id>/measure")
def turn_follow_up_into_measure(project_id: int, event_id: int, follow_up_id: int):
    """Take a follow-up into the concept as a planned measure."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    follow_up = queries.follow_up_or_404(event, follow_up_id)
    form = FollowUpMeasureForm()
    form.field_id.choices = [(f.id, f.name) for f in project.fields_of_action]
    if not form.validate_on_submit():
        flash(_("Bitte ein Handlungsfeld wählen."), "error")
    else:
        field = next(f for f in project.fields_of_action if f.id == form.field_id.data)
        try:
            measure = services.turn_follow_up_into_measure(follow_up, field)
        except ValidationError as error:
            flash(error.message, "error")
        else:
            flash(_("Die Aufgabe ist jetzt Maßnahme %(number)s im Handlungsfeld „%(field)s“.",
                    number=f"{field.number}.{measure.number}", field=field.name), "success")
    return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id) + "#follow-ups")


@bp.post("/<int:project_id>/events/<int:event_id>/registrations/<int:registration_id>/delete")
@project_roles("lead", "facilitator")
@audited("deleted")
def delete_registration(project_id: int, event_id: int, registration_id: int):
    """Delete a registration; the waiting list moves up."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    registration = queries.registration_or_404(event, registration_id)
    if ConfirmForm().validate_on_submit():
        moved = services.delete_registration(registration)
        flash(_("Die Anmeldung wurde gelöscht.") + (" " + _("Von der Warteliste nachgerückt: %(names)s.",
                                                             names=", ".join(r.name for r in moved)) if moved else ""),
              "success")
    return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id) + "#registrations")


@bp.post("/<int:project_id>/events/<int:event_id>/delete")
def delete_event(project_id: int, event_id: int):
    """Delete an event with its counts, follow-ups and registrations."""
    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    if ConfirmForm().validate_on_submit():
        services.delete_event(event)
        flash(_("Die Veranstaltung wurde gelöscht."), "success")
    return redirect(url_for("outreach.list_events", project_id=project.id))


@bp.get("/<int:project_id>/events/attendance.csv")
def export_attendance(project_id: int):
    """Download attendance per event and stakeholder group as CSV, with small cells suppressed."""
    project = get_project_or_404(project_id)
    groups = [(g.id, g.name) for g in project.stakeholder_groups] + [(UNASSIGNED, _("Ohne Zuordnung"))]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Datum"), _("Veranstaltung"), _("Art"), _("Stadtteil"), *(name for _key, name in groups),
                     _("Gesamt")])
    hidden = _("unter %(min)s", min=MIN_CELL_SIZE)
    for event in queries.list_events(project)[1][::-1]:
        table = queries.event_attendance(event)
        cells = {cell.key: cell for cell in table.cells}
        row = []
        for key, _name in groups:
            cell = cells.get(key)
            row.append("" if cell is None else (hidden if cell.is_suppressed else cell.count))
        writer.writerow([utc_to_local(event.starts_at).strftime("%Y-%m-%d"), event.title,
                         EVENT_KIND_LABELS[event.kind], event.district, *row,
                         hidden if table.is_total_suppressed else table.total])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=veranstaltungen-teilnahme.csv"})


@bp.route("/<int:project_id>/page", methods=["GET", "POST"])
@project_roles("lead")
def edit_public_page(project_id: int):
    """Set the public page's address, publish it, and set how long registrations are kept."""
    project = get_project_or_404(project_id)
    page = services.ensure_public_page(project)
    form = PublicPageForm(obj=page)
    form.theme_ids.choices = [(t.id, f"{t.label} ({t.respondent_count})") for t in results.offered_themes(project)]
    if request.method == "GET":
        form.theme_ids.data = list(page.published_theme_ids or [])
    if form.validate_on_submit():
        try:
            services.update_public_page(page, slug=form.slug.data, is_published=form.is_published.data,
                                        registration_retention_days=form.registration_retention_days.data,
                                        shows_timeline=form.shows_timeline.data, shows_results=form.shows_results.data,
                                        shows_report=form.shows_report.data, theme_ids=form.theme_ids.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Einstellungen wurden gespeichert."), "success")
            return redirect(url_for("outreach.edit_public_page", project_id=project.id))
    return render_template("outreach/page_settings.html", project=project, page=page, form=form), _status(form)


def _budget_year(project) -> int:
    from app.auth.models import utcnow

    year = request.args.get("year", type=int)
    return year if year is not None and 2000 <= year <= 2100 else utcnow().year


def _render_budgets(project, year: int, form: BudgetForm, status: int = 200):
    years = sorted(set(budgets.budget_years(project)) | {year})
    return render_template("outreach/budgets.html", project=project, year=year, years=years, form=form,
                           entries=budgets.project_budgets(project, [year]), confirm_form=ConfirmForm(),
                           overview=budgets.budget_overview(project, [year], FUNDING_SOURCE_LABELS),
                           has_measures=bool(form.measure_id.choices)), status


def _budget_form(project, year: int) -> BudgetForm:
    form = BudgetForm()
    form.measure_id.choices = _measure_choices(project)
    if request.method == "GET":
        form.year.data = year
    return form


@bp.get("/<int:project_id>/budgets")
@project_roles("lead", "author")
def list_budgets(project_id: int):
    """Show a year's budgets per measure with overviews per field of action and funding source."""
    project = get_project_or_404(project_id)
    year = _budget_year(project)
    return _render_budgets(project, year, _budget_form(project, year))


@bp.post("/<int:project_id>/budgets")
@project_roles("lead", "author")
def save_budget(project_id: int):
    """Record planned and spent money of a measure for a year and funding source."""
    project = get_project_or_404(project_id)
    year = _budget_year(project)
    form = _budget_form(project, year)
    if form.validate_on_submit():
        try:
            budget = services.save_budget(project, measure_id=form.measure_id.data, year=form.year.data,
                                          funding_source=form.funding_source.data, planned=form.planned.data,
                                          spent=form.spent.data, note=form.note.data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Mittel wurden gespeichert."), "success")
            return redirect(url_for("outreach.list_budgets", project_id=project.id, year=budget.year))
    return _render_budgets(project, form.year.data if isinstance(form.year.data, int) else year, form, 422)


@bp.post("/<int:project_id>/budgets/<int:budget_id>/delete")
@project_roles("lead", "author")
def delete_budget(project_id: int, budget_id: int):
    """Remove a budget entry."""
    project = get_project_or_404(project_id)
    budget = queries.budget_or_404(project, budget_id)
    year = budget.year
    if ConfirmForm().validate_on_submit():
        services.delete_budget(budget)
        flash(_("Der Eintrag wurde entfernt."), "success")
    return redirect(url_for("outreach.list_budgets", project_id=project.id, year=year))


@bp.get("/<int:project_id>/page/preview")
@project_roles("lead")
def preview_public_page(project_id: int):
    """Show the public page as the public will see it, published or not."""
    from app.outreach.public import render_public_page

    project = get_project_or_404(project_id)
    return render_public_page(services.ensure_public_page(project), is_preview=True)


# --- what was raised, into the analysis ----------------------------------------------------------

@bp.post("/<int:project_id>/events/<int:event_id>/notes/analysis")
@project_roles("lead")
def import_notes_into_analysis(project_id: int, event_id: int):
    """Take the event's note paragraphs into the analysis as answers of the event's notes survey."""
    from flask_security import current_user

    from app.outreach import notes

    project = get_project_or_404(project_id)
    event = queries.event_or_404(project, event_id)
    if ConfirmForm().validate_on_submit():
        try:
            added = notes.import_event_notes(event, entered_by=current_user)
        except ValidationError as error:
            flash(error.message, "error")
        else:
            flash(_("%(count)s neue Absätze sind jetzt Antworten in der Befragung „%(title)s“ und gehen in die "
                    "Auswertung ein.", count=added, title=notes.notes_survey(event).survey.title) if added else
                  _("Alle Absätze der Notizen sind schon in der Auswertung."), "success")
    return redirect(url_for("outreach.show_event", project_id=project.id, event_id=event.id) + "#notes")
