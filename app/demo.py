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
from app.extensions import db

DEMO_EMAIL = "demo@konzeptwerk.example"

#: Capabilities that add to the demo, in the order data flows (each module has ``load_demo(project)``).
DEMO_LOADERS = ("app.surveys.demo", "app.analysis.demo", "app.workshops.demo", "app.concept.demo")

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
    if db.session.scalar(select(User).where(User.email == DEMO_EMAIL)) is None:
        auth_services.create_user(DEMO_EMAIL, password, ["admin", "project_lead", "author", "facilitator"],
                                  full_name="Demo-Projektleitung")
    project = load_demo_project()
    for module_name in DEMO_LOADERS:
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).load_demo(project)
    from app.demo_translations import translate_demo_project

    translate_demo_project(project)
    return DEMO_EMAIL, password, project.id


@demo_cli.command("load")
def load_demo_command():
    """Load the demo project and print how to log in."""
    email, password, project_id = load_demo()
    click.echo("Demo project loaded (project id %d)." % project_id)
    click.echo(f"Log in with: {email}  /  {password}")
