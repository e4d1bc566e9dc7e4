"""Reads on analyses, including the contract other capabilities use: theme summaries.

``themes_for_project`` and ``get_theme_summary`` feed workshops (goal candidates)
and the concept (strengths, potentials, quotes). Figures per group are suppressed
below the analysis's minimum cell size, and quotes carry pseudonyms only.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.analysis.comparison import Comparison, compare_groups
from app.analysis.models import (AnalysedAnswer, Analysis, Code, CodeSuggestion, Coding, Passage, Theme,
                                 ThemeAssignment)
from app.extensions import db

#: Most quotes a theme summary carries.
MAX_QUOTES = 5


@dataclass(frozen=True)
class Quote:
    """A pseudonymised passage that shows what a theme is about."""

    passage_id: int
    text: str
    pseudonym: str
    stakeholder_group: str | None
    #: Where it was said when it comes from a stored interview transcript ("Interview I-12, 00:04:09").
    cited_as: str = ""
    #: The answer's language (ISO 639-1; "" when not known), shown beside the quote.
    language: str = ""


@dataclass(frozen=True)
class GroupShare:
    """How many respondents of one stakeholder group raised a theme; all None when suppressed."""

    name: str
    count: int | None
    share: float | None
    lift: float | None
    is_suppressed: bool


@dataclass(frozen=True)
class ThemeSummary:
    """A theme as other capabilities see it: label, definition, size, quotes and group shares."""

    id: int
    label: str
    definition: str
    field_of_action_id: int | None
    #: Number of passages in the theme.
    size: int
    respondent_count: int
    quotes: list[Quote] = field(hash=False)
    groups: list[GroupShare] = field(hash=False)


@dataclass
class PassageRow:
    """A passage with its answer's pseudonymous context and its effective theme."""

    passage_id: int
    analysis_id: int
    answer_row_id: int
    answer_id: int
    start: int
    end: int
    text: str
    respondent_id: int
    pseudonym: str
    stakeholder_group: str | None
    attributes: dict
    question_text: str
    field_of_action_id: int | None
    language: str = ""  #: the answer's language (ISO 639-1; "" when not known)
    theme_id: int | None = None
    is_outlier: bool = False
    is_human: bool = False
    score: float | None = None


def passage_rows(analysis_ids: list[int]) -> list[PassageRow]:
    """Return every passage of the analyses with its effective theme (human decisions win)."""
    if not analysis_ids:
        return []
    rows: dict[int, PassageRow] = {}
    stmt = (select(Passage.id, Passage.analysis_id, Passage.analysed_answer_id, AnalysedAnswer.answer_id,
                   Passage.start, Passage.end, Passage.text, AnalysedAnswer.respondent_id, AnalysedAnswer.pseudonym,
                   AnalysedAnswer.stakeholder_group, AnalysedAnswer.attributes, AnalysedAnswer.question_text,
                   AnalysedAnswer.field_of_action_id, AnalysedAnswer.language)
            .join(AnalysedAnswer, Passage.analysed_answer_id == AnalysedAnswer.id)
            .where(Passage.analysis_id.in_(analysis_ids))
            .order_by(AnalysedAnswer.id, Passage.start))
    for values in db.session.execute(stmt):
        rows[values[0]] = PassageRow(*values[:10], dict(values[10] or {}), *values[11:])
    assignments = db.session.execute(
        select(ThemeAssignment.passage_id, ThemeAssignment.source, ThemeAssignment.theme_id,
               ThemeAssignment.is_outlier, ThemeAssignment.score)
        .join(Passage, ThemeAssignment.passage_id == Passage.id)
        .where(Passage.analysis_id.in_(analysis_ids)))
    chosen: dict[int, tuple] = {}
    for passage_id, source, theme_id, is_outlier, score in assignments:
        if source == "human" or passage_id not in chosen:
            chosen[passage_id] = (source, theme_id, is_outlier, score)
    for passage_id, (source, theme_id, is_outlier, score) in chosen.items():
        row = rows[passage_id]
        row.theme_id = None if is_outlier else theme_id
        row.is_outlier, row.is_human, row.score = is_outlier, source == "human", score
    return list(rows.values())


def _summaries(themes: list[Theme]) -> list[ThemeSummary]:
    by_analysis: dict[int, list[Theme]] = defaultdict(list)
    for theme in themes:
        by_analysis[theme.analysis_id].append(theme)
    result = []
    for analysis_id, own_themes in by_analysis.items():
        analysis = db.session.get(Analysis, analysis_id)
        rows = passage_rows([analysis_id])
        comparison = stakeholder_comparison(analysis, rows)
        cells_by_theme = {row.key: row.cells for row in comparison.rows}
        members: dict[int, list[PassageRow]] = defaultdict(list)
        for row in rows:
            if row.theme_id is not None:
                members[row.theme_id].append(row)
        for theme in own_themes:
            passages = members.get(theme.id, [])
            if not passages:
                continue
            groups = [GroupShare(cell.group, cell.count, cell.share, cell.lift, cell.is_suppressed)
                      for cell in cells_by_theme.get(theme.id, [])]
            result.append(ThemeSummary(theme.id, theme.label, theme.definition, theme.field_of_action_id,
                                       len(passages), len({p.respondent_id for p in passages}),
                                       representative_quotes(passages), groups))
    return result


#: Weight of representativeness against difference when quotes are picked (maximal marginal relevance).
QUOTE_RELEVANCE_WEIGHT = 0.6
#: Passages whose character n-gram vectors are this alike (cosine) say the same thing: one of them is enough.
QUOTE_SAME_STATEMENT = 0.5


def _quote_vectors(texts: list[str]):
    """Return L2-normalised character n-gram tf-idf rows: robust to inflection and spelling, any language."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                               lowercase=True).fit_transform(texts)
    except ValueError:  # nothing but blanks and punctuation
        return None


def representative_quotes(passages: list[PassageRow], limit: int = MAX_QUOTES) -> list[Quote]:
    """Return quotes that stand for the theme and differ from each other, never two from one respondent.

    Maximal marginal relevance: each next quote maximises ``w * relevance - (1 - w) * likeness`` to the
    quotes already picked. Relevance is the machine's closeness to the theme (or, without it, closeness to
    the theme's average wording); a passage that says what a picked quote says is never taken.
    """
    import numpy as np

    candidates = [p for p in passages if p.text.strip()]
    if not candidates or limit <= 0:
        return []
    candidates.sort(key=lambda p: p.passage_id)
    matrix = _quote_vectors([" ".join(p.text.split()) for p in candidates])
    if matrix is None:
        vectors = np.eye(len(candidates))
    else:
        vectors = matrix.toarray()
    centre = vectors.mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    closeness = vectors @ centre
    relevance = np.array([p.score if p.score is not None else float(closeness[i])
                          for i, p in enumerate(candidates)])
    likeness = np.zeros(len(candidates))
    chosen: list[int] = []
    respondents: set[int] = set()
    while len(chosen) < limit:
        best, best_value = None, -np.inf
        for index, passage in enumerate(candidates):
            if passage.respondent_id in respondents or likeness[index] >= QUOTE_SAME_STATEMENT:
                continue
            value = QUOTE_RELEVANCE_WEIGHT * relevance[index] - (1 - QUOTE_RELEVANCE_WEIGHT) * likeness[index]
            if value > best_value:
                best, best_value = index, value
        if best is None:
            break
        chosen.append(best)
        respondents.add(candidates[best].respondent_id)
        likeness = np.maximum(likeness, vectors @ vectors[best])
    return [Quote(candidates[i].passage_id, candidates[i].text, candidates[i].pseudonym,
                  candidates[i].stakeholder_group, _citation(candidates[i]), candidates[i].language)
            for i in chosen]


def _citation(passage: PassageRow) -> str:
    """Where a quote was said in its interview transcript ("Interview I-12, 00:04:09"); "" without one.

    Looking that up needs the database, so plain selections outside the app (the NLP benchmarks) get ""."""
    from flask import has_app_context

    if not has_app_context():
        return ""
    from app.surveys.queries import cite_passage

    return cite_passage(passage.answer_id, passage.start, passage.end) or ""


def themes_for_project(project_id: int, *, field_of_action_id: int | None = None) -> list[ThemeSummary]:
    """Return the non-empty themes of a project's analyses, optionally of one field of action."""
    stmt = select(Theme).join(Analysis, Theme.analysis_id == Analysis.id).where(Analysis.project_id == project_id)
    if field_of_action_id is not None:
        stmt = stmt.where(Theme.field_of_action_id == field_of_action_id)
    themes = list(db.session.scalars(stmt.order_by(Theme.analysis_id, Theme.position, Theme.id)))
    return sorted(_summaries(themes), key=lambda s: (s.field_of_action_id is None, s.field_of_action_id or 0,
                                                      -s.size, s.id))


def get_theme_summary(theme_id: int) -> ThemeSummary | None:
    """Return one theme's summary, or None when it does not exist or holds no passage."""
    return theme_summaries([theme_id]).get(theme_id)


def theme_summaries(theme_ids: list[int]) -> dict[int, ThemeSummary]:
    """Return {theme_id: summary} for the existing, non-empty themes among ``theme_ids`` (each analysis read once)."""
    if not theme_ids:
        return {}
    themes = list(db.session.scalars(select(Theme).where(Theme.id.in_(set(theme_ids)))))
    return {summary.id: summary for summary in _summaries(themes)}


# Comparisons ------------------------------------------------------------------------------------

#: The attribute keys a comparison can use besides the stakeholder group.
GROUP_ATTRIBUTE = "stakeholder_group"


def comparison_attributes(rows: list[PassageRow]) -> list[str]:
    """Return the respondent attributes present in an analysis (stakeholder group first)."""
    keys = {k for row in rows for k, v in row.attributes.items() if v}
    preferred = [k for k in ("migration_history", "district", "age_band") if k in keys]
    return [GROUP_ATTRIBUTE] + preferred + sorted(keys - set(preferred))


def compare_themes(analysis: Analysis, attribute: str, rows: list[PassageRow] | None = None) -> Comparison:
    """Return the theme × group table of an analysis for a respondent attribute."""
    rows = passage_rows([analysis.id]) if rows is None else rows
    membership: dict[int, str | None] = {}
    for row in rows:
        value = row.stakeholder_group if attribute == GROUP_ATTRIBUTE else row.attributes.get(attribute)
        membership[row.respondent_id] = value
    mentions: dict[int, set] = {theme.id: set() for theme in analysis.themes}
    for row in rows:
        if row.theme_id in mentions:
            mentions[row.theme_id].add(row.respondent_id)
    mentions = {k: v for k, v in mentions.items() if v}
    labels = {theme.id: theme.label for theme in analysis.themes}
    order = None
    if attribute == GROUP_ATTRIBUTE:
        order = [g.name for g in analysis_project_groups(analysis)]
    elif attribute == "migration_history":
        order = ["yes", "no", "not_stated"]
    return compare_groups(membership, mentions, labels, attribute=attribute, min_cell_size=analysis.min_cell_size,
                          group_order=order)


def stakeholder_comparison(analysis: Analysis, rows: list[PassageRow]) -> Comparison:
    """Return the theme × stakeholder group table of an analysis."""
    return compare_themes(analysis, GROUP_ATTRIBUTE, rows)


def analysis_project_groups(analysis: Analysis) -> list:
    """Return the project's stakeholder groups in their order."""
    from app.projects.models import StakeholderGroup

    return list(db.session.scalars(select(StakeholderGroup).where(StakeholderGroup.project_id == analysis.project_id)
                                   .order_by(StakeholderGroup.position, StakeholderGroup.id)))


# Pages ------------------------------------------------------------------------------------------

def list_analyses(project_id: int) -> list[Analysis]:
    """Return a project's analyses, newest first."""
    return list(db.session.scalars(select(Analysis).where(Analysis.project_id == project_id)
                                   .order_by(Analysis.created_at.desc(), Analysis.id.desc())))


def get_analysis_or_404(project_id: int, analysis_id: int) -> Analysis:
    """Return an analysis of this project or answer 404."""
    analysis = db.session.get(Analysis, analysis_id)
    if analysis is None or analysis.project_id != project_id:
        abort(404)
    return analysis


def get_theme_or_404(analysis: Analysis, theme_id: int) -> Theme:
    """Return a theme of this analysis or answer 404."""
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.analysis_id != analysis.id:
        abort(404)
    return theme


def passages_of(analysis: Analysis, passage_ids: list[int]) -> list[Passage]:
    """Return the passages of this analysis among ``passage_ids`` (ids of other analyses are left out)."""
    if not passage_ids:
        return []
    return list(db.session.scalars(select(Passage).where(Passage.analysis_id == analysis.id,
                                                         Passage.id.in_(set(passage_ids)))
                                   .order_by(Passage.id)))


def get_passage_or_404(analysis: Analysis, passage_id: int) -> Passage:
    """Return a passage of this analysis or answer 404."""
    passage = db.session.get(Passage, passage_id)
    if passage is None or passage.analysis_id != analysis.id:
        abort(404)
    return passage


def get_code_or_404(analysis: Analysis, code_id: int) -> Code:
    """Return a code of this analysis or answer 404."""
    code = db.session.get(Code, code_id)
    if code is None or code.analysis_id != analysis.id:
        abort(404)
    return code


def get_answer_or_404(analysis: Analysis, answer_row_id: int) -> AnalysedAnswer:
    """Return an analysed answer of this analysis or answer 404."""
    answer = db.session.get(AnalysedAnswer, answer_row_id)
    if answer is None or answer.analysis_id != analysis.id:
        abort(404)
    return answer


@dataclass
class BoardTheme:
    """A theme on the board with its passages."""

    theme: Theme
    passages: list[PassageRow]

    @property
    def quotes(self) -> list[Quote]:
        """Return three quotes that stand for the theme and differ from each other."""
        return representative_quotes(self.passages, 3)

    @property
    def respondent_count(self) -> int:
        """Return how many respondents raised the theme."""
        return len({p.respondent_id for p in self.passages})


def theme_board(analysis: Analysis,
                rows: list[PassageRow] | None = None) -> tuple[list[BoardTheme], list[PassageRow]]:
    """Return the board: themes (largest first) with their passages, and the outlier passages."""
    rows = passage_rows([analysis.id]) if rows is None else rows
    members: dict[int, list[PassageRow]] = defaultdict(list)
    outliers = []
    for row in rows:
        if row.theme_id is None:
            outliers.append(row)
        else:
            members[row.theme_id].append(row)
    board = [BoardTheme(t, sorted(members.get(t.id, []), key=lambda p: (p.score is None, -(p.score or 0))))
             for t in analysis.themes]
    board.sort(key=lambda b: (-len(b.passages), b.theme.position, b.theme.id))
    return board, outliers


def codings_by_passage(analysis: Analysis) -> dict[int, list[Coding]]:
    """Return the human codings of an analysis per passage."""
    result: dict[int, list[Coding]] = defaultdict(list)
    stmt = select(Coding).join(Passage, Coding.passage_id == Passage.id).where(Passage.analysis_id == analysis.id)
    for coding in db.session.scalars(stmt):
        result[coding.passage_id].append(coding)
    return result


def pending_suggestions(analysis: Analysis, *, min_confidence: float = 0.0) -> list[CodeSuggestion]:
    """Return the undecided code suggestions of an analysis, most confident first."""
    stmt = (select(CodeSuggestion).join(Passage, CodeSuggestion.passage_id == Passage.id)
            .where(Passage.analysis_id == analysis.id, CodeSuggestion.status == "pending",
                   CodeSuggestion.confidence >= min_confidence)
            .order_by(CodeSuggestion.confidence.desc(), CodeSuggestion.id))
    return list(db.session.scalars(stmt))


def code_counts(analysis: Analysis) -> dict[int, int]:
    """Return {code_id: number of coded passages} (any coder)."""
    stmt = (select(Coding.code_id, func.count(func.distinct(Coding.passage_id)))
            .join(Code, Coding.code_id == Code.id).where(Code.analysis_id == analysis.id).group_by(Coding.code_id))
    return dict(db.session.execute(stmt).all())


def answers_in_order(analysis: Analysis) -> list[AnalysedAnswer]:
    """Return the analysed answers in reading order (question, then pseudonym)."""
    return list(db.session.scalars(select(AnalysedAnswer).where(AnalysedAnswer.analysis_id == analysis.id)
                                   .options(selectinload(AnalysedAnswer.passages))
                                   .order_by(AnalysedAnswer.question_id, AnalysedAnswer.pseudonym,
                                             AnalysedAnswer.id)))


@dataclass(frozen=True)
class KeywordHit:
    """A word found in an answer, with the text before and after it (keyword in context)."""

    answer_row_id: int
    passage_id: int | None
    pseudonym: str
    stakeholder_group: str | None
    question_text: str
    before: str
    match: str
    after: str


def search_keyword(analysis: Analysis, word: str, *, width: int = 60, limit: int = 200) -> list[KeywordHit]:
    """Find a word (or word start) in the analysed answers and return each hit in its context."""
    word = word.strip()
    if not word:
        return []
    pattern = re.compile(r"\b" + re.escape(word) + r"\w*", re.IGNORECASE)
    hits: list[KeywordHit] = []
    for answer in answers_in_order(analysis):
        for match in pattern.finditer(answer.text):
            passage = next((p for p in answer.passages if p.start <= match.start() < p.end), None)
            before = answer.text[max(0, match.start() - width):match.start()]
            after = answer.text[match.end():match.end() + width]
            hits.append(KeywordHit(answer.id, passage.id if passage else None, answer.pseudonym,
                                   answer.stakeholder_group, answer.question_text,
                                   ("…" if match.start() > width else "") + before, match.group(),
                                   after + ("…" if match.end() + width < len(answer.text) else "")))
            if len(hits) >= limit:
                return hits
    return hits


def code_next_queue(analysis: Analysis, user_id: int, *, limit: int = 50) -> list[int]:
    """Return passage ids this person has not coded yet, the ones the model is least sure about first.

    First the queue the last suggestion run picked (least certain, spread over the answers),
    then passages whose pending suggestions are nearest 50 %, then the rest in reading order.
    """
    coded = set(db.session.scalars(select(Coding.passage_id).join(Passage, Coding.passage_id == Passage.id)
                                   .where(Passage.analysis_id == analysis.id, Coding.coder_id == user_id)))
    confidence: dict[int, float] = {}
    for suggestion in pending_suggestions(analysis):
        confidence[suggestion.passage_id] = max(confidence.get(suggestion.passage_id, 0.0), suggestion.confidence)
    order = list(db.session.scalars(select(Passage.id).join(AnalysedAnswer, Passage.analysed_answer_id ==
                                                            AnalysedAnswer.id)
                                    .where(Passage.analysis_id == analysis.id)
                                    .order_by(AnalysedAnswer.question_id, AnalysedAnswer.pseudonym, Passage.start)))
    reading = {pid: i for i, pid in enumerate(order)}
    picked = [pid for pid in (analysis.coding_queue or []) if pid in reading and pid not in coded]
    rest = [pid for pid in order if pid not in coded and pid not in set(picked)]
    rest.sort(key=lambda pid: (-(1.0 - abs(2 * confidence[pid] - 1)) if pid in confidence else 1.0, reading[pid]))
    return (picked + rest)[:limit]
