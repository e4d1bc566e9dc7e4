"""The JSON API under /api/v1: token-authenticated, CSRF-exempt, documented in OpenAPI.

Each capability contributes a child blueprint and its OpenAPI paths; this module
joins them so that one document describes the whole API.
"""
from __future__ import annotations

from flask import Blueprint, jsonify

from app.api.errors import ApiError, api_error_response
from app.api.openapi import build_openapi_document


def create_api_blueprint(children: list[tuple[Blueprint, dict]]) -> Blueprint:
    """Return the /api/v1 blueprint with the capabilities' blueprints and the OpenAPI document."""
    api = Blueprint("api", __name__, url_prefix="/api/v1")
    paths: dict = {}
    schemas: dict = {}
    for child, spec in children:
        api.register_blueprint(child)
        paths.update(spec.get("paths", {}))
        schemas.update(spec.get("schemas", {}))
    document = build_openapi_document(paths, schemas)
    api.register_error_handler(ApiError, api_error_response)

    @api.get("/openapi.json")
    def show_openapi():
        """Return the OpenAPI description of the API."""
        return jsonify(document)

    return api
