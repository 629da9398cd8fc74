"""The dictionaries the settings name, read once per set of paths (and file modification times)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import SettingsError
from ..settings import Settings
from .actors import ActorDictionary, Discards, read_actors, read_discards
from .mapping import read_mapping
from .verbs import VerbDictionary, read_verbs


@dataclass(frozen=True, eq=False)
class Dictionaries:
    """Everything dictionary mode reads; compared and hashed by identity (it is cached per set of files)."""

    verbs: VerbDictionary
    actors: ActorDictionary
    mapping: Mapping[str, str]
    discards: Discards = field(default_factory=Discards)


def load_dictionaries(settings: Settings) -> Dictionaries:
    """The dictionaries of ``settings.cameo_verbs`` / ``cameo_actors`` / ``cameo_discards`` and the table of
    ``cameo_to_plover``; raises :class:`~dateline.errors.SettingsError` when dictionary mode is off."""
    if not settings.cameo_verbs:
        raise SettingsError("dictionary mode needs the setting cameo_verbs")
    paths = (settings.cameo_verbs, *settings.cameo_actors, settings.cameo_discards, settings.cameo_to_plover)
    stamps = tuple(_stamp(p) for p in paths)
    return _load(settings.cameo_verbs, settings.cameo_actors, settings.cameo_discards, settings.cameo_to_plover,
                 stamps)


def _stamp(path: str) -> float:
    try:
        return os.stat(Path(path).expanduser()).st_mtime if path else 0.0
    except OSError:
        return 0.0


@lru_cache(maxsize=4)
def _load(verbs: str, actors: tuple[str, ...], discards: str, mapping: str,
          stamps: tuple[float, ...]) -> Dictionaries:
    merged = ActorDictionary()
    for path in actors:
        merged = merged.merged(read_actors(Path(path).expanduser()))
    return Dictionaries(read_verbs(Path(verbs).expanduser()), merged, read_mapping(Path(mapping).expanduser()),
                        read_discards(Path(discards).expanduser()) if discards else Discards())
