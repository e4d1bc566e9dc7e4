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
