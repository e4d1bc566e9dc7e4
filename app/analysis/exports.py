"""Exports of themes, codes and coded passages: shaping (reads) and pure builders (bytes).

The files are written by app/spreadsheets.py, which keeps cells from running as formulas.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from app.analysis.models import Analysis
from app.analysis.queries import code_counts, codings_by_passage, passage_rows, theme_board
from app.spreadsheets import Sheet, build_csv as build_csv_bytes, build_xlsx as build_xlsx_bytes

@dataclass(frozen=True)
class Table:
    """A named table: header and rows of plain values."""

    name: str
    header: list[str]
    rows: list[list]


def export_tables(analysis: Analysis) -> dict[str, Table]:
    """Shape an analysis into three tables: themes, codes, passages (pseudonymised)."""
    from app.projects.models import FieldOfAction

    fields = {f.id: f.name for f in FieldOfAction.query.filter_by(project_id=analysis.project_id)}
    rows = passage_rows([analysis.id])
    board, _outliers = theme_board(analysis, rows)
    themes = Table("themes", [_("Nr."), _("Thema"), _("Definition"), _("Handlungsfeld"), _("Schlagwörter"),
                              _("Passagen"), _("Befragte"), _("Von Menschen bearbeitet")],
                   [[b.theme.id, b.theme.label, b.theme.definition, fields.get(b.theme.field_of_action_id, ""),
                     ", ".join(b.theme.keywords or []), len(b.passages), b.respondent_count,
                     _("ja") if b.theme.is_kept_on_rerun else _("nein")] for b in board])
    counts = code_counts(analysis)
    codes = Table("codes", [_("Nr."), _("Code"), _("Definition"), _("Codierte Passagen")],
                  [[c.id, c.name, c.definition, counts.get(c.id, 0)] for c in analysis.codes])
    codings = codings_by_passage(analysis)
    labels = {b.theme.id: b.theme.label for b in board}
    code_names = {c.id: c.name for c in analysis.codes}
    passage_table = Table("passages", [_("Passage"), _("Pseudonym"), _("Akteursgruppe"), _("Frage"), _("Thema"),
                                       _("Zuordnung"), _("Codes"), _("Text")], [])
    for row in rows:
        origin = _("Ausreißer") if row.is_outlier else (_("Person") if row.is_human else _("Vorschlag"))
        names = sorted({code_names[c.code_id] for c in codings.get(row.passage_id, []) if c.code_id in code_names})
        passage_table.rows.append([row.passage_id, row.pseudonym, row.stakeholder_group or "", row.question_text,
                                   labels.get(row.theme_id, ""), origin, "; ".join(names), row.text])
    return {"themes": themes, "codes": codes, "passages": passage_table}


def build_csv(table: Table) -> bytes:
    """Return one table as CSV (UTF-8 with BOM, semicolons, as German Excel expects)."""
    return build_csv_bytes(table.header, table.rows)


def build_xlsx(tables: list[Table], titles: dict[str, str] | None = None) -> bytes:
    """Return the tables as an Excel workbook, one sheet each."""
    return build_xlsx_bytes(Sheet((titles or {}).get(t.name, t.name), t.header, t.rows) for t in tables)
