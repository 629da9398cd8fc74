"""On real news (60 BBC articles of ../shared/data), the model's output is identical with the attribute_ruler
replaced by the lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from dateline.nlp import load_model, load_stock_model
from dateline.settings import DEFAULT

ATTRS = [POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]


def test_bbc_articles_parse_identically(data_dir: Path) -> None:
    files = sorted((data_dir / "corpus" / "bbc-fulltext" / "bbc").glob("*/*.txt"))[::37][:60]
    if not files:
        pytest.skip("no BBC articles in ../shared/data/corpus/bbc-fulltext")
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
    ours, plain = load_model(DEFAULT.model), load_stock_model(DEFAULT.model)
    differ = [f.name for f, a, b in zip(files, ours.pipe(texts), plain.pipe(texts), strict=True)
              if a.to_array(ATTRS).tolist() != b.to_array(ATTRS).tolist()]
    assert differ == []
    assert len(texts) == 60
