"""``flask retention run`` deletes what is due; ``flask retention due`` lists what goes in the next days."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from app.privacy.retention import NOTICE_DAYS, run_retention, upcoming_deletions

retention_cli = AppGroup("retention", help="Delete personal data whose retention period has ended.")


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="Only list what would be deleted.")
def run_command(dry_run: bool):
    """Delete the personal data of projects whose retention period has ended (run daily)."""
    done = run_retention(dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    for deletion in done:
        click.echo(f"project {deletion.project_id}: {deletion.kind}: {verb} {deletion.count}")
    click.echo(f"retention: {verb} {sum(d.count for d in done)} items in {len({d.project_id for d in done})} projects")


@retention_cli.command("due")
@click.option("--days", type=click.IntRange(0, 3650), default=NOTICE_DAYS, show_default=True,
              help="Look this many days ahead.")
def due_command(days: int):
    """List the personal data that will be deleted within DAYS days (counts only)."""
    upcoming = upcoming_deletions(days=days)
    for state in upcoming:
        counts = ", ".join(f"{item.kind.key} {item.count}" for item in state.stored if item.count)
        click.echo(f"project {state.project.id}: deleted on {state.deletion_date.isoformat()}: {counts}")
    if not upcoming:
        click.echo(f"Nothing is due for deletion within {days} days.")
