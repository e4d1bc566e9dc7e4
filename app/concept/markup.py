"""Konzeptwerk's simple markup for section texts: a small Markdown subset parsed here, never raw HTML.

Blocks are separated by blank lines or start with a marker:
``# `` / ``## `` / ``### `` headings, ``- `` or ``* `` bullet items, ``1. `` numbered items,
``> `` quotes; everything else is a paragraph. Inline: ``**bold**`` and ``*italic*``.
Both renderers (HTML here, Word in app.concept.word) work from the same parsed blocks, so what the
author sees is what the document gets. The block index is what drafted sources point to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

BLOCK_KINDS = ("heading", "paragraph", "bullets", "numbers", "quote")

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^>\s?(.*)$")
# Emphasis starts and ends at word edges with a non-space, non-star character inside each marker, so
# the German gender star ("Bürger*innen"), "5 * 3" and a stray "**fett*" keep their literal stars.
_INLINE = re.compile(r"(?<!\w)\*\*(?![\s*])(.+?)(?<![\s*])\*\*(?!\w)|(?<!\w)\*(?![\s*])(.+?)(?<![\s*])\*(?!\w)")
_RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_LTR_LETTER = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ]")


@dataclass(frozen=True)
class Run:
    """A stretch of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """A heading, paragraph, quote or list; ``items`` holds one run list per line (lists: per item)."""

    kind: str
    items: list[list[Run]] = field(default_factory=list)
    level: int = 0

    @property
    def plain_text(self) -> str:
        """Return the block's text without markup."""
        return "\n".join("".join(run.text for run in item) for item in self.items)


def parse_inline(text: str) -> list[Run]:
    """Split a line into runs at ``**bold**`` and ``*italic*`` markers."""
    runs: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position:match.start()]))
        if match.group(1) is not None:
            runs.append(Run(match.group(1), bold=True))
        else:
            runs.append(Run(match.group(2), italic=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return runs


def parse(text: str) -> list[Block]:
    """Parse section text into blocks."""
    blocks: list[Block] = []
    current: Block | None = None

    def close():
        nonlocal current
        if current is not None and current.items:
            blocks.append(current)
        current = None

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        if heading := _HEADING.match(line):
            close()
            blocks.append(Block("heading", [parse_inline(heading.group(2).strip())], len(heading.group(1))))
            continue
        for kind, pattern in (("bullets", _BULLET), ("numbers", _NUMBER), ("quote", _QUOTE)):
            if match := pattern.match(line):
                if current is None or current.kind != kind:
                    close()
                    current = Block(kind)
                if kind == "quote" and current.items:
                    current.items[-1] = current.items[-1] + [Run(" ")] + parse_inline(match.group(1).strip())
                else:
                    current.items.append(parse_inline(match.group(1).strip()))
                break
        else:
            if current is None or current.kind != "paragraph":
                close()
                current = Block("paragraph")
                current.items.append(parse_inline(line))
            else:
                current.items[-1] = current.items[-1] + [Run(" ")] + parse_inline(line)
    close()
    return blocks


def block_count(text: str) -> int:
    """Return how many blocks (paragraphs, lists, headings, quotes) the text has."""
    return len(parse(text))


def is_right_to_left(text: str) -> bool:
    """Return whether the text is mainly written right to left (Arabic, Farsi, Hebrew)."""
    rtl = len(_RTL.findall(text))
    return rtl > 0 and rtl >= len(_LTR_LETTER.findall(text))


def _runs_html(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        piece = str(escape(run.text))
        if run.italic:
            piece = f"<em>{piece}</em>"
        if run.bold:
            piece = f"<strong>{piece}</strong>"
        parts.append(piece)
    return "".join(parts)


def to_html(text: str, *, heading_base: int = 3, block_ids: bool = False) -> Markup:
    """Render section text as safe HTML; headings start at ``<h{heading_base}>``."""
    out = []
    for index, block in enumerate(parse(text)):
        ident = f' id="block-{index}"' if block_ids else ""
        direction = ' dir="rtl"' if is_right_to_left(block.plain_text) else ""
        if block.kind == "heading":
            level = min(6, heading_base + block.level - 1)
            out.append(f"<h{level}{ident}{direction}>{_runs_html(block.items[0])}</h{level}>")
        elif block.kind == "paragraph":
            out.append(f"<p{ident}{direction}>{_runs_html(block.items[0])}</p>")
        elif block.kind == "quote":
            out.append(f"<blockquote class=\"concept-quote\"{ident}{direction}>"
                       f"<p>{_runs_html(block.items[0])}</p></blockquote>")
        else:
            tag = "ul" if block.kind == "bullets" else "ol"
            items = "".join(f"<li>{_runs_html(item)}</li>" for item in block.items)
            out.append(f"<{tag}{ident}{direction}>{items}</{tag}>")
    return Markup("\n".join(out))


def escape_inline(text: str) -> str:
    """Neutralise markup characters in text that is inserted into markup (e.g. a quoted answer)."""
    cleaned = re.sub(r"\s+", " ", text or "").strip()
    return cleaned.replace("*", "∗")
