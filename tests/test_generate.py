"""The synthetic data generator: deterministic, valid, and shaped like real data."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
from collections import Counter

import pytest

from explorer import generate as generator
from explorer import load
from explorer.cli import generate_command
from explorer.generate import default_actors, generate, write
from explorer.model import STANCES


@pytest.fixture(scope="module")
def document():
    return generate(300, seed=3)


@pytest.fixture(scope="module")
def dataset(document, tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "events.yaml"
    write(document, path)
    return load(path, max_bytes=2**31)


def test_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(tmp_path):
    paths = [tmp_path / name for name in ("a.yaml", "b.yaml", "c.yaml")]
    for path, seed in zip(paths, (7, 7, 8), strict=True):
        write(generate(200, seed=seed), path)
    first, again, other = (path.read_bytes() for path in paths)
    assert first == again
    assert first != other


def test_generated_file_validates_with_the_asked_counts(dataset):
    assert len(dataset.events) == 300
    assert len(dataset.actors) == default_actors(300) == 75
    assert len(dataset.topics) == 8
    assert len(dataset.positions) == 30


def test_asked_actor_count_and_tiny_files_validate(tmp_path):
    for events, actors in ((1, None), (3, 1), (40, 7)):
        path = tmp_path / f"tiny-{events}.yaml"
        write(generate(events, actors), path)
        loaded = load(path)
        assert len(loaded.events) == events
        assert len(loaded.actors) == (actors or 20)


def test_default_actor_count():
    assert default_actors(10) == 20
    assert default_actors(4000) == 1000
    assert default_actors(10**7) == 25_000


def test_bad_sizes_are_refused():
    for events in (0, -5, 2.5, True):
        with pytest.raises(ValueError):
            generate(events)
    with pytest.raises(ValueError):
        generate(10, actors=0)


def test_participation_is_skewed(dataset):
    participation = Counter(p.actor for event in dataset.events for p in event.actors)
    counts = sorted(participation.values(), reverse=True)
    assert counts[0] >= 5 * statistics.median(counts)
    sizes = Counter(len(event.actors) for event in dataset.events)
    assert set(sizes) <= {1, 2, 3, 4} and len(sizes) >= 3
    assert any(p.role for event in dataset.events for p in event.actors)


def test_dates_have_mixed_precision_and_most_are_recent(dataset):
    precision = Counter(event.date.precision for event in dataset.events)
    assert precision["day"] > precision["month"] > precision["year"] > 0
    assert 0.6 < precision["day"] / len(dataset.events) < 0.9
    years = [event.date.year for event in dataset.events]
    assert min(years) >= 1990 and max(years) <= 2025
    assert max(event.last for event in dataset.events) <= dt.date(2025, 12, 31)
    assert statistics.median(years) >= 2018
    assert any(event.end is not None and event.last > event.first for event in dataset.events)


def test_kinds_links_topics_positions_and_sources(dataset):
    assert len({event.kind for event in dataset.events}) >= 8
    links = [(event, link) for event in dataset.events for link in event.links]
    kinds = Counter(link.kind for _, link in links)
    assert {"follows", "responds_to", "compares_to"} <= set(kinds)
    for event, link in links:
        if link.kind == "compares_to":
            assert dataset.event_by_id[link.to].date.year <= event.date.year - 15
    assert all(event.sources for event in dataset.events)
    assert all(source.url.startswith("https://example.org/") for e in dataset.events for source in e.sources)
    assert sum(1 for event in dataset.events if event.topics) > len(dataset.events) / 2
    # Positions: stated at events the actor took part in, with stances that change over time.
    assert {p.stance for p in dataset.positions} <= set(STANCES)
    for position in dataset.positions:
        assert position.actor in dataset.event_by_id[position.event].actor_ids()
    runs: dict[tuple[str, str], list[str]] = {}
    for position in dataset.positions:
        runs.setdefault((position.actor, position.topic), []).append(position.stance)
    assert any(len(set(stances)) > 1 for stances in runs.values())


def test_dates_are_quoted_in_the_yaml(tmp_path):
    path = write(generate(50), tmp_path / "quoted.yaml")
    text = path.read_text(encoding="utf-8")
    assert re.search(r'^\s+date: "\d{4}', text, re.MULTILINE)
    assert not re.search(r"^\s+(-\s)?(date|end|from|to): \d", text, re.MULTILINE)
    assert "&id" not in text and "*id" not in text


def _command(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="explorer")
    generate_command.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_command_writes_the_file_and_a_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(generator, "PROGRESS_FROM", 100)
    path = tmp_path / "cli.yaml"
    args = _command(["generate", "--events", "120", "--actors", "30", "--seed", "5", "-o", str(path)])
    assert args.run(args) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and "120 events, 30 actors" in out
    assert "generated 12/120 events" in err and "generated 120/120 events" in err
    assert path.read_bytes() == generator.dumps(generate(120, 30, seed=5)).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["cli.yaml"]  # no temporary file left behind


@pytest.mark.parametrize("value", ["0", "-3", "ten", "1.5"])
def test_command_refuses_a_non_positive_event_count(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _command(["generate", "--events", value, "-o", "x.yaml"])
    assert exit_info.value.code == 2
    assert "positive integer" in capsys.readouterr().err


def test_command_refuses_a_folder_or_a_missing_folder(tmp_path, capsys):
    for target in (tmp_path, tmp_path / "missing" / "out.yaml"):
        args = _command(["generate", "--events", "5", "-o", str(target)])
        assert args.run(args) == 2
        assert "explorer generate: error:" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
