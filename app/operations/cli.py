"""``flask check`` and ``flask backup create|restore|verify|journal``."""
from __future__ import annotations

import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app.operations.backup import BackupError, create_backup, restore_backup, unpack_backup
from app.operations.checks import deployment_findings
from app.privacy.journal import journal_entries, write_journal_file

backup_cli = AppGroup("backup", help="Back up and restore the database and instance/.")


@click.command("check")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Web worker processes per instance [default: WEB_CONCURRENCY or 1].")
@click.option("--instances", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Instances serving this installation (behind one proxy).")
@with_appcontext
def check_command(workers: int | None, instances: int):
    """Report the configuration problems this deployment would hit; exit 1 on errors."""
    findings = deployment_findings(workers=workers, instances=instances)
    for finding in findings:
        click.echo(f"{finding.severity.upper()}: {finding.message}", err=finding.severity == "error")
    errors = sum(1 for finding in findings if finding.severity == "error")
    warnings = len(findings) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s).")
    if errors:
        raise SystemExit(1)


def _read_passphrase(passphrase_file: str | None, *, confirm: bool) -> str:
    if passphrase_file:
        passphrase = Path(passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
    else:
        passphrase = click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)
    if len(passphrase) < 12:
        raise click.ClickException("The passphrase must have at least 12 characters.")
    return passphrase


def _is_encrypted(path: str) -> bool:
    from app.operations.encryption import MAGIC, is_encrypted

    with open(path, "rb") as handle:
        return is_encrypted(handle.read(len(MAGIC)))


@backup_cli.command("create")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write (created with mode 600).")
@click.option("--encrypt", is_flag=True, help="Encrypt with a passphrase (asked for unless --passphrase-file).")
@click.option("--passphrase-file", type=click.Path(exists=True, dir_okay=False),
              help="Read the passphrase from this file (implies --encrypt); for cron.")
def create_command(output: str, encrypt: bool, passphrase_file: str | None):
    """Back up the database (consistently, while the app runs) and the files in instance/."""
    passphrase = _read_passphrase(passphrase_file, confirm=True) if (encrypt or passphrase_file) else None
    try:
        summary = create_backup(Path(output), passphrase)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {summary.path} ({summary.size:,} bytes{', encrypted' if summary.encrypted else ''}): "
               f"{summary.backend} database at revision {', '.join(summary.revision) or 'none'}, "
               f"{summary.files} files from instance/, {summary.journal_entries} deletion journal entries.")


@backup_cli.command("verify")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--passphrase-file", type=click.Path(exists=True, dir_okay=False))
def verify_command(backup_file: str, passphrase_file: str | None):
    """Check that a backup decrypts, unpacks and matches its checksums (changes nothing)."""
    passphrase = _read_passphrase(passphrase_file, confirm=False) if _is_encrypted(backup_file) else None
    with tempfile.TemporaryDirectory(dir=current_app.instance_path, prefix=".verify-") as work:
        try:
            manifest = unpack_backup(Path(backup_file), passphrase, Path(work))
        except BackupError as error:
            raise click.ClickException(str(error)) from None
    database = manifest["database"]
    click.echo(f"OK: backup of {manifest['created_at']}, {database['backend']} database at revision "
               f"{', '.join(database['revision']) or 'none'}, {len(manifest['members']) - 1} files from instance/.")


@backup_cli.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--passphrase-file", type=click.Path(exists=True, dir_okay=False))
@click.option("--journal", "journal_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An exported deletion journal (flask backup journal) to merge; may be repeated.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(backup_file: str, passphrase_file: str | None, journal_files: tuple[str, ...], yes: bool):
    """Replace the database and instance/ files with a backup, then repeat every later deletion."""
    passphrase = _read_passphrase(passphrase_file, confirm=False) if _is_encrypted(backup_file) else None
    if not yes:
        click.confirm("This replaces the whole database with the backup. Stop the web and worker processes first. "
                      "Continue?", abort=True)
    try:
        summary = restore_backup(Path(backup_file), passphrase, journal_files=tuple(Path(f) for f in journal_files))
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    database = summary.manifest["database"]
    click.echo(f"Restored the backup of {summary.manifest['created_at']} ({database['backend']}, revision "
               f"{', '.join(database['revision']) or 'none'}; schema upgraded to the code's revision).")
    click.echo(f"Deletions made after the backup, repeated: {summary.later_deletions}.")
    for (kind, outcome), count in sorted(summary.replayed.items()):
        click.echo(f"  {kind}: {outcome} {count}")
    click.echo(f"{summary.files} files restored to instance/. Start the web and worker processes again.")


@backup_cli.command("journal")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True))
def journal_command(output: str):
    """Export the deletion journal (no personal data) to keep beside the backups."""
    count = write_journal_file(Path(output), journal_entries())
    click.echo(f"{count} deletion journal entries written to {output}.")
