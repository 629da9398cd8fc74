"""Geoparsing quality on the geo corpora (dev halves) in ../shared/data/geo, and the corpus-reading rules.

The accuracy floors (a fixed prefix of each corpus, end-to-end and with gold spans) are pinned in
``eval/baseline.json`` and checked by ``tests/data/test_ratchet.py``; the full-corpus figures are run with
``dateline eval geo ../shared/data/geo/lgl.dev.xml [--oracle]``. The reading tests here use small
corpus-shaped files written here and always run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation.geo import GoldDoc, Tally, Toponym, load_corpus, score_document, summarize
from dateline.records import Place

LGL = """<articles><article docid="1"><text>Fire in Alexandria, La. on Monday.</text><toponyms>
<toponym><start>8</start><end>18</end><phrase>Alexandria</phrase><gaztag geonameid="4314550"><name>Alexandria</name>
<lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
<toponym><start>20</start><end>23</end><phrase>La.</phrase></toponym></toponyms></article></articles>"""
TR_SHIFTED = """<articles><article><text>Talks in Ankara, Turkey.</text><toponyms>
<toponym><start>7</start><end>13</end><phrase>Ankara</phrase><gaztag geonameid="323786"><lat>39.9</lat>
<lon>32.8</lon></gaztag></toponym></toponyms></article></articles>"""
GWN = """<articles><article file="0"><text>The city of Dublin and Irish rugby.</text><toponyms>
<toponym><extractedName>city</extractedName><type>Literal_Expression</type><start>4</start><end>8</end></toponym>
<toponym><extractedName>Dublin</extractedName><type>Literal</type><start>12</start><end>18</end>
<geonamesID>2964574</geonamesID><latitude>53.33</latitude><longitude>-6.25</longitude></toponym>
<toponym><extractedName>Irish</extractedName><type>Demonym</type><start>23</start><end>28</end>
<geonamesID>2963597</geonamesID><latitude>53.0</latitude><longitude>-8.0</longitude></toponym>
<toponym><extractedName>rugby</extractedName><type>Non_Toponym</type><start>29</start><end>34</end></toponym>
</toponyms></article></articles>"""
GEOVIRUS = """<articles><article><source>x</source><text>Cases rose in Lagos.</text><locations><location>
<name>Lagos</name><start>15</start><end>20</end><lat>6.45</lat><lon>3.39</lon><page>p</page></location>
</locations></article></articles>"""


@pytest.mark.parametrize("xml, expected", [
    (LGL, [("Alexandria", "4314550")]),  # a toponym without coordinates is left out
    (TR_SHIFTED, [("Ankara", "323786")]),  # offsets one character left: re-aligned on the phrase
    (GWN, [("Dublin", "2964574"), ("Irish", "2963597")]),  # expressions and non-toponyms dropped
    (GEOVIRUS, [("Lagos", None)]),  # offsets one character right: shifted back
])
def test_corpus_traps(tmp_path: Path, xml: str, expected: list[tuple[str, str | None]]) -> None:
    path = tmp_path / "corpus.xml"
    path.write_text(xml, encoding="utf-8")
    (doc,) = load_corpus(path)
    assert [(doc.text[t.start:t.end], t.geonameid) for t in doc.toponyms] == expected


def test_missing_corpus_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_corpus(tmp_path / "absent.xml")


def test_scoring_takes_the_first_overlapping_prediction() -> None:
    from dateline.evaluation.geo import GoldDoc

    gold = GoldDoc("d", "Paris, Texas", (Toponym(0, 5, 33.66, -95.56, "4717560", "Paris"),
                                         Toponym(7, 12, 31.0, -100.0, None, "Texas")))
    places = [Place("Paris", 0, 5, geonameid=4717560, lat=33.66, lon=-95.56),
              Place("Paris", 0, 5, geonameid=2988507, lat=48.85, lon=2.35),
              Place("Lone", 20, 24, lat=1.0, lon=1.0), Place("Texas", 7, 12)]  # no coordinates: not a prediction
    tally = Tally()
    score_document(gold, places, tally)
    report = summarize(tally, corpus="t", docs=1, oracle=False)
    assert (report["gold"], report["recall"], report["acc161_all"], report["exact_id"]) == (2, 0.5, 0.5, 1.0)
    assert report["precision"] == round(2 / 3, 3)


def _doc(text: str, *phrases: str) -> GoldDoc:
    return GoldDoc("d", text, tuple(Toponym(text.index(p), text.index(p) + len(p), 1.0, 1.0, None, p)
                                    for p in phrases))


@pytest.mark.parametrize("text, phrases, expected", [
    ("SALEM, Ore. — The council met in Portland.", ("SALEM", "Portland"), "SALEM"),
    ("Budget passes. SALEM — The council met.", ("SALEM",), "SALEM"),  # a title run into the body
    ("Hanoi (VNA) – Vietnam supports it.", ("Hanoi", "Vietnam"), "Hanoi"),
    ("Kuala Lumpur: Malaysian police said.", ("Kuala Lumpur",), "Kuala Lumpur"),
    ("DETROIT The department issued rules.", ("DETROIT",), "DETROIT"),
    ("U.S. urges Ukraine to act.", ("U.S.", "Ukraine"), None),  # in capitals, but the sentence's subject
    ("Paris is calm. Police said so.", ("Paris",), None),
    ("The mayor of Salem — a port — spoke.", ("Salem",), None),  # not at the start
])
def test_a_gold_dateline_is_the_opening_toponym_written_as_one(text: str, phrases: tuple[str, ...],
                                                               expected: str | None) -> None:
    from dateline.evaluation.geo import gold_dateline

    found = gold_dateline(_doc(text, *phrases))
    assert (text[found.start:found.end] if found else None) == expected


def test_dateline_kind_and_error_figures() -> None:
    from dateline.evaluation.geo import score_dateline

    gold = _doc("SALEM — Fire in Salem and Lyon.", "SALEM", "Salem", "Lyon")
    places = [Place("SALEM", 0, 5, lat=1.0, lon=1.0), Place("Lyon", 25, 29, lat=45.0, lon=4.0)]
    tally = Tally()
    score_document(gold, places, tally, kinds=["city", "city", "city"])
    score_dateline(gold, None, places, tally)
    report = summarize(tally, corpus="t", docs=1, oracle=False)
    assert report["by_kind"] == {"city": {"gold": 3, "acc161": round(1 / 3, 3)}}
    assert report["errors"] == {"Salem": 1, "Lyon": 1}
    assert report["dateline"] == {"articles": 1, "recorded": 0.0, "acc161": 1.0}


def test_halves_split_the_documents_by_position() -> None:
    from dateline.evaluation.geo import halved

    docs = [_doc(f"Text {i}.") for i in range(5)]
    assert [d.text for d in halved(docs, "even")] == ["Text 0.", "Text 2.", "Text 4."]
    assert [d.text for d in halved(docs, "odd")] == ["Text 1.", "Text 3."]
    with pytest.raises(InputError, match="even"):
        halved(docs, "first")
