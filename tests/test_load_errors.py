"""Every kind of bad input ends in a DatasetError with the exact line, column and message."""

from __future__ import annotations

import pytest

from explorer import DatasetError, load, loads

from .conftest import DATA

INVALID = DATA / "invalid"

CASES = [
    # file, line, column, message, hint fragment
    ("unknown-key.yaml", 10, 5, "unknown key `actros` (event e)", "did you mean `actors`?"),
    ("missing-field.yaml", 2, 5, "missing required field `name` (actor a)", "add `name:`"),
    ("wrong-type.yaml", 5, 14, "`aliases` should be a list, not text (actor a)", "write a list"),
    ("impossible-date.yaml", 5, 11, "impossible date '2025-13-01': month 13 is not between 1 and 12", None),
    ("no-such-day.yaml", 5, 11, "impossible date '2025-02-30': February 2025 has 28 days", None),
    ("malformed-date.yaml", 5, 11, "malformed date 'Aug 15': expected YYYY, YYYY-MM or YYYY-MM-DD", None),
    ("end-before-date.yaml", 6, 10, "`end` (2025-08-01) is before `date` (2025-08-15) (event e)", "cannot end before"),
    ("duplicate-id.yaml", 5, 9, "duplicate actor id `a`", "first defined at line 2"),
    ("unknown-actor.yaml", 10, 14, "unknown actor `vladimir-puttin` (event e)", "did you mean `vladimir-putin`?"),
    ("unknown-event.yaml", 12, 14, "unknown event `yalta-1954` (event e)", "did you mean `yalta-1945`?"),
    ("unknown-topic.yaml", 11, 12, "unknown topic `ceasfire` (position a/ceasfire)", "did you mean `ceasefire`?"),
    ("unknown-kind.yaml", 6, 11, "unknown kind `meetign` (event e)", "did you mean `meeting`?"),
    ("duplicate-key.yaml", 5, 5, "duplicate key `name`", "already set at line 3"),
    ("yaml11-boolean.yaml", 5, 15, "unquoted `NO` was read as false (actor norway)", 'put it in quotes: "NO"'),
    ("not-utf8.yaml", 4, 15, "byte 0xe9 is not valid UTF-8", "save the file as UTF-8"),
    ("empty.yaml", 1, 1, "file is empty", "actors:"),
    ("syntax-error.yaml", 5, 12, "YAML syntax: while parsing a block mapping", "quoting"),
    ("top-level-list.yaml", 1, 1, "the top level is a list, not a mapping", "mapping with `actors:`"),
]


@pytest.mark.parametrize(("name", "line", "column", "message", "hint"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_one_located_error(name, line, column, message, hint):
    with pytest.raises(DatasetError) as raised:
        load(INVALID / name)
    [problem] = raised.value.problems
    assert (problem.path, problem.line, problem.column) == (str(INVALID / name), line, column)
    assert message in str(problem)
    if hint:
        assert hint in (problem.hint or "")
    assert str(problem).startswith(f"{INVALID / name}:{line}:{column}: error: ")


def test_several_errors_are_reported_together_in_file_order():
    path = INVALID / "several-errors.yaml"
    with pytest.raises(DatasetError) as raised:
        load(path)
    found = [(p.line, p.message) for p in raised.value.problems]
    assert found == [
        (4, "unknown kind `persn`"),
        (7, "`title` should be text, but unquoted `no` was read as false"),
        (8, "`date`: impossible date '2025-13-01': month 13 is not between 1 and 12"),
        (10, "unknown actor `b`"),
        (11, "duplicate event id `e`"),
        (15, "unknown key `summery`"),
    ]


def test_missing_file_is_named():
    with pytest.raises(DatasetError) as raised:
        load(DATA / "no-such-file.yaml")
    assert "no such file" in str(raised.value)


def test_folder_without_data_files_is_refused(tmp_path):
    # A folder is a dataset in several files (see test_load_dir.py); one with none is an error.
    (tmp_path / "notes.txt").write_text("not data")
    with pytest.raises(DatasetError) as raised:
        load(tmp_path)
    assert "the folder holds no .yaml file" in str(raised.value)


def test_comment_only_file_has_no_data():
    with pytest.raises(DatasetError, match="file has no data"):
        loads("# nothing here\n", "x.yaml")


def test_python_tag_is_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    text = f'actors: !!python/object/apply:os.system ["touch {marker}"]\nevents: []\n'
    with pytest.raises(DatasetError) as raised:
        loads(text, "hostile.yaml")
    [problem] = raised.value.problems
    assert problem.line == 1 and "unsupported YAML tag `!!python/object/apply:os.system`" in problem.message
    assert not marker.exists()


def test_alias_bomb_is_stopped():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    with pytest.raises(DatasetError, match="alias bomb"):
        loads("\n".join(lines) + "\nactors: []\nevents: []\n")


def test_several_documents_are_refused():
    with pytest.raises(DatasetError, match="more than one YAML document") as raised:
        loads("actors: []\nevents: []\n---\nactors: []\n")
    assert raised.value.problems[0].line == 3


def test_tab_indentation_gets_a_tab_hint():
    with pytest.raises(DatasetError) as raised:
        loads("actors:\n\t- id: x\nevents: []\n")
    assert raised.value.problems[0].hint == "indent with spaces, not tabs"


def test_unquoted_number_where_text_expected_suggests_quotes():
    text = "actors:\n  - id: a\n    name: 1945\n    kind: person\nevents: []\n"
    with pytest.raises(DatasetError) as raised:
        loads(text)
    [problem] = raised.value.problems
    assert (problem.line, problem.message) == (3, "`name` should be text, not the number 1945")
    assert problem.hint == 'YAML reads unquoted 1945 as a number; put it in quotes: "1945"'


def test_unknown_top_level_key_suggests_nearest():
    with pytest.raises(DatasetError) as raised:
        loads("actors: []\nevent: []\n")
    messages = [(p.line, p.message, p.hint) for p in raised.value.problems]
    assert (1, "missing required field `events`", "add `events:` to this item") in messages
    assert (2, "unknown key `event`", "did you mean `events`?") in messages


def test_pure_python_loader_gives_the_same_errors(monkeypatch):
    import yaml

    import explorer.yaml_values

    monkeypatch.setattr(explorer.yaml_values, "SafeLoader", yaml.SafeLoader)
    with pytest.raises(DatasetError) as raised:
        load(INVALID / "several-errors.yaml")
    assert [p.line for p in raised.value.problems] == [4, 7, 8, 10, 11, 15]
