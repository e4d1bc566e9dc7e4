"""REFI-QDA export (.qdpx) so a team can continue in MAXQDA, ATLAS.ti or NVivo.

``qdpx_project`` shapes an analysis (one text source per respondent: the interview
transcript with speakers and timestamps where one is stored, else their answers one
after the other with the question above each; themes and codebook codes as
codes; theme assignments and human codings as codings of text selections).
``build_qdpx`` is the pure builder: a zip with ``project.qde`` (REFI-QDA 1.5
project XML) and the source texts under ``sources/``. Offsets are in characters
(Unicode code points) of the source text, as the standard asks.
"""
from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree import ElementTree as ET

from app.analysis.models import Analysis

NAMESPACE = "urn:QDA-XML:project:1.0"
#: Stable GUIDs: the same analysis exports the same identifiers each time.
GUID_ROOT = uuid.UUID("6d3c1f2e-5a4b-4c8d-9e0f-1a2b3c4d5e6f")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def guid(*parts) -> str:
    """Return a stable GUID for an object of this export."""
    return str(uuid.uuid5(GUID_ROOT, "/".join(str(p) for p in parts))).upper()


@dataclass
class QdaCode:
    """A code, possibly with child codes (themes sit under one parent, codebook codes under another)."""

    guid: str
    name: str
    description: str = ""
    is_codable: bool = True
    children: list[QdaCode] = field(default_factory=list)


@dataclass
class QdaSelection:
    """A coded stretch of a source text and the codes given to it (code guid, user guid)."""

    guid: str
    start: int
    end: int
    codings: list[tuple[str, str]]


@dataclass
class QdaSource:
    """A plain-text source (one respondent's answers) with its coded selections."""

    guid: str
    name: str
    text: str
    description: str = ""
    selections: list[QdaSelection] = field(default_factory=list)


@dataclass
class QdaProject:
    """Everything a REFI-QDA project file holds in this export."""

    name: str
    created_at: datetime
    users: list[tuple[str, str]]
    codes: list[QdaCode]
    sources: list[QdaSource]


def _clean(text: str) -> str:
    """Replace characters XML cannot carry by spaces (keeps every offset)."""
    return _INVALID_XML.sub(" ", text or "")


def _timestamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def _code_element(parent: ET.Element, code: QdaCode) -> None:
    element = ET.SubElement(parent, "Code", guid=code.guid, name=_clean(code.name),
                            isCodable="true" if code.is_codable else "false")
    if code.description:
        ET.SubElement(element, "Description").text = _clean(code.description)
    for child in code.children:
        _code_element(element, child)


def build_project_xml(project: QdaProject) -> bytes:
    """Return the ``project.qde`` XML of a project."""
    creator = project.users[0][0] if project.users else guid("user", "system")
    root = ET.Element("Project", xmlns=NAMESPACE, name=_clean(project.name), origin="Konzeptwerk",
                      creatingUserGUID=creator, creationDateTime=_timestamp(project.created_at))
    users = ET.SubElement(root, "Users")
    for user_guid, name in project.users or [(creator, "Konzeptwerk")]:
        ET.SubElement(users, "User", guid=user_guid, name=_clean(name))
    codes = ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes")
    for code in project.codes:
        _code_element(codes, code)
    sources = ET.SubElement(root, "Sources")
    for source in project.sources:
        element = ET.SubElement(sources, "TextSource", guid=source.guid, name=_clean(source.name),
                                plainTextPath=f"internal://{source.guid}.txt", creatingUser=creator,
                                creationDateTime=_timestamp(project.created_at))
        if source.description:
            ET.SubElement(element, "Description").text = _clean(source.description)
        ET.SubElement(element, "PlainTextContent").text = _clean(source.text)
        for selection in source.selections:
            chosen = ET.SubElement(element, "PlainTextSelection", guid=selection.guid,
                                   name=_clean(source.text[selection.start:selection.end][:60]),
                                   startPosition=str(selection.start), endPosition=str(selection.end),
                                   creatingUser=creator, creationDateTime=_timestamp(project.created_at))
            for code_guid, user_guid in selection.codings:
                coding = ET.SubElement(chosen, "Coding", guid=guid("coding", selection.guid, code_guid, user_guid),
                                       creatingUser=user_guid, creationDateTime=_timestamp(project.created_at))
                ET.SubElement(coding, "CodeRef", targetGUID=code_guid)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def build_qdpx(project: QdaProject) -> bytes:
    """Return the .qdpx archive: ``project.qde`` and ``sources/<guid>.txt`` per text source."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", build_project_xml(project))
        for source in project.sources:
            archive.writestr(f"sources/{source.guid}.txt", _clean(source.text).encode("utf-8"))
    return buffer.getvalue()


def _given_codes(passage_id: int, effective: dict, codings: dict, users: list) -> list[tuple[str, str]]:
    row = effective.get(passage_id)
    given = []
    if row is not None and row.theme_id is not None:
        given.append((guid("theme", row.theme_id), users[0][0]))
    for coding in codings.get(passage_id, []):
        given.append((guid("code", coding.code_id), guid("user", coding.coder_id) if coding.coder_id else users[0][0]))
    return given


def _transcript_source(source: QdaSource, document, answers: list, effective: dict, codings: dict,
                       users: list) -> bool:
    """Make the interview transcript the source text, passages as selections in it; False if one cannot be placed."""
    selections = []
    for answer in answers:
        for passage in answer.passages:
            given = _given_codes(passage.id, effective, codings, users)
            if not given:
                continue
            where = document.locate(answer.question_id, answer.text, passage.start, passage.end)
            if where is None:
                return False
            selections.append(QdaSelection(guid("selection", passage.id), where[0], where[1], given))
    source.text = document.text
    source.selections = sorted(selections, key=lambda s: (s.start, s.end))
    return True


def qdpx_project(analysis: Analysis) -> QdaProject:
    """Shape an analysis into a REFI-QDA project (pseudonyms only, never contact data)."""
    from flask_babel import gettext as _

    from app.analysis.queries import answers_in_order, codings_by_passage, passage_rows
    from app.auth.models import User
    from app.extensions import db
    from app.surveys.queries import transcript_documents

    codings = codings_by_passage(analysis)
    user_ids = sorted({c.coder_id for items in codings.values() for c in items if c.coder_id})
    machine_user = (guid("user", "konzeptwerk"), "Konzeptwerk")
    users = [machine_user] + [(guid("user", uid), db.session.get(User, uid).display_name) for uid in user_ids]
    theme_codes = [QdaCode(guid("theme", t.id), t.label, t.definition) for t in analysis.themes]
    book_codes = [QdaCode(guid("code", c.id), c.name, c.definition) for c in analysis.codes]
    codes = [QdaCode(guid("group", analysis.id, "themes"), _("Themen"), is_codable=False, children=theme_codes),
             QdaCode(guid("group", analysis.id, "codes"), _("Codebuch"), is_codable=False, children=book_codes)]
    effective = {row.passage_id: row for row in passage_rows([analysis.id])}
    by_respondent: dict[int, list] = {}
    for answer in answers_in_order(analysis):
        by_respondent.setdefault(answer.respondent_id, []).append(answer)
    sources = []
    transcripts = transcript_documents(by_respondent)
    for respondent_id, answers in sorted(by_respondent.items(), key=lambda item: item[1][0].pseudonym):
        first = answers[0]
        source = QdaSource(guid("source", analysis.id, respondent_id), first.pseudonym, "",
                           description=" · ".join(filter(None, [first.stakeholder_group] + [
                               f"{k}: {v}" for k, v in sorted(first.attributes.items())])))
        document = transcripts.get(respondent_id)
        if document is not None and _transcript_source(source, document, answers, effective, codings, users):
            sources.append(source)
            continue
        pieces = []
        offset = 0
        for answer in sorted(answers, key=lambda a: (a.question_id, a.id)):
            heading = answer.question_text.strip() + "\n"
            pieces.append(heading)
            offset += len(heading)
            for passage in answer.passages:
                given = _given_codes(passage.id, effective, codings, users)
                if given:
                    source.selections.append(QdaSelection(guid("selection", passage.id), offset + passage.start,
                                                          offset + passage.end, given))
            pieces.append(answer.text + "\n\n")
            offset += len(answer.text) + 2
        source.text = "".join(pieces)
        sources.append(source)
    return QdaProject(analysis.title, analysis.created_at or datetime(2000, 1, 1), users, codes, sources)
