"""How an event is told: negated, future, hypothetical, historical, reported — and by whom.

The flags come from the trigger's own words (``not``, ``will``, ``could``, "no talks", "planned talks") and from
the verbs and adjectives that govern it in the parse ("refused to meet" → negated; "plans to", "vowed to",
"is about to" → future; "called for" or "if" → hypothetical). "Would" under a reporting verb is a reported
"will" ("said it would allow" → future). A date long before publication makes an event historical. An event
inside a quote (``doc._.quotes``) is reported by that quote; without one, an attribution verb governing its
clause ("The ministry reported that ...", "..., officials said", "according to ...") names who reports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ...records import Quote
from .context import period_end, period_start

NEGATED, FUTURE, HYPOTHETICAL, HISTORICAL, REPORTED = "negated", "future", "hypothetical", "historical", "reported"
ORDER = (NEGATED, FUTURE, HYPOTHETICAL, HISTORICAL, REPORTED)
HISTORICAL_DAYS = 365  # an event that ended this long before publication is history, not news

_NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
_NEG_GOVERNORS = frozenset({"refuse", "fail", "decline", "deny", "avoid", "reject", "cancel", "halt", "stop",
                            "prevent", "postpone", "abandon", "rule", "veto", "block", "thwart", "foil"})
_NOT_NEGATING = frozenset({"nsubj", "attr", "appos"})  # "the talks failed" happened
_DENIALS = frozenset({"deny", "dismiss", "refute", "reject"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
_HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "should", "must", "ought", "can", "ca"})
_FUTURE_GOVERNORS = frozenset({
    "plan", "intend", "aim", "vow", "pledge", "promise", "threaten", "expect", "prepare", "seek", "want", "hope",
    "agree", "decide", "offer", "schedule", "ready", "willing", "prepared", "poised", "determine", "determined",
    "resolve", "commit", "committed", "plot", "arrange", "eager", "keen", "wish", "swear"})
_TRAVEL = frozenset({"leave", "head", "travel", "fly", "depart", "go", "come", "set", "arrive", "return"})
# Words that point ahead only with an infinitive ("set to meet", "is about to restore", "likely to").
_FUTURE_BEFORE_INFINITIVE = frozenset({"set", "due", "about", "going", "likely", "scheduled", "expected"})
_HYPOTHETICAL_GOVERNORS = frozenset({
    "call", "urge", "demand", "ask", "request", "appeal", "propose", "suggest", "press", "push", "insist",
    "recommend", "need", "possible", "unlikely", "consider", "could", "might", "would"})
_FUTURE_MODIFIERS = frozenset({"planned", "upcoming", "forthcoming", "future", "scheduled", "impending",
                               "proposed", "next", "coming", "expected", "prospective"})
_HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "hypothetical", "proposed", "threatened"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
ATTRIBUTION = frozenset({
    "say", "tell", "report", "claim", "state", "announce", "add", "quote", "confirm", "allege", "write",
    "testify", "note", "declare", "reveal", "disclose", "indicate", "explain", "argue", "insist", "reiterate",
    "acknowledge", "admit", "stress", "assert", "maintain", "believe", "estimate", "suggest", "warn", "show",
    "charge", "contend", "recount", "describe", "mention", "brief", "inform", "assure", "predict", "deny"})
# Dependencies through which a governing word's meaning reaches the event it governs.
_GOVERNED_THROUGH = frozenset({"xcomp", "acomp", "dobj", "pobj", "prep", "nsubjpass", "attr", "pcomp", "oprd",
                               "acl", "nsubj", "appos", "compound"})
_MAX_CHAIN = 6

Speaker = Callable[[Token], str | None]


@dataclass(frozen=True)
class Modality:
    flags: tuple[str, ...]
    reported_by: str | None = None


def governors(token: Token) -> list[Token]:
    """The words above an event in its clause (not crossing a clause or reported-speech boundary), nearest
    first."""
    return [gov for gov, _ in _links(token)]


def _links(token: Token) -> list[tuple[Token, str]]:
    """(governor, dependency through which it was reached) pairs, nearest first."""
    out = []
    for _ in range(_MAX_CHAIN):
        if token.head.i == token.i or not (token.dep_ in _GOVERNED_THROUGH or _purpose(token)):
            break
        out.append((token.head, token.dep_))
        token = token.head
    return out


def _purpose(token: Token) -> bool:
    """An infinitive of purpose ("an operation to liberate the city") is governed by what it serves."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def modality(head: Token, *, date: str | None, published: str | None, quotes: Sequence[Quote],
             speaker: Speaker, words: Sequence[Token] = ()) -> Modality:
    """The modality flags of the event at ``head`` (its trigger ``words``) and who reports it."""
    links = _links(head)
    chain = [gov for gov, _ in links]
    flags = set()
    if negated(head, links) or any(_no(w) for w in words):
        flags.add(NEGATED)
    reported_by = _quote_at(head, quotes) or _attributed(head, chain, speaker)
    if future(head, links, date, published, reported=reported_by is not None):
        flags.add(FUTURE)
    if hypothetical(head, chain, reported=reported_by is not None):
        flags.add(HYPOTHETICAL)
    if historical(date, published):
        flags.add(HISTORICAL)
    if reported_by is not None:
        flags.add(REPORTED)
    return Modality(tuple(f for f in ORDER if f in flags), reported_by)


def negated(head: Token, links: Sequence[tuple[Token, str]]) -> bool:
    """ "did not attack", "never", "no talks", "without talks", "refused to meet", "cancelled the talks",
    "denied that it attacked" (not "the talks failed": what fails has happened)."""
    if _has_neg(head) or _no(head):
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "without":
        return True
    verbs = [(t, dep) for t, dep in links if t.pos_ in ("VERB", "AUX")]
    if any(_has_neg(t) or t.lemma_.lower() in _NEG_GOVERNORS and dep not in _NOT_NEGATING for t, dep in verbs[:2]):
        return True
    clause = verbs[-1][0] if verbs else head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _DENIALS  # "denied that it had arrested"


def _no(token: Token) -> bool:
    """ "no talks", "neither side"."""
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children)


def _has_neg(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def future(head: Token, links: Sequence[tuple[Token, str]], date: str | None, published: str | None, *,
           reported: bool) -> bool:
    words = [head, *(gov for gov, _ in links)]
    if any(_aux(t) & _FUTURE_AUX or (reported and "would" in _aux(t)) for t in words[:3]):
        return True
    for gov, dep in links[:3]:
        lemma = gov.lemma_.lower()
        if lemma in _FUTURE_GOVERNORS or (dep in ("xcomp", "acomp") and gov.lower_ in _FUTURE_BEFORE_INFINITIVE):
            return True
    if any(c.lower_ in _FUTURE_MODIFIERS for c in head.children if c.dep_ in ("amod", "compound")):
        return True
    if _purpose_of_travel(head):
        return True
    return _after(date, published)


def _purpose_of_travel(head: Token) -> bool:
    """ "left for Minas Tirith for talks": a meeting travelled to has not happened yet."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "for" or prep.head.i == prep.i:
        return False
    return prep.head.lemma_.lower() in _TRAVEL


def hypothetical(head: Token, chain: Sequence[Token], *, reported: bool) -> bool:
    words = [head, *chain]
    modal = _HYPOTHETICAL_AUX | (set() if reported else {"would"})
    if any(_aux(t) & modal for t in words[:3]):
        return True
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for t in words[:3] for c in t.children):
        return True
    if any(t.lemma_.lower() in _HYPOTHETICAL_GOVERNORS for t in chain[:2]):
        return True
    return any(c.lower_ in _HYPOTHETICAL_MODIFIERS for c in head.children if c.dep_ == "amod")


def historical(date: str | None, published: str | None) -> bool:
    end, now = (period_end(date) if date else None), _day(published)
    return end is not None and now is not None and (now - end).days > HISTORICAL_DAYS


def _after(date: str | None, published: str | None) -> bool:
    start, now = (period_start(date) if date else None), _day(published)
    return start is not None and now is not None and start > now


def _day(published: str | None) -> dt.date | None:
    return period_start(published[:10]) if published else None


def _aux(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def _quote_at(head: Token, quotes: Sequence[Quote]) -> str | None:
    """The quote whose content holds the event: a direct quote, or one reported by a verb of saying (what is
    urged, vowed or refused is not a report of an event)."""
    for quote in quotes:
        if quote.start <= head.idx < quote.end and _saying(head, quote):
            return quote.id
    return None


def _saying(head: Token, quote: Quote) -> bool:
    if quote.kind != "indirect" or quote.cue is None:
        return True
    cue = head.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return cue is not None and any(t.lemma_.lower() in ATTRIBUTION | {"accord"} for t in cue)


def _attributed(head: Token, chain: Sequence[Token], speaker: Speaker) -> str | None:
    """The speaker of an attribution verb governing the event's clause, or of "according to"."""
    token = chain[-1] if chain else head
    for _ in range(_MAX_CHAIN):
        reporter = _reporting_child(token)
        if reporter is not None:
            return speaker(reporter)
        if token.dep_ not in ("ccomp", "parataxis", "advcl", "conj", "xcomp") or token.head.i == token.i:
            break
        token = token.head
        if token.lemma_.lower() in ATTRIBUTION and token.pos_ == "VERB":
            return speaker(token)
    return _according_to(head, speaker)


def _reporting_child(token: Token) -> Token | None:
    """A parenthetical "..., officials said" hanging from the event's clause."""
    for child in token.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in ATTRIBUTION and \
                child.pos_ == "VERB" and child.i > token.i:
            return child
    return None


def _according_to(head: Token, speaker: Speaker) -> str | None:
    for token in head.sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return speaker(objects[0]) or objects[0].text
    return None
