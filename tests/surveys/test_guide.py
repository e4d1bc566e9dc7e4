"""Building the guide: create, reorder, duplicate, preview, copy; edits that would orphan answers are refused."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db


def test_lead_creates_a_survey_and_builds_the_guide(lead_client, make_project):
    from app.surveys.models import Survey

    project = make_project()
    response = lead_client.post(f"/surveys/project/{project.id}/new", data={
        "title": "Interviewstudie 2026", "purpose": "Zweck", "mode": "both", "opens_on": "2026-01-01",
        "closes_on": "2026-03-01", "consent_text": "Einverstanden.", "languages": ["en", "ar", "de-x-ls"],
        "asks_migration_history": "y", "districts": "Mitte\nBaumberg", "age_bands": "18–29", "invitation_days": "30"})
    assert response.status_code == 302
    survey = db.session.query(Survey).one()
    assert survey.languages == ["de", "en", "ar", "de-x-ls"]
    assert survey.districts == ["Mitte", "Baumberg"]
    section = survey.sections[0]
    field = project.fields_of_action[3]
    added = lead_client.post(f"/surveys/{survey.id}/questions/new", data={
        "section_id": section.id, "kind": "single_choice", "text": "Kita?", "options": "Ja\nNein",
        "field_of_action_id": field.id, "is_required": "y", "scale_min": "1", "scale_max": "5",
        "tr-en-text": "Nursery?"})
    assert added.status_code == 302
    (question,) = survey.questions
    assert question.options == [{"value": "ja", "label": "Ja"}, {"value": "nein", "label": "Nein"}]
    assert question.field_of_action_id == field.id and question.is_required
    assert question.translations == {"en": {"text": "Nursery?"}}
    guide = lead_client.get(f"/surveys/{survey.id}/guide")
    assert guide.status_code == 200 and "Kita?" in guide.get_data(as_text=True)


def test_bad_question_input_is_explained_and_changes_nothing(lead_client, make_survey):
    survey = make_survey(with_guide=False)
    response = lead_client.post(f"/surveys/{survey.id}/questions/new", data={
        "section_id": survey.sections[0].id, "kind": "ranking", "text": "Reihenfolge?", "options": "Nur eine",
        "field_of_action_id": "0",
        "scale_min": "1", "scale_max": "5"})
    assert response.status_code == 422
    assert "mindestens zwei Optionen" in response.get_data(as_text=True)
    assert survey.questions == []


def test_reorder_and_duplicate_questions(lead_client, make_survey):
    survey = make_survey()
    first, second = survey.sections[0].questions
    lead_client.post(f"/surveys/{survey.id}/questions/{second.id}/move/up")
    db.session.refresh(survey.sections[0])
    assert [q.id for q in survey.sections[0].questions] == [second.id, first.id]
    lead_client.post(f"/surveys/{survey.id}/questions/{first.id}/move/down")
    db.session.refresh(survey)
    assert first.section_id == survey.sections[1].id and survey.sections[1].questions[0].id == first.id
    lead_client.post(f"/surveys/{survey.id}/questions/{second.id}/duplicate")
    db.session.refresh(survey)
    texts = [q.text for q in survey.sections[0].questions]
    assert texts == [second.text, second.text + " (Kopie)"]
    lead_client.post(f"/surveys/{survey.id}/sections/{survey.sections[1].id}/move/up")
    db.session.refresh(survey)
    assert survey.sections[0].title == "Bildung"


def test_preview_shows_the_guide_in_a_language_without_saving(lead_client, make_survey):
    survey = make_survey()
    page = lead_client.get(f"/surveys/{survey.id}/preview?lang=ar").get_data(as_text=True)
    assert "كيف تعيش التعايش المشترك؟" in page and 'dir="rtl"' in page
    assert "<form" not in page.split('class="surveys-preview"')[1]


def test_edits_that_would_orphan_answers_are_refused(lead_client, make_survey, invite, questions, full_answers):
    from app.surveys import submissions

    survey = make_survey()
    kinds = questions(survey)
    respondent, _token = invite(survey)
    submissions.save_answers(respondent, full_answers(survey))
    choice = kinds["single_choice"]
    base = {"section_id": choice.section_id, "text": choice.text, "scale_min": "1", "scale_max": "5",
            "field_of_action_id": "0"}

    kind_change = lead_client.post(f"/surveys/{survey.id}/questions/{choice.id}/edit",
                                   data={**base, "kind": "free_text"})
    assert kind_change.status_code == 422
    assert "Fragetyp kann nicht mehr geändert werden" in kind_change.get_data(as_text=True)

    drop_option = lead_client.post(f"/surveys/{survey.id}/questions/{choice.id}/edit",
                                   data={**base, "kind": "single_choice", "options": "event = Veranstaltung\nx = Neu"})
    assert drop_option.status_code == 422 and "mail" in drop_option.get_data(as_text=True)

    relabel = lead_client.post(f"/surveys/{survey.id}/questions/{choice.id}/edit", data={
        **base, "kind": "single_choice", "options": "mail = Per Mail\nevent = Veranstaltung\nnew = Aushang",
        "text": "Wie möchten Sie informiert werden?"})
    assert relabel.status_code == 302
    db.session.refresh(choice)
    assert choice.option_values == ["mail", "event", "new"] and choice.text.startswith("Wie möchten")

    scale = kinds["scale"]
    shrink = lead_client.post(f"/surveys/{survey.id}/questions/{scale.id}/edit", data={
        "section_id": scale.section_id, "text": scale.text, "kind": "scale", "scale_min": "1", "scale_max": "3",
        "field_of_action_id": "0"})
    assert shrink.status_code == 422

    deleted = lead_client.post(f"/surveys/{survey.id}/questions/{choice.id}/delete", follow_redirects=True)
    assert "kann nicht mehr gelöscht werden" in deleted.get_data(as_text=True)
    section_delete = lead_client.post(f"/surveys/{survey.id}/sections/{choice.section_id}/delete",
                                      follow_redirects=True)
    assert "verwaisen" in section_delete.get_data(as_text=True)
    db.session.refresh(survey)
    assert len(survey.questions) == 5 and len(respondent.answers) == 5


def test_copy_guide_from_another_project(lead_client, make_project, make_survey):
    source = make_survey(make_project(title="Altes Konzept"))
    target = make_survey(make_project(title="Neues Konzept"), with_guide=False, languages=())
    response = lead_client.post(f"/surveys/{target.id}/guide/copy", data={"source_id": source.id})
    assert response.status_code == 302
    db.session.refresh(target)
    assert [s.title for s in target.sections] == [s.title for s in source.sections]
    assert [q.text for q in target.ordered_questions()] == [q.text for q in source.ordered_questions()]
    copied = target.ordered_questions()[0]
    assert copied.field_of_action.name == source.ordered_questions()[0].field_of_action.name
    assert copied.field_of_action.project_id == target.project_id
    assert copied.translations["ar"]["text"] == "كيف تعيش التعايش المشترك؟"
    assert "ar" in target.languages
    assert len(source.questions) == 5


def test_survey_pages_render(lead_client, make_survey, invite):
    survey = make_survey(has_public_link=True)
    respondent, _token = invite(survey)
    for path in ("", "/edit", "/guide", "/respondents", "/import", f"/respondents/{respondent.id}",
                 f"/respondents/{respondent.id}/interview", "/public-sheet", "/respondents/new",
                 f"/questions/{survey.questions[0].id}/edit", f"/sections/{survey.sections[0].id}/edit"):
        assert lead_client.get(f"/surveys/{survey.id}{path}").status_code == 200, path
    assert lead_client.get(f"/surveys/project/{survey.project_id}").status_code == 200


def test_options_and_scale_labels_are_translated_before_the_first_save(lead_client, make_survey):
    from app.surveys.models import Question

    survey = make_survey(with_guide=False)
    section = survey.sections[0]
    choice = lead_client.post(f"/surveys/{survey.id}/questions/new", data={
        "section_id": section.id, "kind": "single_choice", "text": "Was brauchen Sie?",
        "options": "kita = Kinderbetreuung\nsport = Sport\nwork = Arbeit", "field_of_action_id": "0",
        "tr-en-text": "What do you need?", "tr-en-options": "Childcare\n\nSports\nWork",
        "tr-ar-options": "رعاية الأطفال"})
    assert choice.status_code == 302
    scale = lead_client.post(f"/surveys/{survey.id}/questions/new", data={
        "section_id": section.id, "kind": "scale", "text": "Wie gut?", "scale_min": "0", "scale_max": "4",
        "scale_min_label": "gar nicht", "scale_max_label": "sehr", "field_of_action_id": "0",
        "tr-en-scale-low": "not at all", "tr-en-scale-high": "very"})
    assert scale.status_code == 302
    first, second = db.session.scalars(select(Question).order_by(Question.id)).all()
    assert first.translations["en"] == {"text": "What do you need?",
                                        "options": {"kita": "Childcare", "sport": "Sports", "work": "Work"}}
    assert first.translations["ar"] == {"options": {"kita": "رعاية الأطفال"}}
    assert second.translations["en"] == {"scale_labels": {"0": "not at all", "4": "very"}}

    form = lead_client.get(f"/surveys/{survey.id}/questions/new").get_data(as_text=True)
    assert 'data-question-kinds="scale"' in form and 'name="tr-en-options"' in form
