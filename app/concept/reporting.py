"""The reporting cycle: progress reports given to a committee, each with its period and covering memo.

Neuss reports to the Integrationsrat, the council's committees and the council; a report covers the
time since the last one. A stored report remembers its period, committee, memo and author, so the next
report starts the day after the last one ended and says what changed since then.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.concept.models import Concept
from app.errors import ValidationError
from app.extensions import db

#: Committees a report is given to.
COMMITTEES = ("integration_council", "council_committee", "council")
COMMITTEE_LABELS = {"integration_council": _l("Integrationsrat"), "council_committee": _l("Fachausschuss des Rates"),
                    "council": _l("Rat der Stadt")}
#: The committees as the German document names them: "Vorlage für den …" and "legt dem … vor".
COMMITTEE_TEXT = {"integration_council": "den Integrationsrat", "council_committee": "den Fachausschuss",
                  "council": "den Rat der Stadt"}
COMMITTEE_DATIVE = {"integration_council": "dem Integrationsrat", "council_committee": "dem Fachausschuss",
                    "council": "dem Rat der Stadt"}
MAX_MEMO = 20_000


class CommitteeReport(db.Model):
    """A progress report given to a committee: its period, the covering memo, who made it and when."""

    __tablename__ = "concept_committee_reports"
    __table_args__ = (
        CheckConstraint("committee IN ('integration_council', 'council_committee', 'council')",
                        name="committee_known"),
        CheckConstraint("period_end >= period_start", name="period_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    #: One of COMMITTEES, and the committee's own name where it matters ("Ausschuss für Soziales").
    committee: Mapped[str] = mapped_column(String(30))
    committee_name: Mapped[str] = mapped_column(String(200), default="")
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    #: The covering memo (first page of the Word report); paragraphs separated by blank lines.
    memo: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    concept: Mapped[Concept] = relationship()
    created_by = relationship("User")

    @property
    def committee_label(self) -> str:
        """Return the committee as staff read it (its own name when given)."""
        return self.committee_name or str(COMMITTEE_LABELS[self.committee])


# --- reads ---------------------------------------------------------------------------------------

def list_reports(concept: Concept) -> list[CommitteeReport]:
    """Return the concept's reports, latest period first."""
    return list(db.session.scalars(select(CommitteeReport).where(CommitteeReport.concept_id == concept.id)
                                   .order_by(CommitteeReport.period_end.desc(), CommitteeReport.id.desc())))


def report_or_404(concept: Concept, report_id: int) -> CommitteeReport:
    """Return a report of the concept, or answer 404."""
    report = db.session.get(CommitteeReport, report_id)
    if report is None or report.concept_id != concept.id:
        abort(404)
    return report


def previous_report(concept: Concept, before: CommitteeReport | None = None) -> CommitteeReport | None:
    """Return the report that ended last (before ``before`` when given)."""
    reports = [r for r in list_reports(concept)
               if before is None or (r.id != before.id and r.period_end <= before.period_start)]
    return reports[0] if reports else None


def next_period(concept: Concept, today: date | None = None) -> tuple[date, date]:
    """Return the default period of the next report: from the day after the last one ended (else a year) to today."""
    today = today or date.today()
    last = previous_report(concept)
    start = last.period_end + timedelta(days=1) if last is not None else date(today.year - 1, today.month, 1)
    return min(start, today), today


def default_memo(concept: Concept, committee: str, start: date, end: date, committee_name: str = "") -> str:
    """Return a first draft of the covering memo (German, editable)."""
    from app.concept.word import german_date

    who = f"dem {committee_name}" if committee_name else COMMITTEE_DATIVE[committee]
    return (f"Die Verwaltung legt {who} den Umsetzungsbericht zum {concept.title} für den Zeitraum vom "
            f"{german_date(start)} bis zum {german_date(end)} zur Kenntnis vor.\n\n"
            "Der Bericht zeigt den Stand der Maßnahmen je Handlungsfeld, was sich seit dem letzten Bericht "
            "verändert hat, die Entwicklung der Indikatoren, die Veranstaltungen und die eingesetzten Mittel.\n\n"
            "Beschlussvorschlag: Der Bericht wird zur Kenntnis genommen.")


# --- writes --------------------------------------------------------------------------------------

def _check(committee: str, committee_name: str, start: date | None, end: date | None, memo: str) -> None:
    if committee not in COMMITTEES:
        raise ValidationError(_("Bitte ein Gremium wählen."), "committee")
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationError(_("Bitte Beginn und Ende des Berichtszeitraums angeben."), "period_start")
    if end < start:
        raise ValidationError(_("Das Ende liegt vor dem Beginn."), "period_end")
    if len(committee_name or "") > 200:
        raise ValidationError(_("Der Name ist zu lang."), "committee_name")
    if len(memo or "") > MAX_MEMO:
        raise ValidationError(_("Das Anschreiben ist zu lang (höchstens %(max)s Zeichen).", max=MAX_MEMO), "memo")


def create_report(concept: Concept, *, committee: str, period_start: date, period_end: date,
                  committee_name: str = "", memo: str | None = None, created_by=None) -> CommitteeReport:
    """Store a report for a committee (with a drafted memo when none is given)."""
    committee_name = (committee_name or "").strip()
    _check(committee, committee_name, period_start, period_end, memo or "")
    if not (memo or "").strip():
        memo = default_memo(concept, committee, period_start, period_end, committee_name)
    report = CommitteeReport(concept_id=concept.id, concept=concept, committee=committee,
                             committee_name=committee_name, period_start=period_start, period_end=period_end,
                             memo=memo.strip(), created_by_id=getattr(created_by, "id", None))
    db.session.add(report)
    db.session.commit()
    return report


def update_report(report: CommitteeReport, *, committee: str, period_start: date, period_end: date,
                  committee_name: str = "", memo: str = "") -> None:
    """Change a report's committee, period or memo."""
    committee_name = (committee_name or "").strip()
    _check(committee, committee_name, period_start, period_end, memo or "")
    report.committee, report.committee_name = committee, committee_name
    report.period_start, report.period_end = period_start, period_end
    report.memo = (memo or "").strip()
    db.session.commit()


def delete_report(report: CommitteeReport) -> None:
    """Remove a stored report (the next one then starts after the one before)."""
    db.session.delete(report)
    db.session.commit()
