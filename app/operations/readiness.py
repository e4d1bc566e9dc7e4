"""Whether this instance can serve: database, migrations, Redis and the job queue.

Shared by ``/readyz`` and ``flask check``. Results name backends and revisions, never
URLs, hosts or passwords.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import inspect, text

from app.extensions import db

#: Seconds a Redis probe may take before it counts as unreachable.
REDIS_TIMEOUT = 2.0


@dataclass
class Probe:
    """One readiness check: ``ok``, ``warning`` (serves, but look) or ``failing`` (cannot serve)."""

    status: str
    message: str = ""
    details: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        """Return the probe as the JSON ``/readyz`` shows."""
        body = {"status": self.status, **self.details}
        if self.message:
            body["message"] = self.message
        return body


def _short_error(error: Exception) -> str:
    """Name the error's type only: messages may contain hosts, users or URLs."""
    return type(error).__name__


def migration_heads() -> tuple[str, ...]:
    """Return the revision ids the code expects (the heads of ``migrations/``), cached per app."""
    cached = current_app.extensions.get("migration_heads")
    if cached is None:
        config = current_app.extensions["migrate"].migrate.get_config()
        cached = tuple(sorted(ScriptDirectory.from_config(config).get_heads()))
        current_app.extensions["migration_heads"] = cached
    return cached


def current_revision() -> tuple[str, ...]:
    """Return the revision ids recorded in the database (empty before the first ``flask db upgrade``)."""
    if not inspect(db.engine).has_table("alembic_version"):
        return ()
    with db.engine.connect() as connection:
        return tuple(sorted(connection.execute(text("SELECT version_num FROM alembic_version")).scalars()))


def probe_database() -> Probe:
    """Check that the database answers a query."""
    backend = db.engine.dialect.name
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        return Probe("failing", f"database does not answer ({_short_error(error)})", {"backend": backend})
    return Probe("ok", details={"backend": backend})


def probe_migrations() -> Probe:
    """Check that the database schema is at the revision the code expects."""
    expected = migration_heads()
    try:
        current = current_revision()
    except Exception as error:  # noqa: BLE001
        return Probe("failing", f"revision unreadable ({_short_error(error)})", {"expected": list(expected)})
    details = {"revision": list(current), "expected": list(expected)}
    if current != expected:
        return Probe("failing", "database is not at the code's revision: run `flask db upgrade`", details)
    return Probe("ok", details=details)


def _redis(url: str):
    from redis import Redis

    return Redis.from_url(url, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT)


def probe_redis(url: str) -> Probe:
    """Check that Redis answers a ping."""
    try:
        _redis(url).ping()
    except Exception as error:  # noqa: BLE001
        return Probe("failing", f"Redis does not answer ({_short_error(error)})")
    return Probe("ok")


def probe_job_queue() -> Probe:
    """Check the RQ queue: reachable, how many jobs wait, how many workers listen."""
    from rq import Queue, Worker

    config = current_app.config
    name = config.get("JOBS_QUEUE", "konzeptwerk")
    try:
        connection = _redis(config.get("JOBS_REDIS_URL") or config["REDIS_URL"])
        queue = Queue(name, connection=connection)
        waiting, workers = len(queue), Worker.count(queue=queue)
    except Exception as error:  # noqa: BLE001
        return Probe("failing", f"job queue unreachable ({_short_error(error)})", {"backend": "rq", "queue": name})
    details = {"backend": "rq", "queue": name, "queued": waiting, "workers": workers}
    if not workers:
        return Probe("warning", "no `flask jobs worker` listens: background jobs wait", details)
    return Probe("ok", details=details)


def readiness() -> dict[str, Probe]:
    """Run every check that applies to this configuration."""
    config = current_app.config
    probes = {"database": probe_database()}
    probes["migrations"] = (probe_migrations() if probes["database"].status == "ok"
                            else Probe("failing", "database does not answer"))
    if config.get("REDIS_URL"):
        probes["redis"] = probe_redis(config["REDIS_URL"])
    backend = config.get("JOBS_BACKEND", "inline-thread")
    probes["jobs"] = probe_job_queue() if backend == "rq" else Probe("ok", details={"backend": backend})
    return probes


def overall_status(probes: dict[str, Probe]) -> str:
    """Return ``failing`` if any check fails, else ``ok`` (warnings do not take an instance out)."""
    return "failing" if any(p.status == "failing" for p in probes.values()) else "ok"
