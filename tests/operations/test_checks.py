"""``flask check`` finds the configuration problems a deployment would hit."""
from __future__ import annotations

from app.operations.checks import configuration_findings

ALL_SECRETS = {"SECRET_KEY": "k", "TOKEN_PEPPER": "p", "SECURITY_PASSWORD_SALT": "s", "TOTP_SECRET": "t"}
SCALED_OUT = {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://kw@db/kw", "RATELIMIT_STORAGE_URI": "redis://r/0",
              "REDIS_URL": "redis://r/0", "JOBS_BACKEND": "rq", "BASE_URL": "https://kw.stadt.example",
              "PROXY_FIX_HOPS": 1, "SESSION_COOKIE_SECURE": True, "MAIL_SERVER": "smtp.stadt.example",
              "MAIL_PORT": 587, "MAIL_USE_TLS": True, "MAIL_PASSWORD": "from-the-environment"}


def _messages(config, environ=None, **counts) -> dict[str, list[str]]:
    found = configuration_findings(config, environ or {}, **counts)
    return {severity: [f.message for f in found if f.severity == severity] for severity in ("error", "warning")}


def test_the_single_machine_default_has_no_errors(app):
    assert _messages(app.config)["error"] == []


def test_a_well_configured_scale_out_has_no_findings():
    assert _messages(SCALED_OUT, ALL_SECRETS, workers=4, instances=2) == {"error": [], "warning": []}


def test_several_instances_without_shared_secrets_is_an_error():
    errors = _messages(SCALED_OUT, {"SECRET_KEY": "k"}, instances=2)["error"]
    assert len(errors) == 1
    assert "SECURITY_PASSWORD_SALT, TOTP_SECRET, TOKEN_PEPPER not set" in errors[0]
    assert "SECRET_KEY" in _messages(SCALED_OUT, {}, instances=1)["warning"][0]


def test_in_memory_rate_limits_with_several_workers_is_an_error(app):
    assert _messages(app.config, workers=1)["error"] == []
    errors = _messages(app.config, workers=4)["error"]
    assert any("Rate limits are counted in memory by 4 processes" in e for e in errors)


def test_insecure_cookies_behind_https_is_an_error():
    config = dict(SCALED_OUT, SESSION_COOKIE_SECURE=False)
    assert any("SESSION_COOKIE_SECURE=0" in e for e in _messages(config, ALL_SECRETS)["error"])
    behind_proxy = dict(config, BASE_URL="")
    assert any("SESSION_COOKIE_SECURE=0" in e for e in _messages(behind_proxy, ALL_SECRETS)["error"])


def test_https_without_proxy_fix_and_sqlite_with_instances_are_reported():
    warnings = _messages(dict(SCALED_OUT, PROXY_FIX_HOPS=0), ALL_SECRETS)["warning"]
    assert any("PROXY_FIX_HOPS=0" in w for w in warnings)
    errors = _messages(dict(SCALED_OUT, SQLALCHEMY_DATABASE_URI="sqlite:///x.db"), ALL_SECRETS, instances=2)["error"]
    assert any("Several instances on SQLite" in e for e in errors)
    assert any("JOBS_BACKEND=rq needs REDIS_URL" in e
               for e in _messages(dict(SCALED_OUT, REDIS_URL="", JOBS_REDIS_URL=""), ALL_SECRETS)["error"])


def test_flask_check_reports_an_unreachable_redis_and_exits_1(migrated_app, monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    migrated_app.config.update(REDIS_URL="redis://127.0.0.1:1/0", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    result = migrated_app.test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 1
    assert "ERROR: redis: Redis does not answer" in result.output
    assert "1 error(s)" in result.output


def test_flask_check_passes_on_the_default_setup(migrated_app, monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    result = migrated_app.test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output
    if migrated_app.config["DB_BACKEND"] == "sqlite":
        assert "0 error(s), 0 warning(s)." in result.output
    result = migrated_app.test_cli_runner().invoke(args=["check", "--workers", "3"])
    assert result.exit_code == 1 and "Rate limits are counted in memory by 3 processes" in result.output


def test_secrets_from_the_environment_leave_no_file_in_instance(tmp_path, monkeypatch):
    from app.config import build_config

    for name, value in ALL_SECRETS.items():
        monkeypatch.setenv(name, value)
    config = build_config(str(tmp_path))
    assert config["SECRET_KEY"] == "k" and config["TOKEN_PEPPER"] == "p"
    assert not (tmp_path / "secrets.json").exists()
    monkeypatch.delenv("TOTP_SECRET")
    build_config(str(tmp_path))
    assert (tmp_path / "secrets.json").exists()
    assert not list(tmp_path.glob(".secrets-*"))


def test_rate_limits_switched_off_from_the_environment_is_an_error(monkeypatch, tmp_path):
    from app.config import build_config

    monkeypatch.setenv("RATELIMIT_ENABLED", "0")
    config = build_config(str(tmp_path), {"TESTING": True})
    assert config["RATELIMIT_ENABLED"] is False
    assert any("RATELIMIT_ENABLED=0" in e for e in _messages(config)["error"])
    monkeypatch.delenv("RATELIMIT_ENABLED")
    assert build_config(str(tmp_path), {"TESTING": True})["RATELIMIT_ENABLED"] is True
def test_mail_findings_no_server_both_tls_modes_and_a_password_in_the_clear():
    assert any("MAIL_SERVER is not set" in w for w in _messages(dict(SCALED_OUT, MAIL_SERVER=""), ALL_SECRETS)["warning"])
    both = dict(SCALED_OUT, MAIL_USE_SSL=True)
    assert any("MAIL_USE_TLS and MAIL_USE_SSL" in e for e in _messages(both, ALL_SECRETS)["error"])
    clear = dict(SCALED_OUT, MAIL_USE_TLS=False)
    assert any("without TLS" in w for w in _messages(clear, ALL_SECRETS)["warning"])
