"""The API's routes: one per resource and format, each a call of the Store with the filters of its kind."""

from __future__ import annotations

import dataclasses
import secrets
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from ..intake.read import read_bytes
from ..store import Filters, Store
from . import params
from .params import Limit, Offset
from .responses import GEOJSON, ErrorBody, Json, Page, csv_download, geojson, page

router = APIRouter(prefix="/api")
ingest_router = APIRouter(prefix="/api")

_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such item"}}
_GEOJSON: dict[int | str, dict[str, Any]] = {200: {"content": {GEOJSON: {}}, "description": "GeoJSON (RFC 7946)"}}
_CSV: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}, "description": "CSV"}}
Id = Annotated[str, Path(min_length=1, max_length=200)]
T = TypeVar("T")
Features = Annotated[int, Query(ge=1, le=params.MAX_FEATURES, description="Features (or CSV rows) at most.")]
Detail = Annotated[Literal["full", "map"], Query(
    description="full: every column as properties; map: only what a marker shows (ids, type, day, place, sources)")]

EventFilters = Annotated[Filters, Depends(params.event_filters)]
QuoteFilters = Annotated[Filters, Depends(params.quote_filters)]
PlaceFilters = Annotated[Filters, Depends(params.place_filters)]
EntityFilters = Annotated[Filters, Depends(params.entity_filters)]
ArticleFilters = Annotated[Filters, Depends(params.article_filters)]
StoryFilters = Annotated[Filters, Depends(params.story_filters)]


async def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(_store)]


def _page(store: Store, kind: str, f: Filters, limit: int, offset: int) -> Json:
    rows = store.query(kind, dataclasses.replace(f, limit=limit + 1, offset=offset))
    return page(kind, rows, limit, offset)


def _known(found: T, what: str, key: str) -> T:
    """``found``, or a 404 saying which ``what`` is not in the store when it is None or empty."""
    if not found:
        raise HTTPException(404, f"no {what} {key!r} in the store")
    return found


def _all(store: Store, kind: str, f: Filters, limit: int) -> Any:
    return store.query(kind, dataclasses.replace(f, limit=limit))


# ---- overview ---------------------------------------------------------------------------------------------
@router.get("/stats", summary="What the store holds")
def stats(store: StoreDep) -> Json:
    return Json(store.overview())


# ---- events -----------------------------------------------------------------------------------------------
@router.get("/events", response_model=Page, summary="Event clusters (raw=true: every event)")
def events(store: StoreDep, f: EventFilters, limit: Limit = params.PAGE, offset: Offset = 0) -> Json:
    return _page(store, "events", f, limit, offset)


@router.get("/events.geojson", response_class=Response, responses=_GEOJSON, summary="Events on the map")
def events_geojson(store: StoreDep, f: EventFilters, limit: Features = 5000, detail: Detail = "full") -> Response:
    return geojson(store.geojson("events", dataclasses.replace(f, limit=limit), lean=detail == "map"))


@router.get("/events/{cluster_id}", responses=_NOT_FOUND, summary="One event cluster and its events (its sources)")
def event_cluster(store: StoreDep, cluster_id: Id) -> Json:
    return Json(_known(store.cluster(cluster_id), "event cluster", cluster_id))


@router.get("/events.csv", response_class=Response, responses=_CSV, summary="Events as CSV")
def events_csv(store: StoreDep, f: EventFilters, limit: Features = params.MAX_FEATURES) -> Response:
    return csv_download(_all(store, "events", f, limit), "events" if f.raw else "event-clusters")


@router.get("/timeline", summary="Event clusters (raw=true: events) per day")
def timeline(store: StoreDep, f: EventFilters) -> Json:
    return Json({"days": store.timeline(f).rows})


# ---- quotes, places ---------------------------------------------------------------------------------------
@router.get("/quotes", response_model=Page, summary="Quotes with their speakers")
def quotes(store: StoreDep, f: QuoteFilters, limit: Limit = params.PAGE, offset: Offset = 0) -> Json:
    return _page(store, "quotes", f, limit, offset)


@router.get("/quotes.csv", response_class=Response, responses=_CSV, summary="Quotes as CSV")
def quotes_csv(store: StoreDep, f: QuoteFilters, limit: Features = params.MAX_FEATURES) -> Response:
    return csv_download(_all(store, "quotes", f, limit), "quotes")


@router.get("/places", response_model=Page, summary="Place mentions")
def places(store: StoreDep, f: PlaceFilters, limit: Limit = params.PAGE, offset: Offset = 0) -> Json:
    return _page(store, "places", f, limit, offset)


@router.get("/places.geojson", response_class=Response, responses=_GEOJSON, summary="Place mentions on the map")
def places_geojson(store: StoreDep, f: PlaceFilters, limit: Features = 5000, detail: Detail = "full") -> Response:
    return geojson(store.geojson("places", dataclasses.replace(f, limit=limit), lean=detail == "map"))


@router.get("/places.csv", response_class=Response, responses=_CSV, summary="Place mentions as CSV")
def places_csv(store: StoreDep, f: PlaceFilters, limit: Features = params.MAX_FEATURES) -> Response:
    return csv_download(_all(store, "places", f, limit), "places")


# ---- entities, articles, stories --------------------------------------------------------------------------
@router.get("/entities", response_model=Page, summary="Entities, counted across articles")
def entities(store: StoreDep, f: EntityFilters, limit: Limit = params.PAGE, offset: Offset = 0) -> Json:
    return _page(store, "entities", f, limit, offset)


@router.get("/entities/{entity_id}", responses=_NOT_FOUND, summary="An actor: their quotes and events")
def entity(store: StoreDep, entity_id: Id, limit: Limit = params.PAGE) -> Json:
    found = _known(store.entities(entity_id=entity_id, limit=1).rows, "entity", entity_id)
    return Json({"entity": found[0], "quotes": store.quotes(speaker_id=entity_id, limit=limit).rows,
                 "events_as_actor": store.events(raw=True, actor_id=entity_id, limit=limit).rows,
                 "events_as_recipient": store.events(raw=True, recipient_id=entity_id, limit=limit).rows})


@router.get("/articles", response_model=Page, summary="Articles with their record counts")
def articles(store: StoreDep, f: ArticleFilters, limit: Limit = params.PAGE, offset: Offset = 0) -> Json:
    return _page(store, "articles", f, limit, offset)


@router.get("/articles/{article_id}", responses=_NOT_FOUND, summary="One article: its text and every record")
def article(store: StoreDep, article_id: Id) -> Json:
    return Json(_known(store.article(article_id), "article", article_id))


@router.get("/stories", response_model=Page, summary="Stories: groups of near-identical articles")
def stories(store: StoreDep, f: StoryFilters, limit: Limit = params.PAGE, offset: Offset = 0) -> Json:
    return _page(store, "stories", f, limit, offset)


@router.get("/stories/{story_id}", responses=_NOT_FOUND, summary="One story and its articles")
def story(store: StoreDep, story_id: Id) -> Json:
    found = _known(store.stories(story=story_id, limit=1).rows, "story", story_id)
    return Json({"story": found[0], "articles": store.articles(story=story_id, limit=params.MAX_PAGE).rows})


# ---- ingest (only with --allow-ingest) --------------------------------------------------------------------
@ingest_router.post("/ingest", responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
                    summary="Ingest the request body (text, HTML, JSON Lines, a feed or WARC); needs the token")
async def ingest(request: Request, source: Annotated[str, Query(min_length=1, max_length=200)] = "api",
                 authorization: Annotated[str | None, Header()] = None) -> Json:
    expected = request.app.state.token
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "give the token: Authorization: Bearer TOKEN")
    if not secrets.compare_digest(authorization.removeprefix("Bearer ").encode(), expected.encode()):
        raise HTTPException(403, "wrong token")
    store: Store = request.app.state.store
    data = await request.body()
    summary = await run_in_threadpool(
        lambda: store.ingest_items(read_bytes(data, source=source, settings=store.settings)))
    return Json(dataclasses.asdict(summary))
