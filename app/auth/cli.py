"""``flask users …``: manage staff accounts from a shell."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from app.auth.models import ROLES
from app.errors import ValidationError

users_cli = AppGroup("users", help="Staff accounts.")


@users_cli.command("create")
@click.option("--email", required=True, help="E-mail address used to log in.")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES),
              help="Instance role (repeatable): admin, or project_lead (may create projects). Project roles are "
                   "granted with `flask projects add-member`.")
@click.option("--name", "full_name", default=None, help="Display name.")
@click.option("--password", default=None, help="Initial password; generated and printed when omitted.")
def create_user_command(email, roles, full_name, password):
    """Create a staff account with the given roles."""
    from app.auth import services

    generated = password is None
    password = password or services.generate_password()
    try:
        user = services.create_user(email, password, list(roles), full_name=full_name)
    except ValidationError as error:
        raise click.ClickException(str(error.message))
    click.echo(f"Created {user.email} with roles {', '.join(roles) or '(none)'}.")
    if generated:
        click.echo(f"Initial password: {password}")
