"""Invariants of geoparsing whatever the words around the names: it never raises, every place slices back to its
mention, and a place without coordinates has no id (hypothesis over the words the recognition rules read)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.geo.parser import geoparse

from .helpers import make_doc
from .test_places import GAZETTEER

WORDS = ["[Paris](GPE)", "[Texas](GPE)", "Tex.", ",", ".", "(AP)", "-", "—", "R-Mosul", "D-Tex.", "Little",
         "[Georgia](GPE)", "and", "the", "St.", "'s", "Hospital", "Church", "of", "[Mosul](GPE)", "let", "PARIS",
         "[Holy Cross Church](ORG)", "[French](NORP)", "French", "Iraqi", "U.S.-led", "[Iraq](GPE)", "Street",
         "\n", "Springfield", "Decatur", "in", "[Middle East](LOC)", "[Carter County](GPE)", "counties", "X"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_geoparse_never_raises_and_every_place_slices_back(words: list[str]) -> None:
    doc = make_doc("Reports from " + " ".join(words) + " end")
    for place in geoparse(doc, GAZETTEER):
        assert doc.text[place.start:place.end] == place.mention
        assert place.lat is not None or place.geonameid is None
        assert (place.lat is None) == (place.lon is None)
