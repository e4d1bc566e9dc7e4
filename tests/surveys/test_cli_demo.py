"""Shell commands and the demo data."""
from __future__ import annotations

import csv

from sqlalchemy import func, select

from app.extensions import db


def test_invite_prints_links_and_export_writes_files(runner, make_survey, tmp_path, full_answers):
    from app.surveys import submissions

    survey = make_survey()
    group = survey.project.stakeholder_groups[2]
    result = runner.invoke(args=["surveys", "invite", "--survey", str(survey.id), "--count", "2",
                                 "--group", group.name])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "\thttp" in line]
    assert len(lines) == 2 and all("http://127.0.0.1:5000/s/" in line and group.name in line for line in lines)
    assert "BASE_URL" in result.output

    respondent = survey.respondents[0]
    submissions.save_answers(respondent, full_answers(survey))
    for name in ("answers.csv", "answers.xlsx"):
        out = tmp_path / name
        result = runner.invoke(args=["surveys", "export", "--survey", str(survey.id), "--output", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    rows = list(csv.reader((tmp_path / "answers.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][0] == "pseudonym" and len(rows) == 3

    bad = runner.invoke(args=["surveys", "invite", "--survey", "999", "--count", "1"])
    assert bad.exit_code != 0 and "999" in bad.output


def test_demo_is_monheim_shaped_and_idempotent(app, make_project):
    from app.surveys.demo import load_demo
    from app.surveys.models import Respondent, Survey
    from app.surveys.queries import free_text_answers

    project = make_project()
    load_demo(project)
    load_demo(project)
    surveys = db.session.scalars(select(Survey).order_by(Survey.id)).all()
    assert len(surveys) == 2
    study, online = surveys
    assert study.mode == "both" and study.is_open and 9 <= len(study.questions) <= 12
    assert len(study.respondents) == 19
    assert len({r.stakeholder_group_id for r in study.respondents}) == 8
    assert {r.migration_history for r in study.respondents} == {"yes", "no", "not_stated"}
    assert online.has_public_link and online.is_open
    completed = db.session.scalar(select(func.count()).select_from(Respondent)
                                  .where(Respondent.survey_id == online.id, Respondent.status == "completed"))
    assert completed >= 150
    from app.surveys.mailing import respondents_by_mail_state

    states = respondents_by_mail_state(online)
    assert states["sent"] >= 5 and states["opted_out"] == 1 and states["failed"] == 1 and states["not_mailed"] >= 1
    texts = [r.text for r in free_text_answers(project.id, survey_id=study.id)]
    assert len(texts) == 19 * 7 and len(set(texts)) > 120
    assert all(text.count(".") >= 2 for text in texts)
