"""Forms for managing staff accounts."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

#: Instance-wide roles only; what someone does in a project is set on that project's members page.
ROLE_LABELS = {
    "admin": _l("Administration"),
    "project_lead": _l("Darf Projekte anlegen"),
}


class RoleField(SelectMultipleField):
    """Roles as a group of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def role_choices():
    """Return the role choices with translated labels."""
    return [(name, label) for name, label in ROLE_LABELS.items()]


class UserCreateForm(FlaskForm):
    """Create a staff account."""

    full_name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=255)])
    invite = BooleanField(_l("Per E-Mail einladen: Die Person legt ihr Passwort selbst fest"),
                          description=_l("Sie erhält einen Link, der einige Tage gilt. Dann bleibt das Feld "
                                         "„Erstes Passwort“ leer."))
    password = PasswordField(_l("Erstes Passwort"), validators=[Optional(), Length(min=10, max=200)],
                             description=_l("Mindestens 10 Zeichen. Die Person ändert es nach der ersten Anmeldung."))
    roles = RoleField(_l("Rollen für die ganze Instanz"), choices=role_choices(),
                      description=_l("Ohne Rolle arbeitet die Person nur in den Projekten, in die eine Projektleitung "
                                     "sie aufnimmt."))
    submit = SubmitField(_l("Konto anlegen"))


class UserEditForm(FlaskForm):
    """Change a staff account's name and roles."""

    full_name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    roles = RoleField(_l("Rollen für die ganze Instanz"), choices=role_choices(),
                      description=_l("Ohne Rolle arbeitet die Person nur in den Projekten, in die eine Projektleitung "
                                     "sie aufnimmt."))
    submit = SubmitField(_l("Speichern"))


class ConfirmForm(FlaskForm):
    """A button-only form that carries the CSRF token for a state change."""

    submit = SubmitField(_l("Bestätigen"))
