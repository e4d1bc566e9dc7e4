"""Section texts: saving with status and history, and refusing a save based on an outdated version."""
from __future__ import annotations

import pytest

from app.concept import services
from app.concept.models import EditConflict
from app.extensions import db


def _foreword(concept):
    return next(s for s in concept.sections if s.title == "Vorwort")


def test_save_records_status_version_and_who(make_concept, make_user):
    concept = make_concept()
    author = make_user(roles=("author",), full_name="Bea Beispiel")
    section = _foreword(concept)
    services.save_section(section, body="Liebe Leserinnen und Leser,", status="in_review", expected_version=1,
                          user=author)
    assert section.version == 2 and section.status == "in_review"
    assert section.updated_by.display_name == "Bea Beispiel"
    assert section.revisions[0].version == 2 and section.revisions[0].changed_by_id == author.id


def test_second_save_from_same_version_is_refused_and_changes_nothing(make_concept):
    concept = make_concept()
    section = _foreword(concept)
    services.save_section(section, body="Fassung von Anna", status="draft", expected_version=1)
    with pytest.raises(EditConflict):
        services.save_section(section, body="Fassung von Ben", status="final", expected_version=1)
    db.session.rollback()
    db.session.refresh(section)
    assert section.body == "Fassung von Anna" and section.status == "draft" and section.version == 2


def test_conflicting_save_in_the_editor_shows_both_texts(app, make_concept, make_user, login):
    concept = make_concept()
    section = _foreword(concept)
    url = f"/concept/{concept.project_id}/sections/{section.id}"
    anna = app.test_client()
    ben = app.test_client()
    for client, name in ((anna, "Anna"), (ben, "Ben")):
        user = make_user(roles=("author",), full_name=name)
        response = client.post("/login", data={"email": user.email, "password": "correct-horse-battery"})
        assert response.status_code in (302, 303)
    for client in (anna, ben):
        assert 'name="version" type="hidden" value="1"' in client.get(url).get_data(as_text=True)
    saved = anna.post(url, data={"title": "Vorwort", "body": "Zeile A\nGemeinsam", "status": "draft", "version": "1"})
    assert saved.status_code == 302
    refused = ben.post(url, data={"title": "Vorwort", "body": "Zeile B\nGemeinsam", "status": "final", "version": "1"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Nicht gespeichert" in page and "Anna" in page
    assert "Zeile A" in page and "Zeile B" in page
    assert "concept-diff-theirs" in page and "concept-diff-mine" in page
    db.session.refresh(section)
    assert section.body == "Zeile A\nGemeinsam" and section.status == "draft"
    again = ben.post(url, data={"title": "Vorwort", "body": "Zeile A\nZeile B\nGemeinsam", "status": "draft",
                                "version": "2"})
    assert again.status_code == 302
    db.session.refresh(section)
    assert section.body == "Zeile A\nZeile B\nGemeinsam" and section.version == 3


def test_editor_renders_formatting_and_escapes(author_client, make_concept):
    concept = make_concept()
    section = _foreword(concept)
    services.save_section(section, body="**Wichtig** <img src=x onerror=alert(1)>\n\n- Punkt", status="draft",
                          expected_version=1)
    page = author_client.get(f"/concept/{concept.project_id}/sections/{section.id}").get_data(as_text=True)
    assert "<strong>Wichtig</strong>" in page
    assert "<img src=x" not in page
    assert "<li>Punkt</li>" in page


def test_unknown_status_is_refused(author_client, make_concept):
    concept = make_concept()
    section = _foreword(concept)
    response = author_client.post(f"/concept/{concept.project_id}/sections/{section.id}",
                                  data={"title": "Vorwort", "body": "x", "status": "published", "version": "1"})
    assert response.status_code == 422
    db.session.refresh(section)
    assert section.body == "" and section.version == 1


def test_save_that_loses_a_race_is_refused(make_concept, monkeypatch):
    """Both saves passed the version check; the database still lets only one of them through."""
    from sqlalchemy import text

    from app.concept.models import ConceptSection

    concept = make_concept()
    section = _foreword(concept)
    original_check = ConceptSection.check_version

    def check_then_someone_else_saves(self, expected):
        original_check(self, expected)
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE concept_sections SET body = 'Fassung von Anna', version = 2 "
                                    "WHERE id = :id"), {"id": self.id})

    monkeypatch.setattr(ConceptSection, "check_version", check_then_someone_else_saves)
    with pytest.raises(EditConflict):
        services.save_section(section, body="Fassung von Ben", status="draft", expected_version=1)
    monkeypatch.undo()
    db.session.refresh(section)
    assert section.body == "Fassung von Anna" and section.version == 2
