"""Translations of the demo's participant content (online survey, decision-maker workshop, groups, fields).

They are applied through the same path a translation office's file takes (``apply_translations``):
every text of the demo project whose German source appears in ``SOURCES`` gets the translation at
the same position in the language's list. Texts made only of digits and dashes (age bands such as
"18–29") are the same in every language.
"""
from __future__ import annotations

import importlib
import re

#: The German texts, in the order every language module lists its translations.
SOURCES = [
    # Online survey
    "Online-Befragung: Zusammenleben in Monheim am Rhein",
    (
        "Sagen Sie uns in wenigen Minuten, was in Monheim am Rhein gut läuft und was sich ändern sollte. Die "
        "Befragung ist anonym."
    ),
    (
        "Ich bin damit einverstanden, dass meine Antworten für die Fortschreibung des Integrationskonzepts der "
        "Stadt ausgewertet werden. Sie werden unter einem Kürzel gespeichert und nur zusammengefasst "
        "veröffentlicht. Ich kann die Einwilligung jederzeit widerrufen; dann werden meine Antworten gelöscht."
    ),
    "Ihre Meinung",
    "Was sollte sich ändern, damit alle in Monheim am Rhein gut zusammenleben können?",
    "Was läuft schon gut?",
    "Wie wohl fühlen Sie sich in Ihrem Stadtteil?",
    "gar nicht wohl",
    "sehr wohl",
    "unter 18",
    "65 und älter",
    # Decision-maker workshop
    "Entscheider-Workshop zum Integrationskonzept",
    (
        "Heute entscheiden Sie mit, welche Ziele in das Integrationskonzept kommen. Sie haben 5 Punkte; ein Ziel "
        "kann höchstens 2 Punkte bekommen. Danach können Sie eigene Ideen für Maßnahmen vorschlagen."
    ),
    "Welche Ziele sind Ihnen am wichtigsten?",
    "Ihre Ideen für Maßnahmen",
    # Goals and measures, per field of action: guiding goal, action goals, measure
    "Menschen unterschiedlicher Herkunft begegnen sich im Alltag auf Augenhöhe und kommen miteinander ins Gespräch.",
    "Jährlich finden in jedem Stadtteil Begegnungsfeste und Dialogabende statt.",
    "Das interreligiöse Gespräch zwischen Kirchen- und Moscheegemeinden ist verstetigt.",
    "Stadtteilcafés als offene Treffpunkte mit Sprachpatenschaften",
    "Bürgerschaftliches Engagement von und für Menschen mit Zuwanderungsgeschichte wird gestärkt und anerkannt.",
    "Ehrenamtliche werden interkulturell geschult und regelmäßig begleitet.",
    "Mehr Menschen mit Zuwanderungsgeschichte engagieren sich in Vereinen und Initiativen.",
    "Austauschplattform zwischen Ehren- und Hauptamtlichen weiterentwickeln",
    "Vereine, Verwaltung und Einrichtungen öffnen sich interkulturell und spiegeln die Vielfalt der Stadt wider.",
    "Die Verwaltung gewinnt mehr Auszubildende mit Zuwanderungsgeschichte.",
    "Informationen der Stadt sind in leichter Sprache und den häufigsten Herkunftssprachen verfügbar.",
    "Fortbildungsreihe interkulturelle Kompetenz für Vereinsvorstände",
    (
        "Alle Kinder und Jugendlichen haben von Anfang an gleiche Bildungschancen; Deutschkenntnisse werden früh "
        "gefördert."
    ),
    "Jedes Kind mit Förderbedarf erhält vor der Einschulung eine alltagsintegrierte Sprachförderung.",
    "Eltern mit Zuwanderungsgeschichte finden leicht einen Betreuungsplatz und werden an Kita und Schule beteiligt.",
    "Wohnungssuchende Familien werden bei der Suche nach bezahlbarem Wohnraum begleitet.",
    "Elterncafés mit Sprachmittlung in Kitas und Grundschulen",
    "Zugewanderte finden eine Arbeit, die ihren Fähigkeiten und Abschlüssen entspricht.",
    "Ausländische Berufsabschlüsse werden schneller anerkannt; eine Lotsenstelle berät dazu.",
    "Berufsbezogene Sprachkurse mit Kinderbetreuung stehen wohnortnah zur Verfügung.",
    "Patenschaften zwischen Betrieben und Geflüchteten für Praktika und Ausbildung",
    # Fields of action (Monheim 2016 template)
    "Für ein gelingendes Miteinander einsetzen – Dialogkultur weiterentwickeln",
    "Stärkung des bürgerschaftlichen Engagements",
    "Interkulturelle Öffnung von zivilgesellschaftlichen Organisationen, Vereinen und Gruppen",
    "Bildung und Prävention",
    "Arbeitsmarktintegration",
    # Stakeholder groups
    "Ehrenamtliches Engagement",
    "Freie Träger der Wohlfahrtspflege",
    "Integrationsrat",
    "Jugendparlament",
    "Bürgerinnen und Bürger mit Zuwanderungsgeschichte",
    "Moscheegemeinden",
    "Migrantenorganisationen",
    "Verwaltung",
]

#: Participant language tag -> module holding ``TRANSLATIONS`` (same order as SOURCES).
MODULES = {"en": "en", "tr": "tr", "ar": "ar", "ru": "ru", "uk": "uk", "fa": "fa", "pl": "pl", "fr": "fr",
           "de-x-ls": "de_x_ls"}
_SAME_IN_EVERY_LANGUAGE = re.compile(r"^[\d\s–\-+]+$")


def demo_translations(tag: str) -> dict[str, str]:
    """Return {German source: translation} for one language."""
    translations = importlib.import_module(f"app.demo_translations.{MODULES[tag]}").TRANSLATIONS
    if len(translations) != len(SOURCES):
        raise ValueError(f"{tag}: {len(translations)} translations for {len(SOURCES)} sources")
    return dict(zip(SOURCES, translations, strict=True))


def translate_demo_project(project) -> None:
    """Give every demo text a translation into each demo language (idempotent)."""
    from app.languages.exchange import apply_translations, project_units
    from app.languages.registry import participant_tags

    for tag in MODULES:
        if tag not in participant_tags():
            continue
        known = demo_translations(tag)
        texts = {}
        for unit in project_units(project, tag):
            if unit.source in known:
                texts[unit.key] = known[unit.source]
            elif _SAME_IN_EVERY_LANGUAGE.match(unit.source):
                texts[unit.key] = unit.source
        apply_translations(project, tag, texts)
