"""The volunteer pool: staff add people with their recorded consent, filter, assign, export and delete them."""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.outreach.volunteers import Volunteer
from app.privacy.models import DeletionRecord

CONSENT = "Ich bin einverstanden, als Lotsin angesprochen zu werden."


def _add(client, project, **data):
    values = {"name": "Aylin Demir", "email": "aylin@example.org", "phone": "0173 555 0101",
              "languages": ["de", "tr"], "districts": "Mitte, Berliner Viertel", "note": "", "source": "manual",
              "consent_text": CONSENT, "consent_language": "de", "has_consented": "y"}
    values.update(data)
    return client.post(f"/outreach/{project.id}/volunteers/new", data=values)


def _volunteer(project, name="Samir Haddad", languages=("de", "ar"), districts=("Mitte",), **extra):
    from app.outreach import volunteers

    return volunteers.add_volunteer(project, name=name, phone="0151 555 0102", languages=list(languages),
                                    districts=list(districts), has_consented=True, consent_text=CONSENT, **extra)


def test_a_registration_becomes_a_volunteer_only_with_the_recorded_consent(lead_client, make_project, make_event,
                                                                           publish):
    from app.outreach import services

    project = make_project()
    publish(project)
    event = make_event(project, has_registration=True)
    registration = services.register_for_event(event, name="Olena Kovalenko", email="olena@example.org",
                                               language="uk", consent=True)
    url = f"/outreach/{project.id}/volunteers/new?event={event.id}&registration={registration.id}"
    form = lead_client.get(url).get_data(as_text=True)
    assert 'value="Olena Kovalenko"' in form and 'value="olena@example.org"' in form
    refused = lead_client.post(url, data={"name": "Olena Kovalenko", "email": "olena@example.org", "source": "event",
                                          "consent_text": CONSENT, "consent_language": "uk", "languages": ["uk"]})
    assert refused.status_code == 422
    assert "Ohne festgehaltene Einwilligung" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0
    added = lead_client.post(url, data={"name": "Olena Kovalenko", "email": "olena@example.org", "source": "event",
                                        "consent_text": CONSENT, "consent_language": "uk", "languages": ["uk", "ru"],
                                        "districts": "Baumberg", "has_consented": "y"})
    assert added.status_code == 302
    volunteer = db.session.scalars(select(Volunteer)).one()
    assert (volunteer.event_id, volunteer.source, volunteer.consent_language) == (event.id, "event", "uk")
    assert volunteer.consent_text == CONSENT and volunteer.recorded_by_id == lead_client.user.id
    assert volunteer.languages == ["uk", "ru"] or set(volunteer.languages) == {"uk", "ru"}
    assert volunteer.districts == ["Baumberg"]


def test_someone_nobody_can_reach_is_refused(lead_client, make_project):
    project = make_project()
    response = _add(lead_client, project, email="", phone="")
    assert response.status_code == 422
    assert "E-Mail-Adresse oder eine Telefonnummer" in response.get_data(as_text=True)


def test_staff_filter_the_pool_by_language_and_district(lead_client, make_project):
    project = make_project()
    _volunteer(project, "Samir Haddad", ("de", "ar"), ("Mitte",))
    _volunteer(project, "Aylin Demir", ("de", "tr"), ("Berliner Viertel",))
    _volunteer(project, "Ahmet Yılmaz", ("tr",), ("Mitte",))
    everybody = lead_client.get(f"/outreach/{project.id}/volunteers").get_data(as_text=True)
    assert all(name in everybody for name in ("Samir Haddad", "Aylin Demir", "Ahmet Yılmaz"))
    turkish = lead_client.get(f"/outreach/{project.id}/volunteers?language=tr").get_data(as_text=True)
    assert "Aylin Demir" in turkish and "Ahmet Yılmaz" in turkish and "Samir Haddad" not in turkish
    turkish_in_mitte = lead_client.get(f"/outreach/{project.id}/volunteers?language=tr&district=Mitte")
    text = turkish_in_mitte.get_data(as_text=True)
    assert "Ahmet Yılmaz" in text and "Aylin Demir" not in text
    assert 'href="tel:01515550102"' in everybody


def test_a_lead_assigns_volunteers_to_measures_and_a_facilitator_may_not(app, client, make_user, login,
                                                                        make_project):
    from tests.conftest import TEST_PASSWORD

    from app.concept import plans, services as concept_services

    lead = make_user(roles=("project_lead",))
    facilitator = make_user(roles=("facilitator",))
    project = make_project()
    concept = concept_services.create_concept(project)
    measure = plans.create_measure(concept, project.fields_of_action[0], title="Elternlotsen")
    volunteer = _volunteer(project)
    login(facilitator)
    assert client.get(f"/outreach/{project.id}/volunteers/{volunteer.id}").status_code == 200
    assert client.post(f"/outreach/{project.id}/volunteers/{volunteer.id}/measures",
                       data={"measures-measure_ids": [str(measure.id)]}).status_code == 403
    client = app.test_client()
    client.post("/login", data={"email": lead.email, "password": TEST_PASSWORD})
    response = client.post(f"/outreach/{project.id}/volunteers/{volunteer.id}/measures",
                           data={"measures-measure_ids": [str(measure.id)]})
    assert response.status_code == 302
    assert [m.title for m in volunteer.measures] == ["Elternlotsen"]
    assert "Elternlotsen" in client.get(f"/outreach/{project.id}/volunteers").get_data(as_text=True)


def test_authors_do_not_see_the_pool(client, make_user, login, make_project):
    author = make_user(roles=("author",))
    project = make_project()
    volunteer = _volunteer(project)
    login(author)
    assert client.get(f"/outreach/{project.id}/volunteers").status_code == 403
    assert client.get(f"/outreach/{project.id}/volunteers/{volunteer.id}/data.json").status_code == 403


def test_access_request_downloads_everything_stored_and_is_audited(lead_client, make_project, make_event):
    from app.projects.models import ProjectAuditEvent

    project = make_project()
    event = make_event(project, days=-10)
    volunteer = _volunteer(project, event=event, source="event", note="Hat dienstags Zeit")
    response = lead_client.get(f"/outreach/{project.id}/volunteers/{volunteer.id}/data.json")
    assert response.status_code == 200
    data = json.loads(response.data)
    assert data["name"] == "Samir Haddad" and data["phone"] == "0151 555 0102"
    assert data["languages"] == ["de", "ar"] and data["districts"] == ["Mitte"]
    assert data["consent"]["text"] == CONSENT and data["event"]["title"] == event.title
    assert data["note"] == "Hat dienstags Zeit"
    csv_text = lead_client.get(f"/outreach/{project.id}/volunteers/{volunteer.id}/data.csv").data.decode("utf-8-sig")
    assert "Samir Haddad" in csv_text and CONSENT in csv_text
    actions = db.session.scalars(select(ProjectAuditEvent.action).where(ProjectAuditEvent.project_id == project.id))
    assert list(actions).count("downloaded") == 2


def test_withdrawal_deletes_the_person_and_the_deletion_survives_a_restore(lead_client, make_project):
    from app.privacy.journal import journal_entries, replay_entries

    project = make_project()
    volunteer = _volunteer(project)
    volunteer_id = volunteer.id
    snapshot = {c.name: getattr(volunteer, c.name) for c in Volunteer.__table__.columns}
    response = lead_client.post(f"/outreach/{project.id}/volunteers/{volunteer_id}/delete")
    assert response.status_code == 302
    assert db.session.get(Volunteer, volunteer_id) is None
    record = db.session.scalars(select(DeletionRecord)).one()
    assert (record.kind, record.reason, record.subject_id) == ("outreach.volunteer", "art17", volunteer_id)
    # A backup from before the deletion brings the row back; replaying the journal deletes it again.
    db.session.add(Volunteer(**snapshot))
    db.session.commit()
    outcomes = replay_entries(journal_entries())
    assert outcomes[("outreach.volunteer", "deleted")] == 1
    assert db.session.get(Volunteer, volunteer_id) is None


def test_the_pool_goes_when_the_projects_retention_period_ends(app, make_project):
    from app.privacy.retention import project_retention, run_retention

    project = make_project()
    _volunteer(project)
    _volunteer(project, "Aylin Demir")
    state = project_retention(project)
    assert {item.kind.key: item.count for item in state.stored}["outreach.volunteers"] == 2
    project.period_end = date.today() - timedelta(days=400)
    project.retention_months = 6
    db.session.commit()
    done = run_retention()
    assert any(d.kind == "outreach.volunteers" and d.count == 2 for d in done)
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0
