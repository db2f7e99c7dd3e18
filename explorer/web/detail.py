"""The detail panel: what is known about the selected event, actor or topic.

Only Dash components, so every piece of user text is rendered as text, never as HTML; only
``http(s)`` sources become links, opening in a new tab with ``rel="noopener noreferrer"``.
Buttons carry ``{"type": "select", "node": …}`` ids; clicking one selects that node.
"""

from __future__ import annotations

from collections import defaultdict

from dash import html

from ..analysis import Measure, communities, community_of, leading_members, shared_events
from ..figures.network import COMMUNITY_COLORS, OTHER_COMMUNITY, rank_text
from ..figures.style import LINK_LABELS, STANCE_COLORS, actor_color, event_color, text_color_on
from ..figures.timeline import date_text
from ..graph import Filters, events_of_actor, positions_of, related_events, split_node
from ..model import Actor, Dataset, Event, Position, Source, Topic
from ..positions import cell_for

SAFE_SCHEMES = ("http://", "https://")
EVENTS_LISTED = 40


def detail_panel(
    node: str | None,
    dataset: Dataset,
    graph,
    filters: Filters | None = None,
    ranking: Measure | None = None,
    show_communities: bool = False,
    path: list[str] = (),
) -> list:
    """The panel's children for the selected ``node`` (``event:…``, ``actor:…``, ``topic:…``,
    or a stance cell ``stance:actor/topic``, read within ``filters``' dates); with ``ranking``
    (a network measure), a node's value and rank under its title; with ``show_communities``,
    the node's community (or, with nothing selected, every community) by its leading members;
    with a ``path`` (node ids from the selection on), its steps."""
    body = _detail_body(node, dataset, graph, filters)
    if path:
        body.insert(2, path_section(path, graph))
    if ranking is not None and node in ranking.values:
        body.insert(2, html.P(rank_text(ranking, node), className="detail-rank"))
    if show_communities and ranking is not None:
        body.append(communities_section(graph, ranking, node))
    return body


def path_section(path: list[str], graph) -> html.Section:
    """The steps of a shortest path, each a button that selects it."""
    steps = [html.Li(select_button(node, graph.nodes[node]["label"], f"· {split_node(node)[0]}")) for node in path]
    title = f"Shortest path to {graph.nodes[path[-1]]['label']} ({len(path) - 1} steps)"
    return section(title, [html.Ol(steps, className="plain-list path-steps")])


COMMUNITY_MEMBERS_LISTED = 8


def communities_section(graph, ranking: Measure, node: str | None) -> html.Section:
    """The communities (only ``node``'s when it is in the graph), each with its size and its
    leading members by ``ranking``, as buttons that select them."""
    found = communities(graph)
    numbers = [community_of(graph)[node]] if node in graph else range(min(len(found), len(COMMUNITY_COLORS)))
    items = []
    for number in numbers:
        members = found[number]
        color = COMMUNITY_COLORS[number] if number < len(COMMUNITY_COLORS) else OTHER_COMMUNITY
        leading = [
            select_button(member, graph.nodes[member]["label"], color=color)
            for member in leading_members(members, ranking, COMMUNITY_MEMBERS_LISTED)
        ]
        items.append(html.Li([html.H4(f"Community {number + 1} · {len(members):,} members"), *leading]))
    title = "Community" if node in graph else f"Communities ({len(found):,}), largest first"
    return section(title, [html.Ul(items, className="plain-list")])


def _detail_body(node: str | None, dataset: Dataset, graph, filters: Filters | None) -> list:
    if not node:
        return [
            html.P("Nothing selected.", className="detail-empty-title"),
            html.P(
                "Click an event on the timeline or a node in the network to read its details, sources and links here.",
                className="muted",
            ),
        ]
    kind, item_id = split_node(node)
    if kind == "event" and item_id in dataset.event_by_id:
        return event_detail(dataset.event_by_id[item_id], dataset)
    if kind == "actor" and item_id in dataset.actor_by_id:
        return actor_detail(dataset.actor_by_id[item_id], dataset, graph)
    if kind == "topic" and item_id in dataset.topic_by_id:
        return topic_detail(dataset.topic_by_id[item_id], dataset)
    if kind == "stance":
        actor, _, topic = item_id.partition("/")
        if actor in dataset.actor_by_id and topic in dataset.topic_by_id:
            return stance_detail(actor, topic, dataset, filters or Filters())
    if kind == "pair":
        first, _, second = item_id.partition("/")
        if first in dataset.actor_by_id and second in dataset.actor_by_id:
            return pair_detail(first, second, dataset, graph)
    return [html.P(f"“{node}” is not in this dataset.", className="muted")]


def hidden_selection_notice() -> html.Div:
    """Said above a selected event that the filters leave out, with a button that widens
    them just enough to show it."""
    return html.Div(
        [
            html.Strong("Not on the timeline: "),
            "the filters leave this event out. ",
            html.Button("Show it", id={"type": "reveal", "where": "detail"}, className="link-button", n_clicks=0),
            " (adds its actors, kind or dates to the filters).",
        ],
        className="notice hidden-selection",
    )


def select_button(node: str, label: str, extra: str = "", color: str | None = None) -> html.Button:
    style = {"borderLeftColor": color} if color else None
    children = [label] + ([html.Span(f" {extra}", className="muted")] if extra else [])
    return html.Button(children, id={"type": "select", "node": node}, className="select-link", n_clicks=0, style=style)


def source_item(source: Source) -> html.Li:
    parts = [p for p in (source.publisher, source.date.describe() if source.date else None) if p]
    meta = html.Span(f" — {', '.join(parts)}", className="muted") if parts else None
    return html.Li([safe_link(source.title, source.url), meta])


def safe_link(text: str, url: str | None):
    """A link for an http(s) ``url``; any other address is shown as inert text."""
    if url and url.strip().lower().startswith(SAFE_SCHEMES):
        return html.A(text, href=url.strip(), target="_blank", rel="noopener noreferrer")
    if url:
        return html.Span([text, html.Span(" (address not shown as a link: not http or https)", className="muted")])
    return html.Span(text)


def section(title: str, children) -> html.Section:
    return html.Section([html.H3(title), *children], className="detail-section")


def badge(text: str, color: str) -> html.Span:
    return html.Span(text, className="badge", style=colored(color))


def stance_chip(stance: str) -> html.Span:
    return html.Span(stance, className="stance", style=colored(STANCE_COLORS.get(stance, "#ffffff")))


def colored(background: str) -> dict:
    """A style on ``background`` with text that keeps a 4.5:1 contrast on it (WCAG AA)."""
    return {"backgroundColor": background, "color": text_color_on(background)}


def event_detail(event: Event, dataset: Dataset) -> list:
    """The panel's children for ``event``: kind, title, date and place, then a section for
    each thing known about it (actors, summary, quotes, related events, positions, topics,
    tags), and its sources."""
    body: list = [
        badge(event.kind, event_color(event.kind)),
        html.H2(event.title, className="detail-title"),
        html.P(date_text(event), className="detail-date"),
    ]
    if event.location:
        body.append(html.P([html.Span("Place: ", className="muted"), event.location], className="detail-location"))
    if event.actors:
        body.append(section("Actors", [html.Ul(event_actor_items(event, dataset), className="plain-list")]))
    if event.summary:
        body.append(section("Summary", [html.P(event.summary)]))
    if event.quotes:
        body.append(section("Quotes", quote_blocks(event, dataset)))
    related = related_events(dataset, event.id)
    if related:
        body.append(section("Related events", related_event_lists(related)))
    positions = positions_of(dataset, event=event.id)
    if positions:
        body.append(section("Positions stated here", [position_list(positions, dataset)]))
    if event.topics:
        topics = [
            html.Li(select_button(f"topic:{t}", dataset.topic_by_id[t].name))
            for t in event.topics
            if t in dataset.topic_by_id
        ]
        body.append(section("Topics", [html.Ul(topics, className="plain-list")]))
    if event.tags:
        body.append(section("Tags", [html.P([html.Span(tag, className="tag") for tag in event.tags])]))
    body.append(sources_section(event.sources))
    return body


def event_actor_items(event: Event, dataset: Dataset) -> list[html.Li]:
    """An item per known actor of ``event``: a button selecting it, with its role in the
    event and the titles it held that day."""
    items = []
    for participant in event.actors:
        actor = dataset.actor_by_id.get(participant.actor)
        if actor is None:
            continue
        held = [role.title for role in actor.roles_on(event.first)]
        role = participant.role or ""
        # An event role is often the office itself; say each title once.
        held = [title for title in held if title.casefold() not in role.casefold()]
        extra = ", ".join(filter(None, [role, *held]))
        items.append(
            html.Li(
                select_button(f"actor:{actor.id}", actor.name, f"({extra})" if extra else "", actor_color(actor.kind))
            )
        )
    return items


def quote_blocks(event: Event, dataset: Dataset) -> list[html.Blockquote]:
    """Each quote of ``event``, with its speaker and its source as a footer."""
    quotes = []
    for quote in event.quotes:
        speaker = dataset.actor_by_id.get(quote.speaker) if quote.speaker else None
        footer = []
        if speaker:
            footer.append(f"— {speaker.name}")
        if quote.source:
            footer += [", ", safe_link(quote.source.title, quote.source.url)]
        quotes.append(html.Blockquote([html.P(f"“{quote.text}”"), html.Footer(footer)]))
    return quotes


def related_event_lists(related: list) -> list:
    """``related`` (``related_events``' direction, kind, event triples) grouped by how they
    relate: a heading and a list of select buttons for each."""
    grouped: dict[str, list] = defaultdict(list)
    for direction, kind, other in related:
        label = LINK_LABELS.get(kind, (kind, kind))[0 if direction == "out" else 1]
        grouped[label].append(
            html.Li(
                select_button(f"event:{other.id}", other.title, f"· {other.date.describe()}", event_color(other.kind))
            )
        )
    children = []
    for label, items in grouped.items():
        children += [html.H4(label.capitalize()), html.Ul(items, className="plain-list")]
    return children


def position_list(positions: list[Position], dataset: Dataset, show_actor: bool = True) -> html.Ul:
    items = []
    for position in positions:
        actor = dataset.actor_by_id.get(position.actor)
        topic = dataset.topic_by_id.get(position.topic)
        who = actor.name if (actor and show_actor) else (topic.name if topic else position.topic)
        line = [
            stance_chip(position.stance),
            html.Strong(f" {who}"),
            html.Span(f" · {position.date.describe()}", className="muted"),
        ]
        if position.quote:
            line.append(html.Q(position.quote, className="position-quote"))
        if position.note:
            line.append(html.Div(position.note, className="muted"))
        if position.sources:
            line.append(html.Ul([source_item(s) for s in position.sources], className="sources small"))
        items.append(html.Li(line))
    return html.Ul(items, className="positions")


def sources_section(sources: list[Source]) -> html.Section:
    if not sources:
        return section("Sources", [html.P("No source given.", className="muted")])
    return section("Sources", [html.Ul([source_item(s) for s in sources], className="sources")])


def actor_detail(actor: Actor, dataset: Dataset, graph) -> list:
    body: list = [
        badge(actor.kind, actor_color(actor.kind)),
        html.H2(actor.name, className="detail-title"),
    ]
    if actor.aliases:
        body.append(html.P("Also: " + ", ".join(actor.aliases), className="muted"))
    if actor.description:
        body.append(html.P(actor.description))
    if actor.roles:
        roles = []
        for role in actor.roles:
            span = f"{role.from_.describe() if role.from_ else '…'} – {role.to.describe() if role.to else 'present'}"
            organization = dataset.actor_by_id.get(role.organization) if role.organization else None
            roles.append(
                html.Li(
                    [html.Strong(role.title), html.Span(f" · {span}", className="muted")]
                    + ([" · ", select_button(f"actor:{organization.id}", organization.name)] if organization else [])
                )
            )
        body.append(section("Roles", [html.Ul(roles, className="plain-list")]))
    if actor.affiliations:
        items = [
            html.Li(
                select_button(f"actor:{a}", dataset.actor_by_id[a].name, color=actor_color(dataset.actor_by_id[a].kind))
            )
            for a in actor.affiliations
            if a in dataset.actor_by_id
        ]
        body.append(section("Affiliations", [html.Ul(items, className="plain-list")]))
    events = events_of_actor(graph, actor.id)
    if events:
        items = [
            html.Li(select_button(f"event:{e.id}", e.title, f"· {e.date.describe()}", event_color(e.kind)))
            for e in events[:EVENTS_LISTED]
        ]
        more = (
            [html.P(f"… and {len(events) - EVENTS_LISTED} more.", className="muted")]
            if len(events) > EVENTS_LISTED
            else []
        )
        body.append(section(f"Events ({len(events)})", [html.Ul(items, className="plain-list"), *more]))
    positions = positions_of(dataset, actor=actor.id)
    if positions:
        body.append(section("Positions", [position_list(positions, dataset, show_actor=False)]))
    body.append(sources_section(actor.sources))
    return body


def stance_detail(actor_id: str, topic_id: str, dataset: Dataset, filters: Filters) -> list:
    """The statements behind a stance cell: every dated position up to the range's end,
    with quotes, sources and the events they were stated at."""
    actor, topic = dataset.actor_by_id[actor_id], dataset.topic_by_id[topic_id]
    cell = cell_for(dataset.positions, actor_id, topic_id, filters.start, filters.end)
    body: list = [
        badge(cell.stance or "no position", STANCE_COLORS.get(cell.stance or "", "#9aa5b1")),
        html.H2(f"{actor.name} on {topic.name}", className="detail-title"),
    ]
    if topic.description:
        body.append(html.P(topic.description, className="muted small-print"))
    if cell.stance:
        since = f" since {cell.held_since.describe()}" if cell.held_since else ""
        tie = " Several stances were recorded on that date; the last in the file is shown." if cell.is_tied else ""
        body.append(html.P(f"Held at the end of the range: {cell.stance}{since}.{tie}", className="detail-date"))
    if cell.changes:
        items = [html.Li(f"{c.date.describe()}: {c.before} → {c.after}") for c in cell.changes]
        body.append(section("Changes in the range", [html.Ul(items)]))
    statements = []
    for position in reversed(cell.positions):
        parts = [
            stance_chip(position.stance),
            html.Strong(f" {position.date.describe()}"),
        ]
        if position.quote:
            parts.append(html.Q(position.quote, className="position-quote"))
        if position.note:
            parts.append(html.Div(position.note, className="muted"))
        event = dataset.event_by_id.get(position.event) if position.event else None
        if event is not None:
            parts.append(
                select_button(f"event:{event.id}", event.title, f"· {event.date.describe()}", event_color(event.kind))
            )
        if position.sources:
            parts.append(html.Ul([source_item(s) for s in position.sources], className="sources small"))
        statements.append(html.Li(parts))
    if statements:
        body.append(
            section(f"Statements ({len(statements)}), latest first", [html.Ul(statements, className="positions")])
        )
    else:
        body.append(html.P("No position recorded up to the end of the range.", className="muted"))
    body.append(
        section(
            "See also",
            [
                html.Ul(
                    [
                        html.Li(select_button(f"actor:{actor.id}", actor.name, color=actor_color(actor.kind))),
                        html.Li(select_button(f"topic:{topic.id}", topic.name)),
                    ],
                    className="plain-list",
                )
            ],
        )
    )
    return body


def pair_detail(first: str, second: str, dataset: Dataset, graph) -> list:
    """Two actors and the events they took part in together (an actor-network edge)."""
    names = [dataset.actor_by_id[actor_id].name for actor_id in (first, second)]
    events = shared_events(events_of_actor(graph, first), first, second)
    items = [
        html.Li(select_button(f"event:{e.id}", e.title, f"· {e.date.describe()}", event_color(e.kind))) for e in events
    ]
    people = [
        html.Li(
            select_button(f"actor:{a}", dataset.actor_by_id[a].name, color=actor_color(dataset.actor_by_id[a].kind))
        )
        for a in (first, second)
    ]
    return [
        badge("shared events", "#7b8794"),
        html.H2(" and ".join(names), className="detail-title"),
        html.P(
            f"{len(events)} event{'s' if len(events) != 1 else ''} together, in time order.", className="detail-date"
        ),
        section("Events", [html.Ul(items, className="plain-list")]),
        section("Actors", [html.Ul(people, className="plain-list")]),
    ]


def actor_button(actor: Actor) -> html.Button:
    return select_button(f"actor:{actor.id}", actor.name, color=actor_color(actor.kind))


def topic_detail(topic: Topic, dataset: Dataset) -> list:
    body: list = [badge("topic", "#DDAA33"), html.H2(topic.name, className="detail-title")]
    if topic.description:
        body.append(html.P(topic.description))
    positions = positions_of(dataset, topic=topic.id)
    if positions:
        body.append(section(f"Positions ({len(positions)})", [position_list(positions, dataset)]))
    else:
        body.append(html.P("No positions recorded on this topic.", className="muted"))
    return body
