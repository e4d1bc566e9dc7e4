"""The JSON API under /api/v1: token-authenticated, CSRF-exempt, its OpenAPI document generated from the views.

Each capability contributes a child blueprint whose views carry ``@operation`` (``app.api.schemas``);
this module joins them, serves the document at /api/v1/openapi.json and a readable page at /api/v1/docs.
"""
from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, current_app, jsonify, render_template

from app.api.errors import ApiError, api_error_response
from app.api.openapi import API_PREFIX, build_openapi_document
from app.auth.access import public_blueprint

#: Swagger UI's files as the pinned flask-swagger-ui package ships them (served locally, never from a CDN).
SWAGGER_UI_FILES = Path(flask_swagger_ui.__file__).resolve().parent / "dist"


def create_api_blueprint(children: list) -> Blueprint:
    """Return the /api/v1 blueprint with the capabilities' blueprints, the OpenAPI document and its page.

    A child is a blueprint, or (during the move to schemas) a blueprint with a hand-written OpenAPI part.
    """
    api = Blueprint("api", __name__, url_prefix=API_PREFIX)
    public_blueprint(api)  # participants show tokens; endpoints that also serve staff check with access.may
    legacy: list[dict] = []
    for child in children:
        if isinstance(child, tuple):
            child, spec = child
            legacy.append(spec)
        api.register_blueprint(child)
    api.register_blueprint(Blueprint("swagger_ui", __name__, static_folder=SWAGGER_UI_FILES,
                                     static_url_path="/docs/swagger-ui"))
    api.register_error_handler(ApiError, api_error_response)

    @api.get("/openapi.json")
    def show_openapi():
        """Return the OpenAPI description of the API (written once per process from the views)."""
        document = current_app.extensions.get("api_openapi")
        if document is None:
            document = build_openapi_document(current_app)
            current_app.extensions["api_openapi"] = document
        return jsonify(document)

    @api.get("/docs")
    def show_docs():
        """Show the API's documentation page for integrators (Swagger UI on the OpenAPI document)."""
        return render_template("api/docs.html")

    return api
