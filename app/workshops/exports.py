"""Workshop results as CSV and Excel: a service shapes the rows, pure builders return bytes.

The files are written by app/spreadsheets.py, so a participant's proposal cannot run as a formula.
"""
from __future__ import annotations

from flask_babel import gettext as _

from app.spreadsheets import Sheet, build_csv, build_xlsx
from app.workshops import queries
from app.workshops.models import Workshop


def results_sheets(workshop: Workshop) -> list[Sheet]:
    """Shape a workshop's results: per round and item (all and per stakeholder group), comments, proposals."""
    from app.workshops.forms import ITEM_KIND_LABELS, PROPOSAL_STATUS_LABELS, ROUND_METHOD_LABELS, ROUND_STATUS_LABELS

    fields = {f.id: f.name for f in workshop.project.fields_of_action}
    groups = [(None, _("Alle"))] + [(g.id, g.name) for g in workshop.project.stakeholder_groups]
    result_rows, comment_rows = [], []
    for voting_round in workshop.rounds:
        if voting_round.method == "proposals" or voting_round.status == "draft":
            continue
        for group_id, group_name in groups:
            results = queries.round_results(voting_round, stakeholder_group_id=group_id)
            if group_id is None:
                comment_rows.extend([voting_round.title, comment] for comment in results.comments)
            elif results.participants == 0:
                continue
            for rank, row in enumerate(results.items, start=1):
                result_rows.append([
                    voting_round.title, str(ROUND_METHOD_LABELS[voting_round.method]),
                    str(ROUND_STATUS_LABELS[voting_round.status]), group_name, results.participants, rank,
                    fields.get(row.field_of_action_id, ""), str(ITEM_KIND_LABELS[row.kind]), row.title,
                    row.total, row.votes, row.mean if row.mean is not None else ""])
    proposal_rows = [[p.round.title, str(PROPOSAL_STATUS_LABELS[p.status]), str(ITEM_KIND_LABELS[p.kind]),
                      fields.get(p.field_of_action_id, ""), p.title, p.description,
                      p.participant.stakeholder_group.name if p.participant and p.participant.stakeholder_group
                      else ""]
                     for p in queries.proposals_of(workshop)]
    return [
        Sheet(_("Ergebnisse"), [_("Runde"), _("Verfahren"), _("Status"), _("Akteursgruppe"), _("Stimmzettel"),
                                _("Rang"), _("Handlungsfeld"), _("Art"), _("Eintrag"),
                                _("Summe (Punkte / Bewertungen / Rangpunkte)"), _("Stimmen"),
                                _("Mittelwert")], result_rows),
        Sheet(_("Kommentare"), [_("Runde"), _("Kommentar")], comment_rows),
        Sheet(_("Vorschläge"), [_("Runde"), _("Status"), _("Art"), _("Handlungsfeld"), _("Vorschlag"),
                                _("Erläuterung"), _("Akteursgruppe")], proposal_rows),
    ]


def build_results_csv(sheet: Sheet) -> bytes:
    """Return one sheet as CSV (UTF-8 with BOM, semicolon-separated as usual in Germany)."""
    return build_csv(sheet.header, sheet.rows)


def build_results_xlsx(sheets: list[Sheet]) -> bytes:
    """Return the sheets as an Excel workbook; text never becomes a formula."""
    return build_xlsx(sheets)
