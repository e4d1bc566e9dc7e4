"""Forms of round tables and success factors."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.outreach.forms import MultiCheckboxField


class RoundTableForm(FlaskForm):
    """A round table: when, where, agenda, organisations and minutes."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=300)])
    held_on = DateField(_l("Datum"), validators=[DataRequired(_l("Bitte das Datum angeben."))])
    place = StringField(_l("Ort"), validators=[Optional(), Length(max=300)])
    is_needs_assessment = BooleanField(_l("Jährlicher Runder Tisch zur Bedarfsermittlung"))
    agenda = TextAreaField(_l("Tagesordnung (ein Punkt je Zeile)"), validators=[Optional(), Length(max=20_000)],
                           render_kw={"rows": 7})
    organisations = TextAreaField(_l("Beteiligte Organisationen (eine je Zeile, keine Personen)"),
                                  validators=[Optional(), Length(max=40_000)], render_kw={"rows": 6})
    minutes = TextAreaField(_l("Protokoll (ohne Namen von Personen)"), validators=[Optional(), Length(max=100_000)],
                            render_kw={"rows": 10})
    submit = SubmitField(_l("Runden Tisch speichern"))


class DecisionForm(FlaskForm):
    """A decision of a round table, linked to goals and measures."""

    text = TextAreaField(_l("Beschluss"), validators=[DataRequired(_l("Bitte den Beschluss beschreiben.")),
                                                      Length(max=10_000)], render_kw={"rows": 3})
    responsible = StringField(_l("Zuständig"), validators=[Optional(), Length(max=300)])
    goal_ids = MultiCheckboxField(_l("Betrifft die Ziele"), coerce=int, choices=[])
    measure_ids = MultiCheckboxField(_l("Betrifft die Maßnahmen"), coerce=int, choices=[])
    submit = SubmitField(_l("Beschluss hinzufügen"))


class SuccessFactorForm(FlaskForm):
    """A success factor's name and description."""

    name = StringField(_l("Erfolgsfaktor"), validators=[DataRequired(_l("Bitte den Namen des Erfolgsfaktors angeben.")),
                                                        Length(max=300)])
    description = TextAreaField(_l("Was er bedeutet"), validators=[Optional(), Length(max=5_000)],
                                render_kw={"rows": 2})
    submit = SubmitField(_l("Erfolgsfaktor speichern"))


class AssessmentForm(FlaskForm):
    """A success factor's self-assessment of a year."""

    year = IntegerField(_l("Jahr"), validators=[DataRequired(_l("Bitte ein Jahr angeben.")),
                                                NumberRange(min=2000, max=2100,
                                                            message=_l("Bitte ein Jahr zwischen 2000 und 2100 angeben."))])
    rating = RadioField(_l("Bewertung"), coerce=int, choices=[],
                        validators=[DataRequired(_l("Bitte eine Bewertung von 1 bis 5 wählen."))])
    evidence = TextAreaField(_l("Belege (woran die Einschätzung sich festmacht)"),
                             validators=[Optional(), Length(max=20_000)], render_kw={"rows": 4})
    measure_ids = MultiCheckboxField(_l("Maßnahmen, die dazu beitragen"), coerce=int, choices=[])
    submit = SubmitField(_l("Einschätzung speichern"))
