"""Browser-test fixtures: a live server on a fresh SQLite file and Playwright on Debian's Chromium.

Without /usr/bin/chromium the browser tests are skipped, unless ``REQUIRE_BROWSER=1``
(as in CI), where a missing browser is a failure.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (never a downloaded browser), headless."""
    if not os.path.exists(CHROMIUM):
        if REQUIRE_BROWSER:
            pytest.fail(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@dataclass
class LiveServer:
    """A running app: its base URL and the Flask app (use ``app.app_context()`` to seed data)."""

    url: str
    app: object


@pytest.fixture
def live_server(tmp_path):
    """Serve the app on 127.0.0.1 with a fresh SQLite database in a background thread."""
    from app import create_app
    from app.extensions import db
    from tests.conftest import _test_config

    app = create_app(_test_config("sqlite:///" + str(tmp_path / "live.db"), WTF_CSRF_ENABLED=True))
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def assert_no_serious_axe_violations(page) -> None:
    """Run axe-core on the page and fail on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> "
                        + "; ".join(str(n.get('target')) for n in v.get("nodes", [])[:5]) for v in violations)
    assert not violations, f"axe-core violations on {page.url}:\n{details}"


def browser_login(page, base_url: str, email: str, password: str) -> None:
    """Log in through the login form."""
    page.goto(base_url + "/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
