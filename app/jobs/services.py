"""Start background jobs, run them, and record their progress.

Backends (config ``JOBS_BACKEND``):
``inline-thread`` (default) runs jobs on a small thread pool inside the web process;
``rq`` puts them on the Redis queue ``konzeptwerk`` (config ``JOBS_QUEUE``) for ``flask jobs worker``;
``inline`` runs them at once in the calling thread (tests, CLI, demo loader).
Progress is written in its own short transaction so a page polling the job sees it
while the job is still working.
"""
from __future__ import annotations

import importlib
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask, current_app
from sqlalchemy import update

from app.auth.models import utcnow
from app.extensions import db
from app.jobs.models import Job

log = logging.getLogger(__name__)

QUEUE_NAME = "konzeptwerk"
BACKENDS = ("inline-thread", "inline", "rq")
#: Longest time (seconds) an RQ worker lets one job run.
RQ_JOB_TIMEOUT = 3600

_executor_lock = threading.Lock()


def enqueue_job(kind: str, target: str, *, project_id: int | None = None, user_id: int | None = None,
                **arguments) -> Job:
    """Record a job and hand it to the configured backend; never waits for it (except ``inline``)."""
    _resolve(target)
    job = Job(kind=kind, target=target, arguments=arguments, project_id=project_id, created_by_id=user_id,
              status="queued", progress=0.0, message="")
    db.session.add(job)
    db.session.commit()
    backend = current_app.config.get("JOBS_BACKEND", "inline-thread")
    if backend == "inline":
        run_job(job.id)
        db.session.refresh(job)
    elif backend == "rq":
        try:
            _rq_queue().enqueue("app.jobs.worker.perform_job", job.id, job_timeout=RQ_JOB_TIMEOUT,
                                job_id=f"konzeptwerk-job-{job.id}-{int(job.created_at.timestamp())}")
        except Exception as error:
            job.status, job.error, job.finished_at = "failed", f"queue unreachable: {error}"[:2000], utcnow()
            db.session.commit()
            raise
    elif backend == "inline-thread":
        app = current_app._get_current_object()
        future = _executor(app).submit(_run_in_thread, app, job.id)
        app.extensions.setdefault("job_futures", {})[job.id] = future
    else:
        raise ValueError(f"Unknown JOBS_BACKEND {backend!r}; choose one of {', '.join(BACKENDS)}.")
    return job


def wait_for_job(job_id: int, timeout: float = 60.0) -> Job:
    """Block until an in-process job ends (at most ``timeout`` seconds) and return its fresh state."""
    future: Future | None = current_app.extensions.get("job_futures", {}).get(job_id)
    if future is not None:
        future.result(timeout=timeout)
    db.session.expire_all()
    return db.session.get(Job, job_id)


def report_progress(job_id: int, fraction: float, message: str = "") -> None:
    """Record how far a job has come, in a transaction of its own."""
    fraction = min(max(float(fraction), 0.0), 1.0)
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(progress=fraction, message=message[:300]))


def run_job(job_id: int) -> None:
    """Run a recorded job now in the current app context, storing its result or its error."""
    from app.auth.access import may_run_job

    job = db.session.get(Job, job_id)
    if job is None or job.status not in ("queued", "running"):
        return
    if not may_run_job(job):
        job.status, job.finished_at = "failed", utcnow()
        job.error = "access ended: the person who started it no longer holds the role in this project"
        db.session.commit()
        return
    job.status, job.started_at, job.progress = "running", utcnow(), 0.0
    db.session.commit()
    target, arguments = job.target, dict(job.arguments or {})
    try:
        result = _resolve(target)(job_id, **arguments)
    except Exception as error:  # noqa: BLE001 - any failure is recorded on the job for staff to see
        log.exception("job %s (%s) failed", job_id, target)
        db.session.rollback()
        job = db.session.get(Job, job_id)
        job.status, job.error, job.finished_at = "failed", (str(error) or type(error).__name__)[:2000], utcnow()
        db.session.commit()
        return
    db.session.expire_all()
    job = db.session.get(Job, job_id)
    job.status, job.progress, job.result, job.finished_at = "done", 1.0, result, utcnow()
    db.session.commit()


def shutdown_executor(app: Flask) -> None:
    """Stop the in-process thread pool of an app (waits for running jobs)."""
    executor = app.extensions.pop("jobs_executor", None)
    if executor is not None:
        executor.shutdown(wait=True)


def _run_in_thread(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            run_job(job_id)
        finally:
            db.session.remove()


def _executor(app: Flask) -> ThreadPoolExecutor:
    with _executor_lock:
        executor = app.extensions.get("jobs_executor")
        if executor is None:
            executor = ThreadPoolExecutor(max_workers=app.config.get("JOBS_THREADS", 2),
                                          thread_name_prefix="konzeptwerk-job")
            app.extensions["jobs_executor"] = executor
        return executor


def _rq_queue():
    from redis import Redis
    from rq import Queue

    url = current_app.config.get("JOBS_REDIS_URL") or current_app.config["REDIS_URL"]
    return Queue(current_app.config.get("JOBS_QUEUE", QUEUE_NAME), connection=Redis.from_url(url))


def _resolve(target: str):
    module_name, _, function_name = target.partition(":")
    if not module_name or not function_name:
        raise ValueError(f"Job target {target!r} must look like 'package.module:function'.")
    return getattr(importlib.import_module(module_name), function_name)
