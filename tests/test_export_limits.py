"""Exports that cannot lie: sizes a browser cannot draw are refused with a clear message,
what the browser returns is checked to be the image asked for, a browser that will not
start is given up on in time, and exported files get the permissions the umask says."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest

import explorer.export as export_module
from explorer import build_graph, load, query
from explorer.export import ExportError, ImageRenderer, ImageSize, export
from explorer.web import AppData
from explorer.web.callbacks import export_file

from .conftest import DATA

SMALL = DATA / "small.yaml"


@pytest.fixture(scope="module")
def view():
    return query(build_graph(load(SMALL)))


def run_export(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explorer", "export", str(SMALL), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "16"], "scale 16 is out of range"),
        (["--width", "100000"], "200,000 × "),
        (["--width", "9000", "--height", "9000", "--scale", "1"], "64 megapixels"),
    ],
)
def test_cli_refuses_an_image_too_large_to_draw(tmp_path, args, message):
    result = run_export("-o", str(tmp_path / "s.png"), *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir()), "nothing written"


def test_what_the_browser_returns_is_checked_before_it_is_written(view, tmp_path, monkeypatch):
    # Past the size limits Chromium returns three bytes instead of a PNG; lift the limits to
    # make it do so, and the export must still refuse to write them.
    monkeypatch.setattr(export_module, "check_image_size", lambda *size: None)
    with pytest.raises(ExportError, match="returned no PNG image"):
        export(view, tmp_path / "s.png", size=ImageSize(width=100_000, scale=2))
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_image_signatures_are_checked(fmt):
    with pytest.raises(ExportError, match=f"no {fmt.upper()} image"):
        export_module.check_image_bytes(b"u\xabZ", fmt)


def test_a_browser_that_exits_at_once_is_a_clear_error(tmp_path):
    started = time.monotonic()
    result = run_export("-o", str(tmp_path / "x.png"), env={"BROWSER_PATH": "/bin/false"}, timeout=90)
    assert result.returncode == 1
    assert "/bin/false" in result.stderr and "BROWSER_PATH" in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - started < 60
    assert not list(tmp_path.iterdir())


def test_a_browser_that_never_starts_is_given_up_in_time_and_killed(tmp_path, monkeypatch):
    marker = f"explorer-test-sleep-{os.getpid()}"
    browser = tmp_path / "browser"
    browser.write_text(f"#!/bin/bash\nexec -a {marker} sleep 300\n")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    started = time.monotonic()
    with pytest.raises(ExportError, match="did not start within 2 s"), ImageRenderer(start_seconds=2):
        pass
    assert time.monotonic() - started < 20
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout
    assert not left, "the browser that hung is killed"


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_exports_respect_the_umask(view, tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        path = export(view, tmp_path / "events.csv")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def served() -> AppData:
    return AppData.from_dataset(load(SMALL))


@pytest.mark.parametrize("scale", [24, 40, -1, 1e9, 2.5, "2", True, None])
def test_web_export_accepts_only_the_offered_scales(scale, monkeypatch):
    data = served()
    monkeypatch.setattr(export_module.ImageRenderer, "render", lambda *a: pytest.fail("nothing is drawn"))
    with pytest.raises(ExportError, match="offers no export"):
        export_file("timeline", ".png", scale, "", None, data)


def test_web_export_refuses_a_format_the_page_does_not_offer():
    data = served()
    with pytest.raises(ExportError, match="offers no export"):
        export_file("timeline", ".docx", 2, "", None, data)
