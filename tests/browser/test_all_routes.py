"""Every page of the app (all GET routes in ``app.url_map``, ids from the demo project) in a real browser at
desktop and phone size: axe-core finds no violation of any impact, and no page is wider than the screen."""
from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.routes import is_public, page_urls
from tests.browser_fixtures import browser_login

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
#: Pages made for a projector, not a phone: checked with axe at every size, but not for phone width.
PROJECTOR_PAGES = {"workshops.present_workshop"}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """Serve the app with the demo project loaded; return (base url, login, pages to visit)."""
    from app import create_app
    from app.demo import load_demo
    from app.extensions import db
    from tests.browser.routes import demo_values
    from tests.conftest import _test_config

    folder = tmp_path_factory.mktemp("all-routes")
    app = create_app(_test_config("sqlite:///" + str(folder / "demo.db"), WTF_CSRF_ENABLED=True))
    app.instance_path = str(folder)
    with app.app_context():
        db.create_all()
        email, password, project_id = load_demo()
        urls, unfilled = page_urls(app, demo_values(project_id))
    assert not unfilled, f"routes the demo data cannot fill: {unfilled}"
    pages = _html_pages(app, urls, email, password)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", (email, password), pages
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _html_pages(app, urls, email, password) -> list[tuple[str, str]]:
    """Keep the routes that answer with an HTML page (files, JSON and polling partials are no pages)."""
    staff, anonymous = app.test_client(), app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    assert staff.post("/login", data={"email": email, "password": password}).status_code == 302
    app.config["WTF_CSRF_ENABLED"] = True
    pages = []
    for endpoint, url in urls:
        response = (anonymous if is_public(endpoint) else staff).get(url, follow_redirects=True)
        is_page = response.mimetype == "text/html" and response.get_data(as_text=True).lstrip().lower().startswith(
            "<!doctype html")
        response.close()
        if is_page:
            assert response.status_code == 200, f"{endpoint} {url} answered {response.status_code}"
            pages.append((endpoint, url))
    return pages


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v.get('impact')}): " + "; ".join(str(n.get("target")) for n in v.get("nodes", [])[:3])
            for v in results.response["violations"]]


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_is_accessible_and_fits_the_screen(demo_site, browser, size):
    base, (email, password), pages = demo_site
    assert len(pages) > 60
    problems = []
    for public in (False, True):
        context = browser.new_context(viewport=SIZES[size])
        page = context.new_page()
        if not public:
            browser_login(page, base, email, password)
            page.get_by_role("heading", name="Projekte").wait_for()
        for endpoint, url in pages:
            if is_public(endpoint) != public:
                continue
            response = page.goto(base + url)
            if response is None or response.status >= 400:
                problems.append(f"{endpoint} {url}: status {response.status if response else '-'}")
                continue
            for violation in _axe_violations(page):
                problems.append(f"{endpoint} {url}: {violation}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > SIZES[size]["width"] and endpoint not in PROJECTOR_PAGES:
                problems.append(f"{endpoint} {url}: {width} px wide at {SIZES[size]['width']} px")
        context.close()
    assert not problems, f"{len(problems)} problems at {size} size:\n" + "\n".join(problems)
