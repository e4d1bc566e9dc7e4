"""Forms of the public pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class FeedbackForm(FlaskForm):
    """Report a barrier on the platform."""

    message = TextAreaField(_l("Welche Barriere ist Ihnen aufgefallen?"),
                            validators=[DataRequired(_l("Bitte beschreiben Sie die Barriere.")), Length(max=5000)])
    page = StringField(_l("Auf welcher Seite? (freiwillig)"), validators=[Optional(), Length(max=500)])
    contact = StringField(_l("E-Mail-Adresse oder Telefonnummer für eine Antwort (freiwillig)"),
                          validators=[Optional(), Length(max=255)])
    submit = SubmitField(_l("Rückmeldung senden"))


class SiteTextForm(FlaskForm):
    """Edit a public text such as the privacy notice."""

    body = TextAreaField(_l("Text"), validators=[DataRequired(_l("Der Text darf nicht leer sein.")), Length(max=50000)],
                         description=_l("Absätze durch Leerzeilen trennen; Zeilen, die mit „## “ beginnen, werden Überschriften."))
    submit = SubmitField(_l("Speichern"))
