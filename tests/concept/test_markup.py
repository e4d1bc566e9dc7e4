"""The simple markup: parsed once, rendered safely to HTML (and to Word in test_export)."""
from __future__ import annotations

from app.concept.markup import block_count, is_right_to_left, parse, to_html


def test_blocks_and_inline_formatting():
    blocks = parse("## Zwischentitel\nEin **fetter** und *kursiver* Satz\nder weitergeht.\n\n- eins\n- zwei\n\n"
                   "1. erstens\n2. zweitens\n\n> „Zitat“")
    assert [b.kind for b in blocks] == ["heading", "paragraph", "bullets", "numbers", "quote"]
    assert blocks[0].level == 2
    runs = blocks[1].items[0]
    assert [(r.text, r.bold, r.italic) for r in runs if r.bold or r.italic] == [("fetter", True, False),
                                                                              ("kursiver", False, True)]
    assert blocks[1].plain_text == "Ein fetter und kursiver Satz der weitergeht."
    assert len(blocks[2].items) == 2


def test_html_escapes_everything_the_author_typed():
    html = str(to_html('<script>alert(1)</script> **<b onclick="x">fett</b>**'))
    assert "<script>" not in html and "onclick=\"" not in html
    assert "&lt;script&gt;" in html and "<strong>" in html


def test_right_to_left_text_is_marked():
    assert is_right_to_left("مرحبا بكم في المدينة")
    assert not is_right_to_left("Willkommen in der Stadt")
    assert 'dir="rtl"' in str(to_html("سلام دوستان"))


def test_block_count_counts_paragraphs():
    assert block_count("") == 0
    assert block_count("a\n\nb\n\n- c\n- d") == 3


def _runs(text):
    return [(run.text, run.bold, run.italic) for run in parse(text)[0].items[0]]


def test_text_pasted_from_word_and_stars_in_prose():
    """What authors paste: Word's bullet character, gender stars, arithmetic and a half-typed marker."""
    assert [b.kind for b in parse("• Sprachkurse\n• Beratung")] == ["bullets"]
    assert _runs("Mitarbeiter*innen und Bürger*innen") == [("Mitarbeiter*innen und Bürger*innen", False, False)]
    assert _runs("Preis 5 * 3 = 15 * 2 Euro") == [("Preis 5 * 3 = 15 * 2 Euro", False, False)]
    assert _runs("**fett* und mehr") == [("*", False, False), ("fett", False, True), (" und mehr", False, False)]
    assert _runs("2024. war ein gutes Jahr") == [("2024. war ein gutes Jahr", False, False)]
