"""The render callback's answer goes to JSON in one orjson call: its components are sent as
the dicts Dash makes of them, so plotly's walk over the whole answer (figures included,
point by point) is never needed; and those dicts are what Dash itself would have sent."""

from __future__ import annotations

import json

import orjson
import plotly.io._json as plotly_json
import pytest
from dash import html
from plotly.io.json import to_json_plotly

from explorer.web import create_app
from explorer.web.wire import plain_components

from .conftest import DATA
from .test_bad_requests import callback_body, draw

CALLBACK = "/_dash-update-component"


@pytest.fixture(scope="module")
def client():
    return create_app(DATA / "small.yaml").server.test_client()


@pytest.mark.parametrize(
    "search",
    [
        "?selected=event:old-conference&actor=nobody",
        "?view=network&selected=actor:bob",
        "?view=positions&selected=stance:alice/ceasefire",
        "?view=list&q=nothing+like+this",
    ],
)
def test_the_render_answer_needs_no_walk_over_its_figures(client, search, monkeypatch):
    def walk(*args, **kwargs):
        raise AssertionError("plotly walked the answer in Python")

    monkeypatch.setattr(plotly_json, "clean_to_json_compatible", walk)
    dependencies = client.get("/_dash-dependencies").get_json()
    body = callback_body(draw(dependencies), {"url.search": search, "timeline-width.data": 900}, "url.search")
    response = client.post(CALLBACK, json=body, headers={"X-Explorer-Test": search})
    assert response.status_code == 200, response.data[:300]
    answer = response.get_json()["response"]
    detail = json.dumps(answer["detail"]["children"])
    assert '"namespace": "dash_html_components"' in detail, "the detail panel is sent as components"
    if "selected=event" in search:
        assert "The old conference" in detail
        assert "nobody" in json.dumps(answer["notices"]["children"], ensure_ascii=False), "the unknown actor's warning"


def test_components_are_sent_as_dash_sends_them():
    tree = [
        html.Div([html.Strong("No events match. "), "Reset ", html.Button("all", id={"type": "reset"}, n_clicks=0)]),
        html.Ul([html.Li(html.A("link", href="https://example.org", target="_blank"))], className="list"),
        html.Div("x", **{"aria-label": "labelled", "data-node": "event:a"}),
    ]
    assert orjson.loads(orjson.dumps(plain_components(tree))) == json.loads(to_json_plotly(tree))
