"""The one access check of every staff request: instance roles and project membership.

Every endpoint declares who may use it, and one ``before_request`` hook of the app (``enforce_access``)
checks that declaration before any view runs:

* ``protect(bp, *roles)`` gives every view of a blueprint a default: members of the project named in the
  URL holding one of the project ``roles`` (none: any member);
* ``@project_roles(*roles)`` on a view overrides it (put it under ``@bp.route``);
* ``@instance_roles(*roles)`` is for pages outside a project (``()``: any signed-in staff member;
  ``"admin"``; ``"project_lead"``: may create projects; admins pass every instance check);
* ``public(bp)`` / ``@public`` marks pages that need no sign-in (participants, login, health checks).

The project comes from the URL: ``project_id``, or another id whose lookup a capability registered with
``register_project_lookup("survey_id", survey_project_id)``. An unknown id, or a project the person is not
a member of, answers 404 (ids reveal nothing); a member without the role gets 403. Administrators may
open every project; each such request is written to the project's audit log. An endpoint that declares
nothing is refused (403) and fails ``tests/test_access.py``, so a route added without a check cannot ship.

Inside views and templates: ``may(project, *roles)`` (``can`` in templates) and ``member_roles(project)``.
Background jobs: ``register_job_roles(kind, *roles)``; ``run_job`` refuses a job whose starter lost them.
Personal data: ``@audited("exported")`` on a view writes each successful use into the project's audit log.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Flask, abort, current_app, g, has_request_context, redirect, request, url_for
from flask_security import current_user
from sqlalchemy import insert, select

from app.auth.models import utcnow

log = logging.getLogger("konzeptwerk.access")

PUBLIC, INSTANCE, PROJECT = "public", "instance", "project"


@dataclass(frozen=True)
class Rule:
    """Who may use an endpoint: ``scope`` public, instance (``roles`` are instance roles) or project."""

    scope: str
    roles: tuple[str, ...] = ()


def _mark(rule: Rule):
    def decorate(view):
        view.access_rule = rule
        return view

    return decorate


def project_roles(*roles: str):
    """Declare a view for members of the URL's project holding one of ``roles`` (none: any member)."""
    return _mark(Rule(PROJECT, tuple(roles)))


def instance_roles(*roles: str):
    """Declare a view outside any project for staff holding an instance role (none: any signed-in staff)."""
    return _mark(Rule(INSTANCE, tuple(roles)))


def public(view):
    """Declare a view that anyone may open (participant pages, login, health checks)."""
    view.access_rule = Rule(PUBLIC)
    return view


def protect(bp: Blueprint, *roles: str, scope: str = PROJECT) -> None:
    """Give every view of ``bp`` that declares nothing itself a default rule (project roles by default)."""
    _blueprint_rules[bp.name] = Rule(scope, tuple(roles))


def public_blueprint(bp: Blueprint) -> None:
    """Declare every view of ``bp`` public (participant pages and APIs that check tokens themselves)."""
    protect(bp, scope=PUBLIC)


def audited(action: str):
    """Write each successful use of a view into its project's audit log as ``action`` (the view and ids, no content).

    ``action``: viewed, exported, downloaded or deleted (personal data).
    """

    def decorate(view):
        view.audit_action = action
        return view

    return decorate


def register_project_lookup(argument: str, project_id_of: Callable[[int], int | None]) -> None:
    """Teach the check to find the project of a URL argument (e.g. ``survey_id``); None: no such object."""
    _lookups[argument] = project_id_of


def register_job_roles(kind: str, *roles: str) -> None:
    """Declare which project roles a background job of ``kind`` runs for (checked again when it runs)."""
    _job_roles[kind] = tuple(roles)


_blueprint_rules: dict[str, Rule] = {"security": Rule(PUBLIC)}
_lookups: dict[str, Callable[[int], int | None]] = {}
_job_roles: dict[str, tuple[str, ...]] = {}


def rule_for(endpoint: str | None, app: Flask | None = None) -> Rule | None:
    """Return the rule an endpoint declared (on the view, else its blueprint's default), or None."""
    if not endpoint:
        return None
    app = app or current_app
    view = app.view_functions.get(endpoint)
    rule = getattr(view, "access_rule", None)
    if rule is not None:
        return rule
    blueprint = endpoint.rpartition(".")[0]
    while blueprint:
        if blueprint in _blueprint_rules:
            return _blueprint_rules[blueprint]
        blueprint = blueprint.rpartition(".")[0]
    return None


# --- membership ----------------------------------------------------------------------------------


def _project_id(project) -> int:
    return project if isinstance(project, int) else project.id


def is_admin(user=None) -> bool:
    """Return whether the (current) user is an administrator."""
    user = user or current_user
    return bool(user and user.is_authenticated and user.has_role("admin"))


def member_roles(project, user=None) -> frozenset[str]:
    """Return the project roles the (current) user holds in a project (empty for non-members)."""
    from app.extensions import db
    from app.projects.models import ProjectMember

    user = user or current_user
    if user is None or not user.is_authenticated:
        return frozenset()
    project_id = _project_id(project)
    cache = g.setdefault("access_member_roles", {}) if has_request_context() and user is current_user else {}
    key = (user.id, project_id)
    if key not in cache:
        cache[key] = frozenset(db.session.scalars(select(ProjectMember.role).where(
            ProjectMember.project_id == project_id, ProjectMember.user_id == user.id)))
    return cache[key]


def may(project, *roles: str, user=None) -> bool:
    """Return whether the (current) user holds one of ``roles`` in the project (any role if none); admins may."""
    if user is None and not has_request_context():
        return False
    if is_admin(user):
        return True
    held = member_roles(project, user)
    return bool(held) if not roles else bool(held & set(roles))


def may_open(endpoint: str, project) -> bool:
    """Return whether the current user may open a project page (e.g. to show or hide its tab)."""
    rule = rule_for(endpoint)
    if rule is None or rule.scope != PROJECT:
        return rule is not None and rule.scope == PUBLIC
    return may(project, *rule.roles)


def member_project_ids(user=None) -> set[int] | None:
    """Return the ids of the projects the (current) user belongs to; None for admins (every project)."""
    from app.extensions import db
    from app.projects.models import ProjectMember

    user = user or current_user
    if is_admin(user):
        return None
    if user is None or not user.is_authenticated:
        return set()
    return set(db.session.scalars(select(ProjectMember.project_id).where(ProjectMember.user_id == user.id)))


def may_run_job(job) -> bool:
    """Return whether a background job may still run: whoever started it still holds a role it needs.

    Jobs started from a shell (no person) run; a job of a project whose starter has since left the
    project, or lost the role, does not.
    """
    from app.auth.models import User
    from app.extensions import db

    if job.project_id is None or job.created_by_id is None:
        return True
    starter = db.session.get(User, job.created_by_id)
    if starter is None or not starter.active:
        return False
    return may(job.project_id, *_job_roles.get(job.kind, ()), user=starter)


# --- the check -----------------------------------------------------------------------------------


def login_page_redirect():
    """Send an anonymous visitor to the login page, remembering where they wanted to go."""
    return redirect(url_for("security.login", next=request.full_path.rstrip("?")))


def _requested_project_id() -> int | None:
    arguments = request.view_args or {}
    if "project_id" in arguments:
        return arguments["project_id"]
    for name, lookup in _lookups.items():
        if name in arguments:
            return lookup(arguments[name])
    return None


def enforce_access():
    """Check the current request against its endpoint's rule (``before_request`` of the whole app)."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no route: the 404 page
    rule = rule_for(endpoint)
    if rule is None:
        log.error("endpoint %s declares no access rule; refused", endpoint)
        abort(403)
    if rule.scope == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_page_redirect()
    if rule.scope == INSTANCE:
        if rule.roles and not current_user.has_any_role(*rule.roles):
            abort(403)
        return None
    return _check_project(rule)


def _check_project(rule: Rule):
    from app.extensions import db
    from app.projects.models import Project

    project_id = _requested_project_id()
    if project_id is None or db.session.get(Project, project_id) is None:
        abort(404)
    held = member_roles(project_id)
    allowed = bool(held) if not rule.roles else bool(held & set(rule.roles))
    g.access_project_id = project_id
    if allowed:
        return None
    if is_admin():
        record_admin_access(project_id)
        return None
    abort(404 if not held else 403)


def record_admin_access(project_id: int) -> None:
    """Write an administrator's request into a project they are not a member of to its audit log."""
    log.info("admin access user=%s project=%s endpoint=%s", current_user.id, project_id, request.endpoint)
    _write_audit(project_id, "admin_access", f"{request.method} {request.endpoint}")


def record_audited_use(response):
    """Log a successful request to a view declared ``@audited`` (``after_request`` of the whole app)."""
    view = current_app.view_functions.get(request.endpoint or "")
    action = getattr(view, "audit_action", None)
    project_id = g.get("access_project_id")
    if action and project_id and response.status_code < 400 and current_user.is_authenticated:
        arguments = " ".join(f"{name}={value}" for name, value in sorted((request.view_args or {}).items())
                             if name != "project_id")
        _write_audit(project_id, action, f"{request.endpoint} {arguments}".strip())
    return response


def _write_audit(project_id: int, action: str, subject: str) -> None:
    """Write an audit event in a transaction of its own (kept even when the request's work is rolled back)."""
    from app.extensions import db
    from app.projects.models import ProjectAuditEvent

    with db.engine.begin() as connection:
        connection.execute(insert(ProjectAuditEvent).values(project_id=project_id, user_id=current_user.id,
                                                            action=action, subject=subject[:300], at=utcnow()))


def init_app(app: Flask) -> None:
    """Run the check before every request and offer ``can``/``may_open`` to templates.

    The check runs on the lean JSON path too (its views are declared public and check tokens); the audit
    hook does not, since no lean view handles personal data that staff could open."""
    keep_on_lean_path = getattr(app, "keep_on_lean_path", lambda install: install())
    keep_on_lean_path(lambda: app.before_request(enforce_access))
    app.after_request(record_audited_use)
    public(app.view_functions["static"])
    app.jinja_env.globals.update(can=may, may_open=may_open)
