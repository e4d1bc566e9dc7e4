"""Access log without tokens or personal data: the route pattern, never the path.

Participant URLs carry secrets (``/s/<token>``, ``/api/v1/survey/<token>``), query strings
carry search terms, and addresses are personal data. Each request is logged as method,
route pattern (``/s/<token>/page/<int:number>``), status and duration, nothing else.
Flask's own "Exception on /s/…" line and Flask-Limiter's breach messages (which name the
limit key: a bearer token, a link token, an address) are rewritten the same way.
"""
from __future__ import annotations

import logging
import re
import time

from flask import Flask, has_request_context, request, request_started
from werkzeug.wsgi import ClosingIterator

access_log = logging.getLogger("konzeptwerk.access")

ROUTE_KEY = "konzeptwerk.route"
#: Logged instead of the path when no route matched (the path may hold anything).
UNMATCHED = "<unmatched>"
#: The development server's request line: ``127.0.0.1 - - [date] "%s" %s %s``.
DEV_REQUEST_LINE = re.compile(r'\S+ - - \[[^\]]*\] "%s" %s %s')


def _remember_route(sender, **_extra) -> None:
    rule = request.url_rule
    request.environ[ROUTE_KEY] = rule.rule if rule is not None else UNMATCHED


def route_pattern() -> str:
    """Return the current request's route pattern (``<unmatched>`` when none matched)."""
    rule = request.url_rule
    return rule.rule if rule is not None else UNMATCHED


class AccessLog:
    """WSGI middleware writing one line per request once the response has been sent."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        status = {"code": "-"}

        def capturing_start_response(status_line, headers, exc_info=None):
            status["code"] = status_line.split(" ", 1)[0]
            return start_response(status_line, headers, exc_info)

        def write_line():
            access_log.info("%s %s %s %.1fms", environ.get("REQUEST_METHOD", "-"),
                            environ.get(ROUTE_KEY, UNMATCHED), status["code"],
                            (time.perf_counter() - started) * 1000)

        try:
            body = self.wsgi_app(environ, capturing_start_response)
        except BaseException:
            status["code"] = "500"
            write_line()
            raise
        return ClosingIterator(body, [write_line])


class RoutePatternFilter(logging.Filter):
    """Replace the request path by its route pattern in Flask's exception log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context() and isinstance(record.msg, str) and request.path in record.msg:
            record.msg = record.msg.replace(request.path, route_pattern())
        return True


class LimitKeyFilter(logging.Filter):
    """Keep only the kind of a rate-limit key (``token``, ``session``, ``addr`` …) in Flask-Limiter's messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) == 3 and "exceeded" in str(record.msg):
            limit, key, scope = record.args
            record.args = (limit, str(key).split(":", 1)[0] + ":…", scope)
        return True


class DevServerRequestFilter(logging.Filter):
    """Drop the development server's own request lines (they carry the full path); ours replace them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and DEV_REQUEST_LINE.match(record.msg) is not None)


def install_access_log(app: Flask) -> None:
    """Log every request by route pattern and keep tokens out of the other log lines."""
    request_started.connect(_remember_route, app)
    app.wsgi_app = AccessLog(app.wsgi_app)
    if not any(isinstance(f, RoutePatternFilter) for f in app.logger.filters):
        app.logger.addFilter(RoutePatternFilter())
    for name, log_filter in (("flask-limiter", LimitKeyFilter), ("werkzeug", DevServerRequestFilter)):
        logger = logging.getLogger(name)
        if not any(isinstance(f, log_filter) for f in logger.filters):
            logger.addFilter(log_filter())
