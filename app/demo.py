"""``flask demo load``: a demo project to explore, loaded idempotently (twice changes nothing)."""
from __future__ import annotations

import importlib
import importlib.util
import secrets
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.auth.models import User
from app.projects.models import Project
from app.extensions import db

DEMO_EMAIL = "demo@konzeptwerk.example"

#: Capabilities that add to the demo, in the order data flows (each module has ``load_demo(project)``).
DEMO_LOADERS = ("app.surveys.demo", "app.analysis.demo", "app.workshops.demo", "app.concept.demo",
                "app.outreach.demo", "app.outreach.demo_cycle")

demo_cli = AppGroup("demo", help="Demo data.")


def demo_password() -> str:
    """Return the demo password kept in ``instance/demo_password`` (generated once)."""
    path = Path(current_app.instance_path) / "demo_password"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def load_demo() -> tuple[str, str, int]:
    """Load the demo account and project; return (e-mail, password, project id)."""
    from app.auth import services as auth_services
    from app.projects.demo import load_demo_project

    password = demo_password()
    auth_services.ensure_roles()
    db.session.commit()
    user = db.session.scalar(select(User).where(User.email == DEMO_EMAIL))
    if user is None:
        user = auth_services.create_user(DEMO_EMAIL, password, ["admin", "project_lead"],
                                         full_name="Demo-Projektleitung")
    project = load_demo_project()
    _join_demo_project(project, user)
    for module_name in DEMO_LOADERS:
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).load_demo(project)
    from app.demo_translations import translate_demo_project

    translate_demo_project(project)
    return DEMO_EMAIL, password, project.id


#: The demo login works in the demo project in every role but observer, so it sees everything it saw
#: when roles were global (and, being a member, its visits are not logged as administrator access).
DEMO_PROJECT_ROLES = ("lead", "author", "analyst", "facilitator", "interviewer")


def _join_demo_project(project, user) -> None:
    from app.projects.models import ProjectMember

    held = set(db.session.scalars(select(ProjectMember.role).where(ProjectMember.project_id == project.id,
                                                                  ProjectMember.user_id == user.id)))
    db.session.add_all(ProjectMember(project_id=project.id, user_id=user.id, role=role)
                       for role in DEMO_PROJECT_ROLES if role not in held)
    db.session.commit()


@demo_cli.command("load")
def load_demo_command():
    """Load the demo project and print how to log in."""
    email, password, project_id = load_demo()
    click.echo("Demo project loaded (project id %d)." % project_id)
    click.echo(f"Log in with: {email}  /  {password}")
    public_page_path = current_app.extensions.get("public_page_path")
    path = public_page_path(db.session.get(Project, project_id)) if public_page_path else None
    if path:
        click.echo(f"Public project page (no login): {path}")
