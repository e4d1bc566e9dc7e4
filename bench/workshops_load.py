"""Load test of live voting: N participants join a workshop and cast a dot ballot within a time window.

Starts gunicorn on 127.0.0.1 (loopback only) against a scratch database that the
script creates and removes itself: PostgreSQL (``--db postgresql``, a database
``bench_workshops_<pid>`` on postgresql://postgres@127.0.0.1:5432/test) or a
SQLite file (``--db sqlite``, the default setup: WAL, busy timeout). Every
participant uses its own HTTP client: through the phone pages (``--via web``:
join form, ballot page, ballot form with CSRF token and session cookie) or the
JSON API (``--via api``). Prints p50/p95/p99 latency per step, errors, and
compares votes acknowledged with ballots and dots stored.

    .venv/bin/python bench/workshops_load.py --db postgresql --participants 300 --window 30
    .venv/bin/python bench/workshops_load.py --db sqlite --participants 36 --window 30
    .venv/bin/python bench/workshops_load.py --db postgresql --participants 300 --window 0 --concurrency 300 \\
        --via api --instances 2 --workers 1 --worker-class gthread --threads 8 --redis redis://127.0.0.1:6379/13
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import re
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"
JOIN_CODE = "LOAD36"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
#: One TLS context for all clients (never used on http://, but each client would otherwise build its own).
SSL_CONTEXT = ssl.create_default_context()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(kind: str, workdir: Path) -> tuple[str, callable]:
    """Create the scratch database and return its URL and a function that removes it."""
    if kind == "sqlite":
        return "sqlite:///" + str(workdir / "bench.db"), lambda: None
    from sqlalchemy import create_engine, text

    name = f"bench_workshops_{os.getpid()}"
    admin = create_engine(PG_SERVER.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_SERVER.rsplit("/", 1)[0] + "/" + name, drop


def seed(database_url: str, items: int) -> tuple[int, list[int]]:
    """Create the schema and a workshop with an open dot-voting round (5 dots, at most 2 per item)."""
    os.environ["DATABASE_URL"] = database_url
    from app import create_app
    from app.extensions import db
    from app.projects import services as project_services
    from app.workshops import services

    app = create_app({"SECRET_KEY": "bench-secret", "TOKEN_PEPPER": "bench-pepper"})
    with app.app_context():
        db.create_all()
        project = project_services.create_project(title="Lasttest", municipality="Teststadt",
                                                  template="monheim_2016")
        workshop = services.create_workshop(project, title="Entscheider-Workshop", kind="decision_maker",
                                            join_code=JOIN_CODE)
        fields = project.fields_of_action
        goals = [services.create_item(workshop, kind="guiding_goal", title=f"Leitziel {n + 1}",
                                      field_of_action_id=fields[n % len(fields)].id) for n in range(items)]
        voting_round = services.create_round(workshop, title="Prioritäten", method="dots",
                                             item_ids=[g.id for g in goals], budget=5, max_per_item=2)
        services.open_round(voting_round)
        result = voting_round.id, [g.id for g in goals]
        db.session.remove()
        db.engine.dispose()
    return result


def count_stored(database_url: str, round_id: int) -> tuple[int, int]:
    """Return (ballots, dots) stored for the round."""
    from sqlalchemy import create_engine, text

    from app.config import normalise_database_url

    engine = create_engine(normalise_database_url(database_url))
    with engine.connect() as connection:
        ballots = connection.execute(text("SELECT count(*) FROM workshop_ballots WHERE round_id = :r"),
                                     {"r": round_id}).scalar()
        dots = connection.execute(text("SELECT coalesce(sum(e.value), 0) FROM workshop_ballot_entries e "
                                       "JOIN workshop_ballots b ON b.id = e.ballot_id WHERE b.round_id = :r"),
                                  {"r": round_id}).scalar()
    engine.dispose()
    return int(ballots), int(dots)


def start_server(database_url: str, workers: int, worker_class: str = "sync", threads: int = 1,
                 redis_url: str = "", queue: str = "") -> tuple[subprocess.Popen, str]:
    """Start one gunicorn instance (gunicorn.conf.py with the given worker type and count)."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, SESSION_COOKIE_SECURE="0", SECRET_KEY="bench-secret",
               TOKEN_PEPPER="bench-pepper", SECURITY_PASSWORD_SALT="bench-salt", TOTP_SECRET="bench-totp-secret-0123",
               RETENTION_SCHEDULE="off")
    if redis_url:
        env.update(REDIS_URL=redis_url, JOBS_QUEUE=queue)
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py", "-w", str(workers), "-k", worker_class,
         "--threads", str(threads), "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            # Every worker imports the app on boot: wait until several answer in a row.
            if all(httpx.get(base + "/api/v1/openapi.json", timeout=10, trust_env=False).status_code == 200
                   for _n in range(workers * 2)):
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("gunicorn did not answer within 120 s")


def stop_server(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


class Recorder:
    """Collects latencies per step and outcomes, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.acknowledged = 0
        self.acknowledged_dots = 0

    def timed(self, step: str, call):
        start = time.perf_counter()
        response = call()
        elapsed = time.perf_counter() - start
        with self.lock:
            self.latencies.setdefault(step, []).append(elapsed)
        return response

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def ack(self, dots: int) -> None:
        with self.lock:
            self.acknowledged += 1
            self.acknowledged_dots += dots


def random_ballot(item_ids: list[int], chance: random.Random) -> dict[int, int]:
    ballot: dict[int, int] = {}
    left = 5
    while left:
        item = chance.choice(item_ids)
        if ballot.get(item, 0) < 2:
            ballot[item] = ballot.get(item, 0) + 1
            left -= 1
    return ballot


def participant_via_api(base: str, round_id: int, item_ids: list[int], seed_value: int, rec: Recorder) -> None:
    chance = random.Random(seed_value)
    with httpx.Client(base_url=base, timeout=30, trust_env=False, verify=SSL_CONTEXT) as client:
        response = rec.timed("join", lambda: client.post(f"/api/v1/workshops/{JOIN_CODE}/join",
                                                         json={"name": f"P{seed_value}"}))
        if response.status_code != 201:
            return rec.error(f"join {response.status_code}")
        token = response.json()["token"]
        response = rec.timed("rounds", lambda: client.get(f"/api/v1/workshops/{JOIN_CODE}/rounds"))
        if response.status_code != 200:
            return rec.error(f"rounds {response.status_code}")
        ballot = random_ballot(item_ids, chance)
        response = rec.timed("ballot", lambda: client.put(
            f"/api/v1/rounds/{round_id}/ballot", headers={"Authorization": f"Bearer {token}"},
            json={"dots": {str(k): v for k, v in ballot.items()}}))
        if response.status_code != 200:
            return rec.error(f"ballot {response.status_code}")
        rec.ack(sum(ballot.values()))


def participant_via_web(base: str, round_id: int, item_ids: list[int], seed_value: int, rec: Recorder) -> None:
    chance = random.Random(seed_value)
    with httpx.Client(base_url=base, timeout=30, trust_env=False, verify=SSL_CONTEXT) as client:
        page = rec.timed("join page", lambda: client.get(f"/w/{JOIN_CODE}"))
        token = CSRF.search(page.text)
        if page.status_code != 200 or not token:
            return rec.error(f"join page {page.status_code}")
        response = rec.timed("join", lambda: client.post(f"/w/{JOIN_CODE}", data={
            "csrf_token": token.group(1), "name": f"P{seed_value}", "group": "0"}))
        if response.status_code != 302:
            return rec.error(f"join {response.status_code}")
        page = rec.timed("ballot page", lambda: client.get(f"/w/{JOIN_CODE}/vote"))
        token = CSRF.search(page.text)
        if page.status_code != 200 or not token:
            return rec.error(f"ballot page {page.status_code}")
        ballot = random_ballot(item_ids, chance)
        form = {"csrf_token": token.group(1), **{f"item-{k}": str(v) for k, v in ballot.items()}}
        response = rec.timed("ballot", lambda: client.post(f"/w/{JOIN_CODE}/rounds/{round_id}", data=form))
        if response.status_code != 302:
            return rec.error(f"ballot {response.status_code}")
        rec.ack(sum(ballot.values()))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--window", type=float, default=30.0, help="seconds over which participants arrive")
    parser.add_argument("--via", choices=("web", "api"), default="web")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per instance")
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync", help="gunicorn worker type")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--instances", type=int, default=1,
                        help="gunicorn instances on the same database; participants are spread over them")
    parser.add_argument("--redis", default="",
                        help="REDIS_URL for rate limits and jobs (needed for more than one process to count limits "
                             "together), e.g. redis://127.0.0.1:6379/13")
    parser.add_argument("--items", type=int, default=12)
    parser.add_argument("--concurrency", type=int, default=64, help="client threads")
    args = parser.parse_args()
    if not 1 <= args.participants <= 2000 or not 0 <= args.window <= 120:
        raise SystemExit("participants must be 1..2000 and window 0..120 s (0: everybody at once)")
    if not 1 <= args.instances <= 8:
        raise SystemExit("instances must be 1..8")

    logging.getLogger("httpx").setLevel(logging.WARNING)
    workdir = Path(tempfile.mkdtemp(prefix="bench_workshops_"))
    database_url, drop = prepare_database(args.db, workdir)
    processes = []
    try:
        round_id, item_ids = seed(database_url, args.items)
        queue = f"bench-{os.getpid()}"
        bases = []
        for _instance in range(args.instances):
            process, base = start_server(database_url, args.workers, args.worker_class, args.threads, args.redis,
                                         queue)
            processes.append(process)
            bases.append(base)
        rec = Recorder()
        run = participant_via_web if args.via == "web" else participant_via_api
        gap = args.window / args.participants
        started = time.perf_counter()

        def arrive(n: int) -> None:
            delay = started + n * gap - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            try:
                run(bases[n % len(bases)], round_id, item_ids, n, rec)
            except httpx.HTTPError as error:
                rec.error(type(error).__name__)

        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(arrive, range(args.participants)))
        duration = time.perf_counter() - started
        ballots, dots = count_stored(database_url, round_id)
    finally:
        for process in processes:
            stop_server(process)
        drop()
        shutil.rmtree(workdir, ignore_errors=True)

    requests = sum(len(values) for values in rec.latencies.values())
    print(f"database={args.db} via={args.via} participants={args.participants} window={args.window:.0f}s "
          f"instances={args.instances} x gunicorn {args.worker_class} workers={args.workers} threads={args.threads} "
          f"redis={'yes' if args.redis else 'no'} client threads={args.concurrency} load avg={os.getloadavg()[0]:.1f}")
    print(f"all participants done after {duration:.1f} s; throughput {requests / duration:.1f} requests/s, "
          f"{rec.acknowledged / duration:.1f} ballots/s")
    print(f"{'step':<12} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    every = []
    for step, values in rec.latencies.items():
        every += values
        print(f"{step:<12} {len(values):>5} {statistics.median(values) * 1000:>8.1f} "
              f"{percentile(values, .95) * 1000:>8.1f} {percentile(values, .99) * 1000:>8.1f} "
              f"{max(values) * 1000:>8.1f}")
    if every:
        print(f"{'all requests':<12} {len(every):>5} {statistics.median(every) * 1000:>8.1f} "
              f"{percentile(every, .95) * 1000:>8.1f} {percentile(every, .99) * 1000:>8.1f} {max(every) * 1000:>8.1f}")
    print(f"errors: {len(rec.errors)}" + (f" ({', '.join(sorted(set(rec.errors)))})" if rec.errors else ""))
    print(f"votes acknowledged: {rec.acknowledged} ballots / {rec.acknowledged_dots} dots; "
          f"stored: {ballots} ballots / {dots} dots; "
          f"{'nothing lost' if (ballots, dots) == (rec.acknowledged, rec.acknowledged_dots) else 'MISMATCH'}")


if __name__ == "__main__":
    main()
