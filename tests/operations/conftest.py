"""Fixtures for operations tests: an app on a migrated database with its own instance/ folder."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.config import normalise_database_url
from tests.conftest import BACKENDS, TEST_DATABASE_URL, IsolatedClient, _test_config


def scratch_postgresql() -> tuple[str, callable]:
    """Create an empty PostgreSQL database; return its URL and a function that drops it."""
    server = make_url(normalise_database_url(TEST_DATABASE_URL))
    name = f"kw_ops_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return server.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=BACKENDS)
def migrated_app(request, tmp_path):
    """The app on a database built by the Alembic migrations (each backend), with instance/ in tmp_path."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db, limiter

    drop = None
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path / "instance" / "konzeptwerk.db")
    else:
        url, drop = scratch_postgresql()
    app = create_app(_test_config(url))
    app.instance_path = str(tmp_path / "instance")
    (tmp_path / "instance").mkdir(exist_ok=True)
    app.test_client_class = IsolatedClient
    app.config["DB_BACKEND"] = request.param
    try:
        with app.app_context():
            limiter.reset()
            upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        if drop is not None:
            drop()
