"""``flask jobs worker``: run an RQ worker for the queue ``konzeptwerk`` (and the daily retention run)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def run_worker(burst: bool):
    """Work off jobs from Redis (needs REDIS_URL); also deletes expired personal data once a day."""
    from redis import Redis
    from rq import Queue, Worker

    from app.jobs.services import QUEUE_NAME
    from app.privacy.schedule import redis_day_claim, retention_runner, run_once_a_day

    app = current_app._get_current_object()
    url = app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set: jobs run inside the web process.")
    runs_retention = retention_runner(app) == "worker"
    claim = redis_day_claim(app) if runs_retention else None

    class KonzeptwerkWorker(Worker):
        """An RQ worker that also runs retention once a day (between jobs, at its maintenance times)."""

        def run_maintenance_tasks(self):
            super().run_maintenance_tasks()
            if runs_retention:
                # Close the connections afterwards: work horses are forked from this process.
                run_once_a_day(app, claim, release_connections=True)

    connection = Redis.from_url(url)
    queue = Queue(app.config.get("JOBS_QUEUE", QUEUE_NAME), connection=connection)
    KonzeptwerkWorker([queue], connection=connection).work(burst=burst)
