"""Reading the speaker off the parse: the subject of a cue, and where a parse lost it, what stands for it.

The subject of the cue verb, or the agent of a passive ("was told by X"); for a cue without a subject of
its own, the subject of the clause it hangs from ("…, saying", "before asking her", "determined to warn");
the noun a participle modifies ("postings that included one saying"); the relative pronoun of "who said",
whose antecedent is the speaker; and two repairs for a parse that lost the subject: the noun right before
the verb ("… Foreign Minister Ana Lima called for") and the name right after a sentence-opening cue ("Said Okafor:").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "csubj"})  # a passive subject is who was spoken of, not the speaker
CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})  # any subject a clause has of its own
_RELATIVE = frozenset({"who", "that", "which", "whom"})
# Relations through which a cue without a subject takes the subject of the clause it hangs from
# ("…, saying", "before asking her", "determined to warn"; a preposition in between is crossed).
# Verbs through which a subject voices a reporting noun ("expressed concern that …"), in all their forms.
_VOICING = frozenset("""express expresses expressed expressing voice voices voiced voicing raise raises raised
raising repeat repeats repeated repeating reiterate reiterates reiterated reiterating share shares shared sharing
renew renews renewed renewing air airs aired airing echo echoes echoed echoing issue issues issued issuing
deliver delivers delivered delivering offer offers offered offering make makes made making have has had""".split())
_CLIMB = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "advmod"})


def object_in(tokens: Iterable[Token]) -> Token | None:
    """The first object among ``tokens`` ("according to *police*"); for a text someone wrote or gave, its
    author ("according to a speech *Clinton* delivered", "according to *her* statement")."""
    for token in tokens:
        if token.dep_ in ("pobj", "dobj"):
            return author(token) or token
    return None


def author(noun: Token) -> Token | None:
    """Who wrote or gave the text a noun names: its possessor, the object of its "by", or the subject of a
    relative clause on it ("a speech Clinton delivered")."""
    if noun.lemma_.lower() not in _AUTHORED:
        return None
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "PRON", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
        if child.dep_ == "relcl":
            found = next((c for c in child.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVE), None)
            if found is not None:
                return found
    return None


def quoted_person(doc: Doc, start: int, end: int) -> Token | None:
    """ "quoted Lima as saying" → Lima (the object); "Lima was quoted as saying" → the passive subject."""
    verb = doc[start]
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    gap = [t for t in doc[start + 1:end] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if gap:
        return gap[-1]
    prev = verb.i - 1
    while prev >= 0 and doc[prev].dep_ in ("aux", "auxpass"):
        prev -= 1
    return doc[prev] if prev >= 0 and doc[prev].pos_ in ("PROPN", "NOUN", "PRON") else None


def noun_speaker(noun: Token, *, any_verb: bool = False) -> Token | None:
    """Whose claim: "the mayor's claim", "the claim by the mayor", "unions expressed concern that …".

    ``any_verb``: the subject of whatever verb takes the noun as object ("sounded a call for …").
    """
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            found = object_in(child.children)
            if found is not None:
                return found
    if noun.dep_ == "dobj" and (any_verb or noun.head.lower_ in _VOICING):
        return subject(noun.head)
    return None


def clause_of(token: Token) -> Token | None:
    """The nearest verb governing ``token`` (the token itself when it is one)."""
    node = token.head if token.pos_ not in ("VERB", "AUX") else token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return node
        node = node.head
    return None


def speaker_of(verb: Token, quoted: Sequence[bool] = ()) -> Token | None:
    """Who speaks through ``verb``: its subject, a passive agent, or the subject of the verb it hangs from.
    ``quoted[i]`` says whether token i stands inside quotation marks: a cue outside them never takes a speaker
    from inside them (a parse that hung "…," Jordan said from the quotation's verb), it falls back on the noun
    right before it."""
    node = verb
    outside = len(quoted) > verb.i and not quoted[verb.i]
    for _ in range(5):
        found = subject(node, passive=node is not verb)  # "after saying …, she was driven off": she said it
        if found is not None and outside and quoted[found.i]:
            return _left_neighbour(verb) or _inverted(verb)
        if found is not None:
            return found
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if _occasion(node.head):  # "she said at a news conference announcing …": she announced it
                node = node.head.head
                continue
            return _issuer(node.head) or node.head  # "postings that included one saying that …"
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        node = node.head
    if verb.dep_ in _CLIMB:
        return None
    return _left_neighbour(verb) or _inverted(verb)


# What is issued to say something: "issued a statement calling …" is said by who issued it.
_DOCUMENTS = frozenset("""statement letter report release communique communiqué memo note message declaration
resolution complaint filing ad advertisement video post tweet email paper""".split())
# Texts someone wrote or gave, which speak for their author.
_AUTHORED = _DOCUMENTS | frozenset("speech remarks interview testimony op-ed column book essay".split())


# Occasions at which someone speaks, which say nothing themselves.
_OCCASIONS = frozenset("""conference meeting rally hearing event briefing session summit address appearance
ceremony debate forum gathering""".split())


def _occasion(noun: Token) -> bool:
    """A noun naming the occasion of a cue ("at a news conference"), in a phrase the clause climbs through."""
    return noun.lemma_.lower() in _OCCASIONS and noun.dep_ == "pobj" and noun.head.dep_ == "prep"


def _issuer(noun: Token) -> Token | None:
    """Who issued the document a participle describes ("the council issued a statement calling …")."""
    if noun.lemma_.lower() not in _DOCUMENTS or noun.dep_ != "dobj":
        return None
    return subject(noun.head)


def _inverted(verb: Token) -> Token | None:
    """ "Said Okafor: …" — a name right after a sentence-opening cue."""
    nxt = verb.i + 1
    if nxt >= len(verb.doc) or not verb.is_sent_start or verb.doc[nxt].pos_ != "PROPN":
        return None
    while nxt + 1 < len(verb.doc) and verb.doc[nxt + 1].pos_ == "PROPN":
        nxt += 1
    return verb.doc[nxt]


def _left_neighbour(verb: Token) -> Token | None:
    """A parse that lost the subject: the noun right before the verb ("… Foreign Minister Ana Lima called for")."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    if i < 0:
        return None
    if verb.doc[i].text == ",":
        return _before_aside(verb.doc, i)
    token = verb.doc[i]
    if token.pos_ not in ("PROPN", "NOUN", "PRON") or token.dep_ in ("dobj", "nsubjpass"):
        return None
    if token.dep_ == "pobj" and not (token.pos_ == "PROPN" and verb.dep_ == "ROOT"):
        return None  # "… board of the Post Trump said": a name read into a phrase before a verb with no subject
    return token


MAX_ASIDE_TOKENS = 12


def _before_aside(doc: Doc, comma: int) -> Token | None:
    """The name before a comma-set description that ends at ``comma`` ("…,” Okafor, a party spokesman, said"):
    the aside holds no verb and no quotation mark, and a proper noun stands right before its opening comma."""
    start = doc[comma].sent.start
    for i in range(comma - 1, max(start, comma - MAX_ASIDE_TOKENS) - 1, -1):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or token.is_quote:
            return None
        if token.text == ",":
            name = doc[i - 1] if i > start else None
            aside = doc[i + 1:comma]
            if name is None or name.pos_ != "PROPN" or not any(t.pos_ in ("NOUN", "PROPN") for t in aside):
                return None
            return name
    return None


def subject(verb: Token, *, passive: bool = False) -> Token | None:
    """The verb's own speaker: a passive's agent, else its nearest subject (a passive one only if asked)."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    deps = _SUBJECTS | {"nsubjpass"} if passive else _SUBJECTS
    subjects = [c for c in verb.children if c.dep_ in deps and c.pos_ != "VERB"]
    # "reasons that the mayor refuses": mayor before "that"; a subject misread inside a quotation comes last
    subjects.sort(key=lambda c: (c.lower_ in _RELATIVE, abs(c.i - verb.i)))
    for child in subjects:
        if child.lower_ in _RELATIVE and verb.dep_ != "relcl":
            continue
        return _past_dateline(child)
    return None


_DASHES = frozenset({"--", "—", "–", "―", "-"})


def _past_dateline(token: Token) -> Token:
    """ "WASHINGTON -- President Obama … said": a place in capitals before a dash opening the text is the
    story's dateline, which the parse may make the subject; the speaker is the name after the dash."""
    doc = token.doc
    if not (token.is_upper and token.i + 1 < len(doc) and doc[token.i + 1].text in _DASHES):
        return token
    if token.i > 0 and "\n" not in doc[token.i - 1].text_with_ws and not doc[token.i - 1].is_upper:
        return token
    return next((c for c in token.children if c.dep_ == "appos" and c.i > token.i + 1), token)


def antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Laura, who spoke of …" → Laura."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl" and token.head.head.i != token.head.i:
        return token.head.head
    return None


def own_left(verb: Token) -> Token:
    """The first of a cue's own words: its subtree less what the parse hung before its subject and a comma sets
    off ("If the talks fail, the minister argues, …": the "if" clause is part of what is argued)."""
    first = verb.left_edge
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i), None)
    if subj is None:
        return first
    lo = subj.left_edge.i
    return verb.doc[lo] if lo - 1 > first.i and verb.doc[lo - 1].text == "," else first


# What an interposed cue's own words may hold ("he told me on Friday"), and the clauses on both sides of it.
_OWN_WORDS = frozenset({"nsubj", "aux", "neg", "advmod", "npadvmod", "prt", "prep", "dobj", "dative", "punct"})
_CLAUSES = frozenset({"advcl", "ccomp", "csubj", "parataxis", "conj", "xcomp", "nsubj"})


def interposed_root(verb: Token) -> tuple[int, int] | None:
    """The token range of a cue's own words when the parse made it the root of the sentence it interrupts, set
    off by commas between a clause before it and one after it ("Though X, he said, Y")."""
    if verb.head.i != verb.i:
        return None
    left = own_left(verb).i
    right = next((c.i for c in verb.children if c.i > verb.i and c.text == ","), None)
    sent = verb.sent
    if right is None or left <= sent.start or verb.doc[left - 1].text != "," or right + 1 >= sent.end:
        return None
    if any(left <= c.i < right and c.dep_ not in _OWN_WORDS for c in verb.children):
        return None
    before = any(c.i < left and c.dep_ in _CLAUSES for c in verb.children)
    after = any(c.i > right and c.dep_ in _CLAUSES for c in verb.children)
    return (left, right) if before and after else None


def clause_chars(verb: Token, speaker: Token | None) -> tuple[int, int]:
    """The characters of a cue's own clause: the verb's subtree (from :func:`own_left`; up to its comma for
    an :func:`interposed_root`), widened to its speaker's."""
    lo, last = own_left(verb).idx, verb.right_edge
    inside = interposed_root(verb)
    if inside is not None:
        last = verb.doc[inside[1] - 1]
    if speaker is not None:
        lo = min(lo, speaker.left_edge.idx)
    return lo, last.idx + len(last)


def has_own_subject(verb: Token) -> bool:
    """Whether the verb's clause has a subject of its own (active, passive or an expletive "there"/"it")."""
    return any(c.dep_ in CLAUSE_SUBJECTS for c in verb.children)
