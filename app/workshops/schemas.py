"""The workshop API's requests and answers as pydantic models (they validate requests and write the OpenAPI document)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from app.api.schemas import DatabaseId, DatabaseIdKey, RequestModel, ResponseModel, whole_number
from app.database_ids import MAX_DATABASE_ID
from app.workshops.models import RATING_MAX, RATING_MIN
from app.workshops.services import NAME_MAX, TEXT_MAX, TITLE_MAX
from app.workshops.voting import COMMENT_MAX

#: A workshop's join code as participants type it (e.g. DEMO36).
JoinCode = Annotated[str, Field(min_length=1, max_length=32, description="The workshop's join code, e.g. DEMO36.")]
ItemKind = Literal["guiding_goal", "action_goal", "measure"]
Method = Literal["dots", "rating", "ranking", "proposals"]
RoundStatus = Literal["draft", "open", "closed"]


class WorkshopJoin(RequestModel):
    """Join a workshop: a name and group to show (both optional), and the personal code where one is required."""

    name: Annotated[str, Field(max_length=NAME_MAX)] | None = Field(None, description="Name to show (optional).")
    group: Annotated[str, Field(max_length=200)] | DatabaseId | None = Field(
        None, description="Stakeholder group: its name or id (optional).")
    code: Annotated[str, Field(max_length=64)] | None = Field(
        None, description="Personal code (workshops that require one).")


class WorkshopSummary(ResponseModel):
    title: str
    join_code: str


class Joined(ResponseModel):
    """The participant token: send it as ``Authorization: Bearer <token>``."""

    token: str
    workshop: WorkshopSummary


class RoundItem(ResponseModel):
    id: int
    title: str
    description: str
    kind: ItemKind
    field_of_action: str | None
    field_of_action_id: int | None
    parent_id: int | None


class WorkshopRound(ResponseModel):
    """An open round with its items, its texts in the requested language where translated."""

    id: int
    title: str
    method: Method
    budget: int | None = Field(description="Dots to spend (dots) or places to give (ranking).")
    max_per_item: int | None
    status: RoundStatus
    hide_results_while_open: bool
    language: str
    items: list[RoundItem]


class OpenRounds(ResponseModel):
    rounds: list[WorkshopRound]


Dots = whole_number(ge=0, le=MAX_DATABASE_ID)
Rating = whole_number(ge=RATING_MIN, le=RATING_MAX)


class WorkshopBallot(RequestModel):
    """A ballot: dots, ratings or a ranking, by the round's method (the round's budget and limits apply: 409)."""

    dots: dict[DatabaseIdKey, Dots] | None = Field(None, description="Item id -> dots (dots rounds).")
    ratings: dict[DatabaseIdKey, Rating] | None = Field(None, description="Item id -> rating (rating rounds).")
    ranking: Annotated[list[DatabaseId], Field(max_length=1000)] | None = Field(
        None, description="Item ids, best first (ranking rounds).")
    comment: Annotated[str, Field(max_length=COMMENT_MAX)] | None = None


class StoredBallot(ResponseModel):
    """The ballot as stored: ``dots`` and ``remaining``, ``ratings`` or ``ranking`` by the round's method."""

    round_id: int
    method: Method
    comment: str
    dots: dict[str, int] | None = None
    remaining: int | None = None
    ratings: dict[str, int] | None = None
    ranking: list[int] | None = None


class ProposalIn(RequestModel):
    """A participant's proposal of a goal or measure, for moderation."""

    kind: ItemKind
    title: Annotated[str, Field(min_length=1, max_length=TITLE_MAX, pattern=r"\S")]
    description: Annotated[str, Field(max_length=TEXT_MAX)] | None = None
    field_of_action_id: DatabaseId | None = None


class ProposalRecorded(ResponseModel):
    id: int
    status: Literal["pending", "accepted", "rejected"]


class ResultItem(ResponseModel):
    id: int
    title: str
    kind: ItemKind
    field_of_action_id: int | None
    total: int = Field(description="Dots, sum of ratings or rank points.")
    votes: int
    mean: float | None


class RoundResults(ResponseModel):
    """A round's results, best first; while hidden, only the number of participants."""

    round_id: int
    method: Method
    status: RoundStatus
    participants: int
    is_hidden: bool
    items: list[ResultItem]
