"""Check and normalise a municipality's uploaded Word template (.docx or .dotx)."""
from __future__ import annotations

import io
import re
import zipfile

from flask_babel import gettext as _

from app.archives import check_archive
from app.errors import ValidationError

#: Largest template accepted (corporate templates with logos stay well below this).
TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def validate_template(filename: str, data: bytes) -> bytes:
    """Return the template as .docx bytes, or raise ValidationError saying what is wrong with it."""
    name = (filename or "").lower()
    if not name.endswith((".docx", ".dotx")):
        raise ValidationError(_("Bitte eine Word-Vorlage im Format .docx oder .dotx hochladen."), "template")
    if len(data) > TEMPLATE_MAX_BYTES:
        raise ValidationError(_("Die Vorlage ist zu groß (%(size)s MB). Erlaubt sind höchstens %(max)s MB.",
                                size=len(data) // (1024 * 1024), max=TEMPLATE_MAX_BYTES // (1024 * 1024)), "template")
    names = check_archive(data, field="template", not_an_archive=_(
        "Die Datei ist keine Word-Datei (.docx/.dotx). Bitte speichern Sie die Vorlage in Word als „Word-Vorlage“ "
        "oder „Word-Dokument“ und laden Sie sie erneut hoch."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise ValidationError(_("Die Datei ist keine Word-Datei: ihr fehlt der Dokumentteil "
                                        "(word/document.xml)."), "template")
            if "word/styles.xml" not in names:
                raise ValidationError(_("Die Vorlage enthält keine Formatvorlagen (word/styles.xml). Bitte laden Sie "
                                        "eine Vorlage mit den Schriften und Farben Ihrer Kommune hoch."), "template")
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if DOCX_MAIN not in content_types and DOTX_MAIN not in content_types:
                raise ValidationError(_("Die Datei ist kein Word-Dokument und keine Word-Vorlage (Makro-Vorlagen "
                                        "werden nicht angenommen)."), "template")
            normalised = _patch_main_type(archive, content_types) if DOTX_MAIN in content_types else data
    except zipfile.BadZipFile:
        raise ValidationError(_("Die Datei ist beschädigt und lässt sich nicht öffnen."), "template") from None
    _check_opens(normalised)
    return normalised


def _patch_main_type(archive: zipfile.ZipFile, content_types: str) -> bytes:
    """Rewrite a .dotx's main content type to the document type so python-docx opens it."""
    patched = re.sub(re.escape(DOTX_MAIN), DOCX_MAIN, content_types)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            payload = patched.encode("utf-8") if info.filename == "[Content_Types].xml" else archive.read(info.filename)
            target.writestr(info, payload)
    return out.getvalue()


def _check_opens(data: bytes) -> None:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        document.styles["Normal"]
    except Exception:  # noqa: BLE001 - any parser failure means the file is unusable as a template
        raise ValidationError(_("Die Vorlage lässt sich nicht als Word-Dokument öffnen."), "template") from None
