"""Wire outreach into the app: staff and public blueprints, the project tab, the registrations' personal data."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def register(app: Flask, api_children: list) -> None:
    """Register the outreach blueprints, its tab, its personal data, its report chapters and ``public_page_path``."""
    from app.outreach import models  # noqa: F401 - tables must be known to create_all and migrations
    from app.concept.report_parts import add_report_part
    from app.outreach import queries, report
    from app.outreach.personal_data import register_personal_data
    from app.outreach.public import bp as public_bp
    from app.outreach import volunteer_routes  # noqa: F401 - the volunteer pool's pages join the outreach blueprint
    from app.outreach.routes import bp
    from app.projects.navigation import add_project_section

    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    add_project_section(app, "outreach", _l("Umsetzung"), "outreach.list_events", 50)
    register_personal_data(app)
    add_report_part(app, "outreach.budgets", report.budget_report_part)
    add_report_part(app, "outreach.events", report.events_report_part)
    app.extensions["public_page_path"] = queries.public_page_path
    register_round_tables(app)
    register_volunteers(app)


def register_round_tables(app: Flask) -> None:
    """Register round tables and success factors: their pages, report chapters and the Neuss template's factors."""
    from app.concept.report_parts import add_report_part
    from app.outreach import round_table_models, round_tables, success_factors  # noqa: F401 - tables
    from app.outreach.round_table_routes import bp as round_tables_bp
    from app.outreach.success_factor_routes import bp as success_factors_bp

    app.register_blueprint(round_tables_bp)
    app.register_blueprint(success_factors_bp)
    add_report_part(app, "outreach.round_tables", round_tables.round_tables_report_part)
    add_report_part(app, "outreach.success_factors", success_factors.success_factors_report_part)
    app.extensions.setdefault("project_created", {})["outreach.success_factors"] = success_factors.fill_from_template
    app.add_template_global(round_tables.decisions_about, "round_table_decisions")


def register_volunteers(app: Flask) -> None:
    """Register the volunteer pool's personal data and the notes survey of events."""
    from app.outreach import notes, volunteers

    volunteers.register_volunteer_data(app)
    app.jinja_env.globals["event_notes_survey"] = notes.notes_survey
