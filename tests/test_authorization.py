"""Every staff route is closed to visitors: logged-out requests land on the login page.

The test walks the whole URL map, so a route added later without a check fails here.
"""
from __future__ import annotations

import pytest
from flask import url_for
from werkzeug.routing.converters import NumberConverter

#: Endpoints (or endpoint prefixes ending in ".") that anyone may open: login, public pages,
#: assets, the token-authenticated API, the participant pages behind invitation links/join codes,
#: and the health endpoints of load balancers and monitoring.
PUBLIC = ("index", "favicon", "static", "security.", "api.", "respond.", "mail_opt_out.",
          "workshops_public.", "outreach_public.", "operations.",
          "pages.show_accessibility_statement", "pages.show_easy_language", "pages.show_privacy_notice",
          "pages.choose_language")


def _is_public(endpoint: str) -> bool:
    return any(endpoint == p or (p.endswith(".") and endpoint.startswith(p)) for p in PUBLIC)


def _sample_url(app, rule) -> str:
    values = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if isinstance(converter, NumberConverter):
            values[name] = 1
        elif kind == "AnyConverter":
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "csv" if name == "fmt" else "x"
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def _staff_rules(app):
    return [rule for rule in app.url_map.iter_rules() if not _is_public(rule.endpoint)]


def test_there_are_staff_routes_to_check(app):
    assert len(_staff_rules(app)) > 20


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_logged_out_visitors_see_the_login_page_on_every_staff_route(app, client, method):
    leaks = []
    for rule in _staff_rules(app):
        if method not in rule.methods:
            continue
        url = _sample_url(app, rule)
        response = client.open(url, method=method)
        location = response.headers.get("Location", "")
        if not (response.status_code in (302, 303) and "/login" in location):
            leaks.append(f"{method} {url} ({rule.endpoint}) -> {response.status_code} {location}")
        response.close()
    assert not leaks, "\n".join(leaks)


def test_facilitator_cannot_reach_user_administration(app, client, make_user, login):
    login(make_user(roles=("facilitator",)))
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("auth.") and "GET" in rule.methods:
            response = client.get(_sample_url(app, rule))
            assert response.status_code == 403, rule.rule
