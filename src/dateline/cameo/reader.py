"""Reading PETRARCH dictionary files: comments, bracketed codes, plurals, and errors that name file and line.

Comments follow PETRARCH: ``<!-- ... -->`` (also over several lines), a line starting with ``#``, and
`` #`` (space, hash) to the end of a line. Blank lines are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DictionaryError

_CODE = re.compile(r"\[([^\[\]]*)\]")
_TAIL_COMMENT = re.compile(r"\s#.*$")


@dataclass(frozen=True)
class Line:
    """One meaningful line of a dictionary file: its text without comments, its raw form and its number."""

    text: str
    raw: str
    number: int
    path: str

    def error(self, why: str) -> DictionaryError:
        """An error that names the file and line."""
        return DictionaryError(f"{self.path}:{self.number}: {why}: {self.raw.strip()!r}", source=self.path)


def read_lines(path: str | Path) -> Iterator[Line]:
    """The meaningful lines of a dictionary file, comments removed, whitespace at the right stripped."""
    for number, raw, text in _uncommented(_text(Path(path)).splitlines()):
        if text.strip():
            yield Line(text.rstrip(), raw, number, str(path))


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"cannot read dictionary {path}: {exc.strerror or exc}", source=str(path)) from exc


def _uncommented(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    inside = False
    for number, raw in enumerate(lines, start=1):
        text = raw
        if inside:
            if "-->" not in text:
                continue
            text, inside = text.split("-->", 1)[1], False
        while "<!" in text:
            head, _, rest = text.partition("<!")
            if "-->" in rest:
                text = head + rest.split("-->", 1)[1]
            else:
                text, inside = head, True
        if text.lstrip().startswith("#"):
            continue
        yield number, raw, _TAIL_COMMENT.sub("", text)


def codes_in(text: str) -> list[str]:
    """The bracketed codes of a line, stripped: ``"MEET [031:031]"`` → ``["031:031"]``."""
    return [c.strip() for c in _CODE.findall(text)]


def without_codes(text: str) -> str:
    return _CODE.sub(" ", text).strip()


def words(phrase: str) -> tuple[str, ...]:
    """A phrase's words, upper-cased; spaces and underscores both separate them."""
    return tuple(w for w in re.split(r"[\s_]+", phrase.upper()) if w)


def plural(phrase: str) -> str:
    """The regular plural of a phrase's last word: -S, -Y → -IES, -S/-X/-Z/-CH/-SH → -ES."""
    if phrase.endswith("Y") and phrase[-2:-1] not in ("A", "E", "O", "U"):
        return phrase[:-1] + "IES"
    if phrase.endswith(("S", "X", "Z", "CH", "SH")):
        return phrase + "ES"
    return phrase + "S"
