"""Stories and event clusters: syndicated copies are one story; one happening reported by several outlets is
one cluster whose source count is the number of stories, not of copies."""

from __future__ import annotations

from pathlib import Path

from dateline.settings import load_settings
from dateline.store import Store

from .builders import MOMBASA, NAIROBI, WIRE_BODY, article, event, record

SITES = (
    ("courier", "By Staff Reporter\n\n", "\n\nSubscribe to our newsletter for more local news."),
    ("ledger", "", "\n\nCopyright 2025 The Daily Ledger. All rights reserved. Related: Rain to ease, says forecaster"),
    ("harbour", "HARBOUR TIMES DESK\n\n", "\n\nThis story was supplied by a wire service."),
    ("gazette", "By Our Correspondent | Updated 18 June 2025\n\n", "\n\nShare this article: Facebook Twitter Email"),
    ("herald", "", ""),
)


def _store(tmp_path: Path, **kw: object) -> Store:
    return Store(tmp_path / "s.duckdb", settings=load_settings(store_batch_size=2, **kw))


def _syndicated() -> list:  # type: ignore[type-arg]
    out = []
    for i, (site, head, tail) in enumerate(SITES):
        body = WIRE_BODY if i != 4 else WIRE_BODY.rsplit(". ", 2)[0] + "."  # the last copy trimmed
        art = article(f"Headline {site}: floods recede\n\n{head}{body}{tail}", source=f"{site}-1",
                      url=f"https://{site}.example/news/floods", published="2025-06-18")
        out.append(record(art, event(art, "AID", actors=("relief workers",), where=(24.9, 91.87), place="Sylhet")))
    return out


def test_five_sites_one_wire_story_is_one_story(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.add(_syndicated())
    stories = store.stories().rows
    assert len(stories) == 1 and stories[0]["n_articles"] == 5 and stories[0]["n_outlets"] == 5


def test_syndicated_copies_do_not_raise_a_clusters_source_count(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.add(_syndicated())
    (cluster,) = store.events().rows
    assert cluster["n_articles"] == 5 and cluster["n_sources"] == 1


def _independent_reports() -> list:  # type: ignore[type-arg]
    texts = ("Police fired tear gas at hundreds of protesters in the capital on Tuesday.",
             "Riot police dispersed a march against fuel prices with tear gas on Tuesday, witnesses said.",
             "Officers used tear gas to break up a demonstration in the city centre, a police spokesman confirmed.")
    recs = []
    for i, text in enumerate(texts):
        art = article(text + f" Report number {i} from outlet {i}.", source=f"outlet{i}",
                      url=f"https://outlet{i}.example/a", published="2025-03-11" if i < 2 else "2025-03-12")
        recs.append(record(art, event(art, "COERCE", actors=("police",), recipients=("protesters",),
                                      date="2025-03-11")))
    return recs


def test_one_event_reported_by_three_outlets_is_one_cluster_with_three_sources(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.add(_independent_reports())
    (cluster,) = store.events().rows
    assert cluster["n_sources"] == 3 and cluster["n_events"] == 3 and cluster["type"] == "COERCE"
    assert len(store.events(raw=True)) == 3


def test_two_different_events_on_the_same_day_and_place_stay_two(tmp_path: Path) -> None:
    a = article("Police fired tear gas at protesters in the capital on Tuesday.", source="a")
    b = article("Rebels attacked a police post in the capital on Tuesday, killing two officers.", source="b")
    c = article("Soldiers arrested a journalist in the capital on Tuesday, his employer said.", source="c")
    store = _store(tmp_path)
    store.add([record(a, event(a, "COERCE", actors=("police",), recipients=("protesters",))),
               record(b, event(b, "ASSAULT", actors=("rebels",), recipients=("police",))),
               record(c, event(c, "COERCE", actors=("soldiers",), recipients=("journalist",)))])
    assert len(store.events()) == 3


def test_events_far_apart_or_days_apart_stay_apart(tmp_path: Path) -> None:
    a = article("Police fired tear gas at protesters in the capital on Tuesday.", source="a")
    b = article("Police fired tear gas at protesters in the port city on Tuesday.", source="b")
    c = article("Police fired tear gas at protesters in the capital a week later.", source="c", published="2025-03-18")
    store = _store(tmp_path)
    store.add([record(a, event(a, "COERCE", actors=("police",))),
               record(b, event(b, "COERCE", actors=("police",), where=MOMBASA, place="Mombasa")),
               record(c, event(c, "COERCE", actors=("police",)))])
    assert len(store.events()) == 3


def test_a_denial_is_not_joined_to_the_report_of_the_act(tmp_path: Path) -> None:
    a = article("Police fired tear gas at protesters in the capital on Tuesday.", source="a")
    b = article("Police said they did not fire tear gas at protesters in the capital on Tuesday.", source="b")
    store = _store(tmp_path)
    store.add([record(a, event(a, "COERCE", actors=("police",))),
               record(b, event(b, "COERCE", actors=("police",), modality=("negated", "reported")))])
    assert len(store.events()) == 2


def test_groups_do_not_depend_on_ingest_order(tmp_path: Path) -> None:
    recs = _syndicated() + _independent_reports()
    one, two = _store(tmp_path / "1"), _store(tmp_path / "2")
    one.add(recs)
    two.add(list(reversed(recs)))
    assert one.digest() == two.digest()


def test_clusters_share_a_place_name_only_by_position(tmp_path: Path) -> None:
    a = article("Police fired tear gas at protesters on Tuesday.", source="a")
    b = article("Police used tear gas against marchers on Tuesday.", source="b")
    store = _store(tmp_path)
    store.add([record(a, event(a, "COERCE", actors=("police",), where=NAIROBI)),
               record(b, event(b, "COERCE", actors=("police",), where=(NAIROBI[0] + 0.1, NAIROBI[1])))])
    assert len(store.events()) == 1  # about 11 km apart: within cluster_km


def test_wider_settings_join_what_the_defaults_keep_apart(tmp_path: Path) -> None:
    a = article("Police fired tear gas at protesters in the capital on Tuesday.", source="a")
    c = article("Police fired tear gas at protesters in the capital days later.", source="c", published="2025-03-14")
    recs = [record(a, event(a, "COERCE", actors=("police",))), record(c, event(c, "COERCE", actors=("police",)))]
    narrow, wide = _store(tmp_path / "n"), _store(tmp_path / "w", cluster_days=7)
    narrow.add(recs)
    wide.add(recs)
    assert (len(narrow.events()), len(wide.events())) == (2, 1)


def test_look_alike_events_in_one_city_do_not_chain_into_one_cluster(tmp_path: Path) -> None:
    a = article("Police fired tear gas at protesters in the capital on Tuesday.", source="a")
    b = article("Tear gas was fired at protesters in the capital on Tuesday.", source="b")
    c = article("Soldiers fired tear gas at students in the capital on Tuesday.", source="c")
    store = _store(tmp_path)
    store.add([record(a, event(a, "COERCE", actors=("police",))),
               record(b, event(b, "COERCE")),  # like both, names nobody
               record(c, event(c, "COERCE", actors=("soldiers",)))])
    sizes = sorted(r["n_events"] for r in store.events())
    assert sizes == [1, 2]  # the unnamed report joins one of them; police and soldiers stay apart


def test_a_country_as_the_place_is_not_the_same_place(tmp_path: Path) -> None:
    import dataclasses

    from .builders import place

    recs = []
    for name in ("a", "b"):
        art = article(f"Tear gas was fired at protesters in Kenya on Tuesday ({name}).", source=name)
        where = dataclasses.replace(place(art, "Kenya", country="KE", lat=0.5, lon=37.9, geonameid=192950),
                                    feature="country")
        ev = dataclasses.replace(event(art, "COERCE", where=(0.5, 37.9), place="Kenya"),
                                 location=dataclasses.replace(event(art, "COERCE").location, geonameid=192950,
                                                              lat=0.5, lon=37.9, name="Kenya"))
        recs.append(record(art, ev, places=(where,)))
    store = _store(tmp_path)
    store.add(recs)
    assert len(store.events()) == 2
