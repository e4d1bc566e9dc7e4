"""Two gunicorn instances on one PostgreSQL with Redis and a ``flask jobs worker``, as in a scaled-out installation.

Shows that a rate limit is counted across both instances, that an analysis job started on one
is run by the worker and seen finished on the other, and that 300 workshop participants spread
over both instances have every acknowledged vote stored exactly once.
"""
from __future__ import annotations

import os
import random
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import httpx
import pytest
from sqlalchemy import text

from tests.conftest import IN_CI, TEST_DATABASE_URL, TEST_PASSWORD, _test_config
from tests.operations.conftest import scratch_postgresql
from tests.operations.servers import gunicorn, jobs_worker, run_flask, server_environment

pytestmark = pytest.mark.slow

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
PARTICIPANTS = 300
ANSWERS = [
    "Es fehlen Sprachkurse am Abend für Berufstätige.", "Sprachkurse mit Kinderbetreuung wären gut.",
    "Mehr Plätze in der Kita, die Wartelisten sind lang.", "Die Kita-Anmeldung ist zu kompliziert.",
    "Ein Jugendtreff im Stadtteil fehlt.", "Jugendliche brauchen einen Ort am Abend.",
    "Ämter sollten mehrsprachige Formulare haben.", "Beim Bürgerbüro gibt es keine Übersetzung.",
]


@pytest.fixture
def shared_services():
    """A scratch PostgreSQL database and the test Redis (skip outside CI when absent)."""
    if not (TEST_DATABASE_URL and TEST_REDIS_URL):
        if IN_CI:
            pytest.fail("CI requires TEST_DATABASE_URL and TEST_REDIS_URL for the two-instance test.")
        pytest.skip("needs TEST_DATABASE_URL and TEST_REDIS_URL")
    url, drop = scratch_postgresql()
    try:
        yield url
    finally:
        drop()


def _seed(database_url: str, email: str) -> dict:
    """Migrate the database, then add a lead, a survey with answers and an analysis, and an open dot round."""
    from flask_migrate import upgrade

    from app import create_app
    from app.analysis import services as analysis
    from app.auth import services as auth
    from app.extensions import db
    from app.projects import services as projects
    from app.surveys import guides, respondent_records, services as surveys, submissions
    from app.workshops import services as workshops

    app = create_app(_test_config(database_url))
    with app.app_context():
        upgrade()
        lead = auth.create_user(email, TEST_PASSWORD, ["project_lead"])
        project = projects.create_project(title="Zwei Instanzen", municipality="Teststadt", template="monheim_2016",
                                          creator=lead)
        survey = surveys.create_survey(project, title="Befragung")
        question = guides.add_question(survey.sections[0], kind="free_text", text="Was fehlt?")
        for number in range(24):
            respondent = respondent_records.add_respondent(survey, pseudonym=f"I-{number + 1}")
            submissions.save_answers(respondent, {str(question.id): ANSWERS[number % len(ANSWERS)] + f" ({number})"})
        study = analysis.create_analysis(project, title="Themen", scope="survey", survey_id=survey.id, user=lead)
        workshop = workshops.create_workshop(project, title="Entscheider-Workshop", kind="decision_maker",
                                             join_code="ZWEI36")
        fields = project.fields_of_action
        goals = [workshops.create_item(workshop, kind="guiding_goal", title=f"Leitziel {n + 1}",
                                       field_of_action_id=fields[n % len(fields)].id) for n in range(8)]
        voting_round = workshops.create_round(workshop, title="Prioritäten", method="dots",
                                              item_ids=[g.id for g in goals], budget=5, max_per_item=2)
        workshops.open_round(voting_round)
        seeded = {"project": project.id, "analysis": study.id, "round": voting_round.id,
                  "items": [g.id for g in goals]}
        db.session.remove()
        db.engine.dispose()
    return seeded


def _csrf(response: httpx.Response) -> str:
    match = CSRF.search(response.text)
    assert match, response.text[:500]
    return match.group(1)


def _shows_rate_limit_across_instances(first: str, second: str, email: str) -> None:
    """Ten wrong passwords spread over both instances use up the account's limit: the eleventh is refused."""
    with httpx.Client(timeout=60) as browser:
        token = _csrf(browser.get(first + "/login"))
        statuses = []
        for attempt in range(11):
            base = first if attempt % 2 == 0 else second
            statuses.append(browser.post(base + "/login", data={"csrf_token": token, "email": email,
                                                                 "password": "falsch-falsch"}).status_code)
    assert 429 not in statuses[:10], statuses
    # The eleventh attempt goes to the first instance, which saw only six: only a shared count refuses it.
    assert statuses[10] == 429, statuses


def _runs_a_job_started_on_one_and_seen_on_the_other(first: str, second: str, email: str, seeded: dict,
                                                     queue: str) -> None:
    from redis import Redis
    from rq.job import Job as RqJob

    with httpx.Client(timeout=60) as browser:
        token = _csrf(browser.get(first + "/login"))
        assert browser.post(first + "/login", data={"csrf_token": token, "email": email,
                                                    "password": TEST_PASSWORD}).status_code == 302
        board = f"/analysis/projects/{seeded['project']}/{seeded['analysis']}"
        started = browser.post(first + board + "/run", data={"csrf_token": _csrf(browser.get(first + board))})
        assert started.status_code == 302, started.text[:500]
        job_id = int(re.search(r"/jobs/(\d+)", started.headers["Location"]).group(1))

        redis = Redis.from_url(TEST_REDIS_URL)
        (rq_job,) = [job for job in (RqJob.fetch(key.decode().removeprefix("rq:job:"), connection=redis)
                                     for key in redis.scan_iter(match=f"rq:job:konzeptwerk-job-{job_id}-*"))
                     if job.origin == queue]
        # Blocks on Redis until the worker stores the result (no polling).
        result = rq_job.latest_result(timeout=180)
        assert result is not None and result.type == result.Type.SUCCESSFUL, result and result.exc_string

        progress = browser.get(f"{second}/jobs/{job_id}/progress?next={board}")
        assert progress.status_code == 200
        assert "hx-trigger" not in progress.text and "fehlgeschlagen" not in progress.text
        assert "Themen" in browser.get(second + board).text


def _counts_every_vote_once(first: str, second: str, seeded: dict, database_url: str) -> None:
    """300 participants join on one instance and vote on the other (alternating), all at once."""
    from sqlalchemy import create_engine

    from app.config import normalise_database_url

    def participant(number: int) -> int:
        join_on, vote_on = (first, second) if number % 2 == 0 else (second, first)
        chance = random.Random(number)
        ballot: dict[int, int] = {}
        while sum(ballot.values()) < 5:
            item = chance.choice(seeded["items"])
            if ballot.get(item, 0) < 2:
                ballot[item] = ballot.get(item, 0) + 1
        with httpx.Client(timeout=120) as phone:
            joined = phone.post(f"{join_on}/api/v1/workshops/ZWEI36/join", json={"name": ""})
            assert joined.status_code == 201, joined.text
            headers = {"Authorization": f"Bearer {joined.json()['token']}"}
            stored = phone.put(f"{vote_on}/api/v1/rounds/{seeded['round']}/ballot", headers=headers,
                               json={"dots": {str(k): v for k, v in ballot.items()}})
            return sum(ballot.values()) if stored.status_code == 200 else 0

    with ThreadPoolExecutor(max_workers=50) as pool:
        acknowledged = [dots for dots in pool.map(participant, range(PARTICIPANTS)) if dots]
    engine = create_engine(normalise_database_url(database_url))
    with engine.connect() as connection:
        ballots = connection.execute(text("SELECT count(*) FROM workshop_ballots WHERE round_id = :r"),
                                     {"r": seeded["round"]}).scalar()
        dots = connection.execute(text("SELECT sum(e.value) FROM workshop_ballot_entries e JOIN workshop_ballots b "
                                       "ON b.id = e.ballot_id WHERE b.round_id = :r"), {"r": seeded["round"]}).scalar()
        participants = connection.execute(text("SELECT count(*) FROM workshop_participants")).scalar()
    engine.dispose()
    assert len(acknowledged) == PARTICIPANTS
    assert (ballots, dots, participants) == (PARTICIPANTS, sum(acknowledged), PARTICIPANTS)


def test_two_instances_share_rate_limits_jobs_and_votes(shared_services):
    from redis import Redis

    database_url = shared_services
    email = f"lead-{uuid.uuid4().hex[:8]}@example.org"
    queue = f"konzeptwerk-instances-{uuid.uuid4().hex[:8]}"
    seeded = _seed(database_url, email)
    # Own rate-limit counters: other test runs on the same Redis sign in from 127.0.0.1 too.
    environment = server_environment(DATABASE_URL=database_url, REDIS_URL=TEST_REDIS_URL, JOBS_QUEUE=queue,
                                     RATELIMIT_KEY_PREFIX=f"test-{queue}",
                                     WEB_CONCURRENCY="1", WEB_THREADS="8", BASE_URL="http://127.0.0.1")
    try:
        with ExitStack() as running, ThreadPoolExecutor(max_workers=1) as background:
            check = background.submit(run_flask, environment, "check", "--instances", "2")
            first = running.enter_context(gunicorn(environment))
            second = running.enter_context(gunicorn(environment))
            worker = running.enter_context(jobs_worker(environment))
            for server in (first, second):
                ready = httpx.get(server.url + "/readyz", timeout=60).json()
                assert ready["status"] == "ok" and ready["checks"]["jobs"]["workers"] == 1, ready

            _shows_rate_limit_across_instances(first.url, second.url, f"guess-{uuid.uuid4().hex[:8]}@example.org")
            _runs_a_job_started_on_one_and_seen_on_the_other(first.url, second.url, email, seeded, queue)
            _counts_every_vote_once(first.url, second.url, seeded, database_url)
            checked = check.result()
            assert checked.returncode == 0 and "0 error(s)" in checked.stdout, checked.stdout + checked.stderr
        assert "development server" not in first.output.lower() + second.output.lower()
        assert "Traceback" not in first.output + second.output + worker.output, worker.output[-2000:]
    finally:
        redis = Redis.from_url(TEST_REDIS_URL)
        for key in redis.scan_iter(match="rq:job:konzeptwerk-job-*"):
            if redis.hget(key, "origin") == queue.encode():
                redis.delete(key, key.replace(b"rq:job:", b"rq:results:"))
        for key in redis.scan_iter(match=f"*{queue}*"):
            redis.delete(key)
