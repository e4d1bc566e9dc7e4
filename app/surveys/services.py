"""Writes on surveys: setup, guide editing, respondents, answers, consent and deletion. Owns the commit."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import case, delete, func, select, text, update

from app.errors import ValidationError
from app.extensions import db
from app.languages.registry import participant_tags
from app.mail.outbox import delete_outbox_files
from app.privacy.journal import record_deletion
from app.projects.models import FieldOfAction, Project, StakeholderGroup
from app.surveys.answering import AnswerProblem, check_answers, is_empty, missing_required
from app.surveys.consent import keep_wording_shown
from app.surveys.models import (MIGRATION_HISTORY_VALUES, QUESTION_KINDS, SURVEY_MODES, Answer, ConsentRecord,
                                Question, Respondent, RespondentContact, RespondentDeletion, Section, Survey)
from app.surveys.personal_data import respondent_fingerprint
from app.surveys.signals import notify_answers_changed
from app.surveys.queries import question_answer_count


class AnswersRefused(Exception):
    """Some answers of a batch were refused; nothing was saved. ``problems``: {question_id: AnswerProblem}."""

    def __init__(self, problems: dict):
        super().__init__("answers refused")
        self.problems = problems


# --- surveys -------------------------------------------------------------------------------------------------

def _check_survey_fields(title: str, mode: str, opens_on: date | None, closes_on: date | None,
                         languages: list[str]) -> list[str]:
    if not (title or "").strip():
        raise ValidationError(_("Bitte geben Sie einen Titel an."), "title")
    if mode not in SURVEY_MODES:
        raise ValidationError(_("Unbekannte Befragungsart."), "mode")
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError(_("Das Enddatum liegt vor dem Startdatum."), "closes_on")
    offered = participant_tags()
    languages = [code for code in dict.fromkeys(languages or []) if code in offered]
    if "de" in languages:
        languages.remove("de")
    return ["de", *languages]


def _clean_list(values) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    return [v.strip() for v in dict.fromkeys(values or []) if v and v.strip()]


def create_survey(project: Project, *, title: str, purpose: str = "", mode: str = "both",
                  opens_on: date | None = None, closes_on: date | None = None, consent_text: str = "",
                  special_consent_text: str = "", languages: list[str] | None = None,
                  asks_migration_history: bool = True, districts=None, age_bands=None, invitation_days: int = 60,
                  has_public_link: bool = False, translations: dict | None = None, is_draft: bool = False) -> Survey:
    """Create a survey with one empty section (as a draft when ``is_draft``: nobody answers before it opens)."""
    languages = _check_survey_fields(title, mode, opens_on, closes_on, languages or [])
    survey = Survey(project_id=project.id, title=title.strip(), purpose=purpose or "", mode=mode,
                    opens_on=opens_on, closes_on=closes_on, consent_text=consent_text or "",
                    special_consent_text=(special_consent_text or "").strip(), languages=languages,
                    translations=translations or {},
                    asks_migration_history=asks_migration_history, districts=_clean_list(districts),
                    age_bands=_clean_list(age_bands), invitation_days=max(1, int(invitation_days or 60)),
                    is_draft=is_draft)
    survey.sections.append(Section(position=0, title=_("Allgemein")))
    db.session.add(survey)
    if has_public_link:
        _open_public_link(survey)
    db.session.commit()
    return survey


def update_survey(survey: Survey, *, title: str, purpose: str, mode: str, opens_on: date | None,
                  closes_on: date | None, consent_text: str, languages: list[str], asks_migration_history: bool,
                  districts=None, age_bands=None, invitation_days: int = 60, has_public_link: bool = False,
                  special_consent_text: str | None = None) -> None:
    """Change a survey's settings; a changed consent text gets a new version number."""
    survey.languages = _check_survey_fields(title, mode, opens_on, closes_on, languages)
    special = survey.special_consent_text if special_consent_text is None else special_consent_text.strip()
    if ((consent_text or "").strip() != (survey.consent_text or "").strip()
            or special != (survey.special_consent_text or "").strip()):
        survey.consent_version += 1
    survey.special_consent_text = special
    survey.title = title.strip()
    survey.purpose = purpose or ""
    survey.mode = mode
    survey.opens_on, survey.closes_on = opens_on, closes_on
    survey.consent_text = consent_text or ""
    survey.asks_migration_history = asks_migration_history
    survey.districts = _clean_list(districts)
    survey.age_bands = _clean_list(age_bands)
    survey.invitation_days = max(1, int(invitation_days or 60))
    if has_public_link and not survey.public_code:
        _open_public_link(survey)
    elif not has_public_link:
        survey.public_code = None
    db.session.commit()


def _open_public_link(survey: Survey) -> None:
    from app.surveys.invitations import new_public_code

    survey.public_code = new_public_code()


def open_survey(survey: Survey) -> None:
    """Open a draft for respondents once it has questions, consent texts and a period."""
    survey.open()
    db.session.commit()


def close_survey(survey: Survey) -> None:
    """Stop accepting answers."""
    survey.close()
    db.session.commit()


def reopen_survey(survey: Survey) -> None:
    """Accept answers again."""
    survey.reopen()
    db.session.commit()


# --- the guide -----------------------------------------------------------------------------------------------

def _renumber(items) -> None:
    for position, item in enumerate(items):
        item.position = position


def add_section(survey: Survey, *, title: str, intro: str = "", translations: dict | None = None) -> Section:
    """Append a section to the guide."""
    if not (title or "").strip():
        raise ValidationError(_("Bitte geben Sie einen Titel an."), "title")
    section = Section(title=title.strip(), intro=intro or "", translations=translations or {},
                      position=len(survey.sections))
    survey.sections.append(section)
    db.session.commit()
    return section


def update_section(section: Section, *, title: str, intro: str = "", translations: dict | None = None) -> None:
    """Change a section's title, intro and translations."""
    if not (title or "").strip():
        raise ValidationError(_("Bitte geben Sie einen Titel an."), "title")
    section.title, section.intro = title.strip(), intro or ""
    if translations is not None:
        section.translations = translations
    db.session.commit()


def delete_section(section: Section) -> None:
    """Delete a section with its questions; refused while any of them has answers."""
    answered = [q for q in section.questions if question_answer_count(q)]
    if answered:
        raise ValidationError(_("Der Abschnitt enthält Fragen, zu denen es schon Antworten gibt. Löschen würde "
                                "diese Antworten verwaisen lassen; verschieben Sie die Fragen zuerst."))
    if len(section.survey.sections) == 1:
        raise ValidationError(_("Ein Leitfaden braucht mindestens einen Abschnitt."))
    survey = section.survey
    for question in list(section.questions):
        db.session.delete(question)
    survey.sections.remove(section)
    db.session.delete(section)
    _renumber(survey.sections)
    db.session.commit()


def move_section(section: Section, direction: int) -> None:
    """Move a section one place up (-1) or down (+1)."""
    sections = list(section.survey.sections)
    index = sections.index(section)
    target = index + direction
    if 0 <= target < len(sections):
        sections[index], sections[target] = sections[target], sections[index]
        _renumber(sections)
        db.session.commit()


def _slug(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.casefold()
                  .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")).strip("_")[:30]
    base = base or "option"
    value, number = base, 2
    while value in taken:
        value, number = f"{base}_{number}", number + 1
    taken.add(value)
    return value


def parse_options(text) -> list[dict]:
    """Turn option lines ("value = label" or just "label") into [{"value", "label"}]."""
    if isinstance(text, list):
        return [{"value": str(o["value"]), "label": str(o["label"])} for o in text]
    options, taken = [], set()
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if "=" in line:
            value, label = (part.strip() for part in line.split("=", 1))
            if not value or value in taken:
                raise ValidationError(_("Jeder Optionswert darf nur einmal vorkommen: %(value)s", value=value),
                                      "options")
            taken.add(value)
        else:
            label = line
            value = _slug(label, taken)
        options.append({"value": value, "label": label})
    return options


def _check_question(kind: str, text: str, options: list[dict], scale_min: int, scale_max: int,
                    field_of_action_id: int | None, survey: Survey) -> None:
    if kind not in QUESTION_KINDS:
        raise ValidationError(_("Unbekannter Fragetyp."), "kind")
    if not (text or "").strip():
        raise ValidationError(_("Bitte geben Sie den Fragetext an."), "text")
    if kind in ("single_choice", "multiple_choice", "ranking") and len(options) < 2:
        raise ValidationError(_("Auswahl- und Rangfolgefragen brauchen mindestens zwei Optionen."), "options")
    if kind == "scale" and not (scale_min < scale_max and scale_max - scale_min <= 10):
        raise ValidationError(_("Die Skala braucht einen kleinsten und einen größeren höchsten Wert "
                                "(höchstens 11 Stufen)."), "scale_max")
    if field_of_action_id is not None:
        field = db.session.get(FieldOfAction, field_of_action_id)
        if field is None or field.project_id != survey.project_id:
            raise ValidationError(_("Dieses Handlungsfeld gehört nicht zum Projekt."), "field_of_action_id")


def add_question(section: Section, *, kind: str, text: str, help: str = "", is_required: bool = False,
                 options=None, scale_min: int = 1, scale_max: int = 5, scale_labels: dict | None = None,
                 field_of_action_id: int | None = None, translations: dict | None = None) -> Question:
    """Append a question to a section."""
    options = parse_options(options) if kind in ("single_choice", "multiple_choice", "ranking") else []
    _check_question(kind, text, options, scale_min, scale_max, field_of_action_id, section.survey)
    question = Question(survey_id=section.survey_id, kind=kind, text=text.strip(), help=help or "",
                        is_required=is_required, options=options, scale_min=scale_min, scale_max=scale_max,
                        scale_labels={str(k): v for k, v in (scale_labels or {}).items() if v} if kind == "scale" else {},
                        field_of_action_id=field_of_action_id, translations=translations or {},
                        position=len(section.questions))
    section.questions.append(question)
    db.session.add(question)
    db.session.commit()
    return question


def orphaning_problem(question: Question, *, kind: str, options: list[dict], scale_min: int,
                      scale_max: int) -> str | None:
    """Return why an edit would orphan existing answers (None when it would not)."""
    answers = list(db.session.scalars(select(Answer.value).where(Answer.question_id == question.id)))
    if not answers:
        return None
    if kind != question.kind:
        return _("Zu dieser Frage gibt es schon %(count)s Antworten. Der Fragetyp kann nicht mehr geändert werden, "
                 "sonst passten die Antworten nicht mehr zur Frage. Legen Sie stattdessen eine neue Frage an.",
                 count=len(answers))
    if kind in ("single_choice", "multiple_choice", "ranking"):
        kept = {o["value"] for o in options}
        used = set()
        for value in answers:
            used.update(value if isinstance(value, list) else [value])
        lost = sorted(str(v) for v in used - kept)
        if lost:
            return _("Die Optionen %(values)s wurden schon gewählt und können nicht entfernt oder umbenannt werden "
                     "(ändern Sie nur die Beschriftung).", values=", ".join(lost))
    if kind == "scale":
        out_of_range = [v for v in answers if isinstance(v, int) and not scale_min <= v <= scale_max]
        if out_of_range:
            return _("Vorhandene Antworten liegen außerhalb der neuen Skala (%(min)s–%(max)s).",
                     min=scale_min, max=scale_max)
    return None


def update_question(question: Question, *, kind: str, text: str, help: str = "", is_required: bool = False,
                    options=None, scale_min: int = 1, scale_max: int = 5, scale_labels: dict | None = None,
                    field_of_action_id: int | None = None, translations: dict | None = None) -> None:
    """Change a question; refuse edits that would orphan existing answers."""
    options = parse_options(options) if kind in ("single_choice", "multiple_choice", "ranking") else []
    _check_question(kind, text, options, scale_min, scale_max, field_of_action_id, question.survey)
    problem = orphaning_problem(question, kind=kind, options=options, scale_min=scale_min, scale_max=scale_max)
    if problem:
        raise ValidationError(problem, "kind" if kind != question.kind else "options")
    question.kind, question.text, question.help = kind, text.strip(), help or ""
    question.is_required, question.options = is_required, options
    question.scale_min, question.scale_max = scale_min, scale_max
    question.scale_labels = {str(k): v for k, v in (scale_labels or {}).items() if v} if kind == "scale" else {}
    question.field_of_action_id = field_of_action_id
    if translations is not None:
        question.translations = translations
    db.session.commit()


def delete_question(question: Question) -> None:
    """Delete a question; refused once it has answers."""
    count = question_answer_count(question)
    if count:
        raise ValidationError(_("Zu dieser Frage gibt es schon %(count)s Antworten. Sie kann nicht mehr gelöscht "
                                "werden, sonst gingen diese Antworten verloren.", count=count))
    section = question.section
    section.questions.remove(question)
    db.session.delete(question)
    _renumber(section.questions)
    db.session.commit()


def move_question(question: Question, direction: int) -> None:
    """Move a question one place up or down; across a section border it joins the neighbouring section."""
    section = question.section
    siblings = list(section.questions)
    index = siblings.index(question)
    target = index + direction
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
        _renumber(siblings)
    else:
        sections = list(question.survey.sections)
        neighbour_index = sections.index(section) + direction
        if not 0 <= neighbour_index < len(sections):
            return
        neighbour = sections[neighbour_index]
        section.questions.remove(question)
        _renumber(section.questions)
        if direction < 0:
            neighbour.questions.append(question)
        else:
            neighbour.questions.insert(0, question)
        question.section = neighbour
        _renumber(neighbour.questions)
    db.session.commit()


def move_question_to_section(question: Question, section: Section) -> None:
    """Move a question to the end of another section of the same guide."""
    old_section = question.section
    old_section.questions.remove(question)
    _renumber(old_section.questions)
    section.questions.append(question)
    _renumber(section.questions)
    db.session.commit()


def _copy_question(question: Question, section: Section, field_map: dict[int, int | None]) -> Question:
    return Question(survey_id=section.survey_id, kind=question.kind, text=question.text, help=question.help,
                    is_required=question.is_required, options=[dict(o) for o in question.options],
                    scale_min=question.scale_min, scale_max=question.scale_max,
                    scale_labels=dict(question.scale_labels),
                    field_of_action_id=field_map.get(question.field_of_action_id),
                    translations={k: dict(v) for k, v in question.translations.items()})


def duplicate_question(question: Question) -> Question:
    """Insert a copy of a question right after it."""
    section = question.section
    copy = _copy_question(question, section, {question.field_of_action_id: question.field_of_action_id})
    copy.text = _("%(text)s (Kopie)", text=question.text)
    section.questions.insert(section.questions.index(question) + 1, copy)
    db.session.add(copy)
    _renumber(section.questions)
    db.session.commit()
    return copy


def copy_guide(source: Survey, target: Survey) -> int:
    """Append the sections and questions of another survey's guide; fields of action map by name. Return the count."""
    if source.id == target.id:
        raise ValidationError(_("Wählen Sie eine andere Befragung als Vorlage."), "source")
    if not source.questions:
        raise ValidationError(_("Der gewählte Leitfaden enthält keine Fragen."), "source")
    field_map: dict[int | None, int | None] = {None: None}
    if source.project_id == target.project_id:
        field_map.update({f.id: f.id for f in target.project.fields_of_action})
    else:
        by_name = {f.name.casefold(): f.id for f in target.project.fields_of_action}
        field_map.update({f.id: by_name.get(f.name.casefold()) for f in source.project.fields_of_action})
    start = len(target.sections)
    if start == 1 and not target.sections[0].questions:
        db.session.delete(target.sections[0])
        target.sections.clear()
        start = 0
    copied = 0
    for offset, section in enumerate(source.sections):
        new_section = Section(title=section.title, intro=section.intro,
                              translations={k: dict(v) for k, v in section.translations.items()},
                              position=start + offset)
        target.sections.append(new_section)
        for question in section.questions:
            new_section.questions.append(_copy_question(question, new_section, field_map))
            copied += 1
        for question in new_section.questions:
            question.survey = target
        _renumber(new_section.questions)
    for language in source.languages:
        if language not in target.languages:
            target.languages = [*target.languages, language]
    db.session.commit()
    return copied


# --- respondents ---------------------------------------------------------------------------------------------

def next_pseudonym(survey: Survey, prefix: str = "I") -> str:
    """Return the next free pseudonym code like "I-07"."""
    taken = set(db.session.scalars(select(Respondent.pseudonym).where(Respondent.survey_id == survey.id)))
    number = len(taken) + 1
    while True:
        code = f"{prefix}-{number:02d}"
        if code not in taken:
            return code
        number += 1


def _check_attributes(survey: Survey, stakeholder_group_id, migration_history, district, age_band) -> None:
    if stakeholder_group_id is not None:
        group = db.session.get(StakeholderGroup, stakeholder_group_id)
        if group is None or group.project_id != survey.project_id:
            raise ValidationError(_("Diese Akteursgruppe gehört nicht zum Projekt."), "stakeholder_group_id")
    if migration_history not in MIGRATION_HISTORY_VALUES:
        raise ValidationError(_("Unbekannte Angabe zur Zuwanderungsgeschichte."), "migration_history")
    if district and survey.districts and district not in survey.districts:
        raise ValidationError(_("Unbekannter Stadtteil."), "district")
    if age_band and survey.age_bands and age_band not in survey.age_bands:
        raise ValidationError(_("Unbekannte Altersgruppe."), "age_band")


def add_respondent(survey: Survey, *, pseudonym: str = "", stakeholder_group_id: int | None = None,
                   migration_history: str = "not_stated", district: str = "", age_band: str = "",
                   channel: str = "interview", name: str = "", email: str = "", language: str = "de",
                   commit: bool = True) -> Respondent:
    """Add a respondent under a pseudonym; contact data (optional) goes to its own table."""
    pseudonym = (pseudonym or "").strip() or next_pseudonym(survey)
    if len(pseudonym) > 40:
        raise ValidationError(_("Das Kürzel ist zu lang (höchstens 40 Zeichen)."), "pseudonym")
    exists = db.session.scalar(select(func.count()).select_from(Respondent)
                               .where(Respondent.survey_id == survey.id, Respondent.pseudonym == pseudonym))
    if exists:
        raise ValidationError(_("Das Kürzel %(code)s ist in dieser Befragung schon vergeben.", code=pseudonym),
                              "pseudonym")
    _check_attributes(survey, stakeholder_group_id, migration_history, district, age_band)
    if language not in participant_tags():
        raise ValidationError(_("Unbekannte Sprache."), "language")
    respondent = Respondent(survey=survey, pseudonym=pseudonym, stakeholder_group_id=stakeholder_group_id,
                            migration_history=migration_history, district=district or "", age_band=age_band or "",
                            channel=channel, status="invited", language=language)
    if respondent.is_anonymous:
        respondent.created_at = respondent.stamp()
    db.session.add(respondent)
    if (name or "").strip() or (email or "").strip():
        respondent.contact = RespondentContact(name=(name or "").strip(), email=(email or "").strip())
    if commit:
        db.session.commit()
    return respondent


def update_respondent(respondent: Respondent, *, pseudonym: str, stakeholder_group_id: int | None,
                      migration_history: str, district: str, age_band: str) -> None:
    """Change a respondent's pseudonym and attributes."""
    pseudonym = (pseudonym or "").strip()
    if not pseudonym:
        raise ValidationError(_("Bitte geben Sie ein Kürzel an."), "pseudonym")
    clash = db.session.scalar(select(func.count()).select_from(Respondent).where(
        Respondent.survey_id == respondent.survey_id, Respondent.pseudonym == pseudonym,
        Respondent.id != respondent.id))
    if clash:
        raise ValidationError(_("Das Kürzel %(code)s ist in dieser Befragung schon vergeben.", code=pseudonym),
                              "pseudonym")
    _check_attributes(respondent.survey, stakeholder_group_id, migration_history, district, age_band)
    if migration_history != "not_stated" and respondent.channel in ("personal", "public") \
            and respondent.has_consent and not respondent.has_special_category_consent:
        raise ValidationError(_("Für die Angabe zur Zuwanderungsgeschichte fehlt die ausdrückliche Einwilligung."),
                              "migration_history")
    respondent.pseudonym = pseudonym
    respondent.stakeholder_group_id = stakeholder_group_id
    respondent.migration_history, respondent.district, respondent.age_band = migration_history, district, age_band
    db.session.commit()


def save_contact(respondent: Respondent, *, name: str, email: str) -> None:
    """Store or change a respondent's contact data (kept apart from the answers)."""
    name, email = (name or "").strip(), (email or "").strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise ValidationError(_("Bitte geben Sie eine gültige E-Mail-Adresse an."), "email")
    if not name and not email:
        delete_contact(respondent)
        return
    if respondent.contact is None:
        respondent.contact = RespondentContact(name=name, email=email)
    else:
        respondent.contact.name, respondent.contact.email = name, email
    db.session.commit()


def delete_contact(respondent: Respondent) -> None:
    """Delete a respondent's contact data only (journalled for backups); pseudonym and answers stay."""
    if respondent.contact is not None:
        record_deletion("surveys.contact", "art17", subject_id=respondent.id, project_id=respondent.survey.project_id,
                        fingerprint=respondent_fingerprint(respondent))
    db.session.execute(delete(RespondentContact).where(RespondentContact.respondent_id == respondent.id))
    db.session.expire(respondent, ["contact"])
    db.session.commit()
    delete_outbox_files(respondent.survey.project_id, respondent.id)
    erase_deleted_content()


def delete_respondent(respondent: Respondent) -> None:
    """Delete a respondent with answers, consent and contact; keep an anonymous count and a journal entry."""
    record_deletion("surveys.respondent", "art17", subject_id=respondent.id, project_id=respondent.survey.project_id,
                    fingerprint=respondent_fingerprint(respondent))
    project_id, respondent_id = respondent.survey.project_id, respondent.id
    erase_respondent(respondent)
    db.session.commit()
    delete_outbox_files(project_id, respondent_id)
    erase_deleted_content()


def erase_respondent(respondent: Respondent) -> None:
    """Remove a respondent's rows and add the anonymous count record, in the current transaction (no commit)."""
    db.session.add(RespondentDeletion(survey_id=respondent.survey_id, respondent_id=respondent.id,
                                      stakeholder_group_id=respondent.stakeholder_group_id,
                                      status=respondent.status))
    respondent_id = respondent.id
    for model in (Answer, ConsentRecord, RespondentContact):
        db.session.execute(delete(model).where(model.respondent_id == respondent_id))
    db.session.execute(delete(Respondent).where(Respondent.id == respondent_id))
    db.session.expunge(respondent)


def erase_deleted_content() -> None:
    """On SQLite, move the write-ahead log into the (zero-overwriting) database file and empty it.

    Until a checkpoint the WAL still holds the deleted rows' pages; ``PRAGMA secure_delete`` (set per
    connection in app/__init__.py) zeroes them in the database file. PostgreSQL needs no step here.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.commit()


def respondent_data(respondent: Respondent) -> dict:
    """Return everything stored about one respondent (for a data subject access request)."""
    from app.surveys.answering import display_value

    contact = respondent.contact
    return {
        "survey": {"id": respondent.survey_id, "title": respondent.survey.title},
        "pseudonym": respondent.pseudonym,
        "stakeholder_group": respondent.stakeholder_group.name if respondent.stakeholder_group else None,
        "migration_history": respondent.migration_history,
        "district": respondent.district,
        "age_band": respondent.age_band,
        "status": respondent.status,
        "channel": respondent.channel,
        "language": respondent.language,
        "created_at": respondent.created_at.isoformat() if respondent.created_at else None,
        "started_at": respondent.started_at.isoformat() if respondent.started_at else None,
        "completed_at": respondent.completed_at.isoformat() if respondent.completed_at else None,
        "contact": {"name": contact.name, "email": contact.email} if contact else None,
        "consents": [{"given_at": c.given_at.isoformat(), "text_version": c.text_version, "language": c.language,
                      "channel": c.channel, "covers_migration_history": c.covers_migration_history}
                     for c in respondent.consents],
        "answers": [{"question": a.question.text, "answer": display_value(a.question, a.value),
                     "value": a.value, "updated_at": a.updated_at.isoformat()}
                    for a in sorted(respondent.answers, key=lambda a: a.question.position)],
        "transcript": _transcript_data(respondent.transcript),
    }


def _transcript_data(transcript) -> dict | None:
    """Return a stored interview transcript as a data subject sees it (with the original wording where kept)."""
    if transcript is None:
        return None
    return {"metadata": list(transcript.metadata_lines),
            "original_metadata": transcript.original_metadata_lines,
            "turns": [{"time": t.timestamp, "speaker": t.speaker, "role": t.role, "text": t.text,
                       "original_text": t.original_text, "placement": t.placement,
                       "question": t.question.text if t.question is not None else None}
                      for t in transcript.turns]}


# --- consent and answers -------------------------------------------------------------------------------------
#
# Several requests for one answer sheet may arrive at once (a double click, a kiosk retrying, twenty tabs).
# Every write first claims the respondent's row with one UPDATE: PostgreSQL then holds a row lock and SQLite
# its write lock until the commit, so writes to one sheet run one after the other and each sees the last.
# Answers are upserted, consent is inserted once per text version, and a submit is an UPDATE that only
# succeeds while the sheet is not yet submitted, so exactly one of many parallel submits wins.


class AlreadySubmitted(ValidationError):
    """The answers were submitted already (possibly by a parallel request a moment ago): HTTP 409."""


def _insert(model):
    """Return an INSERT for the session's database that supports ``on_conflict_…`` (PostgreSQL or SQLite)."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def _claim_for_writing(respondent: Respondent, *, start: bool, allow_submitted: bool) -> None:
    """Lock the respondent's row until the commit (marking it started when asked); refuse a submitted sheet unless allowed."""
    db.session.flush()
    statement = update(Respondent).where(Respondent.id == respondent.id)
    if not allow_submitted:
        statement = statement.where(Respondent.status != "completed")
    if start:
        is_new = Respondent.status == "invited"
        statement = statement.values(status=case((is_new, "started"), else_=Respondent.status),
                                     started_at=case((is_new, respondent.stamp()), else_=Respondent.started_at))
    else:
        statement = statement.values(status=Respondent.status)
    claimed = db.session.execute(statement.execution_options(synchronize_session=False)).rowcount
    if not claimed:
        db.session.rollback()
        raise AlreadySubmitted(_("Diese Antworten wurden bereits abgeschickt."))
    db.session.expire(respondent, ["status", "started_at", "completed_at", "consents", "answers"])


def record_consent(respondent: Respondent, *, language: str, channel: str, covers_migration_history: bool = False,
                   recorded_by=None, migration_history: str | None = None) -> ConsentRecord:
    """Record consent (when, the wording shown and its version, language, channel) once per text version;
    mark the respondent started."""
    survey = respondent.survey
    covers = bool(covers_migration_history and survey.asks_migration_history)
    wording = keep_wording_shown(survey, language)
    _claim_for_writing(respondent, start=True, allow_submitted=recorded_by is not None)
    db.session.execute(_insert(ConsentRecord).values(
        respondent_id=respondent.id, given_at=respondent.stamp(), text_version=survey.consent_version,
        language=language, channel=channel, covers_migration_history=covers, consent_text_id=wording.id,
        recorded_by_id=recorded_by.id if recorded_by is not None else None,
    ).on_conflict_do_nothing(index_elements=[ConsentRecord.respondent_id, ConsentRecord.text_version]))
    respondent.language = language
    if migration_history is not None:
        respondent.migration_history = migration_history if covers and migration_history in MIGRATION_HISTORY_VALUES \
            else "not_stated"
    record = db.session.scalar(select(ConsentRecord).where(ConsentRecord.respondent_id == respondent.id,
                                                           ConsentRecord.text_version == survey.consent_version))
    db.session.commit()
    return record


def set_respondent_language(respondent: Respondent, language: str) -> None:
    """Remember the participant language a respondent chose (the language of their answers for the analysis)."""
    if language in participant_tags() and respondent.language != language:
        respondent.language = language
        db.session.commit()


def set_respondent_details(respondent: Respondent, *, migration_history: str | None = None,
                           district: str | None = None, age_band: str | None = None) -> None:
    """Store the attributes a respondent gives about themself; migration history only with its own consent."""
    survey = respondent.survey
    if migration_history is not None:
        if migration_history not in MIGRATION_HISTORY_VALUES:
            raise AnswersRefused({"migration_history": AnswerProblem("error_choice")})
        if migration_history != "not_stated" and not respondent.has_special_category_consent:
            migration_history = "not_stated"
        respondent.migration_history = migration_history
    if district is not None:
        if district and district not in survey.districts:
            raise AnswersRefused({"district": AnswerProblem("error_choice")})
        respondent.district = district
    if age_band is not None:
        if age_band and age_band not in survey.age_bands:
            raise AnswersRefused({"age_band": AnswerProblem("error_choice")})
        respondent.age_band = age_band
    db.session.commit()


def save_answers(respondent: Respondent, raw: dict, *, entered_by=None, commit: bool = True,
                 off_guide: bool = False) -> dict[int, object]:
    """Check and store a batch of answers (partial allowed); on any problem store nothing and raise AnswersRefused.

    A respondent cannot change submitted answers (AlreadySubmitted); staff entering an interview can.
    Only a transcript import (``off_guide``) fills the survey's off-guide question.
    """
    questions = {q.id: q for q in respondent.survey.questions if off_guide or not q.is_off_guide}
    values, problems = check_answers(questions, raw)
    if problems:
        raise AnswersRefused(problems)
    _claim_for_writing(respondent, start=bool(values), allow_submitted=entered_by is not None)
    stored = dict(db.session.execute(select(Answer.question_id, Answer.value)
                                     .where(Answer.respondent_id == respondent.id)).all())
    stamp = respondent.stamp()
    entered_by_id = entered_by.id if entered_by is not None else None
    for question_id, value in values.items():
        if is_empty(value):
            if question_id in stored:
                db.session.execute(delete(Answer).where(Answer.respondent_id == respondent.id,
                                                        Answer.question_id == question_id))
            continue
        if question_id in stored and stored[question_id] == value:
            continue
        upsert = _insert(Answer).values(respondent_id=respondent.id, question_id=question_id, value=value,
                                        updated_at=stamp, entered_by_id=entered_by_id)
        db.session.execute(upsert.on_conflict_do_update(
            index_elements=[Answer.respondent_id, Answer.question_id],
            set_={"value": upsert.excluded.value, "updated_at": upsert.excluded.updated_at,
                  # A respondent's own save keeps the name of the staff member who typed the answer earlier.
                  "entered_by_id": func.coalesce(upsert.excluded.entered_by_id, Answer.entered_by_id)}))
    for answer in list(respondent.__dict__.get("answers") or []):
        db.session.expire(answer)
    db.session.expire(respondent, ["answers"])
    if commit:
        project_id = respondent.survey.project_id
        db.session.commit()
        if values:
            notify_answers_changed(project_id)
    return {a.question_id: a.value for a in respondent.answers}


def _mark_submitted(respondent: Respondent) -> bool:
    """Mark the answers as submitted unless they already are; return whether this call did it (one wins)."""
    db.session.flush()
    stamp = respondent.stamp()
    done = db.session.execute(
        update(Respondent).where(Respondent.id == respondent.id, Respondent.status != "completed")
        .values(status="completed", completed_at=stamp, started_at=func.coalesce(Respondent.started_at, stamp))
        .execution_options(synchronize_session=False)).rowcount
    db.session.expire(respondent, ["status", "started_at", "completed_at"])
    return bool(done)


def submit_answers(respondent: Respondent) -> None:
    """Submit a respondent's answers; refuse when required answers are missing or they were already submitted."""
    if not _mark_submitted(respondent):
        db.session.rollback()
        raise AlreadySubmitted(_("Diese Antworten wurden bereits abgeschickt."))
    answers = dict(db.session.execute(select(Answer.question_id, Answer.value)
                                      .where(Answer.respondent_id == respondent.id)).all())
    missing = missing_required(respondent.survey.ordered_questions(), answers)
    if missing:
        db.session.rollback()
        raise AnswersRefused({q.id: AnswerProblem("error_required") for q in missing})
    project_id = respondent.survey.project_id
    db.session.commit()
    notify_answers_changed(project_id)


def complete_interview(respondent: Respondent) -> None:
    """Mark an interviewer-entered respondent as completed (required questions may stay open in interviews)."""
    _mark_submitted(respondent)
    project_id = respondent.survey.project_id
    db.session.commit()
    notify_answers_changed(project_id)


def reopen_respondent(respondent: Respondent) -> None:
    """Let staff reopen a completed interview for corrections."""
    if respondent.status == "completed":
        respondent.status = "started"
        respondent.completed_at = None
        db.session.commit()

