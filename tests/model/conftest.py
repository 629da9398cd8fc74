"""The model-backed suite: one spaCy pipeline for the whole session."""

from __future__ import annotations

import pytest

from dateline.nlp import load_model
from dateline.settings import DEFAULT


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(DEFAULT.model)
