"""Default wording of the public pages, and rendering of the simple text format staff edit."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

DEFAULT_PRIVACY_NOTICE = """## Wer ist verantwortlich?
Verantwortlich für die Verarbeitung ist die Kommune, die diese Beteiligungsplattform betreibt. Die Kontaktdaten der oder des Datenschutzbeauftragten trägt die Kommune hier ein.

## Welche Daten verarbeiten wir und warum?
Wir verarbeiten Ihre Antworten in Befragungen und Ihre Stimmen in Workshops, um gemeinsam mit Ihnen das Integrationskonzept zu erarbeiten (Art. 6 Abs. 1 lit. e DSGVO). Angaben zu einer Zuwanderungsgeschichte sind besonders geschützt (Art. 9 DSGVO); wir fragen sie nur mit Ihrer ausdrücklichen Einwilligung ab, und Sie können immer „keine Angabe“ wählen.

## Wie schützen wir Ihre Daten?
Ihre Antworten werden unter einem Kürzel (Pseudonym) gespeichert, getrennt von Namen und Kontaktdaten. Auswertungen laufen vollständig auf unserem Server; keine Antwort wird an Dritte weitergegeben. Kleine Gruppen werden in Auswertungen nicht gezeigt, damit niemand erkannt werden kann.

## Ihre Rechte
Sie können Auskunft, Berichtigung und Löschung Ihrer Daten verlangen und eine Einwilligung jederzeit widerrufen. Wenden Sie sich dazu an die Projektleitung oder an die Datenschutzbeauftragte bzw. den Datenschutzbeauftragten der Kommune. Sie haben außerdem das Recht, sich bei der Datenschutzaufsichtsbehörde zu beschweren."""


@dataclass(frozen=True)
class TextBlock:
    """A heading or a paragraph of an edited text."""

    kind: str
    text: str


def parse_text_blocks(body: str) -> list[TextBlock]:
    """Split the simple text format into headings ("## …") and paragraphs (blank-line separated)."""
    blocks: list[TextBlock] = []
    for chunk in (body or "").replace("\r\n", "\n").split("\n"):
        line = chunk.strip()
        if not line:
            continue
        if line.startswith("## "):
            blocks.append(TextBlock("heading", line[3:].strip()))
        else:
            blocks.append(TextBlock("paragraph", line))
    return blocks


def render_text_blocks(body: str) -> Markup:
    """Render the simple text format as escaped HTML (h2 and p only)."""
    parts = []
    for block in parse_text_blocks(body):
        tag = "h2" if block.kind == "heading" else "p"
        parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
    return Markup("\n".join(parts))
