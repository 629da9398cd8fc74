"""The model's ``attribute_ruler`` as a table lookup: the same rules in the same order, the same output, faster.

spaCy's AttributeRuler runs a Matcher with all its patterns (179 in en_core_web_sm, most of them "this tag →
this POS and morphology") over every token of every Doc. Whether a one-token pattern matches depends only on
the few token attributes the patterns test (tag, lowercase form, dependency label), so the outcome for each
distinct combination is worked out once and kept; the few patterns of several tokens ("gon na", "let 's")
are checked on the per-token results. The attributes are then set exactly as the ruler sets them, rule by
rule in the ruler's order, with spaCy's own setter.

:func:`install` replaces the ruler only when every pattern uses what the lookup understands (plain values,
``IN``, ``NOT_IN``, ``REGEX``; no operators, no extension attributes); otherwise the model keeps its ruler.
A model-backed test proves that the whole pipeline's output is identical either way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

log = logging.getLogger(__name__)

NAME = "attribute_ruler"
_FACTORY = "dateline_attribute_lookup"
# Token attributes a pattern may test, as spaCy's Matcher reads them (all of them plain token attributes).
_TESTABLE = ("ORTH", "TEXT", "LOWER", "TAG", "POS", "DEP", "NORM", "LEMMA", "SHAPE", "ENT_TYPE")
_FLAGS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM")
_PREDICATES = ("IN", "NOT_IN", "REGEX")


class Unsupported(ValueError):
    """A pattern uses something the lookup does not reproduce exactly."""


@dataclass(frozen=True)
class _Rule:
    order: int                      # the ruler's attribute id: later rules win
    tests: tuple[dict[str, Any], ...]  # one dict of attribute tests per token of the pattern
    index: int                      # which token of the match gets the attributes
    attrs: dict[Any, Any]           # normalised attributes, as the ruler stores them


def install(nlp: Language) -> bool:
    """Replace the pipeline's attribute_ruler with the lookup; False (and nothing changed) when it cannot."""
    if NAME not in nlp.pipe_names or not isinstance(nlp.get_pipe(NAME), AttributeRuler):
        return False
    ruler: AttributeRuler = nlp.get_pipe(NAME)  # type: ignore[assignment]
    try:
        lookup = AttributeLookup(ruler)
    except Unsupported as exc:
        log.info("keeping the model's attribute_ruler: %s", exc)
        return False
    nlp.replace_pipe(NAME, _FACTORY)
    component: LookupComponent = nlp.get_pipe(NAME)  # type: ignore[assignment]
    component.use(lookup)
    return True


class AttributeLookup:
    """Applies an AttributeRuler's rules to a Doc, with a cache keyed by the attributes the rules test."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.rules = _rules(ruler)
        self.fields = sorted({key for rule in self.rules for test in rule.tests for key in test})
        self.attr_ids = [IDS[f if f != "TEXT" else "ORTH"] for f in self.fields]
        self.single = [r for r in self.rules if len(r.tests) == 1]
        self.multi = [r for r in self.rules if len(r.tests) > 1]
        self._cache: dict[tuple[int, ...], tuple[tuple[int, ...], frozenset[tuple[int, int]]]] = {}
        self._combined: dict[tuple[int, ...], dict[Any, Any]] = {}
        self._classes = {j: _WordClasses(self.rules, field) for j, field in enumerate(self.fields)
                         if _WordClasses.applies(self.rules, field)}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(self.attr_ids).reshape(len(doc), -1).tolist()
        keys = [self._key(row) for row in rows]
        facts = [self._facts(key) for key in keys]
        extra = self._multi_hits(facts)
        for i, (orders, _) in enumerate(facts):
            hits = orders + tuple(extra.get(i, ()))
            if hits:
                set_token_attrs(doc[i], self._attrs(hits))
        return doc

    def _key(self, row: list[Any]) -> tuple[int, ...]:
        """The token's tested attributes, a word that no rule names replaced by its class (see _WordClasses)."""
        return tuple(self._classes[j].of(int(v), self.vocab) if j in self._classes else int(v)
                     for j, v in enumerate(row))

    def _facts(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], frozenset[tuple[int, int]]]:
        """For one combination of tested attributes: the one-token rules that match, and which (rule,
        position) tests of the longer rules the token passes."""
        found = self._cache.get(key)
        if found is None:
            hashes = [self._classes[j].example[h] if j in self._classes else h for j, h in enumerate(key)]
            values = {f: bool(h) if f in _FLAGS else self.vocab.strings[h] if h else ""
                      for f, h in zip(self.fields, hashes, strict=True)}
            orders = tuple(r.order for r in self.single if _passes(r.tests[0], values))
            steps = frozenset((n, k) for n, r in enumerate(self.multi) for k, test in enumerate(r.tests)
                              if _passes(test, values))
            found = self._cache[key] = (orders, steps)
        return found

    def _multi_hits(self, facts: list[tuple[tuple[int, ...], frozenset[tuple[int, int]]]]) -> dict[int, list[int]]:
        extra: dict[int, list[int]] = {}
        if not self.multi:
            return extra
        for start, (_, steps) in enumerate(facts):
            for n, k in steps:
                if k:  # only a rule's first token opens a match
                    continue
                rule = self.multi[n]
                width = len(rule.tests)
                if start + width <= len(facts) and all((n, j) in facts[start + j][1] for j in range(1, width)):
                    target = start + (rule.index if rule.index >= 0 else width + rule.index)
                    extra.setdefault(target, []).append(rule.order)
        return extra

    def _attrs(self, hits: tuple[int, ...]) -> dict[Any, Any]:
        key = tuple(sorted(hits))
        combined = self._combined.get(key)
        if combined is None:
            combined = {}
            by_order = {r.order: r.attrs for r in self.rules}
            for order in key:
                combined.update(by_order[order])
            self._combined[key] = combined
        return combined


class _WordClasses:
    """For a string attribute the rules test only by value, ``IN`` or ``REGEX`` (the lowercase form): every
    word that none of them names passes exactly the same tests as any other such word with the same regex
    outcomes, so all of them share one class. Without it each new word of a text was a new combination to
    work out (as slow as the ruler itself on text not seen before); with it the combinations are few."""

    def __init__(self, rules: list[_Rule], field: str) -> None:
        tests = _tests_of(rules, field)
        self.named = frozenset(t for t in tests if isinstance(t, str)) | frozenset(
            w for t in tests if isinstance(t, dict) for w in t.get("IN", ()))
        self.regexes = [t["REGEX"] for t in tests if isinstance(t, dict) and "REGEX" in t]
        self._class: dict[int, int] = {}
        self.example: dict[int, int] = {}  # class → the hash of a word in it (a named word is its own class)

    @staticmethod
    def applies(rules: list[_Rule], field: str) -> bool:
        """Whether the rules test ``field`` as a string, and never with ``NOT_IN`` (which a class cannot
        decide)."""
        tests = _tests_of(rules, field)
        return field not in _FLAGS and bool(tests) and not any(isinstance(t, dict) and "NOT_IN" in t for t in tests)

    def of(self, h: int, vocab: Any) -> int:
        """The class of the string with hash ``h``: ``h`` itself for a named word (or none), else a negative
        number that stands for its regex outcomes."""
        found = self._class.get(h)
        if found is None:
            text = vocab.strings[h] if h else ""
            if not h or text in self.named:
                found = h
            else:
                found = -1 - sum(1 << n for n, rx in enumerate(self.regexes) if rx.search(text))
            self._class[h] = found
            self.example.setdefault(found, h)
        return found


def _tests_of(rules: list[_Rule], field: str) -> list[Any]:
    """What the rules' token tests ask of ``field``: a value, or a dict of predicates."""
    return [test[field] for rule in rules for test in rule.tests if field in test]


def _rules(ruler: AttributeRuler) -> list[_Rule]:
    rules = []
    entries: list[dict[str, Any]] = list(ruler.patterns)  # type: ignore[arg-type]
    for order, entry in enumerate(entries):  # a rule's id is its place in this list
        for pattern in entry["patterns"]:
            tests = tuple(_checked(token) for token in pattern)
            if not tests:
                raise Unsupported("an empty pattern")
            width = len(tests)
            if not -width <= entry["index"] < width:
                raise Unsupported(f"index {entry['index']} outside a pattern of {width}")
            rules.append(_Rule(order, tests, entry["index"], ruler.attrs[order]))
    return rules


def _checked(token: dict[str, Any]) -> dict[str, Any]:
    tests: dict[str, Any] = {}
    for key, value in token.items():
        field = key.upper()
        if field in _FLAGS and isinstance(value, bool):
            tests[field] = value
            continue
        if field not in _TESTABLE:
            raise Unsupported(f"a pattern tests {key!r}")
        if isinstance(value, dict):
            if not value or any(op not in _PREDICATES for op in value):
                raise Unsupported(f"a pattern uses {sorted(value)}")
            value = {op: (re.compile(v) if op == "REGEX" else frozenset(v)) for op, v in value.items()}
        elif not isinstance(value, str):
            raise Unsupported(f"a pattern tests {key!r} with {type(value).__name__}")
        tests["ORTH" if field == "TEXT" else field] = value
    return tests


def _passes(test: dict[str, Any], values: dict[str, Any]) -> bool:
    for field, want in test.items():
        have = values[field]
        if isinstance(want, bool | str):
            if have != want:
                return False
            continue
        if "IN" in want and have not in want["IN"]:
            return False
        if "NOT_IN" in want and have in want["NOT_IN"]:
            return False
        if "REGEX" in want and not want["REGEX"].search(have):
            return False
    return True


class LookupComponent:
    """A pipeline component that runs a lookup standing in for one of the model's own components (set by an
    ``install`` function: this module's, or :mod:`dateline.lemma_lookup`'s)."""

    def __init__(self) -> None:
        self.lookup: Callable[[Doc], Doc] | None = None

    def use(self, lookup: Callable[[Doc], Doc]) -> None:
        self.lookup = lookup

    def __call__(self, doc: Doc) -> Doc:
        assert self.lookup is not None, "install() sets the lookup"
        return self.lookup(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(_FACTORY)
def _make(nlp: Language, name: str) -> LookupComponent:
    return LookupComponent()
