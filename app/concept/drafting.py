"""Compose draft texts from the evidence: strengths from analysis themes, goals from workshop votes.

Pure functions: evidence records in, (markup text, sources) out. Each source names the block
(paragraph) it stands behind, so the editor can show where a sentence came from.
"""
from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from app.concept.markup import escape_inline

#: Quotes per theme in a drafted text ("a few", not all).
QUOTES_PER_THEME = 2
#: A group whose share of a theme is this many times its overall share stands out.
NOTABLE_LIFT = 1.5


@dataclass(frozen=True)
class GoalCandidate:
    """A goal to list in a drafted goals text, with the votes that order it."""

    kind: str
    title: str
    source_kind: str
    source_id: int
    dots: int = 0
    mean_rating: float | None = None
    voters: int = 0
    parent_key: object = None
    key: object = None


def _number(value, digits: int = 0) -> str:
    pattern = "#,##0" if digits == 0 else "#,##0." + "0" * digits
    return format_decimal(value, pattern, locale="de_DE")


def quote_line(text: str, pseudonym: str | None, group: str | None, cited_as: str = "") -> str:
    """Return a quote block in German typography: „…“ (Pseudonym, Gruppe), or „…“ (Interview I-12, 00:04:09, Gruppe)."""
    who = ", ".join(part for part in (cited_as or pseudonym, group) if part)
    return f"> „{escape_inline(text)}“" + (f" ({escape_inline(who)})" if who else "")


def draft_strengths(field_name: str, themes: list) -> tuple[str, list[dict]]:
    """Draft "Stärken und Entwicklungspotentiale" from the themes of a field of action."""
    blocks: list[str] = []
    sources: list[dict] = []

    def add(text: str, theme=None):
        if theme is not None:
            sources.append({"paragraph": len(blocks), "kind": "theme", "id": theme.id, "label": theme.label})
        blocks.append(text)

    if not themes:
        add(f"Für das Handlungsfeld „{escape_inline(field_name)}“ liegen noch keine Themen aus der Auswertung "
            "der Befragung vor.")
        return "\n\n".join(blocks), sources
    passages = sum(theme.size for theme in themes)
    add(f"In der Befragung wurden zum Handlungsfeld „{escape_inline(field_name)}“ {_number(passages)} Aussagen "
        f"gemacht, die sich zu {_number(len(themes))} Themen bündeln lassen. Die folgenden Abschnitte fassen "
        "zusammen, was bereits gut gelingt und wo Entwicklungspotential gesehen wird.")
    for theme in themes:
        summary = (f"**{escape_inline(theme.label)}** ({_number(theme.size)} Aussagen von "
                   f"{_number(theme.respondent_count)} Befragten)")
        definition = escape_inline(getattr(theme, "definition", "") or "")
        add(summary + (f": {definition}" if definition else "."), theme)
        for quote in list(theme.quotes)[:QUOTES_PER_THEME]:
            add(quote_line(quote.text, quote.pseudonym, quote.stakeholder_group, getattr(quote, "cited_as", "")),
                theme)
        notable = [share for share in theme.groups
                   if not share.is_suppressed and share.lift is not None and share.lift >= NOTABLE_LIFT]
        if notable:
            names = ", ".join(f"{escape_inline(share.name)} ({_number(share.share * 100)} % der Befragten dieser Gruppe)"
                              for share in sorted(notable, key=lambda s: -s.lift))
            add(f"Überdurchschnittlich oft angesprochen von: {names}.", theme)
        if any(share.is_suppressed for share in theme.groups):
            add("Gruppen mit zu wenigen Befragten werden zum Schutz der Befragten nicht einzeln ausgewiesen.",
                theme)
    return "\n\n".join(blocks), sources


def _vote_text(candidate: GoalCandidate) -> str:
    parts = []
    if candidate.dots:
        parts.append(f"{_number(candidate.dots)} Punkte")
    if candidate.mean_rating is not None:
        parts.append(f"Ø Bewertung {_number(candidate.mean_rating, 1)}")
    if candidate.voters:
        parts.append(f"{_number(candidate.voters)} Abstimmende")
    return f" ({', '.join(parts)})" if parts else ""


def order_by_votes(candidates: list[GoalCandidate]) -> list[GoalCandidate]:
    """Order candidates by dots, then mean rating, then title."""
    return sorted(candidates, key=lambda c: (-(c.dots or 0), -(c.mean_rating or 0), c.title.lower()))


def draft_goals(field_name: str, candidates: list[GoalCandidate]) -> tuple[str, list[dict]]:
    """Draft "Leitziele und Handlungsziele" with the goals ordered by workshop votes."""
    blocks: list[str] = []
    sources: list[dict] = []

    def add(text: str, candidate: GoalCandidate | None = None):
        if candidate is not None:
            sources.append({"paragraph": len(blocks), "kind": candidate.source_kind, "id": candidate.source_id,
                            "label": candidate.title})
        blocks.append(text)

    guiding = order_by_votes([c for c in candidates if c.kind == "guiding_goal"])
    actions = order_by_votes([c for c in candidates if c.kind == "action_goal"])
    if not guiding and not actions:
        add(f"Für das Handlungsfeld „{escape_inline(field_name)}“ wurden noch keine Ziele formuliert oder "
            "in Workshops abgestimmt.")
        return "\n\n".join(blocks), sources
    add(f"Die Ziele im Handlungsfeld „{escape_inline(field_name)}“ sind nach der Gewichtung in den Workshops "
        "geordnet: zuerst, was die Teilnehmenden am höchsten bewertet haben.")
    placed: set = set()
    for index, goal in enumerate(guiding, start=1):
        add(f"**Leitziel {index}:** {escape_inline(goal.title)}{_vote_text(goal)}", goal)
        children = [a for a in actions if a.parent_key is not None and a.parent_key == goal.key]
        for sub, action in enumerate(children, start=1):
            add(f"- Handlungsziel {index}.{sub}: {escape_inline(action.title)}{_vote_text(action)}", action)
            placed.add(action.key)
    loose = [a for a in actions if a.key not in placed]
    if loose:
        add("**Weitere Handlungsziele**")
        for action in loose:
            add(f"- {escape_inline(action.title)}{_vote_text(action)}", action)
    return _join_lists(blocks), sources


def _join_lists(blocks: list[str]) -> str:
    """Join blocks with blank lines; each list item stays its own block (a one-item list)."""
    return "\n\n".join(blocks)
