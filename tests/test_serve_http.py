"""What the server says over HTTP and on the command line: security headers on every
response, no server banner (under ``explorer serve`` and gunicorn), a warning when the data
is served to the network, IPv6 addresses printed as URLs, and ports checked."""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

from explorer.web import create_app

from .conftest import DATA
from .test_bad_requests import callback_body, draw
from .test_response_cache import answer
from .test_serve import free_port, wait_for

SMALL = str(DATA / "small.yaml")


@pytest.fixture(scope="module")
def client():
    return create_app(SMALL).server.test_client()


def assert_security_headers(headers) -> None:
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Werkzeug" not in headers.get("Server", "") and "Python" not in headers.get("Server", "")


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/assets/explorer.css"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_security_headers(response.headers)


def test_the_csp_allows_only_dashs_own_inline_script(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    script_sources = next(part for part in policy.split(";") if part.strip().startswith("script-src")).split()[1:]
    assert script_sources[0] == "'self'" and "'unsafe-eval'" not in script_sources
    assert script_sources[1:] and all(source.startswith("'sha256-") for source in script_sources[1:])
    assert "'unsafe-inline'" not in script_sources


@contextlib.contextmanager
def serving(*args: str) -> Iterator[tuple[subprocess.Popen, int, str]]:
    """``explorer serve`` of the small dataset on a free port with ``args``: the process, the
    port and what it said on stderr up to "Ctrl+C"; stopped at the end of the block."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "serve", SMALL, "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = ""
        deadline = time.monotonic() + 60
        while "Ctrl+C" not in said and time.monotonic() < deadline and process.poll() is None:
            said += process.stderr.readline()
        yield process, port, said
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_explorer_serve_sends_headers_and_no_werkzeug_banner():
    with serving() as (process, port, _said):
        wait_for(f"http://127.0.0.1:{port}/", process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.headers["Server"] == "explorer"
            assert_security_headers(response.headers)


def test_serving_to_the_network_warns_that_anyone_can_read_the_data():
    with serving("--host", "0.0.0.0") as (_process, port, said):
        assert "anyone on the network" in said and "can read the data" in said
        assert f"http://0.0.0.0:{port}/" in said


def test_loopback_serving_gives_no_network_warning():
    with serving() as (_process, _port, said):
        assert "Ctrl+C" in said and "anyone on the network" not in said


def test_an_ipv6_address_prints_as_a_url_that_works():
    with serving("--host", "::1") as (process, port, said):
        url = f"http://[::1]:{port}/"
        assert url in said, said
        assert b"Small test dataset" in wait_for(url, process)


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(port):
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "serve", SMALL, "--port", port], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "--port" in result.stderr and "Traceback" not in result.stderr


def test_gunicorn_sends_the_headers_and_no_version_banner():
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--workers", "1", "--bind", f"127.0.0.1:{port}", "explorer.web:server"],
        env={**os.environ, "EXPLORER_DATA": SMALL},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.headers.get_all("Server") == ["gunicorn"]
            assert_security_headers(response.headers)
    finally:
        process.terminate()
        process.communicate(timeout=30)


# -- page weight: compression and browser caching ------------------------------------------


def page_asset_urls(client) -> list[str]:
    return re.findall(r'(?:src|href)="(/[^"]+)"', client.get("/").get_data(as_text=True))


def plotly_url(client) -> str:
    """The URL of the plotly.js bundle the page loads (the strict one, from the assets)."""
    return next(url for url in page_asset_urls(client) if "/plotly-strict.min.js" in url)


@pytest.mark.parametrize(("accepted", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("identity", None)])
def test_assets_are_compressed_as_the_browser_accepts(client, accepted, encoding):
    plotly = plotly_url(client)
    plain = client.get(plotly, headers={"Accept-Encoding": "identity"}).data
    response = client.get(plotly, headers={"Accept-Encoding": accepted})
    assert response.headers.get("Content-Encoding") == encoding
    unpack = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert unpack(response.data) == plain and plain.startswith(b"/**")
    if encoding:
        assert len(response.data) < len(plain) / 3


def test_callback_answers_are_compressed_and_cached_uncompressed(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_CACHE_URL", str(tmp_path))
    app = create_app(SMALL)
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    body = callback_body(draw(dependencies), {"url.search": ""}, "url.search")
    packed = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "br"})
    assert packed.headers["Content-Encoding"] == "br" and packed.headers["X-Explorer-Cache"] == "miss"
    plain = answer(app)  # from the cache, for a client that accepts no compression
    assert plain.headers["X-Explorer-Cache"] == "hit" and "Content-Encoding" not in plain.headers
    assert brotli.decompress(packed.data) == plain.data


def test_fingerprinted_assets_are_immutable_for_a_year(client):
    urls = page_asset_urls(client)
    fingerprinted = [url for url in urls if ".v4_" in url or "?m=" in url or "?v=" in url]
    assert len(fingerprinted) >= 8, urls
    for url in fingerprinted:
        cache_control = client.get(url).headers["Cache-Control"]
        assert cache_control == "public, max-age=31536000, immutable", url


def test_unversioned_files_and_answers_are_not_marked_immutable(client):
    for url in ("/assets/plotly-strict.min.js", "/", "/_dash-layout", "/_dash-dependencies"):
        assert "immutable" not in client.get(url).headers.get("Cache-Control", ""), url
