"""Respondents with contact details from a CSV or Excel file (``email``, ``language``, optional ``group``, ``name``).

The file passes the same checks as every other upload (``imports.read_table``: UTF-8, real
.xlsx after the archive check, bounded rows and columns). Every row is checked before anything
is stored: one bad row refuses the whole file and names the row. Addresses already in the survey
are skipped and counted. Each person gets a pseudonym (``K-01`` …); name and address go to the
contact table, apart from the answers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.errors import ValidationError
from app.extensions import db
from app.languages.registry import find_language
from app.projects.models import StakeholderGroup
from app.surveys.imports import read_table
from app.surveys.models import Respondent, RespondentContact, Survey

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
COLUMN_NAMES = {
    "email": "email", "e-mail": "email", "mail": "email", "e-mail-adresse": "email", "emailadresse": "email",
    "language": "language", "sprache": "language", "lang": "language",
    "group": "group", "gruppe": "group", "akteursgruppe": "group", "stakeholder_group": "group",
    "name": "name",
}
#: How many refused rows the message lists.
SHOWN_PROBLEMS = 5


@dataclass
class ContactImport:
    """What an import stored: how many people were added, and how many addresses were already there."""

    added: int = 0
    skipped: int = 0
    respondent_ids: list[int] = field(default_factory=list)


def check_email(email: str) -> bool:
    """Return whether an address looks deliverable enough to try (one @, a dot in the domain, no spaces)."""
    return bool(EMAIL.fullmatch(email)) and len(email) <= 254


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = COLUMN_NAMES.get(re.sub(r"\s+", "", (name or "").strip().casefold()))
        if key and key not in columns:
            columns[key] = index
    missing = [name for name in ("email", "language") if name not in columns]
    if missing:
        raise ValidationError(_("Es fehlen die Spalten %(names)s. Erwartet werden email, language und optional "
                                "group und name.", names=", ".join(missing)), "file")
    return columns


def add_contacts(survey: Survey, rows: list[dict[str, str]]) -> ContactImport:
    """Check contact rows (email, language, group, name) and add them all as respondents, or refuse them all."""
    groups = {g.name.casefold(): g for g in survey.project.stakeholder_groups}
    present = {e.casefold() for e in db.session.scalars(
        select(func.lower(RespondentContact.email)).join(Respondent)
        .where(Respondent.survey_id == survey.id, RespondentContact.email != ""))}
    problems: list[str] = []
    checked: list[tuple[str, str, StakeholderGroup | None, str]] = []
    seen: set[str] = set()
    skipped = 0
    for number, row in enumerate(rows, start=2):
        email = (row.get("email") or "").strip()
        tag = (row.get("language") or "").strip() or "de"
        group_name = (row.get("group") or "").strip()
        name = (row.get("name") or "").strip()
        lang = find_language(tag)
        if not check_email(email):
            problems.append(_("Zeile %(row)s: keine gültige E-Mail-Adresse.", row=number))
        elif lang is None:
            problems.append(_("Zeile %(row)s: unbekannte Sprache „%(tag)s“.", row=number, tag=tag[:20]))
        elif group_name and group_name.casefold() not in groups:
            problems.append(_("Zeile %(row)s: unbekannte Akteursgruppe „%(name)s“.", row=number, name=group_name[:80]))
        elif len(name) > 200:
            problems.append(_("Zeile %(row)s: Der Name ist zu lang (höchstens 200 Zeichen).", row=number))
        elif email.casefold() in seen:
            problems.append(_("Zeile %(row)s: Die Adresse steht mehrmals in der Datei.", row=number))
        elif email.casefold() in present:
            skipped += 1
        else:
            seen.add(email.casefold())
            checked.append((email, lang.tag, groups.get(group_name.casefold()) if group_name else None, name))
    if problems:
        shown = " ".join(problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        if more > 0:
            shown += " " + _("… und %(num)s weitere.", num=more)
        raise ValidationError(_("Es wurde niemand hinzugefügt. %(problems)s", problems=shown), "file")
    done = ContactImport(skipped=skipped)
    taken = set(db.session.scalars(select(Respondent.pseudonym).where(Respondent.survey_id == survey.id)))
    number = 0
    for email, tag, group, name in checked:
        number += 1
        while f"K-{number:02d}" in taken:
            number += 1
        respondent = Respondent(survey=survey, pseudonym=f"K-{number:02d}", channel="personal",
                                status="invited", language=tag, stakeholder_group_id=group.id if group else None)
        respondent.contact = RespondentContact(name=name, email=email)
        db.session.add(respondent)
        db.session.flush()
        done.respondent_ids.append(respondent.id)
    done.added = len(checked)
    db.session.commit()
    return done


def import_contacts(survey: Survey, filename: str, data: bytes) -> ContactImport:
    """Read a CSV or Excel file of contacts and add them (see ``add_contacts``); refuse the file as a whole."""
    sheet = read_table(filename, data)
    columns = _columns(sheet.header)
    rows = [{key: (row[index] if index < len(row) else "") for key, index in columns.items()} for row in sheet.rows]
    rows = [row for row in rows if any(row.values())]
    if not rows:
        raise ValidationError(_("Die Datei enthält keine Kontakte."), "file")
    return add_contacts(survey, rows)
