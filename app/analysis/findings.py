"""Plain-German sentences for the notable cells of a group comparison, so nobody has to read Lift or Holm.

A cell is notable when its Holm-corrected Fisher test is significant (p < 0.05): the group raises the
theme clearly more or less often than all respondents. Suppressed cells never get a sentence.
"""
from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from app.analysis.comparison import Cell, Comparison, ComparisonRow


def describe_group(attribute: str, value: str) -> str:
    """Return who a group is in words ("Befragte mit Zuwanderungsgeschichte", "Befragte aus „Baumberg“")."""
    if attribute == "migration_history":
        return {"yes": _("Befragte mit Zuwanderungsgeschichte"), "no": _("Befragte ohne Zuwanderungsgeschichte")
                }.get(value, _("Befragte ohne Angabe zur Zuwanderungsgeschichte"))
    if value == "not_stated":
        return _("Befragte ohne Angabe")
    if attribute == "stakeholder_group":
        return _("Befragte der Gruppe „%(name)s“", name=value)
    if attribute == "district":
        return _("Befragte aus „%(name)s“", name=value)
    if attribute == "age_band":
        return _("Befragte der Altersgruppe „%(name)s“", name=value)
    return _("Befragte mit „%(name)s“", name=value)


def _p_text(p_value: float) -> str:
    if p_value < 0.001:
        return "p < " + format_decimal(0.001, "0.000")
    if p_value < 0.01:
        return "p < " + format_decimal(0.01, "0.00")
    return "p = " + format_decimal(p_value, "0.00")


def _percent(share: float) -> str:
    return format_decimal(round(share * 100), "0") + " %"


def describe_cell(attribute: str, row: ComparisonRow, cell: Cell) -> str:
    """Return one sentence on a notable cell: how much more (or less) often the group raises the theme."""
    values = {"who": describe_group(attribute, cell.group), "theme": row.label, "share": _percent(cell.share),
              "overall": _percent(row.share), "p": _p_text(cell.p_adjusted)}
    if cell.lift is not None and cell.lift >= 1:
        return _("%(who)s sprechen das Thema „%(theme)s“ %(lift)s-mal so oft an wie alle Befragten (%(share)s "
                 "gegenüber %(overall)s); das ist kaum durch Zufall zu erklären (%(p)s).",
                 lift=format_decimal(cell.lift, "0.0"), **values)
    return _("%(who)s sprechen das Thema „%(theme)s“ seltener an als alle Befragten (%(share)s gegenüber "
             "%(overall)s); das ist kaum durch Zufall zu erklären (%(p)s).", **values)


def notable_findings(comparison: Comparison) -> list[str]:
    """Return a sentence for every significant, shown cell, strongest difference first."""
    notable = [(row, cell) for row in comparison.rows for cell in row.cells
               if cell.is_significant and not cell.is_suppressed and cell.share is not None]
    notable.sort(key=lambda pair: (round(pair[1].p_adjusted, 9), -round(abs((pair[1].lift or 1) - 1), 9),
                                   -(pair[1].lift or 0)))
    return [describe_cell(comparison.attribute, row, cell) for row, cell in notable]
