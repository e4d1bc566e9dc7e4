"""Forms for projects, fields of action, stakeholder groups and process steps."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, EmailField, IntegerField, RadioField, SelectField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.auth.forms import RoleField
from app.projects.templates_catalog import PROCESS_STEP_LABELS, template_choices

STATUS_LABELS = {
    "planning": _l("In Planung"),
    "running": _l("Laufend"),
    "adopted": _l("Beschlossen"),
    "monitoring": _l("Umsetzung und Monitoring"),
    "archived": _l("Archiviert"),
}


#: What the audit log records (``app/auth/access.py``: ``@audited``, administrator access, member changes).
AUDIT_ACTION_LABELS = {
    "viewed": _l("angesehen"),
    "exported": _l("exportiert"),
    "downloaded": _l("heruntergeladen"),
    "deleted": _l("gelöscht"),
    "admin_access": _l("Zugriff als Administration"),
    "members_changed": _l("Mitglieder geändert"),
}


class ProjectForm(FlaskForm):
    """Title, municipality, period, description and status of a project."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=200)],
                        description=_l("Zum Beispiel „Fortschreibung des Integrationskonzepts 2026“."))
    municipality = StringField(_l("Kommune"), validators=[DataRequired(_l("Bitte die Kommune angeben.")), Length(max=200)])
    period_start = DateField(_l("Beginn des Prozesses"), validators=[Optional()])
    period_end = DateField(_l("Ende des Prozesses"), validators=[Optional()])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=5000)])
    status = SelectField(_l("Status"), choices=list(STATUS_LABELS.items()), default="planning")
    submit = SubmitField(_l("Speichern"))

    def validate_period_end(self, field):
        """Refuse an end before the start."""
        if field.data and self.period_start.data and field.data < self.period_start.data:
            raise ValidationError(_l("Das Ende darf nicht vor dem Beginn liegen."))


class NewProjectForm(ProjectForm):
    """A project plus the template it starts from."""

    template = RadioField(_l("Vorlage"), choices=template_choices(), default="monheim_2016")
    submit = SubmitField(_l("Projekt anlegen"))


class FieldOfActionForm(FlaskForm):
    """Name and description of a field of action."""

    name = StringField(_l("Name des Handlungsfelds"), validators=[DataRequired(_l("Bitte einen Namen für das Handlungsfeld angeben.")), Length(max=300)])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Speichern"))


class StakeholderGroupForm(FlaskForm):
    """Name and interview target of a stakeholder group."""

    name = StringField(_l("Name der Akteursgruppe"), validators=[DataRequired(_l("Bitte einen Namen für die Akteursgruppe angeben.")), Length(max=200)])
    target_interviews = IntegerField(_l("Geplante Interviews"), default=0, validators=[
        InputRequired(_l("Bitte eine Zahl angeben.")),
        NumberRange(min=0, max=10000, message=_l("Die Zahl der geplanten Interviews darf nicht negativ sein."))])
    submit = SubmitField(_l("Speichern"))


class ProcessStepForm(FlaskForm):
    """A step on the project timeline."""

    kind = SelectField(_l("Art des Schritts"), choices=list(PROCESS_STEP_LABELS.items()))
    title = StringField(_l("Bezeichnung"), validators=[Optional(), Length(max=300)],
                        description=_l("Leer lassen, um die Art des Schritts als Bezeichnung zu verwenden."))
    date = DateField(_l("Datum"), validators=[Optional()])
    participants = IntegerField(_l("Teilnehmende"), validators=[
        Optional(), NumberRange(min=0, max=100000, message=_l("Die Zahl der Teilnehmenden darf nicht negativ sein."))])
    is_done = BooleanField(_l("Erledigt"))
    submit = SubmitField(_l("Speichern"))


class MoveForm(FlaskForm):
    """Move an entry one place up or down."""

    direction = SelectField(choices=[("up", "up"), ("down", "down")])


class DeleteForm(FlaskForm):
    """Confirm a deletion."""

    submit = SubmitField(_l("Löschen"))


def project_role_choices():
    """Return the project roles with their translated labels, in their usual order."""
    from app.projects.members import ROLE_LABELS

    return list(ROLE_LABELS.items())


class MemberAddForm(FlaskForm):
    """Add an existing account to the project with one or more roles."""

    email = EmailField(_l("E-Mail-Adresse des Kontos"), validators=[DataRequired(_l("Bitte die E-Mail-Adresse angeben.")),
                                                                    Length(max=255)])
    roles = RoleField(_l("Rollen im Projekt"), choices=project_role_choices,
                             validators=[DataRequired(_l("Bitte mindestens eine Rolle wählen."))])
    submit = SubmitField(_l("Aufnehmen"))


class MemberRolesForm(FlaskForm):
    """Change the roles of one member."""

    roles = RoleField(_l("Rollen"), choices=project_role_choices,
                             validators=[DataRequired(_l("Bitte mindestens eine Rolle wählen."))])
    submit = SubmitField(_l("Rollen speichern"))
