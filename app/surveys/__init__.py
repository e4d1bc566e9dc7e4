"""Interview studies and surveys: guides, invitations, answering, interviewer entry, import and export."""
