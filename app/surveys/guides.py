"""Writes on a survey's interview guide: sections, questions, their order and copies. Owns the commit."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select, text

from app.errors import ValidationError
from app.extensions import db
from app.projects.models import FieldOfAction
from app.surveys.models import QUESTION_KINDS, Answer, Question, Section, Survey
from app.surveys.queries import question_answer_count


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
