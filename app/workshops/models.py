"""Workshops with live voting: items to vote on, voting rounds, participants, ballots and proposals.

State rules live here (``round.open()``/``round.close()`` refuse when they must);
services own the commit.
"""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

import app.analysis.models  # noqa: F401 - the analysis_themes table goal candidates refer to
from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.languages.content import Localized, translated

WORKSHOP_KINDS = ("expert", "decision_maker", "other")
WORKSHOP_STATUSES = ("planned", "running", "done")
ITEM_KINDS = ("guiding_goal", "action_goal", "measure")
ROUND_METHODS = ("dots", "rating", "ranking", "proposals")
ROUND_STATUSES = ("draft", "open", "closed")
PROPOSAL_STATUSES = ("pending", "accepted", "rejected")

#: Bounds of the approval scale (1 = do not agree at all, 5 = fully agree).
RATING_MIN, RATING_MAX = 1, 5


class Workshop(db.Model):
    """An expert, decision-maker or other workshop of a project, joined by participants with a short code."""

    __tablename__ = "workshops"
    __table_args__ = (
        CheckConstraint("kind IN ('expert', 'decision_maker', 'other')", name="kind_known"),
        CheckConstraint("status IN ('planned', 'running', 'done')", name="status_known"),
        CheckConstraint("attendance IS NULL OR attendance >= 0", name="attendance_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    #: One of WORKSHOP_KINDS.
    kind: Mapped[str] = mapped_column(String(20), default="other")
    date: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(300), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    #: Short code participants type or scan to join (no look-alike characters).
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    #: One of WORKSHOP_STATUSES.
    status: Mapped[str] = mapped_column(String(20), default="planned")
    #: Only people with a personal code (one per invited person) may join.
    requires_personal_code: Mapped[bool] = mapped_column(default=False)
    #: People present as counted by the facilitator; None means "count the joined participants".
    attendance: Mapped[int | None]
    #: What participants should know before voting, shown on their phones.
    instructions: Mapped[str] = mapped_column(Text, default="")
    #: Languages the join instructions are shown in on the projector and the printed cards (tags, German first).
    languages: Mapped[list] = mapped_column(JSON, default=lambda: ["de"])
    #: {tag: {"title", "instructions"}} for languages other than German.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project = relationship("Project")
    items: Mapped[list[WorkshopItem]] = relationship(
        back_populates="workshop", order_by="(WorkshopItem.position, WorkshopItem.id)",
        cascade="all, delete-orphan", passive_deletes=True)
    rounds: Mapped[list[VotingRound]] = relationship(
        back_populates="workshop", order_by="(VotingRound.position, VotingRound.id)",
        cascade="all, delete-orphan", passive_deletes=True)
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def open_rounds(self) -> list[VotingRound]:
        """Return the rounds that take votes now."""
        return [r for r in self.rounds if r.status == "open"]

    def title_in(self, language: str) -> Localized:
        """Return the title in a language, falling back to German."""
        return translated(self.translations, language, "title", self.title)

    def instructions_in(self, language: str) -> Localized:
        """Return the participant instructions in a language, falling back to German."""
        return translated(self.translations, language, "instructions", self.instructions)


class WorkshopItem(db.Model):
    """A guiding goal, action goal (under a guiding goal) or measure idea put to the vote."""

    __tablename__ = "workshop_items"
    __table_args__ = (
        CheckConstraint("kind IN ('guiding_goal', 'action_goal', 'measure')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    field_of_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("fields_of_action.id", ondelete="SET NULL"), index=True)
    #: One of ITEM_KINDS.
    kind: Mapped[str] = mapped_column(String(20))
    #: The guiding goal an action goal belongs to.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("workshop_items.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: The analysis theme this goal candidate came from.
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("analysis_themes.id", ondelete="SET NULL"), index=True)
    #: Provenance: "theme:5", "concept_goal:12", "concept_measure:3", "proposal:7"; None when typed in.
    source: Mapped[str | None] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(default=0)
    #: {tag: {"title", "description"}} for languages other than German.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    workshop: Mapped[Workshop] = relationship(back_populates="items")
    field_of_action = relationship("FieldOfAction", lazy="joined")
    parent: Mapped[WorkshopItem | None] = relationship(remote_side="WorkshopItem.id")

    def title_in(self, language: str) -> Localized:
        """Return the title in a language, falling back to German."""
        return translated(self.translations, language, "title", self.title)

    def description_in(self, language: str) -> Localized:
        """Return the description in a language, falling back to German."""
        return translated(self.translations, language, "description", self.description)

    @property
    def is_accepted_proposal(self) -> bool:
        """Return whether the item came from a participant's accepted proposal."""
        return bool(self.source and self.source.startswith("proposal:"))


class RoundItem(db.Model):
    """An item on the ballot of a voting round, in its order."""

    __tablename__ = "workshop_round_items"
    __table_args__ = (UniqueConstraint("round_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("workshop_rounds.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("workshop_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    item: Mapped[WorkshopItem] = relationship(lazy="joined")


class VotingRound(db.Model):
    """A round of voting: dot voting, approval rating, ranking of a short list, or open proposals."""

    __tablename__ = "workshop_rounds"
    __table_args__ = (
        CheckConstraint("method IN ('dots', 'rating', 'ranking', 'proposals')", name="method_known"),
        CheckConstraint("status IN ('draft', 'open', 'closed')", name="status_known"),
        CheckConstraint("budget IS NULL OR budget > 0", name="budget_positive"),
        CheckConstraint("max_per_item IS NULL OR max_per_item > 0", name="max_per_item_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    #: One of ROUND_METHODS.
    method: Mapped[str] = mapped_column(String(20))
    #: Dots per participant (dot voting) or places to fill (ranking).
    budget: Mapped[int | None]
    #: Most dots one participant may give a single item (dot voting).
    max_per_item: Mapped[int | None]
    #: One of ROUND_STATUSES.
    status: Mapped[str] = mapped_column(String(20), default="draft")
    #: Keep the results off the projector and the public API while the round is open (against bandwagon effects).
    hide_results_while_open: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    #: {tag: {"title"}} for languages other than German.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Rises whenever what participants see of the round changes (app/workshops/snapshots.py); keys its snapshots.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: Rises with ``version`` and with every proposal: keys the results snapshot (with its age, for ballots).
    results_version: Mapped[int] = mapped_column(default=1, server_default="1")

    workshop: Mapped[Workshop] = relationship(back_populates="rounds")
    round_items: Mapped[list[RoundItem]] = relationship(
        order_by="(RoundItem.position, RoundItem.id)", cascade="all, delete-orphan", passive_deletes=True,
        lazy="selectin")
    ballots: Mapped[list[Ballot]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True)
    proposals: Mapped[list[Proposal]] = relationship(
        back_populates="round", order_by="Proposal.id", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def items(self) -> list[WorkshopItem]:
        """Return the items on this round's ballot in order."""
        return [ri.item for ri in self.round_items]

    @property
    def item_ids(self) -> frozenset[int]:
        """Return the ids of the items on this round's ballot (what a ballot may name)."""
        return frozenset(ri.item_id for ri in self.round_items)

    def title_in(self, language: str) -> Localized:
        """Return the title in a language, falling back to German."""
        return translated(self.translations, language, "title", self.title)

    @property
    def is_open(self) -> bool:
        """Return whether the round takes votes now."""
        return self.status == "open"

    @property
    def shows_results_now(self) -> bool:
        """Return whether results may be shown to the room and the public API."""
        return not (self.status == "open" and self.hide_results_while_open) and self.status != "draft"

    def open(self) -> None:
        """Start taking votes; refuse for a closed round or a voting round without items."""
        if self.status == "open":
            return
        if self.status == "closed":
            raise ValidationError(_l("Eine geschlossene Runde kann nicht wieder geöffnet werden."))
        if self.method != "proposals" and not self.round_items:
            raise ValidationError(_l("Die Runde hat noch keine Einträge zum Abstimmen."))
        self.status = "open"
        self.opened_at = utcnow()

    def close(self) -> None:
        """Stop taking votes; refuse for a round that was never opened."""
        if self.status == "closed":
            return
        if self.status != "open":
            raise ValidationError(_l("Die Runde wurde noch nicht geöffnet."))
        self.status = "closed"
        self.closed_at = utcnow()


class PersonalCode(db.Model):
    """A personal voting code for one invited person (decision-maker workshops); only its hash is stored."""

    __tablename__ = "workshop_personal_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Who the code was printed for (optional, e.g. "Integrationsrat 3").
    label: Mapped[str] = mapped_column(String(200), default="")
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Participant(db.Model):
    """A person who joined a workshop on a phone; identified by a token whose hash is stored."""

    __tablename__ = "workshop_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_groups.id", ondelete="SET NULL"), index=True)
    #: The personal code used to join (each code admits one person).
    personal_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_personal_codes.id", ondelete="SET NULL"), unique=True)
    #: Participant language tag the person chose (set when they join or choose another).
    language: Mapped[str] = mapped_column(String(16), default="de")
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Touched on every ballot; the update also serialises one participant's concurrent submissions.
    last_active_at: Mapped[datetime] = mapped_column(default=utcnow)

    workshop: Mapped[Workshop] = relationship(back_populates="participants")
    stakeholder_group = relationship("StakeholderGroup")


class Ballot(db.Model):
    """One participant's ballot in one round; replaced as a whole until the round closes."""

    __tablename__ = "workshop_ballots"
    __table_args__ = (UniqueConstraint("round_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("workshop_rounds.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_participants.id", ondelete="CASCADE"), index=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[VotingRound] = relationship(back_populates="ballots")
    participant: Mapped[Participant] = relationship()
    entries: Mapped[list[BallotEntry]] = relationship(
        back_populates="ballot", cascade="all, delete-orphan", passive_deletes=True)


class BallotEntry(db.Model):
    """A ballot's value for one item: dots given, rating 1–5, or rank (1 = first)."""

    __tablename__ = "workshop_ballot_entries"
    __table_args__ = (
        UniqueConstraint("ballot_id", "item_id"),
        CheckConstraint("value > 0", name="value_positive"),
        Index("ix_workshop_ballot_entries_item_value", "item_id", "value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("workshop_ballots.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("workshop_items.id", ondelete="CASCADE"))
    value: Mapped[int]

    ballot: Mapped[Ballot] = relationship(back_populates="entries")


class Proposal(db.Model):
    """A goal or measure a participant proposed in an open-proposals round, moderated before it is shown."""

    __tablename__ = "workshop_proposals"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="status_known"),
        CheckConstraint("kind IN ('guiding_goal', 'action_goal', 'measure')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("workshop_rounds.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_participants.id", ondelete="SET NULL"), index=True)
    #: One of ITEM_KINDS.
    kind: Mapped[str] = mapped_column(String(20))
    field_of_action_id: Mapped[int | None] = mapped_column(ForeignKey("fields_of_action.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: One of PROPOSAL_STATUSES.
    status: Mapped[str] = mapped_column(String(20), default="pending")
    #: The item created when the facilitator accepted the proposal.
    item_id: Mapped[int | None] = mapped_column(ForeignKey("workshop_items.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    moderated_at: Mapped[datetime | None]

    round: Mapped[VotingRound] = relationship(back_populates="proposals")
    participant: Mapped[Participant | None] = relationship()
    field_of_action = relationship("FieldOfAction")
    item: Mapped[WorkshopItem | None] = relationship()
