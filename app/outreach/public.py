"""Public pages under /p/<slug> (no login): the project's page, its events, registration, the iCalendar feed.

Only a published page exists for the public; everything else answers 404. The pages show no
personal data: registrations are never listed, attendance only as suppressed aggregates.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, send_file, url_for
from flask_babel import format_date, format_time

from app.auth.access import public_blueprint
from app.errors import ValidationError, apply_to_form
from app.extensions import limiter
from app.languages.catalog import _p, _pl
from app.languages.registry import find_language
from app.languages.selection import participant_language, serve_participants
from app.auth.models import utcnow
from app.concept.queries import get_concept
from app.outreach import queries, results, services
from app.outreach.calendar import CalendarEntry, build_calendar
from app.outreach.forms import RegistrationForm
from app.outreach.suppression import MIN_CELL_SIZE
from app.privacy.retention import add_months

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

bp = Blueprint("outreach_public", __name__, url_prefix="/p")
serve_participants(bp)
public_blueprint(bp)  # only published pages, and nothing personal on them

#: Kinds of events as the public reads them.
PUBLIC_KIND_LABELS = {
    "district_tour": _pl("Stadtteiltour"),
    "intercultural_breakfast": _pl("Interkulturelles Frühstück"),
    "consultation_hour": _pl("Bürgersprechstunde"),
    "association_evening": _pl("Informationsabend in einem Verein"),
    "round_table": _pl("Runder Tisch"),
    "festival": _pl("Fest"),
    "other": _pl("Veranstaltung"),
}


def event_when(event) -> str:
    """Return when an event takes place in the reader's language: weekday, date, start (and end) time."""
    text = f"{format_date(event.starts_at, 'full')}, {format_time(event.starts_at, 'short')}"
    if event.ends_at is not None:
        if event.ends_at.date() == event.starts_at.date():
            return f"{text} – {format_time(event.ends_at, 'short')}"
        return f"{text} – {format_date(event.ends_at, 'full')}, {format_time(event.ends_at, 'short')}"
    return text


#: Status of a measure as the public reads it.
PUBLIC_STATUS_LABELS = {"running": _pl("Läuft"), "planned": _pl("Geplant"), "done": _pl("Umgesetzt"),
                        "dropped": _pl("Entfallen")}


@bp.app_context_processor
def public_labels():
    """Offer the public kind and status labels, language names and event times to the templates."""
    return {"public_kind_labels": PUBLIC_KIND_LABELS, "public_status_labels": PUBLIC_STATUS_LABELS,
            "find_language": find_language, "event_when": event_when}


def _load(slug: str):
    page = queries.published_page_or_404(slug)
    return page, page.project


def consent_notice(page) -> str:
    """Return the notice a registering person agrees to, in their language."""
    return _p("Wir speichern Ihren Namen und, wenn Sie sie angeben, Ihre E-Mail-Adresse nur, um die Plätze "
              "dieser Veranstaltung zu vergeben. Sie werden %(days)s Tage nach der Veranstaltung automatisch "
              "gelöscht. Sie können die Anmeldung jederzeit beim Veranstalter zurückziehen.",
              days=page.registration_retention_days)


def render_public_page(page, *, is_preview: bool = False) -> str:
    """Render the public page: timeline, upcoming events, what became of people's input, downloads."""
    project = page.project
    return render_template("outreach/public/page.html", page=page, project=project, is_preview=is_preview,
                           events=queries.public_events(project), language=participant_language(),
                           current_step=results.current_step(project) if page.shows_timeline else None,
                           results=results.published_results(page) if page.shows_results else [],
                           has_report=page.shows_report and get_concept(project) is not None,
                           min_cell_size=MIN_CELL_SIZE)


@bp.get("/<slug>")
def show_page(slug: str):
    """Show the project's public page."""
    page, _project = _load(slug)
    return render_public_page(page)


@bp.get("/<slug>/report.docx")
def download_report(slug: str):
    """Send the progress report of the period last reported to a committee (else the last twelve months)."""
    from app.concept import exports
    from app.concept.queries import progress_report
    from app.concept.reporting import previous_report

    page, project = _load(slug)
    concept = get_concept(project)
    if not page.shows_report or concept is None:
        abort(404)
    last = previous_report(concept)
    end = last.period_end if last is not None else utcnow().date()
    start = last.period_start if last is not None else add_months(end, -12)
    buffer = exports.export_monitoring(concept, progress_report(concept, start, end))
    return send_file(buffer, mimetype=DOCX_MIMETYPE, as_attachment=True,
                     download_name=f"Umsetzungsbericht-{start.isoformat()}-{end.isoformat()}.docx")


@bp.route("/<slug>/events/<int:event_id>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def show_event(slug: str, event_id: int):
    """Show a public event and, where offered, let a resident register."""
    page, project = _load(slug)
    event = queries.public_event_or_404(project, event_id)
    form = RegistrationForm()
    registration = None
    if request.method == "POST" and form.validate_on_submit():
        try:
            registration = services.register_for_event(
                event, name=form.name.data, email=form.email.data, language=participant_language().tag,
                consent=form.consent.data, consent_text=consent_notice(page) + "\n" + str(form.consent.label.text))
        except ValidationError as error:
            apply_to_form(form, error)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("outreach/public/event.html", page=page, project=project, event=event, form=form,
                           registration=registration, notice=consent_notice(page),
                           language=participant_language()), status


@bp.get("/<slug>/events.ics")
def calendar_feed(slug: str):
    """Send the public events as an iCalendar feed."""
    page, project = _load(slug)
    language = participant_language()
    entries = [CalendarEntry(
        uid=f"event-{event.id}-{project.id}@konzeptwerk", title=str(event.title_in(language.tag)),
        description=str(event.description_in(language.tag)), starts_at=event.starts_at, ends_at=event.ends_at,
        location=", ".join(part for part in (event.place, event.district) if part),
        url=url_for("outreach_public.show_event", slug=page.slug, event_id=event.id, _external=True),
        updated_at=event.updated_at) for event in queries.calendar_events(project)]
    body = build_calendar(_p("Veranstaltungen: %(title)s", title=project.title), entries, language.html_lang)
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f"inline; filename={page.slug}.ics"})

