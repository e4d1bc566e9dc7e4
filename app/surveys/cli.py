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

surveys_cli = click.Group("surveys", help="Befragungen: Einladungslinks erzeugen, Antworten exportieren, "
                                      "Transkripte importieren.")


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
            click.echo(f"  außerhalb des Leitfadens: {len(off)} Beiträge")
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
