"""Shared fixtures: realistic workbooks built from the seed documents, once per test session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "seeds"))

import build  # noqa: E402  (tests/seeds/build.py)

from checker.core.reader import read_workbook  # noqa: E402


@pytest.fixture(scope="session")
def seed_path(tmp_path_factory):
    """``seed_path("000", "split")`` → path of that seed's workbook in that layout."""
    cache: dict[tuple[str, str], Path] = {}
    root = tmp_path_factory.mktemp("seeds")

    def make(seed_id: str, layout: str = "split") -> Path:
        key = (seed_id, layout)
        if key not in cache:
            cache[key] = build.build_workbook(seed_id, layout, root / f"seed_{seed_id}_{layout}.xlsx")
        return cache[key]

    return make


@pytest.fixture(scope="session")
def seed_doc(seed_path):
    """``seed_doc("000", "split")`` → the Disclosure read from that workbook (read once)."""
    cache = {}

    def read(seed_id: str, layout: str = "split"):
        key = (seed_id, layout)
        if key not in cache:
            cache[key] = read_workbook(seed_path(seed_id, layout))
        return cache[key]

    return read


@pytest.fixture(scope="session")
def seed_data():
    return build.load_seed
