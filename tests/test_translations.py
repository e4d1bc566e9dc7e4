"""Every interface string is translatable and the English catalog translates all of them."""
from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2)}


def _extracted_ids() -> set[str]:
    ids: set[str] = set()
    for folder, method in (("app", "python"), ("templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(ROOT / folder), method_map=[(pattern, method)], keywords=KEYWORDS):
            ids.add(message[0] if isinstance(message, tuple) else message)
    return {i for i in ids if i}


def test_english_catalog_translates_every_interface_string():
    with open(ROOT / "app/translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog
                  if m.id and m.string and (not isinstance(m.string, tuple) or all(m.string)) and not m.fuzzy}
    missing = sorted(_extracted_ids() - translated)
    assert not missing, "untranslated (run pybabel extract/update and translate):\n" + "\n".join(missing[:30])
