"""Every interface string is translatable; the English staff catalog and every participant catalog are complete.

Two gettext domains: ``messages`` (staff pages, German source, English) and ``participant``
(everything participants read, German source, every participant language). A participant
catalog fails here when an entry is missing, empty or fuzzy, when a translation's placeholders
differ from the German ones, or when its plural forms do not match Babel's rule for the language.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "app" / "translations"
STAFF_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
                  "lazy_ngettext": (1, 2)}
PARTICIPANT_KEYWORDS = {"_p": None, "_pl": None, "_pn": (1, 2), "_pnl": (1, 2), "_pc": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
#: Templates participants see (in whole or as a shared part): staff-domain calls there would show German.
PARTICIPANT_TEMPLATES = ["templates/surveys/respond", "templates/workshops/participate", "templates/_participant_header.html",
                         "templates/_language_chooser.html", "templates/error.html", "templates/surveys/_question.html",
                         "templates/_ranking.html"]


@cache
def _extracted(domain: str) -> frozenset[tuple[str | None, str]]:
    keywords = PARTICIPANT_KEYWORDS if domain == "participant" else STAFF_KEYWORDS
    ids: set[tuple[str | None, str]] = set()
    for folder, method in (("app", "python"), ("templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, context in extract_from_dir(
                str(ROOT / folder), method_map=[(pattern, method)], keywords=keywords):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                ids.add((context, msgid))
    return frozenset(ids)


def _is_translated(message) -> bool:
    if isinstance(message.string, tuple):
        return all(message.string)
    return bool(message.string)


def test_english_catalog_translates_every_interface_string():
    with open(CATALOGS / "en/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog
                  if m.id and _is_translated(m) and not m.fuzzy}
    missing = sorted(msgid for _context, msgid in _extracted("messages") - {(None, t) for t in translated})
    assert not missing, "untranslated (run make translations and translate):\n" + "\n".join(missing[:30])


def _participant_catalogs() -> list[Path]:
    return sorted(CATALOGS.glob("*/LC_MESSAGES/participant.po"))


def test_every_participant_language_of_the_brief_has_a_catalog():
    locales = {path.parent.parent.name for path in _participant_catalogs()}
    assert {"en", "tr", "ar", "ru", "uk", "fa", "pl", "fr", "de@ls"} <= locales


@pytest.mark.parametrize("path", _participant_catalogs(), ids=lambda path: path.parent.parent.name)
def test_participant_catalog_is_complete_and_consistent(path):
    locale = Locale.parse(path.parent.parent.name)
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=locale)
    expected_plural = get_plural(locale)
    assert (catalog.num_plurals, catalog.plural_expr) == (expected_plural.num_plurals, expected_plural.plural_expr), \
        "Plural-Forms header differs from Babel's rule for the language"
    messages = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}
    problems = []
    for key in sorted(_extracted("participant"), key=lambda k: (k[0] or "", k[1])):
        message = messages.get(key)
        if message is None:
            problems.append(f"missing: {key[1]!r}")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {key[1]!r}")
        if not _is_translated(message):
            problems.append(f"untranslated: {key[1]!r}")
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(PLACEHOLDER.findall(sources[-1]))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if isinstance(message.id, tuple) and len(forms) != catalog.num_plurals:
            problems.append(f"{len(forms)} plural forms instead of {catalog.num_plurals}: {key[1]!r}")
        for form in forms:
            if set(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"placeholders differ: {key[1]!r} -> {form!r}")
    assert not problems, f"{path.parent.parent.name}:\n" + "\n".join(problems[:40])


def test_participant_pages_use_only_the_participant_catalog():
    calls = re.compile(r"(?<![\w.])(_|gettext|ngettext)\(")
    offenders = []
    for entry in PARTICIPANT_TEMPLATES:
        target = ROOT / entry
        for template in sorted(target.rglob("*.html")) if target.is_dir() else [target]:
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
                if calls.search(line):
                    offenders.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not offenders, "staff-domain strings on participant pages:\n" + "\n".join(offenders)
