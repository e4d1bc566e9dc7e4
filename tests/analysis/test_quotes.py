"""Quotes stand for their theme and differ from each other; no respondent is quoted twice."""
from __future__ import annotations

from app.analysis.queries import PassageRow, representative_quotes


def _passage(number: int, text: str, respondent: int, score: float | None) -> PassageRow:
    return PassageRow(passage_id=number, analysis_id=1, answer_row_id=number, answer_id=number, start=0,
                      end=len(text), text=text, respondent_id=respondent, pseudonym=f"I-{respondent:02d}",
                      stakeholder_group=None, attributes={}, question_text="Was fehlt?", field_of_action_id=None,
                      theme_id=1, score=score)


THEME = [
    _passage(1, "Es fehlen Kitaplätze im Stadtteil.", 1, 0.95),
    _passage(2, "Es fehlen Kitaplätze in unserem Stadtteil.", 2, 0.94),
    _passage(3, "Im Stadtteil fehlen Kitaplätze.", 3, 0.93),
    _passage(4, "Es fehlen einfach Kitaplätze im Stadtteil!", 4, 0.92),
    _passage(5, "Wir warten seit zwei Jahren auf einen Betreuungsplatz für unsere Tochter.", 5, 0.80),
    _passage(6, "Die Tagesmütter sind überlastet, und die Öffnungszeiten passen nicht zur Schichtarbeit.", 6, 0.78),
    _passage(7, "Kitaplätze fehlen, und der Kinderarzt nimmt keine neuen Patienten.", 1, 0.90),
]


def test_quotes_are_representative_and_different():
    quotes = representative_quotes(THEME, 3)
    assert [q.passage_id for q in quotes][0] == 1  # the most representative passage leads
    assert {q.passage_id for q in quotes} == {1, 5, 6}  # not three ways of saying "Kitaplätze fehlen"


def test_no_respondent_is_quoted_twice_and_near_identical_passages_are_left_out():
    quotes = representative_quotes(THEME, 7)
    pseudonyms = [q.pseudonym for q in quotes]
    assert len(pseudonyms) == len(set(pseudonyms))
    assert 7 not in {q.passage_id for q in quotes}  # respondent 1 is already quoted
    assert len({1, 2, 3, 4} & {q.passage_id for q in quotes}) == 1


def test_without_machine_scores_the_passage_closest_to_the_theme_leads():
    rows = [_passage(1, "Die Busse fahren abends zu selten.", 1, None),
            _passage(2, "Abends fahren kaum Busse, und am Wochenende gar keine.", 2, None),
            _passage(3, "Busse fahren abends selten, das Nachtangebot fehlt.", 3, None),
            _passage(4, "Der Spielplatz ist kaputt.", 4, None)]
    quotes = representative_quotes(rows, 2)
    assert quotes[0].passage_id in (1, 2, 3) and len(quotes) == 2
    assert representative_quotes([], 3) == [] and representative_quotes([_passage(1, " ", 1, 0.5)], 3) == []
