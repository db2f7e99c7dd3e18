"""Stance computation: the stance held at the end of a range, changes within it, ties, fuzzy dates."""

from __future__ import annotations

from explorer.model import FuzzyDate, Position
from explorer.positions import cell_for, ordered, stance_changes, stance_matrix


def position(stance: str, date: str, actor: str = "a", topic: str = "t") -> Position:
    return Position(actor=actor, topic=topic, stance=stance, date=date)


def d(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def test_the_latest_position_before_the_end_is_held():
    history = [position("supports", "2025-02"), position("opposes", "2025-08-16"), position("supports", "2025-10-17")]
    assert cell_for(history, "a", "t", None, None).stance == "supports"
    assert cell_for(history, "a", "t", None, d("2025-09")).stance == "opposes"
    assert cell_for(history, "a", "t", None, d("2025-08-15")).stance == "supports"


def test_a_position_before_the_range_still_holds_in_it():
    cell = cell_for([position("conditional", "2024-06-14")], "a", "t", d("2025"), d("2025"))
    assert cell.stance == "conditional" and str(cell.held_since) == "2024-06-14" and not cell.has_changed


def test_nothing_is_held_before_the_first_position():
    cell = cell_for([position("supports", "2025-05")], "a", "t", None, d("2025-04"))
    assert cell.stance is None and not cell.positions


def test_changes_within_the_range_are_listed_from_the_stance_held_before_it():
    history = [position("supports", "2025-03"), position("opposes", "2025-08-16"), position("supports", "2025-10-17")]
    cell = cell_for(history, "a", "t", d("2025-06"), None)
    assert [(str(c.date), c.before, c.after) for c in cell.changes] == [
        ("2025-08-16", "supports", "opposes"),
        ("2025-10-17", "opposes", "supports"),
    ]
    assert not cell_for(history, "a", "t", d("2025-11"), None).has_changed


def test_repeating_a_stance_is_not_a_change():
    history = [position("opposes", "2025-01"), position("opposes", "2025-05")]
    assert not cell_for(history, "a", "t", None, None).has_changed


def test_a_tie_on_one_date_takes_the_later_in_the_file_and_says_so():
    history = [position("supports", "2025-08-15"), position("opposes", "2025-08-15")]
    cell = cell_for(history, "a", "t", None, None)
    assert cell.stance == "opposes" and cell.is_tied
    assert not cell.has_changed, "two stances on one day are not a change over time"


def test_fuzzy_dates_order_by_first_then_last_day():
    month, day, year = position("supports", "2025-08"), position("opposes", "2025-08-15"), position("neutral", "2025")
    assert [p.stance for p in ordered([day, month, year])] == ["neutral", "supports", "opposes"]
    assert cell_for([month], "a", "t", None, d("2025-08-01")).stance == "supports", "August counts from its first day"


def test_matrix_rows_columns_and_filters(small_dataset):
    matrix = stance_matrix(small_dataset)
    assert matrix.actors == ("alice", "bob") and matrix.topics == ("ceasefire", "sanctions")
    assert matrix.cell("alice", "ceasefire").stance == "supports"
    assert matrix.cell("alice", "sanctions").stance is None
    only_bob = stance_matrix(small_dataset, actors=["bob"], end=d("2025-08"))
    assert only_bob.actors == ("bob",) and only_bob.cell("bob", "sanctions").stance is None


def test_stance_changes_per_topic_in_the_curated_data():
    from explorer import load

    from .conftest import CURATED

    changes = stance_changes(load(CURATED))
    assert changes, "the curated data records changes of stance"
    for items in changes.values():
        dates = [change.date.first for _, change in items]
        assert dates == sorted(dates)


def test_a_single_statement_gets_a_readable_time_axis(small_dataset):
    import datetime as dt

    from explorer.figures.positions import stance_timeline_figure

    matrix = stance_matrix(small_dataset, actors=["bob"])
    start, end = stance_timeline_figure(matrix, small_dataset, "sanctions").layout.xaxis.range
    assert (end - start) >= dt.timedelta(days=90)
