"""The quotes stage on hand-built Docs: parses frozen from the model once, so no model loads here.

Each Doc below is a table: token, head index, dependency, part of speech, and ``_`` when a space follows
(``-`` when none does). Entities are given as records, the way the entities stage gives them.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc

from dateline import extensions
from dateline.records import Entity, Quote, Span
from dateline.settings import DEFAULT
from dateline.stages.quotes import extract_quotes
from dateline.stages.quotes.cues import find_cues

from .helpers import vocab


def _rows(table: str) -> Doc:
    """A parsed Doc from a table: token, head index, dependency, part of speech, space after (``_``) or not,
    and optionally the fine-grained tag."""
    rows = [line.split() for line in table.strip("\n").splitlines()]
    tags = [r[5] for r in rows] if all(len(r) > 5 for r in rows) else None
    return Doc(vocab(), words=[r[0] for r in rows], spaces=[r[4] == "_" for r in rows],
               heads=[int(r[1]) for r in rows], deps=[r[2] for r in rows], pos=[r[3] for r in rows], tags=tags)


def _plain(text: str) -> Doc:
    """A Doc with tokens only (no tagger, no parser): what the stage sees when the parse is missing."""
    return spacy.blank("en").make_doc(text)


def _with(doc: Doc, *entities: tuple[str, str, tuple[str, ...]]) -> Doc:
    """Attach entities (name, type, mention texts) as the entities stage would, every occurrence a mention."""
    extensions.register()
    records = []
    for name, kind, texts in entities:
        spans = sorted({(m.start(), m.end()) for t in texts for m in re.finditer(rf"\b{re.escape(t)}\b", doc.text)})
        records.append(Entity(id=name.lower(), name=name, type=kind, role=None,
                              mentions=tuple(Span(doc.text[a:b], a, b) for a, b in spans)))
    doc._.entities = tuple(records)
    doc._.article = None
    return doc


def _quotes(doc: Doc) -> list[Quote]:
    quotes = extract_quotes(doc, settings=DEFAULT)
    for q in quotes:
        assert doc.text[q.start:q.end] == q.text
        if q.speaker is not None and q.speaker.start >= 0:
            assert 0 <= q.speaker.start < q.speaker.end <= len(doc.text)
        if q.cue is not None:
            assert doc.text[q.cue.start:q.cue.end] == q.cue.text
    return quotes


def _summary(quotes: list[Quote], text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(kind, text, speaker name, speaker's words in the text, cue) for each quote."""
    return [(q.kind, q.text, q.speaker.name if q.speaker else None,
             text[q.speaker.start:q.speaker.end] if q.speaker else None, q.cue.text if q.cue else None)
            for q in quotes]


TOLD = '''
"                9 punct      PUNCT  -
Yes              5 intj       INTJ   -
,                5 punct      PUNCT  _
we               5 nsubj      PRON   _
will             5 aux        AUX    _
win              9 ccomp      VERB   -
,                9 punct      PUNCT  -
"                9 punct      PUNCT  _
Carter           9 nsubj      PROPN  _
told             9 ROOT       VERB   _
reporters        9 dobj       NOUN   -
.                9 punct      PUNCT  -
'''

ADDED = '''
"                7 punct      PUNCT  -
We               3 nsubj      PRON   _
will             3 aux        AUX    _
win              7 ccomp      VERB   -
,                7 punct      PUNCT  -
"                7 punct      PUNCT  _
Hollande         7 nsubj      PROPN  _
said             7 ROOT       VERB   -
.                7 punct      PUNCT  _
"               12 punct      PUNCT  -
Daesh           12 nsubj      PROPN  _
must            12 aux        AUX    _
go              12 ROOT       VERB   -
.               12 punct      PUNCT  _
Any             15 det        DET    _
stronghold      16 nsubj      NOUN   _
is              22 ccomp      AUX    _
a               18 det        DET    _
threat          16 attr       NOUN   -
,               22 punct      PUNCT  -
"               22 punct      PUNCT  _
he              22 nsubj      PRON   _
added           22 ROOT       VERB   -
.               22 punct      PUNCT  -
'''

GOES_ON = '''
"               14 punct      PUNCT  -
It               2 nsubj      PRON   _
is              14 ccomp      AUX    _
a                5 det        DET    _
hard             5 amod       ADJ    _
fight            2 attr       NOUN   -
,                2 punct      PUNCT  _
but              2 cc         CCONJ  _
we              10 nsubj      PRON   _
will            10 aux        AUX    _
win              2 conj       VERB   -
,               14 punct      PUNCT  -
"               14 punct      PUNCT  _
Ayrault         14 nsubj      PROPN  _
said            14 ROOT       VERB   -
.               14 punct      PUNCT  _
"               19 punct      PUNCT  -
We              19 nsubj      PRON   _
must            19 aux        AUX    _
win             19 ROOT       VERB   _
everywhere      19 advmod     ADV    -
.               19 punct      PUNCT  -
"               19 punct      PUNCT  -
'''

MIXED = '''
"               17 punct      PUNCT  -
We               3 nsubj      PRON   _
must             3 aux        AUX    _
coordinate      17 ccomp      VERB   _
with             3 prep       ADP    _
forces           4 pobj       NOUN   _
to               7 aux        PART   _
launch           3 advcl      VERB   _
a               11 det        DET    _
coordinated     11 amod       ADJ    -
"               11 punct      PUNCT  _
attack           7 dobj       NOUN   _
on              11 prep       ADP    _
the             14 det        DET    _
city            12 pobj       NOUN   -
,               17 punct      PUNCT  _
he              17 nsubj      PRON   _
said            17 ROOT       VERB   -
.               17 punct      PUNCT  -
'''

SAID_THAT = '''
The              1 det        DET    _
minister         2 nsubj      NOUN   _
said             2 ROOT       VERB   _
that             7 mark       SCONJ  _
the              5 det        DET    _
talks            7 nsubj      NOUN   _
had              7 aux        AUX    _
failed           2 ccomp      VERB   -
.                2 punct      PUNCT  -
'''

TRAILING = '''
The              1 det        DET    _
talks            3 nsubj      NOUN   _
had              3 aux        AUX    _
failed           7 ccomp      VERB   -
,                7 punct      PUNCT  _
the              6 det        DET    _
minister         7 nsubj      NOUN   _
said             7 ROOT       VERB   _
on               7 prep       ADP    _
Tuesday          8 pobj       PROPN  -
.                7 punct      PUNCT  -
'''

ACCORDING = '''
The              1 det        DET    _
plant            3 nsubj      NOUN   _
will             3 aux        AUX    _
close            3 ROOT       VERB   _
next             5 amod       ADJ    _
year             3 npadvmod   NOUN   -
,                3 punct      PUNCT  _
according        3 prep       VERB   _
to               7 prep       ADP    _
a               11 det        DET    _
company         11 compound   NOUN   _
spokesman        8 pobj       NOUN   -
.                3 punct      PUNCT  -
'''

QUOTED_AS = '''
"               10 punct      PUNCT  -
They             3 nsubj      PRON   _
are              3 aux        AUX    _
preparing       10 ccomp      VERB   _
an               5 det        DET    _
operation        3 dobj       NOUN   -
,               10 punct      PUNCT  -
"               10 punct      PUNCT  _
news             9 compound   NOUN   _
agencies        10 nsubj      NOUN   _
quoted          10 ROOT       VERB   _
Lavrov          10 dobj       PROPN  _
as              10 prep       ADP    _
saying          12 pcomp      VERB   -
.               10 punct      PUNCT  -
'''

CALLED_FOR = '''
He               1 nsubj      PRON   _
called           1 ROOT       VERB   _
for              1 prep       ADP    _
greater          5 amod       ADJ    _
intelligence     5 compound   NOUN   _
sharing          2 pobj       NOUN   -
.                1 punct      PUNCT  _
She              8 nsubj      PRON   _
called           8 ROOT       VERB   _
for             13 mark       SCONJ  _
the             11 det        DET    _
coalition       13 nsubj      NOUN   _
to              13 aux        PART   _
turn             8 advcl      VERB   _
its             15 poss       PRON   _
attention       13 dobj       NOUN   _
to              13 prep       ADP    _
the             18 det        DET    _
city            16 pobj       NOUN   -
.                8 punct      PUNCT  -
'''

TITLES = '''
The              5 det        DET    _
so               3 advmod     ADV    -
-                3 punct      PUNCT  -
called           5 amod       VERB   _
"                5 punct      PUNCT  -
caliphate        7 nsubj      NOUN   -
"                5 punct      PUNCT  _
collapsed        7 ROOT       VERB   -
.                7 punct      PUNCT  _
He              10 nsubj      PRON   _
appeared        10 ROOT       VERB   _
on              10 prep       ADP    _
"               11 punct      PUNCT  -
Fox             11 pobj       PROPN  _
and             13 cc         CCONJ  _
Friends         13 conj       PROPN  -
"               10 punct      PUNCT  _
on              10 prep       ADP    _
Monday          17 pobj       PROPN  -
.               10 punct      PUNCT  -
'''

WHO = '''
Smith            9 nsubj      PROPN  -
,                0 punct      PUNCT  _
who              3 nsubj      PRON   _
said             0 relcl      VERB   _
the              5 det        DET    _
plan             6 nsubj      NOUN   _
was              3 ccomp      AUX    _
dead             6 acomp      ADJ    -
,                0 punct      PUNCT  _
left             9 ROOT       VERB   _
the             11 det        DET    _
room             9 dobj       NOUN   -
.                9 punct      PUNCT  -
'''

COLON = '''
Obama            1 nsubj      PROPN  _
rolled           1 ROOT       VERB   _
out              1 prt        ADP    _
a                5 det        DET    _
new              5 amod       ADJ    _
message          1 dobj       NOUN   -
:                5 punct      PUNCT  _
"                5 punct      PUNCT  -
It               9 nsubj      PRON   _
is               5 acl        AUX    _
about            9 prep       ADP    _
me              10 pobj       PRON   _
and             11 cc         CCONJ  _
my              14 poss       PRON   _
record          11 conj       NOUN   -
.                1 punct      PUNCT  -
"                1 punct      PUNCT  -
'''

INTERPOSED = '''
But             11 cc         CCONJ  _
to               2 aux        PART   _
prevent         11 csubj      VERB   _
problems         2 dobj       NOUN   -
,                6 punct      PUNCT  _
he               6 nsubj      PRON   _
said            11 parataxis  VERB   -
,                6 punct      PUNCT  _
local            9 amod       ADJ    _
officials       11 nsubj      NOUN   _
should          11 aux        AUX    _
be              11 ROOT       AUX    _
vigilant        11 acomp      ADJ    -
.               11 punct      PUNCT  -
'''

NOBODY = '''
It               2 nsubjpass  PRON   _
was              2 auxpass    AUX    _
reported         2 ROOT       VERB   _
that             7 mark       SCONJ  _
the              5 det        DET    _
bridge           7 nsubj      NOUN   _
had              7 aux        AUX    _
collapsed        2 ccomp      VERB   -
.                2 punct      PUNCT  -
'''


AGENT = '''
It               2 nsubjpass  PRON   _
was              2 auxpass    AUX    _
announced        2 ROOT       VERB   _
by               2 agent      ADP    _
the              5 det        DET    _
ministry         3 pobj       NOUN   _
that            10 mark       SCONJ  _
the              8 det        DET    _
talks           10 nsubj      NOUN   _
had             10 aux        AUX    _
failed           2 ccomp      VERB   -
.                2 punct      PUNCT  -
'''

RIGGED = '''
Trump            1 nsubj      PROPN  _
said             1 ROOT       VERB   _
the              3 det        DET    _
system           6 nsubjpass  NOUN   _
was              6 auxpass    AUX    _
"                6 punct      PUNCT  -
rigged           1 ccomp      VERB   -
"                6 punct      PUNCT  _
against          6 prep       ADP    _
him              8 pobj       PRON   -
.                1 punct      PUNCT  -
'''

INNER_SAID = '''
"                9 punct      PUNCT  -
He               2 nsubj      PRON   _
said             9 ccomp      VERB   _
we               5 nsubj      PRON   _
would            5 aux        AUX    _
win              2 ccomp      VERB   -
,                9 punct      PUNCT  -
"                9 punct      PUNCT  _
Carter           9 nsubj      PROPN  _
said             9 ROOT       VERB   -
.                9 punct      PUNCT  -
'''

# "that" read as a pronoun object of the clause's verb (the model does so on some sentences): still the
# complementizer, left out of a mixed quote as of an indirect one.
THAT_AS_PRONOUN = '''
Trump             1 nsubj      PROPN  _
said              1 ROOT       VERB   _
during            1 prep       ADP    _
the               4 det        DET    _
debate            2 pobj       NOUN   _
that              7 dobj       PRON   _
he                7 nsubj      PRON   _
is                1 ccomp      AUX    _
in                7 prep       ADP    _
favor             8 pobj       NOUN   _
of                9 prep       ADP    _
"                10 punct      PUNCT  -
a                13 det        DET    _
lot              14 npadvmod   NOUN   _
worse            10 pcomp      ADJ    -
.                 1 punct      PUNCT  -
"                 1 punct      PUNCT  -
'''

TOLD_HER = '''
She               1 nsubj      PRON   _
said              1 ROOT       VERB   _
that              8 mark       SCONJ  _
after             8 prep       ADP    _
the               5 det        DET    _
vote              3 pobj       NOUN   _
an                7 det        DET    _
official          8 nsubj      NOUN   _
told              1 ccomp      VERB   _
her               8 dobj       PRON   _
the              11 det        DET    _
server           12 nsubj      NOUN   _
was               8 ccomp      AUX    _
safe             12 acomp      ADJ    -
.                 1 punct      PUNCT  -
'''

DURING = '''
Trump             1 nsubj      PROPN  _
criticized        1 ROOT       VERB   _
the               3 det        DET    _
senator           1 dobj       NOUN   _
during            1 prep       ADP    _
a                 6 det        DET    _
debate            4 pobj       NOUN   -
.                 1 punct      PUNCT  -
'''

CALLED_IT = '''
Rubio             1 nsubj      PROPN  _
called            1 ROOT       VERB   _
the               3 det        DET    _
statement         1 dobj       NOUN   _
"                 5 punct      PUNCT  -
offensive         1 oprd       ADJ    -
.                 1 punct      PUNCT  -
"                 1 punct      PUNCT  -
'''

EXPRESSED = '''
The               1 det        DET    _
governor          2 nsubj      NOUN   _
expressed         2 ROOT       VERB   _
support           2 dobj       NOUN   _
for               3 prep       ADP    _
the               6 det        DET    _
bill              4 pobj       NOUN   -
.                 2 punct      PUNCT  -
'''

WHICH_ASIDE = '''
The               1 det        DET    _
mayor             2 nsubj      NOUN   _
criticized        2 ROOT       VERB   _
the               4 det        DET    _
plan              2 dobj       NOUN   -
,                 4 punct      PUNCT  _
which             8 nsubj      PRON   _
will              8 aux        AUX    _
cost              4 relcl      VERB   _
millions          8 dobj       NOUN   -
.                 2 punct      PUNCT  -
'''

SAID_THE_SAME = '''
Most              1 amod       ADJ    _
voters            2 nsubj      NOUN   _
said              2 ROOT       VERB   _
the               4 det        DET    _
same              2 dobj       ADJ    _
of                4 prep       ADP    _
the               7 det        DET    _
senator           5 pobj       NOUN   -
.                 2 punct      PUNCT  -
'''

# With its tags: "has released" is no past tense like "said" and "called" are.
SAID_AND_CALLED = '''
She               1 nsubj      PRON   _ PRP
said              1 ROOT       VERB   _ VBD
she               4 nsubj      PRON   _ PRP
has               4 aux        AUX    _ VBZ
released          1 ccomp      VERB   _ VBN
her               6 poss       PRON   _ PRP$
returns           4 dobj       NOUN   _ NNS
and               4 cc         CCONJ  _ CC
called            4 conj       VERB   _ VBD
on                8 prep       ADP    _ IN
others            9 pobj       NOUN   _ NNS
to               12 aux        PART   _ TO
do                8 xcomp      VERB   _ VB
the              14 det        DET    _ DT
same             12 dobj       ADJ    - JJ
.                 1 punct      PUNCT  - .
'''

BYLINE = '''
(                 1 punct      PUNCT  -
Reporting         1 ROOT       VERB   _
by                1 prep       ADP    _
David             4 compound   PROPN  _
Bailey            2 pobj       PROPN  -
)                 1 punct      PUNCT  -
'''

NESTED = '''
Republicans      1 nsubj      PROPN  _
said             1 ROOT       VERB   _
the              3 det        DET    _
timing           4 nsubj      NOUN   _
was             10 ccomp      AUX    _
not              4 neg        PART   _
intentional      4 acomp      ADJ    -
;               10 punct      PUNCT  _
they            10 nsubj      PRON   _
only            10 advmod     ADV    _
learned         18 ccomp      VERB   _
of              10 prep       ADP    _
the             13 det        DET    _
deal            11 pobj       NOUN   _
on              10 prep       ADP    _
Friday          14 pobj       PROPN  -
,               18 punct      PUNCT  _
aides           18 nsubj      NOUN   _
told             1 ccomp      VERB   _
reporters       18 dobj       NOUN   -
.                1 punct      PUNCT  -
'''

TELL_TRAIL = '''
There            1 expl       PRON   _
was              9 ccomp      VERB   _
some             3 det        DET    _
movement         1 attr       NOUN   _
in               3 prep       ADP    _
both             6 det        DET    _
directions       4 pobj       NOUN   -
,                9 punct      PUNCT  _
he               9 nsubj      PRON   _
told             9 ROOT       VERB   _
the             12 det        DET    _
news            12 compound   NOUN   _
agency           9 dobj       NOUN   -
.                9 punct      PUNCT  -
'''


CLAIM = '''
Trump            2 poss       PROPN  -
's               0 case       PART   _
claim           10 nsubj      NOUN   _
that             6 mark       SCONJ  _
there            6 expl       PRON   _
have             6 aux        AUX    _
been             2 acl        AUX    _
thousands        6 attr       NOUN   _
of               7 prep       ADP    _
shootings        8 pobj       NOUN   _
is              10 ROOT       AUX    _
false           10 acomp      ADJ    -
.               10 punct      PUNCT  -
'''

CONCERN = '''
Republicans      2 nsubj      PROPN  _
have             2 aux        AUX    _
expressed        2 ROOT       VERB   _
concern          2 dobj       NOUN   _
that             8 mark       SCONJ  _
the              6 det        DET    _
policy           8 nsubj      NOUN   _
could            8 aux        AUX    _
lead             3 acl        VERB   _
to               8 prep       ADP    _
fraud            9 pobj       NOUN   -
.                2 punct      PUNCT  -
'''

REJECTED = '''
He               1 nsubj      PRON   _
rejected         1 ROOT       VERB   _
the              3 det        DET    _
claim            1 dobj       NOUN   _
that             8 mark       SCONJ  _
the              6 det        DET    _
vote             8 nsubjpass  NOUN   _
was              8 auxpass    AUX    _
rigged           3 acl        VERB   -
.                1 punct      PUNCT  -
'''

AFTER_HEAD = '''
Lenox            1 nsubj      PROPN  _
was              1 ROOT       AUX    _
a                3 det        DET    _
juggernaut       1 attr       NOUN   -
,                7 punct      PUNCT  _
Mr.              6 compound   PROPN  _
Clarke           7 nsubj      PROPN  _
said             1 parataxis  VERB   -
,                7 punct      PUNCT  _
until           11 mark       SCONJ  _
it              11 nsubj      PRON   _
went             1 advcl      VERB   _
bankrupt        11 acomp      ADJ    _
in              11 prep       ADP    _
1999            13 pobj       NUM    -
.                1 punct      PUNCT  -
'''


AFTER_SAYING = '''
After            9 prep       ADP    _
saying           0 pcomp      VERB   _
her              3 poss       PRON   _
foot             4 nsubj      NOUN   _
was              1 ccomp      AUX    _
swollen          4 acomp      ADJ    -
,                9 punct      PUNCT  _
she              9 nsubjpass  PRON   _
was              9 auxpass    AUX    _
taken            9 ROOT       VERB   _
to               9 prep       ADP    _
the             12 det        DET    _
hospital        10 pobj       NOUN   -
.                9 punct      PUNCT  -
'''

SOUNDED = '''
Obama            1 nsubj      PROPN  _
sounded          1 ROOT       VERB   _
a                3 det        DET    _
call             1 dobj       NOUN   _
for              8 mark       SCONJ  _
the              6 det        DET    _
country          8 nsubj      NOUN   _
to               8 aux        PART   _
accept           3 advcl      VERB   _
more            10 amod       ADJ    _
refugees         8 dobj       NOUN   -
.                1 punct      PUNCT  -
'''


CARTER = ("Ash Carter", "PERSON", ("Carter",))
HOLLANDE = ("Francois Hollande", "PERSON", ("Hollande",))
AYRAULT = ("Jean-Marc Ayrault", "PERSON", ("Ayrault",))
LAVROV = ("Sergei Lavrov", "PERSON", ("Lavrov",))
SMITH = ("John Smith", "PERSON", ("Smith",))
OBAMA = ("Barack Obama", "PERSON", ("Obama",))
MINISTRY = ("Ministry of Finance", "ORG", ("ministry",))


@pytest.mark.parametrize(("table", "entities", "expected"), [
    pytest.param(TOLD, [CARTER], [("direct", "Yes, we will win,", "Ash Carter", "Carter", "told")], id="told"),
    pytest.param(ADDED, [HOLLANDE], [
        ("direct", "We will win,", "Francois Hollande", "Hollande", "said"),
        ("direct", "Daesh must go. Any stronghold is a threat,", "Francois Hollande", "he", "added")],
        id="he-added-resolves-to-the-speaker-before"),
    pytest.param(GOES_ON, [AYRAULT], [
        ("direct", "It is a hard fight, but we will win,", "Jean-Marc Ayrault", "Ayrault", "said"),
        ("direct", "We must win everywhere.", "Jean-Marc Ayrault", "Ayrault", None)],
        id="a-quote-without-cue-continues-the-speaker"),
    pytest.param(MIXED, [], [
        ("mixed", 'We must coordinate with forces to launch a coordinated" attack on the city', "he", "he", "said")],
        id="partial-quote-in-a-paraphrase-is-mixed"),
    pytest.param(RIGGED, [], [("mixed", 'the system was "rigged" against him', "Trump", "Trump", "said")],
                 id="scare-quote-in-a-report-is-mixed"),
    pytest.param(SAID_THAT, [], [("indirect", "the talks had failed", "The minister", "The minister", "said")],
                 id="said-that"),
    pytest.param(TRAILING, [], [("indirect", "The talks had failed", "the minister", "the minister", "said")],
                 id="trailing-x-said"),
    pytest.param(TELL_TRAIL, [], [("indirect", "There was some movement in both directions", "he", "he", "told")],
                 id="trailing-told-the-agency"),
    pytest.param(INTERPOSED, [], [
        ("indirect", "to prevent problems, he said, local officials should be vigilant", "he", "he", "said")],
        id="interposed-he-said-without-the-writers-but"),
    pytest.param(ACCORDING, [], [("indirect", "The plant will close next year", "a company spokesman",
                                  "a company spokesman", "according to")], id="according-to"),
    pytest.param(QUOTED_AS, [LAVROV], [
        ("direct", "They are preparing an operation,", "Sergei Lavrov", "Lavrov", "quoted Lavrov as saying")],
        id="quoted-x-as-saying-is-x-not-the-agency"),
    pytest.param(AGENT, [MINISTRY], [
        ("indirect", "the talks had failed", "Ministry of Finance", "ministry", "announced")], id="passive-agent"),
    pytest.param(CALLED_FOR, [], [("indirect", "the coalition to turn its attention to the city", "She", "She",
                                   "called for")], id="called-for-a-clause-not-a-noun"),
    pytest.param(TITLES, [], [], id="scare-quotes-and-titles-are-no-quotes"),
    pytest.param(WHO, [SMITH], [("indirect", "the plan was dead", "John Smith", "who", "said")],
                 id="relative-who-said"),
    pytest.param(COLON, [OBAMA], [("direct", "It is about me and my record.", "Barack Obama", "Obama", None)],
                 id="clause-ending-in-a-colon"),
    pytest.param(INNER_SAID, [CARTER], [("direct", "He said we would win,", "Ash Carter", "Carter", "said")],
                 id="a-cue-inside-a-quote-is-not-a-cue"),
    pytest.param(NESTED, [], [("indirect", "the timing was not intentional; they only learned of the deal on Friday",
                               "Republicans", "Republicans", "said")], id="one-quote-per-content"),
    pytest.param(NOBODY, [], [("indirect", "the bridge had collapsed", None, None, "reported")],
                 id="no-speaker-is-none"),
    pytest.param(AFTER_HEAD, [], [
        ("indirect", "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999", "Mr. Clarke",
         "Mr. Clarke", "said")], id="interposed-after-the-verb"),
    pytest.param(CLAIM, [], [("indirect", "there have been thousands of shootings", "Trump", "Trump", "claim")],
                 id="reporting-noun-with-its-possessor"),
    pytest.param(CONCERN, [], [("indirect", "the policy could lead to fraud", "Republicans", "Republicans", "concern")],
                 id="reporting-noun-voiced-by-the-subject"),
    pytest.param(REJECTED, [], [("indirect", "the claim that the vote was rigged", "He", "He", "rejected")],
                 id="a-reporting-noun-of-no-one-reports-nothing"),
    pytest.param(AFTER_SAYING, [], [("indirect", "her foot was swollen", "she", "she", "saying")],
                 id="a-participle-takes-the-subject-of-its-clause"),
    pytest.param(SOUNDED, [OBAMA], [("indirect", "the country to accept more refugees", "Barack Obama", "Obama",
                                     "call for")], id="a-call-for-sounded-by-the-subject"),
    pytest.param(THAT_AS_PRONOUN, [], [("mixed", 'he is in favor of "a lot worse.', "Trump", "Trump", "said")],
                 id="a-mixed-quote-leaves-out-its-complementizer"),
    pytest.param(TOLD_HER, [], [("indirect", "after the vote an official told her the server was safe", "She", "She",
                                 "said"),
                                ("indirect", "the server was safe", "an official", "an official", "told")],
                 id="a-nested-attribution-is-part-of-the-outer-report-and-a-quote-besides"),
    pytest.param(DURING, [], [("indirect", "the senator", "Trump", "Trump", "criticized")],
                 id="when-it-was-said-is-no-part-of-it"),
    pytest.param(CALLED_IT, [], [("mixed", 'the statement "offensive.', "Rubio", "Rubio", "called")],
                 id="called-x-y-is-the-object-with-its-label"),
    pytest.param(EXPRESSED, [], [("indirect", "support for the bill", "The governor", "The governor", "expressed")],
                 id="expressed-support-for"),
    pytest.param(WHICH_ASIDE, [], [("indirect", "the plan", "The mayor", "The mayor", "criticized")],
                 id="a-which-clause-after-a-comma-is-the-writers-aside"),
    pytest.param(SAID_THE_SAME, [], [("indirect", "the same of the senator", "Most voters", "Most voters", "said")],
                 id="said-a-noun-phrase"),
    pytest.param(BYLINE, [], [], id="a-credit-line-names-its-reporter-and-quotes-no-one"),
])
def test_quotes_from_a_parse(table: str, entities: list[tuple[str, str, tuple[str, ...]]],
                             expected: list[tuple[str, str, str | None, str | None, str | None]]) -> None:
    doc = _with(_rows(table), *entities)
    assert _summary(_quotes(doc), doc.text) == expected


def test_what_the_speaker_did_besides_is_no_part_of_the_report() -> None:
    said = [q.text for q in _quotes(_with(_rows(SAID_AND_CALLED))) if q.cue and q.cue.text == "said"]
    assert said == ["she has released her returns"]
    untagged = _rows(SAID_AND_CALLED.replace(" VBD\n", " VBN\n"))
    said = [q.text for q in _quotes(_with(untagged)) if q.cue and q.cue.text == "said"]
    assert said == ["she has released her returns and called on others to do the same"]


def test_speaker_is_linked_to_its_entity() -> None:
    doc = _with(_rows(TOLD), CARTER)
    (quote,) = _quotes(doc)
    assert quote.speaker is not None
    assert (quote.speaker.entity_id, quote.speaker.name) == ("ash carter", "Ash Carter")
    assert quote.cue == Span("told", doc.text.index("told"), doc.text.index("told") + 4)
    assert (quote.start, quote.end) == (1, 1 + len("Yes, we will win,"))


# The parse hung the name after the closing mark on a word inside the quotation and gave "said" no subject.
APPOSITIVE_SPEAKER = '''
"          3  punct     PUNCT  -
We         3  nsubj     PRON   _
will       3  aux       AUX    _
win        12 ccomp     VERB   -
,          3  punct     PUNCT  -
"          12 punct     PUNCT  _
Okafor     1  appos     PROPN  -
,          6  punct     PUNCT  _
a          10 det       DET    _
party      10 compound  NOUN   _
spokesman  6  appos     NOUN   -
,          12 punct     PUNCT  _
said       12 ROOT      VERB   -
.          12 punct     PUNCT  -
'''


def test_a_name_before_its_description_and_the_cue_is_the_speaker() -> None:
    doc = _with(_rows(APPOSITIVE_SPEAKER), ("Grace Okafor", "PERSON", ("Okafor",)))
    assert _summary(_quotes(doc), doc.text) == [("direct", "We will win,", "Grace Okafor", "Okafor", "said")]
    verb_aside = _rows(APPOSITIVE_SPEAKER.replace("a          10 det       DET", "a          10 det       VERB"))
    assert [q.speaker for q in _quotes(_with(verb_aside))] == [None]  # a clause between the commas is no description


def test_unresolved_pronoun_is_named_but_not_linked_and_less_sure() -> None:
    resolved = _quotes(_with(_rows(ADDED), HOLLANDE))[1]
    alone = _quotes(_with(_rows(MIXED)))[0]
    assert alone.speaker is not None and alone.speaker.entity_id is None and alone.speaker.name == "he"
    assert 0.0 < alone.confidence < resolved.confidence <= 1.0


def test_ids_are_stable_and_distinct() -> None:
    first = [q.id for q in _quotes(_with(_rows(ADDED), HOLLANDE))]
    again = [q.id for q in _quotes(_with(_rows(ADDED), HOLLANDE))]
    assert first == again and len(set(first)) == len(first)


def test_confidence_ranks_a_cue_above_a_continuation() -> None:
    said, continued = _quotes(_with(_rows(GOES_ON), AYRAULT))
    assert 0.0 <= continued.confidence < said.confidence <= 1.0


@pytest.mark.parametrize(("text", "expected"), [
    ('He spoke. "We will fight on the beaches and in the fields and in the streets," he said.',
     [("direct", "We will fight on the beaches and in the fields and in the streets,", False)]),
    ('"And in the city, people need help. Corridors have been set up.\naw/rc (AFP, Reuters)',
     [("direct", "And in the city, people need help. Corridors have been set up.", True)]),
    ("The so-called 'caliphate' fell. Fans of \u201cThe Apprentice\u201d watched.", []),
    ("", []),
    ('" " "', []),
])
def test_without_a_parse_quotes_come_from_the_marks(text: str, expected: list[tuple[str, str, bool]]) -> None:
    doc = _with(_plain(text))
    quotes = _quotes(doc)
    assert [(q.kind, q.text, q.unterminated) for q in quotes] == expected
    assert all(q.speaker is None and q.confidence < 0.8 for q in quotes)  # below a quote with its speaker found


def test_a_signature_after_a_dash_is_the_speaker() -> None:
    doc = _with(_plain("\u201cMaybe we can build a wall around him.\u201d \u2015\u00a0Steve Quinlan.\nNext."))
    (quote,) = _quotes(doc)
    assert quote.speaker is not None and quote.speaker.name == "Steve Quinlan" and quote.cue is None


def test_transcript_turns_are_quotes_of_the_named_speaker() -> None:
    text = ('"WALLACE: Will she be there tomorrow night?\n"PENCE: She will not be attending the debate.\n'
            '"WALLACE: Thank you, governor."')
    quotes = _quotes(_with(_plain(text)))
    assert [(q.kind, q.speaker.name if q.speaker else None, q.text) for q in quotes] == [
        ("direct", "WALLACE", "Will she be there tomorrow night?"),
        ("direct", "PENCE", "She will not be attending the debate."),
        ("direct", "WALLACE", "Thank you, governor.")]


def test_a_headline_opening_with_a_name_reports_that_person() -> None:
    text = "Sanders: Clinton needs to 'get away from all of this' with Trump.\nBernie Sanders spoke on Sunday."
    quotes = _quotes(_with(_plain(text), ("Bernie Sanders", "PERSON", ("Bernie Sanders",))))
    assert [(q.kind, q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("mixed", "Clinton needs to 'get away from all of this' with Trump.", "Bernie Sanders")]
    assert _quotes(_with(_plain("US: Raqqa in sights amid the offensive\nText."))) == []


def test_the_stage_declares_what_it_needs_and_gives() -> None:
    from dateline.stages import quotes

    assert quotes.NEEDS == ("sentences", "deps", "ner", "entities") and quotes.GIVES == ("quotes",)


# An interposed cue the parse hung its sentence's opening clause on ("If …, X argues, …").
FRONTED_ON_CUE = '''
If               3 mark       SCONJ  _
the              2 det        DET    _
talks            3 nsubj      NOUN   _
fail             7 advcl      VERB   -
,                7 punct      PUNCT  _
the              6 det        DET    _
minister         7 nsubj      NOUN   _
argues          10 parataxis  VERB   -
,                7 punct      PUNCT  _
there           10 expl       PRON   _
are             10 ROOT       VERB   _
other           12 amod       ADJ    _
options         10 attr       NOUN   -
.               10 punct      PUNCT  _
'''

# An interposed cue hung from the subject of the clause it interrupts ("The difference, he told me, is …").
ON_THE_SUBJECT = '''
The              1 det        DET    _
difference       9 nsubj      NOUN   -
,                4 punct      PUNCT  _
he               4 nsubj      PRON   _
told             1 parataxis  VERB   _
me               4 dobj       PRON   _
on               4 prep       ADP    _
Friday           6 pobj       PROPN  -
,                4 punct      PUNCT  _
is               9 ROOT       AUX    _
that            12 mark       SCONJ  _
he              12 nsubj      PRON   _
won              9 ccomp      VERB   -
.                9 punct      PUNCT  _
'''

# An interposed cue the parse made the root of the sentence it interrupts ("Though …, he said, …").
ROOT_BETWEEN = '''
Though           3 mark       SCONJ  _
the              2 det        DET    _
vote             3 nsubj      NOUN   _
was              7 advcl      AUX    _
close            3 acomp      ADJ    -
,                7 punct      PUNCT  _
he               7 nsubj      PRON   _
said             7 ROOT       VERB   -
,                7 punct      PUNCT  _
the             10 det        DET    _
count           12 nsubj      NOUN   _
was             12 aux        AUX    _
fair             7 ccomp      ADJ    -
.                7 punct      PUNCT  _
'''

# A content closed by a source phrase of its own ("…, according to a poll").
SAID_ACCORDING = '''
The              1 det        DET    _
union            2 nsubj      NOUN   _
said             2 ROOT       VERB   _
turnout          4 nsubj      NOUN   _
rose             2 ccomp      VERB   -
,                4 punct      PUNCT  _
according        4 prep       VERB   _
to               6 prep       ADP    _
its              9 poss       PRON   _
count            7 pobj       NOUN   -
.                2 punct      PUNCT  _
'''


@pytest.mark.parametrize(("table", "text", "speaker", "spans"), [
    pytest.param(FRONTED_ON_CUE, "If the talks fail, the minister argues, there are other options", "the minister",
                 ["If the talks fail", "there are other options"], id="opening-clause-hung-on-the-cue"),
    pytest.param(ON_THE_SUBJECT, "The difference, he told me on Friday, is that he won", "he",
                 ["The difference", "is that he won"], id="cue-hung-on-the-subject"),
    pytest.param(ROOT_BETWEEN, "Though the vote was close, he said, the count was fair", "he",
                 ["Though the vote was close", "the count was fair"], id="cue-parsed-as-the-root"),
])
def test_an_interposed_cue_is_left_out_of_the_clause_around_it(table: str, text: str, speaker: str,
                                                               spans: list[str]) -> None:
    doc = _with(_rows(table))
    (quote,) = _quotes(doc)
    assert quote.speaker is not None
    assert (quote.kind, quote.text, doc.text[quote.speaker.start:quote.speaker.end]) == ("indirect", text, speaker)
    assert [doc.text[a:b] for a, b in quote.spans] == spans


def test_a_source_phrase_closing_a_content_is_no_part_of_it() -> None:
    doc = _rows(SAID_ACCORDING)
    contents = {c.lemma: doc[c.content[0]:c.content[1]].text for c in find_cues(doc, [False] * len(doc)) if c.content}
    assert contents == {"say": "turnout rose", "according to": "turnout rose"}


HOWEVER_TRAILING = '''
However          5 advmod     ADV    -
,                5 punct      PUNCT  _
the              3 det        DET    _
talks            5 nsubj      NOUN   _
had              5 aux        AUX    _
failed           9 ccomp      VERB   -
,                9 punct      PUNCT  _
the              8 det        DET    _
minister         9 nsubj      NOUN   _
said             9 ROOT       VERB   -
.                9 punct      PUNCT  -
'''


def test_a_reported_sentence_leaves_out_the_writers_link_to_the_one_before() -> None:
    assert [q.text for q in _quotes(_with(_rows(HOWEVER_TRAILING)))] == ["the talks had failed"]


ASKED_WHETHER = '''
She              1 nsubj      PRON   _
asked            1 ROOT       VERB   _
whether          6 mark       SCONJ  _
the              4 det        DET    _
talks            6 nsubj      NOUN   _
had              6 aux        AUX    _
failed           1 advcl      VERB   -
.                1 punct      PUNCT  _
'''


def test_an_indirect_question_is_what_was_asked() -> None:
    doc = _with(_rows(ASKED_WHETHER))
    assert _summary(_quotes(doc), doc.text) == [("indirect", "whether the talks had failed", "She", "She", "asked")]
