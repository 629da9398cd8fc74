"""Hand-built parsed Docs for the events tests (no model), and the checks that the builder itself is sound.

``parse("Iraqi|JJ|amod|1 forces=force|NNS|nsubj|2 attacked=attack|VBD|ROOT|2 Mosul|NNP|dobj|2 .|.|punct|2")``:
each token is ``word[=lemma]|TAG[:POS]|dep|head`` (head: absolute token index); the part of speech follows from
the tag unless given. :func:`run_events` runs the entities stage and then the events stage over such a Doc.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from dateline import extensions
from dateline.records import Article, DateRef, Event, Place, Quote
from dateline.settings import DEFAULT
from dateline.stages.entities import extract_entities
from dateline.stages.events import extract_events

from .helpers import vocab

_POS = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ", "DT": "DET", "IN": "ADP",
        "PRP": "PRON", "PRP$": "PRON", "MD": "AUX", "TO": "PART", "CC": "CCONJ", "RB": "ADV", ".": "PUNCT",
        ",": "PUNCT", "POS": "PART", "CD": "NUM", "WP": "PRON", "WDT": "PRON", "RP": "ADP", "HYPH": "PUNCT",
        "EX": "PRON"}
_AUX_DEPS = frozenset({"aux", "auxpass"})


def parse(annotated: str, *, ents: Sequence[tuple[int, int, str]] = (), sent_starts: Sequence[int] = ()) -> Doc:
    """A parsed Doc from ``word[=lemma]|TAG[:POS]|dep|head`` tokens separated by spaces."""
    rows = [_row(part) for part in annotated.split()]
    words = [r[0] for r in rows]
    spaces = [not (i + 1 < len(words) and words[i + 1] in {",", ".", "'s", ":", ";"}) for i in range(len(words))]
    spaces[-1] = False
    doc = Doc(vocab(), words=words, spaces=spaces, lemmas=[r[1] for r in rows], tags=[r[2] for r in rows],
              pos=[r[3] for r in rows], deps=[r[4] for r in rows], heads=[r[5] for r in rows],
              sent_starts=[i in sent_starts for i in range(len(words))] if sent_starts else None)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def _row(part: str) -> tuple[str, str, str, str, str, int]:
    word_lemma, tag_pos, dep, head = part.split("|")
    word, _, lemma = word_lemma.partition("=")
    tag, _, pos = tag_pos.partition(":")
    if not pos:
        pos = _POS.get(tag) or ("AUX" if dep in _AUX_DEPS else "VERB" if tag.startswith("VB") else "X")
    return word, lemma or word.lower(), tag, pos, dep, int(head)


def run_events(doc: Doc, *, published: str | None = "2019-03-12", places: Sequence[Place] | None = None,
               dates: Sequence[DateRef] = (), quotes: Sequence[Quote] | None = None,
               dateline: str | None = None) -> list[Event]:
    """Entities, then events, over a hand-built Doc; places and quotes as given (None: no such stage yet)."""
    from dateline.records import Dateline

    extensions.register()
    doc._.article = Article(id="test-article", source_id="test", text=doc.text, published=published,
                            dateline=Dateline(dateline, None) if dateline else None)
    doc._.entities = tuple(extract_entities(doc, settings=DEFAULT))
    doc._.dates = tuple(dates)
    doc._.places = tuple(places) if places is not None else None
    doc._.quotes = tuple(quotes) if quotes is not None else None
    return extract_events(doc, settings=DEFAULT)


def place(doc: Doc, word: str, geonameid: int, *, feature: str = "city", name: str | None = None) -> Place:
    start = doc.text.index(word)
    return Place(mention=word, start=start, end=start + len(word), geonameid=geonameid, name=name or word,
                 feature=feature, lat=1.0, lon=2.0)


def date(doc: Doc, words: str, value: str | None) -> DateRef:
    start = doc.text.index(words)
    return DateRef(mention=words, start=start, end=start + len(words), value=value)


# --- the builder ------------------------------------------------------------------------------------------


def test_builder_reads_words_lemmas_tags_and_heads() -> None:
    doc = parse("Iraqi|JJ|amod|1 forces=force|NNS|nsubj|2 attacked=attack|VBD|ROOT|2 Mosul|NNP|dobj|2 .|.|punct|2",
                ents=[(0, 1, "NORP"), (3, 4, "GPE")])
    assert doc.text == "Iraqi forces attacked Mosul."
    assert [t.lemma_ for t in doc] == ["iraqi", "force", "attack", "mosul", "."]
    assert [t.pos_ for t in doc] == ["ADJ", "NOUN", "VERB", "PROPN", "PUNCT"]
    assert doc[1].head.i == 2 and doc[2].dep_ == "ROOT"
    assert [(e.text, e.label_) for e in doc.ents] == [("Iraqi", "NORP"), ("Mosul", "GPE")]


def test_builder_makes_auxiliaries_from_their_dependency() -> None:
    doc = parse("Gondor|NNP|nsubj|2 will|MD|aux|2 visit|VB|ROOT|2 Arnor|NNP|dobj|2 .|.|punct|2")
    assert [t.pos_ for t in doc] == ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"]
