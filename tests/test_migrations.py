"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import normalise_database_url
from app.extensions import db
from tests.conftest import TEST_DATABASE_URL, _test_config


@pytest.fixture(params=["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else []))
def empty_database_url(request, tmp_path):
    """An empty database with no tables at all."""
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "migrated.db")
        return
    server = make_url(normalise_database_url(TEST_DATABASE_URL))
    name = f"kw_migrate_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_match_the_models_and_downgrade_cleanly(empty_database_url):
    app = create_app(_test_config(empty_database_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == [], differences
        downgrade(revision="base")
        remaining = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
        db.engine.dispose()


#: Rows of a filled database at revision 0002, parents first (the columns 0002 requires).
FILLED_0002 = [
    ("projects", "id, title, municipality, description, status, created_at, updated_at",
     "1, 'Projekt', 'Stadt', '', 'running', '2026-01-01', '2026-01-01'"),
    ("fields_of_action", "id, project_id, position, name, description", "1, 1, 0, 'Bildung', ''"),
    ("stakeholder_groups", "id, project_id, position, name, target_interviews", "1, 1, 0, 'Integrationsrat', 2"),
    ("surveys", ("id, project_id, title, purpose, mode, is_closed, consent_text, consent_version, languages, "
                 "asks_migration_history, districts, age_bands, invitation_days, created_at"),
     ("1, 1, 'Befragung', '', 'online', false, 'Ich stimme zu.', 3, '[\"de\", \"ar\"]', true, '[]', '[]', 60, "
      "'2026-01-01'")),
    ("survey_sections", "id, survey_id, position, title, intro, translations",
     "1, 1, 0, 'Abschnitt', '', '{\"ar\": {\"title\": \"قسم\"}}'"),
    ("survey_questions", ("id, survey_id, section_id, position, kind, text, help, is_required, options, scale_min, "
                          "scale_max, scale_labels, translations"),
     "1, 1, 1, 0, 'free_text', 'Frage?', '', false, '[]', 1, 5, '{}', '{}'"),
    ("survey_respondents", ("id, survey_id, pseudonym, migration_history, district, age_band, status, channel, "
                            "language, created_at"),
     "1, 1, 'O-1', 'not_stated', '', '', 'completed', 'public', 'ar', '2026-01-01'"),
    ("survey_answers", "id, respondent_id, question_id, value, updated_at", "1, 1, 1, '\"Mehr Kitas\"', '2026-01-01'"),
    ("survey_consents", "id, respondent_id, given_at, text_version, language, channel, covers_migration_history",
     "1, 1, '2026-01-01', 3, 'ar', 'online', true"),
    ("workshops", "id, project_id, title, kind, place, agenda, join_code, status, requires_personal_code, created_at",
     "1, 1, 'Workshop', 'expert', '', '', 'ABC123', 'running', false, '2026-01-01'"),
    ("workshop_items", "id, workshop_id, field_of_action_id, kind, title, description, position, created_at",
     "1, 1, 1, 'guiding_goal', 'Ziel', '', 0, '2026-01-01'"),
    ("workshop_participants", "id, workshop_id, token_hash, display_name, joined_at, last_active_at",
     "1, 1, 'hash', '', '2026-01-01', '2026-01-01'"),
]


def test_upgrading_a_filled_database_keeps_every_row(empty_database_url):
    """Batch migrations rebuild SQLite tables; no child row may be lost to a cascading delete."""
    app = create_app(_test_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0002")
        with db.engine.begin() as connection:
            for table, columns, values in FILLED_0002:
                connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"))
        upgrade()
        with db.engine.connect() as connection:
            counts = {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                      for table, _columns, _values in FILLED_0002}
            section = connection.execute(text("SELECT translations FROM survey_sections")).scalar()
            survey = connection.execute(
                text("SELECT consent_version, special_consent_text, is_draft FROM surveys")).one()
            consent = connection.execute(text("SELECT language, consent_text_id FROM survey_consents")).one()
            participant_language = connection.execute(text("SELECT language FROM workshop_participants")).scalar()
            workshop = connection.execute(text("SELECT languages, instructions FROM workshops")).one()
        assert counts == {table: 1 for table, _columns, _values in FILLED_0002}
        assert "قسم" in str(section)
        assert tuple(survey) == (3, "", False) and tuple(consent) == ("ar", None)
        assert participant_language == "de" and "de" in str(workshop[0]) and workshop[1] == ""
        db.engine.dispose()


def test_global_roles_become_memberships_of_every_existing_project(empty_database_url):
    """After the upgrade, yesterday's leads, authors and facilitators still work on yesterday's projects."""
    app = create_app(_test_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0006_consent_once")
        with db.engine.begin() as connection:
            for number, title in ((1, "Alt"), (2, "Auch alt")):
                connection.execute(text("INSERT INTO projects (id, title, municipality, description, status, "
                                        f"created_at, updated_at) VALUES ({number}, '{title}', 'Stadt', '', "
                                        "'running', '2026-01-01', '2026-01-01')"))
            for name in ("admin", "project_lead", "author", "facilitator"):
                connection.execute(text(f"INSERT INTO roles (name) VALUES ('{name}')"))
            people = {"admin": ("admin",), "lead": ("project_lead",), "author": ("author",),
                      "facilitator": ("facilitator",), "lead-author": ("project_lead", "author")}
            for number, (email, role_names) in enumerate(people.items(), start=1):
                connection.execute(text("INSERT INTO users (email, active, fs_uniquifier) "
                                        f"VALUES ('{email}@example.org', true, 'u{number}')"))
                for name in role_names:
                    connection.execute(text(
                        "INSERT INTO roles_users (user_id, role_id) SELECT u.id, r.id FROM users u, roles r "
                        f"WHERE u.email = '{email}@example.org' AND r.name = '{name}'"))
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT u.email, m.project_id, m.role FROM project_members m "
                                           "JOIN users u ON u.id = m.user_id")).all()
            global_roles = connection.execute(text("SELECT u.email, r.name FROM roles_users ru JOIN users u "
                                                   "ON u.id = ru.user_id JOIN roles r ON r.id = ru.role_id")).all()
        memberships: dict[str, set] = {}
        for email, project_id, role in rows:
            memberships.setdefault(email.split("@")[0], set()).add((project_id, role))
        both = lambda *roles: {(p, r) for p in (1, 2) for r in roles}  # noqa: E731
        assert memberships == {"lead": both("lead"), "author": both("author", "analyst"),
                               "facilitator": both("facilitator", "interviewer"),
                               "lead-author": both("lead", "author", "analyst")}
        assert sorted(global_roles) == [("admin@example.org", "admin"), ("lead-author@example.org", "project_lead"),
                                        ("lead@example.org", "project_lead")]
        downgrade(revision="0006_consent_once")
        with db.engine.connect() as connection:
            restored = connection.execute(text("SELECT u.email, r.name FROM roles_users ru JOIN users u "
                                               "ON u.id = ru.user_id JOIN roles r ON r.id = ru.role_id")).all()
        assert ("author@example.org", "author") in restored and ("facilitator@example.org", "facilitator") in restored
        db.engine.dispose()
