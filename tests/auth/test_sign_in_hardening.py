"""Sign-in hardening: logout ends the session on the server, throttling per address and account,
weak passwords refused wherever a password is set, two-factor sign-in encouraged and requirable."""
from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from tests.conftest import TEST_PASSWORD


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def _sign_in(client, email, password, address="10.0.0.7"):
    return client.post("/login", data={"email": email, "password": password}, **_from(address))


# --- sessions ----------------------------------------------------------------------------------------

def test_logout_makes_a_copied_session_cookie_worthless_at_once(app, client, make_user):
    user = make_user()
    assert client.post("/login", data={"email": user.email, "password": TEST_PASSWORD, "remember": "y"}) \
        .status_code == 302
    thief = app.test_client()
    for name in ("session", "remember_token"):
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    assert thief.get("/projects/").status_code == 200
    assert client.post("/logout").status_code == 302
    refused = thief.get("/projects/")
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]


# --- throttling --------------------------------------------------------------------------------------

def test_a_guesser_cannot_lock_out_a_colleague_signing_in_elsewhere(app, make_user):
    user = make_user()
    guesser = app.test_client()
    statuses = [_sign_in(guesser, user.email, "wrong-password", "10.6.6.6").status_code for _n in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[-1] == 429
    assert _sign_in(guesser, user.email, TEST_PASSWORD, "10.6.6.6").status_code == 429
    assert _sign_in(app.test_client(), user.email, TEST_PASSWORD, "10.0.0.7").status_code == 302


def test_password_spraying_from_one_address_is_slowed(app, make_user):
    victim = make_user()
    sprayer = app.test_client()
    statuses = [_sign_in(sprayer, f"person{n}@example.org", "Sommer2026!", "10.6.6.7").status_code
                for n in range(100, 131)]
    assert statuses[:30] == [200] * 30 and statuses[-1] == 429
    assert _sign_in(sprayer, victim.email, TEST_PASSWORD, "10.6.6.7").status_code == 429
    assert _sign_in(app.test_client(), victim.email, TEST_PASSWORD, "10.0.0.8").status_code == 302


def test_successful_sign_ins_from_one_office_are_not_counted(app, make_user):
    user = make_user()
    statuses = {_sign_in(app.test_client(), user.email, TEST_PASSWORD, "10.0.0.9").status_code for _n in range(35)}
    assert statuses == {302}


def test_wrong_two_factor_codes_are_counted_too(app, make_user):
    from app.extensions import security

    user = make_user()
    user.tf_primary_method = "authenticator"
    user.tf_totp_secret = security._totp_factory.generate_totp_secret()
    db.session.commit()
    client = app.test_client()
    first = _sign_in(client, user.email, TEST_PASSWORD)
    assert first.status_code == 302 and "/tf-validate" in first.headers["Location"]
    statuses = [client.post("/tf-validate", data={"code": "000000"}, **_from("10.0.0.7")).status_code
                for _n in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[-1] == 429


# --- passwords ---------------------------------------------------------------------------------------

def test_the_admin_cannot_give_an_account_a_weak_password(client, make_user, login):
    login(make_user(roles=("admin",)))
    response = client.post("/auth/users/new", data={"email": "neu@example.org", "password": "1234567890",
                                                    "roles": ["project_lead"]})
    assert response.status_code == 422
    assert "Dieses Passwort ist zu leicht zu erraten" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "neu@example.org")) is None


def test_a_weak_password_is_refused_in_english_too(client, make_user, login):
    login(make_user(roles=("admin",)))
    client.get("/pages/language/en")
    response = client.post("/auth/users/new", data={"email": "neu@example.org", "password": "1234567890",
                                                    "roles": ["project_lead"]})
    assert response.status_code == 422
    assert "This password is too easy to guess" in response.get_data(as_text=True)


def test_flask_users_create_refuses_a_weak_password(runner):
    result = runner.invoke(args=["users", "create", "--email", "neu@example.org", "--role", "project_lead",
                                 "--password", "1234567890"])
    assert result.exit_code != 0
    assert "zu leicht zu erraten" in result.output
    assert db.session.scalar(select(User).where(User.email == "neu@example.org")) is None


def test_changing_to_a_weak_password_is_refused(client, make_user, login):
    from flask_security import verify_password

    user = make_user()
    login(user)
    response = client.post("/account/password", data={"password": TEST_PASSWORD, "new_password": "1234567890",
                                                      "new_password_confirm": "1234567890"})
    assert response.status_code in (200, 400, 422)
    assert "Dieses Passwort ist zu leicht zu erraten" in response.get_data(as_text=True)
    db.session.expire_all()
    assert verify_password(TEST_PASSWORD, db.session.get(User, user.id).password)


def test_a_strong_new_password_is_accepted(client, make_user, login):
    user = make_user()
    login(user)
    response = client.post("/account/password", data={"password": TEST_PASSWORD,
                                                      "new_password": "Ampel-Fahrrad-Kiesel-7",
                                                      "new_password_confirm": "Ampel-Fahrrad-Kiesel-7"})
    assert response.status_code == 302


# --- two-factor sign-in ------------------------------------------------------------------------------

def test_the_account_page_encourages_two_factor_sign_in_for_leads(client, make_user, login):
    login(make_user(roles=("project_lead",)))
    page = client.get("/account/password")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Schützen Sie Ihr Konto mit einem zweiten Faktor" in body and "Wir empfehlen" in body
    assert 'href="/account/two-factor"' in body


def test_an_instance_can_require_two_factor_sign_in_for_some_roles(app, make_user):
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ("admin", "project_lead")
    lead, author = make_user(roles=("project_lead",)), make_user(roles=("author",))
    lead_client = app.test_client()
    first = _sign_in(lead_client, lead.email, TEST_PASSWORD)
    assert first.status_code == 302 and "/account/two-factor" in first.headers["Location"]
    assert lead_client.get("/projects/").status_code == 302
    setup = lead_client.get(first.headers["Location"])
    assert setup.status_code == 200
    author_client = app.test_client()
    assert _sign_in(author_client, author.email, TEST_PASSWORD).headers["Location"].endswith("/projects/")
    assert author_client.get("/projects/").status_code == 200
