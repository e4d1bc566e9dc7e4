"""``flask jobs worker``: run an RQ worker for the queue ``konzeptwerk``."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def run_worker(burst: bool):
    """Work off jobs from Redis (needs REDIS_URL)."""
    from redis import Redis
    from rq import Queue, Worker

    from app.jobs.services import QUEUE_NAME

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set: jobs run inside the web process.")
    connection = Redis.from_url(url)
    queue = Queue(current_app.config.get("JOBS_QUEUE", QUEUE_NAME), connection=connection)
    Worker([queue], connection=connection).work(burst=burst)
