"""Forms for the concept: outline, section texts, goals, measures, indicators, monitoring, template upload."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

SECTION_STATUS_LABELS = {"draft": _l("Entwurf"), "in_review": _l("In Prüfung"), "final": _l("Final")}
GOAL_KIND_LABELS = {"guiding_goal": _l("Leitziel"), "action_goal": _l("Handlungsziel")}
MEASURE_STATUS_LABELS = {"running": _l("Laufend"), "planned": _l("Geplant"), "done": _l("Umgesetzt"),
                         "dropped": _l("Entfallen")}
ITEM_KIND_LABELS = {"guiding_goal": _l("Leitziel"), "action_goal": _l("Handlungsziel"), "measure": _l("Maßnahme")}
MARKUP_HELP = _l("Einfache Formatierung: **fett**, *kursiv*, Zeilen mit „- “ für Aufzählungen, „1. “ für "
                 "Nummerierungen, „> “ für Zitate, „## “ für Zwischenüberschriften. Leerzeile = neuer Absatz.")


class ConceptForm(FlaskForm):
    """Title and subtitle shown on the title page of the document."""

    title = StringField(_l("Titel des Konzepts"), validators=[DataRequired(_l("Bitte einen Titel angeben.")),
                                                            Length(max=300)])
    subtitle = StringField(_l("Untertitel"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Speichern"))


class NewSectionForm(FlaskForm):
    """A new text section, at the top level or under another section."""

    title = StringField(_l("Titel des neuen Abschnitts"),
                        validators=[DataRequired(_l("Bitte einen Titel für den Abschnitt angeben.")), Length(max=300)])
    parent_id = SelectField(_l("Einordnen unter"), coerce=int, default=0)
    submit = SubmitField(_l("Abschnitt hinzufügen"))


class RenameSectionForm(FlaskForm):
    """A section's new title."""

    title = StringField(_l("Neuer Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=300)])
    submit = SubmitField(_l("Umbenennen"))


class SectionForm(FlaskForm):
    """A section's text and status; ``version`` is the version the author started from."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=300)])
    body = TextAreaField(_l("Text"), validators=[Length(max=200_000)], description=MARKUP_HELP)
    status = SelectField(_l("Status"), choices=list(SECTION_STATUS_LABELS.items()), default="draft")
    version = HiddenField()
    submit = SubmitField(_l("Abschnitt speichern"))


class AcceptProposalForm(FlaskForm):
    """How to take a drafted text into the section."""

    mode = RadioField(_l("Entwurf übernehmen"), choices=[
        ("append", _l("An den vorhandenen Text anhängen")),
        ("replace", _l("Vorhandenen Text ersetzen"))], default="append")
    version = HiddenField()
    submit = SubmitField(_l("Entwurf übernehmen"))


class GoalForm(FlaskForm):
    """A guiding or action goal."""

    kind = RadioField(_l("Art des Ziels"), choices=list(GOAL_KIND_LABELS.items()), default="guiding_goal")
    title = TextAreaField(_l("Ziel"), validators=[DataRequired(_l("Bitte das Ziel formulieren.")), Length(max=500)])
    parent_id = SelectField(_l("Gehört zum Leitziel"), coerce=int, default=0,
                            description=_l("Nur für Handlungsziele."))
    description = TextAreaField(_l("Erläuterung"), validators=[Optional(), Length(max=20_000)])
    theme_ids = SelectMultipleField(_l("Belegt durch Themen der Auswertung"), coerce=int, validate_choice=False,
                                    description=_l("Mehrfachauswahl mit Strg bzw. Cmd."))
    submit = SubmitField(_l("Ziel speichern"))


class MeasureForm(FlaskForm):
    """A row of the measures table."""

    number = IntegerField(_l("Lfd. Nr."), validators=[Optional(), NumberRange(min=1, max=9999)],
                          description=_l("Leer lassen: die Maßnahme kommt ans Ende ihrer Tabelle. Eine Nummer setzt sie "
                                         "an diese Stelle; die übrigen werden fortlaufend neu nummeriert."))
    title = StringField(_l("Titel der Maßnahme"), validators=[
        DataRequired(_l("Bitte einen Titel für die Maßnahme angeben.")), Length(max=500)])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=50_000)],
                                description=MARKUP_HELP)
    steps = TextAreaField(_l("Umsetzungsschritte"), validators=[Optional(), Length(max=20_000)],
                          description=_l("Ein Schritt je Zeile."))
    period = StringField(_l("Zeitraum der Umsetzung"), validators=[Optional(), Length(max=200)],
                         description=_l("Zum Beispiel „2027–2028“ oder „fortlaufend“."))
    cost_amount = StringField(_l("Kosten (Betrag in Euro)"), validators=[Optional(), Length(max=30)],
                              description=_l("Zum Beispiel 12.500,00"))
    cost_text = StringField(_l("Kosten (Text)"), validators=[Optional(), Length(max=300)],
                            description=_l("Zum Beispiel „im Rahmen vorhandener Mittel“."))
    implemented_by = StringField(_l("Umsetzung durch"), validators=[Optional(), Length(max=500)],
                                 description=_l("Organisationseinheiten und Partner, z. B. "
                                                "„Integrationsbüro, VHS, Jobcenter“."))
    status = SelectField(_l("Status"), choices=list(MEASURE_STATUS_LABELS.items()), default="planned")
    goal_ids = SelectMultipleField(_l("Dient den Zielen"), coerce=int, validate_choice=False,
                                   description=_l("Mehrfachauswahl mit Strg bzw. Cmd."))
    theme_ids = SelectMultipleField(_l("Belegt durch Themen der Auswertung"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Maßnahme speichern"))


class MeasureUpdateForm(FlaskForm):
    """A monitoring entry of a measure."""

    status = SelectField(_l("Neuer Status"), choices=list(MEASURE_STATUS_LABELS.items()))
    recorded_on = DateField(_l("Datum"), validators=[InputRequired(_l("Bitte ein Datum angeben."))])
    note = TextAreaField(_l("Vermerk"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Stand erfassen"))


class IndicatorForm(FlaskForm):
    """A success indicator of a measure."""

    name = StringField(_l("Indikator"), validators=[DataRequired(_l("Bitte den Indikator benennen.")), Length(max=300)],
                       description=_l("Zum Beispiel „Zahl der qualifizierten Ehrenamtlichen“."))
    unit = StringField(_l("Einheit"), validators=[Optional(), Length(max=50)])
    baseline = StringField(_l("Ausgangswert"), validators=[Optional(), Length(max=30)])
    target = StringField(_l("Zielwert"), validators=[Optional(), Length(max=30)])
    current = StringField(_l("Aktueller Wert"), validators=[Optional(), Length(max=30)])
    submit = SubmitField(_l("Indikator speichern"))


class IndicatorValueForm(FlaskForm):
    """A new measured value of an indicator."""

    value = StringField(_l("Gemessener Wert"),
                        validators=[DataRequired(_l("Bitte einen Wert angeben.")), Length(max=30)])
    recorded_on = DateField(_l("Gemessen am"), validators=[InputRequired(_l("Bitte ein Datum angeben."))])
    note = StringField(_l("Vermerk"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Wert erfassen"))


class AdoptItemForm(FlaskForm):
    """Adopt a workshop item as a goal or measure."""

    item_id = HiddenField(validators=[DataRequired()])
    as_kind = SelectField(_l("Übernehmen als"), choices=list(ITEM_KIND_LABELS.items()))
    submit = SubmitField(_l("Übernehmen"))


class TemplateForm(FlaskForm):
    """The municipality's Word template."""

    template = FileField(_l("Word-Vorlage (.docx oder .dotx)"),
                         description=_l("Die Formatvorlagen (Schriften, Farben, Kopf- und Fußzeilen) der Vorlage "
                                        "werden für den Export verwendet. Höchstens 10 MB."))
    submit = SubmitField(_l("Vorlage hochladen"))


class ReportPeriodForm(FlaskForm):
    """The period of a progress report."""

    class Meta:
        csrf = False

    start = DateField(_l("Von"), validators=[Optional()])
    end = DateField(_l("Bis"), validators=[Optional()])
    submit = SubmitField(_l("Bericht anzeigen"))


class ExportForm(FlaskForm):
    """Options of the Word export (sent as query parameters of the download)."""

    class Meta:
        csrf = False

    orientation = RadioField(_l("Breite Maßnahmentabellen"), default="auto", choices=[
        ("auto", _l("im Querformat, wo die Spalten es brauchen (empfohlen)")),
        ("portrait", _l("immer im Hochformat"))])
    success_factors = BooleanField(_l("Erfolgsfaktoren kommunaler Integrationspolitik im Kapitel „Erfolge messen“ "
                                      "aufnehmen"))
    submit = SubmitField(_l("Gesamtes Konzept als Word exportieren"))


class ConfirmForm(FlaskForm):
    """A button-only form (move, delete, draft, dismiss)."""

    submit = SubmitField(_l("Bestätigen"))


class CommitteeReportForm(FlaskForm):
    """A progress report for a committee: period, committee and covering memo."""

    committee = SelectField(_l("Gremium"), choices=[("integration_council", _l("Integrationsrat")),
                                                    ("council_committee", _l("Fachausschuss des Rates")),
                                                    ("council", _l("Rat der Stadt"))])
    committee_name = StringField(_l("Name des Gremiums (freiwillig, z. B. „Ausschuss für Soziales und "
                                    "Integration“)"), validators=[Optional(), Length(max=200)])
    period_start = DateField(_l("Berichtszeitraum von"), validators=[InputRequired(_l("Bitte ein Datum angeben."))])
    period_end = DateField(_l("bis"), validators=[InputRequired(_l("Bitte ein Datum angeben."))])
    memo = TextAreaField(_l("Anschreiben (erste Seite des Berichts; leer: ein Entwurf wird vorgeschlagen)"),
                         description=MARKUP_HELP, validators=[Optional(), Length(max=20_000)],
                         render_kw={"rows": 12})
    submit = SubmitField(_l("Bericht speichern"))
