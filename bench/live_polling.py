"""Requests/s of the endpoints every phone and the projector poll, as a share of a hello-world's.

Starts, one after the other on the same gunicorn settings (``-k gthread -w WORKERS --threads
THREADS``, loopback only), a bare Flask hello-world and the app against a scratch database
(PostgreSQL ``bench_live_<pid>`` on postgresql://postgres@127.0.0.1:5432/test, or SQLite),
seeded with a workshop, an open dot-voting round of 12 goals and PARTICIPANTS participants
who already voted. Then wrk (Debian package ``wrk``) runs closed-loop for DURATION seconds
against each endpoint, and the hello-world again at the end; the ratio is taken against the
mean of the two hello-world runs. Rate limits are off (``RATELIMIT_ENABLED=0``, benchmarks
only), since wrk is one client that would otherwise hit them at once.

Endpoints: open rounds (no token, as a phone polls before it has one; and revalidating with
``If-None-Match``: 304), results (each request with a random participant's token; and
revalidating), and the ballot (PUT, a random participant and a random ballot each time).

    .venv/bin/python bench/live_polling.py --db postgresql --duration 10 --connections 32
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from workshops_load import JOIN_CODE, free_port, prepare_database, stop_server  # noqa: E402

HELLO = '''
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
'''

#: wrk script: each request picks a random participant token (and for PUT a random ballot).
LUA_RANDOM = r'''
local tokens = {}
for line in io.lines("%(tokens)s") do tokens[#tokens + 1] = line end
local items = {%(items)s}
local method = "%(method)s"
local path = "%(path)s"
local etag = nil
math.randomseed(os.time())
request = function()
  local headers = {}
  headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
  if method == "PUT" then
    headers["Content-Type"] = "application/json"
    local dots, left, given = {}, 5, {}
    while left > 0 do
      local item = items[math.random(#items)]
      if (given[item] or 0) < 2 then given[item] = (given[item] or 0) + 1; left = left - 1 end
    end
    for item, n in pairs(given) do dots[#dots + 1] = string.format('"%%d": %%d', item, n) end
    return wrk.format("PUT", path, headers, '{"dots": {' .. table.concat(dots, ", ") .. '}}')
  end
  if %(revalidate)s and etag then headers["If-None-Match"] = etag end
  return wrk.format("GET", path, headers)
end
response = function(status, headers, body)
  if status == 200 and headers["ETag"] then etag = headers["ETag"] end
end
'''

LUA_PLAIN = r'''
local etag = nil
request = function()
  local headers = {}
  if %(revalidate)s and etag then headers["If-None-Match"] = etag end
  return wrk.format("GET", nil, headers)
end
response = function(status, headers, body)
  if status == 200 and headers["ETag"] then etag = headers["ETag"] end
end
'''


def seed(database_url: str, participants: int, items: int) -> tuple[int, list[int], list[str]]:
    """Create the schema, a workshop with an open dot-voting round, and participants who voted."""
    os.environ["DATABASE_URL"] = database_url
    import random

    from app import create_app
    from app.extensions import db
    from app.projects import services as project_services
    from app.workshops import participation, services
    from app.workshops.voting import cast_ballot

    app = create_app({"SECRET_KEY": "bench-secret", "TOKEN_PEPPER": "bench-pepper"})
    chance = random.Random(7)
    with app.app_context():
        db.create_all()
        project = project_services.create_project(title="Lasttest", municipality="Teststadt",
                                                  template="monheim_2016")
        workshop = services.create_workshop(project, title="Entscheider-Workshop", kind="decision_maker",
                                            join_code=JOIN_CODE)
        fields = project.fields_of_action
        goals = [services.create_item(workshop, kind="guiding_goal", title=f"Leitziel {n + 1}",
                                      description="Ein Satz, der das Ziel erläutert.",
                                      field_of_action_id=fields[n % len(fields)].id) for n in range(items)]
        voting_round = services.create_round(workshop, title="Prioritäten", method="dots",
                                             item_ids=[g.id for g in goals], budget=5, max_per_item=2)
        services.open_round(voting_round)
        tokens = []
        for n in range(participants):
            participant, token = participation.join_workshop(workshop, display_name=f"P{n}")
            tokens.append(token)
            cast_ballot(voting_round, participant, dots={chance.choice(goals).id: 1 for _k in range(3)})
        result = voting_round.id, [g.id for g in goals], tokens
        db.session.remove()
        db.engine.dispose()
    return result


def start(app_spec: str, cwd: Path, database_url: str, workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    """Start gunicorn with the given settings (the same for the hello-world and the app)."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, SESSION_COOKIE_SECURE="0", SECRET_KEY="bench-secret",
               TOKEN_PEPPER="bench-pepper", SECURITY_PASSWORD_SALT="bench-salt",
               TOTP_SECRET="bench-totp-secret-0123", RETENTION_SCHEDULE="off", RATELIMIT_ENABLED="0",
               PYTHONPATH=str(cwd))
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-k", "gthread", "-w", str(workers), "--threads", str(threads),
         "--keep-alive", "5", "-b", f"127.0.0.1:{port}", "--log-level", "warning", app_spec],
        cwd=cwd, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if all(httpx.get(base + "/", timeout=10, trust_env=False).status_code < 500 for _n in range(workers * 2)):
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("gunicorn did not answer within 120 s")


def run_wrk(url: str, script: str, workdir: Path, duration: int, connections: int, threads: int) -> dict:
    """Run wrk and return requests/s, latency and the count of answers other than 2xx/3xx."""
    path = workdir / f"script{time.monotonic_ns()}.lua"
    path.write_text(script, encoding="utf-8")
    output = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
                             "-s", str(path), url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = re.search(r"Latency\s+([\d.]+)(\w+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)

    def ms(match):
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {"rate": rate, "mean_ms": ms(latency), "p99_ms": ms(p99), "bad": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(0) if errors else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn gthread workers")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--only", default="", help="comma-separated names of the runs to make (default: all)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench_live_"))
    (workdir / "hello_app.py").write_text(HELLO, encoding="utf-8")
    database_url, drop = prepare_database(args.db, workdir)
    figures: dict[str, dict] = {}
    try:
        round_id, item_ids, tokens = seed(database_url, args.participants, 12)
        (workdir / "tokens.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")

        def lua(method: str, path: str, revalidate: bool) -> str:
            return LUA_RANDOM % {"tokens": workdir / "tokens.txt", "items": ", ".join(map(str, item_ids)),
                                 "method": method, "path": path, "revalidate": "true" if revalidate else "false"}

        plain = LUA_PLAIN % {"revalidate": "false"}
        runs = [
            ("rounds", f"/api/v1/workshops/{JOIN_CODE}/rounds", plain),
            ("rounds 304", f"/api/v1/workshops/{JOIN_CODE}/rounds", LUA_PLAIN % {"revalidate": "true"}),
            ("results", "/", lua("GET", f"/api/v1/rounds/{round_id}/results", False)),
            ("results 304", "/", lua("GET", f"/api/v1/rounds/{round_id}/results", True)),
            ("ballot", "/", lua("PUT", f"/api/v1/rounds/{round_id}/ballot", False)),
        ]
        chosen = {name.strip() for name in args.only.split(",") if name.strip()}

        def hello_run(label: str) -> None:
            process, base = start("hello_app:app", workdir, database_url, args.workers, args.threads)
            try:
                figures[label] = run_wrk(base + "/", plain, workdir, args.duration, args.connections,
                                         args.wrk_threads)
            finally:
                stop_server(process)

        load_before = os.getloadavg()[0]
        hello_run("hello-world (before)")
        process, base = start("wsgi:app", ROOT, database_url, args.workers, args.threads)
        try:
            for name, path, script in runs:
                if chosen and name not in chosen:
                    continue
                figures[name] = run_wrk(base + path, script, workdir, args.duration, args.connections,
                                        args.wrk_threads)
        finally:
            stop_server(process)
        hello_run("hello-world (after)")
        load_after = os.getloadavg()[0]
    finally:
        drop()
        shutil.rmtree(workdir, ignore_errors=True)

    floor = (figures["hello-world (before)"]["rate"] + figures["hello-world (after)"]["rate"]) / 2
    print(f"database={args.db} gunicorn gthread workers={args.workers} threads={args.threads} "
          f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s; "
          f"load avg {load_before:.1f} -> {load_after:.1f}")
    print(f"{'run':<22} {'req/s':>9} {'share':>7} {'mean ms':>8} {'p99 ms':>8} {'non-2xx/3xx':>11}")
    for name, row in figures.items():
        share = "" if name.startswith("hello") else f"{row['rate'] / floor * 100:.1f} %"
        print(f"{name:<22} {row['rate']:>9.1f} {share:>7} {row['mean_ms']:>8.1f} {row['p99_ms']:>8.1f} "
              f"{row['bad']:>11} {row['socket_errors']}")
    print(json.dumps({"floor": floor, **{k: v["rate"] for k, v in figures.items()}}))


if __name__ == "__main__":
    main()
