"""Budget overviews: planned and spent per field of action and per funding source, for the page and the report."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.concept.models import Concept, Measure
from app.extensions import db
from app.outreach.models import FUNDING_SOURCES, Budget
from app.projects.models import Project

#: Funding sources as the German report names them.
FUNDING_SOURCE_TEXT = {"municipal": "Kommunaler Haushalt", "state_or_federal": "Landes- oder Bundesprogramm",
                       "foundation": "Stiftung", "other": "Sonstige"}


@dataclass(frozen=True)
class BudgetLine:
    """Planned and spent money of one row of an overview (a field of action or a funding source)."""

    key: object
    label: str
    planned: Decimal
    spent: Decimal

    @property
    def spent_percent(self) -> int | None:
        """Return how much of the planned money was spent (None when nothing was planned)."""
        return None if not self.planned else round(float(self.spent / self.planned) * 100)


@dataclass(frozen=True)
class BudgetOverview:
    """Budgets of some years summed per field of action and per funding source."""

    years: list[int]
    by_field: list[BudgetLine]
    by_source: list[BudgetLine]
    total: BudgetLine

    @property
    def is_empty(self) -> bool:
        """Return whether no budget is recorded for the years."""
        return not self.total.planned and not self.total.spent


def project_budgets(project: Project, years: list[int] | None = None) -> list[Budget]:
    """Return the project's budget entries (of the given years), ordered by year, field, measure and source."""
    query = (select(Budget).join(Measure, Budget.measure_id == Measure.id)
             .join(Concept, Measure.concept_id == Concept.id).where(Concept.project_id == project.id))
    if years is not None:
        query = query.where(Budget.year.in_(years))
    rows = list(db.session.scalars(query))
    order = {source: index for index, source in enumerate(FUNDING_SOURCES)}
    return sorted(rows, key=lambda b: (b.year, b.measure.field_of_action.position, b.measure.number,
                                       order[b.funding_source]))


def budget_years(project: Project) -> list[int]:
    """Return the years the project has budgets for, ascending."""
    return sorted({budget.year for budget in project_budgets(project)})


def budget_overview(project: Project, years: list[int], source_labels: dict | None = None) -> BudgetOverview:
    """Sum the budgets of the years per field of action (every field, in order) and per funding source."""
    source_labels = source_labels or FUNDING_SOURCE_TEXT
    planned: dict = defaultdict(Decimal)
    spent: dict = defaultdict(Decimal)
    for budget in project_budgets(project, years):
        for key in (("field", budget.measure.field_of_action_id), ("source", budget.funding_source)):
            planned[key] += budget.planned
            spent[key] += budget.spent
    by_field = [BudgetLine(f.id, f.name, planned[("field", f.id)], spent[("field", f.id)])
                for f in project.fields_of_action]
    by_source = [BudgetLine(s, str(source_labels[s]), planned[("source", s)], spent[("source", s)])
                 for s in FUNDING_SOURCES if planned[("source", s)] or spent[("source", s)]]
    total = BudgetLine("total", "Gesamt", sum((line.planned for line in by_field), Decimal("0")),
                       sum((line.spent for line in by_field), Decimal("0")))
    return BudgetOverview(list(years), by_field, by_source, total)
