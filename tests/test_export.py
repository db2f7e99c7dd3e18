"""Exports decoded and read back: images by Pillow and pypdf, graphs by networkx, igraph and
graphology (an independent GEXF parser, run with Node), CSV by the csv module."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader

from explorer import build_graph, load, query
from explorer.export import ExportError, ImageRenderer, ImageSize, events_csv, export, write_atomic

from .conftest import CURATED, DATA

READERS = Path(__file__).parent / "readers"


@pytest.fixture(scope="module")
def view():
    return query(build_graph(load(CURATED)), actors=["kirill-dmitriev"], start="2025")


@pytest.fixture(scope="module")
def renderer():
    with ImageRenderer() as shared:
        yield shared


def test_png_has_the_asked_size_and_is_not_blank(view, renderer, tmp_path):
    path = export(view, tmp_path / "t.png", size=ImageSize(width=900, height=600, scale=2), renderer=renderer)
    image = Image.open(path)
    assert image.size == (1800, 1200)
    spread = ImageStat.Stat(image.convert("L")).stddev[0]
    assert spread > 10, "an image with content, not a blank canvas"


def test_svg_parses_and_shows_the_labels(view, renderer, tmp_path):
    path = export(view, tmp_path / "n.svg", view_name="network", renderer=renderer)
    elements = ET.parse(path).iter()
    texts = {"".join(e.itertext()) for e in elements if e.tag.rsplit("}", 1)[-1] in ("text", "tspan")}
    # The filter's actor is labelled first; others as far as they fit without overlapping.
    assert "Kirill Dmitriev" in texts and "Vladimir Putin" in texts
    assert any(text.startswith("actors: Kirill Dmitriev") for text in texts), "the caption names the filter"


def test_pdf_is_one_page(view, renderer, tmp_path):
    path = export(view, tmp_path / "t.pdf", renderer=renderer)
    assert path.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(path).pages) == 1


def test_several_images_share_one_browser(view, tmp_path, monkeypatch):
    import kaleido

    starts = []
    real_open = kaleido.Kaleido.open

    async def counted_open(browser):
        starts.append(1)
        await real_open(browser)

    monkeypatch.setattr(kaleido.Kaleido, "open", counted_open)
    with ImageRenderer() as shared:
        for name in ("a.png", "b.svg", "c.png"):
            export(view, tmp_path / name, renderer=shared)
    assert len(starts) == 1 and all((tmp_path / n).stat().st_size > 1000 for n in ("a.png", "b.svg", "c.png"))


def graph_counts(view) -> tuple[int, int]:
    return view.graph.number_of_nodes(), view.graph.number_of_edges()


def test_graphml_reads_back_in_networkx_and_igraph(view, tmp_path):
    path = export(view, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == graph_counts(view)
    first = view.events[0]
    assert back.nodes[f"event:{first.id}"]["date"] == str(first.date)
    assert back.nodes["actor:kirill-dmitriev"]["node_type"] == "actor"
    other = igraph.Graph.Read_GraphML(str(path))
    assert (other.vcount(), other.ecount()) == graph_counts(view)
    dmitriev = other.vs.find(id="actor:kirill-dmitriev")
    assert dmitriev["label"] == "Kirill Dmitriev" and dmitriev["kind"] == "person"
    roles = {e["role"] for e in other.es if e["edge_type"] == "participated" and e["role"]}
    assert roles, "edge attributes survive"


@pytest.fixture(scope="module")
def graphology_reader() -> str:
    """Node with graphology-gexf, installed from tests/readers' lock file on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "the GEXF check runs graphology under Node.js: install nodejs and npm"
    if not (READERS / "node_modules" / "graphology-gexf").is_dir():
        subprocess.run(
            [npm, "ci", "--prefix", str(READERS), "--no-audit", "--no-fund", "--loglevel=error"],
            check=True,
            timeout=300,
        )
    return node


def read_with_graphology(node: str, path: Path, node_id: str) -> dict:
    """What graphology-gexf reads from ``path``: counts, and the attributes of ``node_id``."""
    result = subprocess.run(
        [node, str(READERS / "read_gexf.mjs"), str(path), node_id],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_gexf_reads_back_in_networkx_and_graphology(view, tmp_path, graphology_reader):
    path = export(view, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == graph_counts(view)
    read = read_with_graphology(graphology_reader, path, "actor:kirill-dmitriev")
    assert (read["nodes"], read["edges"]) == graph_counts(view)
    assert read["node"]["label"] == "Kirill Dmitriev" and read["node"]["kind"] == "person"
    assert json.loads(read["node"]["affiliations"]) == ["russia", "rdif"]


def test_json_is_node_link_data(view, tmp_path):
    data = json.loads(export(view, tmp_path / "g.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert (back.number_of_nodes(), back.number_of_edges()) == graph_counts(view)
    first = view.events[0]
    assert back.nodes[f"event:{first.id}"]["sources"][0]["title"] == first.sources[0].title


def test_csv_has_one_row_per_event_in_the_view(view, tmp_path):
    rows = list(csv.DictReader(export(view, tmp_path / "e.csv").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == [event.id for event in view.events]
    first = rows[0]
    assert first["date"] == str(view.events[0].date) and "kirill-dmitriev" in first["actors"].split("; ")


def test_html_is_a_standalone_page(view, tmp_path):
    text = export(view, tmp_path / "t.html").read_text(encoding="utf-8")
    assert text.lower().startswith("<!doctype html>") and "Plotly.newPlot" in text and "Kirill Dmitriev" in text


def test_unknown_suffix_empty_view_and_missing_folder_are_errors(view, tmp_path):
    with pytest.raises(ExportError, match="unknown format .docx"):
        export(view, tmp_path / "x.docx")
    empty = query(build_graph(load(DATA / "small.yaml")), text="nothing at all")
    with pytest.raises(ExportError, match="no events match"):
        export(empty, tmp_path / "x.csv")
    with pytest.raises(ExportError, match="does not exist"):
        export(view, tmp_path / "missing" / "x.csv")


def test_an_interrupted_write_leaves_no_half_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("the previous export\n")

    def broken_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new data")
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"], "no temporary file left behind"


def test_events_csv_quotes_awkward_text(small_graph):
    text = events_csv(query(small_graph))
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 5 and rows[0][0] == "id"


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explorer", "export", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def test_cli_exports_several_formats_in_one_command(tmp_path):
    outputs = [tmp_path / name for name in ("t.png", "t.csv", "g.graphml")]
    args = ["--actor", "kirill-dmitriev", "--from", "2025-08-15", "--width", "800", "--height", "500", "--scale", "1"]
    result = run_cli(*args, *[arg for path in outputs for arg in ("-o", str(path))])
    assert result.returncode == 0, result.stderr
    assert Image.open(outputs[0]).size == (800, 500)
    expected = query(build_graph(load(CURATED)), actors=["kirill-dmitriev"], start="2025-08-15").events
    assert len(list(csv.DictReader(outputs[1].open()))) == len(expected)


def test_cli_errors_are_clear_and_write_nothing(tmp_path):
    for args, message, code in (
        (["-o", str(tmp_path / "x.doc")], "unknown format .doc", 2),
        (["--actor", "putin", "-o", str(tmp_path / "x.csv")], "did you mean `vladimir-putin`?", 2),
        (["--text", "zzz no such", "-o", str(tmp_path / "x.csv")], "no events match", 1),
        (["-o", str(tmp_path / "no" / "x.csv")], "does not exist", 1),
        (["--from", "2025-13", "-o", str(tmp_path / "x.csv")], "impossible date", 2),
    ):
        result = run_cli(*args)
        assert result.returncode == code and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_cli_without_a_browser_says_how_to_get_one(tmp_path):
    result = run_cli("-o", str(tmp_path / "x.png"), env={"BROWSER_PATH": str(tmp_path / "no-chrome")})
    assert result.returncode == 1
    assert "apt-get install chromium" in result.stderr and "BROWSER_PATH" in result.stderr
    assert not list(tmp_path.iterdir())


def test_positions_view_exports_a_matrix_image_and_a_positions_csv(tmp_path, renderer):
    graph = build_graph(load(CURATED))
    view = query(graph, actors=["russia", "united-states"])
    rows = list(csv.DictReader(export(view, tmp_path / "p.csv", view_name="positions").open(encoding="utf-8")))
    assert rows and {row["actor"] for row in rows} == {"russia", "united-states"}
    assert {"stance", "date", "quote", "sources"} <= set(rows[0])
    path = export(view, tmp_path / "p.svg", view_name="positions", renderer=renderer)
    texts = {"".join(e.itertext()) for e in ET.parse(path).iter() if e.tag.rsplit("}", 1)[-1] in ("text", "tspan")}
    assert "Russia" in texts and "United States" in texts and "Ukraine's NATO membership" in texts
