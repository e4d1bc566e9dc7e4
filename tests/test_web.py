"""Security baseline and layout: headers, CSP without inline script, cookies, error pages, templates."""
from __future__ import annotations

import re
from pathlib import Path

from app.config import build_config

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_script_or_style():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: inline script {match.group(0)}")
        if re.search(r"<style[\s>]", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: <style> block")
        if re.search(r"\sstyle\s*=", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: style attribute")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: inline event handler")
        if re.search(r"https?://(?!127\.0\.0\.1|localhost)[^\s\"']*\.(js|css)", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: external asset")
    assert not offenders, "\n".join(offenders)


def test_production_cookies_are_secure_and_http_only(tmp_path, monkeypatch):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    config = build_config(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]
    assert config["REMEMBER_COOKIE_SECURE"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_generated_secrets_live_in_instance_and_are_private(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = build_config(str(tmp_path))
    second = build_config(str(tmp_path))
    secrets_file = tmp_path / "secrets.json"
    assert first["SECRET_KEY"] == second["SECRET_KEY"] and len(first["SECRET_KEY"]) > 40
    assert secrets_file.stat().st_mode & 0o077 == 0


def test_page_has_landmarks_and_skip_link(lead_client):
    page = lead_client.get("/projects/").get_data(as_text=True)
    assert 'href="#main"' in page and '<main id="main"' in page
    assert "<header>" in page and "<footer" in page and "<nav" in page


def test_static_assets_are_served_locally(client):
    for path in ("/static/vendor/bootstrap/bootstrap.min.css", "/static/vendor/bootstrap/bootstrap.rtl.min.css",
                 "/static/vendor/htmx/htmx.min.js", "/static/js/app.js", "/static/css/app.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()


def test_too_large_upload_gets_a_clear_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/pages/accessibility", data={"message": "x" * 5000})
    assert response.status_code == 413
    assert "zu groß" in response.get_data(as_text=True)


def test_openapi_document_is_served(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "paths" in document
