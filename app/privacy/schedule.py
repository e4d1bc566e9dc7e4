"""Run retention once a day: in the web process by default, in ``flask jobs worker`` with RQ, or by cron.

``RETENTION_SCHEDULE=auto`` (default) lets the process that runs background jobs do it: the
web process when jobs run in-process, the RQ worker when they run on Redis (several workers
claim the day in Redis, so one of them runs it). ``off`` leaves it to cron or a systemd timer
calling ``flask retention run``.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date

from flask import Flask

from app.auth.models import utcnow
from app.extensions import db

log = logging.getLogger(__name__)

#: Seconds between two looks at the calendar in the web process.
CHECK_INTERVAL = 600


def retention_runner(app: Flask) -> str:
    """Return where the daily retention run happens: ``web``, ``worker`` or ``off`` (cron)."""
    if app.config.get("RETENTION_SCHEDULE", "auto") == "off":
        return "off"
    return "worker" if app.config.get("JOBS_BACKEND") == "rq" else "web"


def process_day_claim() -> Callable[[date], bool]:
    """Return a claim that grants each day once per process."""
    claimed: set[date] = set()
    lock = threading.Lock()

    def claim(day: date) -> bool:
        with lock:
            if day in claimed:
                return False
            claimed.add(day)
            return True

    return claim


def redis_day_claim(app: Flask) -> Callable[[date], bool]:
    """Return a claim that grants each day once across all workers sharing the Redis."""
    from redis import Redis

    connection = Redis.from_url(app.config.get("JOBS_REDIS_URL") or app.config["REDIS_URL"])
    prefix = app.config.get("JOBS_QUEUE", "konzeptwerk")

    def claim(day: date) -> bool:
        return bool(connection.set(f"{prefix}:retention:{day.isoformat()}", "1", nx=True, ex=2 * 86400))

    return claim


def add_daily_task(app: Flask, name: str, task: Callable[[], object]) -> None:
    """Let a capability run ``task()`` once a day after retention (e.g. scheduled survey reminders)."""
    app.extensions.setdefault("daily_tasks", {})[name] = task


def run_daily_tasks(app: Flask) -> None:
    """Run every registered daily task; one failing task does not stop the others."""
    for name, task in app.extensions.get("daily_tasks", {}).items():
        try:
            task()
        except Exception:
            db.session.rollback()
            log.exception("daily task %s failed", name)


def run_once_a_day(app: Flask, claim: Callable[[date], bool], *, release_connections: bool = False) -> bool:
    """Run retention (and the daily tasks) if this day is not claimed yet; return whether it ran. Never raises."""
    from app.privacy.retention import run_retention

    today = utcnow().date()
    try:
        if not claim(today):
            return False
        with app.app_context():
            try:
                done = run_retention(today)
                log.info("retention: daily run for %s deleted %d items", today, sum(d.count for d in done))
                run_daily_tasks(app)
            finally:
                db.session.remove()
                if release_connections:
                    db.engine.dispose()
        return True
    except Exception:
        log.exception("retention: daily run failed")
        return False


def start_retention_thread(app: Flask) -> threading.Thread:
    """Start a daemon thread in the web process that runs retention once a day."""
    claim = process_day_claim()
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            run_once_a_day(app, claim)
            stop.wait(CHECK_INTERVAL)

    thread = threading.Thread(target=loop, name="konzeptwerk-retention", daemon=True)
    thread.stop = stop
    thread.start()
    return thread
