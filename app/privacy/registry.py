"""What each capability registers about the personal data it keeps.

A capability's ``register(app, …)`` calls :func:`add_personal_data` for every kind of
personal data it keeps per project (deleted when the project's retention period ends) and
:func:`add_erasure` for every Art. 17 deletion it records in the journal (replayed after
a backup is restored). Surveys register contact details and invitation links; transcripts,
audio and event registrations plug in the same way.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import Flask, current_app


@dataclass(frozen=True)
class PersonalDataKind:
    """Personal data of one kind that a project keeps until its retention period ends."""

    #: Journal kind and stable name, e.g. ``surveys.contacts``.
    key: str
    #: What staff read, e.g. "Kontaktdaten von Befragten" (a lazy string).
    label: object
    #: ``count(project_id)``: how many items are stored now.
    count: Callable[[int], int]
    #: ``erase(project_id)``: delete them all in the current transaction (no commit); return how many.
    erase: Callable[[int], int]
    #: Order on the retention page.
    order: int = 100


@dataclass(frozen=True)
class Erasure:
    """An Art. 17 deletion a capability records in the journal, and how to repeat it after a restore."""

    key: str
    #: What staff read in the list of deletions, e.g. "Befragte Person mit Antworten" (a lazy string).
    label: object
    #: ``replay(entry)``: delete the subject again if it is still there and its fingerprint matches;
    #: return "deleted", "gone" or "mismatch". Runs in the current transaction (no commit).
    replay: Callable[[dict], str]


@dataclass(frozen=True)
class Expiry:
    """Personal data whose items have their own deadline, deleted by the daily retention run."""

    key: str
    label: object
    #: ``expire(today, dry_run)``: delete and journal what is past its deadline in the current transaction
    #: (no commit; with ``dry_run`` only count); return {project_id: items}.
    expire: Callable[[date, bool], dict[int, int]]


def _registry(app: Flask) -> dict:
    return app.extensions.setdefault("privacy", {"personal_data": {}, "erasures": {}, "expiries": {}})


def add_personal_data(app: Flask, kind: PersonalDataKind) -> None:
    """Register personal data a capability keeps per project."""
    _registry(app)["personal_data"][kind.key] = kind


def add_erasure(app: Flask, erasure: Erasure) -> None:
    """Register an Art. 17 deletion a capability journals."""
    _registry(app)["erasures"][erasure.key] = erasure


def add_expiry(app: Flask, expiry: Expiry) -> None:
    """Register personal data that the daily run deletes item by item when each one's deadline passes."""
    _registry(app)["expiries"][expiry.key] = expiry


def expiries() -> list[Expiry]:
    """Return the registered expiries by key."""
    return sorted(_registry(current_app)["expiries"].values(), key=lambda expiry: expiry.key)


def personal_data_kinds() -> list[PersonalDataKind]:
    """Return the registered kinds of personal data in their order."""
    return sorted(_registry(current_app)["personal_data"].values(), key=lambda kind: (kind.order, kind.key))


def personal_data_kind(key: str) -> PersonalDataKind | None:
    """Return one registered kind of personal data."""
    return _registry(current_app)["personal_data"].get(key)


def erasure(key: str) -> Erasure | None:
    """Return one registered Art. 17 deletion."""
    return _registry(current_app)["erasures"].get(key)


def deletion_label(key: str) -> object:
    """Return what staff read for a journal kind (the key itself when no capability registers it any more)."""
    kind = personal_data_kind(key)
    if kind is not None:
        return kind.label
    registered = erasure(key) or _registry(current_app)["expiries"].get(key)
    return registered.label if registered is not None else key
