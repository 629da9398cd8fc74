"""Connected groups (union-find) whose representative is always the smallest member, so that a group's
id does not depend on the order its members were joined in."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Groups(Generic[K]):
    def __init__(self, members: Iterable[K]) -> None:
        self._parent: dict[K, K] = {m: m for m in members}

    def find(self, a: K) -> K:
        parent = self._parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))  # type: ignore[type-var]
            self._parent[hi] = lo

    def representatives(self) -> dict[K, K]:
        return {m: self.find(m) for m in self._parent}
