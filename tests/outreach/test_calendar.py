"""The public iCalendar feed parses with a real iCalendar library and holds only public events."""
from __future__ import annotations

from datetime import timezone

from icalendar import Calendar


def test_the_feed_lists_public_events_with_their_times_and_place(client, make_project, make_event, publish):
    project = make_project()
    page = publish(project, slug="leverkusen")
    shown = make_event(project, title="Integrationsrat auf Tour: Opladen", kind="district_tour", place="Rathaus",
                       district="Opladen", description="Fragen, Ideen; Kritik\nWillkommen")
    make_event(project, title="Internes Vorbereitungstreffen", is_public=False)
    response = client.get(f"/p/{page.slug}/events.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Integrationsrat auf Tour: Opladen"]
    event = events[0]
    assert event.decoded("dtstart") == shown.starts_at.replace(tzinfo=timezone.utc)
    assert str(event["location"]) == "Rathaus, Opladen"
    assert str(event["description"]) == "Fragen, Ideen; Kritik\nWillkommen"
    assert str(event["url"]).endswith(f"/p/{page.slug}/events/{shown.id}")


def test_the_feed_of_an_unpublished_page_does_not_exist(client, make_project, make_event):
    from app.outreach import services

    project = make_project()
    page = services.ensure_public_page(project)
    make_event(project)
    assert client.get(f"/p/{page.slug}/events.ics").status_code == 404
    assert client.get(f"/p/{page.slug}").status_code == 404


def test_the_feed_speaks_the_chosen_language(client, make_project, make_event, publish):
    project = make_project()
    page = publish(project)
    event = make_event(project, title="Frühstück")
    event.translations = {"tr": {"title": "Kahvaltı"}}
    from app.extensions import db

    db.session.commit()
    calendar = Calendar.from_ical(client.get(f"/p/{page.slug}/events.ics?lang=tr").data)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Kahvaltı"]
