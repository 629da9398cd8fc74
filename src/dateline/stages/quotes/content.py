"""What a cue reports: the token range of its content, read from the dependency parse.

The cue's type (the lexicon's third column) decides which dependents may hold the content:

* ``speech`` (say, tell, add) and ``belief`` (think, expect): a clausal complement (``ccomp``), an indirect
  question after an asking verb ("asked whether …"), or the clause
  a trailing or interposed ``…, X said, …`` hangs from, or what follows "As X put it, …", or a noun phrase
  object ("noted the rule", "believed the polls") unless the verb takes it in another sense ("added $84
  billion", "continued its campaign") or it is whom the verb addresses ("told reporters");
* ``assertion`` (claim, deny, warn), ``evidence`` (a poll shows, a study found) and ``directive`` (urge,
  call for): also an infinitival complement or an object;
* ``evaluation`` (accuse, condemn): the object with its prepositional phrase;
* ``stance`` (want, plan, support, oppose): a position taken — an infinitival complement or an object; in
  a relative clause it describes its noun ("groups that support the bill") and reports nothing;
* ``source`` (according to): the clause the phrase attaches to, without the phrase;
* ``noun`` (claim, warning, concern): its that-clause ("the mayor's claim that …").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .syntax import clause_of, has_own_subject, interposed_root, own_left, subject

SPEECH, ASSERTION, EVIDENCE, DIRECTIVE, EVALUATION, BELIEF, SOURCE, NOUN, STANCE = (
    "speech", "assertion", "evidence", "directive", "evaluation", "belief", "source", "noun", "stance")
TYPES = frozenset({SPEECH, ASSERTION, EVIDENCE, DIRECTIVE, EVALUATION, BELIEF, SOURCE, NOUN, STANCE})
# Types whose content may be a bare noun phrase ("denied the allegations", "condemned the test").
NOUN_CONTENT = frozenset({ASSERTION, EVALUATION, SOURCE, STANCE})
_OBJECT_TYPES = frozenset({ASSERTION, EVIDENCE, DIRECTIVE, EVALUATION, STANCE})
_EDGE_PUNCT = frozenset(",;:—–-")
# Verbs whose object is who was spoken to, not what was said ("she told reporters").
_HEARER_FORMS = frozenset("""tell tells told telling inform informs informed informing assure assures assured
assuring reassure reassures reassured reassuring remind reminds reminded reminding warn warns warned warning advise
advises advised advising brief briefs briefed briefing ask asks asked asking write writes wrote writing email emails
emailed emailing text texts texted texting""".split())
_ENDS = frozenset({".", "!", "?", ";", "\n"})
# Verbs that voice what their object noun reports ("expressed concern that …", "repeated the claim that …"),
# unlike those that judge it ("rejected the claim that …").
_VOICING = frozenset("express voice raise make offer share repeat reiterate echo".split())
# Prepositions that set the scene of a cue ("criticized X during a debate") rather than take what it reports.
_SETTING_PREPS = frozenset("""during after before amid following since until despite throughout ahead via
while upon""".split())
_SETTING_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})
# Where or through what something is said: "in a statement", "on Twitter", "at a rally".
_VENUES = frozenset("""statement interview speech address post tweet page letter email video ad advertisement op-ed
column editorial debate rally event appearance conference briefing show program programme broadcast release
hearing meeting session call message memo remarks remark testimony blog podcast radio television tv twitter
facebook instagram website site""".split())
# Dependents of a cue verb whose subtree is never content.
_NOT_CONTENT = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "punct", "npadvmod", "dative",
                          "cc", "mark", "expl", "prt", "agent", "intj"})


def that_clause(noun: Token) -> tuple[int, int] | None:
    """The clause a reporting noun introduces with "that" ("the claim that …"), without the "that"."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl", "appos") and child.i > noun.i:
            first = child.left_edge
            if first.lower_ == "that" and first.dep_ == "mark" and first.i == noun.i + 1:
                return trimmed(noun.doc, first.i + 1, child.right_edge.i + 1)
    return None


def phrase_end(first: Token, end: int) -> int:
    """Where a phrase cue's own words end, with its object ("according to a company spokesman")."""
    return max(end, first.right_edge.i + 1)


def clause_without(clause: Token, start: int, end: int) -> tuple[int, int] | None:
    """The clause's token range minus the phrase [start, end) when the phrase opens or closes it."""
    lo, hi = clause.left_edge.i, clause.right_edge.i + 1
    if start <= lo + 1:
        lo = end
    elif end >= hi - 1:
        hi = start
    return trimmed(clause.doc, lo, hi)


def verb_content(verb: Token, kind: str, lemma: str = "") -> tuple[int, int] | None:
    whole = _interposed_root(verb) or (_question(verb) if lemma in _ASKING else None)
    if whole is not None:
        return whole
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not _set_apart(c, verb)]
    if clauses:
        side = [c for c in clauses if (c.i > verb.i) == (clauses[-1].i > verb.i)]
        span = (min(c.left_edge.i for c in side), max(_clause_end(c, verb) for c in side))
        return _unconnected(verb.doc, *span) if side[0].i < verb.i else trimmed(verb.doc, *span)  # "…, X said"
    if kind in _PASSIVE_TYPES:
        found = _passive_subject(verb)
        if found is not None:
            return found
    if kind in _OBJECT_TYPES:
        found = _object_content(verb, kind, lemma)
        if found is not None:
            return found
    elif kind in (SPEECH, BELIEF) and lemma not in _NO_INFINITIVE and _infinitival(verb) is not None:
        return _object_content(verb, DIRECTIVE, lemma)  # "told his aides to find a way", "expects them to win"
    elif says_object(verb, kind, lemma):
        found = _said_object(verb, lemma)
        if found is not None:
            return found
    return trailing(verb)


# Types whose passive subject is what is reported when an agent says who did it ("the nominee has been endorsed
# by the paper", "the issue was first reported by the AP").
_PASSIVE_TYPES = frozenset({ASSERTION, EVALUATION, STANCE, EVIDENCE})
# Speech and belief verbs whose infinitival complement is no content ("continued to rise", "learned how to").
_NO_INFINITIVE = frozenset({"continue", "go on", "begin", "start", "learn", "figure out", "read", "hear", "assume"})


# Verbs whose content may be an indirect question: "asked whether the talks had failed".
_ASKING = frozenset({"ask", "wonder", "question", "inquire", "query"})


def _question(verb: Token) -> tuple[int, int] | None:
    """An indirect question after an asking verb, opened by "whether" or "if" (which the parse may hang as an
    adverbial clause), the opening word kept: it says that the clause is asked, not stated."""
    for child in verb.children:
        first = child.left_edge
        if (child.i > verb.i and child.dep_ in ("advcl", "ccomp") and first.lower_ in ("whether", "if")
                and first.i > verb.i):
            return trimmed(verb.doc, first.i, child.right_edge.i + 1)
    return None


def _passive_subject(verb: Token) -> tuple[int, int] | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    if not subjects or not any(c.dep_ == "agent" for c in verb.children):
        return None
    return trimmed(verb.doc, subjects[0].left_edge.i, subjects[0].right_edge.i + 1)


def _infinitival(verb: Token) -> Token | None:
    """The infinitival complement after a verb ("told them *to leave*")."""
    return next((c for c in verb.children if c.i > verb.i and (c.dep_ == "xcomp" or _infinitive(c))
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


# Speech and belief verbs whose noun-phrase object is no content: another sense takes it ("continued its
# campaign", "added $84 billion", "assumed the post", "read the guide", "worries voters", "countered aggression").
_NO_OBJECT_CONTENT = frozenset({"continue", "go on", "respond", "answer", "ask", "query", "add", "assume", "read",
                                "learn", "hear", "figure out", "worry", "counter", "post", "write"})


def says_object(verb: Token, kind: str, lemma: str) -> bool:
    """Whether a speech or belief verb reports its noun-phrase object ("said something strange", "noted the
    rule", "stressed her support", "believed the polls") — not whom it addresses ("told reporters")."""
    return kind in (SPEECH, BELIEF) and lemma not in _NO_OBJECT_CONTENT and verb.lower_ not in _HEARER_FORMS


def _said_object(verb: Token, lemma: str) -> tuple[int, int] | None:
    """What a speech verb says as a noun phrase: "said something strange", "said the same of X", "noted the
    rule" (a noun, a name or a number heading it)."""
    dobjs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    objects = [c for c in dobjs if c.pos_ in ("NOUN", "PROPN", "NUM")] or (dobjs if lemma == "say" else [])
    return trimmed(verb.doc, objects[0].left_edge.i, objects[0].right_edge.i + 1) if objects else None


def _clause_end(clause: Token, verb: Token) -> int:
    """Where a reported clause ends: before a subjectless verb joined to it that is in the cue's own past tense
    while the clause is not ("said she *has* released her returns and *called* on others to do the same",
    "said the vote *would* be close and *quoted* a rival"): the parse joined to the clause what the speaker did."""
    end = clause.right_edge.i + 1
    if verb.tag_ != "VBD" or clause.tag_ == "VBD":
        return end
    for conj in clause.children:
        if conj.dep_ == "conj" and conj.i > clause.i and conj.tag_ == "VBD" and not has_own_subject(conj):
            first = conj.left_edge.i
            while first > clause.i and clause.doc[first - 1].dep_ in ("cc", "punct"):
                first -= 1
            return min(end, first)
    return end


def _set_apart(clause: Token, verb: Token) -> bool:
    """A clause before the cue and closed by a semicolon or a full stop is its own sentence, not the report."""
    after = clause.right_edge.i + 1
    return clause.i < verb.i and after < len(verb.doc) and verb.doc[after].text in (";", ".", "!", "?")


def _object_content(verb: Token, kind: str, lemma: str) -> tuple[int, int] | None:
    children = [c for c in verb.children if c.dep_ not in _NOT_CONTENT and c.i > verb.i and not _circumstance(c)]
    if kind == EVALUATION:
        children = [c for c in children if c.dep_ in ("dobj", "prep", "advcl", "xcomp", "oprd")]
    else:
        children = [c for c in children if c.dep_ in ("xcomp", "dobj", "prep", "oprd") or _infinitive(c)]
        voiced = [that_clause(c) for c in children if c.dep_ == "dobj" and lemma in _VOICING]
        if voiced and voiced[0] is not None:
            return voiced[0]  # "expressed concern that …": what is reported is the noun's clause
        children = _through(children) or children
    if not children:
        return None
    lo, hi = min(c.left_edge.i for c in children), max(c.right_edge.i for c in children) + 1
    return trimmed(verb.doc, lo, _aside_start(verb.doc, lo, hi))


def _aside_start(doc: Doc, lo: int, hi: int) -> int:
    """Where a trailing aside of the object begins: a "which" clause set off by a comma ("criticized the
    plan, which critics say …"), the writer's description of what was reported, not the speaker's words."""
    for token in doc[lo:hi]:
        if token.dep_ == "relcl" and token.left_edge.i > lo and doc[token.left_edge.i - 1].text == ",":
            if token.left_edge.lower_ == "which" and token.right_edge.i + 1 >= hi:
                return token.left_edge.i - 1
    return hi


def _circumstance(clause: Token) -> bool:
    """A clause of time, cause or manner beside the object ("condemned the launch *as Pyongyang fired …*",
    "described her as a disgrace *after she attacked …*", "…, *claiming* that …"), or a phrase of when, where
    or in what it was said ("criticized X *during a debate*", "*in a statement*"): no part of what is reported."""
    if clause.dep_ == "prep":
        return _setting(clause)
    if clause.dep_ != "advcl" or _infinitive(clause):
        return False  # "called for the coalition to turn …": an infinitival clause is what is asked
    if any(c.dep_ == "mark" and c.lower_ != "to" for c in clause.children):
        return True
    first = clause.left_edge
    return first.i > 0 and clause.doc[first.i - 1].text == ","


def _setting(prep: Token) -> bool:
    """A prepositional phrase that says when, where or through what a cue spoke, not what it reported."""
    if prep.lower_ in _SETTING_PREPS:
        return True
    if prep.lower_ == "by":  # an agent: "Reporting by Jane Doe", "was reported by the agency"
        return any(c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG")) for c in prep.children)
    if prep.lower_ not in ("in", "on", "at"):
        return False
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(o.ent_type_ in _SETTING_ENTS or o.lemma_.lower() in _VENUES for o in objects)


def _infinitive(token: Token) -> bool:
    """An infinitival clause the parse hung as an adverbial ("called for X to turn …")."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _through(children: list[Token]) -> list[Token]:
    """The children up to and including the first infinitival complement ("urged X to do Y")."""
    for k, child in enumerate(children):
        if child.dep_ == "xcomp" or _infinitive(child):
            return children[:k + 1]
    return []


def trailing(verb: Token) -> tuple[int, int] | None:
    """ "…, X said" and "…, X said, …": a cue with its own subject set off by commas in the clause it reports."""
    if subject(verb) is None or not _bare(verb):
        return None
    head = verb.head
    if head.i == verb.i or verb.dep_ not in ("parataxis", "advcl", "ccomp", "conj"):
        return None
    if head.pos_ not in ("VERB", "AUX"):  # hung from the clause's subject: "The difference, he said, is …"
        head = clause_of(head) or head
    doc = verb.doc
    left, right = own_left(verb).i, verb.right_edge.i + 1
    while left < verb.i and doc[left].is_punct:  # the commas around "…, he said, …" may hang from the cue
        left += 1
    while right - 1 > verb.i and doc[right - 1].is_punct:
        right -= 1
    if _as_clause(verb) and right < len(doc) and doc[right].text == "," and head.i > right:
        return trimmed(doc, right, head.right_edge.i + 1)  # "As X put it, …"
    if left == 0 or not (doc[left - 1].is_punct or doc[left - 1].is_quote) or doc[left - 1].text in _ENDS:
        return None  # set off by a comma, a dash or a mark; one opening its sentence trails nothing
    if verb.i > head.i and (right >= len(doc) or doc[right].text in _ENDS or doc[right].is_space):
        return _unconnected(doc, head.left_edge.i, left)
    if right < len(doc) and doc[right].text == "," and head.right_edge.i > right:
        return _unconnected(doc, head.left_edge.i, head.right_edge.i + 1)  # interposed: "…, he said, …"
    return None


def _interposed_root(verb: Token) -> tuple[int, int] | None:
    """ "Though the transition was smooth, he said, replacing her would be harder": a cue the parse made its
    sentence's root, set off by commas between two parts of what it reports — the sentence without the cue."""
    sent = verb.sent
    if interposed_root(verb) is None or any(t.is_quote for t in sent):
        return None  # quotations have their own rules (.attach)
    return _unconnected(verb.doc, sent.start, sent.end)


def _bare(verb: Token) -> bool:
    """A cue that reports nothing of its own: "X said (on Tuesday, in a statement)", "X told reporters"."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "oprd", "acomp"):
            return False
        if child.dep_ == "dobj" and verb.lower_ not in _HEARER_FORMS:
            return False
        if child.dep_ == "prep" and child.lower_ in ("of", "about", "that", "for"):
            return False
    return True


def _as_clause(verb: Token) -> bool:
    """ "As X put it": an adverbial clause opened by "as"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


_CONNECTIVES = frozenset("and but or yet so however meanwhile still instead nonetheless nevertheless".split())


def _unconnected(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """A reported sentence without the word that joins it to the one before ("*But* officials must act",
    "*However,* growth slowed"): the writer's link, not the speaker's words."""
    first = doc[lo]
    if hi - lo > 2 and first.lower_ in _CONNECTIVES and (first.dep_ == "cc" or doc[lo + 1].text == ","):
        lo += 1
    return trimmed(doc, lo, hi)


def trimmed(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    while lo < hi and (doc[lo].is_space or doc[lo].text in _EDGE_PUNCT):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _EDGE_PUNCT or doc[hi - 1].text == "."):
        hi -= 1
    return (lo, hi) if hi > lo else None
