"""The Word export as an author sees it: LibreOffice headless prints it to PDF, and the PDF text is checked.

Needs LibreOffice (``soffice``, Debian's libreoffice-writer-nogui with hyphen-de) and pdftotext
(poppler-utils); skipped without them, except in CI (CI=true), where their absence is an error.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import docx
import pytest

from app.concept import exports, plans, services
from tests.concept.municipal_template import municipal_template_docx

WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*")


def _tool(*names: str) -> str:
    found = next((shutil.which(name) for name in names if shutil.which(name)), None)
    if found is None:
        message = f"{names[0]} is not installed (Debian: libreoffice-writer-nogui hyphen-de poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def table_words(path) -> set[str]:
    """Return the words (five letters or more) printed in the document's tables."""
    words = set()
    for table in docx.Document(path).tables:
        for row in table.rows:
            for cell in row.cells:
                words.update(w for w in WORD.findall(cell.text) if len(w) >= 5)
    return words


def broken_words(text: str, words: set[str]) -> list[str]:
    """Return the words that appear neither whole nor hyphenated at a line end in the PDF text."""
    text = text.replace("\u00ad", "-")
    tokens = {t.strip("-") for t in re.findall(r"[\w-]+", text)}
    joined = {t.strip("-") for t in re.findall(r"[\w-]+", re.sub(r"(\w)-[ \t]*\n[ \t]*(\w)", r"\1\2", text))}
    return sorted(w for w in words if w not in tokens and w not in joined and w.replace("-", "") not in joined)


def test_broken_word_check_finds_a_word_split_without_hyphen():
    assert broken_words("Umsetzung durch\nIntegrationsbür\no, Caritas", {"Integrationsbüro"}) == ["Integrationsbüro"]
    assert broken_words("Integrations-\nbüro und Kita-Träger", {"Integrationsbüro", "Kita-Träger"}) == []


def test_libreoffice_prints_page_numbers_a_filled_toc_and_whole_table_words(filled, tmp_path):
    office, pdftotext = _tool("soffice", "libreoffice"), _tool("pdftotext")
    concept, field = filled
    plans.create_measure(concept, field, title="Quartiersarbeit mit der Wohnungsbaugesellschaft", period="2027–2029",
                         cost_amount="18000", status="planned",
                         implemented_by="Wohnungsbaugesellschaft, Quartiersmanagement, Jugendmigrationsdienst")
    sources = {"konzept": exports.export_concept(concept)}
    services.upload_template(concept, filename="stadt.docx", data=municipal_template_docx())
    sources["konzept-vorlage"] = exports.export_concept(concept)
    sources["kapitel-vorlage"] = exports.export_concept(concept, field)
    for name, data in sources.items():
        (tmp_path / f"{name}.docx").write_bytes(data.getvalue())
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *(str(tmp_path / f"{name}.docx") for name in sources)],
                   check=True, capture_output=True, timeout=300)
    for name in sources:
        pdf = tmp_path / f"{name}.pdf"
        assert b"/Lang(de-DE)" in pdf.read_bytes(), name
        text = subprocess.run([pdftotext, "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        pages = text.split("\f")[:-1]
        assert "Seite" not in pages[0], f"{name}: the title page has no number"
        assert f"Seite 2 von {len(pages)}" in pages[1], name
        assert f"Seite {len(pages)} von {len(pages)}" in pages[-1], name
        assert "Inhalt" in pages[1] and "Das Inhaltsverzeichnis wird" not in text, name
        toc = pages[1]
        assert "4.2 Stärkung des bürgerschaftlichen Engagements" in toc and "4.2 c) Ideen und Maßnahmen" in toc, name
        assert text.count("4.2 c) Ideen und Maßnahmen") == 2, f"{name}: in the TOC and as the numbered heading"
        if name.startswith("konzept"):
            assert "5 Erfolge messen" in toc and "6 Anhang" in toc, name
        assert re.search(r"Tabelle 1: Bereits umgesetzt, laufende Aktivitäten", text), name
        assert not broken_words(text, table_words(tmp_path / f"{name}.docx")), name
