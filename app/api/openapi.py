"""The frame of the OpenAPI 3.1 document; paths come from the capabilities."""
from __future__ import annotations

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "Message in the user's language."},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def build_openapi_document(paths: dict, schemas: dict) -> dict:
    """Return the OpenAPI document for the given paths and component schemas."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Konzeptwerk API",
            "version": "1.0.0",
            "description": "Answer surveys and vote in workshops from kiosk tablets and other front ends. "
                           "Errors are JSON objects with a message in the user's language.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {"Error": ERROR_SCHEMA, **schemas},
            "securitySchemes": {"participantToken": {"type": "http", "scheme": "bearer"}},
        },
    }
