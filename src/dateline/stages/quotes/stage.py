"""Quotes: who said what — direct, indirect and mixed, each with its speaker, cue and character offsets.

1. Quotation marks are paired on the text (:mod:`.marks`); reporting cues are found on the parse
   (:mod:`.cues`) with the token range each one reports (its content) and its speaker.
2. Quotations and cues are put together into drafts of direct, mixed and indirect quotes
   (:mod:`.attach`).
3. Speakers are found in text order and linked to entities (:mod:`.speakers`); a direct quote with no
   cue of its own continues the speaker of the quote just before it in the same or the previous paragraph.
   A speaker that cannot be found is None, and the confidence says how sure the rest is.
4. An interrupted quote is made one quote in several pieces, its ``spans`` (:mod:`.pieces`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ...extensions import doc_text
from ...records import Entity, Quote, Speaker, content_id
from ...records import Span as TextSpan
from ...settings import Settings
from .attach import DIRECT, INDIRECT, MIXED, Draft, attach
from .cues import BELIEF, DIRECTIVE, EVALUATION, SOURCE, STANCE, Cue, find_cues
from .marks import Quoted, find_quoted
from .pieces import find_pieces, pieces
from .speakers import MentionIndex, SpeakerRef, find_speaker, speaker_at

NEEDS: tuple[str, ...] = ("sentences", "deps", "ner", "entities")
GIVES: tuple[str, ...] = ("quotes",)

_BASE = {DIRECT: 0.9, MIXED: 0.8, INDIRECT: 0.8}
_CUE_TYPE_FACTOR = {BELIEF: 0.7, EVALUATION: 0.8, STANCE: 0.8, DIRECTIVE: 0.9, SOURCE: 1.0}

__all__ = ["NEEDS", "GIVES", "extract_quotes"]


def extract_quotes(doc: Doc, *, settings: Settings) -> list[Quote]:
    """Every quote in the Doc, in text order."""
    text = doc_text(doc)
    quoted = find_quoted(text)
    cues = find_cues(doc, _inside_mask(doc, quoted))
    entities = _entities(doc)
    mentions = MentionIndex(entities)
    drafts = attach(doc, text, quoted, cues, mentions)
    _speakers(doc, text, drafts, entities, mentions)
    drafts = find_pieces(text, drafts)
    article_id = _article_id(doc, text)
    return [_record(text, d, article_id) for d in drafts]


def _inside_mask(doc: Doc, quoted: list[Quoted]) -> list[bool]:
    """For each token, whether it lies inside a quotation's content (one sweep over both lists)."""
    mask, j = [], 0
    for token in doc:
        while j < len(quoted) and quoted[j].end <= token.idx:
            j += 1
        mask.append(j < len(quoted) and quoted[j].start < token.idx + len(token))
    return mask


def _entities(doc: Doc) -> tuple[Entity, ...]:
    if not Doc.has_extension("entities"):
        return ()
    return tuple(doc._.entities or ())


def _article_id(doc: Doc, text: str) -> str:
    article = doc._.article if Doc.has_extension("article") else None
    return article.id if article is not None else content_id(text)


def _speakers(doc: Doc, text: str, drafts: list[Draft], entities: Sequence[Entity], mentions: MentionIndex) -> None:
    """Speakers in text order: each may continue the one before it."""
    previous: Draft | None = None
    for draft in drafts:
        near = previous if previous is not None and draft.paragraph - previous.paragraph <= 1 else None
        before = near.speaker if near is not None else None
        token = draft.cue.speaker if draft.cue is not None else draft.speaker_token
        if draft.speaker_span is not None:
            draft.speaker = speaker_at(text, *draft.speaker_span, mentions)
        elif token is not None and not _inside_quote(draft, token.idx):
            draft.speaker = find_speaker(doc, text, token, mentions, entities, before)
        elif draft.cue is None and before is not None:
            draft.speaker, draft.continued = before, True
        if draft.speaker is not None:
            previous = draft


def _inside_quote(draft: Draft, pos: int) -> bool:
    return draft.quoted is not None and draft.quoted.start <= pos < draft.quoted.end


def _record(text: str, d: Draft, article_id: str) -> Quote:
    cue = None
    if d.cue is not None:
        cue = _cue_span(text, d.cue)
    return Quote(
        id=content_id(article_id, d.kind, str(d.start), str(d.end)),
        kind=d.kind, text=text[d.start:d.end], start=d.start, end=d.end, spans=pieces(text, d.start, d.end, d.gaps),
        speaker=_speaker_record(d.speaker), cue=cue, unterminated=d.unterminated, confidence=_confidence(d),
    )


def _cue_span(text: str, cue: Cue) -> TextSpan:
    doc = cue.verb.doc
    start, end = doc[cue.start].idx, doc[cue.end - 1].idx + len(doc[cue.end - 1])
    return TextSpan(text[start:end], start, end)


def _speaker_record(ref: SpeakerRef | None) -> Speaker | None:
    if ref is None:
        return None
    entity = ref.entity
    name = entity.name if entity is not None else " ".join(ref.text.split())
    return Speaker(entity_id=entity.id if entity else None, name=name, role=entity.role if entity else None,
                   start=ref.start, end=ref.end)


def _confidence(d: Draft) -> float:
    """How sure: the kind, the cue (a verb of belief is weaker than "said"), how the speaker was found."""
    if d.cue is not None:
        score = _BASE[d.kind] * _CUE_TYPE_FACTOR.get(d.cue.type, 1.0)
    else:  # no cue of its own: continued (0.72), named nearby (0.63), or nobody (0.54)
        score = _BASE[d.kind] * (0.8 if d.continued else 0.7 if d.speaker is not None else 0.6)
    score *= _speaker_factor(d.speaker) * (0.9 if d.unterminated else 1.0)
    return round(_CALIBRATED_FLOOR + _CALIBRATED_SPAN * score, 2)


# The raw score ranks quotes, but on PolNeAR dev far more of them are right than it says (0.84-0.89 of the
# quotes in every bin from 0.5 to 1.0 cover 30 % of a gold content): the confidence is that score mapped onto
# the range it was measured to mean. Largest gap between a bin of 30 or more quotes and its share right: 0.31
# before the mapping, 0.06 after.
_CALIBRATED_FLOOR, _CALIBRATED_SPAN = 0.6, 0.3


def _speaker_factor(ref: SpeakerRef | None) -> float:
    if ref is None:
        return 0.6
    if ref.pronoun and ref.entity is None:
        return 0.7  # "he said", and no one to say who he is
    return 0.9 if ref.resolved or ref.entity is None else 1.0
