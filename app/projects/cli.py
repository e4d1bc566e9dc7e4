"""``flask projects …``: grant and take project roles from a shell."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from app.errors import ValidationError
from app.projects.models import PROJECT_ROLES

projects_cli = AppGroup("projects", help="Projects and their members.")


def _project(project_id: int):
    from app.extensions import db
    from app.projects.models import Project

    project = db.session.get(Project, project_id)
    if project is None:
        raise click.ClickException(f"There is no project {project_id}.")
    return project


@projects_cli.command("list")
def list_projects_command():
    """List every project with its id."""
    from app.projects.queries import list_projects

    for project in list_projects():
        click.echo(f"{project.id}\t{project.title}")


@projects_cli.command("add-member")
@click.option("--project", "project_id", type=int, required=True, help="Project id (see `flask projects list`).")
@click.option("--email", required=True, help="E-mail address of an existing account.")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(PROJECT_ROLES),
              help="Project role (repeatable).")
def add_member_command(project_id, email, roles):
    """Give an account roles in a project (or add roles to a member)."""
    from app.projects import members

    project = _project(project_id)
    user = members.find_account(email)
    try:
        if user is not None and members.roles_of(project, user):
            roles = list(dict.fromkeys(members.roles_of(project, user) + list(roles)))
            members.set_roles(project, user, roles)
        else:
            user = members.add_member(project, email, roles)
    except ValidationError as error:
        raise click.ClickException(str(error.message))
    click.echo(f"{user.email} in project {project.id}: {', '.join(members.roles_of(project, user))}.")


@projects_cli.command("remove-member")
@click.option("--project", "project_id", type=int, required=True, help="Project id.")
@click.option("--email", required=True, help="E-mail address of the member.")
def remove_member_command(project_id, email):
    """Take every role in a project from an account."""
    from app.projects import members

    project = _project(project_id)
    user = members.find_account(email)
    try:
        if user is None:
            raise ValidationError("There is no account with this e-mail address.")
        members.remove_member(project, user)
    except ValidationError as error:
        raise click.ClickException(str(error.message))
    click.echo(f"{user.email} no longer belongs to project {project.id}.")


@projects_cli.command("members")
@click.option("--project", "project_id", type=int, required=True, help="Project id.")
def list_members_command(project_id):
    """List a project's members and their roles."""
    from app.projects import members

    for member in members.list_members(_project(project_id)):
        click.echo(f"{member.user.email}\t{', '.join(member.roles)}")
