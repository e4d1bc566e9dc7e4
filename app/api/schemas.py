"""The API's schema layer: pydantic models check every request and are the source of the OpenAPI document.

A view declares its path parameters and its body with type hints and says what it answers with
``@operation``. The decorator validates before the view runs (an out-of-range path value is "not found",
a body that breaks the schema gets 422 with a message per field in the participant's language) and keeps
an ``Operation`` on the view from which ``app.api.openapi`` writes the document. Validators are built
once, when the module is imported; a request only runs pydantic-core's compiled validator.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, get_type_hints

from flask import abort, request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, TypeAdapter, ValidationError

from app.api.errors import ApiError
from app.database_ids import MAX_DATABASE_ID, digits_up_to
from app.languages.catalog import _p, _pn


class RequestModel(BaseModel):
    """A request body: exactly the documented fields, JSON types taken as they are (no "5" for 5)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ResponseModel(BaseModel):
    """A response body as documented (the views send plain dicts; Schemathesis holds them to the model)."""


class Error(ResponseModel):
    """Every error of the API: a message in the participant's language, and one per field where fields are at fault."""

    error: str = Field(description="Message in the participant's language.")
    fields: dict[str, str] = Field(default_factory=dict, description="Field (dotted path) -> message.")


def _refuse_text(value):
    """Let a JSON number through (2 or 2.0: JSON Schema's integer is both), never a string or a boolean."""
    if isinstance(value, (str, bool)):
        raise ValueError("a number is expected")
    return value


def whole_number(**bounds):
    """Return a whole number as JSON Schema means it (2 and 2.0, not "2", not true, not 2.5) within ``bounds``."""
    return Annotated[int, Strict(False), Field(**bounds), BeforeValidator(_refuse_text)]


#: A row id as the database holds them (path parameters and ids in bodies).
DatabaseId = whole_number(ge=1, le=MAX_DATABASE_ID)
#: A row id as the key of a JSON object ("12"): ASCII digits, no larger than DatabaseId.
DatabaseIdKey = Annotated[str, Field(pattern="^" + digits_up_to(MAX_DATABASE_ID).replace(r"\d", "[0-9]") + "$")]


@dataclass(frozen=True)
class Operation:
    """What the OpenAPI document says about one view: parameters, body, answers."""

    summary: str
    tag: str
    responses: dict[int, tuple[str, type[BaseModel] | None]]
    parameters: dict[str, Any] = field(default_factory=dict)
    body: type[RequestModel] | None = None
    description: str | None = None
    needs_token: bool = False


def operation(summary: str, *, tag: str, ok: dict[int, tuple[str, type[BaseModel] | None]],
              errors: dict[int, str], needs_token: bool = False, description: str | None = None,
              language: Callable[[], object] | None = None):
    """Validate the view's typed path parameters and ``body`` before it runs, and describe it for OpenAPI.

    ``ok`` maps success statuses to (description, model); ``errors`` maps error statuses to a description
    (answered with ``Error``). 422 is added for a body, 429 for every operation (all are rate limited).
    ``language`` settles the participant language before a refusal is written (the view, which would
    otherwise do it, does not run); a request that passes costs nothing more.
    """

    def decorate(view):
        hints = get_type_hints(view, include_extras=True)
        body_model = hints.pop("body", None)
        hints.pop("return", None)
        checks = {name: TypeAdapter(hint) for name, hint in hints.items()}
        responses = {**ok, **{status: (text, Error) for status, text in errors.items()}}
        if body_model is not None:
            responses.setdefault(400, ("The body is not a JSON object", Error))
            responses[422] = ("The body does not match the schema (fields name each fault)", Error)
        responses.setdefault(429, ("Too many requests", Error))

        @wraps(view)
        def validated(**values):
            for name, check in checks.items():
                try:
                    values[name] = check.validate_python(values[name])
                except ValidationError:
                    if language is not None:
                        language()
                    abort(404)
            if body_model is not None:
                values["body"] = read_body(body_model, language)
            return view(**values)

        validated.api_operation = Operation(summary=summary, tag=tag, responses=dict(sorted(responses.items())),
                                            parameters=checks, body=body_model, description=description,
                                            needs_token=needs_token)
        return validated

    return decorate


def read_body(model: type[RequestModel], language: Callable[[], object] | None = None) -> RequestModel:
    """Return the request's JSON body as ``model``, or raise ApiError (400 not a JSON object, 422 per field).

    ``language`` is called before a refusal is written, so that its messages are in the participant's language.
    """
    raw = request.get_data(cache=True)
    try:
        if not request.is_json:
            raise ValueError
        return model.model_validate_json(raw)
    except (ValueError, ValidationError) as error:
        if language is not None:
            language()
        problems = error.errors(include_url=False, include_input=False) if isinstance(error, ValidationError) else []
        if not problems or any(not problem["loc"] and problem["type"] in ("json_invalid", "model_type")
                               for problem in problems):
            raise ApiError(_p("Die Anfrage muss ein JSON-Objekt enthalten."), 400) from None
        data = json.loads(raw)
        fields: dict[str, str] = {}
        for problem in problems:
            fields.setdefault(field_name(problem["loc"], data), problem_message(problem))
        raise ApiError(_p("Bitte korrigieren Sie die folgenden Angaben:"), 422, fields) from None


def field_name(location: tuple, data) -> str:
    """Return the dotted path of the input a pydantic error points at, without pydantic's union tags."""
    parts: list[str] = []
    current = data
    for position, part in enumerate(location):
        if isinstance(current, dict) and str(part) in current:
            current = current[str(part)]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        elif position == len(location) - 1 and isinstance(current, dict) and part != "[key]":
            pass  # a missing field
        else:
            continue
        parts.append(str(part))
    return ".".join(parts) or "body"


def problem_message(problem: dict) -> str:
    """Return a participant message for one pydantic error."""
    kind, context = problem["type"], problem.get("ctx") or {}
    if kind == "missing":
        return _p("Diese Angabe fehlt.")
    if kind == "extra_forbidden":
        return _p("Diese Angabe ist hier nicht vorgesehen.")
    if kind == "string_too_long":
        return _pn("Höchstens %(num)s Zeichen.", "Höchstens %(num)s Zeichen.", context["max_length"])
    if kind == "string_too_short":
        return _pn("Mindestens %(num)s Zeichen.", "Mindestens %(num)s Zeichen.", context["min_length"])
    if kind == "too_long":
        return _pn("Höchstens %(num)s Eintrag.", "Höchstens %(num)s Einträge.", context["max_length"])
    if kind in ("greater_than_equal", "greater_than"):
        return _p("Der Wert muss mindestens %(num)s sein.",
                  num=context["ge"] if kind == "greater_than_equal" else context["gt"] + 1)
    if kind in ("less_than_equal", "less_than"):
        return _p("Der Wert darf höchstens %(num)s sein.",
                  num=context["le"] if kind == "less_than_equal" else context["lt"] - 1)
    if kind in ("literal_error", "enum"):
        return _p("Erlaubt sind: %(values)s.", values=context.get("expected", ""))
    return _p("Diese Angabe hat nicht das erwartete Format.")
