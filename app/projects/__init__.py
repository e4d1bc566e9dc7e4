"""Concept projects: fields of action, stakeholder groups and the timeline of process steps."""
