"""Outreach: events with attendance and follow-ups, registrations, the public project page and its calendar."""
