"""Cues of reported speech: the reporting verbs and phrases of ``data/cues.tsv``, found in a parsed Doc.

A :class:`Cue` is the verb or phrase (``said``, ``called for``, ``according to``, ``quoted … as saying``)
with, read from the dependency parse, the token heading its speaker (:mod:`.syntax`) and the token
range of what was reported (its content, :mod:`.content`). The lexicon is written by hand: several
hundred forms of English reporting verbs, phrases and nouns, each with its lemma and a type (speech,
assertion, evidence, directive, evaluation, belief, stance, source, noun) that says where its content lies. A
one-word verb cue must be tagged a verb ("said", not "the report"); a noun cue a noun.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from .content import (
    ASSERTION,
    BELIEF,
    DIRECTIVE,
    EVALUATION,
    EVIDENCE,
    NOUN,
    NOUN_CONTENT,
    SOURCE,
    SPEECH,
    STANCE,
    TYPES,
    clause_without,
    phrase_end,
    says_object,
    that_clause,
    trailing,
    trimmed,
    verb_content,
)
from .syntax import clause_of, noun_speaker, object_in, quoted_person, speaker_of

__all__ = ["SPEECH", "ASSERTION", "EVIDENCE", "DIRECTIVE", "EVALUATION", "BELIEF", "SOURCE", "NOUN", "STANCE",
           "TYPES", "GAP", "CueEntry", "Cue", "lexicon", "parse_lexicon", "index_entries", "find_cues"]

GAP = "*"  # a gap of one to six words in a phrase: "quoted * as saying"
MAX_GAP = 6


@dataclass(frozen=True)
class CueEntry:
    words: tuple[str, ...]
    lemma: str
    type: str


@dataclass(frozen=True)
class Cue:
    start: int  # token range of the cue words
    end: int
    verb: Token  # the token the parse hangs speaker and content from
    lemma: str
    type: str
    speaker: Token | None = None
    content: tuple[int, int] | None = None  # token range
    reports: bool = False  # whether the content reports something (see the module's doc)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[CueEntry, ...]]:
    """The packaged cue lexicon, keyed by first word; longer phrases first."""
    text = resources.files("dateline").joinpath("data/cues.tsv").read_text(encoding="utf-8")
    return index_entries(parse_lexicon(text))


def parse_lexicon(text: str) -> list[CueEntry]:
    """Entries from the lexicon's lines: ``form<TAB>lemma<TAB>type``; ``#`` starts a comment line."""
    entries = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            form, lemma, kind = line.split("\t")
            entries.append(CueEntry(tuple(form.lower().split()), lemma, kind))
    return entries


def index_entries(entries: Iterable[CueEntry]) -> dict[str, tuple[CueEntry, ...]]:
    """Entries keyed by their first word, the longest phrase first (it wins over the verb alone)."""
    by_first: dict[str, list[CueEntry]] = {}
    for entry in entries:
        by_first.setdefault(entry.words[0], []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in by_first.items()}


def find_cues(doc: Doc, quoted: list[bool], entries: dict[str, tuple[CueEntry, ...]] | None = None) -> list[Cue]:
    """Every cue outside quotations (``quoted[i]`` says whether token i is inside one), in text order."""
    entries = lexicon() if entries is None else entries
    has_pos, has_dep = doc.has_annotation("POS"), doc.has_annotation("DEP")
    cues: list[Cue] = []
    i = 0
    while i < len(doc):
        match = None if quoted[i] else _match(doc, i, entries.get(doc[i].lower_, ()), quoted, has_pos)
        if match is not None and _standalone(doc, i):
            entry, end = match
            plain = Cue(i, end, doc[i], entry.lemma, entry.type)
            cues.append(_read_cue(doc, i, end, entry, quoted) if has_dep else plain)
            i = end
        else:
            i += 1
    cues = _without_sources(doc, cues) if has_dep else cues
    return [replace(cue, reports=_reports(doc, cue, has_pos)) for cue in cues]


def _without_sources(doc: Doc, cues: list[Cue]) -> list[Cue]:
    """Contents less a source phrase that opens or closes them ("said turnout rose, *according to a poll*"):
    the phrase names who else vouches for the clause, it is a cue of its own, not what the speaker said."""
    phrases = [(c.start, phrase_end(c.verb, c.end)) for c in cues if c.type == SOURCE and c.verb.lower_ in _PHRASES]
    out = []
    for cue in cues:
        if cue.content is not None and cue.type != SOURCE:
            lo, hi = cue.content
            cut = min((start for start, end in phrases if lo < start and end >= hi and doc[start - 1].text in ",—–("),
                      default=hi)
            if cut < hi:
                cue = replace(cue, content=trimmed(doc, lo, cut))
        out.append(cue)
    return out


_PHRASES = frozenset({"according", "in"})  # source cues that are a phrase beside a clause, not a verb


def _standalone(doc: Doc, i: int) -> bool:
    """A cue is a word of its own, not part of a compound ("so-called"), nor the writer's supposition ("let's
    say you think …": no one said it)."""
    if i > 0 and doc[i - 1].text in ("-", "‑") and not doc[i - 1].whitespace_:
        return False
    return not (i > 1 and doc[i - 2].lower_ == "let" and doc[i - 1].lower_ in ("'s", "’s", "us"))


def _match(doc: Doc, i: int, entries: tuple[CueEntry, ...], quoted: list[bool],
           tagged: bool) -> tuple[CueEntry, int] | None:
    for entry in entries:
        if not _fits(doc[i], entry, tagged):
            continue
        end = _match_words(doc, i, entry.words, quoted)
        if end is not None:
            return entry, end
    return None


def _fits(token: Token, entry: CueEntry, tagged: bool) -> bool:
    """A one-word cue is a verb ("said", not "the report"), a reporting noun a noun; phrases stand as written."""
    if entry.type == NOUN:
        return tagged and token.pos_ == "NOUN"
    return len(entry.words) > 1 or not tagged or token.pos_ in ("VERB", "AUX")


def _match_words(doc: Doc, i: int, words: tuple[str, ...], quoted: list[bool]) -> int | None:
    j = i
    for k, word in enumerate(words):
        if word == GAP:
            gap_end = _after_gap(doc, j, words[k + 1], quoted)
            if gap_end is None:
                return None
            j = gap_end
            continue
        if j >= len(doc) or quoted[j] or doc[j].lower_ != word:
            return None
        j += 1
    return j


def _after_gap(doc: Doc, j: int, next_word: str, quoted: list[bool]) -> int | None:
    for k in range(j + 1, min(len(doc), j + 1 + MAX_GAP)):
        if quoted[k] or doc[k].is_punct:
            return None
        if doc[k].lower_ == next_word:
            return k
    return None


def _read_cue(doc: Doc, start: int, end: int, entry: CueEntry, quoted: list[bool]) -> Cue:
    if entry.type == SOURCE:
        return _source_cue(doc, start, end, entry)
    if entry.type == NOUN:
        noun = doc[start]
        return Cue(start, end, noun, entry.lemma, entry.type, noun_speaker(noun), that_clause(noun))
    verb = doc[start]
    content = _after_cue(verb_content(verb, entry.type, entry.lemma), start, end)
    speaker = noun_speaker(verb, any_verb=True) if verb.pos_ == "NOUN" else speaker_of(verb, quoted)  # "a call for"
    return Cue(start, end, verb, entry.lemma, entry.type, speaker, content)


def _after_cue(content: tuple[int, int] | None, start: int, end: int) -> tuple[int, int] | None:
    """Content never holds the cue's own words ("called for" → what follows "for")."""
    if content is None or not start <= content[0] < end:
        return content
    return (end, content[1]) if content[1] > end else None


def _source_cue(doc: Doc, start: int, end: int, entry: CueEntry) -> Cue:
    """ "according to X", "quoted X as saying": the speaker is inside the phrase or its object."""
    first = doc[start]
    if entry.words[0] in ("according", "in"):
        speaker = object_in(doc[end - 1].children) or object_in(first.children)
        clause = None if first.head.i == first.i else clause_of(first.head)
        content = clause_without(clause, start, phrase_end(first, end)) if clause is not None else None
        return Cue(start, end, first, entry.lemma, entry.type, speaker, content)
    speaker = quoted_person(doc, start, end)
    clause = clause_of(first)
    content = verb_content(first, SPEECH) or (trailing(first) if clause is first else None)
    return Cue(start, end, first, entry.lemma, entry.type, speaker, content)


def _object_said(verb: Token, lo: int, hi: int) -> bool:
    """Whether what "say" reports is its object ("said something very strange", "said the same of X")."""
    return any(c.dep_ == "dobj" and lo <= c.i < hi for c in verb.children)


def _describes(verb: Token) -> bool:
    """A stance that tells which ones are meant ("groups that support the bill", "a PAC backing her"), unlike
    one set off by a comma that tells what someone did ("the senator, who endorsed her in May, …")."""
    if verb.dep_ in ("acl", "amod"):
        return True
    if verb.dep_ != "relcl":
        return False
    first = verb.left_edge.i
    return first == 0 or verb.doc[first - 1].text != ","


def _reports(doc: Doc, cue: Cue, tagged: bool) -> bool:
    """Whether a cue reports something: its content holds a verb, or a noun phrase where its type allows."""
    if cue.content is None or (cue.type == NOUN and cue.speaker is None):
        return False  # a reporting noun reports only for someone: "the mayor's claim", not "the claim"
    if cue.type == STANCE and _describes(cue.verb):
        return False  # "groups that support the bill" says what the groups are, not what they said
    if not tagged:
        return True  # nothing to tell by
    lo, hi = cue.content
    if cue.type in NOUN_CONTENT or (says_object(cue.verb, cue.type, cue.lemma) and _object_said(cue.verb, lo, hi)):
        return any(t.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "NUM") for t in doc[lo:hi])
    return any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi])
