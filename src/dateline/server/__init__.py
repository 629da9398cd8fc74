"""The HTTP API and web explorer over a :class:`~dateline.store.Store` (see ``docs/web.md``)."""

from .app import create_app

__all__ = ["create_app"]
