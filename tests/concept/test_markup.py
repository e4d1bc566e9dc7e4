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
