"""CAMEO/PETRARCH dictionary mode: read PETRARCH/TABARI verb, actor, agent and discard dictionaries and a
CAMEO→PLOVER table, and code sentences with them.

* :mod:`.reader` — the shared line reader (comments, codes, plurals) and :class:`Line`.
* :mod:`.verbs` — verb blocks, verb forms, synsets and patterns → :class:`VerbDictionary`.
* :mod:`.actors` — actors (synonyms, date restrictions), agents (plurals, ``!X!`` substitutions), discards.
* :mod:`.mapping` — the CAMEO→PLOVER table, longest prefix.
* :mod:`.match` — patterns matched against a sentence's words.
* :mod:`.load` — everything the settings name, read once and cached.
"""

from __future__ import annotations

from .actors import ActorDictionary, read_actors, read_discards
from .load import Dictionaries, load_dictionaries
from .mapping import plover_of, read_mapping
from .verbs import VerbDictionary, read_verbs

__all__ = ["ActorDictionary", "Dictionaries", "VerbDictionary", "load_dictionaries", "plover_of", "read_actors",
           "read_discards", "read_mapping", "read_verbs"]
