"""The clustering's candidate search (grid cells, shared keys, nearby days) misses nothing: the same clusters as
the same rules over every earlier event, on random events (hypothesis); and its grid's edges."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.settings import load_settings
from dateline.store.clusters import ClusterEvent, _order, cluster_events, evidence_words, may_join, same_happening

SETTINGS = load_settings(cluster_km=60.0, cluster_days=1)


@st.composite
def events(draw: st.DrawFn) -> list[ClusterEvent]:
    out = []
    for i in range(draw(st.integers(1, 8))):
        located = draw(st.booleans())
        lat = draw(st.floats(-80, 80)) if located else None
        lon = draw(st.floats(-179.9, 179.9)) if located else None
        if located and draw(st.booleans()):  # crowd some near one point, so that pairs join
            lat, lon = 1.0 + draw(st.floats(-0.6, 0.6)), 36.0 + draw(st.floats(-0.6, 0.6))
        actors = frozenset(draw(st.just([]) | st.lists(st.sampled_from(["police", "army", "KEN/police"]), max_size=2)))
        out.append(ClusterEvent(
            article_id=f"a{draw(st.integers(0, 8))}", ord=i, type=draw(st.sampled_from(["COERCE", "ASSAULT"])),
            day=draw(st.none() | st.dates(dt.date(2025, 3, 1), dt.date(2025, 3, 5))), lat=lat, lon=lon,
            geonameid=None, place=None, country=None, countries=(), actors=tuple(actors), recipients=(),
            actor_keys=actors, recipient_keys=frozenset(), story_id="s", evidence="",
            status=frozenset(draw(st.sampled_from([[], ["negated"]]))),
            groups=frozenset(draw(st.lists(st.sampled_from(["KEN/COP", "KEN/MIL"]), max_size=1))),
            precise=draw(st.booleans()), words=frozenset(draw(st.lists(st.sampled_from("abcdef"), max_size=4)))))
    return out


def _every_earlier(items: list[ClusterEvent]) -> dict[tuple[str, int], tuple[str, int]]:
    """The same greedy complete linkage, comparing each event with every earlier one."""
    cluster_of: dict[tuple[str, int], tuple[str, int]] = {}
    members: dict[tuple[str, int], list[ClusterEvent]] = {}
    done: list[ClusterEvent] = []
    for e in sorted(items, key=_order):
        seed = None
        if e.day is not None:
            near = [b for b in done if b.type == e.type and b.day is not None
                    and abs((b.day - e.day).days) <= SETTINGS.cluster_days
                    and may_join(e, b, SETTINGS) and same_happening(e, b, SETTINGS)]
            for s in sorted({cluster_of[b.key] for b in near}):
                if all(may_join(e, m, SETTINGS) for m in members[s]):
                    seed = s
                    break
        seed = seed or e.key
        members.setdefault(seed, []).append(e)
        cluster_of[e.key] = seed
        done.append(e)
    return cluster_of


def _partition(mapping: dict) -> set[frozenset]:  # type: ignore[type-arg]
    by: dict = {}  # type: ignore[type-arg]
    for k, v in mapping.items():
        by.setdefault(v, set()).add(k)
    return {frozenset(v) for v in by.values()}


@settings(max_examples=300, deadline=None)
@given(events())
def test_candidates_give_the_clusters_of_comparing_every_earlier_event(items: list[ClusterEvent]) -> None:
    assert _partition(cluster_events(items, SETTINGS)) == _partition(_every_earlier(items))


def _at(i: int, lat: float, lon: float) -> ClusterEvent:
    return ClusterEvent(article_id=f"a{i}", ord=0, type="COERCE", day=dt.date(2025, 3, 1), lat=lat, lon=lon,
                        geonameid=None, place=None, country=None, countries=(), actors=(), recipients=(),
                        actor_keys=frozenset(), recipient_keys=frozenset(), story_id=f"s{i}",
                        evidence="police fired tear gas", words=evidence_words("police fired tear gas"))


def test_neighbours_across_a_cell_edge_join() -> None:
    edge = SETTINGS.cluster_km / 111.0  # the first cell boundary north of the equator
    assert len(set(cluster_events([_at(0, edge - 0.01, 36.0), _at(1, edge + 0.01, 36.0)], SETTINGS).values())) == 1
    assert len(set(cluster_events([_at(0, 1.0, -0.01), _at(1, 1.0, 0.01)], SETTINGS).values())) == 1


def test_far_north_a_cluster_spans_several_longitude_cells() -> None:
    # at 70° N a degree of longitude is 38 km: 1.4° apart is about 53 km, within cluster_km
    assert len(set(cluster_events([_at(0, 70.0, 20.0), _at(1, 70.0, 21.4)], SETTINGS).values())) == 1
    assert len(set(cluster_events([_at(0, 70.0, 20.0), _at(1, 70.0, 22.0)], SETTINGS).values())) == 2
