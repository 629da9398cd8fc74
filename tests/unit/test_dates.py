"""The dates stage without a model: the resolver as pure functions, and hand-built parsed Docs for tense."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from dateline import extensions
from dateline.errors import InputError
from dateline.evaluation.dates import evaluate_dates, read_cases
from dateline.pipeline import PARSE_GIVES, STAGES, Stage, check_order
from dateline.records import Article, DateRef
from dateline.settings import DEFAULT
from dateline.stages import dates
from dateline.stages.dates_resolve import end_of, not_a_point, ordinal_period, resolve, start_of

from .helpers import make_doc, vocab

# A token: (word, POS, dep, head index, morphology[, lemma]).
Tok = tuple

TUE = date(2016, 10, 25)  # a Tuesday


def parsed(*tokens: Tok, ents: tuple[tuple[int, int, str], ...] = (), published: str | None = "2016-10-25") -> Doc:
    """A Doc with heads, deps, POS and morphology given by hand, and the article attached."""
    words = [t[0] for t in tokens]
    labels = ["O"] * len(words)
    for start, end, label in ents:
        labels[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    doc = Doc(vocab(), words=words, pos=[t[1] for t in tokens], deps=[t[2] for t in tokens],
              heads=[t[3] for t in tokens], morphs=[t[4] for t in tokens],
              lemmas=[t[5] if len(t) > 5 else t[0].lower() for t in tokens], ents=labels)
    return attach(doc, published)


def attach(doc: Doc, published: str | None) -> Doc:
    extensions.register()
    doc._.article = Article(id="x", source_id="x", text=doc.text, published=published)
    return doc


def values(doc: Doc) -> dict[str, str | None]:
    return {r.mention: r.value for r in dates.extract_dates(doc, settings=DEFAULT)}


PAST = "Tense=Past|VerbForm=Fin"
PRES = "Tense=Pres|VerbForm=Fin"
INF = "VerbForm=Inf"


# ---- the resolver ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, tense, value, granularity", [
    ("Tuesday", "past", "2016-10-25", "day"),
    ("Tuesday", "future", "2016-10-25", "day"),
    ("Friday", "past", "2016-10-21", "day"),
    ("Friday", "future", "2016-10-28", "day"),
    ("Friday", "present", "2016-10-21", "day"),
    ("last Tuesday", "past", "2016-10-18", "day"),
    ("next Tuesday", "future", "2016-11-01", "day"),
    ("Tuesday night", "past", "2016-10-25", "day"),
    ("Monday's", "past", "2016-10-24", "day"),
    ("yesterday", "past", "2016-10-24", "day"),
    ("tomorrow", "future", "2016-10-26", "day"),
    ("the day before yesterday", "past", "2016-10-23", "day"),
    ("last night", "past", "2016-10-24", "day"),
    ("last week", "past", "2016-10-17/2016-10-23", "week"),
    ("this week", "past", "2016-10-24/2016-10-30", "week"),
    ("next week", "future", "2016-10-31/2016-11-06", "week"),
    ("earlier this month", "past", "2016-10", "month"),
    ("next month", "future", "2016-11", "month"),
    ("late last year", "past", "2015", "year"),
    ("the end of the year", "future", "2016", "year"),
    ("this weekend", "past", "2016-10-22/2016-10-23", "day"),
    ("this weekend", "future", "2016-10-29/2016-10-30", "day"),
    ("last weekend", "past", "2016-10-22/2016-10-23", "day"),
    ("three days ago", "past", "2016-10-22", "day"),
    ("two weeks ago", "past", "2016-10-10/2016-10-16", "week"),
    ("a month ago", "past", "2016-09", "month"),
    ("five years ago", "past", "2011", "year"),
    ("in two weeks", "future", "2016-11-07/2016-11-13", "week"),
    ("in three days", "future", "2016-10-28", "day"),
    ("the past two weeks", "past", "2016-10-11/2016-10-25", "day"),
    ("the next three days", "future", "2016-10-25/2016-10-28", "day"),
    ("Oct. 5", "past", "2016-10-05", "day"),
    ("Nov. 8", "present", "2016-11-08", "day"),
    ("Nov. 8", "past", "2015-11-08", "day"),
    ("3rd of May", "past", "2016-05-03", "day"),
    ("25 October 2016", "past", "2016-10-25", "day"),
    ("Oct. 25, 2016", "future", "2016-10-25", "day"),
    ("2016-10-03", "past", "2016-10-03", "day"),
    ("25/10/2016", "past", "2016-10-25", "day"),
    ("10/11/2016", "past", None, "day"),
    ("October 2016", "past", "2016-10", "month"),
    ("March", "past", "2016-03", "month"),
    ("March", "future", "2017-03", "month"),
    ("March", "present", "2016-03", "month"),
    ("November", "past", "2015-11", "month"),
    ("October", "future", "2016-10", "month"),
    ("last March", "past", "2016-03", "month"),
    ("next March", "past", "2017-03", "month"),
    ("2014", "past", "2014", "year"),
    ("mid-2015", "past", "2015", "year"),
    ("the 1990s", "past", "1990/1999", "year"),
    ("between 3 and 5 May", "past", "2016-05-03/2016-05-05", "day"),
    ("May 3-5", "future", "2017-05-03/2017-05-05", "day"),
    ("Sept. 30 to Oct. 2", "past", "2016-09-30/2016-10-02", "day"),
    ("Oct. 25-27, 2016", "past", "2016-10-25/2016-10-27", "day"),
    ("from March to June 2015", "past", "2015-03/2015-06", "month"),
    ("between March and December", "past", "2015-03/2015-12", "month"),
    ("2010 to 2014", "past", "2010/2014", "year"),
    ("2015-16", "past", "2015/2016", "year"),
    ("the second week", "past", None, "week"),
    ("the past", "past", None, None),
    ("the next day", "past", None, None),
])
def test_resolve(text: str, tense: dates.Tense, value: str | None, granularity: str | None) -> None:
    res = resolve(text, TUE, tense)
    assert (res.value, res.granularity) == (value, granularity)


@pytest.mark.parametrize("text, tense, pub, value", [
    ("Dec. 28", "past", date(2017, 1, 2), "2016-12-28"),
    ("Jan. 3", "future", date(2016, 12, 30), "2017-01-03"),
    ("March", "future", date(2016, 12, 14), "2017-03"),
    ("last week", "past", date(2017, 1, 2), "2016-12-26/2017-01-01"),
    ("last month", "past", date(2017, 1, 2), "2016-12"),
    ("30 December to 2 January", "past", date(2017, 1, 5), "2016-12-30/2017-01-02"),
    ("yesterday", "past", date(2020, 3, 1), "2020-02-29"),
    ("Feb. 29", "past", date(2021, 3, 1), "2020-02-29"),
    ("a year ago", "past", date(2020, 2, 29), "2019"),
])
def test_year_boundaries_and_leap_days(text: str, tense: dates.Tense, pub: date, value: str) -> None:
    assert resolve(text, pub, tense).value == value


@pytest.mark.parametrize("text, value", [
    ("Tuesday", None), ("last week", None), ("tomorrow", None), ("three days ago", None), ("March", None),
    ("Oct. 5", None), ("next year", None),
    ("25 October 2016", "2016-10-25"), ("2014", "2014"), ("from March to June 2015", "2015-03/2015-06"),
])
def test_without_a_publication_date_only_absolute_dates_resolve(text: str, value: str | None) -> None:
    assert resolve(text, None, "past").value == value


@pytest.mark.parametrize("text, skipped", [
    ("55-year-old", True), ("aged 55", True), ("three days", True), ("for years", True), ("decades", True),
    ("two hours", True), ("annual", True), ("10-year", True), ("the week", True),
    ("three days ago", False), ("the past", False), ("Tuesday", False), ("last week", False),
    ("in two weeks", False),
])
def test_ages_durations_and_frequencies_are_not_points(text: str, skipped: bool) -> None:
    assert not_a_point(text) is skipped


def test_ordinal_period() -> None:
    assert ordinal_period("the second week") == (2, "week")
    assert ordinal_period("the 3rd day") == (3, "day")
    assert ordinal_period("last week") is None


def test_start_and_end_of_values() -> None:
    assert (start_of("2016"), end_of("2016")) == (date(2016, 1, 1), date(2016, 12, 31))
    assert (start_of("2016-02"), end_of("2016-02")) == (date(2016, 2, 1), date(2016, 2, 29))
    assert (start_of("2016-12-26/2017-01-01"), end_of("2016-12-26/2017-01-01")) == (date(2016, 12, 26),
                                                                                       date(2017, 1, 1))


# ---- tense from the parse ----------------------------------------------------------------------------------
def said_on(day: str, published: str) -> Doc:
    return parsed(("Carter", "PROPN", "nsubj", 1, ""), ("said", "VERB", "ROOT", 1, PAST, "say"),
                  ("on", "ADP", "prep", 1, ""), (day, "PROPN", "pobj", 2, ""), (".", "PUNCT", "punct", 1, ""),
                  ents=((3, 4, "DATE"),), published=published)


def will_meet_on(day: str, published: str) -> Doc:
    return parsed(("Ministers", "NOUN", "nsubj", 2, ""), ("will", "AUX", "aux", 2, "VerbForm=Fin"),
                  ("meet", "VERB", "ROOT", 2, INF), ("on", "ADP", "prep", 2, ""), (day, "PROPN", "pobj", 3, ""),
                  (".", "PUNCT", "punct", 2, ""), ents=((4, 5, "DATE"),), published=published)


@pytest.mark.parametrize("build, published, value", [
    (said_on, "2016-10-25", "2016-10-25"),  # the same day
    (said_on, "2016-10-26", "2016-10-25"),
    (said_on, "2016-10-24T09:30:00+00:00", "2016-10-18"),
    (will_meet_on, "2016-10-24", "2016-10-25"),
    (will_meet_on, "2016-10-26", "2016-11-01"),
    (will_meet_on, "2016-10-25", "2016-10-25"),  # later on publication day
])
def test_weekday_direction_follows_the_tense(build, published: str, value: str) -> None:  # type: ignore[no-untyped-def]
    assert values(build("Tuesday", published)) == {"Tuesday": value}


def test_the_date_follows_its_own_verb_not_the_sentence() -> None:
    """ "X will overlap with Y, Carter said on Tuesday": Tuesday hangs on "said"."""
    doc = parsed(("It", "PRON", "nsubj", 2, ""), ("will", "AUX", "aux", 2, "VerbForm=Fin"),
                 ("overlap", "VERB", "ccomp", 5, INF), (",", "PUNCT", "punct", 5, ""),
                 ("Carter", "PROPN", "nsubj", 5, ""), ("said", "VERB", "ROOT", 5, PAST, "say"),
                 ("on", "ADP", "prep", 5, ""), ("Friday", "PROPN", "pobj", 6, ""), (".", "PUNCT", "punct", 5, ""),
                 ents=((7, 8, "DATE"),))
    assert values(doc) == {"Friday": "2016-10-21"}


def infinitive(intent: str, lemma: str, pos: str, morph: str) -> Doc:
    """ "The report is due to appear on Friday ." / "The report still <plans> to appear on Friday ."."""
    if pos == "ADJ":  # "due" hangs on "is"
        lead = [("The", "DET", "det", 1, ""), ("report", "NOUN", "nsubj", 2, ""),
                ("is", "AUX", "ROOT", 2, PRES, "be"), (intent, "ADJ", "acomp", 2, "", lemma)]
    else:
        lead = [("The", "DET", "det", 1, ""), ("report", "NOUN", "nsubj", 3, ""), ("still", "ADV", "advmod", 3, ""),
                (intent, "VERB", "ROOT", 3, morph, lemma)]
    tail = [("to", "PART", "aux", 5, ""), ("appear", "VERB", "xcomp", 3, INF), ("on", "ADP", "prep", 5, ""),
            ("Friday", "PROPN", "pobj", 6, ""), (".", "PUNCT", "punct", lead[1][3], "")]
    return parsed(*lead, *tail, ents=((7, 8, "DATE"),))


@pytest.mark.parametrize("intent, lemma, pos, morph, value", [
    ("due", "due", "ADJ", "", "2016-10-28"),
    ("plans", "plan", "VERB", PRES, "2016-10-28"),
    ("hopes", "hop", "VERB", PRES, "2016-10-28"),  # a lemmatizer slip must not hide the intent
    ("planned", "plan", "VERB", PAST, "2016-10-21"),
    ("decided", "decide", "VERB", PAST, "2016-10-21"),
])
def test_intent_with_an_infinitive_points_forward(intent: str, lemma: str, pos: str, morph: str,
                                                  value: str) -> None:
    assert values(infinitive(intent, lemma, pos, morph)) == {"Friday": value}


@pytest.mark.parametrize("aux, aux_morph, value", [
    ("is", PRES, "2016-10-29"), ("was", "Tense=Past|VerbForm=Fin", "2016-10-22"),
])
def test_planned_for_follows_its_auxiliary(aux: str, aux_morph: str, value: str) -> None:
    doc = parsed(("Talks", "NOUN", "nsubjpass", 2, ""), (aux, "AUX", "auxpass", 2, aux_morph, "be"),
                 ("planned", "VERB", "ROOT", 2, "Aspect=Perf|Tense=Past|VerbForm=Part", "plan"),
                 ("for", "ADP", "prep", 2, ""), ("Saturday", "PROPN", "pobj", 3, ""), (".", "PUNCT", "punct", 2, ""),
                 ents=((4, 5, "DATE"),))
    assert values(doc) == {"Saturday": value}


@pytest.mark.parametrize("main, value", [("delayed", "2016-10-30"), ("postponed", "2016-10-23")])
def test_reduced_schedule_participle_takes_the_main_clause(main: str, value: str) -> None:
    """ "The vote , set for Sunday , could be delayed ." / "... , was postponed ."."""
    if main == "delayed":
        verb = [("could", "AUX", "aux", 8, "VerbForm=Fin"), ("be", "AUX", "auxpass", 8, INF),
                (main, "VERB", "ROOT", 8, "Aspect=Perf|Tense=Past|VerbForm=Part")]
    else:
        verb = [("has", "AUX", "aux", 8, PRES, "have"), ("been", "AUX", "auxpass", 8, "Tense=Past|VerbForm=Part"),
                (main, "VERB", "ROOT", 8, "Aspect=Perf|Tense=Past|VerbForm=Part")]
    doc = parsed(("The", "DET", "det", 1, ""), ("vote", "NOUN", "nsubjpass", 8, ""), (",", "PUNCT", "punct", 1, ""),
                 ("set", "VERB", "acl", 1, "Aspect=Perf|Tense=Past|VerbForm=Part", "set"),
                 ("for", "ADP", "prep", 3, ""), ("Sunday", "PROPN", "pobj", 4, ""), (",", "PUNCT", "punct", 1, ""),
                 *verb, (".", "PUNCT", "punct", 8, ""), ents=((5, 6, "DATE"),))
    assert values(doc) == {"Sunday": value}


def test_going_to_and_progressive_are_future() -> None:
    going = parsed(("Elections", "NOUN", "nsubj", 2, ""), ("are", "AUX", "aux", 2, PRES, "be"),
                   ("going", "VERB", "ROOT", 2, "Aspect=Prog|Tense=Pres|VerbForm=Part", "go"),
                   ("to", "PART", "aux", 5, ""), ("be", "AUX", "auxpass", 5, INF),
                   ("held", "VERB", "xcomp", 2, "Aspect=Perf|Tense=Past|VerbForm=Part", "hold"),
                   ("in", "ADP", "prep", 5, ""), ("March", "PROPN", "pobj", 6, ""), (".", "PUNCT", "punct", 2, ""),
                   ents=((7, 8, "DATE"),))
    meeting = parsed(("He", "PRON", "nsubj", 2, ""), ("is", "AUX", "aux", 2, PRES, "be"),
                     ("meeting", "VERB", "ROOT", 2, "Aspect=Prog|Tense=Pres|VerbForm=Part", "meet"),
                     ("on", "ADP", "prep", 2, ""), ("Thursday", "PROPN", "pobj", 3, ""),
                     (".", "PUNCT", "punct", 2, ""), ents=((4, 5, "DATE"),))
    assert values(going) == {"March": "2017-03"}
    assert values(meeting) == {"Thursday": "2016-10-27"}


def test_present_perfect_is_past() -> None:
    doc = parsed(("Prices", "NOUN", "nsubj", 2, ""), ("have", "AUX", "aux", 2, PRES, "have"),
                 ("risen", "VERB", "ROOT", 2, "Aspect=Perf|Tense=Past|VerbForm=Part", "rise"),
                 ("since", "ADP", "prep", 2, ""), ("November", "PROPN", "pobj", 3, ""),
                 (".", "PUNCT", "punct", 2, ""), ents=((4, 5, "DATE"),))
    assert values(doc) == {"November": "2015-11"}


def test_no_verb_reads_as_present() -> None:
    doc = parsed(("Tuesday", "PROPN", "ROOT", 0, ""), ents=((0, 1, "DATE"),), published="2016-10-27")
    assert values(doc) == {"Tuesday": "2016-10-25"}


# ---- finding mentions ----------------------------------------------------------------------------------------
def plain(text: str, published: str | None = "2016-10-25") -> Doc:
    """Only words (and [entities](LABEL)): no parse, so every sentence reads as present."""
    return attach(make_doc(text), published)


def test_patterns_find_what_the_model_missed() -> None:
    doc = plain("Police said three people were killed last week and two more three days ago .")
    assert values(doc) == {"last week": "2016-10-17/2016-10-23", "three days ago": "2016-10-22"}


def test_offsets_slice_back_to_the_mention() -> None:
    doc = plain("[Carter](PERSON) spoke on Tuesday night , 25 October 2016 , about [2014](DATE) and in two weeks .")
    refs = dates.extract_dates(doc, settings=DEFAULT)
    assert [r.mention for r in refs] == ["Tuesday night", "25 October 2016", "2014", "in two weeks"]
    for ref in refs:
        assert isinstance(ref, DateRef) and doc.text[ref.start:ref.end] == ref.mention


def test_touching_pieces_join_into_one_mention() -> None:
    doc = plain("Talks ran from [3](DATE) to [5 May](DATE) in [Geneva](GPE) .")
    assert values(doc) == {"3 to 5 May": "2016-05-03/2016-05-05"}


def test_range_words_join_only_a_range() -> None:
    doc = plain("They met on [Monday](DATE) and [Tuesday](DATE) .")
    assert list(values(doc)) == ["Monday", "Tuesday"]


def test_names_block_pattern_hits_but_numbers_do_not() -> None:
    doc = plain("[Good Friday Agreement](LAW) was signed on [30/04/1998](ORG) and [10/04/1998](ORG) .")
    assert values(doc) == {"30/04/1998": "1998-04-30", "10/04/1998": None}  # the second reads two ways


def test_ages_and_durations_give_no_record() -> None:
    doc = plain("The [55-year-old](DATE) man , aged [12](DATE) , waited [three days](DATE) for [years](DATE) .")
    assert dates.extract_dates(doc, settings=DEFAULT) == []


def test_vague_references_give_a_record_without_value() -> None:
    doc = plain("As in [the past](DATE) , he resigned [the next day](DATE) at [10 a.m.](TIME)")
    assert values(doc) == {"the past": None, "the next day": None, "10 a.m.": None}


def test_without_publication_date() -> None:
    doc = plain("He left on Tuesday , 25 October 2016 , and returned last week .", published=None)
    assert values(doc) == {"Tuesday": None, "25 October 2016": "2016-10-25", "last week": None}


@pytest.mark.parametrize("published, expected", [
    ("2016-10-25", date(2016, 10, 25)), ("2016-10-25T10:00:00+02:00", date(2016, 10, 25)), (None, None),
    ("not a date", None),
])
def test_publication_date(published: str | None, expected: date | None) -> None:
    assert dates.publication_date(plain("x", published)) == expected


def test_ordinal_week_is_anchored_on_the_start_the_text_gives() -> None:
    doc = parsed(("The", "DET", "det", 1, ""), ("siege", "NOUN", "nsubj", 2, ""),
                 ("began", "VERB", "ROOT", 2, PAST, "begin"), ("on", "ADP", "prep", 2, ""),
                 ("Oct.", "PROPN", "pobj", 3, ""), ("17", "NUM", "nummod", 4, ""), (".", "PUNCT", "punct", 2, ""),
                 ("It", "PRON", "nsubj", 8, ""), ("is", "AUX", "ROOT", 8, PRES, "be"), ("in", "ADP", "prep", 8, ""),
                 ("the", "DET", "det", 12, ""), ("second", "ADJ", "amod", 12, ""),
                 ("week", "NOUN", "pobj", 9, ""), ("of", "ADP", "prep", 12, ""), ("the", "DET", "det", 15, ""),
                 ("siege", "NOUN", "pobj", 13, ""), (".", "PUNCT", "punct", 8, ""),
                 ents=((4, 6, "DATE"), (10, 13, "DATE")))
    assert values(doc) == {"Oct. 17": "2016-10-17", "the second week": "2016-10-24/2016-10-30"}


def test_ordinal_week_without_a_start_stays_unresolved() -> None:
    doc = plain("Forces were in [the second week](DATE) of a siege on [Tuesday](DATE) .")
    assert values(doc) == {"the second week": None, "Tuesday": "2016-10-25"}


def test_the_stage_fits_the_pipeline_order() -> None:
    assert set(dates.NEEDS) <= set(PARSE_GIVES) and dates.GIVES == ("dates",)
    check_order((*STAGES, Stage("dates", dates.extract_dates, dates.NEEDS, dates.GIVES)))


# ---- the invariant: tense bounds the resolved date --------------------------------------------------------------
PAST_FORMS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "last week",
              "this week", "last month", "this month", "earlier this month", "last year", "this year", "yesterday",
              "last night", "three days ago", "two weeks ago", "a month ago", "last Tuesday", "this weekend",
              "the weekend", "last weekend", "the past two weeks", "Tuesday night", "in January", "in March", "in June",
              "in December", "Oct. 5", "5 October", "Dec. 31", "between 3 and 5 May", "from March to June")
FUTURE_FORMS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "next week",
                "this week", "next month", "this month", "later this month", "next year", "this year", "tomorrow",
                "tonight", "in three days", "in two weeks", "next Tuesday", "this weekend", "next weekend",
                "the next three days", "Friday morning", "in January", "in March", "in June", "in December", "Oct. 5",
                "5 October", "Jan. 1", "May 3-5", "between March and June")


def sentence(expression: str, future: bool, tagged: bool, published: date) -> Doc:
    """ "Officials said <expression> ." or "Officials will act <expression> ." parsed by hand."""
    words = expression.split()
    if future:
        lead = [("Officials", "NOUN", "nsubj", 2, ""), ("will", "AUX", "aux", 2, "VerbForm=Fin"),
                ("act", "VERB", "ROOT", 2, INF)]
    else:
        lead = [("Officials", "NOUN", "nsubj", 1, ""), ("said", "VERB", "ROOT", 1, PAST, "say")]
    verb, first = len(lead) - 1, len(lead)
    expr = [(w, "NOUN", "npadvmod" if i == 0 else "dep", verb if i == 0 else first, "") for i, w in enumerate(words)]
    ents = ((first, first + len(words), "DATE"),) if tagged else ()
    return parsed(*lead, *expr, (".", "PUNCT", "punct", verb, ""), ents=ents, published=published.isoformat())


@hypothesis_settings(max_examples=300, deadline=None)
@given(published=st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)),
       past=st.sampled_from(PAST_FORMS), future=st.sampled_from(FUTURE_FORMS), tagged=st.booleans())
def test_past_never_after_publication_future_never_before(published: date, past: str, future: str,
                                                          tagged: bool) -> None:
    (before,) = dates.extract_dates(sentence(past, False, tagged, published), settings=DEFAULT)
    (after,) = dates.extract_dates(sentence(future, True, tagged, published), settings=DEFAULT)
    assert before.value is not None and start_of(before.value) <= published, (past, before)
    assert after.value is not None and end_of(after.value) >= published, (future, after)


# ---- the evaluation table, read without the model --------------------------------------------------------------
def table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "dates.tsv"
    path.write_text("text\tpublished\tmention\texpected\tnote\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_evaluate_dates_scores_exact_matches(tmp_path: Path) -> None:
    path = table(tmp_path,
                 "Police said three people were killed last week.\t2016-10-25\tlast week\t2016-10-17/2016-10-23\t",
                 "It happened last week.\t\tlast week\t\tno publication date",
                 "The 55-year-old man left.\t2016-10-25\t55-year-old\t-\tage",
                 "He left yesterday.\t2016-10-25\tyesterday\t2016-10-23\twrong on purpose")
    result = evaluate_dates(path, nlp=spacy.blank("en"))
    assert result["cases"] == 4 and result["exact"] == 0.75
    assert result["failures"] == [{"text": "He left yesterday.", "mention": "yesterday", "expected": "2016-10-23",
                                   "got": "2016-10-24"}]


def test_read_cases_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_cases(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("text\tmention\nx\tx\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks the columns"):
        read_cases(bad)
