"""Coverage-guided fuzzing (atheris) of everything before the parse: reading a file of any kind, decoding,
HTML extraction, layout (title, date, dateline, credits) and the article record.

    .venv/bin/pip install atheris==3.0.0
    .venv/bin/python bench/fuzz_atheris.py [--seconds 60] [CORPUS_DIR]

The hypothesis suite (tests/model/test_hostile_input.py, in CI) draws inputs from strategies and runs the
whole extraction; this target lets atheris grow inputs from the coverage of the pre-parse code, where the
regular expressions and the format sniffing live, thousands of times a second. Each input's first byte picks
the file kind (text, HTML, JSON Lines, RSS, WARC, gzip); the rest is the file. The property: every input
gives articles whose annotations and dateline slice back into their text, or error records — never another
exception. Prints one JSON line: runs, seconds, crashes (atheris stops at the first and writes it as
``crash-*`` in the working folder, listed in ``crash_files``). Not a test: it runs as long as it is told.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

KINDS = ("a.txt", "a.html", "a.jsonl", "a.rss", "a.warc.gz", "a.txt.gz", "a.xml", "a.json")


def check(data: bytes) -> None:
    """One input through intake and article building; raises on any broken promise."""
    from dateline.article import build_article
    from dateline.errors import DatelineError
    from dateline.intake.read import read_inputs
    from dateline.intake.source import RawDocument
    from dateline.records import ErrorRecord
    from dateline.settings import DEFAULT

    if not data:
        return
    name, body = KINDS[data[0] % len(KINDS)], data[1:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(body)
        for item in read_inputs([str(path)], settings=DEFAULT):
            if isinstance(item, ErrorRecord):
                assert item.error.kind and item.error.message
                continue
            assert isinstance(item, RawDocument)
            try:
                article, _ = build_article(item, settings=DEFAULT)
            except DatelineError:
                continue
            _slices_back(article)


def _slices_back(article: object) -> None:
    text = article.text  # type: ignore[attr-defined]
    for note in article.annotations:  # type: ignore[attr-defined]
        assert 0 <= note.start <= note.end <= len(text), note
    line = article.dateline  # type: ignore[attr-defined]
    if line is not None:
        assert 0 <= line.start <= line.end <= len(text), line
        if line.place:
            assert line.place in text[line.start:line.end], line


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("corpus", nargs="?", help="a folder of seed inputs (grown by atheris)")
    args = parser.parse_args(argv)
    if args.child:
        fuzz(args.seconds, args.corpus)
        return
    # libFuzzer ends the process itself when its time is up: run it in a child and read its last words
    before = set(Path.cwd().glob("crash-*"))
    command = [sys.executable, __file__, "--child", "--seconds", str(args.seconds),
               *([args.corpus] if args.corpus else [])]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=args.seconds + 600)
    if "atheris is not installed" in proc.stderr:
        sys.exit(proc.stderr.strip())
    done = re.search(r"Done (\d+) runs in (\d+) second", proc.stderr)
    crashes = sorted(str(p) for p in set(Path.cwd().glob("crash-*")) - before)
    print(json.dumps({"runs": int(done[1]) if done else None, "seconds": int(done[2]) if done else None,
                      "crashes": len(crashes), "crash_files": crashes, "exit": proc.returncode}))


def fuzz(seconds: int, corpus: str | None) -> None:
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("atheris is not installed: .venv/bin/pip install atheris==3.0.0")
    with atheris.instrument_imports():
        import dateline.article  # noqa: F401 - instrumented for coverage
        import dateline.intake.read  # noqa: F401
        import dateline.layout  # noqa: F401
    flags = [sys.argv[0], f"-max_total_time={seconds}", "-rss_limit_mb=4096", "-timeout=20"]
    atheris.Setup([*flags, *([corpus] if corpus else [])], check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
