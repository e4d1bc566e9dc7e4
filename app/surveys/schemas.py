"""The survey API's requests and answers as pydantic models (they validate requests and write the OpenAPI document)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from app.api.schemas import DatabaseIdKey, RequestModel, ResponseModel, whole_number
from app.surveys.answering import MAX_FREE_TEXT

#: A personal link's token (the last part of /s/<token>) or one returned for a public link.
Token = Annotated[str, Field(min_length=1, max_length=200, description="Personal link token (the last part "
                                                                         "of /s/<token>) or a kiosk token.")]
#: The code of a survey's public link (the last part of /s/p/<code>).
PublicCode = Annotated[str, Field(min_length=1, max_length=64, description="Code of the survey's public link.")]

#: The longest list one answer can be (choices or ranks of one question).
MAX_CHOICES = 200
Number = whole_number()
Option = Annotated[str, Field(max_length=500)] | Number
AnswerValue = Annotated[
    Annotated[str, Field(max_length=MAX_FREE_TEXT)] | Number | Annotated[list[Option], Field(max_length=MAX_CHOICES)]
    | None,
    Field(description="Free text, an option value or label, a scale point, a list of options (multiple choice) "
                      "or an ordered list (ranking); null or \"\" clears the answer.")]


class AnswersUpdate(RequestModel):
    """Answers to save (any subset of the questions) and, before the first save, consent."""

    answers: Annotated[dict[DatabaseIdKey, AnswerValue], Field(max_length=1000)] = Field(
        default_factory=dict, description="Question id -> answer.")
    consent: bool = Field(False, description="Give consent (needed before the first save).")
    migration_consent: bool = Field(False, description="Separate consent to be asked about migration history.")


SavedValue = str | int | list[str]


class AnswerState(ResponseModel):
    """The answer sheet as saved."""

    status: Literal["invited", "started", "completed"]
    language: str
    consent: bool
    answers: dict[str, SavedValue] = Field(description="Question id -> saved answer.")


class QuestionOption(ResponseModel):
    value: str
    label: str


class Question(ResponseModel):
    id: int
    type: Literal["free_text", "single_choice", "multiple_choice", "scale", "ranking"]
    text: str
    help: str
    required: bool
    options: list[QuestionOption]
    min: int | None = Field(description="Lowest scale point (scale questions).")
    max: int | None = Field(description="Highest scale point (scale questions).")


class SurveyInfo(ResponseModel):
    title: str
    languages: list[str]
    status: Literal["draft", "scheduled", "open", "closed"]
    purpose: str
    is_anonymous: bool
    consent_text: str
    consent_text_language: str
    special_consent_text: str = Field(description="The Art. 9 consent wording (blank when not asked).")
    consent_version: int
    asks_migration_history: bool


class SurveyForRespondent(ResponseModel):
    """A survey as one respondent reads it, in their language."""

    survey: SurveyInfo
    language: str
    respondent: AnswerState
    questions: list[Question]


class PublicSheet(ResponseModel):
    """A new anonymous answer sheet opened from a public link."""

    token: str
    respondent: AnswerState
