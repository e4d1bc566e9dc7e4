"""Success factors of the project's integration policy and their yearly self-assessment.

A project starts with the nine Neuss factors when made from the Neuss template (or adopts them later)
and may add, rename and remove factors. Each factor is rated once a year from 1 to 5 with evidence
and the measures that support it; the progress report charts the ratings over the years.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.concept.models import Concept, Measure
from app.concept.report_parts import ReportPart
from app.concept.word.data import DocChart, DocTable
from app.errors import ValidationError
from app.extensions import db
from app.outreach.round_table_models import RATINGS, FactorAssessment, SuccessFactor
from app.projects.models import Project
from app.projects.templates_catalog import NEUSS_SUCCESS_FACTORS

#: What each point of the rating means (staff pages).
RATING_LABELS = {1: _l("nicht erreicht"), 2: _l("in Ansätzen erreicht"), 3: _l("teilweise erreicht"),
                 4: _l("weitgehend erreicht"), 5: _l("voll erreicht")}
#: The same in the German progress report.
RATING_TEXT = {1: "nicht erreicht", 2: "in Ansätzen erreicht", 3: "teilweise erreicht", 4: "weitgehend erreicht",
               5: "voll erreicht"}
#: How many years the report's chart shows at most (the latest).
REPORT_YEARS = 5


@dataclass(frozen=True)
class FactorRow:
    """A factor with its rating per year (None: not assessed that year)."""

    factor: SuccessFactor
    ratings: list[int | None]


# --- reads ---------------------------------------------------------------------------------------

def list_factors(project: Project) -> list[SuccessFactor]:
    """Return the project's success factors in their order."""
    return list(db.session.scalars(select(SuccessFactor).where(SuccessFactor.project_id == project.id)
                                   .order_by(SuccessFactor.position, SuccessFactor.id)))


def factor_or_404(project: Project, factor_id: int) -> SuccessFactor:
    """Return a success factor of the project or answer 404."""
    factor = db.session.get(SuccessFactor, factor_id)
    if factor is None or factor.project_id != project.id:
        abort(404)
    return factor


def assessed_years(project: Project) -> list[int]:
    """Return the years in which any factor was assessed, ascending."""
    return sorted(set(db.session.scalars(select(FactorAssessment.year).join(SuccessFactor)
                                         .where(SuccessFactor.project_id == project.id))))


def rating_table(project: Project, years: list[int]) -> list[FactorRow]:
    """Return every factor with its rating in each of the years."""
    rows = []
    for factor in list_factors(project):
        by_year = {a.year: a.rating for a in factor.assessments}
        rows.append(FactorRow(factor, [by_year.get(year) for year in years]))
    return rows


# --- writes --------------------------------------------------------------------------------------

def _clean_name(project: Project, name: str, factor: SuccessFactor | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Bitte den Namen des Erfolgsfaktors angeben."), "name")
    if len(name) > 300:
        raise ValidationError(_("Der Name ist zu lang (höchstens 300 Zeichen)."), "name")
    if any(other.name.lower() == name.lower() and other is not factor for other in list_factors(project)):
        raise ValidationError(_("Diesen Erfolgsfaktor gibt es schon."), "name")
    return name


def add_factor(project: Project, *, name: str, description: str = "") -> SuccessFactor:
    """Add a success factor at the end of the project's list."""
    name = _clean_name(project, name)
    position = max((f.position for f in list_factors(project)), default=-1) + 1
    factor = SuccessFactor(project_id=project.id, name=name, description=(description or "").strip(),
                           position=position)
    db.session.add(factor)
    db.session.commit()
    return factor


def update_factor(factor: SuccessFactor, *, name: str, description: str = "") -> None:
    """Rename a success factor or change its description (its assessments stay)."""
    factor.name = _clean_name(factor.project, name, factor)
    factor.description = (description or "").strip()
    db.session.commit()


def delete_factor(factor: SuccessFactor) -> None:
    """Remove a success factor with its assessments."""
    db.session.delete(factor)
    db.session.commit()


def adopt_factors(project: Project, factors=NEUSS_SUCCESS_FACTORS) -> int:
    """Give a project without success factors the given ones (the nine Neuss factors); return how many."""
    if list_factors(project) or not factors:
        return 0
    db.session.add_all(SuccessFactor(project_id=project.id, name=name, description=description, position=index)
                       for index, (name, description) in enumerate(factors))
    db.session.commit()
    return len(factors)


def fill_from_template(project: Project, template) -> None:
    """Create the success factors a project template ships with (the Neuss template: nine)."""
    adopt_factors(project, getattr(template, "success_factors", ()))


def save_assessment(factor: SuccessFactor, *, year: int, rating: int, evidence: str = "",
                    measure_ids=()) -> FactorAssessment:
    """Record (or replace) a factor's self-assessment of a year."""
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError(_("Bitte ein Jahr zwischen 2000 und 2100 angeben."), "year")
    if rating not in RATINGS:
        raise ValidationError(_("Bitte eine Bewertung von 1 bis 5 wählen."), "rating")
    wanted = {int(i) for i in measure_ids or ()}
    measures = list(db.session.scalars(select(Measure).join(Concept, Measure.concept_id == Concept.id)
                                       .where(Measure.id.in_(wanted), Concept.project_id == factor.project_id))) \
        if wanted else []
    if len(measures) != len(wanted):
        raise ValidationError(_("Bitte nur Maßnahmen dieses Projekts verknüpfen."), "measure_ids")
    assessment = factor.assessment_in(year)
    if assessment is None:
        assessment = FactorAssessment(year=year, rating=rating)
        factor.assessments.append(assessment)
    assessment.rating = rating
    assessment.evidence = (evidence or "").strip()[:20_000]
    assessment.measures = measures
    db.session.commit()
    return assessment


def delete_assessment(assessment: FactorAssessment) -> None:
    """Remove a factor's assessment of a year."""
    db.session.delete(assessment)
    db.session.commit()


# --- progress report -----------------------------------------------------------------------------

def success_factors_report_part(concept, start: date, end: date) -> ReportPart | None:
    """Return the ratings of the success factors over the years up to the period's end, as table and chart."""
    project = concept.project
    years = [year for year in assessed_years(project) if year <= end.year][-REPORT_YEARS:]
    if not years:
        return None
    rows = rating_table(project, years)
    latest = years[-1]
    table = DocTable(f"Selbsteinschätzung der Erfolgsfaktoren {years[0]}–{latest}" if len(years) > 1
                     else f"Selbsteinschätzung der Erfolgsfaktoren {latest}",
                     ["Erfolgsfaktor"] + [str(year) for year in years],
                     [[row.factor.name] + ["–" if r is None else f"{r} ({RATING_TEXT[r]})" for r in row.ratings]
                      for row in rows], align=["left"] + ["right"] * len(years))
    evidence_rows = []
    for row in rows:
        assessment = row.factor.assessment_in(latest)
        if assessment is not None:
            measures = ", ".join(f"{m.field_of_action.number}.{m.number} {m.title}" for m in assessment.measures)
            evidence_rows.append([row.factor.name, str(assessment.rating), assessment.evidence or "–",
                                  measures or "–"])
    evidence = DocTable(f"Belege der Selbsteinschätzung {latest}", ["Erfolgsfaktor", "Bewertung", "Belege",
                                                                    "Maßnahmen"], evidence_rows,
                        align=["left", "right", "left", "left"])
    alt = "Balkendiagramm der Bewertungen (1 bis 5) je Erfolgsfaktor und Jahr: " + "; ".join(
        f"{row.factor.name}: " + ", ".join(f"{year} {'–' if r is None else r}" for year, r in zip(years, row.ratings))
        for row in rows)
    chart = DocChart("Bewertung der Erfolgsfaktoren je Jahr (1 = nicht erreicht, 5 = voll erreicht)", alt,
                     [row.factor.name for row in rows], value_label="Bewertung",
                     series={str(year): [float(row.ratings[i] or 0) for row in rows]
                             for i, year in enumerate(years)}, grouped=True, max_value=5)
    intro = ("Das Integrationsbüro schätzt jährlich ein, wie weit die Erfolgsfaktoren kommunaler "
             "Integrationspolitik erreicht sind (1 = nicht erreicht bis 5 = voll erreicht).")
    return ReportPart("Erfolgsfaktoren", intro, [table, evidence], [chart], order=40)
