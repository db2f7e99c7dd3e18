"""FuzzyDate keeps its precision; comparison and overlap are defined on intervals."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.model import DateFormatError, DateRange, FuzzyDate


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("1945", "year", dt.date(1945, 1, 1), dt.date(1945, 12, 31)),
        ("1945-02", "month", dt.date(1945, 2, 1), dt.date(1945, 2, 28)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("1945-02-04", "day", dt.date(1945, 2, 4), dt.date(1945, 2, 4)),
    ],
)
def test_a_fuzzy_date_is_the_interval_it_names(text, precision, first, last):
    date = FuzzyDate.parse(text)
    assert (date.precision, date.first, date.last, str(date)) == (precision, first, last, text)


def test_an_integer_year_parses():
    assert FuzzyDate.parse(1945) == FuzzyDate(1945)


@pytest.mark.parametrize("text", ["Aug 15", "2025/08/15", "15-08-2025", "2025-8-15x", "", "twenty"])
def test_malformed_dates_are_refused(text):
    with pytest.raises(DateFormatError, match="malformed date"):
        FuzzyDate.parse(text)


@pytest.mark.parametrize("text", ["2025-13-01", "2025-00", "2025-02-29", "2025-04-31", "0"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(DateFormatError, match="impossible date"):
        FuzzyDate.parse(text)


def test_a_month_overlaps_a_day_inside_it():
    assert FuzzyDate.parse("2025-08").overlaps(FuzzyDate.parse("2025-08-15"))
    assert not FuzzyDate.parse("2025-07").overlaps(FuzzyDate.parse("2025-08-15"))


def test_from_a_day_keeps_an_event_dated_to_its_month():
    assert DateRange(start=FuzzyDate.parse("2025-08-15")).contains_span(dt.date(2025, 8, 1), dt.date(2025, 8, 31))


def test_to_a_month_keeps_the_whole_month():
    in_range = DateRange(end=FuzzyDate.parse("2025-08"))
    assert in_range.contains_span(dt.date(2025, 8, 31), dt.date(2025, 8, 31))
    assert not in_range.contains_span(dt.date(2025, 9, 1), dt.date(2025, 9, 1))


def test_ordering_is_by_start_then_end():
    dates = [FuzzyDate.parse(t) for t in ["2025-08-15", "2025", "2025-08", "1945-02-04"]]
    assert [str(d) for d in sorted(dates)] == ["1945-02-04", "2025", "2025-08", "2025-08-15"]


def test_describe_shows_the_precision():
    assert [FuzzyDate.parse(t).describe() for t in ["2025-08-15", "2025-08", "2025"]] == [
        "15 Aug 2025",
        "Aug 2025",
        "2025",
    ]
