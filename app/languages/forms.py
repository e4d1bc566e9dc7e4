"""Forms of the translation pages: import a file from a translation office."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField


class TranslationFileForm(FlaskForm):
    """A PO or XLIFF file with the translations of one language."""

    file = FileField(_l("Datei mit Übersetzungen (.po, .xlf oder .xliff)"),
                     validators=[FileRequired(_l("Bitte wählen Sie eine Datei aus."))])
    submit = SubmitField(_l("Übersetzungen einlesen"))
