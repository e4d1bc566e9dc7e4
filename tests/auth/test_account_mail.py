"""Staff accounts by e-mail: password reset and account invitations through Flask-Security, sent by jobs."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from tests.conftest import TEST_PASSWORD
from tests.surveys.mail_fixtures import smtp_server  # noqa: F401 - fixture

RESET_LINK = re.compile(r"https?://[^\s/]+(/account/reset/[^\s]+)")
NEW_PASSWORD = "lila-Regenschirm-tanzt-42"


def _link(message) -> str:
    return RESET_LINK.search(message.get_body(preferencelist=("plain",)).get_content()).group(1)


def test_a_forgotten_password_is_reset_through_a_mailed_link(app, client, make_user, smtp_server):
    from app.jobs.models import Job

    app.config["JOBS_BACKEND"] = "inline"
    user = make_user(email="lead@example.org")
    login_page = client.get("/login").get_data(as_text=True)
    assert "/account/reset" in login_page

    response = client.post("/account/reset", data={"email": "lead@example.org"})
    assert response.status_code in (200, 302)
    (message,) = smtp_server.to("lead@example.org")
    link = _link(message)
    # The job forgets the link once the mail is out.
    job = db.session.scalars(select(Job).where(Job.kind == "mail.staff")).one()
    assert job.status == "done" and job.arguments == {}

    client.post(link, data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    refused = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert refused.status_code == 200
    accepted = client.post("/login", data={"email": user.email, "password": NEW_PASSWORD})
    assert accepted.status_code in (302, 303)


def test_unknown_addresses_get_the_same_answer_and_no_mail(app, client, smtp_server):
    app.config["JOBS_BACKEND"] = "inline"
    response = client.post("/account/reset", data={"email": "nobody@example.org"})
    assert response.status_code in (200, 302)
    assert smtp_server.messages == []


def test_an_admin_invites_a_colleague_who_sets_their_own_password(app, client, make_user, login, smtp_server):
    from app.auth.models import User

    app.config["JOBS_BACKEND"] = "inline"
    admin = make_user(roles=("admin",), email="admin@example.org", full_name="Andrea Admin")
    login(admin)
    response = client.post("/auth/users/new", data={"email": "neu@example.org", "full_name": "Nora Neu",
                                                     "roles": ["project_lead"], "invite": "y"})
    assert response.status_code == 302
    (message,) = smtp_server.to("neu@example.org")
    assert message["Subject"] == "Einladung zu Konzeptwerk"
    assert "Andrea Admin" in message.get_body(preferencelist=("plain",)).get_content()
    client.post("/logout")
    client.post(_link(message), data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    accepted = client.post("/login", data={"email": "neu@example.org", "password": NEW_PASSWORD})
    assert accepted.status_code in (302, 303)
    assert db.session.scalar(select(User).where(User.email == "neu@example.org")).has_role("project_lead")


def test_an_account_without_password_or_invitation_is_refused(app, client, make_user, login, smtp_server):
    from app.auth.models import User

    login(make_user(roles=("admin",)))
    response = client.post("/auth/users/new", data={"email": "ohne@example.org", "roles": ["project_lead"]})
    assert response.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "ohne@example.org")) is None
    assert smtp_server.messages == []


def test_the_invitation_service_refuses_a_used_address_and_sends_nothing(app, make_user, smtp_server):
    import pytest

    from app.auth.invitations import invite_staff_member
    from app.errors import ValidationError

    app.config["JOBS_BACKEND"] = "inline"
    make_user(email="schon@example.org")
    with app.test_request_context(), pytest.raises(ValidationError):
        invite_staff_member("schon@example.org", [])
    assert smtp_server.messages == []


def test_forgot_password_requests_are_limited_per_address(app, client, make_user, smtp_server):
    app.config["JOBS_BACKEND"] = "inline"
    app.config["PASSWORD_RESET_LIMIT"] = "2 per hour"
    make_user(email="lead@example.org")
    statuses = [client.post("/account/reset", data={"email": "lead@example.org"}).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429] and statuses[2] == 429
    assert len(smtp_server.to("lead@example.org")) == 2
