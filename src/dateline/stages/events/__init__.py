"""The events stage: who did what to whom, where and when (see :mod:`.stage` for how).

Modules: ``stage`` (the stage), ``triggers`` and ``lexicon`` (what names an event), ``happening`` (one happening,
one event), ``roles``, ``actors`` and
``states`` (who did it to whom), ``context`` and ``modality`` (where, when, how sure), ``record`` (a draft
made a record), and ``dictionary*`` (the CAMEO dictionary mode).
"""

from .stage import GIVES, NEEDS, extract_events

__all__ = ["GIVES", "NEEDS", "extract_events"]
