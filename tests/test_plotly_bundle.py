"""The plotly.js bundle the page loads: the strict bundle (no eval, so the CSP needs no
'unsafe-eval'), byte for byte the file of the npm package pinned in vendor/plotly-strict, and
the same plotly.js version plotly.py ships (the figures are built for that version)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from explorer.web import assets_folder, create_app

from .conftest import CURATED

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "vendor" / "plotly-strict"
PACKAGE = "plotly.js-strict-dist-min"
BUNDLE = assets_folder() / "plotly-strict.min.js"


def bundle_version(text: str) -> str:
    match = re.search(r"plotly\.js \(strict - minified\) v(\d+\.\d+\.\d+)", text[:300])
    assert match, "the bundle starts with plotly.js's strict banner"
    return match.group(1)


def test_the_bundle_is_the_strict_build_of_plotly_pys_plotly_js():
    lock = json.loads((PINNED / "package-lock.json").read_text())
    pinned = lock["packages"][f"node_modules/{PACKAGE}"]["version"]
    assert bundle_version(BUNDLE.read_text(encoding="utf-8")) == pinned == get_plotlyjs_version()


def test_the_bundle_is_the_pinned_npm_packages_file(tmp_path):
    npm = shutil.which("npm")
    assert npm, "the check installs the pinned bundle with npm: install nodejs and npm"
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PINNED / name, tmp_path / name)
    # npm ci checks the package against the lock file's sha512 integrity.
    subprocess.run(
        [npm, "ci", "--prefix", str(tmp_path), "--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
        timeout=300,
    )
    installed = tmp_path / "node_modules" / PACKAGE / "plotly-strict.min.js"
    assert installed.read_bytes() == BUNDLE.read_bytes()


@pytest.fixture(scope="module")
def page_html() -> str:
    return create_app(CURATED).server.test_client().get("/").get_data(as_text=True)


def test_the_page_loads_the_strict_bundle_before_dashs_graphs(page_html):
    scripts = re.findall(r'<script src="([^"]+)"', page_html)
    strict = next(i for i, src in enumerate(scripts) if "/assets/plotly-strict.min.js" in src)
    graphs = next(i for i, src in enumerate(scripts) if "dash_core_components." in src)
    # dcc.Graph uses window.Plotly when it is defined, and loads no bundle of its own.
    assert strict < graphs
    assert not any("package_data/plotly" in src for src in scripts)
