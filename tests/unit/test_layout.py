"""The layout stage: title, published date, dateline, credits, headings, paragraphs, splits, sentence starts.

The seed article is read from ../shared at run time (skipped when absent); the table of cases is written
from how wire and web news is laid out; a property test checks the invariants on random text.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.layout import Layout, analyse_layout, published_from_url
from dateline.settings import Settings

SEED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "seed"
KINDS = {"title", "published", "dateline", "heading", "paragraph", "credits"}
S = Settings()
# Running text: long enough to count as a paragraph beside any heading.
P = ("Officials said the talks would continue next week in the capital, where delegates from both sides "
     "have gathered since Monday to discuss the ceasefire.")
Q = "The army said it had pushed into the eastern districts overnight and expected to reach the river soon."


def check_offsets(text: str, layout: Layout) -> None:
    """Every annotation is a trimmed, non-empty stretch of the text; splits and starts lie inside it."""
    for note in layout.annotations:
        assert note.kind in KINDS
        assert 0 <= note.start < note.end <= len(text)
        piece = text[note.start:note.end]
        assert piece == piece.strip() and "\n" not in piece
    assert all(0 < s < len(text) for s in layout.splits)
    assert all(0 <= s < len(text) for s in layout.sentence_starts)
    assert list(layout.sentence_starts) == sorted(set(layout.sentence_starts))


def spans(text: str, layout: Layout, kind: str) -> list[str]:
    return [text[a.start:a.end] for a in layout.annotations if a.kind == kind]


# --- the seed article ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed() -> tuple[str, dict[str, Any], Layout]:
    if not (SEED / "article.txt").exists():
        pytest.skip(f"seed fixture not found at {SEED}")
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))["article"]
    return text, expected, analyse_layout(text, settings=S)


def test_seed_fields(seed: tuple[str, dict[str, Any], Layout]) -> None:
    text, expected, layout = seed
    assert layout.title == expected["title"]
    assert layout.published == expected["published"]
    assert list(layout.credits) == expected["credits"]
    assert layout.byline == expected["byline_initials"]
    assert list(layout.headings) == expected["headings"]
    assert layout.dateline is None


def test_seed_glued_date_is_split(seed: tuple[str, dict[str, Any], Layout]) -> None:
    text, expected, layout = seed
    body = text.index(expected["first_sentence_starts"])
    assert layout.splits == (body,)
    assert body in layout.sentence_starts
    assert text[body - 4:body].isdigit()  # the split falls right after the year
    assert spans(text, layout, "published") == [text[text.index("\n") + 1:body]]


def test_seed_annotations(seed: tuple[str, dict[str, Any], Layout]) -> None:
    text, expected, layout = seed
    check_offsets(text, layout)
    assert spans(text, layout, "title") == [expected["title"]]
    assert spans(text, layout, "heading") == expected["headings"]
    assert spans(text, layout, "credits") == [text.splitlines()[-1]]
    paragraphs = spans(text, layout, "paragraph")
    assert paragraphs[0].startswith(expected["first_sentence_starts"])
    assert len(paragraphs) == len(text.splitlines()) - 4  # all but the title, two headings and credits
    starts = {i + 1 for i, c in enumerate(text) if c == "\n"} | {0}
    assert starts <= set(layout.sentence_starts)


# --- a table of cases ----------------------------------------------------------------------------------

CASES: list[tuple[str, str, dict[str, Any]]] = [
    # published dates at the top
    ("date-glued", f"Rebels retake key town\nOctober 25, 2016The town fell on Monday. {P}",
     {"published": "2016-10-25", "split_at": "The town", "starts": ["The town"]}),
    ("date-abbrev-own-line", f"Rebels retake key town\nOct. 25, 2016\n{P}",
     {"published": "2016-10-25", "splits": (), "published_span": "Oct. 25, 2016"}),
    ("date-day-month", f"Rebels retake key town\n25 October 2016\n{P}", {"published": "2016-10-25"}),
    ("date-weekday-time", f"Rebels retake key town\nTuesday, October 25, 2016 10:32 AM\n{P}",
     {"published": "2016-10-25T10:32", "published_span": "Tuesday, October 25, 2016 10:32 AM"}),
    ("date-iso-at-start", f"2016-10-25\n{P}", {"title": None, "published": "2016-10-25"}),
    ("date-numeric-day-first", f"Rebels retake key town\n25/10/2016\n{P}", {"published": "2016-10-25"}),
    ("date-numeric-ambiguous", f"Rebels retake key town\n05/06/2016\n{P}", {"published": None}),
    ("date-label-zone", f"Rebels retake key town\nPublished: 25 Oct 2016 | 14:05 GMT\n{P}",
     {"published": "2016-10-25T14:05+00:00", "published_span": "25 Oct 2016 | 14:05 GMT"}),
    ("date-glued-after-time", f"Rebels retake key town\nOctober 25, 2016 10:32The town fell. {P}",
     {"published": "2016-10-25T10:32", "split_at": "The town"}),
    ("date-then-space-body", f"Rebels retake key town\n25 October 2016 The town fell. {P}",
     {"published": "2016-10-25", "splits": (), "starts": ["The town"]}),
    ("date-invalid", f"Rebels retake key town\nFebruary 30, 2016\n{P}", {"published": None}),
    ("date-not-below-a-paragraph", f"Rebels retake key town\n{P}\n25 October 2016\n{Q}", {"published": None}),
    ("date-later-not-taken", f"Rebels retake key town\n{P}\nOctober 25, 2016\n{Q}", {"published": None}),
    ("date-starts-a-sentence", f"Rebels retake key town\nOctober 25, 2016 was the day the town fell. {P}",
     {"published": None}),
    ("date-after-byline", f"Rebels retake key town\nBy Jane Doe\nOct. 25, 2016\nLONDON (Reuters) - {P}",
     {"published": "2016-10-25", "dateline": ("LONDON", "Reuters", "LONDON (Reuters) -")}),
    ("date-labelled-then-byline", f"Rebels retake key town\nPosted on October 25, 2016 by admin\n{P}",
     {"published": "2016-10-25", "published_span": "October 25, 2016", "paragraphs": 1}),
    ("date-then-byline-then-dateline", f"Rebels retake key town\nOct 25, 2016 | By Jane Doe\nKABUL: {P}",
     {"published": "2016-10-25", "starts": ["By Jane"], "dateline": ("KABUL", None, "KABUL:")}),
    ("date-iso-with-offset", f"Rebels retake key town\n2016-10-25T10:32:00+01:00\n{P}",
     {"published": "2016-10-25T10:32:00+01:00"}),
    ("date-us-numeric-pm-zone", f"Rebels retake key town\n10/25/2016 3:05 p.m. EDT\n{P}",
     {"published": "2016-10-25T15:05-04:00"}),
    # datelines
    ("dateline-agency", f"Rebels retake key town\nBAGHDAD (Reuters) - {P}",
     {"dateline": ("BAGHDAD", "Reuters", "BAGHDAD (Reuters) -")}),
    ("dateline-date-agency", f"Rebels retake key town\nBEIRUT, Oct 25 (Reuters) — {P}",
     {"dateline": ("BEIRUT", "Reuters", "BEIRUT, Oct 25 (Reuters) —")}),
    ("dateline-plain", f"Rebels retake key town\nLONDON — {P}", {"dateline": ("LONDON", None, "LONDON —")}),
    ("dateline-abbrev-region", f"Rebels retake key town\nWASHINGTON, D.C. -- {P}",
     {"dateline": ("WASHINGTON, D.C.", None, "WASHINGTON, D.C. --")}),
    ("dateline-two-words-accent", f"Rebels retake key town\nSAN JOSÉ, Costa Rica (AP) — {P}",
     {"dateline": ("SAN JOSÉ, Costa Rica", "AP", "SAN JOSÉ, Costa Rica (AP) —")}),
    ("dateline-region-without-space", f"Rebels retake key town\nSAN JOSÉ,Costa Rica (AP) — {P}",
     {"dateline": ("SAN JOSÉ,Costa Rica", "AP", "SAN JOSÉ,Costa Rica (AP) —")}),  # the place as written
    ("dateline-agency-only", f"Rebels retake key town\n(Reuters) - {P}",
     {"dateline": (None, "Reuters", "(Reuters) -")}),
    ("dateline-after-question-headline", f"Will the rebels retake the town?\nBAGHDAD (Reuters) - {P}",
     {"title": "Will the rebels retake the town?", "dateline": ("BAGHDAD", "Reuters", "BAGHDAD (Reuters) -")}),
    ("dateline-not-below-a-paragraph", f"Rebels retake key town\n{P}\nBAGHDAD (Reuters) - {Q}",
     {"dateline": None}),
    ("dateline-label-is-not-place", f"Rebels retake key town\nBREAKING: {P}", {"dateline": None}),
    ("dateline-not-caps", f"Rebels retake key town\nUS President Joe Biden: {P}", {"dateline": None}),
    ("dateline-after-glued-date", f"Rebels retake key town\nOctober 25, 2016BAGHDAD (Reuters) - {P}",
     {"published": "2016-10-25", "split_at": "BAGHDAD", "dateline": ("BAGHDAD", "Reuters", "BAGHDAD (Reuters) -")}),
    ("dateline-after-run-in-title", f"Council backs budget for roads. SALEM — {P}",
     {"dateline": ("SALEM", None, "SALEM —")}),
    ("dateline-after-run-in-byline", f"Rebels retake key town\nBy Jane Doe. BOSTON (Reuters) - {P}",
     {"dateline": ("BOSTON", "Reuters", "BOSTON (Reuters) -")}),
    ("dateline-run-in-needs-capitals", f"Rebels retake key town\nThe vote came late. Salem - {P}",
     {"dateline": None}),
    ("dateline-agency-then-body", f"Rebels retake key town\nATLANTA (AP) {P}",
     {"dateline": ("ATLANTA", "AP", "ATLANTA (AP)")}),
    ("dateline-mixed-case-before-agency", f"Rebels retake key town\nHanoi (VNA) – {P}",
     {"dateline": ("Hanoi", "VNA", "Hanoi (VNA) –")}),
    ("dateline-mixed-case-agency-own-line", f"Rebels retake key town\nWashington (CNN)\n{P}",
     {"dateline": ("Washington", "CNN", "Washington (CNN)")}),
    ("dateline-latin1-decoded-dash", f"Rebels retake key town\nCINCINNATI \x97 {P}",
     {"dateline": ("CINCINNATI", None, "CINCINNATI \x97")}),
    ("dateline-after-a-byline-on-its-line",
     f"Rebels retake key town\nBy JANE DOE and JOHN ROE, Associated Press WASHINGTON (AP) — {P}",
     {"dateline": ("WASHINGTON", "AP", "WASHINGTON (AP) —")}),
    ("dateline-after-a-byline-not-a-name-in-capitals",
     f"Rebels retake key town\nBy JANE DOE, Associated Press SAN JOSÉ, Costa Rica (AP) — {P}",
     {"dateline": ("SAN JOSÉ, Costa Rica", "AP", "SAN JOSÉ, Costa Rica (AP) —")}),
    ("dateline-after-a-byline-not-inside-a-sentence",
     f"Rebels retake key town\nBy Jane Doe and John Roe. The mayor said that LONDON — {P}", {"dateline": None}),
    ("dateline-name-prefix-in-lower-case", f"Rebels retake key town\nMcALLEN, Texas (AP) — {P}",
     {"dateline": ("McALLEN, Texas", "AP", "McALLEN, Texas (AP) —")}),
    ("dateline-run-in-name-prefix", f"Council backs budget for roads. DeKALB – {P}",
     {"dateline": ("DeKALB", None, "DeKALB –")}),
    ("dateline-prefix-needs-capitals-after-it", f"Rebels retake key town\nDeKalb - {P}", {"dateline": None}),
    ("dateline-filing-day-in-brackets", f"Rebels retake key town\nTulsa, Okla. (March 3, 2016) – {P}",
     {"dateline": ("Tulsa, Okla.", None, "Tulsa, Okla. (March 3, 2016) –")}),
    ("dateline-filing-day-in-brackets-needs-a-place", f"Rebels retake key town\nThe council (March 3) – {P}",
     {"dateline": None}),
    ("dateline-words-in-brackets-are-no-agency", f"Rebels retake key town\nPolice said (on Monday) {P}",
     {"dateline": None}),
    ("dateline-mixed-case-needs-agency", f"Rebels retake key town\nKuala Lumpur - {P}", {"dateline": None}),
    ("dateline-known-city-before-colon", f"Rebels retake key town\nKuala Lumpur: {P}",
     {"dateline": ("Kuala Lumpur", None, "Kuala Lumpur:")}),
    ("dateline-unknown-word-before-colon", f"Rebels retake key town\nUpdate: {P}", {"dateline": None}),
    ("dateline-name-before-colon", f"Rebels retake key town\nTrump: {P}", {"dateline": None}),
    ("dateline-after-a-photo-caption",
     f"Rebels retake key town\nA fighter waves a flag in the square on Monday. (AP Photo/Jane Doe)\n\n"
     f"ALEPPO, Syria (AP) — {P}", {"dateline": ("ALEPPO, Syria", "AP", "ALEPPO, Syria (AP) —")}),
    ("dateline-bare-known-city-in-capitals", f"Rebels retake key town\nSAN ANTONIO Turner Sports said {P}",
     {"dateline": ("SAN ANTONIO", None, "SAN ANTONIO")}),
    ("dateline-bare-needs-a-known-place", f"Rebels retake key town\nBREAKING News came late. {P}",
     {"dateline": None}),
    ("dateline-bare-with-a-known-region", f"Rebels retake key town\nAUSTIN, Texas A white nationalist said {P}",
     {"dateline": ("AUSTIN, Texas", None, "AUSTIN, Texas")}),
    ("dateline-bare-with-an-unknown-region-is-none", f"Rebels retake key town\nAUSTIN, Some Mayor Ann said {P}",
     {"dateline": None}),
    ("dateline-station-call-sign-agency", f"Rebels retake key town\nSEVERN, Md. (ABC7) — {P}",
     {"dateline": ("SEVERN, Md.", "ABC7", "SEVERN, Md. (ABC7) —")}),
    ("dateline-one-word-agency-of-capitalised-parts", f"Rebels retake key town\nBeijing (AsiaNews) {P}",
     {"dateline": ("Beijing", "AsiaNews", "Beijing (AsiaNews)")}),
    ("dateline-bare-on-a-wrapped-first-line-is-no-title",
     f"DETROIT The transport ministry on Wednesday issued voluntary guidelines for makers of\n  phones. {P}",
     {"title": None, "dateline": ("DETROIT", None, "DETROIT")}),
    ("title-opening-with-a-place-and-colon-stays", f"US: Rebels retake key town\n{P}",
     {"title": "US: Rebels retake key town", "dateline": None}),
    ("dateline-bare-needs-capitals", f"Rebels retake key town\nMadrid Police said {P}", {"dateline": None}),
    ("dateline-only-later-line-not-heading", f"Rebels retake key town\n{P}\nLONDON (Reuters) -\n{Q}",
     {"dateline": None, "headings": ()}),
    # credits
    ("credits-agency", f"Rebels retake key town\n{P}\n(Reuters)", {"credits": ("Reuters",), "byline": None}),
    ("credits-initials", f"Rebels retake key town\n{P}\njm/sms (Reuters, dpa)",
     {"credits": ("Reuters", "dpa"), "byline": "jm/sms", "credits_span": "jm/sms (Reuters, dpa)"}),
    ("credits-dash", f"Rebels retake key town\n{P}\n— Reuters", {"credits": ("Reuters",)}),
    ("credits-reporting", f"Rebels retake key town\n{P}\nReporting by Jane Doe in Baghdad; Editing by John Roe",
     {"credits": (), "byline": "Jane Doe, John Roe", "credits_span": "Reporting by Jane Doe in Baghdad; "
                                                                     "Editing by John Roe"}),
    ("credits-unknown-acronym", f"Rebels retake key town\n{P}\nab (KUNA, AFP)",
     {"credits": ("KUNA", "AFP"), "byline": "ab"}),
    ("credits-not-a-word-in-brackets", f"Rebels retake key town\n{P}\n(Updated)", {"credits": ()}),
    ("credits-only-last-line", f"Rebels retake key town\n(AFP)\n{P}", {"credits": ()}),
    # headings
    ("heading-with-colon", f"Rebels retake key town\n{P}\nNo deal yet: officials\n{Q}",
     {"headings": ("No deal yet: officials",)}),
    ("heading-short-quote-is-not", f"Rebels retake key town\n{P}\n\"We will win\"\n{Q}", {"headings": ()}),
    ("heading-final-colon-is-not", f"Rebels retake key town\n{P}\nHe told reporters:\n{Q}", {"headings": ()}),
    ("heading-too-many-words", f"Rebels retake key town\n{P}\n{' '.join(['Word'] * 13)}\n{Q}",
     {"headings": ()}),
    ("heading-continuation-is-not", f"Rebels retake key town\n{P}\nDouble Olympic champion\nwon again. {Q}",
     {"headings": ()}),
    ("heading-after-unfinished-line", f"Rebels retake key town\n{P[:-1]} and\nThe next day\n{Q}",
     {"headings": ()}),
    ("heading-last-line-is-not", f"Rebels retake key town\n{P}\nMore to follow", {"headings": ()}),
    ("heading-first-body-line-is-not", f"Rebels retake key town\nA short line\n{P}", {"headings": ()}),
    ("poem-no-headings", "Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you\nThe end.",
     {"headings": ()}),
    # titles
    ("title-punctuated-not-taken", f"Rebels retake key town.\n{P}", {"title": None}),
    ("title-question-taken", f"Will the rebels retake the town?\n{P}", {"title": "Will the rebels retake the town?"}),
    ("title-statement-not-taken", f"The rebels retook the town.\n{P}", {"title": None}),
    ("title-quote-after-period", f"Minister: 'We will win.'\n{P}", {"title": None}),
    ("title-long-not-taken", f"{P[:-1]} while {Q[:-1]}\n{Q}", {"title": None}),
    ("title-needs-more-text", "Rebels retake key town", {"title": None, "paragraphs": 1}),
    ("title-byline-not-taken", f"By Jane Doe\n{P}", {"title": None}),
    ("title-date-not-taken", f"25 October 2016\n{P}", {"title": None, "published": "2016-10-25"}),
    ("title-dateline-not-taken", f"LONDON (Reuters) -\n{P}",
     {"title": None, "dateline": ("LONDON", "Reuters", "LONDON (Reuters) -")}),
    ("crlf", f"Rebels retake key town\r\nOctober 25, 2016The town fell. {P}\r\n\r\nA new front\r\n{Q}\r\n"
             "aw/rc (AFP, Reuters)\r\n",
     {"title": "Rebels retake key town", "published": "2016-10-25", "split_at": "The town",
      "headings": ("A new front",), "credits": ("AFP", "Reuters"), "byline": "aw/rc",
      "credits_span": "aw/rc (AFP, Reuters)"}),
    ("indented-lines", f"   Rebels retake key town  \n\n\t{P}  \n", {"title": "Rebels retake key town"}),
]


@pytest.mark.parametrize(("text", "expect"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_layout_cases(text: str, expect: dict[str, Any]) -> None:
    layout = analyse_layout(text, settings=S)
    check_offsets(text, layout)
    for field in ("title", "published", "credits", "byline", "headings", "splits"):
        if field in expect:
            assert getattr(layout, field) == expect[field], field
    if "split_at" in expect:
        assert layout.splits == (text.index(expect["split_at"]),)
    for start in expect.get("starts", []):
        assert text.index(start) in layout.sentence_starts
    if "dateline" in expect:
        found = layout.dateline
        want = expect["dateline"]
        got = None if found is None else (found.place, found.agency, text[found.start:found.end])
        assert got == want
        assert spans(text, layout, "dateline") == ([] if want is None else [want[2]])
    if "published_span" in expect:
        assert spans(text, layout, "published") == [expect["published_span"]]
    if "credits_span" in expect:
        assert spans(text, layout, "credits") == [expect["credits_span"]]
    if "paragraphs" in expect:
        assert len(spans(text, layout, "paragraph")) == expect["paragraphs"]


def test_every_line_is_annotated_once_by_line_kind() -> None:
    text = f"Rebels retake key town\n25 October 2016\n{P}\nA new front\n{Q}\n(AFP)"
    layout = analyse_layout(text, settings=S)
    kinds = [a.kind for a in layout.annotations if a.kind != "dateline"]
    assert kinds == ["title", "published", "paragraph", "heading", "paragraph", "credits"]
    assert layout.sentence_starts == tuple(text.index(x) for x in ("Rebels", "25 Oct", "Officials", "A new",
                                                                    "The army", "(AFP)"))


def test_given_title_matches_first_line() -> None:
    text = f"Rebels  retake key town\n{P}"
    layout = analyse_layout(text, settings=S, title="Rebels retake  key town ")
    assert layout.title == "Rebels retake key town"
    assert spans(text, layout, "title") == ["Rebels  retake key town"]


def test_given_title_not_in_text() -> None:
    text = f"October 25, 2016The town fell. {P}\n{Q}"
    layout = analyse_layout(text, settings=S, title="Rebels retake key town")
    assert layout.title == "Rebels retake key town"
    assert spans(text, layout, "title") == []
    assert layout.published == "2016-10-25"
    assert layout.splits == (text.index("The town"),)


def test_heading_words_setting() -> None:
    text = f"Rebels retake key town\n{P}\nA new front opens\n{Q}"
    assert analyse_layout(text, settings=S).headings == ("A new front opens",)
    assert analyse_layout(text, settings=S.replace(heading_max_words=3)).headings == ()


def test_title_chars_setting() -> None:
    text = f"Rebels retake key town\n{P}"
    assert analyse_layout(text, settings=S.replace(title_max_chars=10)).title is None


# --- robustness ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\t\r\n  ", "\n" * 1000, "One line only", "(AFP)", "\r\n\r\n",
                                  "October 25, 2016", "BAGHDAD (Reuters) -"])
def test_degenerate_inputs(text: str) -> None:
    layout = analyse_layout(text, settings=S)
    check_offsets(text, layout)
    assert layout.headings == () and layout.title is None
    if not text.strip():
        assert layout == Layout()


def test_large_inputs_are_linear() -> None:
    single = "word " * 400_000  # one 2 MB line
    poem = "\n".join(["Short line of verse"] * 10_000)
    article = "\n".join([P, "A short heading", Q] * 3_400)
    began = time.perf_counter()
    for text in (single, poem, article, "x" * 2_000_000):
        check_offsets(text, analyse_layout(text, settings=S))
    assert time.perf_counter() - began < 10
    assert analyse_layout(poem, settings=S).headings == ()
    assert len(analyse_layout(article, settings=S).headings) == 3_400


FRAGMENTS = st.sampled_from([
    "\n", "\r\n", " ", "October 25, 2016", "2016", "The", "BAGHDAD (Reuters) - ", "(AFP, dpa)", "aw/rc ",
    "— ", '"', "“", ".", ":", "10:32 GMT", "By Jane Doe", "Reporting by ", P, "A heading", "25/10/2016",
    "SAN JOSÉ, Costa Rica", "\u2028", "\t",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=30).map("".join),
       st.one_of(st.none(), st.text(max_size=30)))
def test_random_text_never_breaks(text: str, title: str | None) -> None:
    layout = analyse_layout(text, settings=S, title=title)
    check_offsets(text, layout)
    if layout.published is not None:
        assert layout.published[:4].isdigit() and layout.published[4] == "-"


# --- dates in URLs -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/news/2016/10/25/raid-on-town", "2016-10-25"),
    ("https://example.com/world/2016/oct/25/raid-on-town", "2016-10-25"),
    ("https://example.com/2016-10-25/raid-on-town", "2016-10-25"),
    ("https://example.com/a/raid-on-town-20161025.html", "2016-10-25"),
    ("https://example.com/2016/02/30/bad-day", None),
    ("https://example.com/story/12345678", None),
    ("https://example.com/story?id=20161025", None),  # only the path is read
    ("https://example.com/", None),
    ("", None),
    (None, None),
])
def test_published_from_url(url: str | None, expected: str | None) -> None:
    assert published_from_url(url) == expected


def test_inner_datelines_open_later_stories_only() -> None:
    from dateline.layout import inner_datelines

    text = ("Guard role grows. The Guard said so.\nWASHINGTON (AP) - The president spoke. He left. "
            "SAN DIEGO (AP) - The Guard faces cuts. ALBUQUERQUE, N.M. (Reuters) — Documents show it. "
            "The memo (file) - was old. He said (AP) - nothing. Officials said the vote - held Monday - passed.")
    found = [(d.place, d.agency) for d in inner_datelines(text)]
    assert found == [("WASHINGTON", "AP"), ("SAN DIEGO", "AP"), ("ALBUQUERQUE, N.M.", "Reuters")]
    for d in inner_datelines(text):
        assert text[d.start:d.end].startswith(d.place or "")


def test_inner_datelines_without_an_agency_are_a_name_in_capitals_and_a_dash() -> None:
    from dateline.layout import inner_datelines

    text = ("Bids open.\nSPRINGFIELD - The city is seeking bids. NEW MIAMI — After a year, order held. "
            "US - China talks resumed. EDITOR'S NOTE — This story was updated. I - am here. THE END - now.")
    assert [d.place for d in inner_datelines(text)] == ["SPRINGFIELD", "NEW MIAMI"]
