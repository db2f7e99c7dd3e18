"""Hostile files: each ends in a located error and exit 1, never a traceback, a hang or
unbounded memory. Run through the command line, as a user would meet them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import Dataset, DatasetError, load
from explorer.read import read_bytes

from .conftest import DATA

HOSTILE = DATA / "hostile"

CASES = {
    # file: (line, column, message)
    "python-tag.yaml": (1, 9, "unsupported YAML tag `!!python/object/apply:os.system`"),
    "alias-bomb.yaml": (5, 8, "anchors and aliases expand to far more data than the file holds"),
    "deep-nesting.yaml": (1, 1008, "exceeded maximum nesting depth"),
    "deep-block-nesting.yaml": (65, 129, "nesting deeper than 64 levels"),
    "tabs.yaml": (2, 1, "YAML syntax"),
    "byte-order-mark.yaml": (1, 1, "file starts with a byte-order mark"),
    "mixed-line-endings.yaml": (2, 11, "mixed line endings"),
    "lone-cr.yaml": (1, 11, "lone carriage return"),
    "duplicate-keys.yaml": (5, 5, "duplicate key `title`"),
    "latin1.yaml": (4, 16, "byte 0xdf is not valid UTF-8"),
    "binary.yaml": None,  # located at the first NUL byte, wherever the binary has it
    "utf16.yaml": (1, 1, "file is UTF-16"),
    "several-documents.yaml": (3, 1, "more than one YAML document"),
}


def validate(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explorer", "validate", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_ends_in_a_located_error(name, tmp_path):
    path = HOSTILE / name
    result = validate(str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    if CASES[name] is None:
        assert first.startswith(f"{path}:1:") and "NUL bytes" in first
    else:
        line, column, message = CASES[name]
        assert first.startswith(f"{path}:{line}:{column}: error: ") and message in first, first


def test_a_python_tag_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "tag.yaml"
    path.write_text(f'actors: !!python/object/apply:os.system ["touch {marker}"]\nevents: []\n')
    assert validate(str(path)).returncode == 1 and not marker.exists()


def test_the_alias_bomb_is_stopped_within_bounded_memory():
    code = (
        "from explorer import load, DatasetError\n"
        f"try: load({str(HOSTILE / 'alias-bomb.yaml')!r})\n"
        "except DatasetError: pass\n"
        # VmHWM, this process's own peak (ru_maxrss keeps the forking parent's across exec).
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert int(result.stdout) < 400_000, "peak memory in KiB stays far from the 10⁹ nodes the bomb asks for"


def test_a_file_over_the_size_limit_is_refused_with_a_flag_to_raise_it(tmp_path):
    path = tmp_path / "large.yaml"
    padding = "# " + "x" * 1000 + "\n"
    path.write_text("actors: []\nevents: []\n" + padding * 3000)
    refused = validate("--max-size", "1", str(path))
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        f"{path}: error: file is 2.9 MiB, over the 1 MiB limit — raise the limit with --max-size"
    )
    assert validate("--max-size", "4", str(path)).returncode == 0


def make_fifo(path):
    os.mkfifo(path)
    return path


def make_socket(path):
    import socket

    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    return path


@pytest.mark.parametrize(
    "make, kind",
    [
        (lambda tmp_path: "/dev/zero", "a character device"),  # endless, and its size reads 0
        (lambda tmp_path: make_fifo(tmp_path / "events.yaml"), "a FIFO (named pipe)"),  # no writer: open blocks
        (lambda tmp_path: make_socket(tmp_path / "events.yaml"), "a socket"),
    ],
    ids=["device", "fifo", "socket"],
)
def test_what_is_not_a_regular_file_is_refused_at_once(tmp_path, make, kind):
    path = make(tmp_path)
    result = validate(str(path))  # times out (and fails) if it blocks
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: error: is {kind}, not a regular file — give the path of a data file")


def test_every_read_is_bounded_by_the_limit_whatever_size_the_file_reports(tmp_path):
    with pytest.raises(DatasetError) as refused:
        load("/proc/self/maps", max_bytes=1000)  # a regular file whose size reads 0
    [problem] = refused.value.problems
    assert str(problem) == (
        "/proc/self/maps: error: file is over the 1,000-byte limit — "
        "raise the limit with --max-size if the file is meant to be this large"
    )
    assert b"\nPid:" in read_bytes("/proc/self/status"), "within the limit, read whole"


def test_every_hostile_fixture_is_covered():
    assert {p.name for p in HOSTILE.glob("*.yaml")} - {"xss.yaml"} == set(CASES)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_dataset_or_dataset_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(data)
    try:
        assert isinstance(load(path), Dataset)
    except DatasetError as error:
        assert error.problems


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "actors:",
                "events:",
                "- id: a",
                "  name: x",
                "  kind: person",
                "&a",
                "*a",
                "!!str",
                "[",
                "]",
                "{",
                "}",
                ":",
                "- ",
                "  ",
                "\t",
                "'",
                '"',
                "? ",
                "<<: *a",
                "---",
                "...",
                "yes",
                "1945-02-04",
                "~",
                "\n",
            ]
        ),
        max_size=40,
    )
)
def test_yaml_looking_text_gives_a_dataset_or_dataset_error(pieces):
    from explorer import loads

    try:
        loads(" ".join(pieces), "fuzz.yaml")
    except DatasetError as error:
        assert error.problems
