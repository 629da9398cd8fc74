"""Query parameters of the API, one dependency per kind: each takes the filters ``dateline query`` takes for
that kind and returns :class:`~dateline.store.Filters`. Values are bounded here (length, range); what they
mean (a date, a country code, a place) is checked by the store, whose errors become 400s."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from ..store import Filters

PAGE = 100  # rows per page unless asked
MAX_PAGE = 1000  # JSON pages
MAX_FEATURES = 10_000  # GeoJSON and CSV downloads
_TEXT = 200  # longest text a filter takes

Text = Annotated[str | None, Query(max_length=_TEXT)]
Day = Annotated[str | None, Query(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"},
                                  description="A day, YYYY-MM-DD.")]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2,3}$", description="ISO 3166 alpha-2 or alpha-3.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Km = Annotated[float, Query(gt=0, le=20_000, description="Radius of --near in kilometres.")]
Near = Annotated[str | None, Query(max_length=_TEXT, description="A stored place name, or LAT,LON.")]


async def event_filters(type: Text = None, actor: Text = None, recipient: Text = None, country: Country = None,
                  modality: Text = None, near: Near = None, km: Km = 50.0, since: Day = None, until: Day = None,
                  text: Text = None, story: Text = None,
                  raw: Annotated[bool, Query(description="Every event, not clusters.")] = False) -> Filters:
    return Filters(type=type, actor=actor, recipient=recipient, country=country, modality=modality, near=near,
                   km=km, since=since, until=until, text=text, story=story, raw=raw, limit=None)


async def quote_filters(speaker: Text = None, speaker_id: Text = None, text: Text = None, since: Day = None,
                  until: Day = None, story: Text = None) -> Filters:
    return Filters(speaker=speaker, speaker_id=speaker_id, text=text, since=since, until=until, story=story,
                   limit=None)


async def place_filters(country: Country = None, near: Near = None, km: Km = 50.0, text: Text = None, since: Day = None,
                  until: Day = None, story: Text = None) -> Filters:
    return Filters(country=country, near=near, km=km, text=text, since=since, until=until, story=story, limit=None)


async def entity_filters(actor: Text = None, text: Text = None, type: Text = None, country: Country = None,
                   since: Day = None, until: Day = None, story: Text = None) -> Filters:
    return Filters(actor=actor, text=text, type=type, country=country, since=since, until=until, story=story,
                   limit=None)


async def article_filters(text: Text = None, since: Day = None, until: Day = None, story: Text = None) -> Filters:
    return Filters(text=text, since=since, until=until, story=story, limit=None)


async def story_filters(text: Text = None, since: Day = None, until: Day = None) -> Filters:
    return Filters(text=text, since=since, until=until, limit=None)
