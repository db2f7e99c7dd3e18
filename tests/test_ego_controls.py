"""The hops choice applies only where an ego network can be drawn."""

from __future__ import annotations

from explorer.web.ego_controls import ego_hint, hops_options
from explorer.web.state import PageState

NATO_STANCE = "stance:donald-trump/ukraine-nato-membership"


def enabled(state: PageState) -> list[int]:
    return [option["value"] for option in hops_options(state) if not option["disabled"]]


def test_hops_apply_to_a_selected_actor_event_or_topic():
    for node in ("actor:donald-trump", "event:yalta-conference", "topic:ceasefire"):
        state = PageState(view="network", selected=node, hops=2)
        assert enabled(state) == [0, 1, 2, 3] and ego_hint(state) == ""


def test_a_selected_stance_disables_the_hops_and_says_why():
    state = PageState(view="network", selected=NATO_STANCE, hops=2)
    assert enabled(state) == [0]
    assert ego_hint(state) == "(a stance is not a node: select an actor, event or topic)"


def test_without_a_selection_or_in_the_actors_network_the_hops_are_off():
    assert enabled(PageState(view="network", hops=2)) == [0]
    actors_only = PageState(view="network", mode="actors", selected="actor:donald-trump", hops=1)
    assert enabled(actors_only) == [0] and "actors & events" in ego_hint(actors_only)


def test_an_export_names_only_the_hops_it_draws(small_dataset):
    import base64

    from explorer.web import AppData
    from explorer.web.callbacks import export_file

    data = AppData.from_dataset(small_dataset)

    def caption(search: str) -> str:
        download = export_file("network", ".html", 1, search, None, data)
        return base64.b64decode(download["content"]).decode("utf-8")

    assert "1-hop network" in caption("?view=network&selected=actor%3Aalice&hops=1")
    assert "hop network" not in caption("?view=network&selected=stance%3Aalice%2Fceasefire&hops=1")
