"""The OpenAPI 3.1 document, written from the ``@operation`` of every API view and the pydantic models."""
from __future__ import annotations

import re

from flask import Flask
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from app.api.schemas import Error

API_PREFIX = "/api/v1"
_VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
_LANGUAGE = {"name": "lang", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "Language of the messages and texts (a participant language tag, e.g. en, ar, "
                            "de-x-ls); others fall back to the participant's own choice or German."}


class _ClosedObjects(GenerateJsonSchema):
    """Say that an object keyed by pattern takes no other keys (pydantic refuses them; JSON Schema would not)."""

    def dict_schema(self, schema):
        generated = super().dict_schema(schema)
        if "patternProperties" in generated:
            generated["additionalProperties"] = False
        return generated


def api_operations(app: Flask):
    """Yield (OpenAPI path, method, view name, Operation) for every documented API view, in path order."""
    found = []
    for rule in app.url_map.iter_rules():
        described = getattr(app.view_functions.get(rule.endpoint), "api_operation", None)
        if described is None or not rule.rule.startswith(API_PREFIX):
            continue
        path = _VARIABLE.sub(r"{\1}", rule.rule[len(API_PREFIX):])
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((path, method.lower(), rule.endpoint.rsplit(".", 1)[-1], described))
    return sorted(found, key=lambda entry: entry[:2])


def build_openapi_document(app: Flask) -> dict:
    """Return the OpenAPI document of the API as the app serves it."""
    operations = api_operations(app)
    models = {(Error, "serialization")}
    for _path, _method, _name, described in operations:
        if described.body is not None:
            models.add((described.body, "validation"))
        models.update((model, "serialization") for _text, model in described.responses.values() if model)
    refs, definitions = models_json_schema(sorted(models, key=lambda pair: (pair[0].__name__, pair[1])),
                                           ref_template="#/components/schemas/{model}",
                                           schema_generator=_ClosedObjects)
    paths: dict = {}
    for path, method, name, described in operations:
        item = {"summary": described.summary, "operationId": _camel(name), "tags": [described.tag],
                "parameters": [{"name": parameter, "in": "path", "required": True,
                                "schema": check.json_schema()}
                               for parameter, check in described.parameters.items()] + [_LANGUAGE],
                "responses": {str(status): _response(text, model, refs)
                              for status, (text, model) in described.responses.items()}}
        if described.description:
            item["description"] = described.description
        if described.needs_token:
            item["security"] = [{"participantToken": []}]
        if described.body is not None:
            item["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": refs[(described.body, "validation")]}}}
        paths.setdefault(path, {})[method] = item
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Konzeptwerk API",
            "version": "1.0.0",
            "description": "Answer surveys and vote in workshops from kiosk tablets and other front ends. "
                           "Every error is a JSON object with a message in the participant's language and, "
                           "where fields are at fault, a message per field. 422 means the request does not "
                           "match this document; 409 means it does, but the survey or round as it stands "
                           "refuses it (a value outside a question's scale, a ballot over the budget, a "
                           "closed round, answers already submitted).",
        },
        "servers": [{"url": API_PREFIX}],
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {"participantToken": {"type": "http", "scheme": "bearer",
                                                     "description": "The token returned when joining a workshop."}},
        },
    }


def _response(text: str, model, refs: dict) -> dict:
    response: dict = {"description": text}
    if model is not None:
        response["content"] = {"application/json": {"schema": refs[(model, "serialization")]}}
    return response


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)
