"""Progress per stakeholder group on the project overview, and the READ API for analysis."""
from __future__ import annotations


def test_project_overview_shows_invited_started_completed(lead_client, make_survey, invite, full_answers):
    from app.surveys import submissions

    survey = make_survey()
    group = survey.project.stakeholder_groups[4]
    first, _ = invite(survey, group=group)
    second, _ = invite(survey, group=group)
    invite(survey, group=group)
    submissions.record_consent(first, language="de", channel="online")
    submissions.save_answers(first, full_answers(survey))
    submissions.submit_answers(first)
    submissions.record_consent(second, language="de", channel="online")

    page = lead_client.get(f"/projects/{survey.project_id}").get_data(as_text=True)
    row = page.split(f"<th scope=\"row\">{group.name}</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0].strip() for c in row.split('<td class="text-end">')[1:]]
    assert cells == ["3", "3", "2", "1"]
    survey_page = lead_client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    assert group.name in survey_page


def test_free_text_answers_contract(make_survey, invite, full_answers, questions):
    from app.surveys import respondent_records, submissions
    from app.surveys.queries import AnswerRecord, free_text_answers

    survey = make_survey()
    kinds = questions(survey)
    group = survey.project.stakeholder_groups[0]
    done, _ = invite(survey, group=group, pseudonym="I-01")
    respondent_records.update_respondent(done, pseudonym="I-01", stakeholder_group_id=group.id, migration_history="yes",
                                         district="Mitte", age_band="18–29")
    submissions.save_answers(done, full_answers(survey))
    submissions.submit_answers(done)
    unfinished, _ = invite(survey, pseudonym="I-02")
    submissions.save_answers(unfinished, {kinds["free_text"].id: "Noch nicht abgeschickt"})
    empty, _ = invite(survey, pseudonym="I-03")
    submissions.save_answers(empty, {kinds["free_text"].id: "   "})

    (record,) = free_text_answers(survey.project_id)
    assert isinstance(record, AnswerRecord)
    assert (record.pseudonym, record.stakeholder_group_id, record.stakeholder_group) == ("I-01", group.id, group.name)
    assert record.attributes == {"migration_history": "yes", "district": "Mitte", "age_band": "18–29"}
    assert (record.survey_id, record.question_id) == (survey.id, kinds["free_text"].id)
    assert record.field_of_action_id == kinds["free_text"].field_of_action_id
    assert record.text == "Gut, aber es fehlen Sprachkurse."
    assert free_text_answers(survey.project_id, field_of_action_id=record.field_of_action_id) == [record]
    assert free_text_answers(survey.project_id, question_id=kinds["scale"].id) == []
    assert free_text_answers(survey.project_id + 1) == []


def test_survey_list_counts_each_survey_on_its_own(lead_client, make_project, make_survey, invite, full_answers):
    from app.surveys import submissions
    from app.surveys.queries import surveys_counts

    project = make_project()
    busy, quiet, empty = make_survey(project), make_survey(project, title="Zweite Runde"), make_survey(project)
    done, _ = invite(busy)
    invite(busy)
    submissions.record_consent(done, language="de", channel="online")
    submissions.save_answers(done, full_answers(busy))
    submissions.submit_answers(done)
    invite(quiet)

    counts = surveys_counts([busy.id, quiet.id, empty.id])
    assert counts[busy.id] == {"invited": 2, "started": 1, "completed": 1, "deleted": 0}
    assert counts[quiet.id] == {"invited": 1, "started": 0, "completed": 0, "deleted": 0}
    assert counts[empty.id] == {"invited": 0, "started": 0, "completed": 0, "deleted": 0}
    page = lead_client.get(f"/surveys/project/{project.id}").get_data(as_text=True)
    row = page.split("Zweite Runde")[1].split("</tr>")[0]
    assert [c.split("</td>")[0].strip() for c in row.split('<td class="text-end">')[1:]] == ["1", "0", "0"]
