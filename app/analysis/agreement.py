"""Agreement between two people who coded the same passages (Cohen's kappa, per code and pooled).

Read on the analysis's reports page; the machine's agreement with people (cross-validated) is in
``nlp/coding.py``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from app.analysis.models import Analysis, Coding, Passage
from app.extensions import db


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement of two coders on one code over the passages both coded."""

    code_id: int
    code_name: str
    passages: int
    kappa: float | None
    verdict: str


@dataclass(frozen=True)
class AgreementReport:
    """Cohen's kappa between two coders, per code and pooled over all codes."""

    first_coder: str
    second_coder: str
    shared_passages: int
    codes: list[CodeAgreement]
    kappa: float | None
    verdict: str


def coders(analysis: Analysis) -> list:
    """Return the people who coded passages of this analysis."""
    from app.auth.models import User

    ids = set(db.session.scalars(select(Coding.coder_id).join(Passage, Coding.passage_id == Passage.id)
                                 .where(Passage.analysis_id == analysis.id, Coding.coder_id.is_not(None))))
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))) if ids else []


def agreement_report(analysis: Analysis, first_id: int, second_id: int) -> AgreementReport | None:
    """Compare two coders' codings with Cohen's kappa (per code and pooled); None if one is unknown."""
    from app.analysis.grouping import agreement_verdict, cohen_kappa
    from app.auth.models import User

    first, second = db.session.get(User, first_id), db.session.get(User, second_id)
    if first is None or second is None or first_id == second_id:
        return None
    given: dict[int, dict[int, set[int]]] = {first_id: defaultdict(set), second_id: defaultdict(set)}
    stmt = (select(Coding.coder_id, Coding.passage_id, Coding.code_id).join(Passage, Coding.passage_id == Passage.id)
            .where(Passage.analysis_id == analysis.id, Coding.coder_id.in_([first_id, second_id])))
    for coder_id, passage_id, code_id in db.session.execute(stmt):
        given[coder_id][passage_id].add(code_id)
    shared = sorted(set(given[first_id]) & set(given[second_id]))
    per_code = []
    pooled_a: list[int] = []
    pooled_b: list[int] = []
    for code in analysis.codes:
        a = [int(code.id in given[first_id][p]) for p in shared]
        b = [int(code.id in given[second_id][p]) for p in shared]
        pooled_a += a
        pooled_b += b
        kappa = cohen_kappa(a, b) if shared else None
        per_code.append(CodeAgreement(code.id, code.name, len(shared), kappa, agreement_verdict(kappa)))
    kappa = cohen_kappa(pooled_a, pooled_b) if shared else None
    return AgreementReport(first.display_name, second.display_name, len(shared), per_code, kappa,
                           agreement_verdict(kappa))
