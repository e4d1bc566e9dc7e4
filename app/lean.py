"""A lean path for the JSON that every phone and the projector poll during a workshop.

Views marked with ``@lean_json(when)`` serve token-authenticated (or public) JSON. When ``when()``
holds for a request, the app runs for it only Flask-Limiter's own hooks and the security headers:
no session is read or saved (no cookie), no staff login, roles or sign-in throttling, no CSRF
hook, no participant-language hook (the view picks the language it needs). Route rate limits are
part of the view (Flask-Limiter's decorators) and stay. Everything else is the ordinary app.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request
from flask.globals import request_ctx

#: Set in the WSGI environment of a request served on the lean path.
LEAN_KEY = "konzeptwerk.lean"


def lean_json(when: Callable[[], bool] | None = None, *, reads_only: bool = False):
    """Serve this view on the lean path (whenever ``when()`` holds, or always).

    ``reads_only``: the view only reads, so its queries run without a transaction (autocommit): no
    BEGIN and no ROLLBACK around them, one round trip per query.
    """

    def mark(view):
        view.lean_json_when = when or (lambda: True)
        view.lean_json_reads_only = reads_only
        return view

    return mark


def is_lean_request() -> bool:
    """Return whether the current request is served on the lean path."""
    return bool(request.environ.get(LEAN_KEY))


class KonzeptwerkFlask(Flask):
    """Flask with the lean path: a lean request runs only ``lean_before_request_funcs``/``lean_after_request_funcs``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: App-wide hooks that lean requests run too (Flask-Limiter's, the security headers).
        self.lean_before_request_funcs: list[Callable] = []
        self.lean_after_request_funcs: list[Callable] = []

    def keep_on_lean_path(self, install: Callable[[], None]) -> None:
        """Run ``install()`` (e.g. an extension's ``init_app``) and let lean requests run the hooks it adds."""
        before = list(self.before_request_funcs.get(None, []))
        after = list(self.after_request_funcs.get(None, []))
        install()
        self.lean_before_request_funcs += [f for f in self.before_request_funcs.get(None, []) if f not in before]
        self.lean_after_request_funcs += [f for f in self.after_request_funcs.get(None, []) if f not in after]

    def preprocess_request(self):
        """Choose the lean path for a marked view, else run every hook as usual."""
        rule = request.url_rule
        view = self.view_functions.get(rule.endpoint) if rule is not None else None
        when = getattr(view, "lean_json_when", None)
        if when is None or not when():
            return super().preprocess_request()
        request.environ[LEAN_KEY] = True
        if getattr(view, "lean_json_reads_only", False):
            from app.extensions import db

            db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        for func in self.lean_before_request_funcs:
            response = self.ensure_sync(func)()
            if response is not None:
                return response
        return None

    def process_response(self, response):
        """On the lean path run only the lean hooks and never save a session."""
        if not is_lean_request():
            return super().process_response(response)
        for func in request_ctx._after_request_functions:
            response = self.ensure_sync(func)(response)
        for func in reversed(self.lean_after_request_funcs):
            response = self.ensure_sync(func)(response)
        return response
