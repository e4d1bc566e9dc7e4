"""Every page of the app, from ``app.url_map``, with ids taken from the demo data.

``page_urls(app)`` returns (endpoint, url) for every GET route whose arguments the demo can fill;
``SKIPPED`` names the routes left out and why, so a new route is never silently missed
(``unfilled_routes`` lists the GET routes that are neither filled nor skipped).
"""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db

#: Routes that are not pages: files, JSON, redirects that end somewhere else, polling partials.
SKIPPED = {
    "static": "static files",
    "security.static": "static files",
    # Swagger UI's own markup (vendored from flask-swagger-ui), an API explorer for integrators: axe finds
    # contrast, landmark and nested-control problems in it that only an upstream change can fix.
    "api.show_docs": "third-party API explorer",
    "surveys.show_outbox_mail": "an .eml file",
    "outreach_public.calendar_feed": "an iCalendar file",
    "outreach_public.download_report": "a Word file",
}
#: Arguments whose values are files or formats rather than pages.
FILE_ARGUMENTS = {"fmt", "table", "filename"}


def _first(model, *where, order=None):
    statement = select(model).where(*where).order_by(order if order is not None else model.id)
    return db.session.scalars(statement.limit(1)).first()


def demo_values(project_id: int) -> dict:
    """Return the ids (and codes, tokens) of the demo project's records, keyed by URL argument and kind."""
    from app.analysis.models import Analysis, Code, Passage, Theme
    from app.auth.models import User
    from app.concept.models import Concept, ConceptSection, Goal, Measure
    from app.jobs.models import Job
    from app.concept.reporting import CommitteeReport
    from app.outreach.models import Event, PublicPage
    from app.outreach.round_table_models import RoundTable, SuccessFactor
    from app.outreach.volunteers import Volunteer
    from app.projects.models import FieldOfAction, ProcessStep, StakeholderGroup
    from app.surveys import invitations
    from app.surveys.models import Question, Section, Survey
    from app.workshops.models import VotingRound, Workshop, WorkshopItem

    survey = _first(Survey, Survey.project_id == project_id, Survey.public_code.is_not(None)) or \
        _first(Survey, Survey.project_id == project_id)
    analysis = _first(Analysis, Analysis.project_id == project_id)
    workshop = _first(Workshop, Workshop.project_id == project_id, Workshop.status == "running") or \
        _first(Workshop, Workshop.project_id == project_id)
    concept = _first(Concept, Concept.project_id == project_id)
    from app.surveys.respondent_records import add_respondent

    from app.surveys.submissions import record_consent

    respondent = add_respondent(survey, channel="personal")
    token = invitations.issue_link(respondent)
    db.session.commit()
    record_consent(respondent, language="de", channel="online", covers_migration_history=False)
    job = _first(Job) or Job(kind="analysis", target="demo:done", arguments={}, status="done", progress=1.0,
                             project_id=project_id, result={"url": f"/analysis/projects/{project_id}/{analysis.id}"})
    db.session.add(job)
    db.session.commit()
    values = {
        "project_id": project_id, "survey_id": survey.id,
        "section_id": _first(Section, Section.survey_id == survey.id).id,
        "question_id": _first(Question, Question.survey_id == survey.id).id,
        "respondent_id": respondent.id, "token": token, "number": 1,
        "analysis_id": analysis.id,
        "theme_id": _first(Theme, Theme.analysis_id == analysis.id).id,
        "passage_id": _first(Passage, Passage.analysis_id == analysis.id).id,
        "code_id": getattr(_first(Code, Code.analysis_id == analysis.id), "id", None),
        "field_id": _first(FieldOfAction, FieldOfAction.project_id == project_id).id,
        "group_id": _first(StakeholderGroup, StakeholderGroup.project_id == project_id).id,
        "step_id": _first(ProcessStep, ProcessStep.project_id == project_id).id,
        "user_id": _first(User).id,
        "workshop_id": workshop.id,
        "item_id": _first(WorkshopItem, WorkshopItem.workshop_id == workshop.id).id,
        "round_id": getattr(_first(VotingRound, VotingRound.workshop_id == workshop.id), "id", None),
        "goal_id": getattr(_first(Goal), "id", None),
        "measure_id": getattr(_first(Measure), "id", None),
        "job_id": getattr(job, "id", None),
        "tag": "en",
        "kind": "invitation",
        "event_id": getattr(_first(Event, Event.project_id == project_id), "id", None),
        "slug": getattr(_first(PublicPage, PublicPage.project_id == project_id), "slug", None),
        "round_table_id": getattr(_first(RoundTable, RoundTable.project_id == project_id), "id", None),
        "factor_id": getattr(_first(SuccessFactor, SuccessFactor.project_id == project_id), "id", None),
        "volunteer_id": getattr(_first(Volunteer, Volunteer.project_id == project_id), "id", None),
        "report_id": getattr(_first(CommitteeReport, CommitteeReport.concept_id == concept.id), "id", None)
        if concept else None,
        # Per blueprint where one argument name means different records.
        "concept.section_id": getattr(_first(ConceptSection, ConceptSection.concept_id == concept.id), "id", None)
        if concept else None,
        "respond.code": survey.public_code,
        "workshops_public.code": workshop.join_code,
        "api.workshops_api.code": workshop.join_code,
        "pages.code": "en",
        "mail_opt_out.token": _opt_out_token(respondent),
    }
    return values


def _opt_out_token(respondent) -> str:
    """The opt-out link of a mailed contact (the page asks before it opts anyone out)."""
    from app.surveys.mailing import opt_out_token

    return opt_out_token(respondent)


#: Blueprints whose pages people see without a staff login (participants, sign-in, public pages).
PUBLIC_BLUEPRINTS = ("security", "respond", "workshops_public", "pages")
#: Public pages that are staff pages after all.
STAFF_PAGES = {"pages.list_feedback", "pages.edit_privacy_notice", "security.change_password",
               "security.two_factor_setup", "security.verify"}


def is_public(endpoint: str) -> bool:
    """Return whether a page is visited without a staff login."""
    return endpoint.split(".")[0] in PUBLIC_BLUEPRINTS and endpoint not in STAFF_PAGES


def _value(endpoint: str, argument: str, values: dict):
    blueprint = endpoint.rsplit(".", 1)[0]
    for key in (f"{blueprint}.{argument}", f"{blueprint.split('.')[0]}.{argument}"):
        if key in values:
            return values[key]
    return values.get(argument)


def page_urls(app, values: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """Return ([(endpoint, url)] for every GET route the values fill, [endpoints left unfilled])."""
    urls, unfilled = [], []
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods or rule.endpoint in SKIPPED or rule.arguments & FILE_ARGUMENTS:
                continue
            arguments = {name: _value(rule.endpoint, name, values) for name in rule.arguments}
            if any(value is None for value in arguments.values()):
                unfilled.append(rule.endpoint)
                continue
            urls.append((rule.endpoint, url_for(rule.endpoint, **arguments)))
    return urls, unfilled
