"""Background jobs: inline, the in-process thread pool, RQ on Redis, failures, and the progress page."""
from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import IN_CI

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def test_inline_job_runs_at_once_and_records_progress_and_result(app):
    from app.jobs.services import enqueue_job

    app.config["JOBS_BACKEND"] = "inline"
    job = enqueue_job("test.add", "tests.jobs.job_functions:add_numbers", a=2, b=3)
    assert job.status == "done"
    assert job.result["sum"] == 5
    assert job.result["progress_seen"] == 0.5 and job.result["message_seen"] == "halfway"
    assert job.progress == 1.0 and job.started_at and job.finished_at


def test_inline_thread_job_runs_in_the_background(app, make_user, make_project):
    from app.jobs.services import enqueue_job, wait_for_job

    app.config["JOBS_BACKEND"] = "inline-thread"
    user, project = make_user(), make_project()
    job = enqueue_job("test.add", "tests.jobs.job_functions:add_numbers", project_id=project.id, user_id=user.id,
                      a=40, b=2)
    finished = wait_for_job(job.id, timeout=60)
    assert finished.status == "done"
    assert finished.result["sum"] == 42
    assert finished.project_id == project.id and finished.created_by_id == user.id


def test_failing_job_is_marked_failed_with_its_reason(app):
    from app.jobs.services import enqueue_job, wait_for_job

    app.config["JOBS_BACKEND"] = "inline-thread"
    job = enqueue_job("test.fail", "tests.jobs.job_functions:fail")
    finished = wait_for_job(job.id, timeout=60)
    assert finished.status == "failed"
    assert "kaputt" in finished.error


def test_unknown_target_is_refused_before_anything_is_recorded(app):
    from app.extensions import db
    from app.jobs.models import Job
    from app.jobs.services import enqueue_job

    with pytest.raises((ImportError, AttributeError, ValueError)):
        enqueue_job("test.none", "tests.jobs.job_functions:does_not_exist")
    with pytest.raises(ValueError):
        enqueue_job("test.none", "no_colon_here")
    assert db.session.query(Job).count() == 0


def _redis_or_skip():
    if not TEST_REDIS_URL:
        if IN_CI:
            pytest.fail("CI requires TEST_REDIS_URL for the RQ job tests.")
        pytest.skip("TEST_REDIS_URL is not set")
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(TEST_REDIS_URL)
    try:
        connection.ping()
    except RedisError as error:
        if IN_CI:
            pytest.fail(f"Redis at TEST_REDIS_URL is not reachable: {error}")
        pytest.skip(f"Redis not reachable: {error}")
    return connection


def test_rq_job_runs_in_a_worker(app):
    from rq import Queue, SimpleWorker

    from app.extensions import db
    from app.jobs.models import Job
    from app.jobs.services import enqueue_job

    connection = _redis_or_skip()
    queue_name = f"konzeptwerk-test-{uuid.uuid4().hex[:8]}"
    app.config.update(JOBS_BACKEND="rq", REDIS_URL=TEST_REDIS_URL, JOBS_QUEUE=queue_name)
    job = enqueue_job("test.add", "tests.jobs.job_functions:add_numbers", a=1, b=1)
    assert job.status == "queued"
    queue = Queue(queue_name, connection=connection)
    try:
        assert len(queue) == 1
        SimpleWorker([queue], connection=connection).work(burst=True)
    finally:
        queue.empty()
        queue.delete(delete_jobs=True)
    db.session.expire_all()
    finished = db.session.get(Job, job.id)
    assert finished.status == "done" and finished.result["sum"] == 2


def test_progress_page_polls_while_running_and_stops_when_done(app, client, make_user, login, make_project):
    from app.extensions import db
    from app.jobs.models import Job

    project = make_project()
    running = Job(kind="test", target="x:y", arguments={}, status="running", progress=0.25, message="Themen bilden",
                  project_id=project.id)
    done = Job(kind="test", target="x:y", arguments={}, status="done", progress=1.0, message="", project_id=project.id)
    db.session.add_all([running, done])
    db.session.commit()

    assert client.get(f"/jobs/{running.id}").status_code == 302
    login(make_user(roles=("facilitator",)))
    page = client.get(f"/jobs/{running.id}?next=/projects/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<progress' in html and 'value="25"' in html and "Themen bilden" in html
    assert 'hx-trigger="every 1s"' in html
    assert "Stand aktualisieren" in html
    partial = client.get(f"/jobs/{done.id}/progress?next=/projects/").get_data(as_text=True)
    assert "hx-trigger" not in partial and 'href="/projects/"' in partial
    assert client.get(f"/jobs/{done.id}/progress?next=//evil.example").get_data(as_text=True).count("evil") == 0
    assert client.get("/jobs/999").status_code == 404

    # The poll that sees the job done forwards to the result; a page opened later keeps the link instead.
    polled = client.get(f"/jobs/{done.id}/progress?next=/projects/", headers={"HX-Request": "true"})
    assert polled.headers.get("HX-Redirect") == "/projects/"
    assert "HX-Redirect" not in client.get(f"/jobs/{running.id}/progress?next=/projects/",
                                           headers={"HX-Request": "true"}).headers
    assert "HX-Redirect" not in client.get(f"/jobs/{done.id}/progress?next=/projects/").headers
    assert "HX-Redirect" not in client.get(f"/jobs/{done.id}?next=/projects/").headers
    evil = client.get(f"/jobs/{done.id}/progress?next=//evil.example", headers={"HX-Request": "true"})
    assert "HX-Redirect" not in evil.headers


def test_unreachable_redis_marks_the_job_failed_and_raises(app):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from app.jobs.models import Job
    from app.jobs.services import enqueue_job

    app.config.update(JOBS_BACKEND="rq", REDIS_URL="redis://127.0.0.1:1/0")
    with pytest.raises(RedisConnectionError):
        enqueue_job("test.add", "tests.jobs.job_functions:add_numbers", a=1, b=2)
    job = Job.query.one()
    assert job.status == "failed" and "unreachable" in job.error
