"""The FastAPI app: JSON, GeoJSON and CSV over a :class:`~dateline.store.Store`, and the explorer's page.

Every route calls the Store (no SQL here). Errors are JSON ``{"error": message}``: a bad parameter is a 400, an
unknown id a 404, a store being migrated or held a 503; no response carries a stack trace. Read-only unless
``allow_ingest`` (and then ``POST /api/ingest`` needs the bearer token).
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DatelineError, QueryError, StoreBusyError, StoreVersionError
from ..store import Store
from ..web import STATIC
from .cache import CachedReads
from .responses import ErrorBody, error
from .routes import ingest_router, router
from .security import SecurityHeaders

log = logging.getLogger(__name__)


def create_app(store: Store | str | Path, *, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """The app over ``store``. With ``allow_ingest``, ``POST /api/ingest`` exists and takes ``token``."""
    if not isinstance(store, Store):
        store = Store(store)
    if allow_ingest and not token:
        raise ValueError("allow_ingest needs a token")
    app = FastAPI(title="dateline", version=_version(), description=__doc__, docs_url=None, redoc_url=None,
                  responses={400: {"model": ErrorBody, "description": "A bad parameter"},
                             503: {"model": ErrorBody, "description": "The store is busy or needs a migration"}})
    app.state.store = store.serving()
    app.state.token = token
    app.include_router(router)
    if allow_ingest:
        app.include_router(ingest_router)
    _errors(app)
    _pages(app)
    app.add_middleware(CachedReads, store=store, version=_version(),
                       max_bytes=max(0, store.settings.serve_cache_mb) * 1024 * 1024)
    app.add_middleware(SecurityHeaders)  # outermost: cached answers and 304s carry the headers too
    return app


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dateline")
    except PackageNotFoundError:
        return "0"


def _errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_parameter(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
                    for e in exc.errors()]
        return error(400, "; ".join(problems) or "bad request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(DatelineError)
    async def dateline_error(_request: Request, exc: DatelineError) -> JSONResponse:
        if isinstance(exc, QueryError):
            return error(400, exc.message)
        if isinstance(exc, StoreBusyError | StoreVersionError):
            return error(503, exc.message)
        log.warning("store error: %s", exc.message)
        return error(503, exc.message)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:  # never a stack trace to a client
        log.exception("unexpected error")
        return error(500, f"internal error ({type(exc).__name__}); the server log has the details")


def _pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:  # Swagger UI from the package (no CDN), started by a script file, not inline
        return FileResponse(STATIC / "docs.html", media_type="text/html")
