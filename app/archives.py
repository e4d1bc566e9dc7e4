"""Check uploaded Office files (.xlsx, .docx, .dotx: zip archives) before any parser unpacks them.

A zip bomb is a small file that unpacks to gigabytes. The checks read only the archive's
central directory, so a refused file costs no memory. Python's ``zipfile`` never unpacks a
part beyond the size the directory declares (it stops and reports a damaged file), so the
declared sizes checked here bound what openpyxl or python-docx can unpack afterwards.
"""
from __future__ import annotations

import io
import zipfile

from flask_babel import gettext as _

from app.errors import ValidationError

#: Largest size of all parts together, unpacked (real workbooks, transcripts and templates stay well below).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: Most parts an archive may hold (a workbook has about ten, a document with pictures a few dozen).
MAX_PARTS = 1000


def check_archive(data: bytes, *, field: str, not_an_archive: str, max_unpacked: int = MAX_UNPACKED_BYTES,
                  max_parts: int = MAX_PARTS) -> set[str]:
    """Return the part names of a zip upload, or raise ValidationError when it is no zip, too big unpacked or has too many parts."""
    if not data or not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(not_an_archive, field)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        raise ValidationError(_("Die Datei ist beschädigt und lässt sich nicht öffnen."), field) from None
    if len(parts) > max_parts:
        raise ValidationError(_("Die Datei besteht aus zu vielen Teilen (mehr als %(max)s) und wird nicht geöffnet. "
                                "Es wurde nichts gespeichert.", max=max_parts), field)
    if sum(part.file_size for part in parts) > max_unpacked:
        raise ValidationError(_("Die Datei ist entpackt zu groß (mehr als %(max)s MB) und wird nicht geöffnet. "
                                "Es wurde nichts gespeichert.", max=max_unpacked // (1024 * 1024)), field)
    return {part.filename for part in parts}
