"""Content translations on the staff page and through PO/XLIFF files for a translation office; consent versions."""
from __future__ import annotations

import io

from babel.messages.pofile import read_po, write_po

from app.extensions import db


def _lead(client, make_user, login):
    login(make_user(roles=("project_lead",)))


def test_po_export_lists_every_text_and_an_import_applies_translations(client, make_user, login, make_project):
    from app.surveys import guides, services
    from app.surveys.models import Question, Survey

    _lead(client, make_user, login)
    project = make_project()
    survey = services.create_survey(project, title="Befragung", consent_text="Ich stimme zu.")
    question = guides.add_question(survey.sections[0], kind="single_choice", text="Wie?",
                                   options="a = Per Post\nb = Online")
    exported = client.get(f"/languages/projects/{project.id}/pl/export.po")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    catalog = read_po(io.BytesIO(exported.data))
    keys = {m.context: m for m in catalog if m.id}
    assert keys[f"question/{question.id}/options/a"].id == "Per Post"
    assert str(catalog.locale) == "pl"
    keys[f"question/{question.id}/text"].string = "Jak?"
    keys[f"question/{question.id}/options/a"].string = "Pocztą"
    keys[f"survey/{survey.id}/title"].string = "Ankieta"
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    response = client.post(f"/languages/projects/{project.id}/pl/import",
                           data={"file": (io.BytesIO(buffer.getvalue()), "pl.po")}, follow_redirects=True)
    assert response.status_code == 200 and "3 Übersetzungen gespeichert." in response.get_data(as_text=True)
    question = db.session.get(Question, question.id)
    assert question.text_in("pl") == "Jak?" and question.options_in("pl")[0]["label"] == "Pocztą"
    assert db.session.get(Survey, survey.id).title_in("pl") == "Ankieta"


def test_import_refuses_texts_whose_german_source_changed_and_files_for_another_language(
        client, make_user, login, make_project):
    from app.surveys import services
    from app.surveys.models import Survey

    _lead(client, make_user, login)
    project = make_project()
    survey = services.create_survey(project, title="Alter Titel")
    xliff = client.get(f"/languages/projects/{project.id}/fr/export.xlf").data.decode()
    assert 'target-language="fr"' in xliff and "<source>Alter Titel</source>" in xliff
    services.update_survey(survey, title="Neuer Titel", purpose="", mode="both", opens_on=None, closes_on=None,
                           consent_text="", languages=[], asks_migration_history=True)
    translated = xliff.replace("<target />", "<target>Ancien titre</target>", 1)
    stale = client.post(f"/languages/projects/{project.id}/fr/import",
                        data={"file": (io.BytesIO(translated.encode()), "fr.xlf")}, follow_redirects=True)
    assert "1 Übersetzung nicht übernommen" in stale.get_data(as_text=True)
    assert db.session.get(Survey, survey.id).title_in("fr") == "Neuer Titel"
    wrong = client.post(f"/languages/projects/{project.id}/uk/import",
                        data={"file": (io.BytesIO(translated.encode()), "fr.xlf")})
    assert wrong.status_code == 422 and "nicht für „uk“" in wrong.get_data(as_text=True)
    assert db.session.get(Survey, survey.id).translations == {}


def test_a_file_cannot_write_into_another_projects_texts(client, make_user, login, make_project):
    from app.languages.exchange import apply_translations
    from app.surveys import services
    from app.surveys.models import Survey

    _lead(client, make_user, login)
    mine, theirs = make_project(), make_project()
    other = services.create_survey(theirs, title="Fremd")
    report = apply_translations(mine, "tr", {f"survey/{other.id}/title": "Yabancı"},
                                {f"survey/{other.id}/title": "Fremd"})
    assert report.unknown == [f"survey/{other.id}/title"] and report.applied == 0
    assert db.session.get(Survey, other.id).translations == {}


def test_translation_page_saves_edits_and_only_leads_may_use_it(client, make_user, login, make_project):
    from app.workshops import services
    from app.workshops.models import Workshop

    project = make_project()
    workshop = services.create_workshop(project, title="Workshop", kind="expert", instructions="Bitte abstimmen.")
    login(make_user(roles=("facilitator",)))
    assert client.get(f"/languages/projects/{project.id}/").status_code == 403
    client.post("/logout")
    _lead(client, make_user, login)
    overview = client.get(f"/languages/projects/{project.id}/").get_data(as_text=True)
    assert "Українська" in overview and "von" in overview
    page = client.get(f"/languages/projects/{project.id}/tr").get_data(as_text=True)
    assert f'name="tr:workshop/{workshop.id}/instructions"' in page
    client.post(f"/languages/projects/{project.id}/tr", data={
        f"tr:workshop/{workshop.id}/instructions": "Lütfen oy verin.",
        f"src:workshop/{workshop.id}/instructions": "Bitte abstimmen."})
    assert db.session.get(Workshop, workshop.id).instructions_in("tr") == "Lütfen oy verin."


def test_consent_records_language_version_and_the_wording_shown(client, make_user, login, seed_translated_project):
    from app.languages.exchange import apply_translations
    from app.surveys import invitations, respondent_records
    from app.surveys.models import Respondent, Survey

    ids = seed_translated_project(languages=("ar",))
    survey = db.session.get(Survey, ids["survey_id"])

    def consent_in(language):
        respondent = respondent_records.add_respondent(survey, channel="personal")
        token = invitations.issue_link(respondent)
        db.session.commit()
        client.post(f"/s/{token}?lang={language}", data={"consent": "yes", "migration_consent": "yes",
                                                           "lang": language})
        return db.session.get(Respondent, respondent.id)

    arabic = consent_in("ar")
    (record,) = arabic.consents
    assert (record.language, record.text_version) == ("ar", survey.consent_version)
    assert (record.text.language, record.text.body) == ("ar", "أوافق على تحليل إجاباتي.")
    assert record.text.special_language == "ar" and "المادة 9" in record.text.special_body
    ukrainian = consent_in("uk")
    (fallback,) = ukrainian.consents
    assert fallback.language == "uk" and fallback.text.language == "de"
    assert fallback.text.body == "Ich bin einverstanden, dass meine Antworten ausgewertet werden."
    assert fallback.text.special_language == "uk" and "ст. 9" in fallback.text.special_body
    version = survey.consent_version
    key = f"survey/{survey.id}/consent_text"
    apply_translations(survey.project, "ar", {key: "أوافق على تحليل إجاباتي وحفظها."})
    assert db.session.get(Survey, survey.id).consent_version == version + 1
    later = consent_in("ar")
    assert later.consents[0].text_version == version + 1 and later.consents[0].text.body.endswith("وحفظها.")
    assert db.session.get(Respondent, arabic.id).consents[0].text.body == "أوافق على تحليل إجاباتي."

    login(make_user(roles=("project_lead",)))
    page = client.get(f"/surveys/{survey.id}/respondents/{ukrainian.id}").get_data(as_text=True)
    assert "gewählte Sprache: Українська" in page and "Text gezeigt auf: Deutsch" in page
