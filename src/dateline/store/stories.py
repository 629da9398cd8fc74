"""Stories: near-copies of one article (the same wire story on several sites) found with MinHash LSH.

Each stored article has a MinHash signature of its word shingles (:func:`signature`, written with the
article). :func:`group_stories` joins two articles when their estimated Jaccard similarity reaches
``story_jaccard`` or when the shorter one's shingles lie almost all in the other (``story_containment``:
a trimmed copy), and takes connected groups as stories. The result depends only on the stored
signatures, never on the order articles came in: a story's id is its smallest article id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..settings import Settings
from .groups import Groups

if TYPE_CHECKING:  # datasketch (and scipy under it) is imported on first use, not by every command
    from datasketch import MinHash

_WORD = re.compile(r"\w+")
# LSH finds candidates at a lower similarity than either rule accepts, so trimmed copies are not missed.
_CANDIDATE_JACCARD = 0.3
_SCHEME = "affine32"  # datasketch's permutation scheme, named so stored signatures stay comparable


@dataclass(frozen=True)
class Signature:
    article_id: str
    shingles: int  # how many distinct shingles the text has
    minhash: Sequence[int]


def shingles(text: str, words: int) -> set[bytes]:
    """The text's distinct runs of ``words`` words, lower-cased (the whole text when it is shorter)."""
    tokens = _WORD.findall(text.lower())
    if len(tokens) <= words:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i:i + words]).encode() for i in range(len(tokens) - words + 1)}


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, scheme=_SCHEME)


def signature(article_id: str, text: str, settings: Settings) -> Signature:
    from datasketch import MinHash

    grams = shingles(text, settings.story_shingle_words)
    template = _template(settings.story_num_perm)
    mh = MinHash(num_perm=settings.story_num_perm, seed=1, permutations=template.permutations,
                 scheme=_SCHEME)
    mh.update_batch(sorted(grams))
    return Signature(article_id, len(grams), [int(v) for v in mh.hashvalues])


def group_stories(signatures: Iterable[Signature], settings: Settings) -> dict[str, str]:
    """Article id → story id for every article; an article with no near-copy is a story of its own."""
    sigs = {s.article_id: s for s in signatures}
    values = {a: np.asarray(s.minhash, dtype=np.uint32) for a, s in sigs.items()}
    groups = Groups(sorted(sigs))
    for a, b in _candidate_pairs(values, settings.story_num_perm):
        if _same_story(sigs[a], sigs[b], values[a], values[b], settings):
            groups.join(a, b)
    return groups.representatives()


def _candidate_pairs(values: dict[str, np.ndarray], num_perm: int) -> list[tuple[str, str]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=_CANDIDATE_JACCARD, num_perm=num_perm)
    minhashes = {a: MinHash(num_perm=num_perm, hashvalues=v, scheme=_SCHEME) for a, v in values.items()}
    with lsh.insertion_session() as session:
        for a in sorted(minhashes):
            session.insert(a, minhashes[a])
    pairs = set()
    for a in sorted(minhashes):
        for b in lsh.query(minhashes[a]):
            if a < b:
                pairs.add((a, b))
    return sorted(pairs)


def _same_story(a: Signature, b: Signature, va: np.ndarray, vb: np.ndarray, settings: Settings) -> bool:
    jaccard = float(np.mean(va == vb))
    if jaccard >= settings.story_jaccard:
        return True
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return False
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)  # |A ∩ B| from J, |A| and |B|
    return shared / smaller >= settings.story_containment
