"""explorer lint: each rule on a small file, located to the field like a load error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from explorer import load, loads
from explorer.lint import RULES, lint
from explorer.locate import item_snippet
from explorer.names import NameIndex

from .conftest import DATA

LINT = DATA / "lint"

# fixture (also the rule's name), line, column, the warning after "warning: "
CASES = [
    (
        "speaker-not-actor",
        15,
        18,
        "quote speaker `bob` is not among the event's actors (event talk) [speaker-not-actor]"
        " — add `bob` to the event's `actors`, or correct the speaker",
    ),
    (
        "position-date",
        26,
        11,
        "position is dated 2025-08-16, but its event `summit` is dated 2025-08-15 (position alice/ceasefire)"
        " [position-date] — give the position its event's date, or link it to the event where it was stated",
    ),
    (
        "named-not-actor",
        12,
        12,
        "Bob Sample (`bob`) is named in the title but is not among the event's actors (event talk)"
        " [named-not-actor] — add `bob` to the event's `actors`, or reword the title",
    ),
    (
        "role-overlap",
        9,
        9,
        "role `Foreign minister (second term)` overlaps the same office held from 2018-01-01 to 2022-06-30"
        " (role 1) (actor alice) [role-overlap] — correct the dates, or merge the two roles into one",
    ),
    (
        "role-gap",
        11,
        13,
        "role `Foreign minister` ends 2020-06-30 with no successor, though the office continues (`bob` holds it"
        " from 2023-01-10) and the file has events in between, such as `interim` (actor alice) [role-gap]"
        " — add whoever held the office in between (an acting holder counts), or correct the dates",
    ),
    (
        "island-event",
        17,
        5,
        "event shares no actor with any other event and has no link to or from one (an island) (event lone)"
        " [island-event] — add the actors it shares with other events, or a `links:` entry to a related event",
    ),
    (
        "topic-without-positions",
        6,
        5,
        "no position is taken on this topic (topic sanctions) [topic-without-positions]"
        " — add the positions actors took on it, or remove the topic",
    ),
    (
        "actor-without-events",
        4,
        5,
        "actor takes part in no event (actor bob) [actor-without-events]"
        " — list it among the `actors` of the events it took part in, or remove it",
    ),
    (
        "ordinal-claim",
        18,
        14,
        "the summary says “The second call between Alice Example and Bob Sample of the year”, but the file has"
        " 3 such events in 2025 before this one: call-1 (2025-01-10), call-2 (2025-02), call-3 (2025-03-05)"
        " (event call-4) [ordinal-claim] — correct the ordinal, or the kind, actors or dates of the earlier events",
    ),
]


@pytest.mark.parametrize(("rule", "line", "column", "text"), CASES, ids=[case[0] for case in CASES])
def test_each_rule_gives_one_located_warning(rule, line, column, text):
    path = LINT / f"{rule}.yaml"
    [warning] = lint(load(path))
    assert str(warning) == f"{path}:{line}:{column}: warning: {text}"
    assert warning.rule == rule


def test_every_rule_has_a_fixture():
    assert sorted(RULES) == sorted(case[0] for case in CASES)


def test_small_dataset_warnings_are_only_the_expected_ones(small_dataset):
    # small.yaml is consistent except that the sanctions package shares no actor with another event.
    assert [w.rule for w in lint(small_dataset)] == ["island-event"]


def _events(*events: str, actors: str = "") -> str:
    return (
        "actors:\n"
        "  - {id: alice, name: Alice Example, kind: person, affiliations: [freedonia]}\n"
        "  - {id: bob, name: Bob Sample, kind: person}\n"
        "  - {id: freedonia, name: Freedonia, kind: state}\n" + actors + "events:\n" + "".join(events)
    )


def _event(event_id: str, date: str, actors: str, kind: str = "meeting", **fields: str) -> str:
    fields = {"title": "T", "date": f"'{date}'", "kind": kind, "actors": actors, **fields}
    return f"  - id: {event_id}\n" + "".join(f"    {key}: {value}\n" for key, value in fields.items())


def test_state_of_an_actor_named_in_title_is_not_reported():
    text = _events(
        _event("a", "2025-01-01", "[alice, bob]", title="'Alice and Bob meet in Freedonia'"),
        _event("b", "2025-01-02", "[alice, bob, freedonia]"),
    )
    assert [w.rule for w in lint(loads(text, "x.yaml"))] == []


def test_name_matching_is_whole_word_and_case_sensitive():
    index = NameIndex.of(load(DATA / "small.yaml").actors)
    assert index.find("Freedonian officials met alice example") == []
    assert index.find("Freedonia's envoy met Al and Sample.") == ["freedonia", "alice", "bob"]


def test_correct_and_uncheckable_ordinals_are_not_reported():
    text = _events(
        _event("c1", "2025-01-10", "[alice, bob]", kind="call"),
        _event("c2", "2025-02-10", "[alice, bob]", kind="call", summary="'Their second call of the year.'"),
        _event("c3", "2025-03-10", "[alice, bob]", kind="call", summary="'The first call since February.'"),
        _event("c4", "2025-03-11", "[alice, bob]", kind="call", summary="'Their ninth call, we are told.'"),
    )
    assert [w for w in lint(loads(text, "x.yaml")) if w.rule == "ordinal-claim"] == []


def test_ordinal_counts_only_events_certainly_before():
    # A call known only to March 2025 may be after the 5 March one: "first" is not contradicted.
    text = _events(
        _event("c1", "2025-03", "[alice, bob]", kind="call"),
        _event("c2", "2025-03-05", "[alice, bob]", kind="call", summary="'The first call of the year.'"),
    )
    assert [w for w in lint(loads(text, "x.yaml")) if w.rule == "ordinal-claim"] == []


def test_hand_over_on_the_same_day_is_neither_overlap_nor_gap():
    actors = (
        "  - id: carol\n    name: Carol Test\n    kind: person\n    roles:\n"
        "      - {title: President, organization: freedonia, from: '2017-01-20', to: '2021-01-20'}\n"
        "      - {title: President, organization: freedonia, from: '2025-01-20'}\n"
        "  - id: dan\n    name: Dan Test\n    kind: person\n    roles:\n"
        "      - {title: President, organization: freedonia, from: '2021-01-20', to: '2025-01-20'}\n"
    )
    text = _events(
        _event("a", "2023-01-01", "[alice, bob, freedonia, carol, dan]"),
        _event("b", "2023-01-02", "[alice, bob, freedonia, carol, dan]"),
        actors=actors,
    )
    assert lint(loads(text, "x.yaml")) == []


def test_ignore_skips_a_rule_and_refuses_unknown_names():
    assert lint(load(LINT / "island-event.yaml"), ignore=["island-event"]) == []
    with pytest.raises(ValueError, match="unknown rule island"):
        lint(load(LINT / "island-event.yaml"), ignore=["island"])


def test_item_snippet_stops_at_the_next_item_and_keeps_nested_lines():
    lines = ["events:", "  - id: a", "    summary: >-", "      x", "", "    # note", "    kind: call", "  - id: b"]
    assert item_snippet(lines, 2, 5) == "id: a\nsummary: >-\n  x\n\n# note\nkind: call"


def test_location_falls_back_to_the_item_when_the_file_changed(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text((LINT / "speaker-not-actor.yaml").read_text())
    dataset = load(path)
    path.write_text("gone")
    [warning] = lint(dataset)
    assert (warning.location.line, warning.location.column) == (6, 5)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=120)


def test_cli_prints_warnings_and_exits_zero_or_one_with_strict():
    path = str(LINT / "island-event.yaml")
    result = run("lint", path, "--no-cache")
    assert result.returncode == 0
    assert result.stdout.startswith(f"{path}:17:5: warning: event shares no actor")
    assert result.stderr.strip() == f"{path}: 1 warning"
    assert run("lint", path, "--strict", "--no-cache").returncode == 1


def test_cli_strict_passes_a_clean_file_and_fails_an_invalid_one():
    text = _events(_event("a", "2025-01-01", "[alice, bob, freedonia]"), _event("b", "2025-01-02", "[alice, bob]"))
    assert lint(loads(text, "x.yaml")) == []
    clean = run("lint", str(LINT / "island-event.yaml"), "--strict", "--ignore", "island-event")
    assert clean.returncode == 0 and clean.stdout == ""
    invalid = run("lint", str(DATA / "invalid" / "unknown-key.yaml"))
    assert invalid.returncode == 1 and ": error: unknown key" in invalid.stderr


def test_cli_unknown_rule_is_a_usage_error():
    result = run("lint", str(LINT / "island-event.yaml"), "--ignore", "nope")
    assert result.returncode == 2 and "unknown rule nope" in result.stderr and "Traceback" not in result.stderr


def test_a_reviewed_exception_is_allowed_by_a_comment_on_its_line(tmp_path):
    text = (LINT / "named-not-actor.yaml").read_text(encoding="utf-8")
    bare = tmp_path / "bare.yaml"
    bare.write_text(text.replace("  # lint: allow named-not-actor, role-gap", ""), encoding="utf-8")
    assert [w.item for w in lint(load(bare))] == ["event talk", "event answer"]
    assert [w.item for w in lint(load(LINT / "named-not-actor.yaml"))] == ["event talk"]
