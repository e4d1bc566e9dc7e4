"""Personal invitation links (token shown once, stored as a keyed hash, expiring) and public links."""
from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import gettext as _

from app.extensions import db, limiter
from app.languages.catalog import _p, in_languages
from app.languages.registry import Language, find_language
from app.projects.models import StakeholderGroup
from app.surveys.models import Respondent, Survey
from app.surveys.queries import find_respondent_by_token, find_survey_by_public_code
from app.tokens import issue_token


@dataclass(frozen=True)
class Invitation:
    """A personal link as handed out once: who it is for and the full address."""

    respondent_id: int
    pseudonym: str
    group: str | None
    url: str


def base_url() -> str:
    """Return the public address links printed from a shell start with (BASE_URL, else http://127.0.0.1:5000).

    Inside a web request links are built from the request instead (see ``respond_url``); the shell
    builds its links inside ``shell_link_context()``.
    """
    return (current_app.config.get("BASE_URL") or os.environ.get("BASE_URL") or "http://127.0.0.1:5000").rstrip("/")


def shell_link_context():
    """Return a request context whose links start with ``base_url()`` (for commands run from a shell)."""
    return current_app.test_request_context(base_url=base_url() + "/")


def respond_url(token: str) -> str:
    """Return the full address of a personal link, built from the current request (scheme, host, prefix)."""
    return url_for("respond.start", token=token, _external=True)


def public_url(survey: Survey) -> str:
    """Return the full address of a survey's public link, built from the current request."""
    return url_for("respond.start_public", code=survey.public_code, _external=True)


def _is_loopback(host: str) -> bool:
    host = host.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(host: str) -> str:
    """Return the host of a Host header without its port ("[::1]:5000" -> "::1")."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def links_point_to_loopback() -> bool:
    """Return whether links built in this request start with a loopback address although the request
    came from another machine (a reverse proxy that does not pass the host on, or PROXY_FIX_HOPS unset)."""
    if not _is_loopback(_host_name(request.host)):
        return False
    clients = [request.remote_addr or ""]
    clients += [part for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    clients += [_host_name(h) for h in request.headers.get("X-Forwarded-Host", "").split(",") if h.strip()]
    return any(not _is_loopback(client) for client in clients if client.strip())


def invitation_instructions(survey: Survey) -> list[tuple[Language, str]]:
    """Return (language, text) pairs for printed invitations: title and how to take part, in each survey language."""
    languages = [lang for lang in (find_language(tag) for tag in survey.languages) if lang is not None]

    def text(lang: Language) -> str:
        return _p("%(title)s: Scannen Sie den QR-Code oder öffnen Sie den Link, um mitzumachen. Auf der Seite "
                  "können Sie Ihre Sprache wählen.", title=survey.title_in(lang.tag))

    return in_languages(languages or [find_language("de")], text)


def new_public_code() -> str:
    """Return a fresh unguessable public link code."""
    return secrets.token_urlsafe(12)


def issue_link(respondent: Respondent) -> str:
    """Give a respondent a new personal token (an older link stops working) and return the token."""
    token, digest = issue_token()
    respondent.token_hash = digest
    respondent.extend_link(respondent.survey.invitation_days)
    return token


def issue_links(respondents: list[Respondent]) -> list[Invitation]:
    """Issue new personal links for respondents and return them (shown once, never stored)."""
    invitations = []
    for respondent in respondents:
        token = issue_link(respondent)
        invitations.append(Invitation(respondent.id, respondent.pseudonym,
                                      respondent.stakeholder_group.name if respondent.stakeholder_group else None,
                                      respond_url(token)))
    db.session.commit()
    return invitations


def invite_respondents(survey: Survey, count: int, *, group: StakeholderGroup | None = None,
                       prefix: str = "I") -> list[Invitation]:
    """Create ``count`` new respondents (optionally in a group) with personal links."""
    from app.errors import ValidationError
    from app.surveys.respondent_records import add_respondent, next_pseudonym

    if not 1 <= count <= 1000:
        raise ValidationError(_("Bitte zwischen 1 und 1000 Einladungen erzeugen."), "count")
    respondents = []
    for _number in range(count):
        respondents.append(add_respondent(survey, pseudonym=next_pseudonym(survey, prefix),
                                          stakeholder_group_id=group.id if group else None,
                                          channel="personal", commit=False))
        db.session.flush()
    return issue_links(respondents)


def resolve_token(token: str) -> Respondent | None:
    """Return the respondent of a valid, unexpired personal link; None for unknown and expired alike."""
    respondent = find_respondent_by_token(token)
    if respondent is None or not respondent.is_link_valid():
        return None
    return respondent


def respondent_rate_limit_subject() -> str | None:
    """Return the rate-limit key of the answer sheet whose valid link this request carries, or None."""
    token = (request.view_args or {}).get("token")
    if request.blueprint not in ("respond", "api.surveys_api") or not isinstance(token, str):
        return None
    respondent = resolve_token(token)
    return f"respondent:{respondent.id}" if respondent is not None else None


def _started_sheet(response) -> bool:
    """Return whether a public link request created an answer sheet (201 from the API, a redirect from the page)."""
    return response.status_code in (201, 302)


def _public_code_key() -> str:
    return "survey-public-code:" + str((request.view_args or {}).get("code") or "")[:64]


def limit_new_public_sheets(view):
    """Limit new answer sheets from public links (pages and API together) per client (SURVEY_PUBLIC_START_LIMIT)
    and per link for all clients together (SURVEY_PUBLIC_CODE_LIMIT, more than one client may use)."""
    per_client = limiter.shared_limit(lambda: current_app.config["SURVEY_PUBLIC_START_LIMIT"],
                                      "survey-public-start-client", methods=["POST"], deduct_when=_started_sheet,
                                      override_defaults=False)
    per_link = limiter.shared_limit(lambda: current_app.config["SURVEY_PUBLIC_CODE_LIMIT"],
                                    "survey-public-start-link", key_func=_public_code_key, methods=["POST"],
                                    deduct_when=_started_sheet, override_defaults=False)
    return per_client(per_link(view))


def start_public_respondent(code: str) -> tuple[Respondent, str] | None:
    """Create an anonymous respondent for a public link; return it with its resume token, or None."""
    from app.surveys.respondent_records import add_respondent

    survey = find_survey_by_public_code(code)
    if survey is None or not survey.is_open:
        return None
    respondent = add_respondent(survey, pseudonym="O-" + secrets.token_hex(4),
                                channel="public", commit=False)
    db.session.flush()
    token = issue_link(respondent)
    db.session.commit()
    return respondent, token
