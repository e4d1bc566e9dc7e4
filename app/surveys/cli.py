"""Shell commands: ``flask surveys invite`` prints new personal links, ``flask surveys export`` writes answers."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app.errors import ValidationError
from app.extensions import db
from app.projects.models import StakeholderGroup
from app.surveys import exports, invitations
from app.surveys.models import Survey

surveys_cli = click.Group("surveys", help="Befragungen: Einladungslinks, Kontakte, Einladungs- und Erinnerungs-E-Mails, Export.")


def _survey(survey_id: int) -> Survey:
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        raise click.ClickException(f"Befragung {survey_id} gibt es nicht.")
    return survey


@surveys_cli.command("invite")
@click.option("--survey", "survey_id", type=int, required=True, help="Id der Befragung.")
@click.option("--count", type=click.IntRange(1, 1000), required=True, help="Anzahl neuer Links.")
@click.option("--group", "group_name", default=None, help="Name der Akteursgruppe (optional).")
@click.option("--prefix", default="I", show_default=True, help="Präfix der Kürzel.")
@with_appcontext
def invite_command(survey_id: int, count: int, group_name: str | None, prefix: str):
    """Create COUNT respondents and print their personal links (shown only now; stored as hashes)."""
    survey = _survey(survey_id)
    group = None
    if group_name:
        group = db.session.scalar(select(StakeholderGroup).where(StakeholderGroup.project_id == survey.project_id,
                                                                 StakeholderGroup.name == group_name))
        if group is None:
            names = ", ".join(g.name for g in survey.project.stakeholder_groups)
            raise click.ClickException(f"Akteursgruppe „{group_name}“ gibt es nicht. Vorhanden: {names}")
    from flask import current_app

    with current_app.test_request_context():
        click.echo(f"Basisadresse: {invitations.base_url()} (ändern mit BASE_URL)", err=True)
        try:
            links = invitations.invite_respondents(survey, count, group=group, prefix=prefix)
        except ValidationError as error:
            raise click.ClickException(error.message) from None
    for link in links:
        click.echo(f"{link.pseudonym}\t{link.group or '-'}\t{link.url}")


@surveys_cli.command("export")
@click.option("--survey", "survey_id", type=int, required=True, help="Id der Befragung.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="Zieldatei: .csv oder .xlsx")
@with_appcontext
def export_command(survey_id: int, output: str):
    """Write all answers (pseudonyms only) to a CSV or Excel file."""
    survey = _survey(survey_id)
    path = Path(output)
    table = exports.answer_table(survey)
    if path.suffix.lower() == ".csv":
        path.write_bytes(exports.build_csv(table))
    elif path.suffix.lower() == ".xlsx":
        path.write_bytes(exports.build_xlsx(table).getvalue())
    else:
        raise click.ClickException("Bitte eine Datei mit der Endung .csv oder .xlsx angeben.")
    click.echo(f"{len(table.rows)} Befragte, {len(table.header) - len(exports.RESPONDENT_COLUMNS)} Fragen -> {path}")


@surveys_cli.command("add-respondents")
@click.option("--survey", "survey_id", type=int, required=True, help="Id der Befragung.")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False), required=True,
              help="CSV (UTF-8) oder Excel .xlsx mit den Spalten email, language, optional group und name.")
@with_appcontext
def add_respondents_command(survey_id: int, path: str):
    """Add respondents with contact details from a file (all rows or none; known addresses are skipped)."""
    from app.surveys.contacts import import_contacts

    survey = _survey(survey_id)
    try:
        done = import_contacts(survey, Path(path).name, Path(path).read_bytes())
    except ValidationError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"{done.added} Personen hinzugefügt, {done.skipped} Adressen waren schon vorhanden.")


def _queue_mails(survey: Survey, kind: str, *, dry_run: bool, again: bool = False, min_days: int | None = None):
    from flask import current_app

    from app.surveys import mailing

    count = mailing.count_recipients(survey, kind, again=again, min_days=min_days)
    if dry_run:
        click.echo(f"{count} E-Mails würden gesendet (Probelauf, nichts gesendet).")
        return
    click.echo(f"Basisadresse der Links: {invitations.base_url()} (ändern mit BASE_URL)", err=True)
    try:
        queued = mailing.queue_survey_mails(survey, kind, again=again, min_days=min_days, base=invitations.base_url())
    except ValidationError as error:
        raise click.ClickException(error.message) from None
    if queued.job is None:
        click.echo("Niemand ist an der Reihe: 0 E-Mails.")
        return
    from app.jobs.services import wait_for_job

    job = wait_for_job(queued.job.id, timeout=24 * 3600) if current_app.config.get("JOBS_BACKEND") != "rq" \
        else queued.job
    result = job.result or {}
    if job.status == "done":
        click.echo(f"{result.get('sent', 0)} gesendet, {result.get('failed', 0)} fehlgeschlagen.")
    elif job.status == "failed":
        raise click.ClickException(f"Senden abgebrochen: {job.error}")
    else:
        click.echo(f"{queued.count} E-Mails in der Warteschlange (Aufgabe {job.id}, flask jobs worker sendet sie).")


@surveys_cli.command("send-invitations")
@click.option("--survey", "survey_id", type=int, required=True, help="Id der Befragung.")
@click.option("--again", is_flag=True, help="Auch an bereits Angeschriebene (neuer Link).")
@click.option("--dry-run", is_flag=True, help="Nur zählen, nichts senden.")
@with_appcontext
def send_invitations_command(survey_id: int, again: bool, dry_run: bool):
    """Send invitations with personal links to everyone with an address not yet mailed."""
    _queue_mails(_survey(survey_id), "invitation", dry_run=dry_run, again=again)


@surveys_cli.command("send-reminders")
@click.option("--survey", "survey_id", type=int, required=True, help="Id der Befragung.")
@click.option("--min-days", type=click.IntRange(0, 365), default=None,
              help="Nur an Personen, deren letzte E-Mail mindestens so viele Tage zurückliegt "
                   "(Vorgabe: Einstellung der Befragung).")
@click.option("--dry-run", is_flag=True, help="Nur zählen, nichts senden.")
@with_appcontext
def send_reminders_command(survey_id: int, min_days: int | None, dry_run: bool):
    """Remind invited people who have not submitted (never those who submitted or opted out)."""
    _queue_mails(_survey(survey_id), "reminder", dry_run=dry_run, min_days=min_days)
