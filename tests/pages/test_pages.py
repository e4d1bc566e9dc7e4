"""Public pages: accessibility statement with feedback, Leichte Sprache, editable privacy notice, language."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.pages.models import AccessibilityFeedback


def test_footer_links_the_three_public_pages(client):
    page = client.get("/login").get_data(as_text=True)
    for path in ("/pages/accessibility", "/pages/easy-language", "/pages/privacy"):
        assert f'href="{path}"' in page
        assert client.get(path).status_code == 200


def test_feedback_about_a_barrier_is_stored(client):
    response = client.post("/pages/accessibility", data={"message": "Der Kontrast der Knöpfe ist zu schwach.",
                                                         "page": "/s/abc", "contact": ""})
    assert response.status_code == 302
    stored = db.session.scalar(select(AccessibilityFeedback))
    assert stored.message.startswith("Der Kontrast") and stored.contact is None


def test_empty_feedback_is_refused(client):
    response = client.post("/pages/accessibility", data={"message": "  "})
    assert response.status_code == 422
    assert "Bitte beschreiben Sie die Barriere." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(AccessibilityFeedback)) == 0


def test_easy_language_page_explains_the_platform(client):
    text = client.get("/pages/easy-language").get_data(as_text=True)
    assert "Leichter Sprache" in text and "Integrations-Konzept" in text


def test_project_lead_edits_the_privacy_notice(lead_client, client):
    assert "Wer ist verantwortlich?" in client.get("/pages/privacy").get_data(as_text=True)
    response = lead_client.post("/pages/privacy/edit", data={"body": "## Verantwortlich\nStadt Musterstadt <b>Amt 32</b>"})
    assert response.status_code == 302
    text = lead_client.get("/pages/privacy").get_data(as_text=True)
    assert "<h2>Verantwortlich</h2>" in text
    assert "&lt;b&gt;Amt 32&lt;/b&gt;" in text


def test_visitors_cannot_edit_the_privacy_notice(client):
    response = client.post("/pages/privacy/edit", data={"body": "gehackt"})
    assert response.status_code == 302
    assert "gehackt" not in client.get("/pages/privacy").get_data(as_text=True)


def test_language_switch_is_remembered(client):
    german = client.get("/login").get_data(as_text=True)
    assert '<html lang="de"' in german and "Anmelden" in german
    client.get("/pages/language/en?next=/login")
    english = client.get("/login").get_data(as_text=True)
    assert '<html lang="en"' in english
    assert "Log in" in english and "Skip to content" in english
    assert client.get("/pages/language/de?next=/login").headers["Location"] == "/login"


def test_language_switch_does_not_redirect_elsewhere(client):
    response = client.get("/pages/language/en?next=https://evil.example/")
    assert response.headers["Location"] == "/"
