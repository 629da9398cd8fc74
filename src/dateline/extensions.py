"""Every ``Doc._`` extension dateline uses, registered in one place.

The pipeline attaches the article and each stage's results here, so a later stage can read what an
earlier one gave (places read ``doc._.entities``; events read entities, places and dates).
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: tuple[str, ...] = ("article", "entities", "quotes", "places", "dates", "events")


def register() -> None:
    """Register the extensions (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
