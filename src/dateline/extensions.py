"""Every ``Doc._`` extension dateline uses, registered in one place.

The pipeline attaches the article and each stage's results here, so a later stage can read what an
earlier one gave (places read ``doc._.entities``; events read entities, places and dates).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spacy.tokens import Doc

T = TypeVar("T")

DOC_EXTENSIONS: tuple[str, ...] = ("article", "entities", "quotes", "places", "dates", "events")


def register() -> None:
    """Register the extensions (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def per_doc(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """What ``compute`` gives for ``doc``, worked out once and kept in the Doc's ``user_data`` under ``key``
    (for facts of a parsed Doc that several stages read, e.g. its sentence starts)."""
    found: Any = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = compute()
    return found  # type: ignore[no-any-return]


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc: spaCy's property makes a Token of every word and joins them again on
    each read, and the stages read it about 16 times an article. The text of a parsed Doc never changes."""
    return per_doc(doc, "dateline.text", lambda: doc.text)
