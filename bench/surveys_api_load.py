"""Load test of the survey JSON API: N respondents each save answers M times and submit, concurrently.

Starts gunicorn on 127.0.0.1 (loopback only) against a scratch PostgreSQL database
``bench_surveys_<pid>`` on postgresql://postgres@127.0.0.1:5432/test that the script
creates and drops itself (``--db sqlite`` uses a scratch SQLite file instead). Each
respondent has its own personal link and HTTP client: GET the survey, PUT one answer
per save (the first PUT gives consent), POST submit. Prints requests per second,
latency percentiles, errors, and compares answers sent with answers stored.

    .venv/bin/python bench/surveys_api_load.py --respondents 50 --saves 10
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"
SECRETS = {"SECRET_KEY": "bench-secret", "TOKEN_PEPPER": "bench-pepper"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(kind: str, workdir: Path):
    """Create the scratch database; return its URL and a function that removes it."""
    if kind == "sqlite":
        return "sqlite:///" + str(workdir / "bench.db"), lambda: None
    from sqlalchemy import create_engine, text

    name = f"bench_surveys_{os.getpid()}"
    admin = create_engine(PG_SERVER.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_SERVER.rsplit("/", 1)[0] + "/" + name, drop


def seed(database_url: str, respondents: int, saves: int) -> tuple[int, list[str], list[tuple[int, str, object]]]:
    """Create the schema, a survey with ``saves`` questions, and respondents with personal links."""
    os.environ["DATABASE_URL"] = database_url
    from app import create_app
    from app.extensions import db
    from app.projects import services as project_services
    from app.surveys import guides, invitations, respondent_records, services

    app = create_app(dict(SECRETS))
    with app.app_context():
        db.create_all()
        project = project_services.create_project(title="Lasttest", municipality="Monheim am Rhein",
                                                  template="monheim_2016")
        survey = services.create_survey(project, title="Lasttest-Befragung", consent_text="Einverstanden.")
        section = survey.sections[0]
        kinds = ["free_text", "single_choice", "multiple_choice", "scale", "ranking"]
        plan = []
        for number in range(saves):
            kind = kinds[number % len(kinds)]
            options = "a = Eins\nb = Zwei\nc = Drei" if kind in ("single_choice", "multiple_choice", "ranking") else None
            question = guides.add_question(section, kind=kind, text=f"Frage {number + 1}", options=options,
                                           is_required=number == 0)
            value = {"free_text": "Mehr Sprachkurse am Abend und ein Treffpunkt im Viertel. " * 3,
                     "single_choice": "b", "multiple_choice": ["a", "c"], "scale": 4,
                     "ranking": ["c", "a", "b"]}[kind]
            plan.append((question.id, kind, value))
        tokens = []
        for _ in range(respondents):
            respondent = respondent_records.add_respondent(survey, channel="personal", commit=False)
            db.session.flush()
            tokens.append(invitations.issue_link(respondent))
        db.session.commit()
        survey_id = survey.id
        db.engine.dispose()
    return survey_id, tokens, plan


def count_stored(database_url: str, survey_id: int) -> tuple[int, int]:
    """Return (answers stored, respondents completed) of the survey."""
    from sqlalchemy import create_engine, text

    from app.config import normalise_database_url

    engine = create_engine(normalise_database_url(database_url))
    with engine.connect() as connection:
        answers = connection.execute(text(
            "SELECT count(*) FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id "
            "WHERE q.survey_id = :s"), {"s": survey_id}).scalar()
        completed = connection.execute(text(
            "SELECT count(*) FROM survey_respondents WHERE survey_id = :s AND status = 'completed'"),
            {"s": survey_id}).scalar()
    engine.dispose()
    return answers, completed


def run_respondent(base: str, token: str, plan) -> list[tuple[str, float, int]]:
    """Answer one survey through the API; return (step, seconds, status) per request."""
    timings = []
    with httpx.Client(base_url=base, timeout=60) as client:
        def timed(step, method, path, **kwargs):
            started = time.perf_counter()
            response = client.request(method, path, **kwargs)
            timings.append((step, time.perf_counter() - started, response.status_code))
            return response

        timed("get", "GET", f"/api/v1/survey/{token}")
        for index, (question_id, _kind, value) in enumerate(plan):
            body = {"answers": {str(question_id): value}}
            if index == 0:
                body["consent"] = True
            timed("save", "PUT", f"/api/v1/survey/{token}/answers", json=body)
        timed("submit", "POST", f"/api/v1/survey/{token}/submit")
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--saves", type=int, default=10, help="answers (one per request) per respondent")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    args = parser.parse_args()
    args.respondents = max(1, min(args.respondents, 500))
    args.saves = max(1, min(args.saves, 50))

    workdir = Path(tempfile.mkdtemp(prefix="bench_surveys_"))
    database_url, drop = prepare_database(args.db, workdir)
    server = None
    try:
        survey_id, tokens, plan = seed(database_url, args.respondents, args.saves)
        port = free_port()
        env = {**os.environ, **SECRETS, "DATABASE_URL": database_url, "SESSION_COOKIE_SECURE": "0"}
        # Sync workers as in the recorded figures (gunicorn.conf.py would otherwise make them threaded).
        server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-w", str(args.workers), "-k", "sync",
                                   "--threads", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
                                  cwd=ROOT, env=env, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/v1/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start within 60 s")
            time.sleep(0.2)

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.respondents) as pool:
            results = list(pool.map(lambda token: run_respondent(base, token, plan), tokens))
        elapsed = time.perf_counter() - started
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    try:
        stored_answers, completed = count_stored(database_url, survey_id)
    finally:
        drop()
        shutil.rmtree(workdir, ignore_errors=True)

    timings = [t for respondent in results for t in respondent]
    errors = [t for t in timings if t[2] >= 400]
    print(f"database {args.db}, gunicorn -w {args.workers}, {args.respondents} concurrent respondents, "
          f"{args.saves} saves + submit each")
    print(f"{'step':<8}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for step in ("get", "save", "submit", "all"):
        values = [t[1] for t in timings if step == "all" or t[0] == step]
        print(f"{step:<8}{len(values):>10}{percentile(values, .5) * 1000:>10.1f}"
              f"{percentile(values, .95) * 1000:>10.1f}{percentile(values, .99) * 1000:>10.1f}")
    print(f"total {len(timings)} requests in {elapsed:.2f} s = {len(timings) / elapsed:.1f} requests/s; "
          f"errors {len(errors)}")
    sent = args.respondents * args.saves
    print(f"answers sent {sent}, stored {stored_answers}; submitted {args.respondents}, completed {completed}; "
          f"{'nothing lost' if (sent, args.respondents) == (stored_answers, completed) else 'MISMATCH'}")


if __name__ == "__main__":
    main()
