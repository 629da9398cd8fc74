"""Language identification (py3langid, offline): a non-English article becomes an error record."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .errors import LanguageError
from .settings import Settings

# Only this much of the text is looked at: enough to be sure, cheap on a long article.
SAMPLE_CHARS = 5000
# Below this probability the identifier is unsure and the article is let through.
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability for ``text``."""
    code, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(prob)


def check_language(text: str, *, settings: Settings, source: str) -> str | None:
    """The article's language; raises LanguageError when it is surely one the pipeline does not handle."""
    if len(text.strip()) < settings.language_min_chars:
        return None
    code, prob = detect_language(text)
    if code not in settings.languages and prob >= MIN_CONFIDENCE:
        accepted = ", ".join(settings.languages)
        raise LanguageError(
            f"the article is in language {code!r} (p={prob:.2f}); dateline handles {accepted} "
            f"(setting 'languages')", language=code, source=source)
    return code if code in settings.languages else settings.languages[0]
