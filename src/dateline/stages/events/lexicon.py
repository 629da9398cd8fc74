"""The event trigger lexicon (``data/event_triggers.tsv``): words and phrases that report a PLOVER event.

Each row is a :class:`Rule`: the lemmas of a trigger, the part of speech of its anchor word (the first word
of a VERB phrase, the last of a NOUN phrase), the PLOVER type it reports (``-``: a phrase that is no event
and only keeps its words from matching) and the mode it implies. Rules are indexed by anchor lemma.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
NOT_AN_EVENT = "-"
POS_VALUES = frozenset({"VERB", "NOUN", "ADJ", "any"})
# Placeholders a phrase may hold: a word of an actor mention in object position, a word of a place name.
ACTOR = "ACTOR"
PLACE = "PLACE"
PLACEHOLDERS = frozenset({ACTOR, PLACE})
# Cooperative types: a future action of one of these, announced now, is also an AGREE (PLOVER's definition).
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_PREPOSITIONS = frozenset({"of", "against", "on", "to", "for", "with", "in", "into", "from"})
HOSTILE = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

__all__ = ["Rule", "rules", "rules_for", "PLOVER_TYPES", "NOT_AN_EVENT", "ACTOR", "PLACE", "COOPERATIVE", "HOSTILE"]


@dataclass(frozen=True)
class Rule:
    words: tuple[str, ...]
    pos: str
    type: str
    mode: str | None = None
    note: str = ""

    @property
    def anchor(self) -> int:
        """Index of the anchor word: the head noun of a noun phrase (its last word before a preposition:
        "air strike", "campaign against", "state of emergency"), else the first word."""
        if self.pos != "NOUN":
            return 0
        head = next((i for i, w in enumerate(self.words) if i and w in _PREPOSITIONS), len(self.words))
        return max(i for i, w in enumerate(self.words[:head]) if w not in PLACEHOLDERS)

    @property
    def event(self) -> bool:
        return self.type != NOT_AN_EVENT


def parse_rows(lines: list[str]) -> list[Rule]:
    """Rules from the TSV's lines (comments and blank lines skipped); raises ValueError on a bad row."""
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    out = []
    for row in csv.DictReader(body, delimiter="\t"):
        words = tuple(_words(row["trigger"] or ""))
        pos, type_ = (row["pos"] or "").strip(), (row["type"] or "").strip()
        if not words or pos not in POS_VALUES or (type_ not in PLOVER_TYPES and type_ != NOT_AN_EVENT):
            raise ValueError(f"bad event trigger row: {row}")
        out.append(Rule(words, pos, type_, (row.get("mode") or "").strip() or None, (row.get("note") or "").strip()))
    return out


def _words(trigger: str) -> list[str]:
    """A trigger's words, lower-cased except placeholders; hyphens split words ("cease-fire" = "cease fire")."""
    return [w if w in PLACEHOLDERS else w.lower() for w in trigger.replace("-", " ").split()]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    text = (resources.files("dateline") / "data" / "event_triggers.tsv").read_text(encoding="utf-8")
    return tuple(parse_rows(text.splitlines()))


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Rule, ...]]:
    by_anchor: dict[str, list[Rule]] = {}
    for rule in rules():
        by_anchor.setdefault(rule.words[rule.anchor], []).append(rule)
    return {k: tuple(sorted(v, key=lambda r: -len(r.words))) for k, v in by_anchor.items()}


def rules_for(word: str) -> tuple[Rule, ...]:
    """Rules anchored on ``word`` (a lower-cased lemma or form), longest phrases first."""
    return _index().get(word, ())
