"""Roles of people from the parse: a title before the name, or an apposition after it.

"UK Foreign Secretary Jane Smith" → "UK Foreign Secretary"; "Japan's Defence Minister Taro Sato" →
"Japan's Defence Minister"; "Maria Lopez, a spokeswoman for the ministry," → "spokeswoman for the ministry".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# A role longer than this many tokens is more likely a mis-parse than a title.
MAX_ROLE_TOKENS = 8
MAX_APPOSITION_TOKENS = 12
_DETERMINERS = frozenset({"the", "a", "an"})


def role_of(name: Span) -> str | None:
    """The role the text gives the person named by ``name``, or None."""
    return apposition_role(name) or title_role(name)


def title_role(name: Span) -> str | None:
    """Words before the name in its own noun phrase, when they hold a title word not part of an entity."""
    root = name.root
    start = root.left_edge.i
    if start >= name.start or name.start - start > MAX_ROLE_TOKENS:
        return None
    words = name.doc[start:name.start]
    words = _strip_det(words)
    if not any(_is_title_word(t) for t in words) or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    return words.text.strip(" ,") or None


def apposition_role(name: Span) -> str | None:
    """A noun-phrase apposition to the name: ", a spokesman for the coalition," → without the article."""
    for child in name.root.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN",) and child.ent_type_ in ("", "NORP"):
            phrase = name.doc[child.left_edge.i:child.right_edge.i + 1]
            phrase = _strip_det(phrase)
            if 0 < len(phrase) <= MAX_APPOSITION_TOKENS:
                return phrase.text.strip(" ,")
    return None


def _is_title_word(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.ent_type_ == "" and token.is_alpha


def _strip_det(words: Span) -> Span:
    start = words.start
    while start < words.end and (words.doc[start].lower_ in _DETERMINERS or words.doc[start].is_punct):
        start += 1
    return words.doc[start:words.end]
