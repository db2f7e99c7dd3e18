"""The command line, run as a user runs it: a subprocess, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from .conftest import DATA


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=120)


def test_validate_valid_file_exits_zero():
    result = run("validate", str(DATA / "small.yaml"))
    assert result.returncode == 0, result.stderr
    assert "valid — 3 actors, 4 events, 2 topics, 2 positions" in result.stdout


def test_validate_invalid_file_prints_located_errors_and_exits_one():
    path = DATA / "invalid" / "several-errors.yaml"
    result = run("validate", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:4:11: error: unknown kind `persn`")
    assert lines[-1] == f"{path}: 6 errors"
    assert "Traceback" not in result.stderr


def test_validate_several_files_fails_if_any_fails():
    result = run("validate", str(DATA / "small.yaml"), str(DATA / "invalid" / "empty.yaml"))
    assert result.returncode == 1
    assert "valid" in result.stdout and "file is empty" in result.stderr


def test_every_invalid_fixture_fails_cleanly():
    paths = sorted((DATA / "invalid").glob("*.yaml"))
    result = run("validate", *map(str, paths))  # one process: each file is still reported on its own
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for path in paths:
        assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: error: ", result.stderr, re.M), path
        assert re.search(rf"^{re.escape(str(path))}: \d+ errors?$", result.stderr, re.M), path


def test_stats_prints_counts_span_and_most_connected():
    result = run("stats", str(DATA / "small.yaml"))
    assert result.returncode == 0, result.stderr
    assert "dates: 1945-02-04 to 2025-10-22" in result.stdout
    assert "Alice Example" in result.stdout.split("most connected")[1]


def test_stats_json():
    figures = json.loads(run("stats", str(DATA / "small.yaml"), "--json").stdout)
    assert figures["counts"]["events"] == 4 and figures["most_connected"][0]["id"] == "alice"


def test_stats_of_a_bad_file_exits_one_without_traceback():
    result = run("stats", str(DATA / "invalid" / "unknown-key.yaml"))
    assert result.returncode == 1 and "unknown key `actros`" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_valid_json_schema_and_accepts_the_test_data():
    result = run("schema")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    with open(DATA / "small.yaml", encoding="utf-8") as handle:
        jsonschema.validate(yaml.safe_load(handle), schema)


def test_schema_rejects_an_unknown_key():
    schema = json.loads(run("schema").stdout)
    document = {"actors": [], "events": [], "evnts": []}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document))


def test_console_script_and_module_agree():
    script = Path(sys.executable).parent / "explorer"
    assert script.exists(), "the explorer console script is installed beside the interpreter"
    result = subprocess.run([str(script), "validate", str(DATA / "small.yaml")], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == run("validate", str(DATA / "small.yaml")).stdout


def test_stats_reports_stance_changes_per_topic():
    result = run("stats")
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("stance changes by topic:")[1].split("most connected")[0]
    assert "→" in section
    figures = json.loads(run("stats", "--json").stdout)
    changes = [c for items in figures["stance_changes"].values() for c in items]
    assert changes and {"actor", "date", "from", "to"} <= set(changes[0])


def test_long_loads_report_progress_on_stderr(monkeypatch, capsys):
    from explorer import cli
    from explorer.cli import common

    monkeypatch.setattr(common, "PROGRESS_FROM_BYTES", 0)
    assert cli.main(["validate", str(DATA / "small.yaml")]) == 0
    progress = [line for line in capsys.readouterr().err.splitlines() if line.startswith("explorer: ")]
    assert [line.split(" ")[1] for line in progress] == ["parsing", "parsed", "loaded"]
    assert "validating 4 events" in progress[1]
