"""Staff forms: survey settings, sections, questions, respondents, invitations, imports.

The respondent's own answer form is built per survey from the guide (see templates/surveys/_question.html),
because its labels come from the survey's languages, not the interface catalog.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.languages.registry import language_names

MODE_LABELS = {
    "interview": _l("Interviews (Interviewer tragen Antworten ein)"),
    "online": _l("Online (Befragte antworten selbst)"),
    "both": _l("Beides"),
}
KIND_LABELS = {
    "free_text": _l("Freitext"),
    "single_choice": _l("Einfachauswahl"),
    "multiple_choice": _l("Mehrfachauswahl"),
    "scale": _l("Skala"),
    "ranking": _l("Rangfolge"),
}
STATUS_LABELS = {"invited": _l("Eingeladen"), "started": _l("Begonnen"), "completed": _l("Abgeschlossen")}
SURVEY_STATUS_LABELS = {"draft": _l("Entwurf"), "scheduled": _l("Geplant"), "open": _l("Offen"),
                        "closed": _l("Geschlossen")}
MIGRATION_LABELS = {"not_stated": _l("Keine Angabe"), "yes": _l("Ja"), "no": _l("Nein")}
CHANNEL_LABELS = {"personal": _l("Persönlicher Link"), "public": _l("Öffentlicher Link"),
                  "interview": _l("Interview"), "import": _l("Import")}


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes in a fieldset."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SurveyForm(FlaskForm):
    """Settings of a survey."""

    title = StringField(_l("Titel"), validators=[DataRequired(_l("Bitte einen Titel angeben.")), Length(max=200)])
    purpose = TextAreaField(_l("Zweck"), validators=[Optional(), Length(max=5000)],
                            description=_l("Wird den Befragten auf der ersten Seite gezeigt."))
    mode = SelectField(_l("Art der Befragung"), choices=list(MODE_LABELS.items()), default="both")
    opens_on = DateField(_l("Beginn"), validators=[Optional()])
    closes_on = DateField(_l("Ende"), validators=[Optional()])
    consent_text = TextAreaField(_l("Einwilligungstext"), validators=[Optional(), Length(max=20000)],
                                 description=_l("Jede Änderung erhält eine neue Versionsnummer; erteilte "
                                                "Einwilligungen nennen die Version, der zugestimmt wurde."))
    special_consent_text = TextAreaField(
        _l("Wortlaut der Einwilligung zur Zuwanderungsgeschichte (Art. 9 DSGVO)"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Leer lassen für den Standardtext, der in allen Sprachen der Plattform vorliegt. Ein eigener "
                       "Wortlaut wird in Sprachen ohne Übersetzung auf Deutsch gezeigt."))
    languages = MultiCheckboxField(_l("Sprachen, in die Sie die Inhalte übersetzen (Deutsch ist immer dabei)"),
                                   description=_l("Befragte können jede Sprache der Plattform wählen; Inhalte ohne "
                                                  "Übersetzung sehen sie auf Deutsch."),
                                   choices=lambda: [(k, v) for k, v in language_names().items() if k != "de"])
    asks_migration_history = BooleanField(_l("Nach Zuwanderungsgeschichte fragen (mit eigener Einwilligung)"),
                                          default=True)
    districts = TextAreaField(_l("Stadtteile (eine Zeile je Stadtteil)"), validators=[Optional(), Length(max=5000)])
    age_bands = TextAreaField(_l("Altersgruppen (eine Zeile je Gruppe)"), validators=[Optional(), Length(max=2000)])
    invitation_days = IntegerField(_l("Gültigkeit persönlicher Links (Tage)"), default=60,
                                   validators=[NumberRange(min=1, max=730,
                                                           message=_l("Bitte 1 bis 730 Tage angeben."))])
    has_public_link = BooleanField(_l("Öffentlicher Link für eine offene (anonyme) Runde"))
    submit = SubmitField(_l("Speichern"))

    def validate_closes_on(self, field):
        """Refuse an end before the start."""
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_l("Das Ende darf nicht vor dem Beginn liegen."))


class SectionForm(FlaskForm):
    """Title and intro of a guide section."""

    title = StringField(_l("Titel des Abschnitts"), validators=[DataRequired(_l("Bitte einen Titel angeben.")),
                                                                  Length(max=300)])
    intro = TextAreaField(_l("Einleitung"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Abschnitt speichern"))


class QuestionForm(FlaskForm):
    """A question of the guide; translations are added per language on the same page."""

    section_id = SelectField(_l("Abschnitt"), coerce=int)
    kind = SelectField(_l("Fragetyp"), choices=list(KIND_LABELS.items()), default="free_text")
    text = TextAreaField(_l("Fragetext"), validators=[DataRequired(_l("Bitte den Fragetext angeben.")),
                                                      Length(max=5000)])
    help = TextAreaField(_l("Hilfetext"), validators=[Optional(), Length(max=5000)])
    is_required = BooleanField(_l("Pflichtfrage"))
    options = TextAreaField(_l("Optionen (eine je Zeile, optional „wert = Beschriftung“)"),
                            validators=[Optional(), Length(max=10000)],
                            description=_l("Für Auswahl- und Rangfolgefragen. Werte bleiben stabil, sobald "
                                           "Antworten vorliegen; ändern Sie dann nur die Beschriftung."))
    scale_min = IntegerField(_l("Skala von"), default=1, validators=[Optional(), NumberRange(min=0, max=10)])
    scale_max = IntegerField(_l("Skala bis"), default=5, validators=[Optional(), NumberRange(min=1, max=11)])
    scale_min_label = StringField(_l("Beschriftung des kleinsten Werts"), validators=[Optional(), Length(max=100)])
    scale_max_label = StringField(_l("Beschriftung des höchsten Werts"), validators=[Optional(), Length(max=100)])
    field_of_action_id = SelectField(_l("Handlungsfeld"), coerce=int, default=0)
    submit = SubmitField(_l("Frage speichern"))


class RespondentForm(FlaskForm):
    """Pseudonym and attributes of a respondent; contact data optional and stored apart."""

    pseudonym = StringField(_l("Kürzel (Pseudonym)"), validators=[Optional(), Length(max=40)],
                            description=_l("Zum Beispiel I-07. Leer lassen für das nächste freie Kürzel."))
    stakeholder_group_id = SelectField(_l("Akteursgruppe"), coerce=int, default=0)
    migration_history = SelectField(_l("Zuwanderungsgeschichte"), choices=list(MIGRATION_LABELS.items()),
                                    default="not_stated",
                                    description=_l("Besondere Kategorie (Art. 9 DSGVO): nur mit ausdrücklicher "
                                                   "Einwilligung erfassen."))
    district = SelectField(_l("Stadtteil"), default="")
    age_band = SelectField(_l("Altersgruppe"), default="")
    name = StringField(_l("Name (optional, getrennt gespeichert)"), validators=[Optional(), Length(max=200)])
    email = StringField(_l("E-Mail (optional, getrennt gespeichert)"),
                        validators=[Optional(), Email(_l("Bitte eine gültige E-Mail-Adresse angeben."), check_deliverability=False),
                                    Length(max=254)])
    language = SelectField(_l("Sprache der Einladung"), default="de",
                           description=_l("Einladungen und Erinnerungen gehen in dieser Sprache hinaus."))
    submit = SubmitField(_l("Speichern"))


MAIL_STATE_LABELS = {"not_mailed": _l("Noch nicht angeschrieben"), "queued": _l("In der Warteschlange"),
                     "sending": _l("Wird gesendet"), "sent": _l("Gesendet"), "failed": _l("Fehlgeschlagen"),
                     "opted_out": _l("Abgemeldet")}
MAIL_KIND_LABELS = {"invitation": _l("Einladung"), "reminder": _l("Erinnerung")}


def participant_language_choices() -> list[tuple[str, str]]:
    """Return (tag, name in itself) of every participant language."""
    return list(language_names().items())


class ContactImportForm(FlaskForm):
    """A file of contacts: columns email, language, optional group and name."""

    file = FileField(_l("Kontakte (CSV in UTF-8 oder Excel .xlsx)"),
                     description=_l("Spalten: email, language (z. B. de, en, ar, uk), optional group (Name der "
                                    "Akteursgruppe) und name (für die Anrede). Adressen, die schon in der Befragung "
                                    "stehen, werden übersprungen."))
    submit = SubmitField(_l("Kontakte hinzufügen"))


class MailTextForm(FlaskForm):
    """Subject and text of an invitation or reminder in one language, the contact person and reminder rules."""

    subject = StringField(_l("Betreff"), validators=[Length(max=200)])
    body = TextAreaField(_l("Text"), validators=[Length(max=10000)], render_kw={"rows": 14},
                         description=_l("Platzhalter: {salutation} (Anrede), {link} (persönlicher Link, Pflicht), "
                                        "{closing_date} (Enddatum), {contact_person} (Ansprechperson), "
                                        "{survey_title} (Titel). Die Abmeldezeile wird immer angefügt."))
    contact = TextAreaField(_l("Ansprechperson (für alle Sprachen)"), validators=[Length(max=500)],
                            render_kw={"rows": 2},
                            description=_l("Zum Beispiel: Frau Yılmaz, Integrationsbüro, Telefon 02173 951-0"))
    reminder_after_days = IntegerField(_l("Automatisch erinnern nach … Tagen"), validators=[Optional()],
                                       description=_l("Leer lassen, um nur von Hand zu erinnern."))
    reminder_limit = IntegerField(_l("Höchstens … Erinnerungen je Person"), default=2,
                                  validators=[NumberRange(min=0, max=10, message=_l("Bitte 0 bis 10 angeben."))])
    submit = SubmitField(_l("Speichern"))


class ContactForm(FlaskForm):
    """Contact data of a respondent."""

    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    email = StringField(_l("E-Mail"), validators=[Optional(), Email(_l("Bitte eine gültige E-Mail-Adresse angeben."), check_deliverability=False),
                                                  Length(max=254)])
    submit = SubmitField(_l("Kontaktdaten speichern"))


class InviteForm(FlaskForm):
    """Create several respondents with personal links at once."""

    count = IntegerField(_l("Anzahl neuer Einladungen"), default=5,
                         validators=[NumberRange(min=1, max=500, message=_l("Bitte 1 bis 500 angeben."))])
    stakeholder_group_id = SelectField(_l("Akteursgruppe"), coerce=int, default=0)
    prefix = StringField(_l("Präfix der Kürzel"), default="I", validators=[DataRequired(), Length(max=10)])
    submit = SubmitField(_l("Links und QR-Bogen erzeugen"))


class CopyGuideForm(FlaskForm):
    """Pick a survey whose guide is copied into this one."""

    source_id = SelectField(_l("Leitfaden kopieren aus"), coerce=int)
    submit = SubmitField(_l("Leitfaden kopieren"))


class UploadForm(FlaskForm):
    """An answers file (CSV or Excel)."""

    file = FileField(_l("Datei (CSV in UTF-8 oder Excel .xlsx)"),
                     description=_l("Eine Zeile je befragter Person, eine Spalte je Frage."))
    submit = SubmitField(_l("Hochladen und prüfen"))


class TranscriptForm(FlaskForm):
    """An interview transcript (.docx, .txt, .vtt, .srt) for one respondent, with its speaker markers."""

    file = FileField(_l("Transkript (.docx, .txt, .vtt oder .srt)"),
                     description=_l("Sprecherwechsel wie „I: …“ und „B: …“, gern mit Zeitmarken (#00:01:22-1#), "
                                    "Untertitel aus Transkriptionsprogrammen oder Fragen als Überschriften."))
    pseudonym = StringField(_l("Kürzel (Pseudonym)"), validators=[Optional(), Length(max=40)])
    stakeholder_group_id = SelectField(_l("Akteursgruppe"), coerce=int, default=0)
    interviewer_markers = StringField(_l("Kürzel der Interviewenden (optional)"),
                                      validators=[Optional(), Length(max=200)],
                                      description=_l("Durch Komma getrennt, z. B. „I, Frau K.“. Leer: I, "
                                                     "Interviewer/in und übliche Kürzel."))
    respondent_name = StringField(_l("Name der befragten Person (optional)"), validators=[Optional(), Length(max=200)],
                                  description=_l("Nur um ihn im Transkript durch einen Platzhalter zu ersetzen; der "
                                                 "Name wird nicht gespeichert."))
    respondent_markers = StringField(_l("Kürzel der Befragten (optional)"), validators=[Optional(), Length(max=200)],
                                     description=_l("Durch Komma getrennt, z. B. „B, AK“. Leer: B, Befragte/r "
                                                    "und übliche Kürzel."))
    submit = SubmitField(_l("Hochladen und prüfen"))


class ConfirmForm(FlaskForm):
    """A confirmation carrying the id of a prepared upload."""

    upload_id = HiddenField()
    submit = SubmitField(_l("Importieren"))


class ActionForm(FlaskForm):
    """A bare button (CSRF only)."""

    submit = SubmitField(_l("Ausführen"))


class AssignmentForm(FlaskForm):
    """Assign one respondent, or a whole stakeholder group, to an interviewer of the project."""

    interviewer_id = SelectField(_l("Interviewerin / Interviewer"), coerce=int, choices=[],
                                 validators=[DataRequired(_l("Bitte eine Person wählen."))])
    respondent_id = SelectField(_l("Befragte Person"), coerce=int, choices=[])
    stakeholder_group_id = SelectField(_l("oder eine ganze Akteursgruppe"), coerce=int, choices=[],
                                       description=_l("Dann gehören alle Befragten dieser Gruppe dazu, auch später "
                                                      "hinzugefügte."))
    submit = SubmitField(_l("Zuweisen"))
