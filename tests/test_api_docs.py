"""The API's documentation page: Swagger UI from the pinned package, under the app's strict CSP, no CDN."""
from __future__ import annotations

import pytest


def test_docs_page_uses_only_local_files(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "https://" not in html and "http://" not in html
    assert "<script>" not in html  # the CSP allows no inline script
    bundle = client.get("/api/v1/docs/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and b"SwaggerUIBundle" in bundle.get_data()
    bundle.close()


@pytest.mark.browser
def test_docs_page_shows_every_operation_under_the_csp(live_server, page):
    messages = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".opblock")
    document = page.request.get(live_server.url + "/api/v1/openapi.json").json()
    expected = sum(len(methods) for methods in document["paths"].values())
    assert page.locator(".opblock").count() == expected
    page.locator(".opblock-summary", has_text="/survey/{token}/answers").click()
    assert page.get_by_text("AnswersUpdate").first.is_visible()
    assert not [m for m in messages if m.startswith("error")], messages
    assert all(url.startswith(live_server.url) for url in requests), requests


def test_every_api_route_is_validated_and_documented(app, client):
    """No view under /api/v1 goes around the schema layer: each has an @operation and is in the document."""
    document = client.get("/api/v1/openapi.json").get_json()
    own = {"api.show_openapi", "api.show_docs", "api.swagger_ui.static"}
    undocumented = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint in own:
            continue
        path = rule.rule.removeprefix("/api/v1").replace("<int:", "<").replace("<", "{").replace(">", "}")
        methods = rule.methods - {"HEAD", "OPTIONS"}
        if not hasattr(app.view_functions[rule.endpoint], "api_operation") or not all(
                method.lower() in document["paths"].get(path, {}) for method in methods):
            undocumented.append(rule.rule)
    assert not undocumented
    assert len(document["paths"]) >= 8
