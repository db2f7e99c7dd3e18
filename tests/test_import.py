"""explorer import: TimelineJS's own example files, mapped spreadsheets and hostile inputs."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import DatasetError, load
from explorer.importers import document_yaml, import_source, parse_mapping
from explorer.importers.html_text import html_to_text

from .conftest import DATA

TIMELINEJS = DATA / "timelinejs"
IMPORT = DATA / "import"
MAPPED = "date=When,title=What,actors=Who,kind=Type,source=Link,summary=Notes,id=Ref"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=120)


def imported(tmp_path: Path, source: Path, *args: str):
    """Import ``source`` through the command line; the written dataset, loaded."""
    output = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(output), *args)
    assert result.returncode == 0, result.stderr
    return load(output), result


def problems(source: Path, mapping: str | None = None) -> list[str]:
    with pytest.raises(DatasetError) as raised:
        import_source(source, mapping=parse_mapping(mapping) if mapping else None)
    return [str(problem) for problem in raised.value.problems]


# -- TimelineJS's own files --------------------------------------------------------------


def test_timelinejs_sheet_csv_becomes_a_valid_dataset(tmp_path):
    dataset, _ = imported(tmp_path, TIMELINEJS / "women_in_computing.csv")
    assert dataset.name == "Women in Computing"
    assert dataset.description.startswith("In this sample timeline, we'll walk you through")
    assert len(dataset.events) == 10
    ada = dataset.event_by_id["ada-lovelace-1815-12-10"]
    assert (str(ada.date), str(ada.end)) == ("1815-12-10", "1852-11-27")
    assert ada.summary.startswith("Women have been programming since before it was a thing. Take Ada Lovelace:")
    assert ("Ada Lovelace", "https://en.wikipedia.org/wiki/Ada_Lovelace") in [(s.title, s.url) for s in ada.sources]


def test_sheet_keeps_the_precision_given(tmp_path):
    dataset, _ = imported(tmp_path, TIMELINEJS / "women_in_computing.csv")
    eniac = dataset.event_by_id["and-the-women-who-made-it-work-1943-07"]
    assert (str(eniac.date), eniac.date.precision, str(eniac.end), eniac.end.precision) == (
        "1943-07",
        "month",
        "1946",
        "year",
    )


def test_blockquote_media_becomes_a_quote_with_its_cite(tmp_path):
    dataset, _ = imported(tmp_path, TIMELINEJS / "women_in_computing.csv")
    [quote] = dataset.event_by_id["edith-clarke-bucking-the-trend-1948-03-14"].quotes
    assert quote.text.startswith("There is no demand for women engineers")
    assert quote.source.title == "Edith Clarke, first female professor of electrical engineering in the United States"


def test_timelinejs_json_title_slide_names_the_dataset(tmp_path):
    dataset, result = imported(tmp_path, TIMELINEJS / "houston.json")
    assert dataset.name == "Whitney Houston 1963 - 2012"
    assert len(dataset.events) == 18
    assert str(dataset.event_by_id["first-recording-1978"].date) == "1978"
    assert "media with no web address (relative or embedded) were kept by caption only (1 item; line 14)" in (
        result.stderr
    )


def test_eras_become_events_tagged_era(tmp_path):
    dataset, _ = imported(tmp_path, TIMELINEJS / "eras.json")
    eras = [event for event in dataset.events if "era" in event.tags]
    assert [(e.title, str(e.date), str(e.end)) for e in eras] == [
        ("Era Test 650-700", "0650", "0700"),
        ("Era Test 600-650", "0600", "0650"),
        ("Era Test 700-720", "0700", "0720"),
    ]


def test_times_of_day_are_dropped_with_a_located_note(tmp_path):
    dataset, result = imported(tmp_path, TIMELINEJS / "marktwain.json")
    assert "note: times of day were dropped: explorer keeps dates to the day (15 items; lines 29, 59, 99" in (
        result.stderr
    )
    assert "slides with no headline and no text were titled with their media caption (3 items; lines 99, 128, 150)" in (
        result.stderr
    )
    assert len(dataset.events) == 17


def test_cosmological_years_are_located_errors(tmp_path):
    found = problems(TIMELINEJS / "cosmo.json")
    assert len(found) == 7
    assert found[0] == (
        f"{TIMELINEJS / 'cosmo.json'}:16: error: year -13800000000 (BCE) cannot be represented: explorer's dates run"
        " from year 1 to 9999 (event 1) — leave this item out, or give a year from 1 to 9999"
    )


def test_timelinejs_2_file_is_named_as_such():
    [message] = problems(TIMELINEJS / "timelinejs2-example.json")
    assert "this is a TimelineJS 2 file (`timeline.date`), not TimelineJS 3" in message


def test_same_input_gives_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for output in (first, second):
        assert run("import", str(TIMELINEJS / "houston.json"), "-o", str(output)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text().startswith("# Imported from houston.json (TimelineJS JSON) by `explorer import`.\n")


# -- bad and hostile input ---------------------------------------------------------------


def test_every_bad_item_is_reported_with_its_line_and_nothing_is_written(tmp_path):
    output = tmp_path / "out.yaml"
    result = run("import", str(IMPORT / "bad-items.json"), "-o", str(output))
    assert result.returncode == 1 and not output.exists()
    path = IMPORT / "bad-items.json"
    assert result.stderr.splitlines() == [
        f"{path}:3: error: year 'abc' is not a whole number (event 1) — write the year as digits",
        f"{path}:4: error: an event should be an object {{...}}, not int (event 2)",
        f"{path}:5: error: February 2025 has 28 days, not 30 (event 3) — correct the day",
        f"{path}:6: error: year -500 (BCE) cannot be represented: explorer's dates run from year 1 to 9999 (event 4)"
        " — leave this item out, or give a year from 1 to 9999",
        f"{path}:7: error: no `start_date` with a year (event 5) — give the event a start_date (at least a year)",
        f"{path}:8: error: `end_date` (2025-01) is before `start_date` (2025-03) (event 6) — swap or correct the dates",
        f"{path}:9: error: day 4 is given without a month (event 7) — give the month too, or leave the day out",
    ]


def test_every_bad_row_is_reported_together():
    path = IMPORT / "rows.csv"
    found = problems(path, "date=Date,title=Headline,actors=Who,kind=Type")
    assert [line.split(": error: ")[0] for line in found] == [f"{path}:{n}" for n in range(2, 8)]
    assert "row has 5 cells, the header has 4" in found[4]
    assert found[5].endswith("unknown kind `meetign` — did you mean `meeting`?")


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("broken-quote.csv", 2, "broken CSV quoting: ',' expected after '\"'"),
        ("unclosed-quote.csv", 3, "a quoted cell that starts in this row is never closed"),
        ("not-timeline.json", 1, 'not a TimelineJS timeline: it has no "events" list'),
    ],
)
def test_broken_files_end_in_one_located_error(name, line, message):
    [found] = problems(IMPORT / name, "date=Date,title=Headline" if name.endswith(".csv") else None)
    assert found.startswith(f"{IMPORT / name}:{line}: error: {message}")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the sheet is empty"),
        ("Date,Headline\n", "nothing to import: the source has no events"),
        ("Date,Headline\n\n,\n", "nothing to import: the source has no events"),
        ("[1, 2]", "not a TimelineJS timeline: the top level is not an object"),
        ('{"events": [', "JSON syntax: Expecting value"),
        ('{"events": []}', "nothing to import: the source has no events"),
        ('{"events": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nesting is too deep"),
        ("\ufeffDate,Headline\n2025,Fine\n", None),
    ],
)
def test_empty_and_truncated_sources(tmp_path, content, message):
    source = tmp_path / ("in.json" if content.startswith(("[", "{")) else "in.csv")
    source.write_text(content, encoding="utf-8")
    if message is None:  # a byte-order mark, as Excel writes it, is fine
        _, result = import_source(source, mapping=parse_mapping("date=Date,title=Headline"))
        assert result.events[0]["title"] == "Fine"
        return
    found = problems(source, "date=Date,title=Headline" if source.suffix == ".csv" else None)
    assert message in found[0]


def test_markup_never_survives_and_unsafe_links_are_dropped(tmp_path):
    dataset, result = imported(tmp_path, IMPORT / "hostile.json")
    [event] = dataset.events
    assert (dataset.name, dataset.description) == ("Story", "About it")
    assert (event.id, event.title) == ("first-slide", "Hi there")
    assert event.summary == "Shown as: Early May\n\nClick me or this."
    assert [(s.title, s.url) for s in event.sources] == [("this", "https://example.org/ok")]
    assert dataset.actors[0].name == "Group One"
    assert "display dates were kept at the head of the summary" in result.stderr


def test_output_is_never_overwritten_without_force(tmp_path):
    output = tmp_path / "out.yaml"
    output.write_text("precious")
    result = run("import", str(TIMELINEJS / "eras.json"), "-o", str(output))
    assert result.returncode == 2 and "exists; use --force" in result.stderr
    assert output.read_text() == "precious"
    assert run("import", str(TIMELINEJS / "eras.json"), "-o", str(output), "--force").returncode == 0
    assert len(load(output).events) == 23


# -- mapped spreadsheets -----------------------------------------------------------------


def test_mapped_csv_makes_actors_from_names_and_merges_repeats(tmp_path):
    dataset, result = imported(tmp_path, IMPORT / "mapped.csv", "--map", MAPPED)
    assert [a.id for a in dataset.actors][:3] == ["donald-trump", "vladimir-putin", "putin"]
    alaska, call, other_call, yalta = dataset.events
    assert (alaska.id, str(alaska.date), alaska.kind) == ("alaska", "2025-08-15", "meeting")
    assert alaska.actor_ids() == ["donald-trump", "vladimir-putin"]
    assert call.actor_ids() == ["vladimir-putin", "donald-trump"]  # "vladimir  putin" is the same name
    assert (call.id, other_call.id, call.kind) == ("follow-up-call-2025-08", "follow-up-call-2025-08-2", "call")
    assert alaska.summary == "Met at the base & talked."
    assert [s.url for s in alaska.sources] == ["https://example.org/alaska", "https://example.org/base"]
    assert [s.title for s in other_call.sources] == ["not a link"]
    assert yalta.actor_ids() == ["franklin-d-roosevelt", "joseph-stalin", "winston-churchill"]
    assert "times of day were dropped: explorer keeps dates to the day (1 item; line 2)" in result.stderr


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("date=When,title=Wat", "the sheet has no column 'Wat' (did you mean 'What'?)"),
        ("date=When,titel=What", "unknown field 'titel' in --map; did you mean 'title'?"),
        ("title=What", "--map must name the column for date"),
    ],
)
def test_bad_mapping_is_a_usage_error(tmp_path, mapping, message):
    result = run("import", str(IMPORT / "mapped.csv"), "-o", str(tmp_path / "o.yaml"), "--map", mapping)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_plain_sheet_without_mapping_asks_for_one(tmp_path):
    result = run("import", str(IMPORT / "mapped.csv"), "-o", str(tmp_path / "o.yaml"))
    assert result.returncode == 2 and "say which columns hold what with --map" in result.stderr


def test_thousands_of_rows_import_and_validate(tmp_path):
    source = tmp_path / "big.csv"
    with source.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["When", "What", "Who"])
        for number in range(3000):
            writer.writerow(
                [f"{2000 + number % 25}-{1 + number % 12:02d}", f"Event {number % 1000}", f"P{number % 40}"]
            )
    mapping = parse_mapping("date=When,title=What,actors=Who")
    _, result = import_source(source, mapping=mapping)
    assert len(result.events) == 3000 and len(result.document["actors"]) == 40
    assert len({event["id"] for event in result.events}) == 3000
    output = tmp_path / "big.yaml"
    output.write_text(document_yaml(result, "big"))
    assert len(load(output).events) == 3000


def test_html_to_text_keeps_paragraphs_links_and_quotes():
    found = html_to_text(
        '<p>One &amp; <a href="https://e.org/a">two</a></p><p>three<br>four</p>'
        "<blockquote>Said <b>this</b>.<cite>Someone</cite></blockquote><script>x()</script>"
    )
    assert found.text == "One & two\n\nthree\nfour"
    assert [(link.url, link.text) for link in found.links] == [("https://e.org/a", "two")]
    assert [(quote.text, quote.cite) for quote in found.quotes] == [("Said this.", "Someone")]


def test_explorer_fields_naming_unknown_ids_are_errors_and_outside_links_are_dropped(tmp_path):
    slide = {"start_date": {"year": 2025}, "text": {"headline": "X"}}
    linked = {**slide, "unique_id": "y", "explorer": {"links": [{"to": "elsewhere", "kind": "follows"}]}}
    ghost = {**slide, "explorer": {"actors": ["ghost"]}}
    bad_actor = {"id": "a", "name": "A", "kind": "person", "affiliations": ["nowhere"]}
    source = tmp_path / "story.json"
    source.write_text(json.dumps({"events": [linked, ghost], "explorer": {"actors": [bad_actor]}}))
    assert [line.split(": error: ")[1] for line in problems(source)] == [
        "actor `a` refers to unknown actor `nowhere` — define it among actors",
        "unknown actor `ghost` (x-2025) — define it in the source's actors",
    ]
    source.write_text(json.dumps({"events": [linked]}))
    _, result = import_source(source)
    assert "links" not in result.events[0]
    assert result.notes == ["links to events the source does not hold were dropped (1 item; line 1)"]
