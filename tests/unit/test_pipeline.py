"""The stage order: every stage's needs are given before it runs."""

from __future__ import annotations

import pytest

from dateline.pipeline import STAGES, Stage, check_order


def test_declared_order_is_consistent() -> None:
    check_order(STAGES)


def test_a_broken_order_fails() -> None:
    late = Stage("events", lambda doc, settings: [], needs=("entities", "places"), gives=("events",))
    with pytest.raises(ValueError, match="needs"):
        check_order((late, *STAGES))


def test_stage_names_are_unique() -> None:
    names = [s.name for s in STAGES]
    assert len(names) == len(set(names))
