"""``flask backup``: consistent backups while the app runs, and restores that repeat later deletions.

A backup is one gzip-compressed tar file (optionally encrypted, :mod:`app.operations.encryption`):

    manifest.json             format, time, database backend and revision, checksums of every member
    database/…                SQLite online-backup copy, or a pg_dump archive (custom format)
    instance/…                the files in instance/ (secrets, uploads) except the database itself

A restore unpacks and checks everything before it touches the database, reads the deletion
journal of the database it replaces (plus any exported copies given), restores, upgrades the
schema to the code's revision, puts back the journal entries the backup lacks and repeats
exactly those deletions (see :mod:`app.privacy.journal`).
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask import current_app
from sqlalchemy import inspect, text

from app.extensions import db
from app.operations import encryption
from app.operations.readiness import current_revision
from app.privacy.journal import journal_entries, merge_entries, read_journal_file, replay_entries, write_journal_file

log = logging.getLogger(__name__)

FORMAT, FORMAT_VERSION = "konzeptwerk-backup", 1
#: Names in instance/ that never go into a backup: temporary import uploads, backups kept there,
#: and the journal copies a restore leaves behind.
EXCLUDED_NAMES = ("survey_uploads", "backups")
EXCLUDED_SUFFIXES = (".partial", ".kwbackup")
JOURNAL_COPY_PREFIX = "deletion-journal-before-restore-"


class BackupError(Exception):
    """A backup or restore cannot go ahead; the message says why and what to do."""


@dataclass
class BackupSummary:
    """What a backup holds."""

    path: Path
    size: int
    backend: str
    revision: list[str]
    files: int
    journal_entries: int
    encrypted: bool


@dataclass
class RestoreSummary:
    """What a restore did: the backup's manifest, the deletions repeated, the files put back."""

    manifest: dict
    replayed: Counter = field(default_factory=Counter)
    later_deletions: int = 0
    files: int = 0


# --- helpers ----------------------------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _backend() -> str:
    return db.engine.dialect.name


def _sqlite_path() -> Path:
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("The SQLite database is in memory: there is nothing to back up.")
    return Path(database)


def _script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())


def _libpq(url) -> tuple[str, dict]:
    """Return a libpq connection URI without the password, and an environment carrying it."""
    environment = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
    if url.password:
        environment["PGPASSWORD"] = url.password
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _major_version(output: str) -> int | None:
    match = re.search(r"\)\s*(\d+)", output) or re.search(r"(\d+)(?:\.\d+)*", output)
    return int(match.group(1)) if match else None


def pg_tool(name: str) -> str:
    """Return the path of ``pg_dump``/``pg_restore``/``psql`` at least as new as the server; refuse older ones."""
    with db.engine.connect() as connection:
        server = int(connection.execute(text("SHOW server_version_num")).scalar()) // 10000
    candidates = [f"/usr/lib/postgresql/{server}/bin/{name}", shutil.which(name)]
    found = []
    for candidate in dict.fromkeys(c for c in candidates if c and Path(c).exists()):
        version = _major_version(subprocess.run([candidate, "--version"], capture_output=True, text=True,
                                                check=False).stdout)
        found.append(f"{candidate} ({version})")
        if version is not None and version >= server:
            return candidate
    seen = ", ".join(found) if found else "none found"
    raise BackupError(f"{name} for PostgreSQL {server} or newer is needed ({seen}). "
                      f"Install it, e.g. `apt-get install postgresql-client-{server}`.")


def _run(command: list[str], environment: dict, what: str) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-800:]}")


# --- creating a backup ------------------------------------------------------------------------------------------

def _dump_database(target_dir: Path) -> Path:
    if _backend() == "sqlite":
        target = target_dir / "konzeptwerk.sqlite3"
        source = sqlite3.connect(f"file:{_sqlite_path()}?mode=ro", uri=True, timeout=30)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    if _backend() == "postgresql":
        target = target_dir / "konzeptwerk.pgdump"
        uri, environment = _libpq(db.engine.url)
        _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--file", str(target),
              "--dbname", uri], environment, "pg_dump")
        return target
    raise BackupError(f"Backups of {_backend()} databases are not supported.")


def _instance_files(instance: Path, skip: set[Path]) -> list[Path]:
    files = []
    for path in sorted(instance.rglob("*")):
        relative = path.relative_to(instance)
        if (not path.is_file() or path.is_symlink() or path.resolve() in skip
                or relative.parts[0] in EXCLUDED_NAMES or relative.parts[0].startswith(".")
                or path.name.endswith(EXCLUDED_SUFFIXES) or path.name.startswith(JOURNAL_COPY_PREFIX)):
            continue
        files.append(path)
    return files


def _tarinfo(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(datetime.now(UTC).timestamp())
    return info


def create_backup(output: Path, passphrase: str | None = None) -> BackupSummary:
    """Write a consistent backup of the database and instance/ to ``output`` (encrypted with a passphrase)."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    instance = Path(current_app.instance_path).resolve()
    skip = {output}
    if _backend() == "sqlite":
        database = _sqlite_path().resolve()
        skip |= {database, *(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal"))}
    revision, entries = list(current_revision()), journal_entries()
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".kwbackup-") as work:
        work_dir = Path(work)
        staged: list[tuple[str, Path]] = [(f"database/{(dump := _dump_database(work_dir)).name}", dump)]
        for number, path in enumerate(_instance_files(instance, skip)):
            copy = work_dir / f"file-{number}"
            shutil.copyfile(path, copy)
            staged.append(("instance/" + path.relative_to(instance).as_posix(), copy))
        manifest = {
            "format": FORMAT, "version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"backend": _backend(), "revision": revision, "file": staged[0][0]},
            "journal_entries": len(entries),
            "members": {name: {"sha256": _sha256(path), "size": path.stat().st_size} for name, path in staged},
        }
        partial = output.with_name(output.name + ".partial")
        with partial.open("wb") as raw:
            os.fchmod(raw.fileno(), 0o600)
            stream = encryption.EncryptingWriter(raw, passphrase) if passphrase else raw
            with tarfile.open(fileobj=stream, mode="w|gz") as archive:
                body = json.dumps(manifest, indent=2).encode("utf-8")
                archive.addfile(_tarinfo("manifest.json", len(body)), io.BytesIO(body))
                for name, path in staged:
                    with path.open("rb") as handle:
                        archive.addfile(_tarinfo(name, path.stat().st_size), handle)
            if passphrase:
                stream.close()
            raw.flush()
            os.fsync(raw.fileno())
        partial.replace(output)
    log.info("backup written: %s database at revision %s, %d instance files, %d journal entries",
             manifest["database"]["backend"], ",".join(revision), len(staged) - 1, len(entries))
    return BackupSummary(output, output.stat().st_size, manifest["database"]["backend"], revision, len(staged) - 1,
                         len(entries), bool(passphrase))


# --- reading a backup -------------------------------------------------------------------------------------------

def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (not path.is_absolute() and ".." not in path.parts and bool(path.parts)
            and (name == "manifest.json" or path.parts[0] in ("database", "instance")))


def unpack_backup(path: Path, passphrase: str | None, target: Path) -> dict:
    """Unpack and verify a backup into ``target``; return its manifest. Nothing outside ``target`` is touched."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    with path.open("rb") as raw:
        encrypted = encryption.is_encrypted(raw.read(len(encryption.MAGIC)))
        raw.seek(0)
        if encrypted and not passphrase:
            raise BackupError("The backup is encrypted: give its passphrase (--passphrase-file, or type it).")
        try:
            stream = encryption.DecryptingReader(raw, passphrase) if encrypted else raw
            with tarfile.open(fileobj=stream, mode="r|gz") as archive:
                for member in archive:
                    if not member.isfile() or not _safe_member_name(member.name):
                        raise BackupError(f"The backup contains an unexpected entry ({member.name!r}).")
                    destination = target / member.name
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with archive.extractfile(member) as source, destination.open("wb") as sink:
                        shutil.copyfileobj(source, sink)
        except encryption.DecryptionError as error:
            raise BackupError(f"The backup cannot be decrypted: {error}.") from None
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(f"The file is not a readable Konzeptwerk backup ({type(error).__name__}).") from None
    try:
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError("The backup has no readable manifest.") from None
    if manifest.get("format") != FORMAT or int(manifest.get("version", 0)) > FORMAT_VERSION:
        raise BackupError("The file is not a Konzeptwerk backup this version can read.")
    members = manifest.get("members", {})
    present = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()} - {"manifest.json"}
    if present != set(members):
        raise BackupError("The backup is incomplete or has extra entries.")
    for name, expected in members.items():
        if _sha256(target / name) != expected["sha256"]:
            raise BackupError(f"The backup is damaged: {name} does not match its checksum.")
    return manifest


def _check_restorable(manifest: dict) -> None:
    backend = manifest["database"]["backend"]
    if backend != _backend():
        raise BackupError(f"The backup holds a {backend} database, but DATABASE_URL points to {_backend()}. "
                          "Restore it into the same kind of database.")
    script = _script_directory()
    for revision in manifest["database"]["revision"]:
        try:
            if script.get_revision(revision) is None:
                raise CommandError(revision)
        except CommandError:
            raise BackupError(f"The backup was made by a newer Konzeptwerk (database revision {revision}). "
                              "Update the code first, then restore.") from None


# --- restoring --------------------------------------------------------------------------------------------------

def _restore_sqlite(dump: Path) -> None:
    target = _sqlite_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    live = sqlite3.connect(target, timeout=30)
    try:
        source.backup(live)
    finally:
        live.close()
        source.close()


def _restore_postgresql(dump: Path) -> None:
    """Replace every table in one transaction: drop them, then load the dump (psql, all or nothing)."""
    uri, environment = _libpq(db.engine.url)
    tables = inspect(db.engine).get_table_names(schema="public")
    drops = "".join(f'DROP TABLE IF EXISTS public."{name}" CASCADE;\n' for name in tables)
    restore_command = [pg_tool("pg_restore"), "--no-owner", "--no-acl", "--file", "-", str(dump)]
    load_command = [pg_tool("psql"), "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction",
                    "--dbname", uri, "--file", "-"]
    with subprocess.Popen(restore_command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as restore, \
            subprocess.Popen(load_command, env=environment, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE) as load:
        try:
            load.stdin.write(drops.encode("utf-8"))
            shutil.copyfileobj(restore.stdout, load.stdin)
        except BrokenPipeError:
            pass
        finally:
            load.stdin.close()
        restore_errors, load_errors = restore.stderr.read(), load.stderr.read()
        failed = restore.wait() != 0 or load.wait() != 0
    if failed:
        message = (load_errors or restore_errors).decode("utf-8", "replace").strip()[-800:]
        raise BackupError(f"Restoring PostgreSQL failed, nothing was changed: {message}")


def restore_backup(path: Path, passphrase: str | None = None, *, journal_files: tuple[Path, ...] = ()) -> RestoreSummary:
    """Restore a backup, upgrade the schema, and repeat every journalled deletion made after it was taken."""
    from flask_migrate import upgrade

    instance = Path(current_app.instance_path)
    with tempfile.TemporaryDirectory(dir=instance, prefix=".restore-") as work:
        work_dir = Path(work)
        manifest = unpack_backup(path, passphrase, work_dir)
        _check_restorable(manifest)
        entries = journal_entries()
        for journal_file in journal_files:
            try:
                entries += read_journal_file(Path(journal_file))
            except (OSError, ValueError) as error:
                raise BackupError(f"The journal {journal_file} cannot be read: {error}") from None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        journal_copy = instance / f"{JOURNAL_COPY_PREFIX}{stamp}.jsonl"
        write_journal_file(journal_copy, entries)
        db.session.remove()
        db.engine.dispose()
        dump = work_dir / manifest["database"]["file"]
        try:
            _restore_sqlite(dump) if manifest["database"]["backend"] == "sqlite" else _restore_postgresql(dump)
        except BackupError as error:
            raise BackupError(f"{error} The deletion journal was saved to {journal_copy}; pass it with "
                              "--journal when you try again.") from None
        db.engine.dispose()
        upgrade()
        later = merge_entries(entries)
        replayed = replay_entries(later)
        restored_files = 0
        for name in manifest["members"]:
            if name.startswith("instance/"):
                destination = instance / name[len("instance/"):]
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(work_dir / name, destination)
                destination.chmod(0o600)
                restored_files += 1
        journal_copy.unlink()
    log.info("backup restored: revision %s, %d later deletions repeated, %d instance files",
             ",".join(manifest["database"]["revision"]), len(later), restored_files)
    return RestoreSummary(manifest, replayed, len(later), restored_files)
