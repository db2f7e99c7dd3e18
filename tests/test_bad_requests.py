"""Hostile HTTP requests: malformed callback requests and traversal attempts get a 4xx and one
log line, never a 500 with a traceback; a hypothesis fuzz of the callback endpoint finds no
input that gives a 500."""

from __future__ import annotations

import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.web import create_app

from .conftest import DATA

CALLBACK = "/_dash-update-component"


class Records(logging.Handler):
    """Every log record the app writes, whatever its logger."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def lines(self) -> list[str]:
        return [self.format(record) for record in self.records]


@pytest.fixture(scope="module")
def app():
    return create_app(DATA / "small.yaml")


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def dependencies(client):
    return client.get("/_dash-dependencies").get_json()


@pytest.fixture
def records():
    handler = Records()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


def callback_body(dependency: dict, values: dict[str, object], changed: str) -> dict:
    """The request the page sends for ``dependency``, with input ``values`` by "id.property"."""
    outputs = []
    for part in dependency["output"].strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component, "property": prop})
    inputs = [
        {"id": item["id"], "property": item["property"], "value": values.get(f"{item['id']}.{item['property']}")}
        for item in dependency["inputs"]
    ]
    state = [
        {"id": item["id"], "property": item["property"], "value": values.get(f"{item['id']}.{item['property']}")}
        for item in dependency["state"]
    ]
    return {
        "output": dependency["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [changed],
    }


def url_sync(dependencies) -> dict:
    return next(d for d in dependencies if d["output"].startswith("..url.search..."))


def draw(dependencies) -> dict:
    return next(d for d in dependencies if "counts.children" in d["output"])


def assert_refused_in_one_line(response, records, status=400):
    assert response.status_code == status, response.data[:300]
    lines = records.lines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0] and str(status) in lines[0]


def test_a_well_formed_callback_request_is_answered(client, dependencies):
    response = client.post(CALLBACK, json=callback_body(draw(dependencies), {"url.search": ""}, "url.search"))
    assert response.status_code == 200 and "counts" in response.get_json()["response"]


@pytest.mark.parametrize(
    "raw",
    [
        '{"a":' * 5000 + "1" + "}" * 5000,  # deeper than any JSON parser's recursion
        "[" * 100_000 + "]" * 100_000,
        "{{{ not json",
        "[1, 2]",
        '"a string"',
        json.dumps({"output": "counts.children"}),  # missing fields
        json.dumps({"output": 5, "outputs": "x", "inputs": 7}),  # wrong types
        json.dumps({"output": "counts.children", "outputs": {}, "inputs": [1, 2, 3]}),
        json.dumps({"output": "no-such.thing", "outputs": {"id": "no-such", "property": "thing"}, "inputs": []}),
    ],
)
def test_malformed_callback_requests_are_refused_in_one_line(client, records, raw):
    response = client.post(CALLBACK, data=raw, content_type="application/json")
    assert_refused_in_one_line(response, records)


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        ("dates.start_date", "2025-02-30"),
        ("dates.end_date", "2025-13-01"),
        ("hops.value", "abc"),
        ("years.value", ["a", "b"]),
        ("limit.value", {"x": 1}),
    ],
)
def test_impossible_values_sent_to_the_url_sync_are_refused(client, dependencies, records, prop, value):
    body = callback_body(url_sync(dependencies), {"url.search": "", prop: value}, prop)
    assert_refused_in_one_line(client.post(CALLBACK, json=body), records)


def test_a_search_that_is_not_text_is_refused(client, dependencies, records):
    body = callback_body(draw(dependencies), {"url.search": 5}, "url.search")
    assert_refused_in_one_line(client.post(CALLBACK, json=body), records)


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/../../etc/passwd",
        "/_dash-component-suites/dash/..%2f..%2f..%2fetc%2fpasswd",
        "/_dash-component-suites/dash/../../../pyproject.toml",
        "/_dash-component-suites/plotly/package_data/../../../../../etc/passwd",
        "/_dash-component-suites/nope/x.js",
    ],
)
def test_traversal_on_component_suites_is_a_404_in_one_line(client, records, path):
    response = client.get(path)
    assert b"root:" not in response.data
    assert_refused_in_one_line(response, records, status=404)


def test_a_request_body_past_the_limit_is_refused(client, records):
    response = client.post(CALLBACK, data=b"{" + b" " * (3 * 2**20) + b"}", content_type="application/json")
    assert_refused_in_one_line(response, records, status=413)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def test_fuzz_arbitrary_bodies_never_give_a_500(client):
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=JSON | st.binary(max_size=200))
    def check(body):
        data = body if isinstance(body, bytes) else json.dumps(body)
        response = client.post(CALLBACK, data=data, content_type="application/json")
        assert response.status_code < 500, response.data[:300]

    check()


def test_fuzz_callback_inputs_never_give_a_500(client, dependencies):
    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data):
        dependency = data.draw(st.sampled_from(dependencies))
        names = [f"{item['id']}.{item['property']}" for item in dependency["inputs"]]
        values = {name: data.draw(JSON, label=name) for name in names}
        changed = data.draw(st.sampled_from(names))
        response = client.post(CALLBACK, json=callback_body(dependency, values, changed))
        assert response.status_code < 500, response.data[:300]

    check()
