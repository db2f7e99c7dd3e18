"""The event list's rows, sort, search and CSV (explorer.event_table), without a browser."""

from __future__ import annotations

import csv
import io

import pytest

from explorer import build_graph, load
from explorer.cli import main
from explorer.event_table import (
    COLUMNS,
    ListOrder,
    SortError,
    event_rows,
    listed_csv,
    listed_rows,
    parse_sort,
    rows_by_event,
)
from explorer.export import ExportError, export_bytes
from explorer.generate import generate, write
from explorer.graph import Filters, query_filters

from .conftest import CURATED, DATA


def rows_by_id(view):
    return {row.id: row for row in event_rows(view)}


@pytest.fixture(scope="module")
def small_view():
    return query_filters(build_graph(load(DATA / "small.yaml")), Filters())


@pytest.fixture(scope="module")
def curated_view():
    return query_filters(build_graph(load(CURATED)), Filters())


@pytest.fixture(scope="module")
def generated_view(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "events.yaml"
    write(generate(400, seed=5), path)
    return query_filters(build_graph(load(path, max_bytes=2**31)), Filters())


def test_date_shows_its_precision_and_ranges(small_view):
    rows = rows_by_id(small_view)
    assert rows["summer-meeting"].date == "Aug 2025"
    assert rows["the-statement"].date == "3 Sep 2025"
    assert rows["old-conference"].date == "4 Feb 1945 – 11 Feb 1945"


def test_a_year_only_date_shows_the_year(tmp_path):
    text = (DATA / "small.yaml").read_text().replace('date: "2025-10-22"', 'date: "2025"')
    (tmp_path / "years.yaml").write_text(text)
    view = query_filters(build_graph(load(tmp_path / "years.yaml")), Filters())
    assert rows_by_id(view)["sanction-package"].date == "2025"


def test_actors_are_named_in_their_order_and_sources_counted(small_view, curated_view):
    row = rows_by_id(small_view)["old-conference"]
    assert (row.actors, row.place, row.sources, row.kind) == (
        "Alice Example; Bob Sample",
        "Livadia Palace",
        1,
        "conference",
    )
    assert rows_by_id(small_view)["sanction-package"].place == ""
    alaska = rows_by_id(curated_view)["alaska-summit-2025"]
    event = curated_view.dataset.event_by_id["alaska-summit-2025"]
    assert alaska.sources == len(event.sources) > 1
    assert alaska.actors.split("; ")[:2] == ["Donald Trump", "Vladimir Putin"]


def test_rows_follow_the_views_filters(curated_view):
    filters = Filters(actors=("vladimir-putin",), kinds=("meeting",))
    view = query_filters(curated_view.full_graph, filters)
    rows = listed_rows(view)
    assert [row.id for row in rows] == [event.id for event in view.events]
    assert 0 < len(rows) < len(curated_view.events)
    assert all("Vladimir Putin" in row.actors and row.kind == "meeting" for row in rows)


def test_default_order_is_time_order_and_desc_reverses_it(curated_view):
    ascending = listed_rows(curated_view)
    assert [row.id for row in ascending] == [event.id for event in curated_view.events]
    descending = listed_rows(curated_view, parse_sort("date:desc"))
    firsts = [row.date_order[0] for row in descending]
    assert firsts == sorted(firsts, reverse=True)


@pytest.mark.parametrize("column", list(COLUMNS))
def test_each_column_sorts_both_ways(generated_view, column):
    for direction in ("asc", "desc"):
        rows = listed_rows(generated_view, parse_sort(f"{column}:{direction}"))
        keys = [row.sort_key(column) for row in rows]
        assert keys == sorted(keys, reverse=direction == "desc")
        assert len(rows) == len(generated_view.events)


def test_ties_keep_time_order_in_both_directions(generated_view):
    for direction in ("asc", "desc"):
        rows = listed_rows(generated_view, parse_sort(f"kind:{direction}"))
        for kind in {row.kind for row in rows}:
            same = [row.date_order for row in rows if row.kind == kind]
            assert same == sorted(same)


def test_title_sort_ignores_case(small_view):
    titles = [row.title for row in listed_rows(small_view, parse_sort("title"))]
    assert titles == ["A sanctions package", "A statement comparing things", "A summer meeting", "The old conference"]


def test_search_finds_every_word_in_any_shown_column(small_view, curated_view):
    def found(view, words):
        return [row.id for row in listed_rows(view, ListOrder(search=words))]

    assert found(small_view, "livadia") == ["old-conference"]  # place
    assert found(small_view, "BOB aug") == ["summer-meeting"]  # an actor's name and the date text
    assert found(small_view, "statement") == ["the-statement"]  # kind and title
    assert found(small_view, "truce") == []  # the summary is not a column
    assert found(curated_view, "anchorage trump") == [
        row.id for row in listed_rows(curated_view) if "Anchorage" in row.place and "Donald Trump" in row.actors
    ]


def test_unknown_sort_is_refused_with_the_columns():
    with pytest.raises(SortError, match="date, title, kind, actors, place, sources"):
        parse_sort("size:asc")
    with pytest.raises(SortError, match="asc or desc"):
        parse_sort("title:up")
    assert parse_sort("sources").text() == "sources:asc"


def test_csv_has_the_listed_columns_rows_and_order(curated_view):
    order = ListOrder("sources", True, "russia")
    rows = listed_rows(curated_view, order)
    table = list(csv.reader(io.StringIO(listed_csv(rows))))
    assert table[0] == list(COLUMNS.values())
    assert table[1:] == [[str(cell) for cell in list(row.cells().values())[1:]] for row in rows]
    assert 1 < len(rows) < len(curated_view.events)


def test_export_path_writes_the_listed_csv(curated_view):
    order = parse_sort("title:desc", "putin")
    assert export_bytes(curated_view, ".csv", "list", listing=order).decode() == listed_csv(
        listed_rows(curated_view, order)
    )
    with pytest.raises(ExportError, match=r"\.csv only"):
        export_bytes(curated_view, ".png", "list", listing=order)


def test_cli_exports_the_list_sorted_and_searched(tmp_path, curated_view, capsys):
    out = tmp_path / "list.csv"
    code = main(
        ["export", str(CURATED), "--view", "list", "--sort", "sources:desc", "--search", "alaska", "-o", str(out)]
    )
    assert code == 0
    expected = listed_csv(listed_rows(curated_view, parse_sort("sources:desc", "alaska")))
    assert out.read_bytes().decode() == expected
    assert expected.count("\n") > 2


def test_cli_refuses_an_unknown_sort_and_an_image_of_the_list(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(CURATED), "--view", "list", "--sort", "colour", "-o", str(tmp_path / "l.csv")])
    assert exit_info.value.code == 2
    assert "no column “colour”" in capsys.readouterr().err
    assert main(["export", str(CURATED), "--view", "list", "-o", str(tmp_path / "l.png")]) != 0
    assert "--view list writes the event list as .csv" in capsys.readouterr().err
    assert not (tmp_path / "l.png").exists()


def test_rows_made_once_are_reused_for_a_listing(curated_view):
    known = rows_by_event(curated_view)
    view = query_filters(curated_view.full_graph, Filters(kinds=("meeting",)))
    order = parse_sort("title:desc", "trump")
    reused = listed_rows(view, order, known)
    assert reused == listed_rows(view, order)
    assert all(row is known[row.id] for row in reused)
