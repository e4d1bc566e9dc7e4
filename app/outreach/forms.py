"""Forms of outreach: events, attendance, notes, follow-ups, page settings, and the public registration."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DateTimeLocalField, EmailField, IntegerField, SelectField, SelectMultipleField,
                     StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.languages.catalog import _pl
from app.languages.registry import language_names

EVENT_KIND_LABELS = {
    "district_tour": _l("Stadtteiltour"),
    "intercultural_breakfast": _l("Interkulturelles Frühstück"),
    "consultation_hour": _l("Bürgersprechstunde"),
    "association_evening": _l("Informationsabend in einem Verein"),
    "round_table": _l("Runder Tisch"),
    "festival": _l("Fest"),
    "other": _l("Sonstiges"),
}
FUNDING_SOURCE_LABELS = {"municipal": _l("Kommunaler Haushalt"), "state_or_federal": _l("Landes- oder Bundesprogramm"),
                         "foundation": _l("Stiftung"), "other": _l("Sonstige")}
REGISTRATION_STATE_LABELS = {"confirmed": _l("Platz sicher"), "waiting": _l("Warteliste")}


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes in a fieldset."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Berlin"))


def local_to_utc(moment: datetime | None) -> datetime | None:
    """Turn a wall-clock time typed in the installation's zone into naive UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=_zone()).astimezone(timezone.utc).replace(tzinfo=None)


def utc_to_local(moment: datetime | None) -> datetime | None:
    """Turn stored naive UTC into the installation's wall-clock time (for a form)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone(_zone()).replace(tzinfo=None)


class EventForm(FlaskForm):
    """An event's plan."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=300)])
    kind = SelectField(_l("Art"), choices=list(EVENT_KIND_LABELS.items()), default="other")
    starts_at = DateTimeLocalField(_l("Beginn"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(_l("Bitte Datum und Uhrzeit angeben."))])
    ends_at = DateTimeLocalField(_l("Ende"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    place = StringField(_l("Ort"), validators=[Optional(), Length(max=300)])
    district = StringField(_l("Stadtteil"), validators=[Optional(), Length(max=200)])
    organiser = StringField(_l("Veranstaltet von"), validators=[Optional(), Length(max=300)])
    languages = MultiCheckboxField(_l("Angebotene Sprachen außer Deutsch"),
                                   choices=lambda: [(k, v) for k, v in language_names().items() if k != "de"])
    field_ids = MultiCheckboxField(_l("Handlungsfelder"), coerce=int, choices=[])
    measure_ids = MultiCheckboxField(_l("Maßnahmen"), coerce=int, choices=[])
    description = TextAreaField(_l("Beschreibung (öffentlich)"), validators=[Optional(), Length(max=10_000)])
    is_public = BooleanField(_l("Im öffentlichen Kalender zeigen"), default=True)
    has_registration = BooleanField(_l("Online-Anmeldung anbieten"))
    capacity = IntegerField(_l("Plätze (leer: unbegrenzt; weitere Anmeldungen kommen auf die Warteliste)"),
                            validators=[Optional(), NumberRange(min=1, max=100_000,
                                                                message=_l("Bitte mindestens 1 Platz angeben."))])
    submit = SubmitField(_l("Veranstaltung speichern"))


class NotesForm(FlaskForm):
    """What was raised at an event."""

    notes = TextAreaField(_l("Was wurde angesprochen? (ohne Namen)"), validators=[Optional(), Length(max=100_000)])
    submit = SubmitField(_l("Notizen speichern"))


class FollowUpForm(FlaskForm):
    """A task that came out of an event."""

    title = StringField(_l("Was ist zu tun?"), validators=[DataRequired(_l("Bitte beschreiben, was zu tun ist.")),
                                                           Length(max=500)])
    responsible = StringField(_l("Zuständig"), validators=[Optional(), Length(max=300)])
    due_on = DateField(_l("Bis"), validators=[Optional()])
    submit = SubmitField(_l("Aufgabe hinzufügen"))


class FollowUpMeasureForm(FlaskForm):
    """Take a follow-up into the concept as a measure."""

    field_id = SelectField(_l("Handlungsfeld"), coerce=int, choices=[])
    submit = SubmitField(_l("Als Maßnahme übernehmen"))


class BudgetForm(FlaskForm):
    """Money for a measure in a year from a funding source."""

    measure_id = SelectField(_l("Maßnahme"), coerce=int, choices=[])
    year = IntegerField(_l("Jahr"), validators=[DataRequired(_l("Bitte ein Jahr angeben.")),
                                                NumberRange(min=2000, max=2100,
                                                            message=_l("Bitte ein Jahr zwischen 2000 und 2100 angeben."))])
    funding_source = SelectField(_l("Finanzierungsquelle"), choices=list(FUNDING_SOURCE_LABELS.items()))
    planned = StringField(_l("Geplant (Euro)"), validators=[Optional(), Length(max=30)])
    spent = StringField(_l("Ausgegeben (Euro)"), validators=[Optional(), Length(max=30)])
    note = StringField(_l("Vermerk (z. B. Name des Förderprogramms)"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Mittel speichern"))


class ConfirmForm(FlaskForm):
    """A button that changes or deletes something (CSRF only)."""

    submit = SubmitField(_l("Bestätigen"))


class PublicPageForm(FlaskForm):
    """Where the project's public page lives, whether it is out, and how long registrations stay."""

    slug = StringField(_l("Adresse der öffentlichen Seite (/p/…)"),
                       validators=[DataRequired(_l("Bitte eine Adresse angeben.")), Length(max=80)])
    is_published = BooleanField(_l("Öffentliche Seite und Kalender veröffentlichen"))
    shows_timeline = BooleanField(_l("Den Ablauf des Prozesses mit dem aktuellen Schritt zeigen"))
    shows_results = BooleanField(_l("„Sie haben gesagt – wir haben gehandelt“ mit den gewählten Themen zeigen"))
    theme_ids = MultiCheckboxField(_l("Themen aus Befragungen, die erscheinen (ohne Zitate; Zahlen unter 5 "
                                      "werden nicht gezeigt)"), coerce=int, choices=[])
    shows_report = BooleanField(_l("Den aktuellen Umsetzungsbericht (letzte 12 Monate) zum Herunterladen anbieten"))
    registration_retention_days = IntegerField(
        _l("Anmeldungen löschen … Tage nach der Veranstaltung"), default=30,
        validators=[Optional()])
    submit = SubmitField(_l("Einstellungen speichern"))


class RegistrationForm(FlaskForm):
    """A resident registers for an event: a name, optionally an e-mail, and consent."""

    name = StringField(_pl("Ihr Name"), validators=[Length(max=200)], render_kw={"autocomplete": "name"})
    email = EmailField(_pl("E-Mail-Adresse (freiwillig, nur für Nachrichten zu dieser Veranstaltung)"),
                        validators=[Length(max=254)], render_kw={"autocomplete": "email"})
    consent = BooleanField(_pl("Ich bin einverstanden, dass mein Name und meine E-Mail-Adresse für diese "
                               "Veranstaltung gespeichert werden."))
    submit = SubmitField(_pl("Anmelden"))


# --- volunteer pool ------------------------------------------------------------------------------

#: Default wording of the consent staff record when adding someone to the volunteer pool.
VOLUNTEER_CONSENT_TEXT = _l("Ich bin einverstanden, dass das Integrationsbüro meinen Namen, meine Kontaktdaten, "
                            "meine Sprachen und Stadtteile speichert, um mich als Lotsin oder Lotse für Angebote "
                            "anzusprechen. Ich kann diese Einwilligung jederzeit widerrufen; dann werden meine "
                            "Daten gelöscht.")
VOLUNTEER_SOURCE_LABELS = {"event": _l("bei einer Veranstaltung"), "survey": _l("bei einer Befragung"),
                           "manual": _l("direkt beim Integrationsbüro")}


class VolunteerForm(FlaskForm):
    """A person in the volunteer pool: contact, languages, districts."""

    name = StringField(_l("Name"), validators=[DataRequired(_l("Bitte einen Namen angeben.")), Length(max=200)],
                       render_kw={"autocomplete": "off"})
    email = EmailField(_l("E-Mail-Adresse"), validators=[Optional(), Length(max=254)],
                       render_kw={"autocomplete": "off"})
    phone = StringField(_l("Telefon"), validators=[Optional(), Length(max=40)],
                        render_kw={"autocomplete": "off", "inputmode": "tel"})
    languages = MultiCheckboxField(_l("Sprachen"), choices=lambda: list(language_names().items()))
    districts = StringField(_l("Stadtteile (mit Komma getrennt)"), validators=[Optional(), Length(max=1000)])
    note = TextAreaField(_l("Vermerk (z. B. wann die Person Zeit hat; keine Gesundheits- oder Herkunftsangaben)"),
                         validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Speichern"))


class NewVolunteerForm(VolunteerForm):
    """A new person in the pool, with the consent staff record."""

    source = SelectField(_l("Gewonnen"), choices=list(VOLUNTEER_SOURCE_LABELS.items()), default="manual")
    consent_text = TextAreaField(_l("Wortlaut der Einwilligung"), validators=[Optional(), Length(max=5000)])
    consent_language = SelectField(_l("Sprache, in der die Person zugestimmt hat"),
                                   choices=lambda: list(language_names().items()), default="de")
    has_consented = BooleanField(_l("Die Person hat diesem Wortlaut zugestimmt (mündlich, auf dem "
                                    "Anmeldeformular oder schriftlich)."))
    submit = SubmitField(_l("In den Pool aufnehmen"))


class VolunteerMeasuresForm(FlaskForm):
    """The measures a volunteer helps with."""

    measure_ids = MultiCheckboxField(_l("Maßnahmen"), coerce=int, choices=[])
    submit = SubmitField(_l("Zuordnung speichern"))
