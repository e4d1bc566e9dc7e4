"""``flask workshops …``: list workshops and print round results from a shell."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db
from app.workshops import queries
from app.workshops.models import Workshop

workshops_cli = AppGroup("workshops", help="Workshops and voting rounds.")


@workshops_cli.command("list")
def list_workshops_command():
    """List all workshops with join code, status and participants."""
    for workshop in db.session.scalars(select(Workshop).order_by(Workshop.project_id, Workshop.id)):
        click.echo(f"{workshop.id:>4}  {workshop.join_code:<8} {workshop.status:<8} "
                   f"{queries.participant_count(workshop):>4}  {workshop.title}")


@workshops_cli.command("results")
@click.argument("join_code")
def show_results_command(join_code: str):
    """Print the results of every round of the workshop with JOIN_CODE."""
    workshop = queries.find_workshop_by_code(join_code)
    if workshop is None:
        raise click.ClickException("No workshop with this join code.")
    for voting_round in workshop.rounds:
        results = queries.round_results(voting_round)
        click.echo(f"# {voting_round.title} ({voting_round.method}, {voting_round.status}, "
                   f"{results.participants} ballots)")
        for row in results.items:
            mean = f"  mean {row.mean}" if row.mean is not None else ""
            click.echo(f"  {row.total:>5}  {row.title}{mean}")
