"""Reuters-21578 SGML → JSON Lines that ``dateline extract`` / ``ingest`` read, one object per story with a body.

    .venv/bin/python bench/reuters_jsonl.py [--out FILE] [--limit N] [--data DIR]

Reads the ``reut2-*.sgm`` files in ../shared/data/corpus/reuters21578 at run time (exits with a message when
absent) and writes {"id": "reuters-<NEWID>", "title", "published" (the story's <DATE> as YYYY-MM-DD),
"text"} per <REUTERS> element that has a <BODY>. The text is the body as a wire story reads: its <DATELINE>
(``SALVADOR, Feb 26 -``) first, unless the body already starts with it. SGML entities are decoded and the
control-character entities of the wire format (``&#2;``, ``&#3;`` ...) dropped. The count goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "data" / "corpus" / "reuters21578"

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _element(name: str, sgml: str) -> str | None:
    m = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", sgml, re.S)
    return m.group(1) if m else None


def _clean(value: str) -> str:
    """SGML text as plain text: entities decoded, the wire's control characters gone."""
    return _CONTROL.sub("", html.unescape(value))


def _day(value: str | None) -> str | None:
    """``26-FEB-1987 15:01:01.79`` → ``1987-02-26`` (None when it does not read as a date)."""
    if not value:
        return None
    try:
        return dt.datetime.strptime(value.strip().split()[0], "%d-%b-%Y").date().isoformat()
    except (ValueError, IndexError):
        return None


def read_sgml(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # reut2-017.sgm of the full distribution is latin-1
        return data.decode("latin-1", errors="replace")


def stories(sgml: str) -> Iterator[dict[str, str | None]]:
    for m in _STORY.finditer(sgml):
        attrs, inner = m.group(1), m.group(2)
        body = _element("BODY", inner)
        if body is None:
            continue
        text = _clean(body).strip()
        if not text:
            continue
        dateline = " ".join(_clean(_element("DATELINE", inner) or "").split())
        if dateline and not text.startswith(dateline):
            text = f"{dateline} {text}"
        title = " ".join(_clean(_element("TITLE", inner) or "").split()) or None
        newid = _NEWID.search(attrs)
        yield {"id": f"reuters-{newid.group(1) if newid else len(text)}", "title": title,
               "published": _day(_element("DATE", inner)), "text": text}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="write here instead of stdout")
    ap.add_argument("--limit", type=int, default=None, help="stop after this many stories")
    ap.add_argument("--data", default=str(REUTERS), help="folder holding the reut2-*.sgm files")
    args = ap.parse_args()
    files = sorted(Path(args.data).glob("reut2-*.sgm"))
    if not files:
        sys.exit(f"skipped: no Reuters-21578 reut2-*.sgm files at {args.data}")
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    count = undated = 0
    try:
        for path in files:
            for story in stories(read_sgml(path)):
                out.write(json.dumps(story, ensure_ascii=False) + "\n")
                count += 1
                undated += story["published"] is None
                if args.limit is not None and count >= args.limit:
                    break
            if args.limit is not None and count >= args.limit:
                break
    finally:
        if args.out:
            out.close()
    print(f"{count} stories from {len(files)} files ({undated} without a date)"
          + (f" -> {args.out}" if args.out else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
