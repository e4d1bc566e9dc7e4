"""Outgoing mail: Flask-Mailman over SMTP, or .eml files in ``instance/outbox/`` when no server is set."""
