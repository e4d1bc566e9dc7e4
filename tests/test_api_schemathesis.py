"""Schemathesis against the documented API, served on the demo data, with every check and real identifiers.

The server runs in a thread on a fresh SQLite file with the demo project loaded; Schemathesis runs as
its command line (as an integrator would) against /api/v1/openapi.json. The path parameters are real:
the demo workshop's join code, a personal survey link, the online survey's public code, an open round,
and a participant token for the operations that need one. Warnings fail the run, so an operation that
could not be tested (only 404s, missing authentication …) is a failure too.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture
def demo_api(tmp_path):
    """Serve the app with the demo project; return (base URL, real identifiers)."""
    from sqlalchemy import select

    from app import create_app
    from app.demo import load_demo
    from app.extensions import db
    from app.surveys import invitations, respondent_records
    from app.surveys.models import Survey
    from app.workshops import participation, services as workshop_services
    from app.workshops.demo import DEMO_JOIN_CODE
    from app.workshops.models import Workshop
    from app.workshops.voting import cast_ballot
    from tests.conftest import _test_config

    app = create_app(_test_config("sqlite:///" + str(tmp_path / "demo.db"), RATELIMIT_ENABLED=False))
    app.instance_path = str(tmp_path)
    with app.app_context():
        db.create_all()
        load_demo()
        online = db.session.scalar(select(Survey).where(Survey.public_code.is_not(None)))
        respondent = respondent_records.add_respondent(online, channel="personal")
        personal_token = invitations.issue_link(respondent)
        workshop = db.session.scalar(select(Workshop).where(Workshop.join_code == DEMO_JOIN_CODE))
        dots = next(r for r in workshop.rounds if r.method == "dots")
        proposals = next(r for r in workshop.rounds if r.method == "proposals")
        workshop_services.open_round(proposals)
        participant, participant_token = participation.join_workshop(workshop, display_name="Schemathesis")
        cast_ballot(dots, participant, dots={dots.items[0].id: 1})
        identifiers = {"public_code": online.public_code, "token": personal_token, "join_code": DEMO_JOIN_CODE,
                       "round_id": dots.id, "proposals_round_id": proposals.id,
                       "participant_token": participant_token}
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", identifiers
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _config(ids: dict) -> str:
    return f"""
[warnings]
fail-on = true

[auth.openapi.participantToken]
bearer = "{ids['participant_token']}"

[[operations]]
include-path-regex = "^/survey/public/"
parameters = {{ code = "{ids['public_code']}" }}

[[operations]]
include-path-regex = "^/survey/[{{]token[}}]"
parameters = {{ token = "{ids['token']}" }}

[[operations]]
include-path-regex = "^/workshops/"
parameters = {{ code = "{ids['join_code']}" }}

[[operations]]
include-path-regex = "^/rounds/[{{]round_id[}}]/(ballot|results)$"
parameters = {{ round_id = {ids['round_id']} }}

[[operations]]
include-path-regex = "^/rounds/[{{]round_id[}}]/proposals$"
parameters = {{ round_id = {ids['proposals_round_id']} }}
"""


def test_schemathesis_finds_nothing_in_the_documented_api(demo_api, tmp_path):
    base_url, ids = demo_api
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(ids), encoding="utf-8")
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    completed = subprocess.run(
        [str(SCHEMATHESIS), "--config-file", str(config), "run", f"{base_url}/api/v1/openapi.json",
         "--checks", "all", "--max-examples", "100", "--seed", "1", "--workers", "1", "--no-color",
         "--report-dir", str(tmp_path / "reports")],
        capture_output=True, text=True, timeout=900, env=environment, cwd=tmp_path, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-20000:]
    assert "Warning" not in output and "warning" not in output, output[-20000:]
