"""Settings read from the environment, with safe defaults for a single machine.

Secrets are never stored in the repository: without SECRET_KEY in the
environment a key is generated once and kept in ``instance/``.
"""
from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

SUPPORTED_LOCALES = ("de", "en")
#: Secrets generated into instance/secrets.json unless the environment sets them.
INSTANCE_SECRETS = ("SECRET_KEY", "SECURITY_PASSWORD_SALT", "TOTP_SECRET", "TOKEN_PEPPER")


def normalise_database_url(url: str) -> str:
    """Return the SQLAlchemy URL with the psycopg 3 driver for PostgreSQL URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def load_instance_secrets(instance_path: str) -> dict[str, str]:
    """Read the generated secrets from ``instance/secrets.json``, creating them once."""
    path = Path(instance_path) / "secrets.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    stored: dict[str, str] = {}
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
    wanted = {
        "SECRET_KEY": lambda: secrets.token_urlsafe(48),
        "SECURITY_PASSWORD_SALT": lambda: secrets.token_urlsafe(24),
        "TOTP_SECRET": lambda: secrets.token_urlsafe(32),
        "TOKEN_PEPPER": lambda: secrets.token_urlsafe(32),
    }
    changed = False
    for key, make in wanted.items():
        if key not in stored:
            stored[key] = make()
            changed = True
    if changed:
        # Several web workers may start at once: write a private temp file, then link it into place only
        # if no other process was first (the loser reads the winner's secrets, so all share one key).
        temporary = path.with_name(f".secrets-{os.getpid()}-{secrets.token_hex(4)}.json")
        temporary.write_text(json.dumps(stored, indent=2), encoding="utf-8")
        temporary.chmod(0o600)
        try:
            if path.exists():
                temporary.replace(path)
            else:
                os.link(temporary, path)
        except FileExistsError:
            return load_instance_secrets(instance_path)
        finally:
            temporary.unlink(missing_ok=True)
    return stored


def build_config(instance_path: str, overrides: dict | None = None) -> dict:
    """Assemble the Flask configuration from environment, instance secrets and overrides."""
    overrides = dict(overrides or {})
    env = os.environ
    testing = bool(overrides.get("TESTING"))
    if testing:
        stored = {
            "SECRET_KEY": "test-secret-key",
            "SECURITY_PASSWORD_SALT": "test-salt",
            "TOTP_SECRET": "test-totp-secret-test-totp-secret",
            "TOKEN_PEPPER": "test-pepper",
        }
    elif all(env.get(name) for name in INSTANCE_SECRETS):
        stored = {}  # every instance gets its secrets from the environment: no file in instance/
    else:
        stored = load_instance_secrets(instance_path)

    def secret(name: str) -> str:
        return env.get(name) or stored[name]

    default_db = "sqlite:///" + str(Path(instance_path) / "konzeptwerk.db")
    database_url = normalise_database_url(env.get("DATABASE_URL", default_db))
    redis_url = env.get("REDIS_URL", "")
    secure_cookies = env.get("SESSION_COOKIE_SECURE", "1" if not testing else "0") == "1"

    config = {
        "SECRET_KEY": secret("SECRET_KEY"),
        "TOKEN_PEPPER": secret("TOKEN_PEPPER"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        #: Public address printed in invitation links and QR codes made from a shell.
        "BASE_URL": env.get("BASE_URL", ""),
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        # Cookies: HttpOnly and SameSite always; Secure unless explicitly served over plain HTTP.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        # Workshop and survey tabs stay open for hours: the CSRF token lives as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_CHECK_DEFAULT": False,
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Europe/Berlin"),
        "BABEL_TRANSLATION_DIRECTORIES": "translations",
        "SUPPORTED_LOCALES": SUPPORTED_LOCALES,
        #: Flask-Limiter's own switch; ``RATELIMIT_ENABLED=0`` is for benchmarks only (``flask check`` warns).
        "RATELIMIT_ENABLED": env.get("RATELIMIT_ENABLED", "1") != "0",
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        #: Prefix of the limit counters in Redis: instances of one site share it, two sites on one Redis must not.
        "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX", "konzeptwerk"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_STRATEGY": "moving-window",
        # Failed sign-ins (app/auth/throttling.py): per account from one address, per address, per account.
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute;50 per day"),
        "LOGIN_ADDRESS_RATE_LIMIT": env.get("LOGIN_ADDRESS_RATE_LIMIT", "30 per hour;200 per day"),
        "LOGIN_ACCOUNT_RATE_LIMIT": env.get("LOGIN_ACCOUNT_RATE_LIMIT", "100 per day"),
        # "Forgot password" requests per address (each one sends a mail).
        "PASSWORD_RESET_LIMIT": env.get("PASSWORD_RESET_LIMIT", "5 per hour;20 per day"),
        # New answer sheets from public links: per client, and per link from everybody together.
        "SURVEY_PUBLIC_START_LIMIT": env.get("SURVEY_PUBLIC_START_LIMIT", "30 per minute;300 per day"),
        "SURVEY_PUBLIC_CODE_LIMIT": env.get("SURVEY_PUBLIC_CODE_LIMIT", "120 per minute"),
        # Joining workshops from one address (a whole room may share it), pages and API together.
        "WORKSHOP_JOIN_LIMIT": env.get("WORKSHOP_JOIN_LIMIT", "400 per minute;4000 per day"),
        "PROXY_FIX_HOPS": int(env.get("PROXY_FIX_HOPS", "0")),
        # Outgoing mail (app/mail/): SMTP through Flask-Mailman when MAIL_SERVER is set, else .eml files in
        # instance/outbox/ that staff can open. Sent from background jobs only, throttled, retried.
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": env.get("MAIL_USE_TLS", "0") == "1",
        "MAIL_USE_SSL": env.get("MAIL_USE_SSL", "0") == "1",
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "Konzeptwerk <konzeptwerk@localhost>"),
        "MAIL_TIMEOUT": int(env.get("MAIL_TIMEOUT", "30")),
        #: Messages per minute a sending job hands to the relay (0: no limit).
        "MAIL_PER_MINUTE": int(env.get("MAIL_PER_MINUTE", "60")),
        #: Attempts per message when the relay answers "try again later" (4xx) or the connection drops.
        "MAIL_ATTEMPTS": int(env.get("MAIL_ATTEMPTS", "4")),
        #: Seconds before the first retry; each further retry waits twice as long.
        "MAIL_RETRY_SECONDS": float(env.get("MAIL_RETRY_SECONDS", "30")),
        #: inline-thread (default: a thread pool in the web process), rq (workers on Redis) or inline (tests).
        "JOBS_BACKEND": env.get("JOBS_BACKEND", "rq" if redis_url else "inline-thread"),
        "JOBS_QUEUE": env.get("JOBS_QUEUE", "konzeptwerk"),
        "JOBS_THREADS": int(env.get("JOBS_THREADS", "2")),
        #: on: each free-text answer's sentence vector is computed in the background when it arrives (analysis);
        #: off: only when staff start it on an analysis page.
        "ANSWER_VECTORS": env.get("ANSWER_VECTORS", "on"),
        #: auto (the process running jobs deletes expired personal data daily) or off (cron: flask retention run).
        "RETENTION_SCHEDULE": env.get("RETENTION_SCHEDULE", "auto"),
        # Flask-Security-Too: staff accounts, roles, optional TOTP two-factor login.
        "SECURITY_PASSWORD_SALT": secret("SECURITY_PASSWORD_SALT"),
        "SECURITY_PASSWORD_HASH": "argon2",
        "SECURITY_PASSWORD_LENGTH_MIN": 10,
        # Refuse easily guessed passwords ("1234567890") wherever one is set (app/auth/passwords.py).
        "SECURITY_PASSWORD_COMPLEXITY_CHECKER": "zxcvbn",
        "SECURITY_ZXCVBN_MINIMUM_SCORE": 3,
        "SECURITY_REGISTERABLE": False,
        # Password reset by mail (sent by a background job, app/mail/staff.py); the link also serves account
        # invitations (app/auth/invitations.py), so it lives a few days.
        "SECURITY_RECOVERABLE": True,
        "SECURITY_RESET_URL": "/account/reset",
        "SECURITY_RESET_PASSWORD_WITHIN": timedelta(days=int(env.get("PASSWORD_RESET_DAYS", "3"))),
        "SECURITY_SEND_PASSWORD_RESET_NOTICE_EMAIL": True,
        "SECURITY_EMAIL_SENDER": env.get("MAIL_DEFAULT_SENDER", "Konzeptwerk <konzeptwerk@localhost>"),
        "SECURITY_EMAIL_HTML": False,
        "SECURITY_CHANGEABLE": True,
        "SECURITY_SEND_PASSWORD_CHANGE_EMAIL": False,
        "SECURITY_SEND_REGISTER_EMAIL": False,
        "SECURITY_TRACKABLE": False,
        "SECURITY_TWO_FACTOR": True,
        "SECURITY_TWO_FACTOR_REQUIRED": False,
        #: Roles that must sign in with a second factor (an authenticator app), e.g. "admin,project_lead".
        "TWO_FACTOR_REQUIRED_ROLES": tuple(r.strip() for r in env.get("TWO_FACTOR_REQUIRED_ROLES", "").split(",")
                                           if r.strip()),
        "SECURITY_TWO_FACTOR_ENABLED_METHODS": ["authenticator"],
        "SECURITY_TWO_FACTOR_ALWAYS_VALIDATE": True,
        "SECURITY_TOTP_SECRETS": {1: secret("TOTP_SECRET")},
        "SECURITY_TOTP_ISSUER": "Konzeptwerk",
        "SECURITY_MULTI_FACTOR_RECOVERY_CODES": False,
        "SECURITY_RETURN_GENERIC_RESPONSES": True,
        "SECURITY_USERNAME_ENABLE": False,
        "SECURITY_POST_LOGIN_VIEW": "/projects/",
        "SECURITY_POST_LOGOUT_VIEW": "/login",
        "SECURITY_LOGIN_URL": "/login",
        "SECURITY_LOGOUT_URL": "/logout",
        "SECURITY_CHANGE_URL": "/account/password",
        "SECURITY_TWO_FACTOR_SETUP_URL": "/account/two-factor",
        "SECURITY_I18N_DIRNAME": ["builtin", "translations"],
        "SECURITY_CSRF_PROTECT_MECHANISMS": ["session"],
        "SECURITY_CSRF_IGNORE_UNAUTH_ENDPOINTS": False,
        "SECURITY_EMAIL_VALIDATOR_ARGS": {"check_deliverability": False},
        "SECURITY_URL_PREFIX": None,
        "SECURITY_FLASH_MESSAGES": True,
        "SECURITY_LOGOUT_METHODS": ["POST"],
        # Werkzeug 3 would write Flask-Security's default as "private=True, no-store=True"; app/web.py sends no-store.
        "SECURITY_CACHE_CONTROL": {},
        # Redirects after sign-in stay on this host (Flask-Security's defaults, stated here on purpose).
        "SECURITY_REDIRECT_ALLOW_SUBDOMAINS": False,
        "SECURITY_REDIRECT_BASE_DOMAIN": None,
    }
    config.update(overrides)
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") and "SQLALCHEMY_ENGINE_OPTIONS" not in overrides:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"timeout": 30}}
    return config
