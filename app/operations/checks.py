"""``flask check``: the configuration problems a deployment would hit, found before users hit them."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app

from app.config import INSTANCE_SECRETS
from app.operations.readiness import readiness

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Finding:
    """A problem: ``error`` breaks something for users, ``warning`` may."""

    severity: str
    message: str


def configuration_findings(config: Mapping, environ: Mapping, *, workers: int = 1,
                           instances: int = 1) -> list[Finding]:
    """Return problems visible in the configuration alone (no network)."""
    found: list[Finding] = []
    is_sqlite = str(config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite")
    # Shared by every instance: sessions, token hashes, password hashes, two-factor secrets.
    missing = [name for name in INSTANCE_SECRETS if not environ.get(name)]
    if missing and instances > 1:
        found.append(Finding("error", f"{', '.join(missing)} not set in the environment: each instance generates "
                                      "its own in instance/secrets.json, so logins, participant links and two-factor "
                                      "codes work on one instance only. Set the same values on every instance."))
    elif missing and not is_sqlite:
        found.append(Finding("warning", f"{', '.join(missing)} come from instance/secrets.json: fine for one "
                                        "instance; several instances must all get the same values from the "
                                        "environment."))
    if instances > 1 and is_sqlite:
        found.append(Finding("error", "Several instances on SQLite: the database lives in one machine's instance/. "
                                      "Set DATABASE_URL to PostgreSQL."))
    processes = workers * instances
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory") and processes > 1:
        found.append(Finding("error", f"Rate limits are counted in memory by {processes} processes, each on its own: "
                                      f"a limit lets up to {processes} times as many requests through. Set REDIS_URL "
                                      "(or serve with WEB_CONCURRENCY=1 on one instance)."))
    if not config.get("RATELIMIT_ENABLED", True):
        found.append(Finding("error", "RATELIMIT_ENABLED=0: every rate limit is off (joins, sign-ins, ballots). "
                                      "This switch is for benchmarks only; remove it."))
    backend = config.get("JOBS_BACKEND")
    if backend == "rq" and not (config.get("JOBS_REDIS_URL") or config.get("REDIS_URL")):
        found.append(Finding("error", "JOBS_BACKEND=rq needs REDIS_URL."))
    elif backend == "inline-thread" and instances > 1:
        found.append(Finding("warning", "Jobs run inside each web process (no REDIS_URL): a restart of an instance "
                                        "loses the jobs it was running. Set REDIS_URL and run `flask jobs worker`."))
    base_url = config.get("BASE_URL") or ""
    parts = urlsplit(base_url)
    behind_https = parts.scheme == "https" or int(config.get("PROXY_FIX_HOPS") or 0) > 0
    if behind_https and not config.get("SESSION_COOKIE_SECURE"):
        found.append(Finding("error", "Served over HTTPS (BASE_URL https or PROXY_FIX_HOPS set) but "
                                      "SESSION_COOKIE_SECURE=0: login cookies would also travel over plain HTTP. "
                                      "Remove SESSION_COOKIE_SECURE=0."))
    if parts.scheme == "https" and not int(config.get("PROXY_FIX_HOPS") or 0):
        found.append(Finding("warning", "BASE_URL is https but PROXY_FIX_HOPS=0: behind a reverse proxy every "
                                        "visitor seems to come from the proxy's address (address rate limits then hit "
                                        "everyone at once). Set PROXY_FIX_HOPS to the number of proxies."))
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS and config.get("SESSION_COOKIE_SECURE"):
        found.append(Finding("error", "BASE_URL is plain http but cookies are marked Secure: browsers will not send "
                                      "the login cookie. Serve over HTTPS (see docs/operations.md)."))
    if not base_url and not is_sqlite:
        found.append(Finding("warning", "BASE_URL is not set: links printed from a shell (flask surveys invite) "
                                        "point to http://127.0.0.1:5000."))
    if not config.get("MAIL_SERVER") and not is_sqlite:
        found.append(Finding("warning", "MAIL_SERVER is not set: invitations, reminders and password-reset mails are "
                                        "only written to instance/outbox/, nobody receives them."))
    if config.get("MAIL_USE_TLS") and config.get("MAIL_USE_SSL"):
        found.append(Finding("error", "MAIL_USE_TLS and MAIL_USE_SSL are both set: choose STARTTLS (MAIL_USE_TLS, "
                                      "usually port 587) or TLS from the start (MAIL_USE_SSL, usually port 465)."))
    if config.get("MAIL_SERVER") and config.get("MAIL_PASSWORD") and not (config.get("MAIL_USE_TLS")
                                                                          or config.get("MAIL_USE_SSL")):
        found.append(Finding("warning", "MAIL_PASSWORD is sent to the relay without TLS. Set MAIL_USE_TLS=1 (or "
                                        "MAIL_USE_SSL=1) unless the relay is on this machine."))
    return found


def service_findings() -> list[Finding]:
    """Return problems with the database, migrations, Redis, the job queue and backup tools."""
    found = []
    for name, probe in readiness().items():
        if probe.status == "failing":
            found.append(Finding("error", f"{name}: {probe.message}"))
        elif probe.status == "warning":
            found.append(Finding("warning", f"{name}: {probe.message}"))
    if current_app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        from app.operations.backup import BackupError, pg_tool

        try:
            pg_tool("pg_dump")
        except BackupError as error:
            found.append(Finding("warning", f"backups: {error}"))
        except Exception:  # noqa: BLE001, S110 - the database check above already reports an unreachable server
            pass
    return found


def deployment_findings(*, workers: int | None = None, instances: int = 1) -> list[Finding]:
    """Return every problem ``flask check`` reports, errors first."""
    if workers is None:
        workers = int(os.environ.get("WEB_CONCURRENCY") or 1)
    found = configuration_findings(current_app.config, os.environ, workers=workers, instances=instances)
    found += service_findings()
    return sorted(found, key=lambda finding: finding.severity != "error")
