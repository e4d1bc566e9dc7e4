"""Check and normalise answers per question kind; errors are problem codes with values and a message.

One set of rules serves the respondent pages, interviewer entry, the JSON API and file imports.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.languages.catalog import _p, _pn
from app.surveys.models import Question

#: Longest free-text answer accepted (a long interview transcript fits comfortably).
MAX_FREE_TEXT = 50_000


@dataclass(frozen=True)
class AnswerProblem:
    """Why a value was refused: a stable code (``error_required`` …) and the values its message needs."""

    key: str
    values: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        """Return the problem in the request's language (participant catalog)."""
        return problem_message(self.key, self.values)


def problem_message(key: str, values: dict | None = None) -> str:
    """Return the participant message for a problem code."""
    values = values or {}
    if key == "error_scale":
        return _p("Bitte wählen Sie einen Wert von %(min)s bis %(max)s.", min=values["min"], max=values["max"])
    if key == "error_too_long":
        return _pn("Die Antwort ist zu lang (höchstens %(num)s Zeichen).",
                   "Die Antwort ist zu lang (höchstens %(num)s Zeichen).", values["max"])
    if key == "error_required":
        return _p("Bitte beantworten Sie diese Frage.")
    if key == "error_choice":
        return _p("Bitte wählen Sie eine der angebotenen Antworten.")
    if key == "error_ranking":
        return _p("Bitte vergeben Sie jeden Rang nur einmal.")
    if key == "error_unknown_question":
        return _p("Diese Frage gehört nicht zur Befragung.")
    if key == "error_consent":
        return _p("Bitte stimmen Sie zuerst der Teilnahme zu.")
    if key == "consent_required":
        return _p("Bitte stimmen Sie der Teilnahme zu, um fortzufahren.")
    return _p("Diese Antwort hat nicht das erwartete Format.")


class AnswerRefused(Exception):
    """Raised by normalise_answer for a value the question cannot take."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.problem = AnswerProblem(key, values)


def is_empty(value) -> bool:
    """Return whether a normalised value means "no answer"."""
    return value is None or value == "" or value == []


def _as_int(value) -> int:
    if isinstance(value, bool):
        raise AnswerRefused("error_type")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise AnswerRefused("error_type")


def _match_option(question: Question, value) -> str:
    """Return the option value for a value or (German/translated) label, or refuse."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise AnswerRefused("error_type")
    value = value.strip()
    values = question.option_values
    if value in values:
        return value
    lowered = value.casefold()
    for option in question.options:
        if str(option["label"]).casefold() == lowered:
            return str(option["value"])
    for labels in ((t or {}).get("options") or {} for t in question.translations.values()):
        for option_value, label in labels.items():
            if str(label).casefold() == lowered and option_value in values:
                return option_value
    raise AnswerRefused("error_choice")


def normalise_answer(question: Question, value):
    """Return the stored form of an answer (None for "no answer") or raise AnswerRefused."""
    kind = question.kind
    if value is None:
        return None
    if kind == "free_text":
        if not isinstance(value, str):
            raise AnswerRefused("error_type")
        text = value.replace("\r\n", "\n").strip()
        if len(text) > MAX_FREE_TEXT:
            raise AnswerRefused("error_too_long", max=MAX_FREE_TEXT)
        return text or None
    if kind == "single_choice":
        if value == "":
            return None
        return _match_option(question, value)
    if kind == "multiple_choice":
        if isinstance(value, str):
            value = [v for v in (p.strip() for p in value.split(";")) if v] if value.strip() else []
        if not isinstance(value, list):
            raise AnswerRefused("error_type")
        chosen = [_match_option(question, v) for v in value]
        ordered = [v for v in question.option_values if v in set(chosen)]
        return ordered or None
    if kind == "scale":
        if value == "":
            return None
        number = _as_int(value)
        if not question.scale_min <= number <= question.scale_max:
            raise AnswerRefused("error_scale", min=question.scale_min, max=question.scale_max)
        return number
    if kind == "ranking":
        if isinstance(value, str):
            separator = ">" if ">" in value else ";"
            value = [v for v in (p.strip() for p in value.split(separator)) if v] if value.strip() else []
        if not isinstance(value, list):
            raise AnswerRefused("error_type")
        ranked = [_match_option(question, v) for v in value]
        if len(set(ranked)) != len(ranked):
            raise AnswerRefused("error_ranking")
        return ranked or None
    raise AnswerRefused("error_type")


def check_answers(questions: dict[int, Question], raw: dict) -> tuple[dict[int, object], dict[int, AnswerProblem]]:
    """Normalise a batch of raw answers {question_id: value}; return (values, problems)."""
    values: dict[int, object] = {}
    problems: dict[int, AnswerProblem] = {}
    for key, value in raw.items():
        try:
            question_id = int(key)
        except (TypeError, ValueError):
            question_id = None
        question = questions.get(question_id) if question_id is not None else None
        if question is None:
            problems[key] = AnswerProblem("error_unknown_question")
            continue
        try:
            values[question_id] = normalise_answer(question, value)
        except AnswerRefused as refusal:
            problems[question_id] = refusal.problem
    return values, problems


def missing_required(questions: list[Question], answers: dict[int, object]) -> list[Question]:
    """Return the required questions without an answer."""
    return [q for q in questions if q.is_required and is_empty(answers.get(q.id))]


def ranking_from_form(question: Question, ranks: dict[str, str]):
    """Turn per-option rank selections from a form ({option_value: "1"}) into an ordered list."""
    chosen = []
    for option_value, rank in ranks.items():
        if rank in ("", None):
            continue
        try:
            chosen.append((int(rank), option_value))
        except ValueError as error:
            raise AnswerRefused("error_type") from error
    numbers = [r for r, _ in chosen]
    if len(set(numbers)) != len(numbers):
        raise AnswerRefused("error_ranking")
    return [value for _, value in sorted(chosen)]


def display_value(question: Question, value, language: str = "de") -> str:
    """Return an answer as readable text in a language (labels for options)."""
    if is_empty(value):
        return ""
    labels = {o["value"]: o["label"] for o in question.options_in(language)}
    if question.kind == "single_choice":
        return labels.get(str(value), str(value))
    if question.kind == "multiple_choice":
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    if question.kind == "ranking":
        return " > ".join(labels.get(str(v), str(v)) for v in value)
    return str(value)


def answers_from_form(questions: list[Question], form) -> tuple[dict[int, object], dict[int, AnswerProblem]]:
    """Read the answer inputs of a page (``q-<id>``; ranks ``q-<id>-rank-<value>``) into raw values."""
    raw: dict[int, object] = {}
    problems: dict[int, AnswerProblem] = {}
    for question in questions:
        name = f"q-{question.id}"
        if question.kind == "multiple_choice":
            raw[question.id] = form.getlist(name)
        elif question.kind == "ranking":
            ranks = {value: form.get(f"{name}-rank-{value}", "") for value in question.option_values}
            try:
                raw[question.id] = ranking_from_form(question, ranks)
            except AnswerRefused as refusal:
                problems[question.id] = refusal.problem
        else:
            raw[question.id] = form.get(name, "")
    return raw, problems
