"""Projects: templates, overview, editing fields/groups/timeline, and bad input changing nothing."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.projects.models import FieldOfAction, ProcessStep, Project, StakeholderGroup


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _new_project(client, **overrides):
    data = {"title": "Integrationskonzept 2027", "municipality": "Monheim am Rhein", "status": "planning",
            "template": "monheim_2016", "description": ""}
    data.update(overrides)
    return client.post("/projects/new", data=data)


def test_monheim_template_brings_five_fields_eight_groups_and_the_timeline(lead_client):
    response = _new_project(lead_client)
    assert response.status_code == 302
    project = db.session.scalar(select(Project))
    assert [f.name for f in project.fields_of_action][4] == "Arbeitsmarktintegration"
    assert len(project.fields_of_action) == 5
    assert len(project.stakeholder_groups) == 8
    assert sum(g.target_interviews for g in project.stakeholder_groups) == 19
    assert {s.kind for s in project.process_steps} >= {"interview_study", "expert_workshop", "decision_maker_workshop",
                                                       "council_resolution", "monitoring_report"}

    page = lead_client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Stärkung des bürgerschaftlichen Engagements" in page
    assert "Jugendparlament" in page
    assert "Entscheider-Workshop" in page


def test_neuss_and_empty_templates(lead_client):
    _new_project(lead_client, title="Neuss", template="neuss")
    _new_project(lead_client, title="Leer", template="empty")
    neuss = db.session.scalar(select(Project).where(Project.title == "Neuss"))
    empty = db.session.scalar(select(Project).where(Project.title == "Leer"))
    assert [f.name for f in neuss.fields_of_action] == [
        "Wohnen", "Zusammenleben und soziale Infrastruktur", "Bildung und Qualifizierung", "Kultur und Netzwerke"]
    assert empty.fields_of_action == [] and empty.stakeholder_groups == [] and empty.process_steps == []


def test_empty_title_is_refused_with_a_message(lead_client):
    response = _new_project(lead_client, title="   ")
    assert response.status_code == 422
    assert "Bitte einen Titel angeben." in response.get_data(as_text=True)
    assert _count(Project) == 0


def test_duplicate_title_is_refused_case_insensitively(lead_client, make_project):
    make_project(title="Integrationskonzept 2027")
    response = _new_project(lead_client, title="integrationskonzept 2027")
    assert response.status_code == 422
    assert "bereits ein Projekt mit diesem Titel" in response.get_data(as_text=True)
    assert _count(Project) == 1


def test_end_before_start_is_refused(lead_client):
    response = _new_project(lead_client, period_start="2027-05-01", period_end="2027-01-01")
    assert response.status_code == 422
    assert "nicht vor dem Beginn" in response.get_data(as_text=True)
    assert _count(Project) == 0


def test_field_of_action_without_name_is_refused(lead_client, make_project):
    project = make_project()
    response = lead_client.post(f"/projects/{project.id}/fields", data={"new-field-name": " "})
    assert response.status_code == 422
    assert "Bitte einen Namen für das Handlungsfeld angeben." in response.get_data(as_text=True)
    assert _count(FieldOfAction) == 5


def test_negative_interview_target_is_refused(lead_client, make_project):
    project = make_project()
    response = lead_client.post(f"/projects/{project.id}/groups",
                                data={"new-group-name": "Sportvereine", "new-group-target_interviews": "-2"})
    assert response.status_code == 422
    assert "nicht negativ" in response.get_data(as_text=True)
    assert _count(StakeholderGroup) == 8


def test_unknown_project_is_404_with_a_clear_page(lead_client):
    response = lead_client.get("/projects/9999")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.get_data(as_text=True)
    assert lead_client.get("/projects/9999/setup").status_code == 404


def test_field_of_another_project_is_404(lead_client, make_project):
    first, second = make_project(), make_project()
    foreign = second.fields_of_action[0]
    response = lead_client.post(f"/projects/{first.id}/fields/{foreign.id}", data={"name": "Übernommen"})
    assert response.status_code == 404
    db.session.refresh(foreign)
    assert foreign.name != "Übernommen"


def test_tampered_form_is_refused_and_changes_nothing(app, make_user, login, client):
    login(make_user())
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/projects/new", data={"title": "Fremd", "municipality": "X", "template": "empty",
                                                  "status": "planning", "csrf_token": "forged"})
    assert response.status_code == 400
    assert "Formular abgelaufen oder ungültig" in response.get_data(as_text=True)
    assert _count(Project) == 0


def test_add_rename_reorder_and_delete_fields(lead_client, make_project):
    project = make_project(template="neuss")
    base = f"/projects/{project.id}"
    assert lead_client.post(f"{base}/fields", data={"new-field-name": "Gesundheit"}).status_code == 302
    fields = db.session.scalars(select(FieldOfAction).order_by(FieldOfAction.position)).all()
    assert fields[-1].name == "Gesundheit"

    wohnen = fields[0]
    assert lead_client.post(f"{base}/fields/{wohnen.id}", data={"name": "Wohnen im Quartier"}).status_code == 302
    assert lead_client.post(f"{base}/fields/{wohnen.id}/move", data={"direction": "down"}).status_code == 302
    names = [f.name for f in db.session.scalars(select(FieldOfAction).order_by(FieldOfAction.position))]
    assert names[:2] == ["Zusammenleben und soziale Infrastruktur", "Wohnen im Quartier"]

    duplicate = lead_client.post(f"{base}/fields", data={"new-field-name": "wohnen im quartier"})
    assert duplicate.status_code == 422

    assert lead_client.post(f"{base}/fields/{wohnen.id}/delete").status_code == 302
    assert _count(FieldOfAction) == 4


def test_timeline_step_with_date_done_and_participants(lead_client, make_project):
    project = make_project(template="empty")
    response = lead_client.post(f"/projects/{project.id}/steps", data={
        "new-step-kind": "expert_workshop", "new-step-title": "", "new-step-date": "2016-07-05",
        "new-step-participants": "24", "new-step-is_done": "y"})
    assert response.status_code == 302
    step = db.session.scalar(select(ProcessStep))
    assert (step.title, step.participants, step.is_done, str(step.date)) == ("Experten-Workshop", 24, True, "2016-07-05")
    negative = lead_client.post(f"/projects/{project.id}/steps/{step.id}", data={
        "kind": "expert_workshop", "title": "x", "participants": "-1"})
    assert negative.status_code == 422
    db.session.refresh(step)
    assert step.participants == 24
    overview = lead_client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "05.07.2016" in overview and "24 Personen" in overview


def test_overview_shows_interview_progress_per_group(lead_client, make_project):
    project = make_project()
    page = lead_client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Interviews je Akteursgruppe" in page
    assert page.count("<tr>") >= 9


def test_author_can_view_but_not_create_or_set_up(client, make_user, login, make_project):
    project = make_project()
    login(make_user(roles=("author",)))
    assert client.get(f"/projects/{project.id}").status_code == 200
    assert client.get("/projects/new").status_code == 403
    assert client.post(f"/projects/{project.id}/fields", data={"new-field-name": "X"}).status_code == 403
    assert _count(FieldOfAction) == 5


def test_edit_project_details(lead_client, make_project):
    project = make_project()
    response = lead_client.post(f"/projects/{project.id}/edit", data={
        "title": "Neuer Titel", "municipality": "Neuss", "status": "running", "description": "Beschreibung"})
    assert response.status_code == 302
    db.session.refresh(project)
    assert (project.title, project.municipality, project.status) == ("Neuer Titel", "Neuss", "running")


def test_timeline_keeps_the_given_order_for_steps_without_dates(lead_client, make_project):
    from datetime import date

    from app.projects import services

    project = make_project()  # the Monheim template: steps in process order, no dates
    template_order = [s.title for s in project.process_steps]
    third = project.process_steps[2]
    services.update_process_step(third, kind=third.kind, title=third.title, date=date(2026, 9, 1),
                                 participants=None, is_done=False)
    db.session.expire_all()
    assert [s.title for s in db.session.get(type(project), project.id).process_steps] == template_order

    # A step added with an earlier date goes before the later-dated step; undated steps keep their places.
    added = services.add_process_step(project, kind="other", title="Auftakt im Rat", date=date(2026, 3, 1))
    db.session.expire_all()
    titles = [s.title for s in db.session.get(type(project), project.id).process_steps]
    assert titles == template_order[:2] + ["Auftakt im Rat"] + template_order[2:]
    services.move_entry(db.session.get(type(project), project.id).process_steps,
                        db.session.get(type(added), added.id), "up")
    db.session.expire_all()
    overview = lead_client.get(f"/projects/{project.id}").get_data(as_text=True)
    positions = [overview.index(title) for title in
                 [template_order[0], "Auftakt im Rat", template_order[1], template_order[2], template_order[3]]]
    assert positions == sorted(positions)
