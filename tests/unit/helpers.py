"""Build spaCy Docs by hand for fast tests: words, spaces, entity tags, sentence starts — no model."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    return spacy.blank("en").vocab


def make_doc(text_with_ents: str) -> Doc:
    """``"[Ash Carter](PERSON) met [UN](ORG) staff ."`` → Doc with those entities (tokens split on spaces)."""
    words: list[str] = []
    ents: list[str] = []
    for chunk in _chunks(text_with_ents):
        label, toks = chunk
        for j, tok in enumerate(toks):
            words.append(tok)
            ents.append("O" if label is None else ("B-" if j == 0 else "I-") + label)
    return Doc(vocab(), words=words, spaces=[True] * (len(words) - 1) + [False], ents=ents)


def _chunks(text: str) -> list[tuple[str | None, list[str]]]:
    import re

    out: list[tuple[str | None, list[str]]] = []
    pos = 0
    for m in re.finditer(r"\[([^\]]+)\]\(([A-Z_]+)\)", text):
        out.append((None, text[pos:m.start()].split()))
        out.append((m.group(2), m.group(1).split()))
        pos = m.end()
    out.append((None, text[pos:].split()))
    return [c for c in out if c[1]]


def parsed_doc(rows: list[tuple[str, int, str, str]], *, ents: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
               sent_starts: list[int] = ()) -> Doc:  # type: ignore[assignment]
    """A Doc from (word, head index, dep, pos) rows; ``ents`` are (start, end, label) token ranges.

    Sentence starts come from ``sent_starts`` (token indices) when given, else from the heads (ROOT).
    """
    words = [r[0] for r in rows]
    spaces = [not (i + 1 < len(words) and words[i + 1] in {",", ".", "'s", "’s", ":", ";", "?", "!"})
              for i in range(len(words))]
    spaces[-1] = False
    doc = Doc(vocab(), words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], lemmas=[r[0].lower() for r in rows],
              sent_starts=[i in sent_starts for i in range(len(words))] if sent_starts else None)
    from spacy.tokens import Span

    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc
