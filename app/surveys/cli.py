"""Shell commands: ``flask surveys invite`` prints new personal links, ``flask surveys export`` writes answers,
``flask surveys import-transcript`` maps an interview transcript onto the guide and stores it."""
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

surveys_cli = click.Group("surveys", help="Befragungen: Einladungslinks, Kontakte, Einladungs- und "
                                      "Erinnerungs-E-Mails, Export, Transkripte importieren.")


def _survey(survey_id: int) -> Survey:
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        raise click.ClickException(f"Befragung {survey_id} gibt es nicht.")
    return survey


def _group(survey: Survey, group_name: str | None) -> StakeholderGroup | None:
    if not group_name:
        return None
    group = db.session.scalar(select(StakeholderGroup).where(StakeholderGroup.project_id == survey.project_id,
                                                             StakeholderGroup.name == group_name))
    if group is None:
        names = ", ".join(g.name for g in survey.project.stakeholder_groups)
        raise click.ClickException(f"Akteursgruppe „{group_name}“ gibt es nicht. Vorhanden: {names}")
    return group


@surveys_cli.command("invite")
@click.option("--survey", "survey_id", type=int, required=True, help="Id der Befragung.")
@click.option("--count", type=click.IntRange(1, 1000), required=True, help="Anzahl neuer Links.")
@click.option("--group", "group_name", default=None, help="Name der Akteursgruppe (optional).")
@click.option("--prefix", default="I", show_default=True, help="Präfix der Kürzel.")
@with_appcontext
def invite_command(survey_id: int, count: int, group_name: str | None, prefix: str):
    """Create COUNT respondents and print their personal links (shown only now; stored as hashes)."""
    survey = _survey(survey_id)
    group = _group(survey, group_name)
    with invitations.shell_link_context():
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


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


@surveys_cli.command("import-transcript")
@click.option("--survey", "survey_id", type=int, required=True, help="Id der Befragung.")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False, readable=True), required=True,
              help="Transkript: .docx, .txt, .vtt oder .srt")
@click.option("--pseudonym", default="", help="Kürzel der befragten Person (leer: das nächste freie, z. B. I-20).")
@click.option("--group", "group_name", default=None, help="Name der Akteursgruppe (optional).")
@click.option("--interviewer", "interviewer_markers", default="", help="Sprecherkürzel der Interviewenden, "
              "durch Komma getrennt (leer: I, Interviewer/in und übliche).")
@click.option("--respondent", "respondent_markers", default="", help="Sprecherkürzel der Befragten, durch Komma "
              "getrennt (leer: B, Befragte/r und übliche).")
@click.option("--encoding", type=click.Choice(["utf-8", "utf-16", "cp1252"]), default=None,
              help="Zeichenkodierung einer Textdatei (leer: erkennen).")
@click.option("--dry-run", is_flag=True, help="Nur die Zuordnung zeigen, nichts speichern.")
@with_appcontext
def import_transcript_command(survey_id: int, path: str, pseudonym: str, group_name: str | None,
                              interviewer_markers: str, respondent_markers: str, encoding: str | None,
                              dry_run: bool):
    """Map a transcript's turns onto the guide, print the mapping, and store it as an interview (unless --dry-run)."""
    from flask import current_app

    from app.surveys import imports
    from app.surveys.transcripts import encoding_label
    from app.surveys.transcript_mapping import is_free_passage

    survey = _survey(survey_id)
    group = _group(survey, group_name)
    file = Path(path)
    with current_app.test_request_context():
        try:
            plan = imports.plan_transcript(survey, file.name, file.read_bytes(), encoding=encoding,
                                           interviewer_markers=interviewer_markers,
                                           respondent_markers=respondent_markers)
        except ValidationError as error:
            raise click.ClickException(f"{file.name}: {error.message}") from None
        parsed, mapping = plan.parsed, plan.mapping
        details = [f"{len(parsed.turns)} Sprecherwechsel", f"Format {parsed.source_format}"]
        if parsed.encoding:
            details.append(f"Kodierung {encoding_label(parsed.encoding)}")
        if parsed.metadata:
            details.append(f"{len(parsed.metadata)} Kopfzeilen")
        click.echo(f"{file.name}: " + ", ".join(details))
        answers = mapping.answers()
        for question in plan.questions:
            confidence = mapping.confidence(question.id)
            shown = f"{confidence:.0%}" if confidence is not None else "–"
            answer = _first_words(answers[question.id]) if question.id in answers else "(keine Antwort)"
            click.echo(f"  q{question.id}\t{shown:>5}\t{_first_words(question.text, 6)}\t{answer}")
        off = mapping.off_guide()
        if off:
            free = [t for t in off if is_free_passage(t.turn.text)]
            click.echo(f"  außerhalb des Leitfadens: {len(off)} Beiträge, davon {len(free)} als freie Passagen "
                       "für die Auswertung")
        if not answers:
            raise click.ClickException(f"{file.name}: Keiner Leitfadenfrage konnte eine Antwort zugeordnet werden. "
                                       "Prüfen Sie die Sprecherkürzel (--interviewer, --respondent). "
                                       "Es wurde nichts gespeichert.")
        if dry_run:
            click.echo("Probelauf (--dry-run): nichts gespeichert.")
            return
        try:
            respondent = imports.import_transcript(survey, plan, pseudonym=pseudonym,
                                                   stakeholder_group_id=group.id if group else None,
                                                   entered_by=None, filename=file.name)
        except ValidationError as error:
            raise click.ClickException(f"{file.name}: {error.message}") from None
    click.echo(f"Gespeichert als {respondent.pseudonym} ({len(answers)} Antworten).")
