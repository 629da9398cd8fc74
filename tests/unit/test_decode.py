"""Decoding input bytes: UTF-8, BOM, legacy encodings, and clear errors for what is not text."""

from __future__ import annotations

import pytest

from dateline.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError
from dateline.intake.source import decode_bytes

SENTENCE = "The minister met François and Zoë in Zürich on Tuesday, officials said."


@pytest.mark.parametrize("data, expected", [
    (SENTENCE.encode("utf-8"), SENTENCE),
    (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), SENTENCE),
    (SENTENCE.encode("latin-1"), SENTENCE),
    (("“Quoted,” he said – " + SENTENCE).encode("cp1252"), "“Quoted,” he said – " + SENTENCE),
    (b"plain ascii\r\nline two", "plain ascii\r\nline two"),
])
def test_decodes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, source="x") == expected


@pytest.mark.parametrize("data, error, message", [
    (b"", EmptyInputError, "empty"),
    (b"  \n\t ", EmptyInputError, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), BinaryInputError, "binary"),
    (SENTENCE.encode("utf-8") + b" \xff\xfe broken", EncodingError, "invalid byte at offset"),
])
def test_clear_errors(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        decode_bytes(data, source="x")


def test_broken_utf8_can_be_read_with_replacement() -> None:
    text = decode_bytes(SENTENCE.encode("utf-8") + b" \xff end", source="x", errors="replace")
    assert text.startswith(SENTENCE) and "\ufffd" in text


def test_size_limit() -> None:
    with pytest.raises(TooLargeError, match="max_bytes"):
        decode_bytes(b"a" * 101, source="x", max_bytes=100)
