"""Shared fixtures: realistic workbooks built from the seed documents, once per test session."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "seeds"))

import build  # noqa: E402  (tests/seeds/build.py)

from checker.core.reader import read_workbook  # noqa: E402


def pytest_configure(config):
    # the compiled-pattern cache (checker/core/pattern_cache.py) of the test run's own, not the
    # user's: checker processes the tests start inherit it
    os.environ.setdefault("CHECKER_CACHE_DIR", tempfile.mkdtemp(prefix="checker-test-cache-"))


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


# ---------------------------------------------------------------- Shanghai (普陀区) seeds
# tests/seeds_shanghai/build.py, loaded under its own name (tests/seeds/build.py is "build")

def _shanghai_build():
    import importlib.util

    spec = importlib.util.spec_from_file_location("shanghai_build", HERE / "seeds_shanghai" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def shanghai_path(tmp_path_factory):
    """``shanghai_path("sh_wanli_2025")`` → path of that seed's workbook in the district template
    layout (``layout="stacked"``: all tables on one sheet); built once per session."""
    sh_build = _shanghai_build()
    cache: dict[tuple[str, str], Path] = {}
    root = tmp_path_factory.mktemp("seeds_shanghai")

    def make(seed_id: str, layout: str = "template") -> Path:
        key = (seed_id, layout)
        if key not in cache:
            cache[key] = sh_build.build_workbook(seed_id, root / f"{seed_id}_{layout}.xlsx", layout)
        return cache[key]

    return make
