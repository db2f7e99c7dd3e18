"""The curated dataset validates, is large enough, and holds the anchor events with their dates."""

from __future__ import annotations

import pytest

from explorer import build_graph, load, query
from explorer.graph import related_events

from .conftest import CURATED

ANCHORS = {
    # id: (date, end)
    "yalta-conference-1945": ("1945-02-04", "1945-02-11"),
    "russian-invasion-2022": ("2022-02-24", None),
    "annexation-four-regions-2022": ("2022-09-30", None),
    "putin-conditions-speech-2024-06-14": ("2024-06-14", None),
    "trump-inauguration-2025": ("2025-01-20", None),
    "trump-putin-call-2025-02-12": ("2025-02-12", None),
    "riyadh-talks-2025-02-18": ("2025-02-18", None),
    "oval-office-meeting-2025-02-28": ("2025-02-28", None),
    "jeddah-talks-2025-03-11": ("2025-03-11", None),
    "trump-putin-call-2025-03-18": ("2025-03-18", None),
    "riyadh-technical-talks-2025-03-23": ("2025-03-23", "2025-03-25"),
    "easter-truce-2025-04-19": ("2025-04-19", "2025-04-21"),
    "minerals-deal-2025-04-30": ("2025-04-30", None),
    "trump-putin-call-2025-06-14": ("2025-06-14", None),
    "trump-putin-call-2025-05-19": ("2025-05-19", None),
    "alaska-summit-2025": ("2025-08-15", None),
    "white-house-meeting-2025-08-18": ("2025-08-18", None),
    "us-sanctions-rosneft-lukoil-2025-10-22": ("2025-10-22", None),
    "florida-talks-2025-11-30": ("2025-11-30", None),
    "mar-a-lago-meeting-2025-12-28": ("2025-12-28", None),
    "trump-putin-call-2025-12-29": ("2025-12-29", None),
    "paris-coalition-declaration-2026-01-06": ("2026-01-06", None),
    "abu-dhabi-trilateral-talks-2026-01-23": ("2026-01-23", "2026-01-24"),
}


@pytest.fixture(scope="module")
def curated():
    return load(CURATED)


def test_the_curated_dataset_is_valid_and_large_enough(curated):
    assert len(curated.events) >= 40 and len(curated.actors) >= 25
    assert len(curated.topics) >= 6 and len(curated.positions) >= 30


@pytest.mark.parametrize(("event_id", "dates"), ANCHORS.items())
def test_anchor_events_exist_with_their_dates(curated, event_id, dates):
    event = curated.event_by_id[event_id]
    assert (str(event.date), str(event.end) if event.end else None) == dates
    assert event.sources and event.actors


def test_every_event_and_position_is_sourced(curated):
    unsourced = [e.id for e in curated.events if not e.sources] + [p.key for p in curated.positions if not p.sources]
    assert not unsourced
    for item in list(curated.events) + list(curated.positions):
        for source in item.sources:
            assert source.title and source.publisher, source
            assert source.url is None or source.url.startswith("https://") or source.url.startswith("http://")


def test_yalta_is_compared_to_from_2025(curated):
    comparisons = [
        other for direction, kind, other in related_events(curated, "yalta-conference-1945") if kind == "compares_to"
    ]
    assert comparisons and all(other.first.year == 2025 for other in comparisons)
    assert any("kirill-dmitriev" in other.actor_ids() for other in comparisons)


def test_dmitriev_answers_mcfaul(curated):
    reply = curated.event_by_id["dmitriev-reply-to-mcfaul-2025-09"]
    assert [link.kind for link in reply.links if link.to == "mcfaul-criticism-2025-09"] == ["responds_to"]


def test_trump_is_president_in_2025_whatever_a_source_says(curated):
    import datetime as dt

    trump = curated.actor_by_id["donald-trump"]
    titles = [role.title for role in trump.roles_on(dt.date(2025, 9, 1))]
    assert any("President of the United States" in title for title in titles)


def test_the_required_topics_have_positions_that_change(curated):
    topics = {
        "ukraine-nato-membership",
        "crimea-status",
        "annexed-regions-recognition",
        "ukraine-neutrality",
        "demilitarisation",
        "sanctions",
        "ceasefire",
    }
    assert topics <= set(curated.topic_by_id)
    actors_with_positions = {p.actor for p in curated.positions}
    assert {
        "russia",
        "vladimir-putin",
        "kirill-dmitriev",
        "sergey-lavrov",
        "united-states",
        "donald-trump",
        "ukraine",
        "volodymyr-zelensky",
        "michael-mcfaul",
    } <= actors_with_positions
    stances = {}
    for position in curated.positions:
        stances.setdefault((position.actor, position.topic), set()).add(position.stance)
    assert any(len(s) > 1 for s in stances.values()), "some actor changes stance on some topic"


def test_calls_and_meetings_follow_one_another(curated):
    graph = build_graph(curated)
    follows = [d for _, _, d in graph.edges(data=True) if d.get("kind") == "follows"]
    assert len(follows) >= 5
    assert query(graph, actors=["kirill-dmitriev"]).events


# --- Issue 17: corrected stances and the file's internal consistency ---------------


def _position(curated, actor, topic, date):
    found = [p for p in curated.positions if (p.actor, p.topic, str(p.date)) == (actor, topic, date)]
    assert len(found) == 1, (actor, topic, date, found)
    return found[0]


def test_dmitriev_rejects_a_ceasefire_on_24_october_2025(curated):
    # "not just a ceasefire, but the final solution": a ceasefire is "a temporary
    # solution" -> the topic's "opposes" (rejects a ceasefire before a full agreement).
    position = _position(curated, "kirill-dmitriev", "ceasefire", "2025-10-24")
    assert position.stance == "opposes"
    assert "not just a ceasefire" in position.quote


def test_trumps_no_getting_back_crimea_is_ambiguous_not_support(curated):
    # The 17 August post treats Crimea's return as unrealistic without endorsing
    # Russian rule: "ambiguous" under the topic's definition.
    assert _position(curated, "donald-trump", "crimea-status", "2025-08-17").stance == "ambiguous"
    assert _position(curated, "donald-trump", "crimea-status", "2025-04-25").stance == "supports"


def test_every_quote_speaker_is_among_the_events_actors(curated):
    strays = [
        (event.id, quote.speaker)
        for event in curated.events
        for quote in event.quotes
        if quote.speaker and quote.speaker not in event.actor_ids()
    ]
    assert not strays


def test_every_position_with_an_event_has_its_date_and_actor(curated):
    linked = [(p, curated.event_by_id[p.event]) for p in curated.positions if p.event]
    wrong_date = [p.key for p, event in linked if str(p.date) != str(event.date)]
    wrong_actor = [p.key for p, event in linked if p.actor not in event.actor_ids()]
    assert not wrong_date
    assert not wrong_actor


def test_joint_statements_are_attributed_to_all_who_made_them(curated):
    geneva = curated.event_by_id["geneva-talks-2025-11-23"]
    framework = {q.speaker for q in geneva.quotes if "refined peace framework" in q.text}
    assert framework == {"united-states", "ukraine"}

    statement = curated.event_by_id["european-leaders-statement-2025-10-21"]
    signatories = {p.actor for p in statement.actors if p.role == "signatory"}
    assert len(signatories) == 11 and "volodymyr-zelensky" in signatories
    assert {"donald-tusk", "antonio-costa", "jonas-gahr-store", "mette-frederiksen"} <= signatories
    assert all(q.speaker is None for q in statement.quotes), "a joint text has no single speaker"
    for topic in ("ceasefire", "annexed-regions-recognition"):
        holders = {p.actor for p in curated.positions if p.event == statement.id and p.topic == topic}
        assert holders == signatories, topic
        stances = {p.stance for p in curated.positions if p.event == statement.id and p.topic == topic}
        assert len(stances) == 1, "one text, one stance for every signatory"
    borders = [p for p in curated.positions if p.quote and "must not be changed by force" in p.quote]
    assert {p.actor for p in borders} == signatories


def test_trump_putin_calls_of_2025_are_counted_as_the_kremlin_counts_them(curated):
    calls = sorted(
        (e for e in curated.events if e.kind == "call" and e.first.year == 2025 and "trump-putin-calls" in e.tags),
        key=lambda e: e.first,
    )
    ids = [e.id for e in calls]
    assert "trump-putin-call-2025-06-14" in ids
    assert ids.index("trump-putin-call-2025-07-03") == 5  # "the sixth of the year"
    assert ids.index("trump-putin-call-2025-10-16") == 7  # Ushakov: the eighth
    assert len(ids) == 10  # Ushakov: ten telephone conversations in 2025
    assert ids[-1] == "trump-putin-call-2025-12-29"


def test_titles_name_no_one_outside_the_event(curated):
    event = curated.event_by_id["oval-office-meeting-2025-02-28"]
    people = [curated.actor_by_id[a] for a in event.actor_ids() if curated.actor_by_id[a].kind == "person"]
    names = {person.name.split()[-1] for person in people}
    assert "Vance" not in event.title or "Vance" in names


def test_yermak_has_a_successor_who_sat_in_abu_dhabi(curated):
    import datetime as dt

    heads = [
        actor.id
        for actor in curated.actors
        for role in actor.roles_on(dt.date(2026, 1, 23))
        if role.title == "Head of the Office of the President of Ukraine"
    ]
    assert heads == ["kyrylo-budanov"]
    assert "kyrylo-budanov" in curated.event_by_id["abu-dhabi-trilateral-talks-2026-01-23"].actor_ids()


def test_umerovs_july_quote_is_sourced_to_a_report_of_that_day(curated):
    event = curated.event_by_id["istanbul-talks-2025-07-23"]
    quote = next(q for q in event.quotes if "ready for it yesterday" in q.text)
    assert quote.source.date is None or str(quote.source.date) <= str(event.date)
    assert "unn.ua" in quote.source.url


# --- Issue 17: the period after January 2026 -----------------------------------------


def test_the_file_reaches_beyond_january_2026(curated):
    assert max(event.last for event in curated.events).isoformat() >= "2026-03"
    later = [e.id for e in curated.events if e.first.isoformat() >= "2026-02"]
    assert {
        "abu-dhabi-trilateral-talks-2026-02-04",
        "new-start-expiry-2026-02-05",
        "geneva-trilateral-talks-2026-02-17",
        "trilateral-talks-on-hold-2026-03-03",
    } <= set(later)
    for event_id in later:
        assert curated.event_by_id[event_id].sources, event_id


@pytest.mark.parametrize(
    ("event_id", "dates"),
    {
        "kyiv-strike-pause-2026-01-29": ("2026-01-29", "2026-02-01"),
        "abu-dhabi-trilateral-talks-2026-02-04": ("2026-02-04", "2026-02-05"),
        "new-start-expiry-2026-02-05": ("2026-02-05", None),
        "geneva-trilateral-talks-2026-02-17": ("2026-02-17", "2026-02-18"),
    }.items(),
)
def test_2026_rounds_have_their_dates(curated, event_id, dates):
    event = curated.event_by_id[event_id]
    assert (str(event.date), str(event.end) if event.end else None) == dates


def test_the_trilateral_rounds_follow_one_another(curated):
    rounds = [
        "abu-dhabi-trilateral-talks-2026-01-23",
        "abu-dhabi-trilateral-talks-2026-02-04",
        "geneva-trilateral-talks-2026-02-17",
    ]
    for earlier, later in zip(rounds, rounds[1:], strict=False):
        event = curated.event_by_id[later]
        assert any(link.to == earlier and link.kind == "follows" for link in event.links), later
    assert "vladimir-medinsky" in curated.event_by_id["geneva-trilateral-talks-2026-02-17"].actor_ids()


def test_new_start_positions_change_on_both_sides(curated):
    assert "strategic-arms-limits" in curated.topic_by_id
    assert _position(curated, "vladimir-putin", "strategic-arms-limits", "2025-09-22").stance == "conditional"
    trump = sorted(
        (p for p in curated.positions if p.actor == "donald-trump" and p.topic == "strategic-arms-limits"),
        key=lambda p: p.date.first,
    )
    assert [p.stance for p in trump] == ["supports", "opposes"]
    assert trump[-1].event == "new-start-expiry-2026-02-05"


def test_every_signatory_of_a_joint_text_holds_its_positions(curated):
    for event in curated.events:
        signatories = {p.actor for p in event.actors if p.role and "signatory" in p.role}
        linked = [p for p in curated.positions if p.event == event.id]
        for topic in {p.topic for p in linked}:
            holders = {p.actor for p in linked if p.topic == topic}
            if len(signatories) > 1 and holders & signatories:
                assert signatories <= holders, (event.id, topic, signatories - holders)


def test_the_curated_file_passes_lint_with_no_warning():
    from explorer.lint import lint

    assert [str(warning) for warning in lint(load(CURATED))] == []
