"""The public calendar as an iCalendar feed (RFC 5545), built with the ``icalendar`` library.

Pure builder: plain values in, bytes out; the route sends them. Times are UTC (``…Z``), so every
calendar program shows them in its own zone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from icalendar import Calendar, Event

#: Length assumed for an event without an end.
DEFAULT_DURATION = timedelta(hours=2)


@dataclass(frozen=True)
class CalendarEntry:
    """One event of the feed, already in the reader's language."""

    uid: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime | None
    location: str
    url: str
    updated_at: datetime


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc)


def build_calendar(name: str, entries: list[CalendarEntry], language: str = "de") -> bytes:
    """Return an iCalendar file holding the entries."""
    calendar = Calendar()
    calendar.add("prodid", "-//Konzeptwerk//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", _utc(entry.updated_at))
        event.add("last-modified", _utc(entry.updated_at))
        event.add("dtstart", _utc(entry.starts_at))
        event.add("dtend", _utc(entry.ends_at or entry.starts_at + DEFAULT_DURATION))
        event.add("summary", entry.title, parameters={"language": language})
        if entry.description:
            event.add("description", entry.description, parameters={"language": language})
        if entry.location:
            event.add("location", entry.location)
        event.add("url", entry.url)
        calendar.add_component(event)
    return calendar.to_ical()
