"""Forms for preparing and running workshops (staff) and for joining one (participants)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectField,
                     SelectMultipleField, StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.languages.registry import language_names

WORKSHOP_KIND_LABELS = {
    "expert": _l("Experten-Workshop"),
    "decision_maker": _l("Entscheider-Workshop"),
    "other": _l("Sonstiger Workshop"),
}
WORKSHOP_STATUS_LABELS = {"planned": _l("Geplant"), "running": _l("Läuft"), "done": _l("Abgeschlossen")}
ITEM_KIND_LABELS = {"guiding_goal": _l("Leitziel"), "action_goal": _l("Handlungsziel"), "measure": _l("Maßnahmenidee")}
ROUND_METHOD_LABELS = {
    "dots": _l("Punkte verteilen"),
    "rating": _l("Zustimmung bewerten (1–5)"),
    "ranking": _l("Rangfolge einer kurzen Liste"),
    "proposals": _l("Offene Vorschläge"),
}
ROUND_STATUS_LABELS = {"draft": _l("Entwurf"), "open": _l("Offen"), "closed": _l("Geschlossen")}
PROPOSAL_STATUS_LABELS = {"pending": _l("Wartet auf Prüfung"), "accepted": _l("Angenommen"),
                          "rejected": _l("Abgelehnt")}


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WorkshopForm(FlaskForm):
    """Title, kind, date, place and agenda of a workshop."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=200)],
                        description=_l("Zum Beispiel „Entscheider-Workshop zum Integrationskonzept“."))
    kind = SelectField(_l("Art"), choices=list(WORKSHOP_KIND_LABELS.items()), default="decision_maker")
    date = DateField(_l("Datum"), validators=[Optional()])
    place = StringField(_l("Ort"), validators=[Optional(), Length(max=300)])
    agenda = TextAreaField(_l("Ablauf / Tagesordnung"), validators=[Optional(), Length(max=5000)])
    instructions = TextAreaField(_l("Hinweise für Teilnehmende"), validators=[Optional(), Length(max=5000)],
                                 description=_l("Erscheint auf den Handys über den Abstimmungen. Übersetzungen "
                                                "tragen Sie unter „Übersetzungen“ ein."))
    languages = MultiCheckboxField(
        _l("Sprachen der Teilnahmehinweise auf der Leinwand und den gedruckten Karten"),
        description=_l("Deutsch ist immer dabei. Auf dem Handy wählt jede Person ihre Sprache selbst."),
        choices=lambda: [(k, v) for k, v in language_names().items() if k != "de"])
    requires_personal_code = BooleanField(
        _l("Nur mit persönlichem Code abstimmen (ein Code je eingeladener Person)"))
    submit = SubmitField(_l("Speichern"))


class WorkshopEditForm(WorkshopForm):
    """A workshop's details plus its status and the attendance counted in the room."""

    status = SelectField(_l("Status"), choices=list(WORKSHOP_STATUS_LABELS.items()))
    attendance = IntegerField(_l("Teilnehmende im Raum"), validators=[
        Optional(), NumberRange(min=0, max=100000, message=_l("Bitte eine Zahl ab 0 angeben."))],
        description=_l("Leer lassen, um die online beigetretenen Personen zu zählen."))


class ItemForm(FlaskForm):
    """A guiding goal, action goal or measure idea."""

    kind = SelectField(_l("Art"), choices=list(ITEM_KIND_LABELS.items()), default="guiding_goal")
    field_of_action_id = SelectField(_l("Handlungsfeld"), coerce=int, default=0)
    parent_id = SelectField(_l("Gehört zum Leitziel"), coerce=int, default=0,
                            description=_l("Nur für Handlungsziele."))
    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=300)])
    description = TextAreaField(_l("Erläuterung"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Speichern"))


class ImportThemesForm(FlaskForm):
    """Analysis themes to take over as goal candidates."""

    theme_ids = MultiCheckboxField(_l("Themen aus der Auswertung"), coerce=int)
    kind = SelectField(_l("Übernehmen als"), choices=list(ITEM_KIND_LABELS.items()), default="guiding_goal")
    submit = SubmitField(_l("Themen übernehmen"))


class ImportSourcesForm(FlaskForm):
    """Candidates from another part of Konzeptwerk (e.g. the concept) to copy."""

    provider = HiddenField()
    sources = MultiCheckboxField(_l("Einträge"), coerce=str)
    submit = SubmitField(_l("Einträge übernehmen"))


class RoundForm(FlaskForm):
    """A voting round: method, limits and the items on its ballot."""

    title = StringField(_l("Titel der Runde"), validators=[DataRequired(_l("Bitte einen Titel angeben.")),
                                                           Length(max=200)])
    method = RadioField(_l("Verfahren"), choices=list(ROUND_METHOD_LABELS.items()), default="dots")
    budget = IntegerField(_l("Punkte je Person / Plätze der Rangfolge"), default=5, validators=[
        Optional(), NumberRange(min=1, max=100, message=_l("Bitte eine Zahl von 1 bis 100 angeben."))])
    max_per_item = IntegerField(_l("Höchstens Punkte je Eintrag"), default=2, validators=[
        Optional(), NumberRange(min=1, max=100, message=_l("Bitte eine Zahl von 1 bis 100 angeben."))])
    hide_results_while_open = BooleanField(_l("Ergebnisse erst nach dem Schließen zeigen"))
    item_ids = MultiCheckboxField(_l("Einträge zur Abstimmung"), coerce=int)
    submit = SubmitField(_l("Speichern"))


class PersonalCodesForm(FlaskForm):
    """How many personal codes to print, optionally with the invited people's names."""

    count = IntegerField(_l("Anzahl Codes"), default=36, validators=[
        InputRequired(_l("Bitte eine Zahl angeben.")),
        NumberRange(min=1, max=500, message=_l("Bitte zwischen 1 und 500 Codes erzeugen."))])
    labels = TextAreaField(_l("Namen oder Funktionen (optional, eine Zeile je Person)"),
                           validators=[Optional(), Length(max=20000)])
    submit = SubmitField(_l("Codes erzeugen und drucken"))


class ActionForm(FlaskForm):
    """A button that changes something (open, close, delete …); only the CSRF token."""

    submit = SubmitField(_l("Ausführen"))


class AcceptProposalForm(FlaskForm):
    """Accept a proposal, optionally with an edited title."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=300)])
    submit = SubmitField(_l("Annehmen"))


class EnterCodeForm(FlaskForm):
    """The join code a participant types in."""

    code = StringField(validators=[DataRequired(), Length(max=32)])


class JoinForm(FlaskForm):
    """Joining a workshop: optional display name, stakeholder group and personal code."""

    name = StringField(validators=[Optional(), Length(max=100)])
    group = SelectField(coerce=int, default=0)
    personal_code = StringField(validators=[Optional(), Length(max=40)])


class ProposalForm(FlaskForm):
    """A participant's proposal: a goal or a measure with a short explanation."""

    kind = RadioField(choices=list(ITEM_KIND_LABELS.items()), default="measure")
    field_of_action_id = SelectField(coerce=int, default=0)
    title = StringField(validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(validators=[Optional(), Length(max=5000)])
