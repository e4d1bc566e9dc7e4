"""``flask concept export``: the Word export from a shell (e.g. for a scheduled report)."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.extensions import db

concept_cli = AppGroup("concept", help="Integrationskonzept: Word-Export.")


@concept_cli.command("export")
@click.option("--project", "project_id", type=int, required=True, help="Projekt-ID.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True, help="Zieldatei (.docx).")
@click.option("--field", "field_number", type=int, default=None,
              help="Nur das Kapitel dieses Handlungsfelds (1, 2, …).")
def export_command(project_id: int, output: str, field_number: int | None):
    """Export the concept (or one field-of-action chapter) as a Word file."""
    from app.concept import exports, queries
    from app.projects.models import Project

    project = db.session.get(Project, project_id)
    if project is None:
        raise click.ClickException(f"Projekt {project_id} gibt es nicht.")
    concept = queries.get_concept(project)
    if concept is None:
        raise click.ClickException(f"Projekt {project_id} hat noch kein Konzept.")
    field = None
    if field_number is not None:
        if not 1 <= field_number <= len(project.fields_of_action):
            raise click.ClickException(
                f"Handlungsfeld {field_number} gibt es nicht (1–{len(project.fields_of_action)}).")
        field = project.fields_of_action[field_number - 1]
    data = exports.export_concept(concept, field).getvalue()
    Path(output).write_bytes(data)
    click.echo(f"{output}: {len(data):,} Bytes geschrieben.".replace(",", "."))
