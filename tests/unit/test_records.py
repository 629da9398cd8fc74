"""Records: JSON round trips, contract field names, stable ids."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from dateline.records import (
    SCHEMA,
    Actor,
    Annotation,
    Article,
    Dateline,
    DateRef,
    Entity,
    ErrorInfo,
    ErrorRecord,
    Event,
    Location,
    Place,
    Quote,
    Record,
    Span,
    Speaker,
    content_id,
    json_line,
    output_from_dict,
    to_dict,
)

texts = st.text(max_size=40)
offsets = st.integers(min_value=0, max_value=10_000)
opt_text = st.none() | texts
spans = st.builds(Span, texts, offsets, offsets)
articles = st.builds(
    Article, id=texts, source_id=texts, text=texts, url=opt_text, title=opt_text, published=opt_text,
    credits=st.tuples(texts), headings=st.tuples(texts, texts),
    dateline=st.none() | st.builds(Dateline, opt_text, opt_text, offsets, offsets),
    annotations=st.tuples(st.builds(Annotation, texts, offsets, offsets)))
entities = st.builds(Entity, id=texts, name=texts, type=texts, mentions=st.tuples(spans, spans), role=opt_text)
quotes = st.builds(Quote, id=texts, kind=st.sampled_from(["direct", "indirect", "mixed"]), text=texts,
                   start=offsets, end=offsets, spans=st.lists(st.tuples(offsets, offsets), max_size=3).map(tuple),
                   speaker=st.none() | st.builds(Speaker, opt_text, texts), cue=st.none() | spans,
                   unterminated=st.booleans(),
                   confidence=st.floats(0, 1, allow_nan=False))
places = st.builds(Place, mention=texts, start=offsets, end=offsets, geonameid=st.none() | st.integers(1, 10**8),
                   lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180))
dates = st.builds(DateRef, texts, offsets, offsets, opt_text, opt_text)
events = st.builds(Event, id=texts, type=texts, evidence=spans, actors=st.tuples(st.builds(Actor, texts)),
                   location=st.none() | st.builds(Location, opt_text, st.none() | st.integers(1, 10**8)),
                   modality=st.tuples(texts))
records = st.builds(Record, article=articles, entities=st.tuples(entities), quotes=st.tuples(quotes),
                    places=st.tuples(places), dates=st.tuples(dates), events=st.tuples(events))


@given(records)
def test_record_json_round_trip_is_identity(record: Record) -> None:
    data = json.loads(json.dumps(to_dict(record)))
    assert output_from_dict(data) == record


line_breaking = st.text(alphabet=st.sampled_from("a\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\"\\é"), max_size=30)


@given(st.builds(Article, id=texts, source_id=texts, text=line_breaking, title=st.none() | line_breaking))
def test_a_json_line_is_one_line_for_every_reader(article: Article) -> None:
    record = Record(article=article)
    line = json_line(record)
    assert line.splitlines() == [line] and "\n" not in line
    assert output_from_dict(json.loads(line)) == record


@given(st.builds(ErrorRecord, st.builds(ErrorInfo, texts, texts, texts)))
def test_error_record_round_trip(record: ErrorRecord) -> None:
    assert output_from_dict(json.loads(json.dumps(to_dict(record)))) == record


def test_contract_field_names_and_order() -> None:
    rec = Record(article=Article(id="a", source_id="s", text="t"))
    data = to_dict(rec)
    assert list(data) == ["schema", "article", "entities", "quotes", "places", "dates", "events"]
    assert data["schema"] == SCHEMA == "dateline/1"
    assert list(data["article"])[:11] == ["id", "source_id", "url", "title", "published", "language", "credits",
                                         "byline", "headings", "dateline", "text"]
    quote = to_dict(Quote(id="q", kind="direct", text="x", start=0, end=1))
    assert list(quote) == ["id", "kind", "text", "start", "end", "spans", "speaker", "cue", "unterminated",
                           "confidence"]
    place = to_dict(Place(mention="m", start=0, end=1))
    assert list(place) == ["mention", "start", "end", "geonameid", "name", "country", "admin1", "feature",
                           "lat", "lon", "score"]


def test_error_record_shape() -> None:
    data = to_dict(ErrorRecord(ErrorInfo("binary", "the input is binary", "a.bin")))
    assert data == {"schema": "dateline/1", "error": {"kind": "binary", "message": "the input is binary",
                                                       "source": "a.bin"}}


def test_content_id_is_stable_and_distinguishes() -> None:
    assert content_id("abc") == content_id("abc")
    assert content_id("abc") != content_id("abd")
    assert content_id("a", "bc") != content_id("ab", "c")
