"""Ballots: every round type, budget and per-item limits, closing, replacement, priorities for the concept."""
from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.extensions import db
from app.workshops import queries, services
from app.workshops.models import Ballot, BallotEntry
from app.workshops.voting import RoundClosedError, cast_ballot


def test_create_item_keeps_kind_field_parent_theme_and_source(make_workshop, make_theme):
    workshop = make_workshop()
    field = workshop.project.fields_of_action[0]
    theme = make_theme(workshop.project, "Sprache")
    goal = services.create_item(workshop, kind="guiding_goal", title="  Sprache  fördern ",
                                field_of_action_id=field.id, theme_id=theme.id, source=f"theme:{theme.id}")
    action = services.create_item(workshop, kind="action_goal", title="Sprachkurse ausbauen", parent=goal)
    assert goal.title == "Sprache fördern" and goal.theme_id == theme.id and goal.source == f"theme:{theme.id}"
    assert action.parent_id == goal.id and action.field_of_action_id == field.id


def test_create_item_refuses_bad_input(make_workshop, make_project):
    workshop = make_workshop()
    other_field = make_project().fields_of_action[0]
    with pytest.raises(ValidationError):
        services.create_item(workshop, kind="wish", title="x")
    with pytest.raises(ValidationError):
        services.create_item(workshop, kind="measure", title="   ")
    with pytest.raises(ValidationError):
        services.create_item(workshop, kind="measure", title="x", field_of_action_id=other_field.id)
    measure = services.create_item(workshop, kind="measure", title="Kurs")
    with pytest.raises(ValidationError):
        services.create_item(workshop, kind="action_goal", title="y", parent=measure)


def test_dot_ballot_is_stored_and_replaced(make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    a, b, c, _d = voting_round.items
    participant, _token = join(workshop)
    cast_ballot(voting_round, participant, dots={str(a.id): 2, str(b.id): 2, str(c.id): 1})
    cast_ballot(voting_round, participant, dots={a.id: 1})
    assert db.session.query(Ballot).count() == 1
    assert queries.ballot_values(voting_round, participant) == {a.id: 1}
    results = queries.round_results(voting_round)
    assert results.participants == 1
    assert results.items[0].item_id == a.id and results.items[0].total == 1


@pytest.mark.parametrize("dots, message", [
    ({"A": 3}, "Höchstens 2"),
    ({"A": 2, "B": 2, "C": 2}, "erlaubt sind höchstens 5"),
    ({"A": -1}, "negativ"),
    ({"A": "viel"}, "ganze Zahlen"),
    ({}, "mindestens einen Punkt"),
    ({"999999": 1}, "nicht zur Wahl"),
])
def test_dot_rules_are_enforced_on_the_server(make_workshop, make_round, join, dots, message):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    ids = {"A": voting_round.items[0].id, "B": voting_round.items[1].id, "C": voting_round.items[2].id}
    participant, _token = join(workshop)
    ballot = {str(ids.get(k, k)): v for k, v in dots.items()}
    with pytest.raises(ValidationError, match=message):
        cast_ballot(voting_round, participant, dots=ballot)
    assert db.session.query(BallotEntry).count() == 0


def test_rating_round_gives_mean_and_distribution(make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop, method="rating", budget=None, max_per_item=None)
    first = voting_round.items[0]
    for value in (5, 4, 3):
        participant, _token = join(workshop)
        cast_ballot(voting_round, participant, ratings={first.id: value})
    with pytest.raises(ValidationError, match="1 bis 5"):
        cast_ballot(voting_round, join(workshop)[0], ratings={first.id: 6})
    row = queries.round_results(voting_round).items[0]
    assert row.item_id == first.id and row.mean == 4.0 and row.distribution == (0, 0, 1, 1, 1)


def test_ranking_round_gives_borda_points(make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop, method="ranking", budget=None, max_per_item=None)
    a, b, c, d = voting_round.items
    cast_ballot(voting_round, join(workshop)[0], ranking=[a.id, b.id, c.id, d.id])
    cast_ballot(voting_round, join(workshop)[0], ranking=[b.id, a.id])
    with pytest.raises(ValidationError, match="nur einen Platz"):
        cast_ballot(voting_round, join(workshop)[0], ranking=[a.id, a.id])
    totals = {r.item_id: r.total for r in queries.round_results(voting_round).items}
    assert totals == {a.id: 4 + 3, b.id: 3 + 4, c.id: 2, d.id: 1}


def test_votes_after_closing_are_refused(make_workshop, make_round, join):
    workshop = make_workshop()
    voting_round = make_round(workshop)
    participant, _token = join(workshop)
    services.close_round(voting_round)
    with pytest.raises(RoundClosedError, match="geschlossen"):
        cast_ballot(voting_round, participant, dots={voting_round.items[0].id: 1})
    with pytest.raises(ValidationError):
        services.open_round(voting_round)


def test_item_priorities_sum_every_round(make_workshop, make_round, make_items, join):
    workshop = make_workshop()
    goals = make_items(workshop, 3)
    dots = make_round(workshop, items=goals)
    rating = make_round(workshop, method="rating", items=goals, budget=None, max_per_item=None)
    ranking = make_round(workshop, method="ranking", items=goals, budget=None, max_per_item=None)
    first, second = join(workshop)[0], join(workshop)[0]
    cast_ballot(dots, first, dots={goals[0].id: 2, goals[1].id: 1})
    cast_ballot(dots, second, dots={goals[0].id: 2})
    cast_ballot(rating, first, ratings={goals[0].id: 5, goals[1].id: 2})
    cast_ballot(rating, second, ratings={goals[0].id: 4})
    cast_ballot(ranking, first, ranking=[goals[1].id, goals[0].id])
    untouched = services.create_item(workshop, kind="measure", title="Neu", source="proposal:1")
    priorities = {p.item_id: p for p in queries.item_priorities(workshop.project_id)}
    top = priorities[goals[0].id]
    assert (top.dots, top.mean_rating, top.rank_points, top.voters) == (4, 4.5, 2, 2)
    assert top.workshop_title == workshop.title and top.kind == "guiding_goal"
    assert priorities[goals[1].id].rank_points == 3
    assert priorities[goals[2].id].rank_points is None and priorities[goals[2].id].mean_rating is None
    assert priorities[untouched.id].is_accepted_proposal and priorities[untouched.id].voters == 0


def test_workshop_attendance_counts_participants_or_stated_attendance(make_workshop, make_project, join):
    project = make_project()
    counted = make_workshop(project, title="Entscheider")
    make_workshop(project, title="Experten", kind="expert", attendance=24)
    join(counted)
    join(counted)
    rows = {row.title: row for row in queries.workshop_attendance(project.id)}
    assert rows["Entscheider"].participants == 2 and rows["Experten"].participants == 24
    assert rows["Experten"].kind == "expert"
