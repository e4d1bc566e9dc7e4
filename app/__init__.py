"""Konzeptwerk: a municipality writes its integration concept together with the people it concerns."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask, redirect, url_for
from flask_security import SQLAlchemyUserDatastore, current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import build_config
from app.extensions import babel, csrf, db, limiter, migrate, register_rate_limit_subject, security
from app.lean import KonzeptwerkFlask
from app.operations.access_log import install_access_log


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record):
    """Use WAL and a busy timeout on SQLite so concurrent votes wait instead of failing.

    ``secure_delete`` overwrites deleted rows with zeros, so an Art. 17 deletion leaves no answer text
    in the database file (the WAL is checkpointed after such a deletion, see ``erase_deleted_content``).
    """
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def create_app(overrides: dict | None = None) -> Flask:
    """Create the Flask application: config, extensions, blueprints and commands."""
    app = KonzeptwerkFlask(__name__, instance_relative_config=True, template_folder="../templates")
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(build_config(app.instance_path, overrides))
    logging.basicConfig(level=logging.INFO if not app.testing else logging.WARNING)
    if app.config["PROXY_FIX_HOPS"]:
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    install_access_log(app)

    from app.auth import access
    from app.database_ids import DatabaseIdConverter

    # Before any route is added: every <int:…> stays within what the database can hold (else 404).
    app.url_map.converters["int"] = DatabaseIdConverter
    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)

    @app.get("/")
    @access.public
    def index():
        """Send staff to their projects and everyone else to the login page."""
        if current_user.is_authenticated:
            return redirect(url_for("projects.list_projects"))
        return redirect(url_for("security.login"))

    @app.get("/favicon.ico")
    @access.public
    def favicon():
        """Serve the icon browsers ask for on every page (read once: no file stays open when a browser hangs up)."""
        if "favicon" not in app.extensions:
            app.extensions["favicon"] = (Path(app.static_folder) / "favicon.ico").read_bytes()
        response = app.response_class(app.extensions["favicon"], mimetype="image/vnd.microsoft.icon")
        response.cache_control.public = True
        response.cache_control.max_age = 7 * 24 * 3600
        return response

    return app


def _init_extensions(app: KonzeptwerkFlask) -> None:
    from app import web
    from app.auth import access
    from app.auth.events import connect_auth_signals
    from app.auth.models import Role, User
    from app.auth.throttling import init_sign_in_throttling, limit_password_reset_requests, staff_rate_limit_subject
    from app.languages import selection
    from app.mail.delivery import init_mail

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=selection.select_locale)
    app.keep_on_lean_path(lambda: limiter.init_app(app))
    init_mail(app)
    security.init_app(app, SQLAlchemyUserDatastore(db, User, Role))
    connect_auth_signals(app)

    selection.init_app(app)
    init_sign_in_throttling(app)
    limit_password_reset_requests(app)
    register_rate_limit_subject(app, staff_rate_limit_subject)
    access.init_app(app)
    app.before_request(web.protect_forms)
    app.keep_on_lean_path(lambda: app.after_request(web.add_security_headers))
    web.register_error_pages(app)
    web.register_template_helpers(app)


#: Capabilities in the order data flows; each ``app/<name>/register.py`` has
#: ``register(app, api_children)`` adding its blueprints, project tabs, commands and API.
CAPABILITIES = ("surveys", "analysis", "workshops", "concept", "outreach")


def _register_blueprints(app: Flask) -> None:
    import importlib
    import importlib.util

    from app.api import create_api_blueprint
    from app.auth.routes import bp as auth_bp
    from app.jobs.routes import bp as jobs_bp
    from app.languages import routes as languages_routes
    from app.operations.routes import bp as operations_bp
    from app.pages.routes import bp as pages_bp
    from app.privacy import register as privacy
    from app.projects.routes import bp as projects_bp

    app.register_blueprint(operations_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(projects_bp)
    app.register_blueprint(jobs_bp)
    languages_routes.register(app)
    privacy.register(app)
    api_children: list = []
    for name in CAPABILITIES:
        module_name = f"app.{name}.register"
        if importlib.util.find_spec(f"app.{name}") and importlib.util.find_spec(module_name):
            importlib.import_module(module_name).register(app, api_children)
    app.register_blueprint(create_api_blueprint(api_children))


def _register_commands(app: Flask) -> None:
    from app.auth.cli import users_cli
    from app.demo import demo_cli
    from app.jobs.cli import jobs_cli
    from app.operations.cli import backup_cli, check_command
    from app.projects.cli import projects_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(projects_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(check_command)
