"""Shared fixtures: where ../shared is, and the markers by folder (tests/model → model, tests/data → data,
tests/network → network, tests/browser → browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_DIR = SHARED / "fixtures" / "seed"
DATA_DIR = SHARED / "data"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).parts
        for folder in ("model", "data", "network", "browser"):
            if folder in parts:
                item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not (SEED_DIR / "article.txt").exists():
        pytest.skip(f"the seed fixture is not at {SEED_DIR} (clone ../shared beside the repository)")
    return SEED_DIR


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA_DIR.exists():
        pytest.skip(f"the benchmark data is not at {DATA_DIR} (clone ../shared beside the repository)")
    return DATA_DIR
