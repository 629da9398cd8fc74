"""With the attribute_ruler and the lemmatizer replaced by lookups, the model's whole output is the same, token for
token."""

from __future__ import annotations

import json
from importlib import resources

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from dateline.nlp import load_model, load_stock_model
from dateline.settings import DEFAULT

ATTRS = [POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
ODD = ["I ain't gonna wait, y'all. Let's go, there is time.", "She'd had it; he'd go. It's his, not hers.",
       "Nothin' doin'! C'mon, gotta see 'em. Ol' Tom can't, won't and shan't.",
       "\n\n  Spaces  \t and\nbreaks. Is it? It is. Were they there? There were.",
       "Do you? I did. Does it? It does have, hasn't it. Being there, having been.",
       "The geese were flying; mice ran faster than the biggest dogs, and the leaves fell. Better days, worse "
       "nights: he'd been swimming, she swam, they've swum. The Smiths' children studied; criteria, analyses."]


def _texts() -> list[str]:
    samples = resources.files("dateline") / "samples"
    demo = [json.loads(line)["text"] for line in (samples / "demo" / "articles.jsonl").read_text().splitlines()
            if line.strip()]
    return [(samples / "article.txt").read_text(), *demo, *ODD]


def test_the_pipeline_output_is_identical_with_the_lookups() -> None:
    nlp = load_model(DEFAULT.model)
    plain = load_stock_model(DEFAULT.model)
    for name, stock in (("attribute_ruler", "AttributeRuler"), ("lemmatizer", "EnglishLemmatizer")):
        assert type(nlp.get_pipe(name)).__name__ == "LookupComponent"
        assert type(plain.get_pipe(name)).__name__ == stock
    assert nlp.pipe_names == plain.pipe_names
    texts = _texts() * 2  # the second time round, every lemma comes from the table
    tokens = 0
    for ours, theirs in zip(nlp.pipe(texts), plain.pipe(texts), strict=True):
        assert ours.to_array(ATTRS).tolist() == theirs.to_array(ATTRS).tolist()
        tokens += len(ours)
    assert tokens > 2500
