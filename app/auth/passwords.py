"""Which passwords staff may set: long enough and not easy to guess, checked by Flask-Security's zxcvbn checker.

Flask-Security runs this wherever a password is set through it (changing the password) and the
account services call it for the admin's account form and ``flask users create``. Its messages
come from this app's catalogs, so they read in German or English (zxcvbn's own hints are English only).
"""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_security import PasswordUtil
from flask_security.utils import password_complexity_validator

#: Longest password accepted (Flask-Security's own bound; zxcvbn gets slow on longer input).
MAX_LENGTH = 128


class StaffPasswordPolicy(PasswordUtil):
    """Refuse short, overlong and easily guessed passwords ("1234567890", a name, a common word)."""

    def validate(self, password: str, is_register: bool, **kwargs) -> tuple[list | None, str]:
        """Return ([messages], normalised password); no messages when the password may be used."""
        normalised = self.normalize(password or "")
        minimum = current_app.config["SECURITY_PASSWORD_LENGTH_MIN"]
        if len(normalised) < minimum:
            return [_("Das Passwort muss mindestens %(min)s Zeichen lang sein.", min=minimum)], normalised
        if len(normalised) > MAX_LENGTH:
            return [_("Das Passwort darf höchstens %(max)s Zeichen lang sein.", max=MAX_LENGTH)], normalised
        if password_complexity_validator(normalised, is_register, **kwargs):
            return [_("Dieses Passwort ist zu leicht zu erraten (zum Beispiel eine Zahlenfolge, ein häufiges "
                      "Passwort oder ein Teil Ihres Namens). Wählen Sie ein längeres, ungewöhnlicheres Passwort, "
                      "etwa drei oder vier zufällige Wörter.")], normalised
        return None, normalised


def password_problem(password: str, **about_the_person) -> str | None:
    """Return why a new password is refused (in the user's language), or None; ``about_the_person``: e-mail, name."""
    from app.extensions import security

    problems, _normalised = security.password_util.validate(
        password, True, **{k: v for k, v in about_the_person.items() if v})
    return str(problems[0]) if problems else None
