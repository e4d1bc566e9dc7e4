"""Coding view, code suggestions (accept, reject, bulk), the code-next queue, agreement and word search."""
from __future__ import annotations

import pytest
from sqlalchemy import select


def _base(project, analysis):
    return f"/analysis/projects/{project.id}/{analysis.id}"


@pytest.fixture
def coded(app, analysed, make_user):
    """An analysis with codes and ten passages coded by one person."""
    from app.analysis import codebook, services
    from app.analysis.queries import passage_rows
    from app.extensions import db
    from app.analysis.models import Passage

    project, survey, analysis = analysed
    kita = codebook.create_code(analysis, name="Kita", definition="Kinderbetreuung")
    verein = codebook.create_code(analysis, name="Verein", definition="Vereinsleben")
    coder = make_user(roles=("author",), full_name="Erste Person")
    rows = passage_rows([analysis.id])
    done = {"kita": 0, "verein": 0, "sprache": 0}
    for row in rows:
        topic = "kita" if "Kita" in row.text else "verein" if "Verein" in row.text else "sprache"
        if done[topic] >= 4:
            continue
        done[topic] += 1
        wanted = [kita.id] if topic == "kita" else [verein.id] if topic == "verein" else []
        codebook.set_passage_codes(db.session.get(Passage, row.passage_id), wanted or [kita.id], coder)
        if topic == "sprache":
            codebook.set_passage_codes(db.session.get(Passage, row.passage_id), [], coder)
    return project, analysis, kita, verein, coder


def test_coding_view_shows_context_without_contact_data_and_assigns_codes(app, lead_client, analysed):
    from app.analysis import codebook, services
    from app.analysis.models import Coding

    project, _survey, analysis = analysed
    code_a = codebook.create_code(analysis, name="Lücke")
    code_b = codebook.create_code(analysis, name="Wunsch")
    response = lead_client.get(f"{_base(project, analysis)}/coding")
    assert response.status_code == 302
    page = lead_client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "Was läuft gut, was fehlt?" in html and "I-" in html and "<mark>" in html
    assert "Freie Träger" in html or "Ehrenamt" in html
    assert "@" not in html.split("<main")[1].split("</main>")[0]
    passage_id = int(response.headers["Location"].rsplit("/", 1)[1])
    after = lead_client.post(f"{_base(project, analysis)}/coding/{passage_id}",
                             data={"code_ids": [code_a.id, code_b.id]})
    assert after.status_code == 302
    assert {c.code_id for c in Coding.query.filter_by(passage_id=passage_id)} == {code_a.id, code_b.id}
    lead_client.post(f"{_base(project, analysis)}/coding/{passage_id}", data={"code_ids": [code_b.id]})
    assert {c.code_id for c in Coding.query.filter_by(passage_id=passage_id)} == {code_b.id}
    bad = lead_client.post(f"{_base(project, analysis)}/coding/{passage_id}", data={"code_ids": [99999]})
    assert bad.status_code == 422
    assert {c.code_id for c in Coding.query.filter_by(passage_id=passage_id)} == {code_b.id}
    next_url = lead_client.get(f"{_base(project, analysis)}/coding").headers["Location"]
    assert not next_url.endswith(f"/{passage_id}")


def test_suggestions_accept_one_reject_one_and_bulk_above_threshold(app, client, login, coded):
    from app.analysis.models import CodeSuggestion, Coding

    project, analysis, kita, _verein, coder = coded
    app.config["JOBS_BACKEND"] = "inline"
    login(coder)
    response = client.post(f"{_base(project, analysis)}/suggestions/run")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    pending = list(CodeSuggestion.query.filter_by(status="pending").order_by(CodeSuggestion.confidence.desc()))
    assert pending, "suggestions expected for uncoded passages"
    by_code = {}
    for suggestion in pending:
        by_code.setdefault(suggestion.code_id, []).append(suggestion)
    top_kita = by_code[kita.id][0]
    assert "Kita" in top_kita.passage.text or "Betreuung" in top_kita.passage.text

    assert analysis.coding_queue and analysis.suggestion_report["coded_count"] == 8
    assert analysis.suggestion_report["kappa"] is not None
    agreement = client.get(f"{_base(project, analysis)}/agreement").get_data(as_text=True)
    assert "Wie verlässlich sind die Code-Vorschläge?" in agreement and "κ =" in agreement
    page = client.get(f"{_base(project, analysis)}/suggestions?min=0").get_data(as_text=True)
    assert "Annehmen" in page and "Ablehnen" in page

    first, second = pending[0], pending[1]
    client.post(f"{_base(project, analysis)}/suggestions/{first.id}/accept")
    client.post(f"{_base(project, analysis)}/suggestions/{second.id}/reject")
    assert first.status == "accepted" and second.status == "rejected"
    assert Coding.query.filter_by(passage_id=first.passage_id, code_id=first.code_id, coder_id=coder.id).one()
    assert not Coding.query.filter_by(passage_id=second.passage_id, code_id=second.code_id).count()
    again = client.post(f"{_base(project, analysis)}/suggestions/{first.id}/reject", follow_redirects=True)
    assert "bereits entschieden" in again.get_data(as_text=True)

    remaining = CodeSuggestion.query.filter_by(status="pending").all()
    threshold = 0.6
    above = [s for s in remaining if s.confidence >= threshold]
    below = [s for s in remaining if s.confidence < threshold]
    client.post(f"{_base(project, analysis)}/suggestions/accept-above", data={"threshold": 60, "code_id": 0})
    assert all(s.status == "accepted" for s in above)
    assert all(s.status == "pending" for s in below)
    bad = client.post(f"{_base(project, analysis)}/suggestions/accept-above", data={"threshold": 150},
                      follow_redirects=True)
    assert "0 bis 100" in bad.get_data(as_text=True)

    client.post(f"{_base(project, analysis)}/suggestions/run")
    assert CodeSuggestion.query.filter_by(id=second.id).one().status == "rejected"


def test_code_next_queue_puts_uncertain_passages_first(app, coded):
    from app.analysis.models import CodeSuggestion, Coding, Passage
    from app.analysis.queries import code_next_queue
    from app.extensions import db

    project, analysis, kita, _verein, coder = coded
    coded_ids = set(db.session.scalars(select(Coding.passage_id).where(Coding.coder_id == coder.id)))
    uncoded = [p.id for p in Passage.query.order_by(Passage.id) if p.id not in coded_ids]
    db.session.add(CodeSuggestion(passage_id=uncoded[-1], code_id=kita.id, confidence=0.52))
    db.session.add(CodeSuggestion(passage_id=uncoded[0], code_id=kita.id, confidence=0.97))
    db.session.commit()
    queue = code_next_queue(analysis, coder.id)
    assert queue[0] == uncoded[-1]
    assert not set(queue) & coded_ids
    assert queue.index(uncoded[0]) > 0


def test_agreement_report_gives_kappa_and_a_plain_verdict(app, lead_client, coded, make_user):
    from app.analysis import codebook, services
    from app.analysis.models import Coding, Passage
    from app.analysis.agreement import agreement_report
    from app.extensions import db

    project, analysis, kita, verein, coder = coded
    second = make_user(roles=("author",), full_name="Zweite Person")
    mine = {}
    for coding in Coding.query.filter_by(coder_id=coder.id):
        mine.setdefault(coding.passage_id, set()).add(coding.code_id)
    for index, (passage_id, codes) in enumerate(sorted(mine.items())):
        given = codes if index else ({kita.id, verein.id} - codes)
        codebook.set_passage_codes(db.session.get(Passage, passage_id), list(given), second)
    report = agreement_report(analysis, coder.id, second.id)
    assert report.shared_passages == len(mine)
    assert report.kappa is not None and 0.5 < report.kappa < 1
    assert report.verdict in ("moderate", "substantial")
    page = lead_client.get(f"{_base(project, analysis)}/agreement?first={coder.id}&second={second.id}")
    html = page.get_data(as_text=True)
    assert "Übereinstimmung" in html and "κ" in html and ("gute" in html or "mittlere" in html)
    assert agreement_report(analysis, coder.id, coder.id) is None


def test_cohen_kappa_values():
    from app.analysis.grouping import agreement_verdict, cohen_kappa

    assert cohen_kappa([1, 1, 0, 0], [1, 1, 0, 0]) == 1.0
    assert cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == -1.0
    assert cohen_kappa([1, 1, 1, 0, 0, 0, 1, 0, 1, 0], [1, 1, 0, 0, 0, 0, 1, 0, 1, 1]) == pytest.approx(0.6)
    assert cohen_kappa([], []) is None
    assert agreement_verdict(0.85) == "almost_perfect" and agreement_verdict(0.1) == "slight"
    assert agreement_verdict(None) == "undefined" and agreement_verdict(-0.2) == "poor"


def test_keyword_search_shows_each_hit_in_context(app, lead_client, analysed):
    from app.analysis.queries import search_keyword

    project, _survey, analysis = analysed
    hits = search_keyword(analysis, "sprachk")
    assert len(hits) == 10
    assert all(hit.match.lower().startswith("sprachk") for hit in hits)
    assert any(hit.after for hit in hits)
    html = lead_client.get(f"{_base(project, analysis)}/search?q=Verein").get_data(as_text=True)
    assert "<mark>Verein</mark>" in html and "Fundstellen" in html
    assert search_keyword(analysis, "   ") == []
    assert search_keyword(analysis, "(") == []
