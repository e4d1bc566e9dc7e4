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

surveys_cli = click.Group("surveys", help="Befragungen: Einladungslinks erzeugen, Antworten exportieren.")


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
