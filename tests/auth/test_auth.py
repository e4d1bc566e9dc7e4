"""Staff accounts: login, generic errors, rate limits, roles, admin management, the security log."""
from __future__ import annotations

from sqlalchemy import select

from app.auth.models import AuthEvent, User
from app.extensions import db
from tests.conftest import TEST_PASSWORD


def _events(kind):
    return list(db.session.scalars(select(AuthEvent).where(AuthEvent.kind == kind)))


def test_password_is_stored_with_argon2(make_user):
    user = make_user()
    assert user.password.startswith("$argon2")
    assert TEST_PASSWORD not in user.password


def test_login_with_correct_password_opens_projects(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/projects/").status_code == 200
    assert _events("login")[0].user_id == user.id


def test_wrong_password_and_unknown_account_get_the_same_generic_message(client, make_user):
    user = make_user()
    wrong = client.post("/login", data={"email": user.email, "password": "not-the-password"})
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "not-the-password"})
    assert wrong.status_code == unknown.status_code == 200
    wrong_text, unknown_text = wrong.get_data(as_text=True), unknown.get_data(as_text=True)
    generic = "Authentifizierung fehlgeschlagen"
    assert generic in wrong_text and generic in unknown_text
    for text in (wrong_text, unknown_text):
        assert "Passwort ist falsch" not in text and "existiert nicht" not in text
    assert client.get("/projects/").status_code == 302
    failures = _events("login_failed")
    assert len(failures) == 2
    assert {f.user_id for f in failures} == {user.id, None}


def test_login_attempts_are_rate_limited(client, make_user):
    user = make_user()
    statuses = [client.post("/login", data={"email": user.email, "password": "wrong-password"}).status_code
                for _ in range(12)]
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429
    blocked = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert blocked.status_code == 429
    assert "Zu viele" in blocked.get_data(as_text=True)


def test_logged_out_visitor_sees_the_login_page(client, make_project):
    project = make_project()
    for path in ("/projects/", f"/projects/{project.id}", "/auth/users", f"/projects/{project.id}/setup"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/login" in response.headers["Location"]


def test_logout_ends_the_session(client, make_user, login):
    user = make_user()
    login(user)
    assert client.post("/logout").status_code == 302
    assert client.get("/projects/").status_code == 302
    assert _events("logout")


def test_facilitator_cannot_manage_users(client, make_user, login):
    login(make_user(roles=("facilitator",)))
    assert client.get("/auth/users").status_code == 403
    assert client.post("/auth/users/new", data={"email": "x@example.org", "password": "long-enough-pw",
                                                "roles": ["admin"]}).status_code == 403
    assert db.session.scalar(select(User).where(User.email == "x@example.org")) is None


def test_admin_creates_and_deactivates_a_user(client, make_user, login):
    admin = make_user(roles=("admin",))
    login(admin)
    response = client.post("/auth/users/new", data={"email": "Neu@Example.org", "full_name": "Neue Person",
                                                    "password": "ein-langes-passwort", "roles": ["project_lead"]})
    assert response.status_code == 302
    created = db.session.scalar(select(User).where(User.email == "neu@example.org"))
    assert created.has_role("project_lead") and created.active

    target = created.id
    assert client.post(f"/auth/users/{target}/active").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, target).active is False
    other = client.application.test_client()
    refused = other.post("/login", data={"email": "neu@example.org", "password": "ein-langes-passwort"})
    assert refused.status_code == 200
    assert other.get("/projects/").status_code == 302
    assert _events("user_deactivated")[0].actor_id == admin.id


def test_admin_cannot_create_duplicate_accounts(client, make_user, login):
    admin = make_user(roles=("admin",))
    login(admin)
    duplicate = client.post("/auth/users/new", data={"email": admin.email.upper(), "password": "ein-langes-passwort",
                                                     "roles": ["project_lead"]})
    assert duplicate.status_code == 422
    assert "bereits ein Konto" in duplicate.get_data(as_text=True)


def test_an_account_without_instance_roles_works_only_in_projects_it_is_added_to(client, make_user, login,
                                                                                 make_project):
    admin = make_user(roles=("admin",))
    make_project(title="Projekt der Anderen")
    login(admin)
    created = client.post("/auth/users/new", data={"email": "b@example.org", "password": "ein-langes-passwort"})
    assert created.status_code == 302
    person = client.application.test_client()
    assert person.post("/login", data={"email": "b@example.org", "password": "ein-langes-passwort"}).status_code == 302
    listing = person.get("/projects/").get_data(as_text=True)
    assert "Projekt der Anderen" not in listing
    assert person.get("/projects/new").status_code == 403


def test_admin_cannot_deactivate_or_demote_themselves(client, make_user, login):
    admin = make_user(roles=("admin",))
    login(admin)
    client.post(f"/auth/users/{admin.id}/active")
    response = client.post(f"/auth/users/{admin.id}", data={"roles": ["project_lead"]})
    assert response.status_code == 422
    db.session.expire_all()
    refreshed = db.session.get(User, admin.id)
    assert refreshed.active and refreshed.has_role("admin")


def test_change_password(client, make_user, login):
    user = make_user()
    login(user)
    response = client.post("/account/password", data={"password": TEST_PASSWORD, "new_password": "ein-neues-passwort-1",
                                                       "new_password_confirm": "ein-neues-passwort-1"})
    assert response.status_code in (200, 302)
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": "ein-neues-passwort-1"}).status_code == 302
    assert _events("password_changed")


def test_two_factor_setup_page_offers_an_authenticator_app(client, make_user, login):
    login(make_user())
    response = client.get("/account/two-factor")
    assert response.status_code == 200
    assert 'value="authenticator"' in response.get_data(as_text=True)


def test_cli_creates_a_user_with_generated_password(runner, app):
    result = runner.invoke(args=["users", "create", "--email", "cli@example.org", "--role", "project_lead"])
    assert result.exit_code == 0, result.output
    assert "Initial password:" in result.output
    user = db.session.scalar(select(User).where(User.email == "cli@example.org"))
    assert user.has_role("project_lead")


def test_cli_refuses_a_duplicate_user(runner, make_user):
    user = make_user()
    result = runner.invoke(args=["users", "create", "--email", user.email, "--role", "project_lead"])
    assert result.exit_code != 0
    assert "bereits" in result.output
