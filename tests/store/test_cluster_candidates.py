"""The clustering's candidate search (grid cells, shared actors, nearby days) finds every pair that the rules
join: the same groups as comparing every pair of events, on random events (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.settings import load_settings
from dateline.store.clusters import ClusterEvent, _compatible, cluster_events
from dateline.store.groups import Groups

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
            status=frozenset(draw(st.sampled_from([[], ["negated"]])))))
    return out


def _every_pair(items: list[ClusterEvent]) -> dict[tuple[str, int], tuple[str, int]]:
    groups = Groups(e.key for e in items)
    for a in items:
        for b in items:
            if (a.key < b.key and a.day is not None and b.day is not None and a.type == b.type
                    and abs((a.day - b.day).days) <= SETTINGS.cluster_days and a.article_id != b.article_id
                    and _compatible(a, b, SETTINGS)):
                groups.join(a.key, b.key)
    return groups.representatives()


def _partition(mapping: dict) -> set[frozenset]:  # type: ignore[type-arg]
    by: dict = {}  # type: ignore[type-arg]
    for k, v in mapping.items():
        by.setdefault(v, set()).add(k)
    return {frozenset(v) for v in by.values()}


@settings(max_examples=300, deadline=None)
@given(events())
def test_candidates_find_every_pair_the_rules_join(items: list[ClusterEvent]) -> None:
    assert _partition(cluster_events(items, SETTINGS)) == _partition(_every_pair(items))


def _at(i: int, lat: float, lon: float) -> ClusterEvent:
    return ClusterEvent(article_id=f"a{i}", ord=0, type="COERCE", day=dt.date(2025, 3, 1), lat=lat, lon=lon,
                        geonameid=None, place=None, country=None, countries=(), actors=(), recipients=(),
                        actor_keys=frozenset(), recipient_keys=frozenset(), story_id=f"s{i}", evidence="")


def test_neighbours_across_a_cell_edge_join() -> None:
    edge = SETTINGS.cluster_km / 111.0  # the first cell boundary north of the equator
    assert len(set(cluster_events([_at(0, edge - 0.01, 36.0), _at(1, edge + 0.01, 36.0)], SETTINGS).values())) == 1
    assert len(set(cluster_events([_at(0, 1.0, -0.01), _at(1, 1.0, 0.01)], SETTINGS).values())) == 1


def test_far_north_a_cluster_spans_several_longitude_cells() -> None:
    # at 70° N a degree of longitude is 38 km: 1.4° apart is about 53 km, within cluster_km
    assert len(set(cluster_events([_at(0, 70.0, 20.0), _at(1, 70.0, 21.4)], SETTINGS).values())) == 1
    assert len(set(cluster_events([_at(0, 70.0, 20.0), _at(1, 70.0, 22.0)], SETTINGS).values())) == 2
