"""Fixtures shared by the whole suite: the app on SQLite (and PostgreSQL when configured), factories, login.

Every test that uses ``app`` (or ``client``/``db_session``) runs once on SQLite and,
when ``TEST_DATABASE_URL`` is set, once more on a fresh PostgreSQL database
created for this test session. In CI (``CI=true``) a missing or unreachable
PostgreSQL is an error, not a skip.
"""
from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import normalise_database_url
from app.extensions import db as _db
from app.extensions import limiter

pytest_plugins = ["tests.browser_fixtures"]

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
TEST_PASSWORD = "correct-horse-battery"

BACKENDS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])


def pytest_configure(config):
    if IN_CI and not TEST_DATABASE_URL:
        raise pytest.UsageError("CI requires TEST_DATABASE_URL (PostgreSQL); it is not set.")
    _compile_catalogs()


def _compile_catalogs() -> None:
    """Compile every catalog whose .mo is missing or older than its .po (the .mo files are not in git)."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted((Path(__file__).resolve().parent.parent / "app" / "translations").glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog)


def _test_config(url: str, **extra) -> dict:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": None,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        # Mails without a server land here, never in the working copy's instance/outbox/.
        "MAIL_OUTBOX_DIR": os.path.join(tempfile.gettempdir(), f"konzeptwerk-test-outbox-{os.getpid()}"),
        # Answer vectors are computed on arrival only where a test asks for it (tests/analysis/test_vectors.py).
        "ANSWER_VECTORS": "off",
        # Cheap Argon2 parameters: the tests check behaviour, not hashing cost.
        "SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS": {"argon2__rounds": 1, "argon2__memory_cost": 1024,
                                                   "argon2__parallelism": 1},
    }
    config.update(extra)
    return config


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory):
    """Create one empty schema per backend for the whole test session."""
    urls = {"sqlite": "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")}
    admin_engine = None
    pg_name = None
    if TEST_DATABASE_URL:
        server = make_url(normalise_database_url(TEST_DATABASE_URL))
        pg_name = f"kw_test_{uuid.uuid4().hex[:10]}"
        admin_engine = create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with admin_engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{pg_name}"'))
        except Exception as error:  # noqa: BLE001 - reported as a clear failure below
            admin_engine.dispose()
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is not reachable: {error}")
        urls["postgresql"] = server.set(database=pg_name).render_as_string(hide_password=False)
    for url in urls.values():
        app = create_app(_test_config(url))
        with app.app_context():
            _db.create_all()
            _db.engine.dispose()
    yield urls
    if admin_engine is not None:
        with admin_engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
        admin_engine.dispose()


def _empty_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
            has_sequence = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name='sqlite_sequence'")).first()
            if has_sequence:
                connection.execute(text("DELETE FROM sqlite_sequence"))


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, as in production.

    The ``app`` fixture keeps an app context open for the test body; without this,
    requests would share ``g`` (the logged-in user) and the database session with it
    and with each other. After each request the test body's session is expired so
    that it reads what the request committed.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        _db.session.expire_all()
        return response


@pytest.fixture(params=BACKENDS)
def app(request, database_urls, tmp_path):
    """The application on an empty database (each backend in turn), with an empty mail outbox of its own."""
    app = create_app(_test_config(database_urls[request.param], MAIL_OUTBOX_DIR=str(tmp_path / "outbox")))
    app.test_client_class = IsolatedClient
    app.config["DB_BACKEND"] = request.param
    with app.app_context():
        limiter.reset()
        yield app
        _db.session.remove()
        _empty_tables()
        _db.engine.dispose()


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner of the app."""
    return app.test_cli_runner()


#: Yesterday's global roles as the migration maps them onto memberships of every project
#: (``migrations/versions/20261202_project_memberships.py``): tests written for global roles keep their meaning.
LEGACY_ROLES = {"project_lead": ("lead",), "author": ("author", "analyst"),
                "facilitator": ("facilitator", "interviewer")}


@pytest.fixture
def legacy_members(app):
    """Make accounts made with ``make_user(roles=("author",))`` members of every project, as the migration did.

    Returns the mapping user id -> project roles; each project created during the test (by any means)
    grants them. Tests of membership itself use ``make_user(roles=())`` plus explicit memberships.
    """
    from sqlalchemy import event, insert

    from app.projects.models import Project, ProjectMember

    granted: dict[int, tuple[str, ...]] = {}

    def grant(mapper, connection, project):
        rows = [{"project_id": project.id, "user_id": user_id, "role": role}
                for user_id, roles in granted.items() for role in roles]
        if rows:
            connection.execute(insert(ProjectMember.__table__), rows)

    event.listen(Project, "after_insert", grant)
    yield granted
    event.remove(Project, "after_insert", grant)


@pytest.fixture
def make_user(app, legacy_members) -> Callable:
    """Return a factory creating a staff account (default: project lead of every project, as after the migration).

    ``roles`` may name instance roles (admin, project_lead) and yesterday's global roles (author,
    facilitator): those become the matching memberships of every project, existing or created later,
    unless ``member_everywhere=False`` (an account that belongs to no project yet).
    """
    from sqlalchemy import select

    from app.auth import services
    from app.auth.models import ROLES
    from app.projects.models import Project, ProjectMember

    counter = {"n": 0}

    def make(roles=("project_lead",), email=None, password=TEST_PASSWORD, full_name=None, member_everywhere=True):
        counter["n"] += 1
        user = services.create_user(email or f"person{counter['n']}@example.org", password,
                                    [r for r in roles if r in ROLES], full_name=full_name)
        project_roles = tuple(dict.fromkeys(p for r in roles for p in LEGACY_ROLES.get(r, ())))
        if project_roles and member_everywhere:
            legacy_members[user.id] = project_roles
            for project_id in _db.session.scalars(select(Project.id)):
                _db.session.add_all(ProjectMember(project_id=project_id, user_id=user.id, role=role)
                                    for role in project_roles)
            _db.session.commit()
        return user

    return make


@pytest.fixture
def login(client) -> Callable:
    """Return a function that logs a user in through the login form."""

    def do_login(user, password=TEST_PASSWORD):
        response = client.post("/login", data={"email": user.email, "password": password},
                               follow_redirects=False)
        assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
        return response

    return do_login


@pytest.fixture
def lead_client(client, make_user, login):
    """A client logged in as a project lead."""
    user = make_user(roles=("project_lead",))
    login(user)
    client.user = user
    return client


@pytest.fixture
def make_project(app) -> Callable:
    """Return a factory creating a project (default: from the Monheim 2016 template)."""
    from app.projects import services

    counter = {"n": 0}

    def make(title=None, template="monheim_2016", municipality="Musterstadt", **kwargs):
        counter["n"] += 1
        return services.create_project(title=title or f"Integrationskonzept {counter['n']}",
                                       municipality=municipality, template=template, **kwargs)

    return make
