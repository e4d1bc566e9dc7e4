"""Analysis runs: started as jobs from the pages, and human decisions surviving a re-run."""
from __future__ import annotations

from sqlalchemy import select


def _themes_by_topic(analysis):
    from app.analysis.queries import theme_board

    board, _ = theme_board(analysis)
    found = {}
    for entry in board:
        text = " ".join(p.text for p in entry.passages)
        topic = "kita" if "Kita" in text else "sprache" if "Sprachkurs" in text else "verein"
        found[topic] = entry
    return found


def test_lead_starts_an_analysis_as_inline_job_and_sees_the_board(app, lead_client, make_project, make_survey,
                                                                  standard_respondents):
    from app.analysis.models import Analysis

    app.config["JOBS_BACKEND"] = "inline"
    project = make_project()
    survey = make_survey(project, standard_respondents)
    page = lead_client.get(f"/analysis/projects/{project.id}/new")
    assert page.status_code == 200 and "Interviewstudie" in page.get_data(as_text=True)
    response = lead_client.post(f"/analysis/projects/{project.id}/new", data={
        "title": "Interviews 2026", "scope": "survey", "survey_id": survey.id, "question_id": 0,
        "field_of_action_id": 0, "theme_count": 3, "min_cell_size": 5, "language": "de"})
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    analysis = Analysis.query.one()
    assert analysis.status == "ready" and analysis.run_count == 1 and len(analysis.themes) == 3
    job_page = lead_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Weiter zum Ergebnis" in job_page and f"/analysis/projects/{project.id}/{analysis.id}" in job_page
    board = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}").get_data(as_text=True)
    assert "Kita" in board and "Sprachkurse" in board and "Verein" in board


def test_run_in_the_default_thread_pool_does_not_block_the_request(app, lead_client, make_project, make_survey,
                                                                   standard_respondents):
    from app.analysis import board, codebook, services
    from app.analysis.models import Analysis
    from app.extensions import db
    from app.jobs.services import wait_for_job

    app.config["JOBS_BACKEND"] = "inline-thread"
    project = make_project()
    survey = make_survey(project, standard_respondents)
    analysis = services.create_analysis(project, title="Thread", scope="survey", survey_id=survey.id, theme_count=3)
    response = lead_client.post(f"/analysis/projects/{project.id}/{analysis.id}/run")
    assert response.status_code == 302
    job_id = int(response.headers["Location"].split("/jobs/")[1].split("?")[0])
    job = wait_for_job(job_id, timeout=120)
    assert job.status == "done", job.error
    db.session.expire_all()
    fresh = db.session.get(Analysis, analysis.id)
    assert fresh.status == "ready" and len(fresh.themes) == 3 and fresh.job_id == job_id


def test_bad_scope_is_refused_with_a_message_and_nothing_created(app, lead_client, make_project):
    from app.analysis.models import Analysis

    project = make_project()
    response = lead_client.post(f"/analysis/projects/{project.id}/new", data={
        "title": "X", "scope": "survey", "survey_id": 999, "min_cell_size": 5, "language": "de"})
    assert response.status_code == 422
    assert "Befragung dieses Projekts" in response.get_data(as_text=True)
    assert Analysis.query.count() == 0


def test_field_of_action_scope_reads_answers_across_surveys(app, make_project, make_survey):
    from app.analysis import board, codebook, services

    project = make_project()
    make_survey(project, [("kita", 0, "no")] * 6, title="A", field_index=3)
    make_survey(project, [("sprache", 1, "yes")] * 6, title="B", field_index=3)
    make_survey(project, [("verein", 1, "yes")] * 6, title="C", field_index=2)
    field = project.fields_of_action[3]
    analysis = services.create_analysis(project, title="Bildung", scope="field_of_action",
                                        field_of_action_id=field.id, theme_count=2)
    services.run_analysis(analysis)
    assert len(analysis.answers) == 12
    assert {t.field_of_action_id for t in analysis.themes} == {field.id}


def test_human_decisions_survive_a_rerun(app, analysed, make_user):
    from app.analysis import board, codebook, services
    from app.analysis.models import Coding, Passage, Theme, ThemeAssignment
    from app.extensions import db

    project, _survey, analysis = analysed
    person = make_user(roles=("author",))
    topics = _themes_by_topic(analysis)
    kita, sprache, verein = topics["kita"].theme, topics["sprache"].theme, topics["verein"].theme

    board.rename_theme(kita, label="Kinderbetreuung", definition="Plätze und Betreuungszeiten")
    board.tie_theme_to_field(kita, project.fields_of_action[3].id)
    board.merge_themes(sprache, [verein], person)
    moved = db.session.get(Passage, topics["kita"].passages[0].passage_id)
    board.move_passage(moved, sprache, person)
    outlier = db.session.get(Passage, topics["kita"].passages[1].passage_id)
    board.mark_outlier(outlier, person)
    code = codebook.create_code(analysis, name="Lücke", definition="Etwas fehlt")
    coded = db.session.get(Passage, topics["kita"].passages[2].passage_id)
    codebook.set_passage_codes(coded, [code.id], person)
    human_before = {(a.passage_id, a.theme_id, a.is_outlier) for a in
                    db.session.scalars(select(ThemeAssignment).where(ThemeAssignment.source == "human"))}

    services.run_analysis(analysis)
    db.session.expire_all()

    kita = db.session.get(Theme, kita.id)
    assert kita.label == "Kinderbetreuung" and kita.definition == "Plätze und Betreuungszeiten"
    assert kita.field_of_action_id == project.fields_of_action[3].id
    assert db.session.get(Theme, verein.id) is None
    merged = db.session.get(Theme, sprache.id)
    assert merged is not None and merged.is_human
    human_after = {(a.passage_id, a.theme_id, a.is_outlier) for a in
                   db.session.scalars(select(ThemeAssignment).where(ThemeAssignment.source == "human"))}
    assert human_after == human_before
    assert db.session.get(Passage, moved.id).theme_id == sprache.id
    assert db.session.get(Passage, outlier.id).theme_id is None
    assert db.session.get(Passage, outlier.id).effective_assignment.is_outlier
    assert db.session.scalars(select(Coding)).one().passage_id == coded.id
    assert db.session.get(Passage, coded.id).theme_id == kita.id
    assert analysis.run_count == 2


def test_rerun_proposes_new_answers_into_existing_themes_and_keeps_ids(app, analysed, make_survey):
    from app.analysis import board, codebook, services
    from app.analysis.models import Theme
    from app.analysis.queries import passage_rows
    from app.extensions import db
    from app.surveys.models import Answer, Respondent

    project, survey, analysis = analysed
    ids_before = {t.id for t in analysis.themes}
    question = survey.questions[0]
    person = Respondent(survey_id=survey.id, pseudonym="I-99", status="completed",
                        stakeholder_group_id=project.stakeholder_groups[0].id, migration_history="no")
    db.session.add(person)
    db.session.flush()
    db.session.add(Answer(respondent_id=person.id, question_id=question.id,
                          value="Es fehlen Kita-Plätze und Betreuung für Kinder im Stadtteil."))
    db.session.commit()
    services.run_analysis(analysis)
    db.session.expire_all()
    assert {t.id for t in db.session.scalars(select(Theme))} == ids_before
    new_row = next(r for r in passage_rows([analysis.id]) if r.pseudonym == "I-99")
    kita_theme = db.session.get(Theme, new_row.theme_id)
    assert "Kita" in " ".join(kita_theme.keywords) or "Betreuung" in kita_theme.label
    assert not new_row.is_human


def test_deleting_a_respondent_removes_their_copied_answers(app, analysed):
    from app.analysis.models import AnalysedAnswer
    from app.extensions import db
    from app.surveys.models import Respondent

    _project, survey, analysis = analysed
    before = AnalysedAnswer.query.count()
    person = db.session.scalars(select(Respondent).where(Respondent.survey_id == survey.id)).first()
    db.session.delete(person)
    db.session.commit()
    assert AnalysedAnswer.query.count() == before - 1


def test_analysis_never_copies_contact_data(app, lead_client, analysed):
    from app.analysis.exports import export_tables
    from app.analysis.models import AnalysedAnswer
    from app.analysis.queries import themes_for_project
    from app.surveys.models import RespondentContact
    from tests.analysis.conftest import contact_email, contact_name

    project, _survey, analysis = analysed
    assert RespondentContact.query.count() == 30
    copy = AnalysedAnswer.query.first()
    assert set(copy.attributes) <= {"migration_history", "district", "age_band"}
    assert copy.pseudonym.startswith("I-")
    base = f"/analysis/projects/{project.id}/{analysis.id}"
    outputs = [lead_client.get(base + path).get_data(as_text=True)
               for path in ("", "/comparison", "/search?q=Kita", "/export/passages.csv")]
    outputs.append(repr(export_tables(analysis)))
    outputs.append(repr(themes_for_project(project.id)))
    for number in range(1, 31):
        assert not any(contact_name(number) in text or contact_email(number) in text for text in outputs)


def test_a_failing_run_marks_job_and_analysis_as_failed(app, lead_client, make_project, make_survey,
                                                        standard_respondents, monkeypatch):
    from app.analysis import board, codebook, grouping, services
    from app.jobs.models import Job

    def broken(*args, **kwargs):
        raise RuntimeError("Gruppierung nicht möglich")

    app.config["JOBS_BACKEND"] = "inline"
    project = make_project()
    survey = make_survey(project, standard_respondents)
    analysis = services.create_analysis(project, title="Kaputt", scope="survey", survey_id=survey.id)
    monkeypatch.setattr(grouping, "group_texts", broken)
    lead_client.post(f"/analysis/projects/{project.id}/{analysis.id}/run")
    job = Job.query.one()
    assert job.status == "failed" and "nicht möglich" in job.error
    assert analysis.status == "failed"
    board = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}").get_data(as_text=True)
    assert "fehlgeschlagen" in board
    monkeypatch.undo()
    lead_client.post(f"/analysis/projects/{project.id}/{analysis.id}/run")
    assert analysis.status == "ready"


def test_run_is_refused_while_its_job_is_active_and_allowed_after_a_lost_worker(app, lead_client, analysed):
    from app.extensions import db
    from app.jobs.models import Job

    project, _survey, analysis = analysed
    app.config["JOBS_BACKEND"] = "inline"
    stuck = Job(kind="analysis.run", target="app.analysis.services:run_analysis_job", arguments={},
                status="running")
    db.session.add(stuck)
    db.session.flush()
    analysis.status, analysis.job_id = "running", stuck.id
    db.session.commit()
    refused = lead_client.post(f"/analysis/projects/{project.id}/{analysis.id}/run", follow_redirects=True)
    assert "läuft bereits" in refused.get_data(as_text=True)
    stuck.status = "failed"
    db.session.commit()
    assert lead_client.post(f"/analysis/projects/{project.id}/{analysis.id}/run").status_code == 302
    assert analysis.status == "ready" and analysis.run_count == 2


def test_unreachable_queue_gives_a_clear_message_and_changes_nothing(app, lead_client, analysed):
    project, _survey, analysis = analysed
    app.config.update(JOBS_BACKEND="rq", REDIS_URL="redis://127.0.0.1:1/0")
    response = lead_client.post(f"/analysis/projects/{project.id}/{analysis.id}/run", follow_redirects=True)
    assert "konnte nicht gestartet werden" in response.get_data(as_text=True)
    assert analysis.status == "ready"
