"""The retention period form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SubmitField
from wtforms.validators import NumberRange, Optional

from app.privacy.retention import MAX_RETENTION_MONTHS


class RetentionForm(FlaskForm):
    """How many months a project keeps personal data after its end."""

    retention_months = IntegerField(
        _l("Aufbewahrungsfrist in Monaten nach Ende des Prozesses"),
        validators=[Optional(), NumberRange(min=0, max=MAX_RETENTION_MONTHS,
                                            message=_l("Bitte eine Zahl von 0 bis 120 Monaten angeben."))],
        description=_l("Leer lassen heißt: nichts wird automatisch gelöscht. 0 heißt: am Tag nach dem Ende."))
    keeps_transcript_originals = BooleanField(
        _l("Originalwortlaut pseudonymisierter Interviewtranskripte aufbewahren"),
        description=_l("Ohne Haken werden nur die pseudonymisierten Transkripte gespeichert. Mit Haken wird der "
                       "Originalwortlaut mit der Frist oben gelöscht."))
    submit = SubmitField(_l("Frist speichern"))
