"""A text naming a thousand people: no crash, every person once, every offset slicing back."""

from __future__ import annotations

import dateline
from dateline.settings import DEFAULT

FIRST = ["Anna", "Boris", "Carlos", "Dana", "Emil", "Fatima", "Goran", "Hana"]


def _surname(i: int) -> str:
    return "Kor" + chr(97 + i % 26) + chr(97 + (i // 26) % 26) + "enko"


def test_a_thousand_people() -> None:
    sents = [f"{FIRST[i % 8]} {_surname(2 * i)} met {FIRST[(i + 3) % 8]} {_surname(2 * i + 1)} in Berlin, "
             f"and he said they would talk again." for i in range(500)]
    text = "Meeting report\n" + " ".join(sents)
    record = dateline.process(text, settings=DEFAULT.replace(max_chars=2_000_000))
    people = [e for e in record.entities if e.type == "PERSON"]
    assert len(people) >= 500
    names = [e.name for e in people]
    assert len(names) == len(set(names)), "each person is one entity"
    assert len({e.id for e in record.entities}) == len(record.entities)
    for e in record.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for q in record.quotes:
        assert text[q.start:q.end] == q.text
