"""Content staff translate, as units a translation office can work on: read, apply, PO and XLIFF files.

A unit is one German text participants read (a survey title, a question, an answer option, a
workshop item …) with a stable key such as ``question/12/options/kita``. Translations are kept on
the model beside the original (``translations[tag][field]``, nested for options, scale labels and
age bands). Exporting a language gives every unit with its current translation; importing applies
the units whose German source is unchanged since the export and reports the others, so a
translation of an outdated text never slips in.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from defusedxml import ElementTree as SafeTree
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.errors import ValidationError
from app.extensions import db
from app.languages.content import set_translation
from app.languages.registry import tag_for_locale

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"

#: Consent fields: a changed translation raises the survey's consent version once someone agreed to the current one.
CONSENT_FIELDS = ("consent_text", "special_consent_text")


@dataclass
class ContentUnit:
    """One translatable text of a project."""

    key: str
    #: What the text belongs to (e.g. "Befragung: Online-Befragung …"), for grouping on the page.
    group: str
    #: What the text is (e.g. "Titel", "Option „Kita“").
    label: str
    source: str
    translation: str = ""
    is_long: bool = False


@dataclass
class ImportReport:
    """What an import did: units applied, left as they were, refused for a changed source, or unknown."""

    applied: int = 0
    unchanged: int = 0
    stale: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _nested(translations: dict, language: str, path: tuple[str, ...]) -> str:
    value = (translations or {}).get(language) or {}
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            return ""
    return value if isinstance(value, str) else ""


def _set_nested(translations: dict, language: str, path: tuple[str, ...], text: str) -> dict:
    if len(path) == 1:
        return set_translation(translations, language, path[0], text)
    result = {tag: dict(fields) for tag, fields in (translations or {}).items()}
    entry = result.setdefault(language, {})
    inner = dict(entry.get(path[0]) or {})
    text = (text or "").strip()
    if text:
        inner[path[1]] = text
    else:
        inner.pop(path[1], None)
    if inner:
        entry[path[0]] = inner
    else:
        entry.pop(path[0], None)
    if not entry:
        result.pop(language)
    return result


def _units_of(obj, kind: str, group: str, language: str, fields_: list[tuple[tuple[str, ...], str, str, bool]]):
    for path, label, source, is_long in fields_:
        if source and source.strip():
            yield ContentUnit("/".join([kind, str(obj.id), *path]), group, str(label), source,
                              _nested(obj.translations, language, path), is_long)


def project_units(project, language: str) -> list[ContentUnit]:
    """Return every text participants of the project read, with its translation into ``language``."""
    from app.surveys.models import Survey
    from app.workshops.models import Workshop

    units: list[ContentUnit] = []
    for survey in db.session.scalars(select(Survey).where(Survey.project_id == project.id).order_by(Survey.id)):
        group = str(_l("Befragung: %(title)s", title=survey.title))
        units += _units_of(survey, "survey", group, language, [
            (("title",), _l("Titel"), survey.title, False),
            (("purpose",), _l("Einleitung"), survey.purpose, True),
            (("consent_text",), _l("Einwilligungstext"), survey.consent_text, True),
            (("special_consent_text",), _l("Einwilligung zur Zuwanderungsgeschichte (Art. 9 DSGVO)"),
             survey.special_consent_text, True),
            *[(("districts", district), _l("Stadtteil „%(name)s“", name=district), district, False)
              for district in survey.districts],
            *[(("age_bands", band), _l("Altersgruppe „%(band)s“", band=band), band, False)
              for band in survey.age_bands]])
        for section in survey.sections:
            units += _units_of(section, "section", group, language, [
                (("title",), _l("Abschnitt %(n)s: Titel", n=section.position + 1), section.title, False),
                (("intro",), _l("Abschnitt %(n)s: Einleitung", n=section.position + 1), section.intro, True)])
            for number, question in enumerate(section.questions, start=1):
                prefix = f"{section.position + 1}.{number}"
                units += _units_of(question, "question", group, language, [
                    (("text",), _l("Frage %(n)s", n=prefix), question.text, True),
                    (("help",), _l("Frage %(n)s: Hilfetext", n=prefix), question.help, True),
                    *[(("options", str(o["value"])), _l("Frage %(n)s: Option „%(label)s“", n=prefix,
                                                         label=o["label"]), o["label"], False)
                      for o in question.options],
                    *[(("scale_labels", str(point)), _l("Frage %(n)s: Skalenwert %(point)s", n=prefix,
                                                         point=point), label, False)
                      for point, label in sorted(question.scale_labels.items(), key=lambda pair: int(pair[0]))]])
    for workshop in db.session.scalars(select(Workshop).where(Workshop.project_id == project.id)
                                       .order_by(Workshop.id)):
        group = str(_l("Workshop: %(title)s", title=workshop.title))
        units += _units_of(workshop, "workshop", group, language, [
            (("title",), _l("Titel"), workshop.title, False),
            (("instructions",), _l("Hinweise für Teilnehmende"), workshop.instructions, True)])
        for voting_round in workshop.rounds:
            units += _units_of(voting_round, "round", group, language, [
                (("title",), _l("Runde: %(title)s", title=voting_round.title), voting_round.title, False)])
        for number, item in enumerate(workshop.items, start=1):
            units += _units_of(item, "item", group, language, [
                (("title",), _l("Eintrag %(n)s", n=number), item.title, True),
                (("description",), _l("Eintrag %(n)s: Beschreibung", n=number), item.description, True)])
    from app.outreach.models import Event

    for event in db.session.scalars(select(Event).where(Event.project_id == project.id, Event.is_public)
                                    .order_by(Event.starts_at, Event.id)):
        group = str(_l("Öffentliche Veranstaltung: %(title)s", title=event.title))
        units += _units_of(event, "event", group, language, [
            (("title",), _l("Titel"), event.title, False),
            (("description",), _l("Beschreibung"), event.description, True)])
    project_group = str(_l("Projekt: Akteursgruppen und Handlungsfelder"))
    for group_row in project.stakeholder_groups:
        units += _units_of(group_row, "group", project_group, language, [
            (("name",), _l("Akteursgruppe"), group_row.name, False)])
    for field_row in project.fields_of_action:
        units += _units_of(field_row, "field", project_group, language, [
            (("name",), _l("Handlungsfeld"), field_row.name, False)])
    return units


def _owner(project, kind: str, object_id: int):
    """Return the object a unit key names, if it belongs to the project."""
    from app.outreach.models import Event
    from app.projects.models import FieldOfAction, StakeholderGroup
    from app.surveys.models import Question, Section, Survey
    from app.workshops.models import VotingRound, Workshop, WorkshopItem

    model = {"survey": Survey, "section": Section, "question": Question, "workshop": Workshop,
             "round": VotingRound, "item": WorkshopItem, "group": StakeholderGroup,
             "field": FieldOfAction, "event": Event}.get(kind)
    obj = db.session.get(model, object_id) if model else None
    if obj is None:
        return None
    owner_project = {"survey": lambda o: o.project_id, "section": lambda o: o.survey.project_id,
                     "question": lambda o: o.survey.project_id, "workshop": lambda o: o.project_id,
                     "round": lambda o: o.workshop.project_id, "item": lambda o: o.workshop.project_id,
                     "group": lambda o: o.project_id, "field": lambda o: o.project_id,
                     "event": lambda o: o.project_id}[kind](obj)
    return obj if owner_project == project.id else None


def _was_agreed_to(survey) -> bool:
    """Return whether someone consented under the survey's current version (which then may not change)."""
    from app.surveys.models import ConsentRecord, Respondent

    return db.session.scalar(select(ConsentRecord.id).join(Respondent).where(
        Respondent.survey_id == survey.id, ConsentRecord.text_version == survey.consent_version).limit(1)) is not None


def apply_translations(project, language: str, texts: dict[str, str], sources: dict[str, str] | None = None,
                       ) -> ImportReport:
    """Store translations ``{key: text}`` for ``language``; with ``sources`` ({key: German text when
    translated}), refuse units whose German text changed since. Blank text removes a translation."""
    from app.languages.registry import participant_tags

    if language not in participant_tags() or language == "de":
        raise ValidationError(_l("Diese Sprache gibt es nicht."), "language")
    report = ImportReport()
    current = {unit.key: unit for unit in project_units(project, language)}
    touched_surveys = set()
    for key, text in texts.items():
        unit = current.get(key)
        if unit is None:
            report.unknown.append(key)
            continue
        if sources is not None and key in sources and sources[key].strip() != unit.source.strip():
            report.stale.append(key)
            continue
        text = (text or "").strip()
        if text == unit.translation.strip():
            report.unchanged += 1
            continue
        kind, object_id, *path = key.split("/")
        obj = _owner(project, kind, int(object_id))
        if obj is None:
            report.unknown.append(key)
            continue
        obj.translations = _set_nested(obj.translations, language, tuple(path), text)
        if kind == "survey" and path[0] in CONSENT_FIELDS:
            touched_surveys.add(obj)
        report.applied += 1
    for survey in touched_surveys:
        if _was_agreed_to(survey):
            survey.consent_version += 1
    db.session.commit()
    return report


# --- files for a translation office -------------------------------------------------------------------------

def export_po(project, language: str) -> bytes:
    """Return the project's texts as a PO file for ``language`` (msgctxt = key, msgid = German text)."""
    from app.languages.registry import language as find_language

    catalog = Catalog(locale=find_language(language).locale, project=f"Konzeptwerk: {project.title}",
                      charset="utf-8", creation_date=datetime.now(), revision_date=datetime.now(), fuzzy=False)
    for unit in project_units(project, language):
        catalog.add(unit.source, unit.translation, context=unit.key, auto_comments=[f"{unit.group} – {unit.label}"])
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    return buffer.getvalue()


def read_po_texts(data: bytes) -> tuple[str | None, dict[str, str], dict[str, str]]:
    """Return (language, {key: translation}, {key: German source}) from a PO file."""
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as error:  # noqa: BLE001 - babel raises several kinds for a broken file
        raise ValidationError(_l("Die Datei ist keine gültige PO-Datei: %(error)s", error=str(error)[:200]),
                              "file") from None
    texts, sources = {}, {}
    for message in catalog:
        if not message.id or not message.context or isinstance(message.id, tuple):
            continue
        if message.fuzzy:
            continue
        texts[message.context] = message.string or ""
        sources[message.context] = message.id
    return (tag_for_locale(catalog.locale) if catalog.locale else None), texts, sources


def export_xliff(project, language: str) -> bytes:
    """Return the project's texts as XLIFF 1.2 for ``language`` (trans-unit id = key)."""
    from xml.etree import ElementTree

    ElementTree.register_namespace("", XLIFF_NS)
    root = ElementTree.Element(f"{{{XLIFF_NS}}}xliff", version="1.2")
    file_element = ElementTree.SubElement(root, f"{{{XLIFF_NS}}}file", {
        "original": f"konzeptwerk-project-{project.id}", "source-language": "de", "target-language": language,
        "datatype": "plaintext"})
    body = ElementTree.SubElement(file_element, f"{{{XLIFF_NS}}}body")
    for unit in project_units(project, language):
        element = ElementTree.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", {"id": unit.key})
        ElementTree.SubElement(element, f"{{{XLIFF_NS}}}source").text = unit.source
        target = ElementTree.SubElement(element, f"{{{XLIFF_NS}}}target")
        target.text = unit.translation
        if unit.translation:
            target.set("state", "translated")
        ElementTree.SubElement(element, f"{{{XLIFF_NS}}}note").text = f"{unit.group} – {unit.label}"
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def read_xliff_texts(data: bytes) -> tuple[str | None, dict[str, str], dict[str, str]]:
    """Return (language, {key: translation}, {key: German source}) from an XLIFF 1.2 file."""
    try:
        root = SafeTree.fromstring(data)
    except Exception as error:  # noqa: BLE001 - defusedxml and expat raise several kinds
        raise ValidationError(_l("Die Datei ist keine gültige XLIFF-Datei: %(error)s", error=str(error)[:200]),
                              "file") from None
    ns = {"x": XLIFF_NS}
    file_element = root.find("x:file", ns)
    if file_element is None:
        raise ValidationError(_l("Die Datei ist keine gültige XLIFF-Datei: %(error)s", error="<file>"), "file")
    texts, sources = {}, {}
    for unit in file_element.iter(f"{{{XLIFF_NS}}}trans-unit"):
        key = unit.get("id")
        source = unit.find("x:source", ns)
        target = unit.find("x:target", ns)
        if not key or source is None:
            continue
        texts[key] = "".join(target.itertext()) if target is not None else ""
        sources[key] = "".join(source.itertext())
    return file_element.get("target-language"), texts, sources


def import_file(project, language: str, filename: str, data: bytes) -> ImportReport:
    """Apply a PO or XLIFF file to ``language``; refuse a file written for another language."""
    name = (filename or "").lower()
    if name.endswith(".po"):
        found, texts, sources = read_po_texts(data)
    elif name.endswith((".xlf", ".xliff")):
        found, texts, sources = read_xliff_texts(data)
    else:
        raise ValidationError(_l("Bitte laden Sie eine PO- oder XLIFF-Datei hoch (.po, .xlf, .xliff)."), "file")
    if found and found.lower() != language.lower():
        raise ValidationError(_l("Die Datei ist für die Sprache „%(found)s“, nicht für „%(language)s“.",
                                 found=found, language=language), "file")
    return apply_translations(project, language, texts, sources)
