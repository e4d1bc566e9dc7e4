"""The concept's outline: Monheim's structure, numbering, editing the outline."""
from __future__ import annotations

import pytest

from app.concept import queries, services
from app.errors import ValidationError


def _numbers(concept):
    return [(e.number, e.section.title) for e in queries.outline(concept)]


def test_new_concept_follows_monheims_table_of_contents(make_concept):
    concept = make_concept()
    numbers = _numbers(concept)
    assert numbers[:8] == [
        ("1", "Vorwort"), ("2", "Einführung"), ("2.1", "Prozessschritte"),
        ("3", "Integrationsverständnis, Leitlinien und Voraussetzungen"), ("3.1", "Integrationsverständnis"),
        ("3.2", "Milieuspezifischer Blick"), ("3.3", "Voraussetzungen gelingender Integration"),
        ("4", "Handlungsfelder, Ziele und Maßnahmen")]
    assert ("4.5", "Arbeitsmarktintegration") in numbers
    assert ("4.2 a)", "Stärken und Entwicklungspotentiale") in numbers
    assert ("4.2 b)", "Leitziele und Handlungsziele") in numbers
    assert ("4.2 c)", "Ideen und Maßnahmen") in numbers
    assert numbers[-2:] == [("5", "Erfolge messen"), ("6", "Anhang")], "Neuss: measuring success has its chapter"


def test_only_one_concept_per_project(make_concept):
    concept = make_concept()
    with pytest.raises(ValidationError):
        services.create_concept(concept.project)


def test_add_rename_move_and_delete_sections(make_concept):
    concept = make_concept()
    foreword = concept.sections[0]
    monitoring = services.add_section(concept, title="Umsetzung und Monitoring")
    assert _numbers(concept)[-1] == ("7", "Umsetzung und Monitoring")
    services.move_section(monitoring, "up")
    assert _numbers(concept)[-2:] == [("6", "Umsetzung und Monitoring"), ("7", "Anhang")]
    sub = services.add_section(concept, title="Berichte an die Ausschüsse", parent=monitoring)
    assert ("6.1", "Berichte an die Ausschüsse") in _numbers(concept)
    services.rename_section(foreword, "Vorwort der Bürgermeisterin")
    assert _numbers(concept)[0] == ("1", "Vorwort der Bürgermeisterin")
    services.delete_section(sub)
    assert ("6.1", "Berichte an die Ausschüsse") not in _numbers(concept)
    with pytest.raises(ValidationError):
        services.move_section(concept.sections[0], "up")


def test_field_chapters_cannot_be_deleted_but_follow_new_fields(make_concept):
    from app.projects import services as project_services

    concept = make_concept()
    chapter = queries.field_chapter(concept, concept.project.fields_of_action[0])
    with pytest.raises(ValidationError):
        services.delete_section(chapter)
    project_services.add_field_of_action(concept.project, "Wohnen")
    assert services.sync_field_chapters(concept) == 1
    assert ("4.6", "Wohnen") in _numbers(concept)
    assert ("4.6 c)", "Ideen und Maßnahmen") in _numbers(concept)


def test_outline_page_renames_and_adds(author_client, make_concept):
    concept = make_concept()
    project_id = concept.project_id
    page = author_client.get(f"/concept/{project_id}")
    assert page.status_code == 200
    assert "4.5 a)" in page.get_data(as_text=True)
    foreword = concept.sections[0]
    response = author_client.post(f"/concept/{project_id}/sections/{foreword.id}/rename", data={"title": "Geleitwort"})
    assert response.status_code == 302
    response = author_client.post(f"/concept/{project_id}/sections", data={"title": "Glossar", "parent_id": "0"})
    assert response.status_code == 302
    assert [t for _, t in _numbers(concept)][0] == "Geleitwort"
    assert _numbers(concept)[-1] == ("7", "Glossar")


def test_chapter_of_a_deleted_field_can_be_removed(author_client, make_concept):
    from app.projects import services as project_services

    concept = make_concept()
    field = concept.project.fields_of_action[4]
    chapter = queries.field_chapter(concept, field)
    project_services.delete_entry(field)
    db_chapter = queries.get_section_or_404(concept, chapter.id)
    assert db_chapter.field_of_action_id is None
    page = author_client.get(f"/concept/{concept.project_id}")
    assert page.status_code == 200 and "Arbeitsmarktintegration" in page.get_data(as_text=True)
    services.delete_section(db_chapter)
    assert "Arbeitsmarktintegration" not in [t for _, t in _numbers(concept)]
    assert _numbers(concept)[-1] == ("6", "Anhang")
