"""Staff plan an event, log who came (suppressed), what was raised and what follows; the public page shows it."""
from __future__ import annotations

import csv
import io

from app.extensions import db


def test_a_lead_plans_an_event_and_it_appears_in_the_list(lead_client, make_project):
    project = make_project()
    field = project.fields_of_action[0]
    response = lead_client.post(f"/outreach/{project.id}/events/new", data={
        "title": "Integrationsrat auf Tour: Rheindorf", "kind": "district_tour", "starts_at": "2030-05-14T18:00",
        "ends_at": "2030-05-14T20:00", "place": "Bürgerhaus", "district": "Rheindorf", "organiser": "Integrationsrat",
        "languages": ["tr", "ar"], "field_ids": [str(field.id)], "is_public": "y"})
    assert response.status_code == 302
    page = lead_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Integrationsrat auf Tour: Rheindorf" in page
    assert "Türkçe" in page and field.name in page
    listing = lead_client.get(f"/outreach/{project.id}/events").get_data(as_text=True)
    assert "Integrationsrat auf Tour: Rheindorf" in listing
    from app.outreach.models import Event

    event = db.session.scalars(db.select(Event)).one()
    # 18:00 in Berlin (summer time) is 16:00 UTC.
    assert event.starts_at.hour == 16
    assert set(event.languages) == {"ar", "tr"}


def test_an_end_before_the_start_is_refused(lead_client, make_project):
    project = make_project()
    response = lead_client.post(f"/outreach/{project.id}/events/new", data={
        "title": "Fest", "kind": "festival", "starts_at": "2030-05-14T18:00", "ends_at": "2030-05-14T17:00"})
    assert response.status_code == 422
    assert "Das Ende liegt vor dem Beginn." in response.get_data(as_text=True)


def test_attendance_is_shown_and_exported_only_as_suppressed_counts(lead_client, make_project, make_event):
    project = make_project()
    event = make_event(project, days=-3)
    groups = project.stakeholder_groups
    response = lead_client.post(f"/outreach/{project.id}/events/{event.id}/attendance", data={
        f"group-{groups[0].id}": "14", f"group-{groups[1].id}": "2", f"group-{groups[2].id}": "6",
        "group-unassigned": ""})
    assert response.status_code == 302
    page = lead_client.get(f"/outreach/{project.id}/events/{event.id}").get_data(as_text=True)
    assert ">14<" in page and ">22<" in page
    assert ">2<" not in page and ">6<" not in page
    assert "unter 5" in page
    export = lead_client.get(f"/outreach/{project.id}/events/attendance.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(export.lstrip("\ufeff")), delimiter=";"))
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row))
    assert cells[groups[0].name] == "14"
    assert cells[groups[1].name] == "unter 5" and cells[groups[2].name] == "unter 5"
    assert cells["Gesamt"] == "22"
    overview = lead_client.get(f"/outreach/{project.id}/events").get_data(as_text=True)
    assert ">6<" not in overview and "unter 5" in overview


def test_attendance_that_is_not_a_number_changes_nothing(lead_client, make_project, make_event):
    project = make_project()
    event = make_event(project, days=-3)
    group = project.stakeholder_groups[0]
    response = lead_client.post(f"/outreach/{project.id}/events/{event.id}/attendance",
                                data={f"group-{group.id}": "viele"})
    assert response.status_code == 422
    assert "Bitte ganze Zahlen ab 0 angeben." in response.get_data(as_text=True)
    assert event.attendance == []


def test_a_follow_up_becomes_a_measure_of_the_concept(lead_client, make_project, make_event):
    from app.concept import services as concept_services

    project = make_project()
    concept_services.create_concept(project)
    event = make_event(project, days=-3)
    field = project.fields_of_action[1]
    lead_client.post(f"/outreach/{project.id}/events/{event.id}/follow-ups",
                     data={"follow-up-title": "Sprechstunde auch samstags anbieten", "follow-up-responsible": "Integrationsbüro"})
    follow_up = event.follow_ups[0]
    response = lead_client.post(f"/outreach/{project.id}/events/{event.id}/follow-ups/{follow_up.id}/measure",
                                data={"field_id": str(field.id)})
    assert response.status_code == 302
    db.session.refresh(follow_up)
    assert follow_up.measure is not None and follow_up.state == "done"
    assert follow_up.measure.title == "Sprechstunde auch samstags anbieten"
    assert follow_up.measure.field_of_action_id == field.id and follow_up.measure.status == "planned"
    assert follow_up.measure in event.measures
    again = lead_client.post(f"/outreach/{project.id}/events/{event.id}/follow-ups/{follow_up.id}/measure",
                             data={"field_id": str(field.id)}, follow_redirects=True)
    assert "schon eine Maßnahme" in again.get_data(as_text=True)


def test_events_of_another_project_are_not_found(lead_client, make_project, make_event):
    event = make_event(make_project())
    other = make_project()
    assert lead_client.get(f"/outreach/{other.id}/events/{event.id}").status_code == 404


def test_the_public_page_shows_upcoming_public_events_and_no_personal_data(client, make_project, make_event,
                                                                           publish):
    from app.outreach import services

    project = make_project()
    page = publish(project, slug="leverkusen-integration")
    upcoming = make_event(project, title="Interkulturelles Frühstück im Mai", has_registration=True)
    secret = make_event(project, title="Geheime Vorbesprechung", is_public=False)
    make_event(project, title="Längst vorbei", days=-30)
    services.register_for_event(upcoming, name="Ayşe Yılmaz", email="ayse@example.org", consent=True)
    text = client.get(f"/p/{page.slug}").get_data(as_text=True)
    assert "Interkulturelles Frühstück im Mai" in text
    assert "Geheime Vorbesprechung" not in text and "Längst vorbei" not in text
    assert "Ayşe" not in text and "ayse@example.org" not in text
    assert client.get(f"/p/{page.slug}/events/{secret.id}").status_code == 404


def test_the_page_address_must_be_free_and_well_formed(lead_client, make_project, publish):
    taken = make_project()
    publish(taken, slug="neuss")
    project = make_project()
    response = lead_client.post(f"/outreach/{project.id}/page", data={"slug": "neuss", "is_published": "y",
                                                                      "registration_retention_days": "30"})
    assert response.status_code == 422
    assert "schon von einem anderen Projekt" in response.get_data(as_text=True)
    response = lead_client.post(f"/outreach/{project.id}/page", data={"slug": "Neuss Süd!", "is_published": "y",
                                                                      "registration_retention_days": "30"})
    assert response.status_code == 422
    response = lead_client.post(f"/outreach/{project.id}/page", data={"slug": "neuss-sued", "is_published": "y",
                                                                      "registration_retention_days": "30"})
    assert response.status_code == 302
    assert lead_client.get("/p/neuss-sued").status_code == 200
