"""The participant languages come from the catalogs present: adding a catalog adds a language, no code needed."""
from __future__ import annotations

import shutil

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from app.languages.registry import CATALOG_DIR, find_language, participant_languages


def test_participant_languages_are_the_catalogs_present_german_first():
    languages = participant_languages()
    assert [lang.tag for lang in languages][:2] == ["de", "de-x-ls"]
    assert {lang.tag for lang in languages} == {"de", "de-x-ls", "en", "tr", "ar", "ru", "uk", "fa", "pl", "fr"}
    names = {lang.tag: lang.endonym for lang in languages}
    assert names["uk"] == "Українська" and names["ar"] == "العربية" and names["de-x-ls"] == "Leichte Sprache"
    assert {lang.tag for lang in languages if lang.is_rtl} == {"ar", "fa"}


def test_leichte_sprache_is_a_german_variant_babel_understands():
    easy = find_language("de-x-ls")
    assert easy.locale == "de@ls" and easy.html_lang == "de" and easy.direction == "ltr"


def test_a_municipality_adds_a_language_by_adding_its_catalog(tmp_path):
    shutil.copytree(CATALOG_DIR / "en", tmp_path / "en")
    for locale, endonym in (("ku", "Kurmancî"), ("fa_AF", "دری"), ("ckb", "")):
        catalog = Catalog(locale=locale, fuzzy=False)
        if endonym:
            catalog.add("Deutsch", endonym, context="endonym")
        folder = tmp_path / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with open(folder / "participant.po", "wb") as handle:
            write_po(handle, catalog)
        with open(folder / "participant.mo", "wb") as handle:
            write_mo(handle, catalog)
    found = {lang.tag: lang for lang in participant_languages(tmp_path)}
    assert set(found) == {"de", "en", "ku", "fa-AF", "ckb"}
    assert found["ku"].endonym == "Kurmancî" and found["ku"].direction == "ltr"
    assert found["fa-AF"].endonym == "دری" and found["fa-AF"].is_rtl and found["fa-AF"].html_lang == "fa-AF"
    # Without a name in its catalog, a language is named by Babel's data, in itself.
    assert found["ckb"].endonym == "کوردیی ناوەندی" and found["ckb"].is_rtl
