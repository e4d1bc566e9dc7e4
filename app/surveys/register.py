"""Wire the surveys capability into the app: blueprints, project tab, commands, API, progress provider, personal data."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def register(app: Flask, api_children: list) -> None:
    """Register the surveys blueprints, tab, CLI, API and the ``interview_counts`` provider."""
    from app.auth.access import register_job_roles
    from app.extensions import register_rate_limit_subject
    from app.projects.navigation import add_project_section
    from app.surveys import api, assignments, invitations, queries
    from app.surveys.cli import surveys_cli
    from app.privacy.schedule import add_daily_task
    from app.surveys import mailing, opt_out
    from app.surveys.personal_data import register_personal_data
    from app.surveys.respond import bp as respond_bp
    from app.surveys.routes import bp

    app.register_blueprint(bp)
    app.register_blueprint(respond_bp)
    app.register_blueprint(opt_out.bp)
    app.extensions.setdefault("csrf_exempt_endpoints", set()).update(opt_out.CSRF_EXEMPT)
    add_project_section(app, "surveys", _l("Befragungen"), "surveys.list_surveys", 10)
    app.cli.add_command(surveys_cli)
    api_children.append(api.bp)
    app.extensions["interview_counts"] = lambda project: queries.respondent_counts(project.id)
    app.extensions["my_interviews"] = assignments.my_interview_rows
    register_personal_data(app)
    add_daily_task(app, "surveys.reminders", mailing.queue_scheduled_reminders)
    register_job_roles("surveys.mail", "lead")
    register_job_roles("surveys.mail_test", "lead")
    register_rate_limit_subject(app, invitations.respondent_rate_limit_subject)
