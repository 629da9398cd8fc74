"""Dictionary mode: events coded with PETRARCH/TABARI dictionaries on the spaCy parse (see docs/dictionaries.md;
actor phrases are found by :mod:`.dictionary_phrases`).

1. Sentences holding a discard phrase are skipped (a story discard skips the whole text).
2. Actor and agent phrases of the actor dictionaries are found in each sentence, longest first.
3. A word the parser tags as a verb whose form is in the verb dictionary is tried against its
   block's patterns: the words after ``*`` are read in the verb's own phrase (its subtree, without the verbs
   coordinated with it), the words before it in the sentence before the verb. The most specific match gives
   the code, else the verb's or its block's code; ``A:B`` codes A from source to target and B back.
4. Source: a pattern's ``$``, else the verb's subject (a passive's ``by`` agent; a pronoun takes the subject of
   the verb above). Target: a pattern's ``+``, else a passive's subject, else the first actor in the verb's
   phrase. A noun phrase's code is its actors' codes with its agents' codes (``Gondor's government`` →
   GON + GOV); a compound phrase gives one code per member.
5. As PETRARCH requires a dyad: an event needs a source with an actor code (an agent alone, "officials",
   names nobody) and a target; several sources without a target code a cooperative act (CAMEO 03–06) among
   themselves. The code's PLOVER type comes from the CAMEO→PLOVER table; a code outside it gives no event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...cameo.actors import Agent
from ...cameo.load import Dictionaries
from ...cameo.mapping import plover_of
from ...cameo.match import NO_ACTOR, Side, best_match
from ...cameo.verbs import COMPOUND, NULL_CODE, SOURCE, TARGET, VerbForm
from .dictionary_phrases import Mention, holds, mentions_in
from .roles import subjects

_NP_CUT = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "ccomp", "xcomp"})
_COOPERATIVE = ("03", "04", "05", "06")


@dataclass(frozen=True)
class Party:
    """A coded actor: the token it hangs on, its CAMEO code, the words that named it."""

    head: Token
    code: str
    text: str
    agent_only: bool = False


@dataclass(frozen=True)
class Coded:
    verb: Token
    tokens: tuple[int, ...]
    code: str
    type: str
    sources: tuple[Party, ...]
    targets: tuple[Party, ...]


def code_doc(doc: Doc, dicts: Dictionaries, published: str | None) -> list[Coded]:
    """Every event the dictionaries code in the Doc, in text order."""
    if holds(doc[:], dicts.discards.story):
        return []
    out: list[Coded] = []
    for sent in doc.sents:
        if not holds(sent, dicts.discards.sentence):
            out += _code_sentence(sent, dicts, published)
    return out


def _code_sentence(sent: Span, dicts: Dictionaries, published: str | None) -> list[Coded]:
    mentions = mentions_in(sent, dicts, published)
    owner = {i: n for n, m in enumerate(mentions) for i in range(m.start, m.end)}
    out: list[Coded] = []
    taken: set[int] = set()
    for token in sent:
        if token.i in taken or not _is_verb(token):
            continue
        hit = _verb_form(token, dicts)
        if hit is None:
            continue
        form, tokens = hit
        taken.update(tokens)
        out += _code_verb(token, form, tokens, dicts, mentions, owner)
    return out


def _code_verb(verb: Token, form: VerbForm, tokens: tuple[int, ...], dicts: Dictionaries,
               mentions: list[Mention], owner: dict[int, int]) -> list[Coded]:
    block = dicts.verbs.blocks[form.block]
    before = [t for t in reversed(verb.doc[verb.sent.start:min(tokens)]) if not t.is_punct]
    scope = _scope(verb)
    after = [t for t in verb.doc[max(tokens) + 1:verb.sent.end] if t.i in scope and not t.is_punct]
    sides = {"before": before, "after": after}
    found = best_match(block.patterns, _side(before, owner), _side(after, owner))
    code = found.pattern.code if found else (form.code or block.code)
    slots = {k: sides[side][i] for k, (side, i) in (found.slots.items() if found else ())}
    sources = _sources(verb, slots, mentions, owner)
    targets = _targets(verb, slots, after, mentions, owner, sources)
    among = COMPOUND in slots and slots[COMPOUND].i < verb.i
    out = []
    for forward, part in zip((True, False), code.split(":")[:2], strict=False):
        kind = plover_of(part, dicts.mapping) if part and part != NULL_CODE else None
        if kind is not None:
            pair = (sources, targets) if forward else (targets, sources)
            out += _dyads(verb, tokens, part, kind, *pair, among=among)
    return out


def _dyads(verb: Token, tokens: tuple[int, ...], code: str, kind: str, sources: tuple[Party, ...],
           targets: tuple[Party, ...], *, among: bool = False) -> list[Coded]:
    """PETRARCH's dyad rule: a source that names an actor and a target, or an act among several sources
    (a cooperative code, or a pattern's ``%``)."""
    named = tuple(s for s in sources if not s.agent_only)
    if named and targets:
        return [Coded(verb, tokens, code, kind, named, targets)]
    if len(named) > 1 and not targets and (among or code.startswith(_COOPERATIVE)):
        return [Coded(verb, tokens, code, kind, (s,), tuple(o for o in named if o is not s)) for s in named]
    return []


def _sources(verb: Token, slots: dict[str, Token], mentions: list[Mention],
             owner: dict[int, int]) -> tuple[Party, ...]:
    if SOURCE in slots:
        return _parties(_np_head(slots[SOURCE]), mentions, owner)
    heads = subjects(verb)
    if heads and all(h.tag_ == "PRP" for h in heads):
        heads = _antecedents(verb) or heads
    return tuple(p for h in heads for p in _parties(h, mentions, owner, conjuncts=False))


def _antecedents(verb: Token) -> list[Token]:
    """For a pronoun subject: the subject of the nearest verb above ("X indicated it would act" → X)."""
    for above in verb.ancestors:
        if above.pos_ in ("VERB", "AUX"):
            found = [t for t in subjects(above) if t.tag_ != "PRP"]
            if found:
                return found
    return []


def _targets(verb: Token, slots: dict[str, Token], after: Sequence[Token], mentions: list[Mention],
             owner: dict[int, int], sources: tuple[Party, ...]) -> tuple[Party, ...]:
    if COMPOUND in slots and slots[COMPOUND].i > verb.i:  # "agrees with % ...": the compound is the target
        return _parties(_np_head(slots[COMPOUND]), mentions, owner)
    if COMPOUND in slots:  # "% HAVE *": the members act among themselves
        return ()
    if TARGET in slots:
        return _parties(_np_head(slots[TARGET]), mentions, owner)
    taken = {t.i for s in sources for t in s.head.subtree}
    passive = [t for t in verb.children if t.dep_ == "nsubjpass" and t.i not in taken]
    if passive and any(t.dep_ == "agent" for t in verb.children):
        return tuple(p for h in passive for p in _parties(h, mentions, owner))
    first = next((t for t in after if t.i in owner and t.i not in taken), None)
    if first is None:
        return ()
    return tuple(p for p in _parties(_np_head(first), mentions, owner) if p.head.i not in taken)


def _parties(head: Token, mentions: list[Mention], owner: dict[int, int], *,
             conjuncts: bool = True) -> tuple[Party, ...]:
    """The coded actors a noun phrase names, one set per coordinated member."""
    out: list[Party] = []
    for member in (head, *head.conjuncts) if conjuncts else (head,):
        inside = _phrase(member)
        found = sorted({owner[i] for i in inside if i in owner})
        named = [mentions[n] for n in found if mentions[n].agent is None]
        agents = [mentions[n].agent for n in found if mentions[n].agent is not None]
        text = member.doc[min(inside):max(inside) + 1].text if inside else member.text
        if named:
            out += [Party(member, _compose(code, agents), text) for m in named for code in m.codes]
        elif agents:
            out.append(Party(member, _compose("---", agents), text, agent_only=True))
    return tuple(dict.fromkeys(out))


def _compose(code: str, agents: Sequence[Agent | None]) -> str:
    """An actor code with its agents' codes: prefixes (``NGO~``) before, suffixes (``~GOV``) after."""
    for agent in agents:
        if agent is None:
            continue
        if agent.before and not code.startswith(agent.code):
            code = agent.code + code
        elif not agent.before and agent.code not in code[3:]:
            code += agent.code
    return code


def _phrase(member: Token) -> set[int]:
    """A noun phrase's tokens: the member's subtree without coordinated members and clauses."""
    cut = {t.i for c in member.children if c.dep_ in _NP_CUT for t in c.subtree}
    return {t.i for t in member.subtree} - cut


def _np_head(token: Token) -> Token:
    """The head noun of the phrase a word is part of ("Gondor" in "Gondor's government" → government)."""
    while token.dep_ in ("compound", "poss", "amod", "nmod", "det", "case", "nummod", "flat") and \
            token.head.i != token.i:
        token = token.head
    return token


def _scope(verb: Token) -> set[int]:
    """The verb's phrase: its subtree without the verbs coordinated with it."""
    cut = {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    return {t.i for t in verb.subtree} - cut


def _side(tokens: Sequence[Token], owner: dict[int, int]) -> Side:
    return Side(tuple(t.text.upper() for t in tokens), tuple(owner.get(t.i, NO_ACTOR) for t in tokens))


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.pos_ == "VERB"


def _verb_form(token: Token, dicts: Dictionaries) -> tuple[VerbForm, tuple[int, ...]] | None:
    """The longest form of the dictionary written at the token, and its tokens. As in PETRARCH, only the forms
    the dictionary lists or makes match (no lemma: "departes" is no form of DEPART)."""
    doc = token.doc
    for key in (token.text.upper(),):
        for form in dicts.verbs.forms_of(key):
            start = token.i - form.verb_at
            end = start + len(form.words)
            if start >= token.sent.start and end <= token.sent.end and all(
                    i == token.i or doc[i].text.upper() == w for i, w in zip(range(start, end), form.words,
                                                                             strict=True)):
                return form, tuple(range(start, end))
    return None


# CAMEO actor-code prefixes that name no state.
_NON_STATE = frozenset({"---", "IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "INT", "UNO", "SPY", "REB", "OPP"})


def cameo_state(code: str) -> tuple[str | None, str | None]:
    """(state, sector) of a CAMEO actor code: its first three letters unless they name no state (IGO, NGO…),
    and the three after them ("GONGOV" → GON, GOV; "---GOV" → None, GOV)."""
    head = code[:3].upper()
    sector = code[3:6].upper() or None
    if head in _NON_STATE or not head.isalpha() or len(head) < 3:
        return None, sector
    return head, sector
