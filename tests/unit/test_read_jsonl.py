"""JSON Lines input: one article per line, whatever characters its strings hold."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from dateline.intake.read import read_text
from dateline.intake.source import RawDocument
from dateline.records import ErrorRecord

# Characters str.splitlines() breaks on that JSON keeps raw inside strings (ensure_ascii=False).
_BREAKERS = "\x85\u2028\u2029"
texts = st.text(alphabet=st.sampled_from(f"ab é\"\\\n\r\t{_BREAKERS}"), min_size=1, max_size=30)


@given(st.lists(texts, min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_every_line_is_one_article(bodies: list[str], newline: str) -> None:
    lines = [json.dumps({"id": str(i), "text": body}, ensure_ascii=False) for i, body in enumerate(bodies)]
    items = list(read_text(newline.join(lines) + newline, source="in.jsonl", name="in.jsonl"))
    assert [type(i) for i in items] == [RawDocument] * len(bodies)
    assert [i.text for i in items if isinstance(i, RawDocument)] == bodies


def test_a_line_separator_inside_a_string_is_no_line_break() -> None:
    data = '{"id": "a", "text": "one\u2028two"}\n{"id": "b", "text": "three\x85four"}\n'
    items = list(read_text(data, source="in.jsonl", name="in.jsonl"))
    assert [getattr(i, "text", None) for i in items] == ["one\u2028two", "three\x85four"]


def test_a_broken_line_is_an_error_record_that_names_its_line() -> None:
    data = '{"id": "a", "text": "fine"}\n{"id": "b", "text": \n{"id": "c", "text": "also fine"}\n'
    items = list(read_text(data, source="in.jsonl", name="in.jsonl"))
    assert isinstance(items[1], ErrorRecord) and items[1].error.source.endswith(":2")
    assert [getattr(i, "text", None) for i in (items[0], items[2])] == ["fine", "also fine"]
