"""explorer export --format timelinejs: a story TimelineJS can show, which imports back the same."""

from __future__ import annotations

import json
import subprocess
import sys

from explorer import build_graph, load, loads, query
from explorer.importers import import_source
from explorer.importers.timelinejs_json import read_timelinejs_json
from explorer.timelinejs import timelinejs_bytes, timelinejs_document

from .conftest import CURATED, DATA


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=120)


def reimported(document: dict, tmp_path):
    """The dataset ``explorer import`` makes of a TimelineJS document."""
    source = tmp_path / "story.json"
    source.write_text(json.dumps(document))
    output = tmp_path / "story.yaml"
    result = run("import", str(source), "-o", str(output))
    assert result.returncode == 0, result.stderr
    return load(output)


def test_importing_the_export_gives_back_the_same_events(tmp_path):
    dataset = load(CURATED)
    document = json.loads(timelinejs_bytes(query(build_graph(dataset))))
    assert len(document["events"]) == len(dataset.events)
    again = reimported(document, tmp_path)
    assert again.name == dataset.name
    assert sorted(again.events, key=lambda e: e.id) == sorted(dataset.events, key=lambda e: e.id)
    assert {a.id: a for a in again.actors}.items() <= dataset.actor_by_id.items()


def test_what_timelinejs_shows_imports_back_without_explorers_fields(tmp_path):
    dataset = load(CURATED)
    document = timelinejs_document(query(build_graph(dataset)))
    del document["explorer"]
    for slide in document["events"]:
        del slide["explorer"]
    again = reimported(document, tmp_path).event_by_id
    for event in dataset.events:
        other = again[event.id]
        assert (other.title, other.date, other.end, other.summary) == (
            event.title,
            event.date,
            event.end,
            event.summary,
        )
        assert [q.text for q in other.quotes] == [q.text for q in event.quotes]
        assert [s.url for s in other.sources] == [s.url for s in event.sources if s.url]


def test_slides_carry_dates_at_their_precision_and_actors_as_groups(small_graph):
    document = timelinejs_document(query(small_graph))
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert slides["summer-meeting"]["start_date"] == {"year": 2025, "month": 8}
    assert slides["old-conference"]["end_date"] == {"year": 1945, "month": 2, "day": 11}
    assert slides["old-conference"]["group"] == "Alice Example"
    assert (
        "<blockquote>Peace is near<cite>Alice Example</cite></blockquote>" in slides["summer-meeting"]["text"]["text"]
    )
    assert document["title"]["text"]["headline"] == "Small test dataset"


def test_text_is_escaped_so_data_cannot_become_markup(tmp_path):
    text = (DATA / "small.yaml").read_text().replace("title: A summer meeting", 'title: "<img src=x onerror=alert(1)>"')
    dataset = loads(text, "x.yaml")
    slide = next(
        s for s in timelinejs_document(query(build_graph(dataset)))["events"] if s["unique_id"] == "summer-meeting"
    )
    assert slide["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    again = read_timelinejs_json(json.dumps(timelinejs_document(query(build_graph(dataset)))), "s.json")
    assert next(e for e in again.events if e["id"] == "summer-meeting")["title"] == "<img src=x onerror=alert(1)>"


def test_cli_exports_the_filtered_events_with_links_only_among_them(tmp_path):
    story = tmp_path / "story.json"
    result = run("export", str(CURATED), "--no-cache", "--format", "timelinejs", "-o", str(story),
                 "--actor", "kirill-dmitriev", "--from", "2025-09")  # fmt: skip
    assert result.returncode == 0, result.stderr
    dataset = load(CURATED)
    expected = [e.id for e in query(build_graph(dataset), actors=["kirill-dmitriev"], start="2025-09").events]
    assert [slide["unique_id"] for slide in json.loads(story.read_text())["events"]] == expected
    _, imported = import_source(story)
    assert [event["id"] for event in imported.events] == expected
    kept = set(expected)
    assert all(link["to"] in kept for event in imported.events for link in event.get("links", []))


def test_timelinejs_format_needs_a_json_file(tmp_path):
    result = run("export", "--format", "timelinejs", "-o", str(tmp_path / "story.png"))
    assert result.returncode == 2 and "--format timelinejs writes .json files" in result.stderr
