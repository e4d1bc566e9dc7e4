"""The deletion journal: record each deletion of personal data, and replay deletions after a restore.

Why a table in the database and not only a file: a deletion and its journal entry commit in
one transaction (no deletion without its entry, no entry without its deletion), and every
instance of a scaled-out installation writes to the same journal. A restore replaces the
database, so ``flask backup restore`` reads the journal *before* it restores, puts the entries
the backup lacks back in, and replays exactly those: the deletions made after the backup was
taken. The entries hold no personal data (ids, counts, a fingerprint), so the journal may also
be exported often and kept elsewhere (``flask backup journal``) for the case that the database
server itself is lost; ``flask backup restore --journal FILE`` merges such a copy.
"""
from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect, select

from app.extensions import db
from app.privacy.models import DELETION_REASONS, DeletionRecord
from app.privacy.registry import erasure, personal_data_kind

log = logging.getLogger(__name__)

ENTRY_FIELDS = ("uid", "kind", "reason", "subject_id", "fingerprint", "project_id", "count", "recorded_at")


def fingerprint(table: str, row_id: int, *stable) -> str:
    """Return a hash naming one row for good: its table, id and values that never change (creation time)."""
    parts = [table, str(row_id), *(value.isoformat() if isinstance(value, datetime) else str(value)
                                   for value in stable)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def record_deletion(kind: str, reason: str, *, subject_id: int | None, fingerprint: str,
                    project_id: int | None, count: int = 1) -> DeletionRecord:
    """Add a journal entry to the current transaction (the caller's commit makes it and the deletion durable)."""
    if reason not in DELETION_REASONS:
        raise ValueError(f"unknown deletion reason {reason!r}")
    record = DeletionRecord(uid=secrets.token_hex(16), kind=kind, reason=reason, subject_id=subject_id,
                            fingerprint=fingerprint, project_id=project_id, count=count)
    db.session.add(record)
    return record


def _as_entry(row) -> dict:
    entry = {name: getattr(row, name) for name in ENTRY_FIELDS}
    entry["recorded_at"] = entry["recorded_at"].isoformat() if entry["recorded_at"] else None
    return entry


def journal_entries(engine=None) -> list[dict]:
    """Return every journal entry, oldest first (an empty list when the table does not exist yet)."""
    engine = engine or db.engine
    if not inspect(engine).has_table(DeletionRecord.__tablename__):
        return []
    table = DeletionRecord.__table__
    with engine.connect() as connection:
        rows = connection.execute(select(*(table.c[name] for name in ENTRY_FIELDS))
                                  .order_by(table.c.recorded_at, table.c.id)).all()
    return [_as_entry(row) for row in rows]


def write_journal_file(path: Path, entries: Iterable[dict]) -> int:
    """Write entries as JSON lines; return how many."""
    lines = [json.dumps(entry, sort_keys=True) for entry in entries]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def read_journal_file(path: Path) -> list[dict]:
    """Read entries written by :func:`write_journal_file`; refuse a file that is not a journal."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: line {number} is not JSON ({error.msg})") from None
        if not isinstance(entry, dict) or set(ENTRY_FIELDS) - set(entry) or entry["reason"] not in DELETION_REASONS:
            raise ValueError(f"{path}: line {number} is not a deletion journal entry")
        entries.append(entry)
    return entries


def merge_entries(entries: Iterable[dict]) -> list[dict]:
    """Insert the entries the journal lacks (by uid); return them, oldest first. Commits."""
    known = set(db.session.scalars(select(DeletionRecord.uid)))
    added: dict[str, dict] = {}
    for entry in entries:
        if entry["uid"] in known or entry["uid"] in added:
            continue
        added[entry["uid"]] = entry
    ordered = sorted(added.values(), key=lambda entry: (entry["recorded_at"] or "", entry["uid"]))
    for entry in ordered:
        values = {name: entry[name] for name in ENTRY_FIELDS}
        values["recorded_at"] = datetime.fromisoformat(entry["recorded_at"]) if entry["recorded_at"] else None
        db.session.add(DeletionRecord(**values))
    db.session.commit()
    return ordered


def replay_entry(entry: dict) -> tuple[str, int]:
    """Repeat one journalled deletion in the current transaction; return (outcome, items deleted)."""
    kind = personal_data_kind(entry["kind"]) if entry["reason"] == "retention" else None
    if kind is not None:
        from app.projects.models import Project

        project = db.session.get(Project, entry["subject_id"])
        if project is None:
            return "gone", 0
        if fingerprint("projects", project.id, project.created_at) != entry["fingerprint"]:
            return "mismatch", 0
        deleted = kind.erase(project.id)
        return ("deleted" if deleted else "gone"), deleted
    handler = erasure(entry["kind"])
    if handler is None:
        return "unknown", 0
    outcome = handler.replay(entry)
    return outcome, 1 if outcome == "deleted" else 0


def replay_entries(entries: Iterable[dict]) -> Counter:
    """Repeat journalled deletions in order, one commit each; return counts by (kind, outcome).

    Idempotent: a subject already gone counts as ``gone``; a row whose id now belongs to
    another record (fingerprint differs) is left alone and counts as ``mismatch``.
    """
    outcomes: Counter = Counter()
    for entry in entries:
        outcome, deleted = replay_entry(entry)
        db.session.commit()
        outcomes[(entry["kind"], outcome)] += 1
        if deleted:
            outcomes[(entry["kind"], "items")] += deleted
        log.info("journal replay: %s %s -> %s", entry["kind"], entry["uid"], outcome)
    return outcomes
