"""Forms of the analysis pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (IntegerField, RadioField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField, widgets)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

SCOPE_LABELS = {
    "survey": _l("Eine ganze Befragung"),
    "question": _l("Eine offene Frage"),
    "field_of_action": _l("Ein Handlungsfeld über alle Befragungen"),
}


#: Groups smaller than five people are never shown, so nobody can be recognised.
MIN_CELL_MESSAGE = _l("Die Mindestgröße muss zwischen 5 und 100 liegen, damit niemand erkannt werden kann.")

class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes in a fieldset."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class NewAnalysisForm(FlaskForm):
    """What to analyse and how."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=200)],
                        description=_l("Zum Beispiel „Interviewstudie: Stärken und Wünsche“."))
    scope = RadioField(_l("Was soll ausgewertet werden?"), choices=list(SCOPE_LABELS.items()), default="survey",
                       validators=[InputRequired(_l("Bitte wählen Sie, was ausgewertet werden soll."))])
    survey_id = SelectField(_l("Befragung"), coerce=int, validators=[Optional()], validate_choice=False)
    question_id = SelectField(_l("Offene Frage"), coerce=int, validators=[Optional()], validate_choice=False)
    field_of_action_id = SelectField(_l("Handlungsfeld"), coerce=int, validators=[Optional()], validate_choice=False)
    theme_count = IntegerField(_l("Zahl der Themen (leer: automatisch)"), validators=[Optional(), NumberRange(2, 40)])
    min_cell_size = IntegerField(_l("Mindestgröße von Gruppen"), default=5, validators=[
        InputRequired(_l("Bitte eine Mindestgröße angeben.")), NumberRange(5, 100, message=MIN_CELL_MESSAGE)],
        description=_l("Kleinere Gruppen werden in Vergleichen unterdrückt, damit niemand erkennbar ist."))
    unit = SelectField(_l("Was bekommt ein Thema?"), default="auto", choices=[
        ("auto", _l("Automatisch: ganze Antworten bei Befragungen, Abschnitte bei Interviews")),
        ("answer", _l("Jede Antwort als Ganzes")),
        ("passage", _l("Abschnitte langer Antworten einzeln (z. B. Interview-Transkripte)"))])
    language = SelectField(_l("Sprache der Themennamen"), choices=[("de", _l("Deutsch")), ("en", _l("Englisch"))],
                           default="de", description=_l(
                               "Antworten dürfen in jeder Sprache sein: sie werden nach Bedeutung gruppiert, "
                               "jedes Zitat zeigt seine Sprache."))
    submit = SubmitField(_l("Auswertung starten"))


class AnalysisSettingsForm(FlaskForm):
    """Title, number of themes and minimum group size of an analysis."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=200)])
    theme_count = IntegerField(_l("Zahl der Themen (leer: automatisch)"), validators=[Optional(), NumberRange(2, 40)])
    min_cell_size = IntegerField(_l("Mindestgröße von Gruppen"), validators=[
        InputRequired(_l("Bitte eine Mindestgröße angeben.")), NumberRange(5, 100, message=MIN_CELL_MESSAGE)])
    submit = SubmitField(_l("Einstellungen speichern"))


class ThemeForm(FlaskForm):
    """Label and definition of a theme."""

    label = StringField(_l("Bezeichnung"), validators=[DataRequired(_l("Bitte eine Bezeichnung angeben.")),
                                                         Length(max=200)])
    definition = TextAreaField(_l("Definition"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Speichern"))


class ThemeFieldForm(FlaskForm):
    """The field of action a theme belongs to."""

    field_of_action_id = SelectField(_l("Handlungsfeld"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Zuordnen"))


class MergeForm(FlaskForm):
    """Themes to merge into one."""

    theme_ids = MultiCheckboxField(_l("Themen zum Zusammenführen"), coerce=int, validate_choice=False)
    target_id = SelectField(_l("Zusammenführen in"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Ausgewählte Themen zusammenführen"))


class CodeForm(FlaskForm):
    """A codebook entry."""

    name = StringField(_l("Code"), validators=[DataRequired(_l("Bitte einen Namen angeben.")), Length(max=120)])
    definition = TextAreaField(_l("Definition"), validators=[Optional(), Length(max=5000)],
                               description=_l("Wann wird der Code vergeben? Ein Beispiel hilft."))
    submit = SubmitField(_l("Code speichern"))


class CodingForm(FlaskForm):
    """The codes a person gives a passage."""

    code_ids = MultiCheckboxField(_l("Codes"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Speichern und weiter"))


class BulkAcceptForm(FlaskForm):
    """Accept all suggestions at or above a confidence."""

    threshold = IntegerField(_l("Ab Sicherheit (Prozent)"), default=80, validators=[
        InputRequired(_l("Bitte eine Schwelle angeben.")), NumberRange(0, 100, _l("Bitte 0 bis 100 angeben."))])
    code_id = SelectField(_l("Code"), coerce=int, default=0, validate_choice=False)
    submit = SubmitField(_l("Alle darüber annehmen"))


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token."""

    submit = SubmitField(_l("Ausführen"))


class AgreementForm(FlaskForm):
    """Two coders to compare."""

    class Meta:
        csrf = False

    first = SelectField(_l("Erste Person"), coerce=int, validate_choice=False)
    second = SelectField(_l("Zweite Person"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Vergleichen"))


