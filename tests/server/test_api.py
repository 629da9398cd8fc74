"""The API through an in-process client: every endpoint, each filter, pagination and bad parameters."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from dateline.records import content_id

KIPROP = content_id("Samuel Kiprop", length=12)
POLICE = content_id("police", length=12)


def ok(client: TestClient, url: str) -> dict:  # type: ignore[type-arg]
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def types(client: TestClient, url: str) -> set[str]:
    return {row["type"] for row in ok(client, url)["items"]}


@pytest.mark.parametrize("query, expected", [
    ("", {"COERCE", "ASSAULT", "AGREE"}),
    ("type=assault", {"ASSAULT"}),
    ("actor=POLICE", {"COERCE"}),
    ("recipient=protest", {"COERCE"}),
    ("country=KE", {"COERCE"}),
    ("country=KEN", {"COERCE"}),
    ("near=-1.3,36.8&km=30", {"COERCE", "AGREE"}),
    ("near=Mombasa&km=30", {"ASSAULT"}),
    ("since=2025-04-01", {"ASSAULT", "AGREE"}),
    ("until=2025-04-01", {"COERCE"}),
    ("since=2025-04-01&until=2025-04-30", {"ASSAULT"}),
    ("text=rebels", {"ASSAULT"}),
    ("modality=reported", {"ASSAULT"}),
])
@pytest.mark.parametrize("raw", ["false", "true"])
def test_event_filters(client: TestClient, query: str, expected: set[str], raw: str) -> None:
    assert types(client, f"/api/events?raw={raw}&{query}") == expected


def test_events_carry_provenance_and_clusters_their_sources(client: TestClient) -> None:
    (row,) = ok(client, "/api/events?type=COERCE")["items"]
    assert row["n_sources"] == 1 and row["source"] == "a" and row["url"] == "https://a.example/1"
    assert row["published"] == "2025-03-11" and row["article_title"] == "Tear gas in the capital"
    (raw,) = ok(client, "/api/events?type=COERCE&raw=true")["items"]
    assert raw["cluster_id"] == row["cluster_id"] and raw["start"] == 0 and raw["end"] == 40


def test_story_filter(client: TestClient) -> None:
    story = ok(client, "/api/stories?text=attack")["items"][0]["story_id"]
    assert types(client, f"/api/events?story={story}") == {"ASSAULT"}
    assert [q["speaker"] for q in ok(client, f"/api/quotes?story={story}")["items"]] == ["Grace Otieno"]
    detail = ok(client, f"/api/stories/{story}")
    assert detail["story"]["n_articles"] == 1 and [a["title"] for a in detail["articles"]] == ["Attack on the coast"]


@pytest.mark.parametrize("query, speakers", [
    ("", ["Grace Otieno", "Samuel Kiprop"]),
    ("speaker=kiprop", ["Samuel Kiprop"]),
    (f"speaker_id={KIPROP}", ["Samuel Kiprop"]),
    ("text=100%25", ["Grace Otieno"]),
    ("text=safe_", ["Grace Otieno"]),
    ("text=safe%25now", []),
    ("since=2025-04-01", ["Grace Otieno"]),
    ("until=2025-03-31", ["Samuel Kiprop"]),
])
def test_quote_filters(client: TestClient, query: str, speakers: list[str]) -> None:
    assert [q["speaker"] for q in ok(client, f"/api/quotes?{query}")["items"]] == speakers


@pytest.mark.parametrize("query, names", [
    ("", {"Nairobi", "Mombasa"}),
    ("country=KE", {"Nairobi", "Mombasa"}),
    ("country=UG", set()),
    ("near=Nairobi&km=30", {"Nairobi"}),
    ("text=momb", {"Mombasa"}),
    ("since=2025-04-01", {"Mombasa"}),
])
def test_place_filters(client: TestClient, query: str, names: set[str]) -> None:
    assert {p["name"] for p in ok(client, f"/api/places?{query}")["items"]} == names


@pytest.mark.parametrize("query, names", [
    ("", {"Samuel Kiprop", "Grace Otieno", "police"}),
    ("actor=kiprop", {"Samuel Kiprop"}),
    ("text=grace", {"Grace Otieno"}),
    ("type=ORG", {"police"}),
    ("country=KEN", {"Samuel Kiprop"}),
    ("until=2025-03-31", {"Samuel Kiprop", "police"}),
])
def test_entity_filters(client: TestClient, query: str, names: set[str]) -> None:
    assert {e["name"] for e in ok(client, f"/api/entities?{query}")["items"]} == names


def test_an_actor_with_their_quotes_and_events(client: TestClient) -> None:
    kiprop = ok(client, f"/api/entities/{KIPROP}")
    assert kiprop["entity"]["name"] == "Samuel Kiprop"
    assert [q["text"] for q in kiprop["quotes"]] == ["We acted within the law,"]
    police = ok(client, f"/api/entities/{POLICE}")
    assert [e["type"] for e in police["events_as_actor"]] == ["COERCE"] and police["events_as_recipient"] == []


def test_one_article_with_its_text_and_every_span(client: TestClient) -> None:
    (listed,) = ok(client, "/api/articles?text=tear gas")["items"]
    assert listed["n_quotes"] == 1 and listed["n_events"] == 1 and listed["n_places"] == 1
    body = ok(client, f"/api/articles/{listed['article_id']}")
    text = body["article"]["text"]
    (q,) = body["record"]["quotes"]
    assert text[q["start"]:q["end"]] == q["text"] and q["speaker"]["name"] == "Samuel Kiprop"
    (p,) = body["record"]["places"]
    assert text[p["start"]:p["end"]] == "Nairobi"
    assert body["sources"] == [{"source_id": "a", "url": "https://a.example/1"}] and body["story_id"]
    assert ok(client, "/api/articles?since=2025-05-01")["items"][0]["title"] == "Border to reopen"


def test_stats_and_timeline(client: TestClient) -> None:
    stats = ok(client, "/api/stats")
    assert stats["articles"] == 3 and stats["clusters"] == 3 and stats["quotes"] == 2
    assert stats["first_day"] == "2025-03-11" and stats["last_day"] == "2025-05-20"
    assert {t["type"] for t in stats["types"]} == {"COERCE", "ASSAULT", "AGREE"} and stats["modalities"] == ["reported"]
    assert ok(client, "/api/timeline")["days"] == [
        {"day": "2025-03-11", "n": 1}, {"day": "2025-04-02", "n": 1}, {"day": "2025-05-20", "n": 1}]
    assert ok(client, "/api/timeline?type=ASSAULT")["days"] == [{"day": "2025-04-02", "n": 1}]


@pytest.mark.parametrize("kind", ["events", "places"])
def test_geojson_is_rfc_7946_points(client: TestClient, kind: str) -> None:
    r = client.get(f"/api/{kind}.geojson?near=Mombasa&km=30")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    (feature,) = r.json()["features"]
    assert r.json()["type"] == "FeatureCollection" and feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert (round(lat, 2), round(lon, 2)) == (-4.05, 39.66) and "lat" not in feature["properties"]


@pytest.mark.parametrize("kind, keys", [
    ("events", {"cluster_id", "type", "day", "place", "n_sources"}),
    ("places", {"mention", "name", "geonameid", "article_id"}),
])
def test_map_geojson_carries_only_what_a_marker_shows(client: TestClient, kind: str, keys: set[str]) -> None:
    full = client.get(f"/api/{kind}.geojson").json()["features"]
    lean = client.get(f"/api/{kind}.geojson?detail=map").json()["features"]
    assert [f["geometry"] for f in lean] == [f["geometry"] for f in full] and len(lean) >= 2
    assert all(set(f["properties"]) == keys for f in lean) and set(full[0]["properties"]) > keys


def test_one_cluster_with_its_events_and_their_articles(client: TestClient) -> None:
    (row,) = ok(client, "/api/events?type=COERCE")["items"]
    found = ok(client, f"/api/events/{row['cluster_id']}")
    assert found["cluster"] == row
    (event,) = found["events"]
    assert event["cluster_id"] == row["cluster_id"] and event["article_title"] == "Tear gas in the capital"
    assert (event["start"], event["end"]) == (0, 40)


@pytest.mark.parametrize("url, column, values", [
    ("/api/events.csv?type=COERCE", "actors", ["police"]),
    ("/api/events.csv?raw=true&since=2025-04-01", "type", ["AGREE", "ASSAULT"]),  # newest first
    ("/api/quotes.csv?speaker=grace", "text", ["100% of the town is safe_now,"]),
    ("/api/places.csv?country=KE", "name", ["Mombasa", "Nairobi"]),
])
def test_csv_downloads_of_the_current_filter(client: TestClient, url: str, column: str, values: list[str]) -> None:
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert [row[column] for row in csv.DictReader(io.StringIO(r.text))] == values


def test_pagination_is_bounded_and_says_where_the_next_page_starts(client: TestClient) -> None:
    first = ok(client, "/api/events?limit=2")
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    last = ok(client, "/api/events?limit=2&offset=2")
    assert len(last["items"]) == 1 and last["next_offset"] is None
    ids = [e["cluster_id"] for e in first["items"] + last["items"]]
    assert len(set(ids)) == 3 and ok(client, "/api/events?offset=50")["items"] == []


@pytest.mark.parametrize("url, status, message", [
    ("/api/events?limit=0", 400, "limit"),
    ("/api/events?limit=1001", 400, "limit"),
    ("/api/events?limit=ten", 400, "limit"),
    ("/api/events?offset=-1", 400, "offset"),
    ("/api/events?since=last+week", 400, "since"),
    ("/api/events?until=2025-13-01", 400, "not a date"),
    ("/api/events?country=Kenya", 400, "country"),
    ("/api/events?country=XQ", 400, "not an ISO country code"),
    ("/api/events?near=Atlantis", 400, "no stored place is called"),
    ("/api/events?near=95,10", 400, "not a position"),
    ("/api/events?km=0", 400, "km"),
    ("/api/events?raw=maybe", 400, "raw"),
    ("/api/events?actor=" + "x" * 201, 400, "actor"),
    ("/api/quotes?type=ASSAULT", 200, ""),  # a filter another kind takes is not one of this kind's parameters
    ("/api/events.geojson?limit=10001", 400, "limit"),
    ("/api/events.geojson?detail=everything", 400, "detail"),
    ("/api/events/nothing", 404, "no event cluster"),
    ("/api/entities/nobody", 404, "no entity"),
    ("/api/articles/nothing", 404, "no article"),
    ("/api/stories/none", 404, "no story"),
    ("/api/nowhere", 404, "Not Found"),
])
def test_bad_parameters_are_4xx_with_a_message(client: TestClient, url: str, status: int, message: str) -> None:
    r = client.get(url)
    assert r.status_code == status, r.text
    if status != 200:
        assert message in r.json()["error"] and "Traceback" not in r.text


def test_ingest_does_not_exist_on_a_read_only_server(client: TestClient) -> None:
    r = client.post("/api/ingest", content=b"Police fired tear gas.")
    assert r.status_code in (404, 405) and "error" in r.json()


def test_the_openapi_spec_and_the_page_are_served(client: TestClient) -> None:
    spec = ok(client, "/openapi.json")
    assert {"/api/events", "/api/events.geojson", "/api/quotes", "/api/articles/{article_id}",
            "/api/entities/{entity_id}", "/api/timeline", "/api/stats"} <= set(spec["paths"])
    assert "/api/ingest" not in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in docs.text
    assert not re.findall(r"(?:src|href)=[\"']https?://", docs.text), "the docs page loads from another host"
    for asset in re.findall(r"(/static/[^\"']+)", docs.text):
        assert client.get(asset).status_code == 200, asset
    page = client.get("/")
    assert page.status_code == 200 and 'id="map"' in page.text


@pytest.mark.parametrize("path", ["/", "/docs", "/api/events", "/api/nowhere", "/static/app.js", "/openapi.json"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert "access-control-allow-origin" not in r.headers  # no CORS: another site's scripts cannot read it


def test_a_cached_answer_and_a_not_modified_carry_them_too(client: TestClient) -> None:
    first = client.get("/api/stats")
    again = client.get("/api/stats", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/stats").headers["content-security-policy"] == first.headers["content-security-policy"]


def test_a_cross_origin_request_gets_no_cors_grant(client: TestClient) -> None:
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/events", headers={"Origin": "https://evil.example",
                                                 "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_the_pages_run_no_inline_script(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []  # every script is a file from this server
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers either
