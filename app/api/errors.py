"""JSON errors and bearer tokens for the API: a message in the user's language, never a stack trace."""
from __future__ import annotations

from flask import jsonify, request


class ApiError(Exception):
    """An error answered as ``{"error": message, "fields": {...}}`` with an HTTP status."""

    def __init__(self, message: str, status: int = 400, fields: dict | None = None):
        super().__init__(message)
        self.message = str(message)
        self.status = status
        self.fields = {k: str(v) for k, v in (fields or {}).items()}


def api_error_response(error: ApiError):
    """Return the JSON response for an ApiError."""
    body = {"error": error.message}
    if error.fields:
        body["fields"] = error.fields
    return jsonify(body), error.status


def bearer_token() -> str | None:
    """Return the token of an ``Authorization: Bearer …`` header, or None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
