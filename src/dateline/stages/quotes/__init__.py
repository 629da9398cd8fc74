"""The quotes stage: who said what (see :mod:`.stage` for how).

Modules: ``stage`` (the stage), ``marks`` (quotation marks paired), ``cues`` and ``content`` (reporting cues
and what they report), ``syntax`` (parse helpers), ``attach`` (marks and cues made quotes), ``turns``
(speakers' turns in interviews and transcripts), ``speakers`` (who the speaker is), ``pieces`` (an
interrupted quote as one quote in several pieces).
"""

from .stage import GIVES, NEEDS, extract_quotes

__all__ = ["GIVES", "NEEDS", "extract_quotes"]
