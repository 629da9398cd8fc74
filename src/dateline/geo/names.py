"""How place names are compared: one folding function, used when the index is built and when it is read.

``name_key("St. Louis")`` == ``name_key("Saint-Louis")`` == ``"saint louis"``: case, accents, dots,
hyphens and apostrophes are folded, a leading "the" dropped, and the usual short forms of the first
word (St, Ste, Ft, Mt, Pt) spelled out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s\-‐‑–—_/]+")
_DROPPED = re.compile(r"[.'’‘`ʻʼ,()\"]")
_SPACED_INITIALS = re.compile(r"\s*(?:[^\W\d_]{1,3}\.\s*){2,}")  # a short form of dotted parts only: "W. Va."
_FIRST_WORD = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
# Outside Latin script (with its extensions, IPA and modifier letters: "Hələb", "Hawaiʻi") and the
# punctuation names carry: other scripts are not kept.
_NON_LATIN = re.compile("[^\u0000-\u02ff\u1e00-\u1eff\u2000-\u206f]")


def fold(text: str) -> str:
    """Lower case, accents removed (ø → o, ł → l, ß → ss as well)."""
    text = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SPECIAL = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The key under which spellings of one place name meet (kept for the names seen last: the resolver asks
    for the same ones for every candidate)."""
    if _SPACED_INITIALS.fullmatch(name):
        name = re.sub(r"\s+", "", name)  # "W. Va." is "W.Va.", "N. Y." is "N.Y."
    words = _SEPARATORS.split(_DROPPED.sub("", fold(name)).strip())
    words = [w for w in words if w]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    if words and words[0] in _FIRST_WORD and len(words) > 1:
        words[0] = _FIRST_WORD[words[0]]
    return " ".join(words)


def base_key(name: str) -> str:
    """The key under which a name and its "City" forms meet ("Dublin City", "City of Norfolk", "Dublin"): one
    name, so neither is evidence for the other's place."""
    key = name_key(name)
    head, _, last = key.rpartition(" ")
    if last == "city" and head:
        return head
    for prefix in ("city of ", "town of "):
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix):]
    return key


def is_latin(name: str) -> bool:
    """True when every character of ``name`` is in the Latin script blocks (or is punctuation/space)."""
    return _NON_LATIN.search(name) is None


def keep_alternate(alt: str, name: str) -> bool:
    """An alternate name worth indexing: Latin script, not a code (``PAR``), not a lower-case transliteration."""
    if not alt or alt == name or not is_latin(alt):
        return False
    if alt.islower() or not any(c.isalpha() for c in alt):
        return False
    return not (alt.isupper() and len(alt) <= 4)
